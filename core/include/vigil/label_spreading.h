// SPDX-License-Identifier: MIT
// Label spreading (Zhou et al. 2004) on a fully connected RBF graph, as scikit-learn's
// LabelSpreading(kernel='rbf'): the `paper` preset's label propagation (METHOD.md §6).
//
// W_ij = exp(-gamma |x_i - x_j|^2) with a zero diagonal, S = D^-1/2 W D^-1/2 (a sample with
// degree 0 keeps degree 1), F <- alpha S F + (1 - alpha) Y, then rows are normalised.
// The graph is dense: its lower triangle in doubles takes 4 N^2 bytes (1.6 GB at N = 20 000),
// and time grows as N^2, hence maxSamples. The default preset's sparse k-nearest-neighbour
// propagation is the scalable one.
#pragma once

#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace vigil::core {

inline constexpr int kUnlabelled = -1; ///< label of a sample whose class is unknown

/// Label spreading settings; the defaults are sklearn's, which the paper uses.
struct LabelSpreadingConfig
{
    double gamma = 20.0;     ///< RBF kernel width
    double alpha = 0.2;      ///< weight of the neighbours against the initial labels
    int maxIterations = 30;  ///< iteration cap
    double tolerance = 1e-3; ///< stop when sum |F - F_prev| < tolerance (sklearn); 0 = never
    std::int64_t maxSamples = 20000; ///< refuse larger inputs (the graph is dense N x N)
};

/// Per-sample outcome of label spreading over classes 0 and 1.
struct LabelSpreadingResult
{
    Eigen::MatrixXd distribution; ///< N x 2, rows sum to 1 (all 0 when no label reaches it)
    std::vector<int> predicted;   ///< argmax class 0/1; kUnlabelled when no label reaches it
    Eigen::VectorXd entropy;      ///< Shannon entropy in nats; +inf when no label reaches it
    int iterations = 0;           ///< iterations run
};

/// The N x 2 one-hot matrix of `labels` (rows of unlabelled samples are zero). The Error names
/// the first label that is not -1, 0 or 1, or says that nothing is labelled; `who` starts it.
Result<Eigen::MatrixXd> oneHotLabels(std::span<const int> labels, const std::string& who);

/// Spreads `labels` (kUnlabelled, 0 or 1 per row of `x`) over the rows of `x`.
/// Fails when sizes differ, a label is not -1/0/1, nothing is labelled, or N > maxSamples.
Result<LabelSpreadingResult> spreadLabels(const Eigen::MatrixXd& x, std::span<const int> labels,
                                          const LabelSpreadingConfig& config = {});

/// Indices of the (at most) k unlabelled samples with the lowest entropy, most certain first
/// (ties by index); samples that no label reached are never chosen. The paper takes k = 200.
std::vector<std::int64_t> lowestEntropyUnlabelled(const LabelSpreadingResult& result,
                                                  std::span<const int> labels, std::int64_t k);

} // namespace vigil::core
