// SPDX-License-Identifier: MIT
// Reading and writing the model blob of a project version: one detector per channel count,
// [u32 groups] then per group [u32 channels][u64 size][detector bytes], little-endian (the
// format trainProjectModel writes).
//
// Thread rules: pure functions; the detectors returned belong to the caller's thread.
#pragma once

#include "vigil/decision.h"
#include "vigil/engine.h"
#include "vigil/project.h"
#include "vigil/result.h"

#include <cstdint>
#include <map>
#include <memory>
#include <vector>

namespace vigil::core {

// A model version's blob holds one detector per channel count (a project may mix univariate and
// multivariate series), little-endian: [u32 groups] then per group [u32 channels][u64 size]
// [Detector::save() bytes]. These two functions are the only code that knows the format.

/// The detectors of a model blob, by channel count.
Result<std::map<int, std::unique_ptr<Detector>>>
unpackModelBlob(const std::vector<std::uint8_t>& blob);

/// A model blob from trained detectors, by channel count.
Result<std::vector<std::uint8_t>> packModelBlob(const std::map<int, const Detector*>& detectors);

/// The newest model version's detectors; an empty map (version 0) when nothing was trained.
struct LatestDetectors
{
    std::int64_t version = 0;
    std::map<int, std::unique_ptr<Detector>> detectors;
};
Result<LatestDetectors> loadLatestDetectors(const Project& project);

/// The decision threshold on the stored score that a model version recorded ("decision_threshold"
/// or "threshold", in (0, 1), in its metrics or else its configuration JSON); 0.5 otherwise. The
/// GUI's detections and score band and the report all flag with this.
double modelDecisionThreshold(const ModelRecord& model);

/// How a model version flags, from the metrics trainProjectModel writes (per channel group:
/// "decision", "decision_normals", "decision_note").
enum class ModelDecisionKind {
    Greedy,        ///< the detector's p >= 0.5 (`paper`, or a model without a decision)
    DetectorAlone, ///< `default`, but no anomaly was labelled, so no decision could be fitted
    Fitted,        ///< a stacked decision fitted on labelled points of both classes
    FittedStandIns ///< fitted on anomaly labels, unlabelled points standing in for normal ones
};
ModelDecisionKind modelDecisionKind(const std::string& metricsJson);
/// The largest incident budget (flagged runs per 1 000 points, decision.h) of the model's fitted
/// decisions; 0 when none has one.
double modelIncidentBudget(const std::string& metricsJson);
/// The largest smoothing span (expected anomaly length in points, decision.h) of the model's
/// fitted decisions; 1 when none smooths.
int modelSmoothing(const std::string& metricsJson);
/// True when the model's in-sample F1 on its labelled points is 0 (it flags none of the labelled
/// anomalies); false without metrics that say so.
bool modelFlagsNoLabelledAnomaly(const std::string& metricsJson);
/// For a model whose stacked decision does not smooth: the expected anomaly length
/// suggestedSmoothing() draws from the labelled anomalous stretches it was trained on; 0 when there
/// is no suggestion (or the model smooths already).
int modelSuggestedSmoothing(const std::string& metricsJson);
/// When the model's training began reading the labels (Unix ms, "labels_read_ms" in its
/// metrics), else its `created` time: edits logged after it are ones the model has not seen.
/// Training takes minutes, and an edit made meanwhile was logged before the model was stored.
std::int64_t modelLabelsReadAt(const ModelRecord& model);
/// The median length of the labelled anomalous stretches the model was trained on
/// (ProjectTrainResult::anomalyLabelMedian); 0 when its metrics do not say.
std::int64_t modelAnomalyLabelMedian(const std::string& metricsJson);

/// The stacked decisions a model version stored, by channel count (empty when none). Fails when
/// the metrics or a stored decision cannot be read (empty metrics count as none).
Result<std::map<int, StackedDecision>> modelDecisions(const std::string& metricsJson);

} // namespace vigil::core
