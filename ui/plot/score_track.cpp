// SPDX-License-Identifier: MIT
#include "plot/score_track.h"

#include "plot/chart_series.h"

namespace vigil::ui {

std::shared_ptr<const ScoreTrack> ScoreTrack::make(const ChartSeries& series,
                                                   std::int64_t modelVersion, double threshold,
                                                   const std::vector<double>& scores)
{
    if (static_cast<std::int64_t>(scores.size()) != series.length()) {
        return nullptr;
    }
    auto out = std::make_shared<ScoreTrack>();
    out->seriesId = series.id;
    out->modelVersion = modelVersion;
    out->threshold = threshold;
    const Eigen::Map<const Eigen::MatrixXd> values(scores.data(),
                                                   static_cast<Eigen::Index>(scores.size()), 1);
    out->pyramid = core::MinMaxPyramid::build(values, series.pyramid.xs());
    return out;
}

} // namespace vigil::ui
