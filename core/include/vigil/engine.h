// SPDX-License-Identifier: MIT
// The learning engine (METHOD.md §1–4): scaling and windows, the VAE, the LSTM Q-network trained
// by DQN with "both-action" targets, the rewards (classification, VAE term, potential shaping,
// semantic reward) and the λ controller. Two presets: `paper` reproduces the reference code,
// defects included; `defaults` is Vigil's own method. Torch lives behind Detector's pimpl.
//
// Windows: the window of step t holds rows t-W+1..t. Flattened windows (potentials, VAE) are
// time-major: [x(t-W+1, 0..C-1), x(t-W+2, 0..C-1), ..., x(t, 0..C-1)].
//
// RL state of step t (W x (C+1)): scaled values plus a flag column in which row i < t carries
// the agent's own decision a_i and row t carries 0 (undecided). Taking action a at t leads to
// s'_a, the state of t+1 whose row t carries a. Training and scoring build states identically.
//
// Thread rules: a Detector is used by one thread at a time (train() and score() mutate torch
// state and set torch's global thread count). Potentials are const and may be shared.
#pragma once

#include "vigil/progress.h"
#include "vigil/result.h"

#include <Eigen/Core>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vigil::core {

/// Which published behaviour a configuration follows.
enum class EnginePreset { Paper, Default };

/// How values are scaled before windows are made (METHOD.md §1).
enum class ScalingMode {
    MinMaxWholeSeries, ///< `paper`: each series on its own min/max, test statistics included
    RobustTrainOnly,   ///< median/IQR per channel from training data, clipped
    RollingRobust ///< `default`: causal; each point against the median/MAD of its own past
};

/// How the potential and the VAE term enter the rewards (METHOD.md §3).
enum class ShapingMode {
    ActionIndependent, ///< `paper`: Φ(s') = φ(x') and +λ·R2 for both actions: they cancel
    ActionAware        ///< `default`: Φ(s'_a) = aφ + (1-a)(1-φ), r_a += λ(2a-1)z_e
};

/// Every constant of METHOD.md §1–4; the defaults are the `default` preset on Yahoo.
struct EngineConfig
{
    EnginePreset preset = EnginePreset::Default;

    // --- data, scaling, windows (§1) ---
    int window = 25;                   ///< W
    std::vector<int> channelSelection; ///< input channels used; empty = all (paper SMD: {0})
    ScalingMode scaling = ScalingMode::RollingRobust;
    double robustClip = 10.0;         ///< robust-scaled values are clipped to [-clip, clip]
    int rollingContext = 200;         ///< RollingRobust: past points the median/MAD look at
    double minObservedFraction = 0.5; ///< windows with fewer observed rows score NaN

    // --- Q-network (§2) ---
    int lstmHidden = 128;        ///< LSTM hidden size
    bool headInitNormal = false; ///< paper: head weights from N(0, headInitStd)
    double headInitStd = 1.0;
    double forgetGateBias = 0.0;     ///< added to the forget-gate bias (paper: 1, as TensorFlow)
    bool headBiasFromRewards = true; ///< start the head bias at mean(r)/(1-γ) (paper: no)

    // --- DQN (§2) ---
    double gamma = 0.96;
    double learningRate = 1e-3; ///< Adam (paper 3e-4)
    std::int64_t replayCapacity = 500000;
    std::int64_t replayWarmup = 1500; ///< no update before the buffer holds this many
    /// paper: only labelled steps (expert or propagated) enter the replay memory, repeated up to
    /// replayWarmup when there are fewer; the reference steps only its labelled windows.
    bool replayLabelledOnly = false;
    int batchSize = 256;              ///< 256 Yahoo, 128 SMD
    int targetUpdateEvery = 10;       ///< hard copy to the target network every N updates
    int updatesPerEpisode = 10;
    int episodes = 3;
    double epsilonStart = 1.0; ///< ε-greedy exploration, linear over the episodes
    double epsilonEnd = 0.1;
    /// A warm start (retrain()) explores at epsilonStart instead of epsilonEnd. paper: the
    /// reference decays ε over 500 000 updates, so it stays near 1 for the 30 it makes, and its
    /// benchmark runs each episode as one continued round.
    bool warmKeepsEpsilon = false;
    bool bothActionTargets = true; ///< regress both outputs (RLAD form) or only the taken one
    double qGradClip = 0.0;        ///< gradient-norm clip of the Q update; 0 = none

    // --- rewards (§3) ---
    double rewardTP = 5.0; ///< Yahoo +5/+1/-1/-5; SMD +10/+5/-5/-10
    double rewardTN = 1.0;
    double rewardFP = -1.0;
    double rewardFN = -5.0;
    double propagatedMinConfidence = 0.9; ///< propagated labels below this do not train
    double propagatedRewardWeight = 1.0;  ///< R1 of a propagated label is scaled by this

    // --- λ controller (§3) ---
    double lambda0 = 10.0; ///< SMD 20
    double lambdaAlpha = 0.001;
    double lambdaTarget = 0.0;
    double lambdaMin = 0.1;
    double lambdaMax = 10.0;
    bool lambdaPerStep = true; ///< default: R_episode normalised per step; paper: summed

    // --- shaping, VAE term, semantic reward (§3) ---
    ShapingMode shaping = ShapingMode::ActionAware;
    bool potentialShaping = true;     ///< the γΦ(s') - Φ(s) term (ablation switch)
    double vaeRewardWeight = 0.1;     ///< multiplies λ in the VAE term (paper 1)
    bool vaeRewardOnLabelled = false; ///< default: labelled windows get R1 only
    int vaeRewardRows = 1;        ///< newest rows whose error drives the reward; 0 = whole window
    double vaeZClip = 3.0;        ///< z_e clipped to [-clip, clip]
    double vaeZShift = 2.0;       ///< z_e = (e - mean)/std - shift: only clear outliers push up
    bool semanticReward = true;   ///< r_a += β(2a-1)(2φ-1) on unlabelled windows
    double semanticBetaMax = 1.0; ///< β = max · clamp(2·AUC - 1, 0, 1)

    // --- VAE (§4) ---
    int vaeHidden = 64; ///< width of the three encoder layers and the decoder layer
    int vaeLatent = 10;
    double vaeLogvarClip = 10.0;
    bool vaeSigmoidOutput = false; ///< paper: sigmoid (min-max data in [0, 1])
    double vaeLearningRate = 1e-3;
    double vaeGradClip = 1.0;
    int vaeBatch = 32;
    int vaeEpochs = 20;
    bool vaeExcludeAnyAnomalous = true;  ///< drop windows with any anomalous point (paper: newest)
    std::int64_t vaeMaxWindows = 200000; ///< subsample cap for VAE training; 0 = all

    // --- scoring ---
    double temperature = 1.0;    ///< T in p = sigmoid((Q1 - Q0)/T)
    bool fitTemperature = true;  ///< fit T on labelled training windows after training
    double temperatureMin = 0.1; ///< bounds of the fitted T
    double temperatureMax = 100.0;
    int scoreChunk = 512; ///< windows per batched forward (256-512 fastest on one core; 4096 was 40 % slower)
    int maxParallelSweeps = 16; ///< batched fixed-point sweeps before the sequential finish

    // --- runtime ---
    std::uint64_t seed = 0;
    int threads = 0; ///< torch threads; 0 = automatic (effectiveThreads())

    /// The reference code's behaviour and constants (Yahoo, or SMD with channel 0 only).
    static EngineConfig paper(bool smd = false);
    /// Vigil's method.
    static EngineConfig defaults(bool smd = false);

    /// The torch thread count to use: `threads` when set, else 1 for a small LSTM (hidden ≤ 64,
    /// the `default` preset) and every core otherwise. Measured on 2 cores with LSTM 32: a second
    /// thread made the Yahoo benchmark run 169 s instead of 102 s and an incremental retrain
    /// 5.9–6.4 s instead of 3.7–4.1 s (the per-step tensors are too small to share).
    int effectiveThreads() const;
    /// Checks ranges; the Error names the offending field.
    Status validate() const;
    /// Every field as JSON (stored with models).
    std::string toJson() const;
    /// Reads what toJson() wrote; missing fields keep the `defaults()` value; an unknown
    /// preset, scaling or shaping name is an error.
    static Result<EngineConfig> fromJson(const std::string& json);
    /// Checks overrides meant to be merged over a preset (`bench --engine`): a JSON object
    /// whose every key is a field toJson() writes, each of the right type and in range.
    static Status checkOverrides(const std::string& json);
};

/// Why `values` can be neither trained on nor scored with `config`: fewer rows than a window,
/// or no observed value in the channels it uses (config.channelSelection; empty = all). Empty
/// when it can. The engine refuses such a series with this reason; callers that hold many
/// series (a project) leave it out and name it.
std::string unusableSeries(const Eigen::MatrixXd& values, const EngineConfig& config);

/// Maps windows to φ ∈ [0, 1] (anomaly-likeness of the newest step). METHOD.md §5.
class PotentialFunction
{
public:
    virtual ~PotentialFunction() = default;
    /// φ of each row of `windows` (N x W·C, time-major, scaled, missing values filled).
    virtual Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const = 0;
    /// Short name for reports ("heuristic", "zero", "table").
    virtual std::string name() const = 0;
    /// True when φ needs the whole series rather than its windows alone (features such as a
    /// seasonal residual or the hour of a timestamp); the engine then calls evaluateSeries().
    virtual bool readsWholeSeries() const { return false; }
    /// φ of every window of one series: `values` T x C as given to the engine (unscaled, all
    /// channels, NaN = missing), `timestampsMs` empty or T epoch milliseconds. Row r is the
    /// window ending at step r + window - 1 (max(0, T - window + 1) rows). Only called when
    /// readsWholeSeries(); the default has no such knowledge and returns φ = 0.
    virtual Eigen::VectorXd evaluateSeries(const Eigen::MatrixXd& values,
                                           const std::vector<std::int64_t>& timestampsMs,
                                           int window) const;
};

/// φ = 1 - exp(-z²/2), z the z-score of the newest point against its window (max over channels).
class HeuristicPotential final : public PotentialFunction
{
public:
    Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const override;
    std::string name() const override { return "heuristic"; }
};

/// φ = 0 everywhere (no prior).
class ZeroPotential final : public PotentialFunction
{
public:
    Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const override;
    std::string name() const override { return "zero"; }
};

/// φ looked up by window index (row r of the matrix given to evaluate(); the detector evaluates
/// one series at a time, so r is the window ending at step r + W - 1), e.g. cached LLM answers.
class TablePotential final : public PotentialFunction
{
public:
    explicit TablePotential(std::map<std::int64_t, double> table, double fallback = 0.5);
    /// Reads "index phi" per line ('#' starts a comment); φ must lie in [0, 1].
    static Result<TablePotential> load(const std::string& path, double fallback = 0.5);
    /// The same from text in memory (`name` appears in errors).
    static Result<TablePotential> parse(const std::string& text, const std::string& name,
                                        double fallback = 0.5);
    Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const override;
    std::string name() const override { return "table"; }
    const std::map<std::int64_t, double>& table() const { return m_table; }

private:
    std::map<std::int64_t, double> m_table;
    double m_fallback;
};

/// Everything that decides the two rewards of one step (see computeRewards()).
struct RewardContext
{
    int label = -1;           ///< -1 unlabelled, 0 normal, 1 anomaly (expert or propagated)
    double labelWeight = 1.0; ///< R1 multiplier (propagated labels)
    bool expertLabel = false; ///< the label came from the expert (not propagation)
    int prevAction = 0;       ///< the flag on the newest decided row of s (a_{t-1})
    double phiPrev = 0.0;     ///< φ of the window of t-1 (Φ(s) in ActionAware)
    double phi = 0.0;         ///< φ of the window of t
    double phiNext = 0.0;     ///< φ of the window of t+1 (Φ(s') in ActionIndependent)
    double vaeError = 0.0;    ///< R2: reconstruction error (ActionIndependent)
    double vaeZ = 0.0;        ///< standardised error before clipping (ActionAware)
    double lambda = 0.0;
    double beta = 0.0; ///< semantic-reward weight
};

/// {r_0, r_1}: the shaped rewards of action normal and action anomaly at one step.
std::array<double, 2> computeRewards(const EngineConfig& config, const RewardContext& context);

/// λ after an episode: clip(λ + α(R_target - R), λ_min, λ_max), R = reward (per step if asked).
double updateLambda(const EngineConfig& config, double lambda, double episodeReward,
                    std::int64_t steps);

/// β of the semantic reward from the potential's ROC AUC on labelled windows (0 when ≤ 0.5).
double semanticBeta(const EngineConfig& config, double auc);

/// One training series: values with per-point labels and optional propagated labels.
struct TrainingSeries
{
    Eigen::MatrixXd values;                   ///< T x C; NaN = missing
    std::vector<std::int8_t> labels;          ///< T: -1 unlabelled, 0 normal, 1 anomaly
    std::vector<std::int8_t> propagated;      ///< empty or T: propagated label (-1 none)
    std::vector<double> propagatedConfidence; ///< empty or T: confidence in [0, 1]
    std::vector<std::int64_t> timestampsMs;   ///< empty or T epoch milliseconds (potentials)
};

/// The series a detector learns from (all with the detector's channel count).
struct TrainingSet
{
    std::vector<TrainingSeries> series;
};

/// Per-point scores; entries before t = W-1, or of windows with too little data, are NaN.
struct ScoreResult
{
    Eigen::VectorXd probability;         ///< p_t = sigmoid((Q1 - Q0)/T)
    Eigen::VectorXd q0;                  ///< Q(s, normal)
    Eigen::VectorXd q1;                  ///< Q(s, anomaly)
    Eigen::VectorXd reconstructionError; ///< VAE error of the window (mean squared)
    Eigen::MatrixXd channelError;        ///< T x C (input channels; NaN if not selected)
    std::vector<std::uint8_t> decision;  ///< greedy decision p_t ≥ 0.5 (0 where NaN)
};

/// One episode of DQN training, for plots.
struct EpisodeReport
{
    int episode = 0;
    double reward = 0.0; ///< summed shaped reward of the actions taken
    double rewardPerStep = 0.0;
    double lambda = 0.0; ///< λ used during the episode
    double loss = 0.0;   ///< mean Q loss of its updates (NaN when none ran)
    double epsilon = 0.0;
    int updates = 0;
    std::int64_t steps = 0;
    std::int64_t evaluations = 0; ///< Q-network window evaluations of the rollout (≥ steps)
    double seconds = 0.0;
};

/// What train() did.
struct TrainingReport
{
    std::vector<double> vaeEpochLoss; ///< mean VAE loss per epoch
    std::vector<EpisodeReport> episodes;
    double potentialAuc = 0.5; ///< φ's ROC AUC on expert-labelled windows (NaN: n/a)
    double beta = 0.0;
    double temperature = 1.0;
    double seconds = 0.0;
    std::int64_t vaeWindows = 0;
};

/// The DQN anomaly detector of one channel layout.
class Detector
{
public:
    /// A fresh detector for series of `channels` input channels.
    static Result<std::unique_ptr<Detector>> create(const EngineConfig& config, int channels);
    /// Restores what save() wrote; scores are bit-identical to the saved detector's.
    static Result<std::unique_ptr<Detector>> load(const std::vector<std::uint8_t>& bytes);
    ~Detector();
    Detector(const Detector&) = delete;
    Detector& operator=(const Detector&) = delete;

    /// Trains the VAE, then the Q-network. Returns an Error with kCancelledMessage when
    /// cancelled (the detector is then untrained).
    Status train(const TrainingSet& data, const PotentialFunction& potential,
                 ProgressSink progress = {}, const CancelToken& cancel = CancelToken{});

    /// Continues training from the current weights (an incremental retrain after new labels):
    /// a short VAE refresh, then `episodes` DQN episodes at the final exploration rate (at the
    /// first with EngineConfig::warmKeepsEpsilon, as `paper`). Same as train() when the detector
    /// is not trained yet.
    Status retrain(const TrainingSet& data, const PotentialFunction& potential, int episodes,
                   ProgressSink progress = {}, const CancelToken& cancel = CancelToken{});

    /// Scores one series (T x C). States are built sequentially from the agent's own greedy
    /// decisions, exactly as in training; computed by batched fixed-point sweeps (see .cpp).
    /// A cancel stops it between sweeps with kCancelledMessage.
    Result<ScoreResult> score(const Eigen::MatrixXd& values,
                              const CancelToken& cancel = CancelToken{});

    /// Parameters, configuration and scaler as bytes.
    Result<std::vector<std::uint8_t>> save() const;

    const EngineConfig& config() const;
    int channels() const;
    bool trained() const;
    const TrainingReport& report() const;

    class Impl;

private:
    explicit Detector(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::core
