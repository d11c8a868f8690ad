// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include "vigil/pyramid.h"
#include "vigil/time_series.h"

#include <cstdint>
#include <memory>

namespace vigil::ui {

/// What the chart draws: a series reduced to its min/max pyramid (which keeps the raw values).
/// Immutable once made, so it is shared between threads without locks; make it on a pool
/// thread, since building the pyramid of 10 M points takes longer than a frame.
struct ChartSeries
{
    std::int64_t id = 0;
    QString name;
    QStringList channelNames;
    core::TimeKind timeKind = core::TimeKind::Index;
    core::MinMaxPyramid pyramid; ///< x in seconds for dates, else the timestamp or row index

    std::int64_t length() const { return pyramid.length(); }
    int channels() const { return pyramid.channels(); }
    bool dates() const { return timeKind == core::TimeKind::EpochMillis; }

    /// Builds the pyramid of `series` (any thread).
    static std::shared_ptr<const ChartSeries> make(std::int64_t id,
                                                   const core::TimeSeries& series);
};

/// Whether a value stands alone between gaps (or the ends) in `d`: a line cannot show it, so
/// such data is drawn with dots.
bool hasLoneValue(const core::DecimatedPoints& d);

} // namespace vigil::ui
