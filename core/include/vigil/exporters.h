// SPDX-License-Identifier: MIT
// Writers for labelled datasets in the formats the field uses. Importing what these write gives
// back the same values and labels (see each format's note on what it can carry).
#pragma once

#include "vigil/label.h"
#include "vigil/progress.h"
#include "vigil/result.h"
#include "vigil/time_series.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

enum class ExportFormat {
    /// <series>.csv: timestamp, channels…, label, class, source, confidence[, channels]. Values
    /// round-trip bit-exact; labels one per row (overlapping labels of other classes on other
    /// channels keep the one rowLabels ranks first).
    WideCsv,
    Nab,  ///< data/vigil/<series>.csv + labels/combined_windows.json (anomaly windows only)
    Yahoo ///< <series>.csv as timestamp,value,is_anomaly; one file per channel if several
};

const char* toString(ExportFormat format);
std::optional<ExportFormat> parseExportFormat(std::string_view text);

/// A series with the labels to write.
struct LabelledSeries
{
    TimeSeries series;
    std::vector<Label> labels;
};

struct ProtectedFile;

/// Writes the series under `outDir` (created if needed). Returns the files written.
/// Existing files of the same name are replaced atomically (written aside, then renamed); a
/// series' source file never is, nor any of `keep` (the project and the sources of the series
/// not exported: see filesAProjectKeeps). A `cancel` (checked before each file) or a failure
/// leaves the folder as it was.
Result<std::vector<std::string>> exportSeries(const std::vector<LabelledSeries>& series,
                                              ExportFormat format, const std::string& outDir,
                                              const CancelToken* cancel = nullptr,
                                              const std::vector<ProtectedFile>& keep = {});

/// Writes `content` beside `path` and renames it into place (folders created), so a crash never
/// leaves a half-written file.
Status writeFileAtomically(const std::string& path, const std::string& content);

/// A file no export or report may write over, and why (the text after "cannot write PATH: ").
struct ProtectedFile
{
    std::string path;
    std::string reason;
};

/// What no export of `project` may write over: the project file (with its -wal and -shm) and
/// the source file of every series in it. `sourceReason` says why a source file is kept.
class Project;
Result<std::vector<ProtectedFile>> filesAProjectKeeps(const Project& project,
                                                      const char* sourceReason);

/// Fails with "cannot write PATH: REASON" when `path` is one of `protectedFiles` (the same
/// file under any name); a path that does not exist yet is never one.
Status refuseProtected(const std::string& path, const std::vector<ProtectedFile>& protectedFiles);

/// Writes each (path, content) beside its target, then renames them all into place, so a
/// failure or a `cancel` before the renames writes none of them; never writes over
/// `protectedFiles` (the same file under any name).
Status writeFilesAtomically(const std::vector<std::pair<std::string, std::string>>& files,
                            std::vector<ProtectedFile> protectedFiles = {},
                            const CancelToken* cancel = nullptr);

/// Shortest text that parses back to exactly `value` ("" for NaN: a missing cell).
std::string formatValue(double value);

/// Class names used in exports: 1 → "anomaly", 2 → "normal", n → "class<n>".
std::string className(int classId);
/// Inverse of className(); nullopt when unknown.
std::optional<int> parseClassName(std::string_view name);

} // namespace vigil::core
