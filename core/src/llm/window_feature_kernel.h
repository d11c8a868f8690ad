// SPDX-License-Identifier: MIT
// The per-window part of the feature computation, shared by computeWindowFeatures() (series
// in T x C layout) and ProgramPotential (flattened, time-major windows). Private to core.
#pragma once

#include <cstddef>
#include <vector>

namespace vigil::core::detail {

/// Column of each feature; must match featureCatalogue() order.
enum FeatureIndex : int {
    kZLast,
    kZMax,
    kRobustZLast,
    kLevelShift,
    kStdRatio,
    kSlope,
    kCurvature,
    kSpikeCount,
    kRange,
    kSeasonalResidual,
    kVaeError,
    kVaeErrorMaxChannel,
    kRlMargin,
    kHourOfDay,
    kDayOfWeek,
    kChannelSpread,
    kFeatureCount
};

/// std_ratio is capped here (a flat reference part would otherwise give infinity).
inline constexpr double kMaxStdRatio = 100.0;

/// Robust scale: 1.4826 · MAD, else 1.2533 · mean absolute deviation from the median, else 0.
/// Reorders `values`.
double robustScale(std::vector<double>& values, double* median);

/// Computes the window-local features of one window. Value (i, c), i = 0..W-1 oldest first, is
/// base[i * timeStride + c * channelStride]; `channelScale` (C entries) is the unit of slope,
/// curvature and range. Writes the window-local entries of `out` (kFeatureCount entries, the
/// others are left alone) and returns false when the window has no observed value (then the
/// entries are 0).
class WindowKernel
{
public:
    WindowKernel(int window, int channels);
    bool compute(const double* base, std::ptrdiff_t timeStride, std::ptrdiff_t channelStride,
                 const double* channelScale, double* out);

private:
    int m_window;
    int m_channels;
    std::vector<double> m_values; ///< observed values of one channel
    std::vector<double> m_index;  ///< their positions in the window
    std::vector<double> m_scratch;
};

} // namespace vigil::core::detail
