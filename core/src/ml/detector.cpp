// SPDX-License-Identifier: MIT
// Detector: the training loop (VAE, then DQN episodes with the λ controller), scoring and the
// saved form. The torch modules themselves live in vae.cpp and q_network.cpp.
#include "nets.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace vigil::core {

using ml::PreparedSeries;

namespace {

/// What went wrong, for a message: LibTorch's own text without its backtrace (20 lines of
/// frames), one line, printable ASCII (a damaged blob's bytes are not echoed to the terminal).
std::string engineReason(const std::exception& e)
{
    const auto* torchError = dynamic_cast<const c10::Error*>(&e);
    const std::string text =
        torchError != nullptr ? torchError->what_without_backtrace() : e.what();
    std::string out;
    for (const char c : text) {
        if (c == '\n' || out.size() >= 240) {
            break;
        }
        out += (c >= 0x20 && c < 0x7F) ? c : '?';
    }
    return out;
}

constexpr char kMagic[8] = {'V', 'I', 'G', 'I', 'L', 'D', 'E', 'T'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

Error cancelled()
{
    return fail(std::string(kCancelledMessage));
}

/// The label that trains step t: the expert's, else a confident propagated one.
struct StepLabel
{
    int label = -1;
    double weight = 1.0;
    bool expert = false;
};

StepLabel stepLabel(const TrainingSeries& s, std::size_t t, const EngineConfig& config)
{
    if (s.labels[t] == 0 || s.labels[t] == 1) {
        return {s.labels[t], 1.0, true};
    }
    if (!s.propagated.empty() && (s.propagated[t] == 0 || s.propagated[t] == 1)) {
        const double conf = s.propagatedConfidence.empty() ? 1.0 : s.propagatedConfidence[t];
        if (conf >= config.propagatedMinConfidence) {
            return {s.propagated[t], config.propagatedRewardWeight, false};
        }
    }
    return {};
}

} // namespace

class Detector::Impl
{
public:
    EngineConfig config;
    int inputChannels = 0;
    std::vector<int> selection;
    ml::Scaler robust;
    bool trained = false;
    double temperature = 1.0;
    double zMean = 0.0; ///< mean and spread of the reward error on normal training windows
    double zStd = 1.0;
    double lambda = 0.0;
    TrainingReport report;
    ml::QNet q{nullptr};
    ml::Vae vae{nullptr};

    void build()
    {
        torch::manual_seed(config.seed);
        const int c = static_cast<int>(selection.size());
        q = ml::makeQNet(config, c);
        vae = ml::Vae(config.window * c, config);
        vae->eval();
        temperature = config.temperature;
        lambda = config.lambda0;
    }

    Result<ml::Scaler> scalerFor(const Eigen::MatrixXd& values) const
    {
        if (config.scaling == ScalingMode::MinMaxWholeSeries) {
            return ml::fitMinMaxScaler(values, selection);
        }
        if (config.scaling == ScalingMode::RollingRobust) {
            ml::Scaler rolling;
            rolling.rolling = config.rollingContext;
            rolling.clip = config.robustClip;
            return rolling;
        }
        return robust;
    }

    /// `warmEpisodes` > 0: continue from the current weights for that many episodes.
    Status train(const TrainingSet& data, const PotentialFunction& potential,
                 const ProgressSink& progress, const CancelToken& cancel, int warmEpisodes = 0);
    Result<ScoreResult> score(const Eigen::MatrixXd& values, const CancelToken& cancel);
};

Detector::Detector(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

Detector::~Detector() = default;

Result<std::unique_ptr<Detector>> Detector::create(const EngineConfig& config, int channels)
{
    if (auto st = config.validate(); !st) {
        return st.error();
    }
    auto sel = ml::resolveSelection(config, channels);
    if (!sel) {
        return sel.error();
    }
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    impl->inputChannels = channels;
    impl->selection = *sel;
    try {
        ml::applyThreads(config);
        impl->build();
    } catch (const std::exception& e) {
        return fail(std::string("engine: cannot build the networks: ") + engineReason(e));
    }
    return std::unique_ptr<Detector>(new Detector(std::move(impl)));
}

Status Detector::train(const TrainingSet& data, const PotentialFunction& potential,
                       ProgressSink progress, const CancelToken& cancel)
{
    try {
        return m_impl->train(data, potential, progress, cancel);
    } catch (const std::exception& e) {
        m_impl->trained = false;
        return fail(std::string("engine: training failed: ") + engineReason(e));
    }
}

Status Detector::retrain(const TrainingSet& data, const PotentialFunction& potential,
                         int episodes, ProgressSink progress, const CancelToken& cancel)
{
    if (!m_impl->trained) {
        return train(data, potential, std::move(progress), cancel);
    }
    try {
        return m_impl->train(data, potential, progress, cancel, std::max(1, episodes));
    } catch (const std::exception& e) {
        m_impl->trained = false;
        return fail(std::string("engine: retraining failed: ") + engineReason(e));
    }
}

Status Detector::Impl::train(const TrainingSet& data, const PotentialFunction& potential,
                             const ProgressSink& progress, const CancelToken& cancel,
                             int warmEpisodes)
{
    const auto started = std::chrono::steady_clock::now();
    const bool warm = warmEpisodes > 0 && trained;
    // A warm start keeps the weights and the scaler, refreshes the VAE briefly and runs a few
    // low-exploration episodes on the new labels (at the start of the schedule with
    // warmKeepsEpsilon, as `paper`).
    EngineConfig cfg = config;
    if (warm) {
        cfg.episodes = warmEpisodes;
        cfg.vaeEpochs = std::max(1, config.vaeEpochs / 4);
        if (!config.warmKeepsEpsilon) {
            cfg.epsilonStart = config.epsilonEnd;
        }
    }
    const int w = cfg.window;
    trained = false;
    {
        // A warm start extends the episode history; a fresh one starts it again.
        auto history = warm ? std::move(report.episodes) : std::vector<EpisodeReport>{};
        report = {};
        report.episodes = std::move(history);
    }
    if (data.series.empty()) {
        return fail("engine: the training set holds no series");
    }
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        const auto& s = data.series[i];
        const std::string name = "training series " + std::to_string(i);
        if (s.values.cols() != inputChannels) {
            return fail(name + ": " + std::to_string(s.values.cols()) + " channels, expected " +
                        std::to_string(inputChannels));
        }
        const auto t = static_cast<std::size_t>(s.values.rows());
        if (s.labels.size() != t) {
            return fail(name + ": " + std::to_string(s.labels.size()) + " labels for " +
                        std::to_string(t) + " points");
        }
        if ((!s.propagated.empty() && s.propagated.size() != t) ||
            (!s.propagatedConfidence.empty() && s.propagatedConfidence.size() != t)) {
            return fail(name + ": propagated labels do not cover every point");
        }
        if (!s.timestampsMs.empty() && s.timestampsMs.size() != t) {
            return fail(name + ": " + std::to_string(s.timestampsMs.size()) + " timestamps for " +
                        std::to_string(t) + " points");
        }
    }

    // Rebuild from the seed so that training twice gives the same model.
    ml::applyThreads(cfg);
    if (!warm) {
        build();
    }
    std::mt19937_64 rng(cfg.seed + (warm ? 0x9E3779B97F4A7C15ULL : 0));

    // 1. Scaling and preparation.
    if (cfg.scaling == ScalingMode::RobustTrainOnly && !warm) {
        std::vector<const Eigen::MatrixXd*> all;
        for (const auto& s : data.series) {
            all.push_back(&s.values);
        }
        auto sc = ml::fitRobustScaler(all, selection, cfg.robustClip);
        if (!sc) {
            return sc.error();
        }
        robust = *sc;
    }
    std::vector<PreparedSeries> prepared;
    for (std::size_t i = 0; i < data.series.size(); ++i) {
        auto sc = scalerFor(data.series[i].values);
        if (!sc) {
            return sc.error();
        }
        auto p = ml::prepareSeries(data.series[i].values, selection, *sc, cfg,
                                   "training series " + std::to_string(i));
        if (!p) {
            return p.error();
        }
        prepared.push_back(std::move(*p));
    }
    const int c = prepared.front().channels;

    // 2. Labels per step and the potential per window (φ indexed by step t).
    std::vector<std::vector<StepLabel>> labels(prepared.size());
    std::vector<std::vector<double>> phi(prepared.size());
    std::vector<double> aucScore;
    std::vector<int> aucLabel;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
        const auto& p = prepared[i];
        labels[i].resize(static_cast<std::size_t>(p.length));
        for (std::size_t t = 0; t < labels[i].size(); ++t) {
            labels[i][t] = stepLabel(data.series[i], t, cfg);
        }
        const auto& raw = data.series[i];
        const Eigen::VectorXd f = potential.readsWholeSeries()
                                      ? potential.evaluateSeries(raw.values, raw.timestampsMs, w)
                                      : potential.evaluate(ml::flattenWindows(p, w), c);
        if (f.size() != p.length - w + 1) {
            return fail("engine: potential '" + potential.name() + "' returned " +
                        std::to_string(f.size()) + " values for " +
                        std::to_string(p.length - w + 1) + " windows");
        }
        phi[i].assign(static_cast<std::size_t>(p.length), 0.0);
        for (Eigen::Index r = 0; r < f.size(); ++r) {
            const double v = std::isfinite(f(r)) ? std::clamp(f(r), 0.0, 1.0) : 0.0;
            const auto t = static_cast<std::size_t>(r + w - 1);
            phi[i][t] = v;
            if (p.windowValid[t] && labels[i][t].expert) {
                aucScore.push_back(v);
                aucLabel.push_back(labels[i][t].label);
            }
        }
    }
    report.potentialAuc = ml::rocAucOf(aucScore, aucLabel);
    report.beta = cfg.semanticReward ? semanticBeta(cfg, report.potentialAuc) : 0.0;

    // 3. VAE on windows believed normal.
    progress(0.0, "vae");
    std::vector<std::pair<std::size_t, std::int64_t>> normal; // (series, window row)
    for (std::size_t i = 0; i < prepared.size(); ++i) {
        const auto& p = prepared[i];
        std::int64_t lastAnomaly = std::numeric_limits<std::int64_t>::min() / 2;
        for (std::int64_t t = 0; t < p.length; ++t) {
            const bool anomalous = labels[i][static_cast<std::size_t>(t)].label == 1;
            if (anomalous) {
                lastAnomaly = t;
            }
            if (t < w - 1 || !p.windowValid[static_cast<std::size_t>(t)]) {
                continue;
            }
            const bool drop = cfg.vaeExcludeAnyAnomalous ? lastAnomaly > t - w : anomalous;
            if (!drop) {
                normal.emplace_back(i, t - w + 1);
            }
        }
    }
    if (normal.empty()) {
        // Nothing is believed normal: the VAE then learns from every valid window.
        for (std::size_t i = 0; i < prepared.size(); ++i) {
            for (std::int64_t t = w - 1; t < prepared[i].length; ++t) {
                if (prepared[i].windowValid[static_cast<std::size_t>(t)]) {
                    normal.emplace_back(i, t - w + 1);
                }
            }
        }
    }
    if (cfg.vaeMaxWindows > 0 && static_cast<std::int64_t>(normal.size()) > cfg.vaeMaxWindows) {
        std::shuffle(normal.begin(), normal.end(), rng);
        normal.resize(static_cast<std::size_t>(cfg.vaeMaxWindows));
        std::sort(normal.begin(), normal.end());
    }
    report.vaeWindows = static_cast<std::int64_t>(normal.size());
    {
        const auto cols = static_cast<std::int64_t>(w) * c;
        auto windows = torch::empty({static_cast<std::int64_t>(normal.size()), cols});
        float* dst = windows.data_ptr<float>();
        for (std::size_t k = 0; k < normal.size(); ++k) {
            const auto& p = prepared[normal[k].first];
            const float* src = p.scaled.data() + normal[k].second * c;
            std::copy(src, src + cols, dst + static_cast<std::int64_t>(k) * cols);
        }
        const bool ok = ml::trainVae(
            vae, windows, cfg, rng,
            [&](double f) {
                progress(0.2 * f, "vae");
                return !cancel.isCancelled();
            },
            report.vaeEpochLoss);
        if (!ok || cancel.isCancelled()) {
            return cancelled();
        }
    }
    std::vector<ml::VaeErrors> errors;
    for (const auto& p : prepared) {
        errors.push_back(ml::vaeErrors(vae, p, cfg));
    }
    {
        double sum = 0.0, sumSq = 0.0;
        for (const auto& [i, r] : normal) {
            const double e = errors[i].newest(r);
            sum += e;
            sumSq += e * e;
        }
        const auto n = static_cast<double>(std::max<std::size_t>(1, normal.size()));
        zMean = sum / n;
        zStd = std::sqrt(std::max(0.0, sumSq / n - zMean * zMean));
        if (!(zStd > 1e-12)) {
            zStd = 1.0;
        }
    }

    // 4. DQN episodes.
    ml::QNet target = ml::makeQNet(cfg, c);
    ml::copyParameters(*q, *target);
    target->eval();
    torch::optim::Adam optimizer(q->parameters(), torch::optim::AdamOptions(cfg.learningRate));
    ml::Replay replay;
    replay.capacity = cfg.replayCapacity;
    replay.flagsPerItem = w - 1;
    if (!warm) {
        lambda = cfg.lambda0;
    }
    int updatesDone = 0;
    std::vector<std::uint8_t> flagBuf(static_cast<std::size_t>(w - 1));
    for (int ep = 0; ep < cfg.episodes; ++ep) {
        const auto episodeStart = std::chrono::steady_clock::now();
        EpisodeReport er;
        er.episode = static_cast<int>(report.episodes.size());
        er.lambda = lambda;
        er.epsilon = cfg.episodes > 1 ? cfg.epsilonStart + (cfg.epsilonEnd - cfg.epsilonStart) *
                                                               ep / (cfg.episodes - 1)
                                      : cfg.epsilonStart;
        std::bernoulli_distribution exploreDist(std::clamp(er.epsilon, 0.0, 1.0));
        std::bernoulli_distribution coin(0.5);
        for (std::size_t i = 0; i < prepared.size(); ++i) {
            const auto& p = prepared[i];
            const auto len = static_cast<std::size_t>(p.length);
            std::vector<std::uint8_t> explore(len), randomAction(len);
            for (std::size_t t = 0; t < len; ++t) {
                explore[t] = exploreDist(rng) ? 1 : 0;
                randomAction[t] = coin(rng) ? 1 : 0;
            }
            ml::Rollout ro;
            q->eval();
            if (!ml::rollout(q, p, cfg, explore, randomAction, cancel, ro)) {
                return cancelled();
            }
            er.evaluations += ro.evaluations;
            for (std::int64_t t = w - 1; t + 1 < p.length; ++t) {
                const auto st = static_cast<std::size_t>(t);
                if (!p.windowValid[st]) {
                    continue;
                }
                if (cfg.replayLabelledOnly && labels[i][st].label < 0) {
                    continue;
                }
                RewardContext ctx;
                ctx.label = labels[i][st].label;
                ctx.labelWeight = labels[i][st].weight;
                ctx.expertLabel = labels[i][st].expert;
                ctx.prevAction = t > w - 1 ? ro.decision[st - 1] : 0;
                ctx.phiPrev = t > w - 1 ? phi[i][st - 1] : phi[i][st];
                ctx.phi = phi[i][st];
                ctx.phiNext = phi[i][st + 1];
                const auto r = t - w + 1;
                ctx.vaeError = errors[i].total(r);
                ctx.vaeZ = (errors[i].newest(r) - zMean) / zStd - cfg.vaeZShift;
                ctx.lambda = lambda;
                ctx.beta = report.beta;
                const auto rew = computeRewards(cfg, ctx);

                const std::uint8_t a = ro.decision[st];
                er.reward += rew[a];
                ++er.steps;
                std::copy(ro.decision.begin() + (t - w + 1), ro.decision.begin() + t,
                          flagBuf.begin());
                replay.push(static_cast<std::int32_t>(i), t, static_cast<float>(rew[0]),
                            static_cast<float>(rew[1]), a, flagBuf.data());
            }
            progress(0.2 + 0.75 *
                               (ep + 0.5 * static_cast<double>(i + 1) /
                                         static_cast<double>(prepared.size())) /
                               std::max(1, cfg.episodes),
                     "episode " + std::to_string(ep + 1));
        }
        const auto warmup = std::min(cfg.replayWarmup, cfg.replayCapacity);
        if (cfg.replayLabelledOnly && replay.size() > 0 && replay.size() < warmup) {
            // Fewer labelled steps than the warm-up: the reference's warm-up loop revisits its
            // labelled windows until the memory holds that many; repeat them likewise.
            const auto have = replay.size();
            const auto fp = static_cast<std::size_t>(replay.flagsPerItem);
            for (std::int64_t k = 0; replay.size() < warmup; k = (k + 1) % have) {
                const auto item = static_cast<std::size_t>(k);
                std::copy_n(replay.flags.begin() + static_cast<std::ptrdiff_t>(item * fp), fp,
                            flagBuf.begin());
                replay.push(replay.series[item], replay.step[item], replay.r0[item],
                            replay.r1[item], replay.action[item], flagBuf.data());
            }
        }
        double lossSum = 0.0;
        if (replay.size() >= std::max<std::int64_t>(cfg.replayWarmup, 1)) {
            if (updatesDone == 0 && cfg.headBiasFromRewards && !warm) {
                // Q levels sit near mean(r)/(1 - γ) (≈ 40 here), far from a fresh head's 0.
                // Left to the gradient, the LSTM saturates its hidden state to reach that level
                // and stops seeing the input; starting the head bias there lets it learn the
                // difference between windows instead.
                double best = 0.0, mean0 = 0.0, mean1 = 0.0;
                for (std::size_t k = 0; k < replay.r0.size(); ++k) {
                    best += std::max(replay.r0[k], replay.r1[k]);
                    mean0 += replay.r0[k];
                    mean1 += replay.r1[k];
                }
                // The greedy fixed point: Q(s, a) ≈ E[r_a] + γ·E[max r]/(1 - γ), per action, so
                // the constant gap between the actions is not learned through the LSTM either.
                const auto n = static_cast<double>(replay.r0.size());
                const double future = cfg.gamma * best / n / (1.0 - cfg.gamma);
                torch::NoGradGuard noGrad;
                q->head->bias[0].fill_(mean0 / n + future);
                q->head->bias[1].fill_(mean1 / n + future);
                ml::copyParameters(*q, *target);
            }
            q->train();
            for (int u = 0; u < cfg.updatesPerEpisode; ++u) {
                if (cancel.isCancelled()) {
                    return cancelled();
                }
                lossSum += ml::dqnUpdate(q, target, optimizer, replay, prepared, cfg, rng);
                ++er.updates;
                if (++updatesDone % cfg.targetUpdateEvery == 0) {
                    ml::copyParameters(*q, *target);
                }
                if ((u & 7) == 7) {
                    progress(0.2 + 0.75 * (ep + 0.5 + 0.5 * (u + 1.0) / cfg.updatesPerEpisode) /
                                       std::max(1, cfg.episodes),
                             "episode " + std::to_string(ep + 1));
                }
            }
            q->eval();
        }
        er.loss = er.updates > 0 ? lossSum / er.updates : kNan;
        er.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - episodeStart).count();
        er.rewardPerStep = er.steps > 0 ? er.reward / static_cast<double>(er.steps) : 0.0;
        report.episodes.push_back(er);
        lambda = updateLambda(cfg, lambda, er.reward, er.steps);
        if (cancel.isCancelled()) {
            return cancelled();
        }
    }

    // 5. Temperature on the expert-labelled windows (decisions do not change, only p_t).
    temperature = cfg.temperature;
    if (cfg.fitTemperature) {
        progress(0.95, "calibrate");
        std::vector<double> margin;
        std::vector<double> sign;
        for (std::size_t i = 0; i < prepared.size(); ++i) {
            ml::Rollout ro;
            if (!ml::rollout(q, prepared[i], cfg, {}, {}, cancel, ro)) {
                return cancelled();
            }
            for (std::size_t t = 0; t < labels[i].size(); ++t) {
                if (labels[i][t].expert && std::isfinite(ro.q0[t])) {
                    margin.push_back(static_cast<double>(ro.q1[t]) - ro.q0[t]);
                    sign.push_back(labels[i][t].label == 1 ? 1.0 : -1.0);
                }
            }
        }
        bool hasPos = std::find(sign.begin(), sign.end(), 1.0) != sign.end();
        bool hasNeg = std::find(sign.begin(), sign.end(), -1.0) != sign.end();
        if (hasPos && hasNeg) {
            double best = std::numeric_limits<double>::infinity();
            // A log grid between the bounds: separable labels would otherwise drive T to 0.
            const double lo = std::log10(cfg.temperatureMin);
            const double hi = std::log10(cfg.temperatureMax);
            for (int k = 0; k <= 60; ++k) {
                const double temp = std::pow(10.0, lo + (hi - lo) * k / 60.0);
                double loss = 0.0;
                for (std::size_t j = 0; j < margin.size(); ++j) {
                    const double x = -sign[j] * margin[j] / temp;
                    loss += x > 30.0 ? x : std::log1p(std::exp(x));
                }
                if (loss < best) {
                    best = loss;
                    temperature = temp;
                }
            }
        }
    }
    report.temperature = temperature;
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    trained = true;
    progress(1.0, "done");
    return {};
}

Result<ScoreResult> Detector::score(const Eigen::MatrixXd& values, const CancelToken& cancel)
{
    try {
        return m_impl->score(values, cancel);
    } catch (const std::exception& e) {
        return fail(std::string("engine: scoring failed: ") + engineReason(e));
    }
}

Result<ScoreResult> Detector::Impl::score(const Eigen::MatrixXd& values, const CancelToken& cancel)
{
    if (!trained) {
        return fail("engine: the detector is not trained");
    }
    if (values.cols() != inputChannels) {
        return fail("engine: the series has " + std::to_string(values.cols()) +
                    " channels, the detector expects " + std::to_string(inputChannels));
    }
    ml::applyThreads(config);
    auto sc = scalerFor(values);
    if (!sc) {
        return sc.error();
    }
    auto p = ml::prepareSeries(values, selection, *sc, config, "series to score");
    if (!p) {
        return p.error();
    }
    const int w = config.window;
    const std::int64_t t = p->length;
    ScoreResult out;
    out.probability = Eigen::VectorXd::Constant(t, kNan);
    out.q0 = Eigen::VectorXd::Constant(t, kNan);
    out.q1 = Eigen::VectorXd::Constant(t, kNan);
    out.reconstructionError = Eigen::VectorXd::Constant(t, kNan);
    out.channelError = Eigen::MatrixXd::Constant(t, inputChannels, kNan);
    out.decision.assign(static_cast<std::size_t>(t), 0);
    const auto errors = ml::vaeErrors(vae, *p, config);
    if (cancel.isCancelled()) {
        return fail(std::string(kCancelledMessage));
    }
    ml::Rollout ro;
    if (!ml::rollout(q, *p, config, {}, {}, cancel, ro)) {
        return fail(std::string(kCancelledMessage));
    }
    for (std::int64_t s = w - 1; s < t; ++s) {
        const auto st = static_cast<std::size_t>(s);
        if (!p->windowValid[st]) {
            continue;
        }
        const auto r = s - w + 1;
        out.q0(s) = ro.q0[st];
        out.q1(s) = ro.q1[st];
        out.probability(s) =
            1.0 / (1.0 + std::exp(-(static_cast<double>(ro.q1[st]) - ro.q0[st]) / temperature));
        out.decision[st] = ro.decision[st];
        out.reconstructionError(s) = errors.total(r);
        for (std::size_t k = 0; k < selection.size(); ++k) {
            out.channelError(s, selection[k]) = errors.perChannel(r, static_cast<Eigen::Index>(k));
        }
    }
    return out;
}

Result<std::vector<std::uint8_t>> Detector::save() const
{
    const Impl& d = *m_impl;
    if (!d.trained) {
        return fail("engine: only a trained detector can be saved");
    }
    nlohmann::json j;
    j["config"] = nlohmann::json::parse(d.config.toJson());
    j["inputChannels"] = d.inputChannels;
    j["center"] = d.robust.center;
    j["scale"] = d.robust.scale;
    j["clip"] = d.robust.clip;
    j["temperature"] = d.temperature;
    j["zMean"] = d.zMean;
    j["zStd"] = d.zStd;
    j["lambda"] = d.lambda;
    j["beta"] = d.report.beta;
    j["potentialAuc"] = std::isfinite(d.report.potentialAuc) ? d.report.potentialAuc : -1.0;
    const std::string meta = j.dump();
    std::ostringstream blob;
    try {
        torch::serialize::OutputArchive archive;
        torch::serialize::OutputArchive qa;
        torch::serialize::OutputArchive va;
        d.q->save(qa);
        d.vae->save(va);
        archive.write("q", qa);
        archive.write("vae", va);
        archive.save_to(blob);
    } catch (const std::exception& e) {
        return fail(std::string("engine: cannot serialise the networks: ") + engineReason(e));
    }
    const std::string tensors = blob.str();
    std::vector<std::uint8_t> out;
    auto put = [&out](const void* p, std::size_t n) {
        const auto* b = static_cast<const std::uint8_t*>(p);
        out.insert(out.end(), b, b + n);
    };
    const std::uint64_t metaLen = meta.size();
    const std::uint64_t tensorLen = tensors.size();
    put(kMagic, sizeof kMagic);
    put(&kFormatVersion, sizeof kFormatVersion);
    put(&metaLen, sizeof metaLen);
    put(meta.data(), meta.size());
    put(&tensorLen, sizeof tensorLen);
    put(tensors.data(), tensors.size());
    return out;
}

Result<std::unique_ptr<Detector>> Detector::load(const std::vector<std::uint8_t>& bytes)
{
    std::size_t pos = 0;
    auto get = [&](void* p, std::size_t n) {
        if (bytes.size() - pos < n) {
            return false;
        }
        std::memcpy(p, bytes.data() + pos, n);
        pos += n;
        return true;
    };
    char magic[8];
    std::uint32_t version = 0;
    std::uint64_t metaLen = 0;
    if (!get(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0) {
        return fail("engine: not a Vigil detector (bad magic)");
    }
    if (!get(&version, sizeof version) || version > kFormatVersion) {
        return fail("engine: detector format " + std::to_string(version) +
                    " is newer than this Vigil understands");
    }
    if (!get(&metaLen, sizeof metaLen) || bytes.size() - pos < metaLen) {
        return fail("engine: truncated detector (metadata)");
    }
    const std::string meta(reinterpret_cast<const char*>(bytes.data() + pos), metaLen);
    pos += metaLen;
    std::uint64_t tensorLen = 0;
    if (!get(&tensorLen, sizeof tensorLen) || bytes.size() - pos < tensorLen) {
        return fail("engine: truncated detector (tensors)");
    }
    const std::string tensors(reinterpret_cast<const char*>(bytes.data() + pos), tensorLen);
    try {
        const auto j = nlohmann::json::parse(meta);
        auto cfg = EngineConfig::fromJson(j.at("config").dump());
        if (!cfg) {
            return cfg.error();
        }
        auto created = create(*cfg, j.at("inputChannels").get<int>());
        if (!created) {
            return created.error();
        }
        auto det = std::move(*created);
        Impl& d = *det->m_impl;
        j.at("center").get_to(d.robust.center);
        j.at("scale").get_to(d.robust.scale);
        j.at("clip").get_to(d.robust.clip);
        j.at("temperature").get_to(d.temperature);
        j.at("zMean").get_to(d.zMean);
        j.at("zStd").get_to(d.zStd);
        j.at("lambda").get_to(d.lambda);
        j.at("beta").get_to(d.report.beta);
        d.report.potentialAuc = j.at("potentialAuc").get<double>();
        d.report.temperature = d.temperature;
        if (d.config.scaling == ScalingMode::RobustTrainOnly &&
            d.robust.center.size() != d.selection.size()) {
            return fail("engine: the saved scaler does not match the channels");
        }
        std::istringstream in(tensors);
        torch::serialize::InputArchive archive;
        archive.load_from(in);
        torch::serialize::InputArchive qa;
        torch::serialize::InputArchive va;
        archive.read("q", qa);
        archive.read("vae", va);
        d.q->load(qa);
        d.vae->load(va);
        d.q->eval();
        d.vae->eval();
        d.trained = true;
        return det;
    } catch (const std::exception& e) {
        return fail("engine: the stored model is damaged (" + engineReason(e) + "); train again");
    }
}

const EngineConfig& Detector::config() const
{
    return m_impl->config;
}

int Detector::channels() const
{
    return m_impl->inputChannels;
}

bool Detector::trained() const
{
    return m_impl->trained;
}

const TrainingReport& Detector::report() const
{
    return m_impl->report;
}

} // namespace vigil::core
