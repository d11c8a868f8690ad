// SPDX-License-Identifier: MIT
// Isolation forest (Liu, Ting, Zhou 2008), built as scikit-learn's IsolationForest: random
// subsamples without replacement, random splits up to depth ceil(log2(psi)), path length plus
// the c(n) correction at the leaves, score 2^(-E[h(x)] / c(psi)).
//
// Thread rules: fit() mutates; the const members may run concurrently from several threads.
#pragma once

#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace vigil::core {

/// Isolation forest settings; the defaults are scikit-learn's.
struct IsolationForestConfig
{
    int nEstimators = 100;         ///< number of trees
    std::int64_t maxSamples = 256; ///< subsample size per tree, psi = min(maxSamples, n)
    double maxFeatures = 1.0; ///< fraction of the columns each tree draws (without replacement)
    std::uint64_t seed = 0;   ///< std::mt19937_64 seed; equal seeds give equal forests
};

/// Average path length of an unsuccessful BST search among n points, c(n) (0 for n <= 1).
double averagePathLength(double n);

/// An isolation forest over the rows of a matrix (rows = samples, columns = features).
class IsolationForest
{
public:
    explicit IsolationForest(IsolationForestConfig config = {});

    /// Builds the trees on the rows of `x`. Fails on an empty matrix or bad settings.
    Status fit(const Eigen::MatrixXd& x);

    /// Anomaly score in (0, 1) of each row of `x` (higher = more anomalous; 0.5 = no
    /// evidence). A NaN feature value always takes the upper branch of a split.
    Result<Eigen::VectorXd> scores(const Eigen::MatrixXd& x) const;

    bool fitted() const { return !m_roots.empty(); }
    const IsolationForestConfig& config() const { return m_config; }
    /// psi, the subsample size actually used by each tree (0 before fit).
    std::int64_t samplesPerTree() const { return m_psi; }

private:
    struct Node
    {
        int feature = -1;       ///< -1 marks a leaf
        double threshold = 0.0; ///< x[feature] <= threshold goes left
        int left = -1;
        int right = -1;
        double pathLength = 0.0; ///< leaves: depth + c(samples in the leaf)
    };

    IsolationForestConfig m_config;
    std::vector<Node> m_nodes; ///< all trees, each stored depth-first
    std::vector<int> m_roots;  ///< root node of each tree
    std::int64_t m_psi = 0;
    Eigen::Index m_columns = 0;
};

/// The score above which a `contamination` fraction of `scores` lies: the (1 - contamination)
/// quantile with linear interpolation (numpy's default), NaN scores left out (+inf when none
/// is left). Flag score > threshold, as sklearn's predict().
double thresholdForContamination(const Eigen::VectorXd& scores, double contamination = 0.01);

} // namespace vigil::core
