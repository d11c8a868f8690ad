// SPDX-License-Identifier: MIT
#include "plot/chart_series.h"

#include <algorithm>
#include <cmath>

namespace vigil::ui {

std::shared_ptr<const ChartSeries> ChartSeries::make(std::int64_t id,
                                                     const core::TimeSeries& series)
{
    auto out = std::make_shared<ChartSeries>();
    out->id = id;
    out->name = QString::fromStdString(series.name);
    for (const auto& n : series.channelNames) {
        out->channelNames << QString::fromStdString(n);
    }
    while (out->channelNames.size() < series.channels()) {
        out->channelNames << QStringLiteral("ch%1").arg(out->channelNames.size());
    }
    out->timeKind = series.timeKind;
    std::vector<double> xs;
    if (series.timeKind != core::TimeKind::Index &&
        series.timestamps.size() == static_cast<std::size_t>(series.length())) {
        // QCustomPlot's date ticker counts seconds.
        const double scale = series.timeKind == core::TimeKind::EpochMillis ? 1e-3 : 1.0;
        xs.reserve(series.timestamps.size());
        for (std::int64_t t : series.timestamps) {
            xs.push_back(static_cast<double>(t) * scale);
        }
        if (!std::is_sorted(xs.begin(), xs.end())) {
            xs.clear(); // unordered timestamps: fall back to the row index
            out->timeKind = core::TimeKind::Index;
        }
    }
    out->pyramid = core::MinMaxPyramid::build(series.values, std::move(xs));
    return out;
}

bool hasLoneValue(const core::DecimatedPoints& d)
{
    const std::size_t n = d.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isnan(d.y[i]) && (i == 0 || std::isnan(d.y[i - 1])) &&
            (i + 1 == n || std::isnan(d.y[i + 1]))) {
            return true;
        }
    }
    return false;
}

} // namespace vigil::ui
