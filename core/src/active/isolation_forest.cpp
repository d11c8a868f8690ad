// SPDX-License-Identifier: MIT
#include "vigil/isolation_forest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>

namespace vigil::core {
namespace {

constexpr double kEulerGamma = 0.57721566490153286061;

// Our own draws from the engine (not std::uniform_*_distribution, whose algorithms differ
// between standard libraries) so a seed gives the same forest with any toolchain.
std::size_t drawIndex(std::mt19937_64& rng, std::size_t n)
{
    return static_cast<std::size_t>(rng() % n); // bias n / 2^64: negligible
}

double drawUnit(std::mt19937_64& rng)
{
    return static_cast<double>(rng() >> 11) * 0x1.0p-53; // [0, 1)
}

/// Builds one tree over the rows idx[begin, end) of `x`.
class TreeBuilder
{
public:
    TreeBuilder(const Eigen::MatrixXd& x, std::vector<Eigen::Index>& idx,
                std::vector<Eigen::Index>& features, int maxDepth, std::mt19937_64& rng)
        : m_x(x)
        , m_idx(idx)
        , m_features(features)
        , m_maxDepth(maxDepth)
        , m_rng(rng)
    {
    }

    template <class Node>
    int build(std::vector<Node>& nodes, std::size_t begin, std::size_t end, int depth)
    {
        const int self = static_cast<int>(nodes.size());
        nodes.emplace_back();
        const std::size_t n = end - begin;
        if (depth < m_maxDepth && n > 1) {
            Eigen::Index feature = -1;
            double lo = 0.0, hi = 0.0;
            if (pickFeature(begin, end, &feature, &lo, &hi)) {
                double threshold = lo + drawUnit(m_rng) * (hi - lo);
                if (threshold >= hi) { // rounding; sklearn falls back to the minimum too
                    threshold = lo;
                }
                const auto first = m_idx.begin() + static_cast<std::ptrdiff_t>(begin);
                const auto last = m_idx.begin() + static_cast<std::ptrdiff_t>(end);
                const auto mid = std::partition(
                    first, last, [&](Eigen::Index r) { return m_x(r, feature) <= threshold; });
                const auto split = begin + static_cast<std::size_t>(mid - first);
                const int left = build(nodes, begin, split, depth + 1);
                const int right = build(nodes, split, end, depth + 1);
                nodes[self].feature = static_cast<int>(feature);
                nodes[self].threshold = threshold;
                nodes[self].left = left;
                nodes[self].right = right;
                return self;
            }
        }
        nodes[self].pathLength = depth + averagePathLength(static_cast<double>(n));
        return self;
    }

private:
    /// A uniformly drawn feature that is not constant on the node (false when all are).
    bool pickFeature(std::size_t begin, std::size_t end, Eigen::Index* feature, double* lo,
                     double* hi)
    {
        for (std::size_t j = 0; j < m_features.size(); ++j) {
            std::swap(m_features[j], m_features[j + drawIndex(m_rng, m_features.size() - j)]);
            const Eigen::Index f = m_features[j];
            double mn = std::numeric_limits<double>::infinity();
            double mx = -mn;
            for (std::size_t i = begin; i < end; ++i) {
                const double v = m_x(m_idx[i], f);
                if (!std::isnan(v)) {
                    mn = std::min(mn, v);
                    mx = std::max(mx, v);
                }
            }
            if (mx > mn && std::isfinite(mx - mn)) {
                *feature = f;
                *lo = mn;
                *hi = mx;
                return true;
            }
        }
        return false;
    }

    const Eigen::MatrixXd& m_x;
    std::vector<Eigen::Index>& m_idx;
    std::vector<Eigen::Index>& m_features;
    int m_maxDepth;
    std::mt19937_64& m_rng;
};

} // namespace

double averagePathLength(double n)
{
    if (n <= 1.0) {
        return 0.0;
    }
    if (n <= 2.0) {
        return 1.0;
    }
    return 2.0 * (std::log(n - 1.0) + kEulerGamma) - 2.0 * (n - 1.0) / n;
}

IsolationForest::IsolationForest(IsolationForestConfig config)
    : m_config(config)
{
}

Status IsolationForest::fit(const Eigen::MatrixXd& x)
{
    if (x.rows() == 0 || x.cols() == 0) {
        return fail("isolation forest: nothing to fit (" + std::to_string(x.rows()) + " x " +
                    std::to_string(x.cols()) + " matrix)");
    }
    if (m_config.nEstimators < 1 || m_config.maxSamples < 1) {
        return fail("isolation forest: nEstimators and maxSamples must be at least 1");
    }
    if (!(m_config.maxFeatures > 0.0 && m_config.maxFeatures <= 1.0)) {
        return fail("isolation forest: maxFeatures must be in (0, 1], got " +
                    std::to_string(m_config.maxFeatures));
    }
    m_nodes.clear();
    m_roots.clear();
    m_columns = x.cols();
    m_psi = std::min<std::int64_t>(m_config.maxSamples, x.rows());
    const int maxDepth = static_cast<int>(std::ceil(std::log2(static_cast<double>(m_psi))));
    const auto featuresPerTree = std::max<std::size_t>(
        1, static_cast<std::size_t>(m_config.maxFeatures * static_cast<double>(x.cols())));

    std::mt19937_64 rng(m_config.seed);
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(x.rows()));
    std::iota(rows.begin(), rows.end(), Eigen::Index{0});
    std::vector<Eigen::Index> allFeatures(static_cast<std::size_t>(x.cols()));
    std::iota(allFeatures.begin(), allFeatures.end(), Eigen::Index{0});
    std::vector<Eigen::Index> sample(static_cast<std::size_t>(m_psi));
    std::vector<Eigen::Index> features(featuresPerTree);

    m_roots.reserve(static_cast<std::size_t>(m_config.nEstimators));
    for (int t = 0; t < m_config.nEstimators; ++t) {
        // A partial Fisher-Yates shuffle of any permutation draws a uniform subset, so `rows`
        // need not be reset between trees.
        for (std::size_t i = 0; i < sample.size(); ++i) {
            std::swap(rows[i], rows[i + drawIndex(rng, rows.size() - i)]);
            sample[i] = rows[i];
        }
        if (featuresPerTree < allFeatures.size()) {
            for (std::size_t i = 0; i < featuresPerTree; ++i) {
                std::swap(allFeatures[i], allFeatures[i + drawIndex(rng, allFeatures.size() - i)]);
            }
        }
        std::copy_n(allFeatures.begin(), featuresPerTree, features.begin());
        TreeBuilder builder(x, sample, features, maxDepth, rng);
        m_roots.push_back(builder.build(m_nodes, 0, sample.size(), 0));
    }
    return {};
}

Result<Eigen::VectorXd> IsolationForest::scores(const Eigen::MatrixXd& x) const
{
    if (!fitted()) {
        return fail("isolation forest: scores() called before fit()");
    }
    if (x.cols() != m_columns) {
        return fail("isolation forest: fitted on " + std::to_string(m_columns) +
                    " columns, asked to score " + std::to_string(x.cols()));
    }
    const double norm = averagePathLength(static_cast<double>(m_psi));
    Eigen::VectorXd depth = Eigen::VectorXd::Zero(x.rows());
    // Trees outer, rows inner: one tree stays in cache and column reads run forward.
    for (const int root : m_roots) {
        for (Eigen::Index r = 0; r < x.rows(); ++r) {
            const Node* node = &m_nodes[static_cast<std::size_t>(root)];
            while (node->feature >= 0) {
                const int next = x(r, node->feature) <= node->threshold ? node->left : node->right;
                node = &m_nodes[static_cast<std::size_t>(next)];
            }
            depth[r] += node->pathLength;
        }
    }
    const auto trees = static_cast<double>(m_roots.size());
    Eigen::VectorXd out(x.rows());
    for (Eigen::Index r = 0; r < x.rows(); ++r) {
        // psi = 1 leaves c(psi) = 0: sklearn's convention is then a neutral 0.5.
        out[r] = norm > 0.0 ? std::exp2(-depth[r] / (trees * norm)) : 0.5;
    }
    return out;
}

double thresholdForContamination(const Eigen::VectorXd& scores, double contamination)
{
    std::vector<double> v;
    v.reserve(static_cast<std::size_t>(scores.size()));
    for (const double s : scores) {
        if (!std::isnan(s)) {
            v.push_back(s);
        }
    }
    if (v.empty()) {
        return std::numeric_limits<double>::infinity();
    }
    std::sort(v.begin(), v.end());
    const double q = std::clamp(1.0 - contamination, 0.0, 1.0);
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    const double frac = pos - static_cast<double>(lo);
    return v[lo] + frac * (v[hi] - v[lo]);
}

} // namespace vigil::core
