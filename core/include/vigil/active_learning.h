// SPDX-License-Identifier: MIT
// Active learning on a project (METHOD.md §6): the query queue, label propagation into
// suggestions that the analyst accepts or rejects, and the stopping signal. The GUI's workers
// and `vigil-cli queries` / `propagate` / `suggestions` share these functions.
//
// Suggestions are labels of source Propagated carrying the spreading's confidence. They are
// written, accepted and rejected through the label log (each call is one undoable step), train
// the model above EngineConfig::propagatedMinConfidence, and never count as expert labels
// (expertPointLabels() ignores them).
//
// Thread rules: each call uses the Project it is given from the calling thread only.
#pragma once

#include "vigil/knn_spreading.h"
#include "vigil/label_spreading.h"
#include "vigil/progress.h"
#include "vigil/project.h"
#include "vigil/query_strategies.h"
#include "vigil/result.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vigil::core {

// --- queries ---

struct ProjectQueryOptions
{
    QueryStrategy strategy = QueryStrategy::Default;
    int k = 10;      ///< queries over the whole project
    int window = 25; ///< W
    std::uint64_t seed = 0;
};

/// One F1 estimate of the stopping signal's history (one per labelling batch).
struct StoppingPoint
{
    std::int64_t labelledPoints = 0;
    double f1 = 0.0;
};

/// Whether more labels still help (METHOD.md §6, issue #5).
struct StoppingSignal
{
    double estimatedF1 = 0.0;       ///< current cross-validated F1 (NaN: not estimable yet)
    std::string scorer;             ///< what was thresholded ("model p" or "residual")
    std::vector<StoppingPoint> history; ///< per labelling batch, oldest first
    bool stop = false;              ///< more labels have stopped helping
    std::string message;            ///< the advice in words
};

struct ProjectQueriesResult
{
    std::vector<QueryRecord> queries; ///< stored, best first
    std::int64_t modelVersion = 0;    ///< scores used; 0 when no model was trained
    std::string note;                 ///< e.g. "no model yet: …"
    StoppingSignal stopping;
};

/// Computes the next `k` queries over every series, replaces the open queue of each series with
/// them, appends the stopping estimate to the project's history and returns both. Uses the
/// newest model's stored scores when present. Reports progress per series; a cancel before the
/// queue is written stops with kCancelledMessage and leaves the project as it was.
Result<ProjectQueriesResult> computeProjectQueries(Project& project,
                                                   const ProjectQueryOptions& options,
                                                   ProgressSink progress = {},
                                                   const CancelToken& cancel = CancelToken{});

/// What the newest computeProjectQueries said beside its queue, kept in the project so that a
/// reopened project shows its stored queue with the same notes (English, like the result).
struct QueueNotes
{
    std::int64_t modelVersion = 0; ///< the model whose scores chose the queue; 0: none
    std::string note;              ///< ProjectQueriesResult::note
    std::string stopping;          ///< StoppingSignal::message
};

/// The notes stored by the newest computeProjectQueries; nullopt when none were stored or the
/// stored text is unreadable (the next computation writes it again).
Result<std::optional<QueueNotes>> storedQueueNotes(const Project& project);

// --- stopping signal ---

/// Cross-validated F1 of a threshold on `score` fitted on the other folds: the labelled points
/// (label -1/0/1 per point, one vector per series) form units (each anomalous run whole, normal
/// runs in blocks of `block` points), dealt to `folds` folds after a seeded shuffle (stratified),
/// and the held-out confusion counts are summed. NaN with fewer than two anomalous runs or no
/// normal point.
double crossValidatedF1(std::span<const std::vector<double>> scores,
                        std::span<const std::vector<std::int8_t>> labels, int folds = 5,
                        int block = 25, std::uint64_t seed = 0);

/// The advice from a history of estimates: stop when each of the last `batches` batches moved
/// the estimate by less than `minChange`.
StoppingSignal stoppingAdvice(std::vector<StoppingPoint> history, int batches = 3,
                              double minChange = 0.01);

/// Estimates F1 on the project's expert labels now (model scores when stored, else residual),
/// records it in the history when the labels changed since the last entry, and advises.
Result<StoppingSignal> updateStoppingSignal(Project& project, int window = 25);

// --- propagation into suggestions ---

enum class PropagationMethod {
    Knn,  ///< `default`: sparse kNN graph spreading; every reached point above minConfidence
    Dense ///< `paper`: dense RBF spreading; the lowestEntropy windows per series
};

struct PropagationOptions
{
    PropagationMethod method = PropagationMethod::Knn;
    int window = 25;             ///< W: the window ending at t carries the label of t
    double minConfidence = 0.5;  ///< kNN: points below this get no suggestion
    std::int64_t lowestEntropy = 200; ///< dense: suggestions per series (the paper's 200)
    KnnSpreadingConfig knn;
    LabelSpreadingConfig dense;
};

struct PropagationSummary
{
    std::int64_t seriesPropagated = 0;
    std::vector<std::string> skipped; ///< "name: why" for series without both classes etc.
    std::int64_t suggestions = 0;     ///< suggestion labels written
    std::int64_t anomalyPoints = 0;
    std::int64_t normalPoints = 0;
    std::int64_t removed = 0;            ///< earlier suggestions replaced or gone
    std::int64_t kept = 0;               ///< earlier suggestions made again exactly (untouched)
    std::int64_t declinedPoints = 0;     ///< points left out: their suggestion was turned down
    std::int64_t trainingPoints = 0;     ///< points at or above the training threshold
    double trainingThreshold = 0.9;      ///< EngineConfig::propagatedMinConfidence
    /// Over the suggestions as stored: each point at its suggestion's confidence (its run's
    /// lowest), so these agree with listSuggestions() and --min-confidence.
    double meanConfidence = 0.0;
    double minConfidence = 0.0;
    double maxConfidence = 0.0;
};

/// What a propagation would write, computed without touching the project.
struct PropagationPlan
{
    PropagationSummary summary;
    LabelDiff diff;          ///< earlier suggestions removed, new ones added (may be empty)
    std::string description; ///< for the label log ("propagate labels: N suggestions")
};

/// The reading and spreading half of propagateProject(): the GUI plans on a worker thread and
/// applies the plan's diff (Project::applyDiff) through its undo stack on the GUI thread, so
/// its undo history stays in the order of the project's label log. Fails with the plan
/// unapplied when the labels changed in between (applyDiff checks every removed label).
Result<PropagationPlan> planPropagation(const Project& project, const PropagationOptions& options,
                                        ProgressSink progress = {},
                                        const CancelToken& cancel = CancelToken{});

/// Spreads each series' expert labels over its windows and replaces the project's suggestions
/// with the result, as one undoable label-log step. A series needs expert labels of both
/// classes (a single class would spread everywhere with full confidence). Points covered by any
/// label other than a suggestion get none.
Result<PropagationSummary> propagateProject(Project& project, const PropagationOptions& options,
                                            ProgressSink progress = {},
                                            const CancelToken& cancel = CancelToken{});

/// The parts of suggestions the analyst turned down that still stand: the points of a suggestion
/// that a label-log edit removed and did not cover again with the same class, for every edit
/// that is not undone, other than a propagation (which replaces its own). A reject, an erase
/// over a suggestion and a label of another class painted over one count; an accept, a label of
/// the same class and the pieces an edit leaves standing do not. Undoing that edit forgets it.
/// Propagation puts no suggestion of the same class inside them again, so a rejected
/// suggestion does not come back with the next propagation.
Result<std::vector<Label>> turnedDownSuggestions(const Project& project);

/// Every suggestion (source Propagated) of the project, ordered by series, begin, channel.
Result<std::vector<Label>> listSuggestions(const Project& project);

/// Turns suggestions into human labels of the same class and range, as one undoable step.
/// Each must be a current suggestion (exact match) or the call fails and changes nothing.
Result<LabelDiff> acceptSuggestions(Project& project, const std::vector<Label>& suggestions);

/// Removes suggestions as one undoable step; with markNormal, their ranges become human
/// normal labels (the analyst says "not an anomaly").
Result<LabelDiff> rejectSuggestions(Project& project, const std::vector<Label>& suggestions,
                                    bool markNormal = false);

} // namespace vigil::core
