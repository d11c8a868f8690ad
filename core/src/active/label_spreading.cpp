// SPDX-License-Identifier: MIT
#include "vigil/label_spreading.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace vigil::core {
namespace {

/// exp(-708) ~ 3e-308, just above the smallest normal double (exp(-708.4)).
constexpr double kExpNormalLimit = -708.0;

/// Columns of the kernel computed per GEMM; the block is (N x this) doubles.
constexpr Eigen::Index kKernelBlockColumns = 256;

/// A symmetric N x N matrix stored as its lower triangle, column by column (half the memory of
/// a dense one, and half the memory traffic per product, which is what bounds the iterations).
class PackedSymmetric
{
public:
    explicit PackedSymmetric(Eigen::Index n)
        : m_n(n)
        , m_data(static_cast<std::size_t>(n * (n + 1) / 2))
    {
    }

    /// Rows j .. N-1 of column j.
    Eigen::Map<Eigen::VectorXd> column(Eigen::Index j)
    {
        return {m_data.data() + offset(j), m_n - j};
    }
    Eigen::Map<const Eigen::VectorXd> column(Eigen::Index j) const
    {
        return {m_data.data() + offset(j), m_n - j};
    }

    /// this * f: each stored column is read once and used for both of its halves.
    Eigen::MatrixXd multiply(const Eigen::MatrixXd& f) const
    {
        Eigen::MatrixXd out = Eigen::MatrixXd::Zero(m_n, f.cols());
        for (Eigen::Index j = 0; j < m_n; ++j) {
            const auto c = column(j);
            const Eigen::Index m = m_n - j;
            out.row(j).noalias() += c.transpose() * f.bottomRows(m);
            out.bottomRows(m - 1).noalias() += c.tail(m - 1) * f.row(j);
        }
        return out;
    }

private:
    std::ptrdiff_t offset(Eigen::Index j) const { return j * m_n - j * (j - 1) / 2; }

    Eigen::Index m_n;
    std::vector<double> m_data;
};

/// S = D^-1/2 W D^-1/2 with W_ij = exp(-gamma |x_i - x_j|^2) and a zero diagonal; a sample of
/// degree 0 keeps degree 1. Distances use |a|^2 + |b|^2 - 2 a.b clamped at 0, as sklearn's
/// euclidean_distances.
PackedSymmetric normalisedAffinity(const Eigen::MatrixXd& x, double gamma)
{
    const Eigen::Index n = x.rows();
    const Eigen::VectorXd norms = x.rowwise().squaredNorm();
    PackedSymmetric s(n);
    Eigen::MatrixXd dots;
    Eigen::ArrayXd arg(n);
    Eigen::ArrayXd fast(n);
    for (Eigen::Index j0 = 0; j0 < n; j0 += kKernelBlockColumns) {
        const Eigen::Index cols = std::min(kKernelBlockColumns, n - j0);
        dots.noalias() = x.bottomRows(n - j0) * x.middleRows(j0, cols).transpose();
        for (Eigen::Index k = 0; k < cols; ++k) {
            const Eigen::Index j = j0 + k;
            const Eigen::Index m = n - j;
            arg.head(m) = -gamma * (norms.tail(m).array() + norms[j] -
                                    2.0 * dots.col(k).segment(k, m).array())
                                       .cwiseMax(0.0);
            fast.head(m) = arg.head(m).exp();
            auto col = s.column(j);
            for (Eigen::Index i = 0; i < m; ++i) {
                // Eigen's vectorised exp is exact only down to the smallest normal double;
                // below, std::exp gives numpy's denormals and its exact 0 for far points.
                col[i] = arg[i] < kExpNormalLimit ? std::exp(arg[i]) : fast[i];
            }
            col[0] = 0.0; // the diagonal
        }
    }
    const Eigen::VectorXd degree = s.multiply(Eigen::VectorXd::Ones(n));
    const Eigen::VectorXd scale =
        degree.unaryExpr([](double d) { return 1.0 / std::sqrt(d > 0.0 ? d : 1.0); });
    // One factor at a time, as sklearn's csgraph.laplacian divides: the product of two scales
    // of far samples (degrees ~1e-310) overflows to inf.
    for (Eigen::Index j = 0; j < n; ++j) {
        s.column(j).array() *= scale.tail(n - j).array();
        s.column(j).array() *= scale[j];
    }
    return s;
}

} // namespace

Result<Eigen::MatrixXd> oneHotLabels(std::span<const int> labels, const std::string& who)
{
    const auto n = static_cast<Eigen::Index>(labels.size());
    Eigen::MatrixXd y = Eigen::MatrixXd::Zero(n, 2);
    std::int64_t labelled = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const int l = labels[static_cast<std::size_t>(i)];
        if (l == 0 || l == 1) {
            y(i, l) = 1.0;
            ++labelled;
        } else if (l != kUnlabelled) {
            return fail(who + ": label " + std::to_string(l) + " of sample " + std::to_string(i) +
                        " is not -1 (unlabelled), 0 or 1");
        }
    }
    if (labelled == 0) {
        return fail(who + ": no sample is labelled");
    }
    return y;
}

Result<LabelSpreadingResult> spreadLabels(const Eigen::MatrixXd& x, std::span<const int> labels,
                                          const LabelSpreadingConfig& config)
{
    const Eigen::Index n = x.rows();
    if (static_cast<std::size_t>(n) != labels.size()) {
        return fail("label spreading: " + std::to_string(n) + " samples but " +
                    std::to_string(labels.size()) + " labels");
    }
    if (n > config.maxSamples) {
        return fail("label spreading builds a dense " + std::to_string(n) + " x " +
                    std::to_string(n) + " graph, above the limit of " +
                    std::to_string(config.maxSamples) +
                    " samples; use the sparse k-nearest-neighbour propagation (default preset) "
                    "or raise the limit");
    }
    if (!(config.gamma > 0.0) || !(config.alpha >= 0.0 && config.alpha < 1.0) ||
        config.maxIterations < 0) {
        return fail("label spreading: gamma must be > 0, alpha in [0, 1), iterations >= 0");
    }
    if (!x.allFinite()) {
        return fail("label spreading: the samples hold NaN or infinite values");
    }
    auto oneHot = oneHotLabels(labels, "label spreading");
    if (!oneHot) {
        return oneHot.error();
    }
    const Eigen::MatrixXd& y = *oneHot;

    const PackedSymmetric s = normalisedAffinity(x, config.gamma);

    LabelSpreadingResult out;
    const Eigen::MatrixXd yStatic = (1.0 - config.alpha) * y;
    Eigen::MatrixXd f = y;
    Eigen::MatrixXd previous = Eigen::MatrixXd::Zero(n, 2);
    for (int it = 0; it < config.maxIterations; ++it) {
        if (config.tolerance > 0.0 && (f - previous).cwiseAbs().sum() < config.tolerance) {
            break;
        }
        previous = f;
        f = config.alpha * s.multiply(previous) + yStatic;
        out.iterations = it + 1;
    }

    out.predicted.assign(static_cast<std::size_t>(n), kUnlabelled);
    out.entropy = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::infinity());
    for (Eigen::Index i = 0; i < n; ++i) {
        const double total = f.row(i).sum();
        if (!(total > 0.0)) {
            f.row(i).setZero();
            continue;
        }
        f.row(i) /= total;
        out.predicted[static_cast<std::size_t>(i)] = f(i, 1) > f(i, 0) ? 1 : 0;
        double h = 0.0;
        for (Eigen::Index c = 0; c < 2; ++c) {
            if (f(i, c) > 0.0) {
                h -= f(i, c) * std::log(f(i, c));
            }
        }
        out.entropy[i] = h;
    }
    out.distribution = std::move(f);
    return out;
}

std::vector<std::int64_t> lowestEntropyUnlabelled(const LabelSpreadingResult& result,
                                                  std::span<const int> labels, std::int64_t k)
{
    std::vector<std::int64_t> candidates;
    if (labels.size() != result.predicted.size() || k <= 0) {
        return candidates;
    }
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const auto e = result.entropy[static_cast<Eigen::Index>(i)];
        if (labels[i] == kUnlabelled && result.predicted[i] != kUnlabelled && std::isfinite(e)) {
            candidates.push_back(static_cast<std::int64_t>(i));
        }
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](std::int64_t a, std::int64_t b) {
        return result.entropy[a] < result.entropy[b];
    });
    if (static_cast<std::int64_t>(candidates.size()) > k) {
        candidates.resize(static_cast<std::size_t>(k));
    }
    return candidates;
}

} // namespace vigil::core
