// SPDX-License-Identifier: MIT
// The named window features of the potential language (LLM.md, "The potential language").
//
// Rows and steps: row r of a FeatureMatrix describes the window ending at step t = r + W - 1
// (rows t-W+1..t of the series), the same convention as the engine (engine.h).
//
// Units: z-like features are in standard deviations of the window; `slope`, `curvature` and
// `range` are in robust standard deviations of the whole channel (1.4826 · MAD), so that a
// threshold written by a model means the same on every series. Features are computed per channel
// and then aggregated over channels: signed features keep the value of largest magnitude,
// non-negative ones take the maximum (see each description).
//
// Thread rules: pure functions; safe to call from any thread.
#pragma once

#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::core {

/// One feature the potential language can name.
struct FeatureInfo
{
    std::string name;
    std::string description; ///< one line, included in the LLM prompt
};

/// Every feature, in the column order of computeWindowFeatures().
const std::vector<FeatureInfo>& featureCatalogue();

/// Just the names of featureCatalogue(), in the same order.
const std::vector<std::string>& featureNames();

/// Window features: N windows x F features (column-major: one feature is one contiguous column).
struct FeatureMatrix
{
    Eigen::MatrixXd values;         ///< N x F
    std::vector<std::string> names; ///< F column names
    int window = 0;                 ///< W; row r is the window ending at step r + W - 1

    /// Column of a feature, or -1 when absent.
    int column(std::string_view name) const;
    /// Rebuilds the name -> column map after `names` changed.
    void reindex();

private:
    std::unordered_map<std::string, int> m_columns;
};

/// Per-window outputs of the engine, each empty (feature = 0), T entries (indexed by the step
/// the window ends at, as ScoreResult) or N entries (one per window). NaN entries give 0.
struct FeatureInputs
{
    Eigen::VectorXd vaeError;           ///< standardised reconstruction error -> `vae_error`
    Eigen::VectorXd vaeErrorMaxChannel; ///< worst channel's standardised error
    Eigen::VectorXd rlMargin;           ///< RL margin Q(s,1) - Q(s,0) -> `rl_margin`
};

/// Features of every window of a series (T x C values, NaN = missing; timestamps empty or T
/// epoch milliseconds). Returns max(0, T - W + 1) rows in catalogue order; W must be ≥ 3.
/// Missing values are skipped; a window with no observed value has 0 for every data feature.
Result<FeatureMatrix> computeWindowFeatures(const Eigen::MatrixXd& values,
                                            const std::vector<std::int64_t>& timestampsMs,
                                            int window, const FeatureInputs& inputs = {});

/// Window-local features of flattened windows (N x W·C, time-major as in engine.h). The values
/// are taken as already scaled (unit = 1); series-level features (seasonal_residual, hour_of_day,
/// day_of_week, vae_error, vae_error_max_channel, rl_margin) are 0.
Result<FeatureMatrix> computeFlatWindowFeatures(const Eigen::MatrixXd& windows, int channels);

/// Seasonal period of one channel by autocorrelation (lags 2..min(n/2, 5000), linear trend
/// removed, NaN skipped); 0 when no lag has autocorrelation ≥ 0.3.
int estimatePeriod(const Eigen::VectorXd& values);

} // namespace vigil::core
