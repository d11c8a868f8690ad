// SPDX-License-Identifier: MIT
// Min/max pyramid for drawing long series: the chart never draws more points than pixels.
//
// Thread rules: building is pure and may run on any thread; a built pyramid is immutable, so
// any number of threads may query it at once.
#pragma once

#include "vigil/time_series.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace vigil::core {

/// Smallest and largest finite value of a range; both NaN when the range holds only NaN.
struct MinMax
{
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    bool minFirst = true; ///< the minimum's row comes before (or is) the maximum's row

    bool empty() const { return std::isnan(min); }
};

/// Points to draw, in time order: x in the pyramid's x units, y the value (NaN = a gap).
struct DecimatedPoints
{
    std::vector<double> x;
    std::vector<double> y;
    bool raw = false; ///< the points are the samples themselves (range small enough)

    std::size_t size() const { return x.size(); }
};

/// Per channel, levels of buckets of 2^(kBaseShift + k) rows, each holding the NaN-aware
/// minimum and maximum of its rows. A bucket with only NaN stays NaN so gaps remain gaps.
class MinMaxPyramid
{
public:
    static constexpr int kBaseShift = 4; ///< finest level: buckets of 16 rows

    MinMaxPyramid() = default;

    /// Builds the pyramid over `values` (T x C). `x` gives each row's position on the time
    /// axis (non-decreasing, T entries); empty means the row index.
    static MinMaxPyramid build(const Eigen::MatrixXd& values, std::vector<double> x = {});

    std::int64_t length() const { return static_cast<std::int64_t>(m_x.size()); }
    int channels() const { return static_cast<int>(m_channels.size()); }
    int levels() const;
    /// Position of `row` on the time axis.
    double x(std::int64_t row) const { return m_x[static_cast<std::size_t>(row)]; }
    const std::vector<double>& xs() const { return m_x; }
    double value(int channel, std::int64_t row) const;

    /// First row whose x is >= `t` (length() when none).
    std::int64_t lowerRow(double t) const;
    /// The row whose x is nearest to `t` (-1 when the pyramid is empty).
    std::int64_t nearestRow(double t) const;

    /// Exact NaN-aware min/max of rows [begin, end) of `channel`, in O(levels + 2^kBaseShift).
    MinMax rangeMinMax(int channel, std::int64_t begin, std::int64_t end) const;

    /// Points to draw `channel` over [tBegin, tEnd] on `pixelWidth` columns: the min and max of
    /// each column (in the order they occur), at most 2 per column plus one neighbour on each
    /// side so lines reach the edges; the raw samples when there are no more than 2 per column.
    /// A column whose rows are all NaN yields one NaN point, so QCustomPlot draws a gap.
    DecimatedPoints decimate(int channel, double tBegin, double tEnd, int pixelWidth) const;

private:
    struct Level
    {
        std::vector<double> min;
        std::vector<double> max;
        std::vector<std::uint8_t> minFirst;
    };
    struct Channel
    {
        std::vector<double> raw;
        std::vector<Level> levels; ///< levels[k]: buckets of 2^(kBaseShift + k) rows
    };

    std::vector<double> m_x;
    std::vector<Channel> m_channels;
};

} // namespace vigil::core
