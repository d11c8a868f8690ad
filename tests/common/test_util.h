// SPDX-License-Identifier: MIT
// Helpers shared by the Qt Test binaries.
#pragma once

#include "vigil/label.h"

#include <QString>

#include <cstdint>
#include <string>

namespace vigil::test {

/// ../shared/data (or $VIGIL_SHARED_DATA when set); empty when the folder is absent.
std::string sharedDataDir();

/// A fresh empty directory under the system temp dir, removed at process exit.
std::string makeTempDir(const char* tag);

/// Writes `content` to `path` (binary), creating parent directories.
void writeFile(const std::string& path, const std::string& content);

/// Reads a whole file (binary); empty when missing.
std::string readFile(const std::string& path);

/// An expert's label over rows [begin, end) of every channel, as the chart asks for one.
inline core::Label humanLabel(std::int64_t seriesId, std::int64_t begin, std::int64_t end,
                              int classId = core::kClassAnomaly)
{
    core::Label label;
    label.seriesId = seriesId;
    label.begin = begin;
    label.end = end;
    label.channel = core::kAllChannels;
    label.classId = classId;
    label.source = core::LabelSource::Human;
    label.confidence = 1.0;
    return label;
}

inline QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace vigil::test
