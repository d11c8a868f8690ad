// SPDX-License-Identifier: MIT
// Offline benchmark protocols of METHOD.md §7: the `paper` split, the `half` split and a
// holdout directory, a simulated oracle with a label budget, the two simple baselines, and the
// report (JSON and a readable table).
#pragma once

#include "vigil/decision.h"
#include "vigil/engine.h"
#include "vigil/metrics.h"
#include "vigil/progress.h"
#include "vigil/result.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::core {

enum class BenchProtocol {
    PaperSplit, ///< sort names as strings; train on the first ⌊0.9 N⌋ + 1, test on the rest
    Half,       ///< per series: first half of its labelled points is the pool, second half test
    Holdout     ///< train on one folder, test on another
};

const char* toString(BenchProtocol protocol);

/// BenchOptions::smoothing: measure the anomalies' length instead of taking a fixed span.
inline constexpr int kAutoSmoothing = 0;
/// Auto smoothing: the share of the label budget kept back from the query rounds for the
/// questions about how far the revealed anomalies reach, and how many anomalies are measured.
inline constexpr double kExtentProbeShare = 0.1;
inline constexpr int kExtentProbeAnomalies = 40;

/// `--decision-fit per-series`: the revealed anomalies, and normals, a series needs for a
/// decision of its own.
inline constexpr int kOwnDecisionMinLabels = 10;

struct BenchOptions
{
    std::string format = "yahoo"; ///< "yahoo" or "smd"
    std::string trainDir;
    std::string testDir; ///< Holdout only
    BenchProtocol protocol = BenchProtocol::PaperSplit;
    EnginePreset preset = EnginePreset::Default;
    double labelBudget = 0.05; ///< largest fraction of pool points the oracle may reveal
    std::uint64_t seed = 0;
    int threads = 0;           ///< 0: automatic (EngineConfig::effectiveThreads())
    std::string potential = "heuristic"; ///< heuristic | zero | builtin-program
    int rounds = 3;            ///< query rounds after the warm-up (each: query, propagate, train)
    int warmupPerSide = 5;     ///< warm-up: most-normal and most-anomalous windows per series
    /// dense label spreading's lowest-entropy windows: `default` takes this many per series;
    /// `paper` this many per episode, over all series together (the reference's episode
    /// visits one series and propagates 200 windows of it)
    int propagatedPerRound = 200;
    int episodesOverride = 0;  ///< > 0 replaces the preset's episode count (quick runs, tests)
    int warmEpisodes = 3;      ///< default: later rounds continue training for this many episodes
    bool calibrateThreshold = true;
    /// default: "stacked" (decision.h: margin, jump score, multi-scale surprise and VAE error
    /// combined on the revealed labels) or "margin" (a cut on Q1 - Q0 alone)
    std::string decision = "stacked";
    /// stacked decision, half split: "pool" scales a series' test half with the median and max
    /// of its training half (the rows the decision was fitted on), "own" with its own
    std::string decisionScale = "pool";
    /// stacked decision, --split half: "pooled" (one decision fitted on the revealed labels of
    /// every training series) or "per-series" (a series whose training half holds at least
    /// kOwnDecisionMinLabels revealed anomalies and as many revealed normals gets a decision
    /// of its own, fitted on those alone; the others use the pooled one)
    std::string decisionFit = "pooled";
    /// stacked decision: with the VAE's reconstruction error as its fourth column (false: the
    /// three-column decision of sessions 5-7)
    bool decisionVae = true;
    /// stacked decision: its second column, the jump score (the default since session 10) or
    /// the rolling-median residual of the values (ResidualColumn::Level, sessions 5-9)
    ResidualColumn residualColumn = ResidualColumn::Jump;
    /// stacked decision: at most this many flagged runs per 1 000 scored points of a test
    /// series, the strongest kept (decision.h); 0 = no budget; kAutoIncidentBudget: chosen on
    /// the revealed training labels (chooseIncidentBudget())
    double incidentBudget = kAutoIncidentBudget;
    /// stacked decision: a flagged run stays flagged only if its peak logit reaches the cut +
    /// this (decision.h, kDecisionPeakMargin); 0 = no such rule (sessions 9-11)
    double peakMargin = kDecisionPeakMargin;
    /// stacked decision: how the incident budget ranks the flagged runs (StackedDecision::
    /// ranking; `--rank-runs`)
    RunRanking runRanking = RunRanking::Peak;
    /// stacked decision: the expected anomaly length in points, the span its logit is averaged
    /// over (StackedDecision::smoothing); 1 = point anomalies; kAutoSmoothing: measured by
    /// asking the oracle how far the revealed anomalies reach (probeAnomalyExtents in
    /// benchmark.cpp), then suggestedSmoothing() of their median extent, kept only where it
    /// flags the revealed labels better than 1
    int smoothing = 1;
    /// default's query rounds: "margin" (the paper's rule, one point per query, the smallest
    /// margins over all series), "margin-shared" (the same, each series' share of a round in
    /// proportion to its pool) or "default" (Vigil's strategy of query_strategies.h, one window
    /// per query); paper always uses "margin"
    std::string queries = "margin";
    /// label propagation between rounds: "dense" (the paper's RBF spreading, 200 windows per
    /// series) or "knn" (sparse kNN spreading, every window it reaches with its confidence)
    std::string propagation = "dense";
    /// paper, --split paper only, a fidelity check and never a result: reproduce the reference
    /// code's leaks (README, "What the reference code does"): the warm-up also labels the test
    /// series (outside the budget), propagated windows train on their ground truth, and the
    /// training reward is the ground truth alone (no shaping, no VAE term)
    bool referenceLeaks = false;
    std::string engineOverrides; ///< JSON object of EngineConfig fields merged over the preset
    std::string dumpDir;         ///< non-empty: write each labelled series' final scores here (CSV)
};

/// Metrics of one method on one test series (scored from step W on, over the test part).
struct SeriesResult
{
    std::string name;
    PointMetrics metrics;
    double paF1 = 0.0;
    double aucPr = 0.0;
    bool hasAnomaly = false; ///< false: F1 undefined; metrics.falsePositiveRate() is reported
};

struct MeanMetrics
{
    double precision = 0.0;
    double recall = 0.0;
    double f1 = 0.0;
    double paF1 = 0.0;
    double aucPr = 0.0;
};

struct MethodResult
{
    std::string name;
    std::vector<SeriesResult> series;
    MeanMetrics mean; ///< over test series with at least one anomalous point
    double maxF1 = 0.0;
    std::string note;
};

struct BenchReport
{
    BenchOptions options;
    std::string dataset;
    std::int64_t labelsUsed = 0;
    std::int64_t labelsAnomalous = 0;  ///< revealed points whose truth is anomalous
    std::int64_t labelsPropagated = 0; ///< training windows holding a propagated label at the end
    std::int64_t poolPoints = 0;
    double labelFraction = 0.0;
    double seconds = 0.0;
    double decisionThreshold = 0.5; ///< on p; 0.5 is the greedy rule
    double marginThreshold = 0.0;   ///< on Q1 - Q0 (what `default` decides with; 0 = greedy)
    std::string engineConfig;       ///< the effective EngineConfig as JSON
    std::string potentialExpression; ///< builtin-program: the expression the analyst wrote
    std::string decision;            ///< the fitted StackedDecision as JSON (empty: none)
    double incidentBudget = 0.0;     ///< the stacked decision's budget (0: none)
    int smoothing = 1;               ///< the span the stacked decision used
    /// `--decision-fit per-series`: the series scored with a decision of their own
    std::vector<std::string> ownDecisions;
    /// Auto smoothing: the anomalies measured, their median extent in points and the labels
    /// the measuring revealed (part of labelsUsed); all 0 with a fixed span.
    std::int64_t anomaliesMeasured = 0;
    std::int64_t anomalyExtentMedian = 0;
    std::int64_t extentProbeLabels = 0;
    /// Auto smoothing: the span the measured median suggests (suggestedSmoothing()); the
    /// decision keeps it only where it flags the revealed labels better than a span of 1.
    int measuredSmoothing = 0;
    int rounds = 0; ///< query rounds run (`paper`: its episodes - 1, one before each later one)
    std::vector<std::string> trainSeries;
    MethodResult preset;
    std::vector<MethodResult> baselines;
};

/// Runs one benchmark. Progress goes to `progress`; cancel stops it between phases.
Result<BenchReport> runBenchmark(const BenchOptions& options, ProgressSink progress = {},
                                 const CancelToken& cancel = CancelToken{});

/// The JSON document of the `bench` command.
std::string benchReportJson(const BenchReport& report);
/// A readable table of the preset beside the baselines.
std::string benchReportTable(const BenchReport& report);

/// Averages over results with hasAnomaly; also fills maxF1.
void summarise(MethodResult& result);

} // namespace vigil::core
