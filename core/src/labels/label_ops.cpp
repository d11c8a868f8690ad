// SPDX-License-Identifier: MIT
#include "vigil/label.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

namespace vigil::core {

const char* toString(LabelSource source)
{
    switch (source) {
    case LabelSource::Human:
        return "human";
    case LabelSource::Propagated:
        return "propagated";
    case LabelSource::Model:
        return "model";
    case LabelSource::Imported:
        return "imported";
    }
    return "human";
}

bool parseLabelSource(const std::string& text, LabelSource* out)
{
    static constexpr std::pair<const char*, LabelSource> kNames[] = {
        {"human", LabelSource::Human},
        {"propagated", LabelSource::Propagated},
        {"model", LabelSource::Model},
        {"imported", LabelSource::Imported},
    };
    for (const auto& [name, source] : kNames) {
        if (text == name) {
            if (out != nullptr) {
                *out = source;
            }
            return true;
        }
    }
    return false;
}

namespace label_ops {
namespace {

bool overlaps(const Label& l, std::int64_t begin, std::int64_t end)
{
    return l.begin < end && begin < l.end;
}

// Touching counts as mergeable: [0,5) and [5,9) are one run of the same label.
bool touches(const Label& l, std::int64_t begin, std::int64_t end)
{
    return l.begin <= end && begin <= l.end;
}

// Touching labels merge only when nothing tells them apart: two analysts' labels side by side
// stay two, so each keeps its author.
bool sameKind(const Label& a, const Label& b)
{
    return a.seriesId == b.seriesId && a.channel == b.channel && a.classId == b.classId &&
           a.source == b.source && a.author == b.author;
}

// Appends the parts of `l` left and right of [begin, end) to `out`.
void cutInto(const Label& l, std::int64_t begin, std::int64_t end, std::vector<Label>& out)
{
    if (l.begin < begin) {
        Label left = l;
        left.end = begin;
        out.push_back(std::move(left));
    }
    if (end < l.end) {
        Label right = l;
        right.begin = end;
        out.push_back(std::move(right));
    }
}

// A label that is both removed and re-added is no change; dropping the pair keeps diffs
// minimal so that re-painting an identical label is an empty (unlogged) edit.
void cancelNoOps(LabelDiff& diff)
{
    for (std::size_t i = 0; i < diff.removed.size();) {
        auto it = std::find(diff.added.begin(), diff.added.end(), diff.removed[i]);
        if (it != diff.added.end()) {
            diff.added.erase(it);
            diff.removed.erase(diff.removed.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
}

} // namespace

LabelDiff assign(const std::vector<Label>& current, const Label& label)
{
    LabelDiff diff;
    if (label.end <= label.begin) {
        return diff;
    }
    std::vector<bool> gone(current.size(), false);
    std::vector<Label> pieces;
    for (std::size_t i = 0; i < current.size(); ++i) {
        const Label& l = current[i];
        if (l.seriesId != label.seriesId || !overlaps(l, label.begin, label.end)) {
            continue;
        }
        // A suggestion is cut where any other label is drawn, one channel's too: propagation
        // leaves rows labelled on any channel alone, and accepting a suggestion that still
        // spanned one would have written over the analyst's label.
        const bool suggestionUnder =
            l.source == LabelSource::Propagated && label.source != LabelSource::Propagated;
        if (label.channel != kAllChannels && l.channel != label.channel && !suggestionUnder) {
            continue;
        }
        gone[i] = true;
        cutInto(l, label.begin, label.end, pieces);
    }

    // Grow the new label over same-kind neighbours until nothing more touches it; looping
    // handles inputs that already contained overlapping same-kind labels.
    Label merged = label;
    for (bool grew = true; grew;) {
        grew = false;
        for (std::size_t i = 0; i < current.size(); ++i) {
            if (!gone[i] && sameKind(current[i], merged)
                && touches(current[i], merged.begin, merged.end)) {
                gone[i] = true;
                merged.begin = std::min(merged.begin, current[i].begin);
                merged.end = std::max(merged.end, current[i].end);
                grew = true;
            }
        }
        for (auto it = pieces.begin(); it != pieces.end();) {
            if (sameKind(*it, merged) && touches(*it, merged.begin, merged.end)) {
                merged.begin = std::min(merged.begin, it->begin);
                merged.end = std::max(merged.end, it->end);
                it = pieces.erase(it);
                grew = true;
            } else {
                ++it;
            }
        }
    }

    for (std::size_t i = 0; i < current.size(); ++i) {
        if (gone[i]) {
            diff.removed.push_back(current[i]);
        }
    }
    diff.added = std::move(pieces);
    diff.added.push_back(std::move(merged));
    cancelNoOps(diff);
    return diff;
}

LabelDiff erase(const std::vector<Label>& current, std::int64_t seriesId, std::int64_t begin,
                std::int64_t end, int channel)
{
    LabelDiff diff;
    if (end <= begin) {
        return diff;
    }
    for (const Label& l : current) {
        if (l.seriesId != seriesId || !overlaps(l, begin, end)) {
            continue;
        }
        // An all-channel label cannot lose one channel without knowing the channel count, so
        // erasing a single channel only touches labels scoped to exactly that channel.
        if (channel != kAllChannels && l.channel != channel) {
            continue;
        }
        diff.removed.push_back(l);
        cutInto(l, begin, end, diff.added);
    }
    return diff;
}

bool apply(std::vector<Label>& labels, const LabelDiff& diff)
{
    std::vector<bool> gone(labels.size(), false);
    for (const Label& r : diff.removed) {
        bool found = false;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (!gone[i] && labels[i] == r) {
                gone[i] = true;
                found = true;
                break;
            }
        }
        if (!found) {
            return false;
        }
    }
    std::vector<Label> out;
    out.reserve(labels.size() - diff.removed.size() + diff.added.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (!gone[i]) {
            out.push_back(std::move(labels[i]));
        }
    }
    out.insert(out.end(), diff.added.begin(), diff.added.end());
    labels = std::move(out);
    return true;
}

std::int64_t coveredPoints(const std::vector<Label>& labels, int classId)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
    ranges.reserve(labels.size());
    for (const Label& l : labels) {
        if ((classId == 0 || l.classId == classId) && l.begin < l.end) {
            ranges.emplace_back(l.begin, l.end);
        }
    }
    std::sort(ranges.begin(), ranges.end());
    std::int64_t total = 0;
    std::int64_t reached = 0;
    bool any = false;
    for (const auto& [b, e] : ranges) {
        const std::int64_t from = any ? std::max(b, reached) : b;
        if (e > from) {
            // Ranges read from a damaged project file can span most of int64: the difference
            // is exact in unsigned arithmetic, and the total saturates instead of overflowing.
            const auto span = static_cast<std::uint64_t>(e) - static_cast<std::uint64_t>(from);
            constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
            const auto room = static_cast<std::uint64_t>(kMax - total);
            total = span > room ? kMax : total + static_cast<std::int64_t>(span);
        }
        reached = any ? std::max(reached, e) : e;
        any = true;
    }
    return total;
}

} // namespace label_ops
} // namespace vigil::core
