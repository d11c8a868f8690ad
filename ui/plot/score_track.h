// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/pyramid.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace vigil::ui {

struct ChartSeries;

/// The anomaly score of one series under one model version, as a min/max pyramid on the
/// series' own x positions, so the score line is decimated like the channels. Immutable once
/// made: build it on a pool thread and share it freely.
struct ScoreTrack
{
    std::int64_t seriesId = 0;
    std::int64_t modelVersion = 0;
    double threshold = 0.5;
    core::MinMaxPyramid pyramid; ///< one channel: the score (NaN where there is none)

    /// Builds the track; nullptr when `scores` does not have one value per row of `series`.
    static std::shared_ptr<const ScoreTrack> make(const ChartSeries& series,
                                                  std::int64_t modelVersion, double threshold,
                                                  const std::vector<double>& scores);
};

} // namespace vigil::ui
