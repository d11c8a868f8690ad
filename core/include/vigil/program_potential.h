// SPDX-License-Identifier: MIT
// The `llm-program` potential (METHOD.md §5): a potential-language expression. The engine
// evaluates it on each whole training series (evaluateSeries), with the same features that
// `vigil-cli potential` measures its AUC on and `explain` shows: the seasonal residual, the
// hour and weekday of calendar timestamps, and slope/curvature/range in robust stds of the
// series. The model's own features (vae_error, vae_error_max_channel, rl_margin) are 0 there:
// the model they describe is the one being trained.
//
// evaluate() on flattened windows alone is kept for callers without the series: there the
// series-level features are 0 too, and the windows' own units are taken as the series' (the
// engine's windows are already scaled).
//
// Thread rules: immutable after creation; evaluate() may run concurrently.
#pragma once

#include "vigil/engine.h"
#include "vigil/potential_language.h"

#include <string>
#include <string_view>

namespace vigil::core {

/// A parsed potential expression as a PotentialFunction.
class ProgramPotential final : public PotentialFunction
{
public:
    /// Parses and validates `expression` against the feature catalogue.
    static Result<ProgramPotential> parse(std::string_view expression);
    /// Wraps an already parsed expression (fails if it names a feature outside the catalogue).
    static Result<ProgramPotential> create(Expr expression);

    Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const override;
    std::string name() const override { return "program"; }
    bool readsWholeSeries() const override { return true; }
    Eigen::VectorXd evaluateSeries(const Eigen::MatrixXd& values,
                                   const std::vector<std::int64_t>& timestampsMs,
                                   int window) const override;

    /// The expression being evaluated.
    const Expr& expression() const { return m_expr; }

private:
    ProgramPotential(Expr expr, CompiledPotential program);
    Expr m_expr;
    CompiledPotential m_program;
};

} // namespace vigil::core
