// SPDX-License-Identifier: MIT
// Evaluation metrics (METHOD.md §7): point-wise and point-adjusted precision/recall/F1, AUC-PR
// (average precision), ROC AUC and the best-F1 threshold of a continuous score.
//
// Every function scores the range [from, T) of its inputs (the benchmarks start at step W, the
// first step with a full window). Ground truth and predictions are 0/1 bytes (any non-zero byte
// counts as 1). In scores, NaN is the lowest possible score: it counts as -inf.
// Inputs of different lengths, or `from` outside [0, T], are an Error.
#pragma once

#include "vigil/result.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace vigil::core {

/// Confusion counts and the rates made from them; a 0/0 rate is 0 (zero_division = 0).
struct PointMetrics
{
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    std::int64_t tp = 0;
    std::int64_t fp = 0;
    std::int64_t fn = 0;
    std::int64_t tn = 0;

    /// fp / (fp + tn); 0 when there is no negative point. Reported for series without anomalies.
    double falsePositiveRate() const
    {
        return fp + tn > 0 ? static_cast<double>(fp) / static_cast<double>(fp + tn) : 0.0;
    }
};

/// A threshold on a score (flag where score >= threshold) and what it achieves.
struct ThresholdChoice
{
    double threshold = std::numeric_limits<double>::infinity(); ///< +inf flags nothing
    PointMetrics metrics;
};

/// Precision, recall and F1 of `predicted` against `truth` over [from, T).
Result<PointMetrics> pointMetrics(std::span<const std::uint8_t> predicted,
                                  std::span<const std::uint8_t> truth, std::int64_t from = 0);

/// Point-adjusted metrics: a true anomaly segment (maximal run of 1s in truth, cut to
/// [from, T)) in which any point is predicted counts as wholly detected. Inflated: report it
/// only beside the point-wise numbers.
Result<PointMetrics> pointAdjustedMetrics(std::span<const std::uint8_t> predicted,
                                          std::span<const std::uint8_t> truth,
                                          std::int64_t from = 0);

/// Average precision of `score` (as sklearn's average_precision_score): sum over distinct
/// score values, high to low, of (R_k - R_{k-1}) * P_k; equal scores form one threshold.
/// 0 when [from, T) holds no positive point (sklearn's value, with its warning).
Result<double> averagePrecision(std::span<const double> score, std::span<const std::uint8_t> truth,
                                std::int64_t from = 0);

/// Area under the ROC curve (Mann-Whitney: a tied positive/negative pair counts 1/2).
/// NaN when [from, T) holds only one class.
Result<double> rocAuc(std::span<const double> score, std::span<const std::uint8_t> truth,
                      std::int64_t from = 0);

/// The threshold, among the distinct score values in [from, T), whose rule score >= threshold
/// maximises F1 over [from, T); the highest such threshold on ties. +inf (flag nothing) when
/// no threshold reaches F1 > 0.
Result<ThresholdChoice> bestF1Threshold(std::span<const double> score,
                                        std::span<const std::uint8_t> truth, std::int64_t from = 0);
/// The same for F-beta = (1 + β²) tp / ((1 + β²) tp + β² fn + fp), β > 0: β > 1 weighs recall
/// above precision (β = 1 is bestF1Threshold()). `metrics` holds the chosen threshold's
/// precision, recall and F1.
Result<ThresholdChoice> bestFBetaThreshold(std::span<const double> score,
                                           std::span<const std::uint8_t> truth, double beta,
                                           std::int64_t from = 0);

/// A decision cut for unseen points from labelled ones: the best-F1 threshold of
/// bestF1Threshold(), moved halfway down to the next lower labelled score, so unseen points like
/// the weakest flagged labelled anomaly still pass. `fallback` when no cut reaches F1 > 0 or a
/// class is missing. Non-finite scores are ignored. With `beta` != 1 the cut maximises F-beta
/// instead (bestFBetaThreshold()).
double labelledDecisionCut(std::span<const double> score, std::span<const std::uint8_t> truth,
                           double fallback, double beta = 1.0);

/// 1 where score >= threshold, else 0. NaN (score or threshold) counts as -inf, as above.
std::vector<std::uint8_t> flagAtOrAbove(std::span<const double> score, double threshold);

} // namespace vigil::core
