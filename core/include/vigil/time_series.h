// SPDX-License-Identifier: MIT
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::core {

/// How the timestamps of a series are to be read.
enum class TimeKind {
    Index,      ///< no timestamps: the row index is the time
    Numeric,    ///< integers as they were in the file (epoch seconds, milliseconds, or a counter)
    EpochMillis ///< parsed from ISO-8601 text; milliseconds since 1970-01-01 UTC
};

/// T time steps x C channels of float64 values. NaN marks a missing value; it is never zero.
struct TimeSeries
{
    std::string name;
    std::vector<std::string> channelNames; ///< C names
    Eigen::MatrixXd values;                ///< T x C, column-major (one channel is contiguous)
    std::vector<std::int64_t> timestamps;  ///< empty (TimeKind::Index) or T entries
    TimeKind timeKind = TimeKind::Index;
    std::string sourcePath; ///< where it was imported from (informative)

    std::int64_t length() const { return values.rows(); }
    int channels() const { return static_cast<int>(values.cols()); }

    /// The timestamps when they are calendar times (EpochMillis), else none: only those give
    /// hour_of_day and day_of_week; numeric stamps are of unknown unit.
    const std::vector<std::int64_t>& calendarTimes() const
    {
        static const std::vector<std::int64_t> kNone;
        return timeKind == TimeKind::EpochMillis ? timestamps : kNone;
    }
};

} // namespace vigil::core
