// SPDX-License-Identifier: MIT
// The `llm-program` potential (METHOD.md §5): a potential-language expression evaluated on the
// engine's flattened windows. Only window-local features can be computed from a window alone;
// series-level ones (seasonal_residual, hour_of_day, day_of_week, vae_error,
// vae_error_max_channel, rl_margin) are 0 here. The engine's windows are already scaled, so
// slope, curvature and range are in scaled units rather than the series' robust stds.
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

    /// The expression being evaluated.
    const Expr& expression() const { return m_expr; }

private:
    ProgramPotential(Expr expr, CompiledPotential program);
    Expr m_expr;
    CompiledPotential m_program;
};

} // namespace vigil::core
