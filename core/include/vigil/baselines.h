// SPDX-License-Identifier: MIT
// The two simple baselines every benchmark prints beside the presets (METHOD.md §7): the
// rolling-median residual and an isolation forest on sliding windows.
#pragma once

#include "vigil/isolation_forest.h"
#include "vigil/label.h"
#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::core {

/// Rolling-median residual settings.
struct RollingMedianConfig
{
    int window = 25; ///< W: the median is taken over the W steps before t
};

/// r_t = max over channels of |x_t - median(x_{t-W} .. x_{t-1})| for t >= W, 0 before.
/// NaN values are left out of the median; a channel whose x_t is NaN or whose history holds no
/// finite value adds nothing (0 when no channel is left). `values` is T x C.
Result<Eigen::VectorXd> rollingMedianResidual(const Eigen::MatrixXd& values,
                                              const RollingMedianConfig& config = {});

/// Jump score settings (see jumpScore()).
struct JumpConfig
{
    int window = 25;     ///< W: a change is compared with the median of the W changes before it
    int context = 200;   ///< the residuals whose median is the usual size of a residual
    int minHistory = 50; ///< no score until this many residuals are known
    double floor = 0.01; ///< the usual size is at least this (1 % of a min-max scaled channel)
    double cap = 10.0;   ///< scores are capped here
};

/// How unusual each step's change is, per point the largest over channels of
/// |d_t - median(d_{t-W} .. d_{t-1})| / max(1.4826 * median of that residual over the `context`
/// steps before t, floor), capped at `cap`, where d_t = x_t - x_{t-1}. 0 where it is not defined:
/// before `minHistory` residuals are known (the first W + minHistory steps) and where the step
/// has NaN on either side. The residual's own recent size is the unit, so a noisy series and a
/// quiet one score a step alike, and the cap keeps one huge spike from dwarfing every other jump of
/// its series. `unit` is T x C, each channel min-max scaled (minMaxScaledColumns()).
Result<Eigen::VectorXd> jumpScore(const Eigen::MatrixXd& unit, const JumpConfig& config = {});

/// Each channel as (x - min) / (max - min) over its finite values (the reference's per-series
/// scaling); a flat channel is shifted to 0; non-finite entries stay as they are.
Eigen::MatrixXd minMaxScaledColumns(const Eigen::MatrixXd& values);

/// Multi-scale surprise settings (see multiScaleScore()).
struct MultiScaleConfig
{
    int shortWindow = 25; ///< residual against the median of the previous W points
    int longWindow = 200; ///< the same against a long history (level shifts, slow drifts)
    int flatWindow = 10;  ///< rolling spread for flat-lining (dropouts, stuck sensors)
    double flatWeight = 2.0;
};

/// How surprising each point is, per point the largest over channels of: the rolling-median
/// residual at the short and the long window, each in robust-z units of that channel's
/// residuals, and flatWeight × −ln(spread of the last flatWindow points / the channel's typical
/// spread) (positive when the series goes flat). NaN where no term is defined (the first
/// points). Looks at the whole series, so it suits labelling, not causal scoring. `values` T x C.
Result<Eigen::VectorXd> multiScaleScore(const Eigen::MatrixXd& values,
                                        const MultiScaleConfig& config = {});

/// The T - W + 1 sliding windows of length `window` of one channel of `values` (T x C), or of
/// all channels flattened when channel == kAllChannels. Row r is the window ending at step
/// r + W - 1; flattened rows are step-major: [x(t0, 0..C-1), x(t0 + 1, 0..C-1), ...].
/// No rows when T < W.
Result<Eigen::MatrixXd> slidingWindows(const Eigen::MatrixXd& values, int window,
                                       int channel = kAllChannels);

/// Isolation-forest baseline settings.
struct IForestBaselineConfig
{
    int window = 25;              ///< W
    int channel = kAllChannels;   ///< which channel's windows, or all channels flattened
    double contamination = 0.01;  ///< fraction of the fitted windows flagged
    IsolationForestConfig forest; ///< the forest itself (seeded)
};

/// A per-point baseline score and the decisions made from it.
struct BaselineScore
{
    Eigen::VectorXd score;           ///< T; NaN where no window ends (t < W - 1)
    std::vector<std::uint8_t> flags; ///< T; 1 where score > threshold
    double threshold = 0.0;
};

/// Fits an isolation forest on the windows of every series in `fitSeries`, scores the windows
/// of `target` (the window ending at t scores point t) and flags scores above the
/// (1 - contamination) quantile of the fitted windows' scores.
Result<BaselineScore> iforestBaseline(std::span<const Eigen::MatrixXd> fitSeries,
                                      const Eigen::MatrixXd& target,
                                      const IForestBaselineConfig& config = {});

/// The same, fitted on `values` itself: flags the top `contamination` of its own windows.
Result<BaselineScore> iforestBaseline(const Eigen::MatrixXd& values,
                                      const IForestBaselineConfig& config = {});

} // namespace vigil::core
