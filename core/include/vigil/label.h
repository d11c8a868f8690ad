// SPDX-License-Identifier: MIT
// Labels and the pure operations on them. Undo works by value: every operation returns the
// LabelDiff it made, and applying the inverted diff restores the previous state exactly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::core {

/// Where a label came from. Only Human and Imported labels are expert ground truth.
enum class LabelSource { Human, Propagated, Model, Imported };

inline constexpr int kClassAnomaly = 1; ///< default class 1 (key 1)
inline constexpr int kClassNormal = 2;  ///< default class 2 (key 2): "not an anomaly"
inline constexpr int kAllChannels = -1; ///< a label that covers every channel

/// A labelled range [begin, end) of row indices of one series.
struct Label
{
    std::int64_t seriesId = 0;
    std::int64_t begin = 0; ///< first row, inclusive
    std::int64_t end = 0;   ///< one past the last row
    int channel = kAllChannels;
    int classId = kClassAnomaly;
    LabelSource source = LabelSource::Human;
    double confidence = 1.0;
    std::string author;
    std::int64_t time = 0; ///< creation time, Unix milliseconds

    std::int64_t size() const { return end - begin; }
    bool operator==(const Label&) const = default;
};

/// What an edit did: labels that disappeared and labels that appeared.
struct LabelDiff
{
    std::vector<Label> removed;
    std::vector<Label> added;

    bool empty() const { return removed.empty() && added.empty(); }
    /// The diff that undoes this one.
    LabelDiff inverted() const { return LabelDiff{added, removed}; }
};

const char* toString(LabelSource source);
/// Parses "human", "propagated", "model", "imported"; returns false on anything else.
bool parseLabelSource(const std::string& text, LabelSource* out);

/// Pure operations on the labels of one series. Nothing here touches a file.
namespace label_ops {

/// Paints `label` over `current`: parts of overlapping labels in the same channel scope
/// (every channel-scoped label too when `label` covers all channels) are cut away, then
/// `label` is added. Adjacent or overlapping labels of the same class, source and channel
/// are merged into one.
LabelDiff assign(const std::vector<Label>& current, const Label& label);

/// Erases [begin, end) of `channel` (kAllChannels erases every channel) of one series.
LabelDiff erase(const std::vector<Label>& current, std::int64_t seriesId, std::int64_t begin,
                std::int64_t end, int channel);

/// Applies a diff: removes each label of diff.removed (exact match) and appends diff.added.
/// Returns false (and leaves `labels` unchanged) when a removed label is not present.
bool apply(std::vector<Label>& labels, const LabelDiff& diff);

/// Number of distinct rows covered by labels (optionally of one class; 0 = any class).
std::int64_t coveredPoints(const std::vector<Label>& labels, int classId = 0);

} // namespace label_ops
} // namespace vigil::core
