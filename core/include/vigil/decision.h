// SPDX-License-Identifier: MIT
// The `default` preset's decision layer: one learned cut for every series, on evidence that is
// comparable across series. The detector's margin Q1 - Q0, the jump score (jumpScore(); the
// rolling-median residual in decisions stored before session 10), the multi-scale surprise and
// the VAE's reconstruction error are each scaled per series as (x - median) / (max - median); a
// class-weighted logistic regression fitted on the labelled points combines them, and the cut on
// its logit is chosen on the same labels (labelledDecisionCut(), best F-beta with β 1.5). An
// incident budget, chosen on the same labels too (by F1), then keeps at most a few flagged runs
// per 1 000 points of a series, the strongest ones, and a run stays flagged only if its peak
// reaches kDecisionPeakMargin above the cut (hysteresis: a score of 0.75 starts a detection,
// 0.5 extends it).
#pragma once

#include "vigil/result.h"

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

inline constexpr int kDecisionFeatures = 4;
/// Decisions stored before the VAE column (session 8) have the first three columns only.
inline constexpr int kDecisionFeaturesV1 = 3;
/// What the decision's second column measures: the jump score (jumpScore() of the min-max
/// scaled channels, since session 10) or the rolling-median residual of the min-max scaled
/// values (`Level`, every decision stored before).
enum class ResidualColumn { Level, Jump };
/// The decision's second column of one series (`values` T x C, min-max scaled per channel here):
/// jumpScore() with window W, scored once 2W residuals are known, or the rolling-median
/// residual with window W.
Result<Eigen::VectorXd> decisionResidual(const Eigen::MatrixXd& values, int window,
                                         ResidualColumn kind);
/// JSON names of the columns, in order, as stored with a decision.
std::array<const char*, kDecisionFeatures> decisionFeatureNames(ResidualColumn residual);

/// The β of the F-beta score the stacked decision's cut maximises on the labelled logits
/// (labelledDecisionCut()). The labelled anomalies are not a fair sample of the anomalies: the
/// warm-up reveals the isolation forest's most anomalous windows and margin queries the clearest
/// cases, so the cut that is best for F1 on them sits above most unseen anomalies and costs
/// recall. β = 1.5 weighs recall a little higher to make up for that (session 11, chosen on the
/// Yahoo 4-fold CV and the SMD validation split; README, "Detection engine").
inline constexpr double kDecisionCutBeta = 1.5;

/// How far above the cut a run of rows with logit >= cut must peak to stay flagged: ln 3, so a
/// detection needs one point whose score (sigmoid(logit - cut)) reaches 0.75 and extends over
/// its neighbours >= 0.5. Many false detections are runs that barely cross the cut, where a true
/// anomaly's run peaks well above it (session 12, chosen on the Yahoo 4-fold CV and the SMD
/// validation split; README, "Detection engine").
inline constexpr double kDecisionPeakMargin = 1.0986122886681098;

/// Which flagged runs the incident budget keeps: those with the highest peak logit (`Peak`, what
/// every decision uses) or the largest area above the cut, the sum of (logit - cut) over the
/// run (`Area`, `bench --rank-runs area`). By area an anomaly that holds for tens of points
/// outranks a short burst that peaks a little higher: on the Yahoo 4-fold CV it gained 0.013
/// on every seed, but the SMD validation split lost 0.019 on every seed, so it is not the
/// default (session 33; docs/benchmark-notes.md).
enum class RunRanking { Peak, Area };

/// The longest smoothing span a decision takes (StackedDecision::smoothing), in points.
inline constexpr int kMaxDecisionSmoothing = 1000;
/// The project setting that holds the expected anomaly length the `default` decision smooths
/// its logit over (an integer in [1, kMaxDecisionSmoothing]; missing: 1, point anomalies).
inline constexpr const char* kSmoothingSetting = "decision.smoothing";

/// The smoothing span written as text ("25"), when it is a whole number from 1 to
/// kMaxDecisionSmoothing; nullopt otherwise (the project setting and `--smoothing` read it).
std::optional<int> parseSmoothing(std::string_view text);

/// An expected anomaly length to suggest from the median length of the labelled (or measured,
/// benchmark.h's auto smoothing) anomalous stretches: half of it (incidents are flagged whole
/// from about there; on SMD's validation split 15-35 points did best for stretches of 50-70),
/// or 0, no suggestion, when the median is below kSuggestSmoothingFrom (spikes and short runs,
/// where smoothing costs F1).
inline constexpr std::int64_t kSuggestSmoothingFrom = 6;
int suggestedSmoothing(std::int64_t anomalyLabelMedian);

/// The mean of the finite entries of `x` over the `span` rows centred on each row
/// ([i - (span - 1) / 2, i + span / 2], cut at the ends); NaN where x is NaN. span <= 1: x.
Eigen::VectorXd centredMean(const Eigen::VectorXd& x, int span);

/// An incident budget to choose on the labels (chooseIncidentBudget()), not a fixed one.
inline constexpr double kAutoIncidentBudget = -1.0;
/// The budgets chooseIncidentBudget() tries, in this order (0 = none); a later one must do
/// strictly better, so a tie keeps the larger budget.
inline constexpr std::array<double, 7> kIncidentBudgets{0.0, 10.0, 5.0, 3.0, 2.0, 1.5, 1.0};

/// (x - median) / (max - median) over the finite entries of rows [from, to), clipped to
/// [-1, 1]; 0 where x is not finite or the range is flat; rows outside [from, to) are NaN.
Eigen::VectorXd maxNormalised(const Eigen::VectorXd& x, Eigen::Index from, Eigen::Index to);
/// The same with the median and max taken over rows [referenceFrom, referenceTo) (an empty
/// reference gives 0): rows scaled exactly as the reference rows were.
Eigen::VectorXd maxNormalised(const Eigen::VectorXd& x, Eigen::Index from, Eigen::Index to,
                              Eigen::Index referenceFrom, Eigen::Index referenceTo);

/// The decision features of one series (T x kDecisionFeatures, NaN outside [from, to) and where
/// the margin is not finite): the detector's margin, the `residual` column (the jump score or
/// the rolling-median residual of the min-max scaled channels, window W), the multi-scale
/// surprise and the VAE's reconstruction error
/// `vaeError` (0 for the windows ending before row 2W - 1, which start before the scaler has W
/// points of history), each maxNormalised() with the median and max of rows [referenceFrom,
/// referenceTo). `values` T x C is the whole series the margin and the error were scored on. The
/// benchmark's half split scores a series' test half on the scale of its training half, the rows
/// the decision was fitted on; everywhere else the reference is [from, to) itself.
Result<Eigen::MatrixXd> decisionFeatures(const Eigen::MatrixXd& values,
                                         const Eigen::VectorXd& margin,
                                         const Eigen::VectorXd& vaeError, int window,
                                         ResidualColumn residual, Eigen::Index from,
                                         Eigen::Index to, Eigen::Index referenceFrom,
                                         Eigen::Index referenceTo);
/// The same with [from, to) as its own reference.
Result<Eigen::MatrixXd> decisionFeatures(const Eigen::MatrixXd& values,
                                         const Eigen::VectorXd& margin,
                                         const Eigen::VectorXd& vaeError, int window,
                                         ResidualColumn residual, Eigen::Index from,
                                         Eigen::Index to);

/// A fitted decision: logit = bias + Σ weight_k (f_k - mean_k) / scale_k; flag where
/// logit >= cut, within the incident budget.
struct StackedDecision
{
    std::array<double, kDecisionFeatures> mean{};
    std::array<double, kDecisionFeatures> scale{1.0, 1.0, 1.0, 1.0};
    std::array<double, kDecisionFeatures> weight{};
    double bias = 0.0;
    double cut = 0.0;
    /// The incident budget: of the runs of consecutive rows with logit >= cut in one series,
    /// at most max(1, round(incidentsPerThousand * rows with a logit / 1000)) stay flagged, those
    /// ranked by `ranking`. 0: no budget (also decisions stored before session 9).
    double incidentsPerThousand = 0.0;
    /// How the incident budget ranks the runs (Peak unless a benchmark asks for Area).
    RunRanking ranking = RunRanking::Peak;
    /// A run of rows with logit >= cut stays flagged only if its peak logit reaches
    /// cut + peakMargin (kDecisionPeakMargin for a freshly fitted decision; 0, no such rule, for
    /// decisions stored before session 12).
    double peakMargin = 0.0;
    /// The second column this decision was fitted on; score with features of the same kind.
    ResidualColumn residual = ResidualColumn::Jump;
    /// The expected anomaly length in points: logit() averages the per-row logit over this many
    /// rows centred on each (centredMean()), so a detection follows an incident's sustained
    /// evidence rather than its single strongest points. 1 (the default, and every decision
    /// stored before session 14): point anomalies, no smoothing. Chosen by the analyst per
    /// project (kSmoothingSetting), not fitted: the labels do not tell incidents from points.
    int smoothing = 1;

    /// Logits per row of `features`, one series in time order (NaN where a feature is NaN),
    /// averaged over `smoothing` rows.
    Eigen::VectorXd logit(const Eigen::MatrixXd& features) const;
    /// The cut each row of one series' logits is held to: `cut`; cut + peakMargin on the runs
    /// that do not reach it; and on the runs the incident budget drops, just above the smallest
    /// kept peak or just above the run's own peak, whichever is higher (the same under Peak).
    Eigen::VectorXd rowCuts(const Eigen::VectorXd& logits) const;
    /// Flags of one series' logits: logit >= rowCuts() (0 where the logit is NaN).
    std::vector<std::uint8_t> flags(const Eigen::VectorXd& logits) const;
    /// sigmoid(logit - rowCut) over one series: a score in (0, 1) that is >= 0.5 exactly where
    /// the decision flags.
    Eigen::VectorXd score(const Eigen::MatrixXd& features) const;

    std::string toJson() const;
    static Result<StackedDecision> fromJson(const std::string& json);
};

/// Fits the logistic regression (classes weighted to equal mass, L2 0.01 on the weights,
/// Newton steps) on the rows with finite features and truth 0/1, then the cut on its logits
/// (best F-beta, β = kDecisionCutBeta), with peakMargin kDecisionPeakMargin.
/// `residual` names the second column of `features`. No incident budget yet. Fails without at
/// least one point of each class.
Result<StackedDecision> fitStackedDecision(const Eigen::MatrixXd& features,
                                           std::span<const std::uint8_t> truth,
                                           ResidualColumn residual = ResidualColumn::Jump);

/// The incident budget of kIncidentBudgets whose flags give the best F1 on the labelled rows
/// with a logit (label 0 or 1; -1 = unlabelled) of the given series, pooled: `logits[s]` are
/// decision.logit() of series s (NaN where it has no score) and `labels[s]` its labels, row for
/// row. With no labelled anomaly every budget ties and none (0) is kept.
double chooseIncidentBudget(const StackedDecision& decision,
                            std::span<const Eigen::VectorXd> logits,
                            std::span<const std::vector<std::int8_t>> labels);

/// The F1 of the decision's flags (its cut, peak margin, smoothing and incident budget) on the
/// labelled rows (label 0 or 1) of `features` (one matrix per series, decisionFeatures()),
/// pooled over the series: what chooseIncidentBudget() maximises.
double labelledF1(const StackedDecision& decision, std::span<const Eigen::MatrixXd> features,
                  std::span<const std::vector<std::int8_t>> labels);

/// For a decision that smooths (smoothing > 1): the cut chosen again, as fitStackedDecision()
/// chooses it, on the smoothed logits of the labelled rows (label 0 or 1) of `features` (one
/// matrix per series, decisionFeatures()). Leaves the decision as it is when it does not smooth
/// or the labels hold no anomaly.
void chooseSmoothedCut(StackedDecision& decision, std::span<const Eigen::MatrixXd> features,
                       std::span<const std::vector<std::int8_t>> labels);

/// The incident budget a freshly fitted decision keeps: `requested` when it is a budget (>= 0),
/// or for kAutoIncidentBudget the one chooseIncidentBudget() picks on the logits of `features`
/// (one matrix per series, decisionFeatures()) and their `labels`.
double resolveIncidentBudget(const StackedDecision& decision, double requested,
                             std::span<const Eigen::MatrixXd> features,
                             std::span<const std::vector<std::int8_t>> labels);

} // namespace vigil::core
