// SPDX-License-Identifier: MIT
// The import and export jobs the File menu runs through a JobRunner. Each opens its own Project
// on the worker thread and returns a copyable summary in a QVariant.
//
// Thread rules: the returned Job runs on any one thread; the functions building it are pure.
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include "vigil/exporters.h"
#include "vigil/import_plan.h"
#include "workers/job_runner.h"

#include <cstdint>
#include <vector>

namespace vigil::ui {

/// What an import added to the project.
struct ImportSummary
{
    QStringList series; ///< names of the new series, in order
    std::int64_t points = 0;
    std::int64_t labels = 0;     ///< labels the files carried
    bool createdProject = false; ///< the project file did not exist before
    QStringList notes;           ///< "NAME: what was left out", core's English (coreText)
};

/// What an export wrote.
struct ExportSummary
{
    QStringList files;
    int series = 0;
};

/// Reads `items` (progress per item; cancel between items), then adds every series in one
/// transaction. Any failure or a cancel leaves the project as it was; a project file this job
/// created (`createIfMissing`) is removed again when nothing could be added to it.
Job makeImportJob(const QString& projectPath, bool createIfMissing,
                  std::vector<core::ImportItem> items, core::CsvOptions csv);

/// Loads the series with ids `seriesIds` (every series when empty) with their labels and writes
/// them in `format` under `outDir`.
Job makeExportJob(const QString& projectPath, std::vector<std::int64_t> seriesIds,
                  core::ExportFormat format, const QString& outDir);

/// Writes a copy of the project at `projectPath` to `copyPath` (Project::saveCopy: never
/// replaces a file; a failure or a cancel leaves none). The value is a QStringList: the copy's
/// path, then the project's.
Job makeSaveCopyJob(const QString& projectPath, const QString& copyPath);

/// The error the user sees when an import fails: the core message (file:line:column: what)
/// and the reassurance that nothing changed.
QString importFailedMessage(const QString& coreMessage);

} // namespace vigil::ui

Q_DECLARE_METATYPE(vigil::ui::ImportSummary)
Q_DECLARE_METATYPE(vigil::ui::ExportSummary)
