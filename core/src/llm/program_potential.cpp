// SPDX-License-Identifier: MIT
#include "vigil/program_potential.h"

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

} // namespace vigil::core
