// SPDX-License-Identifier: MIT
// The torch-free potential functions (METHOD.md §5).
#include "vigil/engine.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

namespace vigil::core {

Eigen::VectorXd HeuristicPotential::evaluate(const Eigen::MatrixXd& windows, int channels) const
{
    Eigen::VectorXd phi = Eigen::VectorXd::Zero(windows.rows());
    if (channels <= 0 || windows.cols() % channels != 0) {
        return phi;
    }
    const Eigen::Index w = windows.cols() / channels;
    for (Eigen::Index r = 0; r < windows.rows(); ++r) {
        double best = 0.0;
        for (int c = 0; c < channels; ++c) {
            double sum = 0.0, sumSq = 0.0;
            Eigen::Index n = 0;
            for (Eigen::Index k = 0; k < w; ++k) {
                const double v = windows(r, k * channels + c);
                if (std::isfinite(v)) {
                    sum += v;
                    sumSq += v * v;
                    ++n;
                }
            }
            const double newest = windows(r, (w - 1) * channels + c);
            if (n < 2 || !std::isfinite(newest)) {
                continue;
            }
            const double mean = sum / static_cast<double>(n);
            const double var = std::max(0.0, sumSq / static_cast<double>(n) - mean * mean);
            // A flat window has no spread: the newest point is then unremarkable by definition.
            if (var <= 1e-24) {
                continue;
            }
            const double z = (newest - mean) / std::sqrt(var);
            best = std::max(best, 1.0 - std::exp(-0.5 * z * z));
        }
        phi(r) = best;
    }
    return phi;
}

Eigen::VectorXd PotentialFunction::evaluateSeries(const Eigen::MatrixXd& values,
                                                  const std::vector<std::int64_t>& /*timestampsMs*/,
                                                  int window) const
{
    return Eigen::VectorXd::Zero(std::max<Eigen::Index>(0, values.rows() - window + 1));
}

Eigen::VectorXd ZeroPotential::evaluate(const Eigen::MatrixXd& windows, int /*channels*/) const
{
    return Eigen::VectorXd::Zero(windows.rows());
}

TablePotential::TablePotential(std::map<std::int64_t, double> table, double fallback)
    : m_table(std::move(table))
    , m_fallback(fallback)
{
}

Result<TablePotential> TablePotential::parse(const std::string& text, const std::string& name,
                                             double fallback)
{
    std::map<std::int64_t, double> table;
    std::istringstream in(text);
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (const auto hash = line.find('#'); hash != std::string::npos) {
            line.resize(hash);
        }
        std::istringstream fields(line);
        std::int64_t index = 0;
        double phi = 0.0;
        if (!(fields >> index)) {
            std::string rest;
            fields.clear();
            if (fields >> rest) {
                return fail(name + ":" + std::to_string(lineNo) +
                            ": expected a window index (integer), found '" + rest + "'");
            }
            continue; // blank line
        }
        if (!(fields >> phi)) {
            return fail(name + ":" + std::to_string(lineNo) + ": expected φ after index " +
                        std::to_string(index));
        }
        std::string extra;
        if (fields >> extra) {
            return fail(name + ":" + std::to_string(lineNo) + ": unexpected '" + extra +
                        "' after 'index phi'");
        }
        if (index < 0) {
            return fail(name + ":" + std::to_string(lineNo) + ": negative window index");
        }
        if (!(phi >= 0.0 && phi <= 1.0)) {
            return fail(name + ":" + std::to_string(lineNo) + ": φ must lie in [0, 1], found " +
                        std::to_string(phi));
        }
        if (!table.emplace(index, phi).second) {
            return fail(name + ":" + std::to_string(lineNo) + ": window " + std::to_string(index) +
                        " appears twice");
        }
    }
    return TablePotential(std::move(table), fallback);
}

Result<TablePotential> TablePotential::load(const std::string& path, double fallback)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        return fail(path + ": cannot open the potential table");
    }
    std::ostringstream text;
    text << file.rdbuf();
    return parse(text.str(), path, fallback);
}

Eigen::VectorXd TablePotential::evaluate(const Eigen::MatrixXd& windows, int /*channels*/) const
{
    Eigen::VectorXd phi = Eigen::VectorXd::Constant(windows.rows(), m_fallback);
    for (const auto& [index, value] : m_table) {
        if (index < windows.rows()) {
            phi(index) = value;
        }
    }
    return phi;
}

} // namespace vigil::core
