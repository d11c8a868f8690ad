// SPDX-License-Identifier: MIT
// Torch-free pieces shared by the engine's translation units: scaling, missing values, windows.
#pragma once

#include "vigil/engine.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::core::ml {

/// Per-channel affine scaling (x - center) / scale, optionally clipped.
struct Scaler
{
    std::vector<double> center;
    std::vector<double> scale;
    double clip = 0.0; ///< 0 = no clipping
    /// > 0: causal rolling scaling instead of the affine one: x_t against the median and MAD of
    /// the `rolling` points before it (see rollingRobustColumn()).
    int rolling = 0;
};

/// Causal robust scaling of one channel: (x_t - median) / spread over the finite values among
/// the `context` points before t, spread = max(1.4826 MAD, median |Δx|, tiny). Needs no
/// statistics from other series or from the future, so scores mean the same on every series.
/// Missing inputs stay NaN; points with fewer than 3 finite predecessors give 0.
std::vector<double> rollingRobustColumn(const Eigen::Ref<const Eigen::VectorXd>& x, int context,
                                        double clip);

/// A series in the engine's space: selected channels, scaled, missing values filled.
struct PreparedSeries
{
    int channels = 0;
    std::int64_t length = 0;
    std::vector<float> scaled;             ///< length x channels, time-major (row t contiguous)
    std::vector<std::uint8_t> observed;    ///< length: row has at least one finite value
    std::vector<std::uint8_t> windowValid; ///< length: window ending at t is scoreable
};

/// The input channels the engine uses (selection resolved against `channels`).
Result<std::vector<int>> resolveSelection(const EngineConfig& config, int channels);

/// Median/IQR scaler over the finite values of the selected channels of every series.
Result<Scaler> fitRobustScaler(const std::vector<const Eigen::MatrixXd*>& series,
                               const std::vector<int>& selection, double clip);

/// Min-max scaler of one series (the paper's leak: fitted on the series being scored).
Scaler fitMinMaxScaler(const Eigen::MatrixXd& values, const std::vector<int>& selection);

/// Scales, forward-fills missing values in scaled space (leading gaps take the first observed
/// value; a channel with none takes 0, the scaler's centre) and marks scoreable windows.
/// Fails when the series is shorter than W or has no finite value.
Result<PreparedSeries> prepareSeries(const Eigen::MatrixXd& values,
                                     const std::vector<int>& selection, const Scaler& scaler,
                                     const EngineConfig& config, const std::string& what);

/// The N = T - W + 1 windows as rows (time-major flattening), in double for potentials.
Eigen::MatrixXd flattenWindows(const PreparedSeries& series, int window);

/// ROC AUC of `score` for labels 0/1 (others ignored); NaN when a class is missing.
double rocAucOf(const std::vector<double>& score, const std::vector<int>& label);

} // namespace vigil::core::ml
