// SPDX-License-Identifier: MIT
#include "workers/project_jobs.h"

#include "vigil/net/provider_factory.h"
#include "vigil/project_models.h"
#include "vigil/report.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace vigil::ui {
namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

/// The job's own connection; nullptr with `error` set when the file cannot be opened.
std::unique_ptr<core::Project> openOwn(const QString& path, QString* error)
{
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        *error = qs(project.error().message);
        return nullptr;
    }
    return std::move(project).value();
}

} // namespace

DetectionStatus detectionStatus(const Detection& d, const std::vector<core::Label>& labels)
{
    // The peak row decides: what the analyst (or the imported ground truth) says about it.
    DetectionStatus status = DetectionStatus::Open;
    for (const auto& l : labels) {
        if (l.begin > d.peakRow || d.peakRow >= l.end) {
            continue;
        }
        if (l.source == core::LabelSource::Human && l.classId == core::kClassNormal) {
            return DetectionStatus::Rejected;
        }
        if ((l.source == core::LabelSource::Human || l.source == core::LabelSource::Imported) &&
            l.classId == core::kClassAnomaly) {
            status = DetectionStatus::Confirmed;
        }
    }
    return status;
}

std::vector<Detection> findDetections(std::span<const double> scores, double threshold)
{
    std::vector<Detection> out;
    const auto n = static_cast<std::int64_t>(scores.size());
    std::int64_t t = 0;
    while (t < n) {
        const double s = scores[static_cast<std::size_t>(t)];
        if (std::isnan(s) || s < threshold) {
            ++t;
            continue;
        }
        Detection d;
        d.begin = t;
        d.peakRow = t;
        d.peak = s;
        while (t < n) {
            const double v = scores[static_cast<std::size_t>(t)];
            if (std::isnan(v) || v < threshold) {
                break;
            }
            if (v > d.peak) {
                d.peak = v;
                d.peakRow = t;
            }
            ++t;
        }
        d.end = t;
        d.xBegin = static_cast<double>(d.begin);
        d.xEnd = static_cast<double>(d.end - 1);
        out.push_back(d);
    }
    return out;
}

Job makeTrainJob(const QString& projectPath, const core::ProjectTrainOptions& options)
{
    return [projectPath, options](const core::ProgressSink& progress,
                                  const core::CancelToken& cancel) {
        JobOutcome out;
        progress(0.0, "opening project");
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        // Leave one core to the GUI thread: torch's OpenMP workers spin while they wait, and
        // on two cores two of them starve the event loop (measured gaps of 65 ms).
        core::ProjectTrainOptions own = options;
        if (own.threads <= 0) {
            own.threads = std::max(1, QThread::idealThreadCount() - 1);
        }
        auto result = core::trainProjectModel(*project, own, progress, cancel);
        if (!result) {
            out.error = qs(result.error().message);
            return out;
        }
        out.value = QVariant::fromValue(std::move(result).value());
        return out;
    };
}

Job makeQueriesJob(const QString& projectPath, const core::ProjectQueryOptions& options)
{
    return [projectPath, options](const core::ProgressSink& progress,
                                  const core::CancelToken& cancel) {
        JobOutcome out;
        progress(0.0, "opening project");
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        auto result = core::computeProjectQueries(*project, options, progress, cancel);
        if (!result) {
            out.error = qs(result.error().message);
            return out;
        }
        progress(1.0, "done");
        out.value = QVariant::fromValue(std::move(result).value());
        return out;
    };
}

Job makePropagateJob(const QString& projectPath, const core::PropagationOptions& options)
{
    return [projectPath, options](const core::ProgressSink& progress,
                                  const core::CancelToken& cancel) {
        JobOutcome out;
        progress(0.0, "opening project");
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        auto plan = core::planPropagation(*project, options, progress, cancel);
        if (!plan) {
            out.error = qs(plan.error().message);
            return out;
        }
        progress(1.0, "done");
        out.value = QVariant::fromValue(std::move(plan).value());
        return out;
    };
}

Job makeDetectionsJob(const QString& projectPath)
{
    return [projectPath](const core::ProgressSink& progress, const core::CancelToken& cancel) {
        JobOutcome out;
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        DetectionScan scan;
        // listModels() leaves the (large) blobs out; the newest is last.
        auto models = project->listModels();
        if (!models) {
            out.error = qs(models.error().message);
            return out;
        }
        if (models->empty()) {
            out.value = QVariant::fromValue(scan);
            return out;
        }
        scan.modelVersion = models->back().version;
        scan.threshold = core::modelDecisionThreshold(models->back());
        // What changed (UX.md): the version before, flagged with its own threshold.
        double previousThreshold = 0.5;
        if (models->size() >= 2) {
            const auto& previous = (*models)[models->size() - 2];
            scan.previousVersion = previous.version;
            previousThreshold = core::modelDecisionThreshold(previous);
        }
        const auto overlaps = [](const Detection& a, const Detection& b) {
            return a.begin < b.end && b.begin < a.end;
        };
        auto list = project->listSeries();
        if (!list) {
            out.error = qs(list.error().message);
            return out;
        }
        std::size_t done = 0;
        for (const auto& info : *list) {
            if (cancel.isCancelled()) {
                out.error = QString::fromUtf8(core::kCancelledMessage.data());
                return out;
            }
            progress(double(done++) / double(list->size()), "scanning " + info.name);
            bool damaged = false;
            auto scores = project->loadScores(scan.modelVersion, info.id, &damaged);
            if (!scores && !damaged) {
                out.error = qs(scores.error().message);
                return out;
            }
            if (!scores || !scores->has_value()) {
                // Series added after that model was trained, or whose stored scores are
                // damaged: shown unscored ("–") rather than failing every series' scan.
                continue;
            }
            scan.scoredSeries.push_back(info.id);
            auto found = findDetections(**scores, scan.threshold);
            if (scan.previousVersion > 0) {
                bool damagedBefore = false;
                auto before = project->loadScores(scan.previousVersion, info.id, &damagedBefore);
                if (!before && !damagedBefore) {
                    out.error = qs(before.error().message);
                    return out;
                }
                // Damaged scores of the previous version: nothing to compare with.
                const auto earlier = before && before->has_value()
                                         ? findDetections(**before, previousThreshold)
                                         : std::vector<Detection>{};
                for (auto& d : found) {
                    d.isNew = std::none_of(earlier.begin(), earlier.end(),
                                           [&](const Detection& e) { return overlaps(d, e); });
                }
                scan.gone += std::count_if(earlier.begin(), earlier.end(), [&](const Detection& e) {
                    return std::none_of(found.begin(), found.end(),
                                        [&](const Detection& d) { return overlaps(d, e); });
                });
            }
            if (found.empty()) {
                continue;
            }
            auto labels = project->labels(info.id);
            std::vector<std::int64_t> stamps;
            if (info.timeKind == core::TimeKind::EpochMillis) {
                if (auto s = project->loadSeries(info.id); s) {
                    stamps = std::move(s->timestamps);
                }
            }
            for (auto& d : found) {
                d.seriesId = info.id;
                d.series = qs(info.name);
                if (stamps.size() == static_cast<std::size_t>(info.length) &&
                    d.end <= info.length) {
                    auto seconds = [&](std::int64_t row) {
                        return static_cast<double>(stamps[static_cast<std::size_t>(row)]) * 1e-3;
                    };
                    d.dates = true;
                    d.xBegin = seconds(d.begin);
                    d.xEnd = seconds(d.end - 1);
                }
                if (labels) {
                    d.status = detectionStatus(d, *labels);
                }
                scan.detections.push_back(std::move(d));
            }
        }
        progress(1.0, "done");
        out.value = QVariant::fromValue(std::move(scan));
        return out;
    };
}

Job makeExplainJob(const QString& projectPath, const QString& series, std::int64_t at)
{
    return [projectPath, series, at](const core::ProgressSink& progress,
                                     const core::CancelToken& cancel) {
        JobOutcome out;
        progress(0.0, "explaining");
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        core::ExplainOptions options;
        options.cancel = &cancel; // a newer explanation (or another project) stops this one
        auto result = core::explainWindow(*project, series.toStdString(), at, options);
        if (!result) {
            out.error = qs(result.error().message);
            return out;
        }
        out.value = QVariant::fromValue(std::move(result).value());
        return out;
    };
}

Job makePotentialJob(const QString& projectPath, const QString& apiKey, double timeoutSeconds,
                     bool fresh)
{
    return [projectPath, apiKey, timeoutSeconds, fresh](const core::ProgressSink& progress,
                                                        const core::CancelToken& cancel) {
        JobOutcome out;
        progress(0.0, "asking for a potential function");
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        net::ProviderSettings settings;
        settings.apiKey = apiKey.toStdString();
        settings.timeoutSeconds = timeoutSeconds; // Settings → LLM → Timeout
        settings.cancel = &cancel; // Cancel aborts the request in flight
        auto stack = net::makeProvider(*project, settings);
        if (!stack) {
            out.error = qs(stack.error().message);
            return out;
        }
        core::ProposeOptions options;
        options.fresh = fresh;
        options.ask.cancel = &cancel;
        options.ask.timeoutSeconds = timeoutSeconds;
        auto proposal = core::proposePotential(*project, (*stack)->provider(), options);
        if (!proposal) {
            out.error = qs(proposal.error().message);
            return out;
        }
        out.value = QVariant::fromValue(std::move(proposal).value());
        return out;
    };
}

Job makeReportJob(const QString& projectPath, const QString& reportPath)
{
    return [projectPath, reportPath](const core::ProgressSink& progress,
                                     const core::CancelToken& cancel) {
        JobOutcome out;
        auto project = openOwn(projectPath, &out.error);
        if (!project) {
            return out;
        }
        core::ReportOptions options;
        options.path = reportPath.toStdString();
        auto written = core::writeReport(*project, options, progress, cancel);
        if (!written) {
            out.error = qs(written.error().message);
            return out;
        }
        QStringList files;
        for (const auto& f : written->files) {
            files << qs(f);
        }
        out.value = files;
        return out;
    };
}

} // namespace vigil::ui
