// SPDX-License-Identifier: MIT
// The `interactive` benchmark protocol (METHOD.md §7, issue #5): per series, a simulated expert
// answers up to K queries, each revealing the ground truth of one window of W points, and the
// model is refitted after each batch. After k queries the exported labelling is the revealed
// truth where revealed and the model's decision elsewhere; F1 is computed over the whole series
// against the ground truth, and separately over the points never revealed.
//
// The protocol never lets the model or the strategy see an unrevealed label: the ground truth
// stays inside runInteractiveSeries(), which hands the model only the vector of revealed labels
// (-1 where not revealed). tests/core/queries checks this with a model double.
//
// Thread rules: one run per thread; models are not shared.
#pragma once

#include "vigil/progress.h"
#include "vigil/query_strategies.h"
#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vigil::core {

/// What the simulated analyst's tool learns from: values plus the labels revealed so far.
class InteractiveModel
{
public:
    virtual ~InteractiveModel() = default;
    /// Refits on `values` (T x C) and the revealed labels (-1 unrevealed, 0 normal, 1 anomaly).
    virtual Status fit(const Eigen::MatrixXd& values, const std::vector<std::int8_t>& revealed) = 0;
    /// The model's 0/1 decision per point (after fit()).
    virtual std::vector<std::uint8_t> decisions() const = 0;
    /// Adds what the model knows to the strategies' input (probability, q0/q1, VAE error, φ).
    virtual void fillQueryInput(QueryInput& input) const = 0;
    /// "residual", "detector", …
    virtual std::string name() const = 0;
};

/// Rolling-median residual with one threshold tuned on the revealed points to maximise F1
/// there. Before any anomaly is revealed the threshold sits above every revealed normal point
/// and at least `priorZ` robust standard deviations above the median residual.
std::unique_ptr<InteractiveModel> makeResidualModel(int window = 25, double priorZ = 8.0);

/// The same threshold rule on multiScaleScore() (baselines.h): short- and long-window residuals
/// and flat-lining, in robust-z units, max over channels; it hands the strategies that score as
/// their residual.
std::unique_ptr<InteractiveModel> makeMultiScaleModel(int window = 25, double priorZ = 8.0);

/// Small-budget settings of the engine's Detector for interactive refits.
struct InteractiveDetectorOptions
{
    bool smd = false;
    int lstmHidden = 32;
    int episodes = 2;
    int updatesPerEpisode = 50;
    int vaeEpochs = 5;
    int warmEpisodes = 1; ///< episodes of each later fit, continued from the previous weights
    std::uint64_t seed = 0;
    int threads = 0; ///< 0: automatic (EngineConfig::effectiveThreads())
};

/// The engine's Detector (EngineConfig::defaults() on a small budget), trained at the first
/// fit and warm-started (Detector::retrain) at each later one; its decision threshold on p is tuned
/// on the revealed points once they hold both classes (0.5 before).
std::unique_ptr<InteractiveModel> makeDetectorModel(const InteractiveDetectorOptions& options);

struct InteractiveOptions
{
    std::string format = "yahoo"; ///< "yahoo" or "smd"
    std::string trainDir;
    QueryStrategy strategy = QueryStrategy::Default;
    std::string model; ///< "residual" | "multiscale" | "detector"; empty: defaultInteractiveModel()
    int queries = 10;  ///< K
    int batch = 1;     ///< queries answered between refits
    int window = 25;   ///< W
    std::uint64_t seed = 0;
    int threads = 0;
    int maxSeries = 0; ///< > 0: only the first N series (sorted by name), for quick runs
    InteractiveDetectorOptions detector;
};

/// The model a run uses when `options.model` is empty.
std::string defaultInteractiveModel(QueryStrategy strategy);

/// One series' outcome.
struct InteractiveSeriesResult
{
    std::string name;
    std::vector<double> f1Curve; ///< F1 of the exported labelling after 0, 1, …, K queries
    double f1 = 0.0;             ///< after the last query
    double f1Unrevealed = 0.0;   ///< the model's decisions on never-revealed points
    bool hasAnomaly = false;     ///< false: F1 is undefined and the series is left out of means
    std::vector<std::pair<std::int64_t, std::int64_t>> revealed; ///< query windows, in order
    std::int64_t revealedPoints = 0;
};

/// Runs the protocol on one series with `truth` (0/1 per point) held back from `model`.
Result<InteractiveSeriesResult>
runInteractiveSeries(const std::string& name, const Eigen::MatrixXd& values,
                     const std::vector<std::uint8_t>& truth, InteractiveModel& model,
                     const InteractiveOptions& options, const CancelToken& cancel = CancelToken{});

struct InteractiveReport
{
    InteractiveOptions options;
    std::string model; ///< the model actually used
    std::vector<InteractiveSeriesResult> series;
    double meanF1 = 0.0; ///< over series with at least one anomaly
    double meanF1Unrevealed = 0.0;
    std::vector<double> meanCurve; ///< K + 1 values
    double seconds = 0.0;
};

/// Loads every series of `options.trainDir` and runs the protocol on each.
Result<InteractiveReport> runInteractiveBenchmark(const InteractiveOptions& options,
                                                  ProgressSink progress = {},
                                                  const CancelToken& cancel = CancelToken{});

/// {"strategy","queries","seed","seconds","series":[{"name","f1_curve","f1","f1_unrevealed"}],
///  "mean":{"f1","f1_unrevealed"},"mean_curve":[…]}, exactly these keys.
std::string interactiveReportJson(const InteractiveReport& report);
/// A readable table: mean curve, then per series.
std::string interactiveReportTable(const InteractiveReport& report);

} // namespace vigil::core
