// SPDX-License-Identifier: MIT
#include "workers/file_jobs.h"

#include "vigil/phrases.h"
#include "vigil/project.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>

namespace vigil::ui {
namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

/// The context of this file's user-visible strings.
class FileJobs
{
    Q_DECLARE_TR_FUNCTIONS(FileJobs)
};

JobOutcome failure(const QString& message)
{
    JobOutcome out;
    out.error = message;
    return out;
}

JobOutcome cancelled()
{
    return failure(QString::fromUtf8(core::kCancelledMessage.data(),
                                     static_cast<qsizetype>(core::kCancelledMessage.size())));
}

/// Removes a project file this job created, with SQLite's side files.
void removeCreatedProject(const std::string& path)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path + suffix, ec);
    }
}

} // namespace

QString importFailedMessage(const QString& coreMessage)
{
    return FileJobs::tr("%1\n\nNothing was imported; the project is unchanged.").arg(coreMessage);
}

Job makeImportJob(const QString& projectPath, bool createIfMissing,
                  std::vector<core::ImportItem> items, core::CsvOptions csv)
{
    return [path = projectPath.toStdString(), createIfMissing, items = std::move(items),
            csv = std::move(csv)](const core::ProgressSink& progress,
                                  const core::CancelToken& cancel) -> JobOutcome {
        // Reading is most of the work; the one transaction that adds everything is the rest.
        constexpr double kReadShare = 0.85;
        std::vector<core::ImportedSeries> batch;
        const auto n = static_cast<double>(items.size());
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (cancel.isCancelled()) {
                return cancelled();
            }
            const std::string name = std::filesystem::path(items[i].path).filename().string();
            progress(kReadShare * static_cast<double>(i) / n, FileJobs::tr("Reading %1 (%2 of %3)")
                                                                  .arg(qs(name))
                                                                  .arg(i + 1)
                                                                  .arg(items.size())
                                                                  .toStdString());
            auto some = core::loadImportItem(items[i], csv);
            if (!some) {
                return failure(importFailedMessage(qs(some.error().message)));
            }
            for (core::ImportedSeries& s : *some) {
                batch.push_back(std::move(s));
            }
        }
        if (batch.empty()) {
            return failure(
                importFailedMessage(FileJobs::tr("No series found in the chosen files.")));
        }
        if (cancel.isCancelled()) {
            return cancelled();
        }
        progress(kReadShare, FileJobs::tr("Writing to the project").toStdString());
        std::error_code ec;
        const bool existed = std::filesystem::exists(path, ec);
        ImportSummary summary;
        {
            auto project =
                core::Project::open(path, createIfMissing ? core::OpenMode::CreateIfMissing
                                                          : core::OpenMode::OpenExisting);
            if (!project) {
                return failure(importFailedMessage(qs(project.error().message)));
            }
            auto ids = (*project)->addSeries(batch, &cancel); // Cancel works while writing too
            if (!ids) {
                project.value().reset(); // closes the connection before the file goes
                if (!existed) {
                    removeCreatedProject(path);
                }
                if (cancel.isCancelled()) {
                    return cancelled();
                }
                return failure(importFailedMessage(qs(ids.error().message)));
            }
        }
        for (const core::ImportedSeries& s : batch) {
            summary.series << qs(s.series.name);
            summary.points += s.series.length();
            summary.labels += static_cast<std::int64_t>(s.labels.size());
        }
        // A note many series share (a folder of Yahoo files read with CSV options) comes once.
        for (const core::ImportNote& note : core::groupImportNotes(batch)) {
            constexpr qsizetype kShown = 3;
            QStringList names;
            for (const std::string& name : note.series) {
                names << qs(name);
            }
            const auto rest = static_cast<int>(names.size() - kShown);
            const QString who = rest > 0 ? FileJobs::tr("%1 and %n more series", nullptr, rest)
                                               .arg(names.first(kShown).join(QStringLiteral(", ")))
                                         : names.join(QStringLiteral(", "));
            summary.notes << who + QStringLiteral(": ") + qs(note.text);
        }
        summary.createdProject = !existed;
        progress(1.0, FileJobs::tr("Done").toStdString());
        JobOutcome out;
        out.value = QVariant::fromValue(summary);
        return out;
    };
}

Job makeExportJob(const QString& projectPath, std::vector<std::int64_t> seriesIds,
                  core::ExportFormat format, const QString& outDir)
{
    return [path = projectPath.toStdString(), ids = std::move(seriesIds), format,
            out = outDir.toStdString()](const core::ProgressSink& progress,
                                        const core::CancelToken& cancel) -> JobOutcome {
        auto project = core::Project::open(path, core::OpenMode::OpenExisting);
        if (!project) {
            return failure(qs(project.error().message));
        }
        auto list = (*project)->listSeries();
        if (!list) {
            return failure(qs(list.error().message));
        }
        std::vector<core::SeriesInfo> chosen;
        for (const core::SeriesInfo& info : *list) {
            if (ids.empty() || std::find(ids.begin(), ids.end(), info.id) != ids.end()) {
                chosen.push_back(info);
            }
        }
        if (chosen.empty()) {
            return failure(FileJobs::tr("Nothing to export: the project has no such series."));
        }
        constexpr double kLoadShare = 0.7;
        std::vector<core::LabelledSeries> batch;
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            if (cancel.isCancelled()) {
                return cancelled();
            }
            progress(kLoadShare * static_cast<double>(i) / static_cast<double>(chosen.size()),
                     FileJobs::tr("Reading %1").arg(qs(chosen[i].name)).toStdString());
            auto series = (*project)->loadSeries(chosen[i].id);
            if (!series) {
                return failure(qs(series.error().message));
            }
            auto labels = (*project)->labels(chosen[i].id);
            if (!labels) {
                return failure(qs(labels.error().message));
            }
            batch.push_back({std::move(series).value(), std::move(labels).value()});
        }
        if (cancel.isCancelled()) {
            return cancelled();
        }
        // Never the project itself nor the source of a series left out of the export.
        auto keep = core::filesAProjectKeeps(**project, core::phrases::kIsSourceFile);
        if (!keep) {
            return failure(qs(keep.error().message));
        }
        progress(kLoadShare, FileJobs::tr("Writing files").toStdString());
        auto files = core::exportSeries(batch, format, out, &cancel, *keep);
        if (cancel.isCancelled()) {
            return cancelled(); // nothing was written: the folder is as it was
        }
        if (!files) {
            return failure(FileJobs::tr("Export failed: %1").arg(qs(files.error().message)));
        }
        ExportSummary summary;
        summary.series = static_cast<int>(batch.size());
        for (const std::string& f : *files) {
            summary.files << qs(f);
        }
        progress(1.0, FileJobs::tr("Done").toStdString());
        JobOutcome result;
        result.value = QVariant::fromValue(summary);
        return result;
    };
}

Job makeSaveCopyJob(const QString& projectPath, const QString& copyPath)
{
    return [path = projectPath.toStdString(), copy = copyPath](
               const core::ProgressSink& progress, const core::CancelToken& cancel) -> JobOutcome {
        auto project = core::Project::open(path, core::OpenMode::OpenExisting);
        if (!project) {
            return failure(qs(project.error().message));
        }
        const std::string phase = FileJobs::tr("Copying the project").toStdString();
        const core::ProgressSink copying{
            [&](double fraction, const std::string&) { progress(fraction, phase); }};
        if (auto st = (*project)->saveCopy(copy.toStdString(), copying, &cancel); !st) {
            return cancel.isCancelled() ? cancelled() : failure(qs(st.error().message));
        }
        JobOutcome out;
        out.value = QStringList{copy, QString::fromStdString(path)};
        return out;
    };
}

} // namespace vigil::ui
