// SPDX-License-Identifier: MIT
// The core jobs the GUI runs through a JobRunner. Each opens its own Project on the worker thread
// (a SQLite connection belongs to one thread) and returns a copyable result in a QVariant.
//
// Thread rules: the returned Job runs on any one thread; the functions building it are pure.
#pragma once

#include "vigil/active_learning.h"
#include "vigil/explain.h"
#include "vigil/llm_potential.h"
#include "vigil/project_training.h"
#include "workers/job_runner.h"

#include <QMetaType>
#include <QString>

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::ui {

/// Whether an analyst already answered a detection (derived from the labels over it).
enum class DetectionStatus { Open, Confirmed, Rejected };

/// One anomaly range a model version found: a run of scores at or above its threshold.
struct Detection
{
    std::int64_t seriesId = 0;
    QString series;
    std::int64_t begin = 0; ///< first row, inclusive
    std::int64_t end = 0;   ///< one past the last row
    std::int64_t peakRow = 0;
    double peak = 0.0;
    bool dates = false;  ///< the series has calendar timestamps
    double xBegin = 0.0; ///< seconds since the epoch when `dates`, else rows
    double xEnd = 0.0;   ///< of the last row
    DetectionStatus status = DetectionStatus::Open;
    bool isNew = false; ///< the previous model version did not flag any point of it

    std::int64_t points() const { return end - begin; }
};

/// The detections of the newest model version over the whole project.
struct DetectionScan
{
    std::int64_t modelVersion = 0; ///< 0: nothing trained yet
    double threshold = 0.5;
    std::vector<Detection> detections;
    /// What changed since the version before (0: none): its ranges the newest flags nowhere.
    std::int64_t previousVersion = 0;
    std::int64_t gone = 0;
    /// The series that model version has scores for (a series added later has none).
    std::vector<std::int64_t> scoredSeries;
};

/// What the labels say about a detection: the expert label over its peak row (a human normal
/// label rejects it; a human or imported anomaly label confirms it), else Open.
DetectionStatus detectionStatus(const Detection& d, const std::vector<core::Label>& labels);

/// Runs of `scores` at or above `threshold` (NaN ends a run), as [begin, end) with their peak.
std::vector<Detection> findDetections(std::span<const double> scores, double threshold);

/// Trains a new model version on the whole project and stores it with its scores.
Job makeTrainJob(const QString& projectPath, const core::ProjectTrainOptions& options);
/// Computes the next queries and replaces the open queue.
Job makeQueriesJob(const QString& projectPath, const core::ProjectQueryOptions& options);
/// Plans a label propagation (core::planPropagation) without writing it: the GUI thread applies
/// the plan through its undo stack, so the session's undo history follows the label log.
Job makePropagateJob(const QString& projectPath, const core::PropagationOptions& options);
/// Scans the newest model's stored scores for detections.
Job makeDetectionsJob(const QString& projectPath);
/// Explains the window of `series` whose newest row is `at`.
Job makeExplainJob(const QString& projectPath, const QString& series, std::int64_t at);
/// Asks the project's LLM provider (its llm.* settings; `apiKey` from $VIGIL_LLM_API_KEY or the
/// user's settings, never stored; each HTTP attempt waits up to `timeoutSeconds`) for a
/// potential function and stores it (proposePotential: reuse, revise or new).
Job makePotentialJob(const QString& projectPath, const QString& apiKey, double timeoutSeconds,
                     bool fresh);
/// Writes the report (core::writeReport: Markdown with SVG plots beside it, or one HTML page for
/// a .html path); the value is the QStringList of files written, the report first.
Job makeReportJob(const QString& projectPath, const QString& reportPath);

} // namespace vigil::ui

Q_DECLARE_METATYPE(vigil::core::ProjectTrainResult)
Q_DECLARE_METATYPE(vigil::core::ProjectQueriesResult)
Q_DECLARE_METATYPE(vigil::core::PropagationPlan)
Q_DECLARE_METATYPE(vigil::core::WindowExplanation)
Q_DECLARE_METATYPE(vigil::core::PotentialProposal)
Q_DECLARE_METATYPE(vigil::ui::DetectionScan)
