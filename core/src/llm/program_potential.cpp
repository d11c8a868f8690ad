// SPDX-License-Identifier: MIT
#include "vigil/program_potential.h"

#include "vigil/window_features.h"

#include <algorithm>
#include <utility>

namespace vigil::core {

ProgramPotential::ProgramPotential(Expr expr, CompiledPotential program)
    : m_expr(std::move(expr))
    , m_program(std::move(program))
{
}

Result<ProgramPotential> ProgramPotential::parse(std::string_view expression)
{
    auto expr = parsePotential(expression);
    if (!expr) {
        return expr.error();
    }
    return create(std::move(expr).value());
}

Result<ProgramPotential> ProgramPotential::create(Expr expression)
{
    auto program = CompiledPotential::compile(expression, featureNames());
    if (!program) {
        return program.error();
    }
    return ProgramPotential(std::move(expression), std::move(program).value());
}

Eigen::VectorXd ProgramPotential::evaluate(const Eigen::MatrixXd& windows, int channels) const
{
    auto features = computeFlatWindowFeatures(windows, channels);
    if (!features) {
        // The interface has no error channel: malformed input means no prior.
        return Eigen::VectorXd::Zero(windows.rows());
    }
    return m_program.evaluate(features->values);
}

Eigen::VectorXd ProgramPotential::evaluateSeries(const Eigen::MatrixXd& values,
                                                 const std::vector<std::int64_t>& timestampsMs,
                                                 int window) const
{
    auto features = computeWindowFeatures(values, timestampsMs, window);
    if (!features) {
        // As evaluate(): no error channel, so input the features refuse gives no prior.
        return Eigen::VectorXd::Zero(std::max<Eigen::Index>(0, values.rows() - window + 1));
    }
    return m_program.evaluate(features->values);
}

} // namespace vigil::core
