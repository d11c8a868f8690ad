// SPDX-License-Identifier: MIT
// Training and scoring from what a project holds: its series and its labels. The GUI's worker
// threads and `vigil-cli train` / `score` share these functions.
//
// Thread rules: each call uses the Project it is given from the calling thread only; open a
// Project per thread.
#pragma once

#include "vigil/decision.h"
#include "vigil/engine.h"
#include "vigil/progress.h"
#include "vigil/project.h"
#include "vigil/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::core {

struct ProjectTrainOptions
{
    EnginePreset preset = EnginePreset::Default;
    std::uint64_t seed = 0;
    int threads = 0;  ///< 0: automatic (EngineConfig::effectiveThreads())
    int episodes = 0; ///< > 0 overrides the preset
    /// default: the stacked decision's incident budget (decision.h), flagged runs per 1 000
    /// points of a series; 0 = no budget; kAutoIncidentBudget: chosen on the labels
    double incidentBudget = kAutoIncidentBudget;
    /// default: the stacked decision's expected anomaly length in points
    /// (StackedDecision::smoothing); 0: the project's setting (projectSmoothing()). A value
    /// given here is also stored as the project's setting once the model is saved.
    int smoothing = 0;
};

/// The project's expected anomaly length (kSmoothingSetting): 1 when it is not set; fails with
/// a message naming the setting when it holds anything but a whole number from 1 to
/// kMaxDecisionSmoothing.
Result<int> projectSmoothing(const Project& project);
/// Stores `span` as the project's expected anomaly length (1..kMaxDecisionSmoothing).
Status setProjectSmoothing(Project& project, int span);

struct ProjectTrainResult
{
    std::int64_t version = 0;
    std::int64_t labelledPoints = 0;  ///< expert labels (human or imported) used
    std::int64_t propagatedPoints = 0; ///< suggestions used above the confidence threshold
    std::int64_t qUpdates = 0; ///< Q-network updates run (0: the replay never reached its warm-up)
    double inSampleF1 = 0.0;          ///< on the labelled points (optimistic: seen in training)
    /// The median length in points of the stretches labelled anomalous (human or imported
    /// labels; touching ranges count as one stretch); 0 without any.
    std::int64_t anomalyLabelMedian = 0;
    double seconds = 0.0;
    std::string metricsJson;
    std::string potential; ///< "heuristic", or "program: <expression>" (the project's potential)
    /// "name: why" for each series left out: shorter than a window or without an observed
    /// value (not trained on, not scored), or in a channel group whose detector learnt nothing
    /// (no Q-network update and no decision: not scored, the detector not stored).
    std::vector<std::string> skipped;
};

/// Trains a new model version on every series of the project (one detector per channel count)
/// and stores it with its configuration, metrics, and the scores of every series.
Result<ProjectTrainResult> trainProjectModel(Project& project, const ProjectTrainOptions& options,
                                             ProgressSink progress = {},
                                             const CancelToken& cancel = CancelToken{});

struct ProjectScoreResult
{
    std::int64_t version = 0;
    std::int64_t series = 0;
    std::int64_t points = 0;
    double seconds = 0.0;
    /// "name: why" for each series not scored (no detector for its channels, too short, no
    /// observed value).
    std::vector<std::string> skipped;
};

/// Scores every series with the newest model version and stores the scores under it.
Result<ProjectScoreResult> scoreProject(Project& project, ProgressSink progress = {},
                                        const CancelToken& cancel = CancelToken{});

/// Per-point expert labels of a series for training: -1 unlabelled, 0 normal, 1 anomaly
/// (human and imported labels; a channel-scoped label marks its rows).
std::vector<std::int8_t> expertPointLabels(const std::vector<Label>& labels, std::int64_t length);

} // namespace vigil::core
