// SPDX-License-Identifier: MIT
#include "vigil/pyramid.h"

#include <algorithm>
#include <bit>

namespace vigil::core {
namespace {

/// Folds parts (rows or buckets) given in row order into one min/max, keeping the first
/// occurrence of each extreme so the order of min and max is exact.
struct Accumulator
{
    double min = std::numeric_limits<double>::quiet_NaN();
    double max = std::numeric_limits<double>::quiet_NaN();
    // 2 * part ordinal + position of the extreme inside the part (0 first, 1 second).
    std::int64_t minKey = 0;
    std::int64_t maxKey = 0;

    void add(double partMin, double partMax, bool partMinFirst, std::int64_t ordinal)
    {
        if (std::isnan(partMin)) {
            return; // a part holding only NaN
        }
        if (std::isnan(min) || partMin < min) {
            min = partMin;
            minKey = 2 * ordinal + (partMinFirst ? 0 : 1);
        }
        if (std::isnan(max) || partMax > max) {
            max = partMax;
            maxKey = 2 * ordinal + (partMinFirst ? 1 : 0);
        }
    }

    bool minFirst() const { return minKey <= maxKey; }
};

} // namespace

MinMaxPyramid MinMaxPyramid::build(const Eigen::MatrixXd& values, std::vector<double> x)
{
    MinMaxPyramid p;
    const auto n = static_cast<std::int64_t>(values.rows());
    if (x.size() != static_cast<std::size_t>(n)) {
        x.resize(static_cast<std::size_t>(n));
        for (std::int64_t r = 0; r < n; ++r) {
            x[static_cast<std::size_t>(r)] = static_cast<double>(r);
        }
    }
    p.m_x = std::move(x);
    p.m_channels.resize(static_cast<std::size_t>(values.cols()));
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        Channel& ch = p.m_channels[static_cast<std::size_t>(c)];
        ch.raw.assign(values.col(c).data(), values.col(c).data() + n);
        // Level 0 from the raw rows, then each level from pairs of the one below.
        std::int64_t buckets = n >> kBaseShift;
        if (buckets < 1) {
            continue;
        }
        Level level0;
        level0.min.resize(static_cast<std::size_t>(buckets));
        level0.max.resize(static_cast<std::size_t>(buckets));
        level0.minFirst.resize(static_cast<std::size_t>(buckets));
        constexpr std::int64_t kBase = std::int64_t{1} << kBaseShift;
        for (std::int64_t b = 0; b < buckets; ++b) {
            Accumulator acc;
            const double* v = ch.raw.data() + b * kBase;
            for (std::int64_t i = 0; i < kBase; ++i) {
                acc.add(v[i], v[i], true, i);
            }
            const auto bi = static_cast<std::size_t>(b);
            level0.min[bi] = acc.min;
            level0.max[bi] = acc.max;
            level0.minFirst[bi] = acc.minFirst() ? 1 : 0;
        }
        ch.levels.push_back(std::move(level0));
        while ((buckets /= 2) >= 1) {
            const Level& below = ch.levels.back();
            Level up;
            up.min.resize(static_cast<std::size_t>(buckets));
            up.max.resize(static_cast<std::size_t>(buckets));
            up.minFirst.resize(static_cast<std::size_t>(buckets));
            for (std::size_t b = 0; b < static_cast<std::size_t>(buckets); ++b) {
                Accumulator acc;
                for (std::size_t i = 0; i < 2; ++i) {
                    const std::size_t child = 2 * b + i;
                    acc.add(below.min[child], below.max[child], below.minFirst[child] != 0,
                            static_cast<std::int64_t>(i));
                }
                up.min[b] = acc.min;
                up.max[b] = acc.max;
                up.minFirst[b] = acc.minFirst() ? 1 : 0;
            }
            ch.levels.push_back(std::move(up));
        }
    }
    return p;
}

int MinMaxPyramid::levels() const
{
    return m_channels.empty() ? 0 : static_cast<int>(m_channels.front().levels.size());
}

double MinMaxPyramid::value(int channel, std::int64_t row) const
{
    return m_channels[static_cast<std::size_t>(channel)].raw[static_cast<std::size_t>(row)];
}

std::int64_t MinMaxPyramid::lowerRow(double t) const
{
    if (std::isnan(t)) {
        return length();
    }
    return std::lower_bound(m_x.begin(), m_x.end(), t) - m_x.begin();
}

std::int64_t MinMaxPyramid::nearestRow(double t) const
{
    if (m_x.empty() || std::isnan(t)) {
        return -1;
    }
    const std::int64_t hi = lowerRow(t);
    if (hi >= length()) {
        return length() - 1;
    }
    if (hi == 0) {
        return 0;
    }
    return (t - x(hi - 1) <= x(hi) - t) ? hi - 1 : hi;
}

MinMax MinMaxPyramid::rangeMinMax(int channel, std::int64_t begin, std::int64_t end) const
{
    MinMax out;
    if (channel < 0 || channel >= channels()) {
        return out;
    }
    begin = std::max<std::int64_t>(begin, 0);
    end = std::min(end, length());
    const Channel& ch = m_channels[static_cast<std::size_t>(channel)];
    const int top = static_cast<int>(ch.levels.size()) - 1;
    Accumulator acc;
    std::int64_t ordinal = 0;
    // Greedy left to right: at each position take the largest bucket that starts there and
    // fits; otherwise one raw row. That is at most ~2 buckets per level plus 2 * 2^kBaseShift
    // raw rows at the unaligned ends.
    std::int64_t pos = begin;
    while (pos < end) {
        const auto remaining = static_cast<std::uint64_t>(end - pos);
        int k = std::bit_width(remaining) - 1 - kBaseShift; // fits in the remaining rows
        if (pos != 0) {
            k = std::min(k, std::countr_zero(static_cast<std::uint64_t>(pos)) - kBaseShift);
        }
        k = std::min(k, top);
        if (k < 0) {
            const double v = ch.raw[static_cast<std::size_t>(pos)];
            acc.add(v, v, true, ordinal++);
            ++pos;
            continue;
        }
        const Level& level = ch.levels[static_cast<std::size_t>(k)];
        const auto bucket = static_cast<std::size_t>(pos >> (kBaseShift + k));
        acc.add(level.min[bucket], level.max[bucket], level.minFirst[bucket] != 0, ordinal++);
        pos += std::int64_t{1} << (kBaseShift + k);
    }
    out.min = acc.min;
    out.max = acc.max;
    out.minFirst = acc.minFirst();
    return out;
}

DecimatedPoints MinMaxPyramid::decimate(int channel, double tBegin, double tEnd,
                                        int pixelWidth) const
{
    DecimatedPoints out;
    if (channel < 0 || channel >= channels() || pixelWidth <= 0 || !(tEnd >= tBegin) ||
        m_x.empty()) {
        return out;
    }
    const Channel& ch = m_channels[static_cast<std::size_t>(channel)];
    const std::int64_t r0 = lowerRow(tBegin);
    const std::int64_t r1 = std::upper_bound(m_x.begin(), m_x.end(), tEnd) - m_x.begin();
    auto push = [&](std::int64_t row, double y) {
        out.x.push_back(x(row));
        out.y.push_back(y);
    };
    const std::int64_t first = std::max<std::int64_t>(r0 - 1, 0);
    const std::int64_t last = std::min(r1 + 1, length());
    if (r1 - r0 <= 2 * static_cast<std::int64_t>(pixelWidth)) {
        out.raw = true;
        out.x.reserve(static_cast<std::size_t>(last - first));
        out.y.reserve(static_cast<std::size_t>(last - first));
        for (std::int64_t r = first; r < last; ++r) {
            push(r, ch.raw[static_cast<std::size_t>(r)]);
        }
        return out;
    }
    out.x.reserve(2 * static_cast<std::size_t>(pixelWidth) + 2);
    out.y.reserve(2 * static_cast<std::size_t>(pixelWidth) + 2);
    if (r0 > 0) {
        push(r0 - 1, ch.raw[static_cast<std::size_t>(r0 - 1)]);
    }
    const double width = (tEnd - tBegin) / pixelWidth;
    std::int64_t row = r0;
    for (int col = 0; col < pixelWidth && row < r1; ++col) {
        std::int64_t colEnd = r1;
        if (col + 1 < pixelWidth) {
            const double bound = tBegin + (col + 1) * width;
            colEnd = std::lower_bound(m_x.begin() + row, m_x.begin() + r1, bound) - m_x.begin();
        }
        if (colEnd == row) {
            continue;
        }
        const MinMax mm = rangeMinMax(channel, row, colEnd);
        if (mm.empty()) {
            push(row, mm.min); // the whole column is a gap
        } else if (colEnd - row == 1 || mm.min == mm.max) {
            push(row, mm.min);
        } else {
            push(row, mm.minFirst ? mm.min : mm.max);
            push(colEnd - 1, mm.minFirst ? mm.max : mm.min);
        }
        row = colEnd;
    }
    if (r1 < length()) {
        push(r1, ch.raw[static_cast<std::size_t>(r1)]);
    }
    return out;
}

} // namespace vigil::core
