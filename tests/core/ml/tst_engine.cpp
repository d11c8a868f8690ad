// SPDX-License-Identifier: MIT
// The learning engine: rewards and the λ rule against hand-computed values, potentials, NaN
// handling, save/load, determinism, cancellation, and a separable series the default preset
// must solve. Configurations are tiny so the whole binary runs in about a minute on 2 cores.
#include "ml/engine_internal.h"
#include "vigil/engine.h"
#include "vigil/metrics.h"
#include "vigil/program_potential.h"
#include "vigil/project_models.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <numbers>
#include <random>
#include <thread>

using namespace vigil::core;

namespace {

/// The rolling robust scaling recomputed from scratch for every step (what the engine's sliding
/// version must equal bit for bit).
std::vector<double> naiveRollingRobust(const Eigen::VectorXd& x, int context, double clip)
{
    const Eigen::Index n = x.size();
    std::vector<double> out(static_cast<size_t>(n), std::numeric_limits<double>::quiet_NaN());
    auto median = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        const size_t h = v.size() / 2;
        return v.size() % 2 == 1 ? v[h] : 0.5 * (v[h] + v[h - 1]);
    };
    for (Eigen::Index t = 0; t < n; ++t) {
        if (!std::isfinite(x(t))) {
            continue;
        }
        std::vector<double> past;
        std::vector<double> diffs;
        double prev = std::numeric_limits<double>::quiet_NaN();
        for (Eigen::Index i = std::max<Eigen::Index>(0, t - context); i < t; ++i) {
            if (std::isfinite(x(i))) {
                past.push_back(x(i));
                if (std::isfinite(prev)) {
                    diffs.push_back(std::abs(x(i) - prev));
                }
                prev = x(i);
            }
        }
        if (past.size() < 3) {
            out[static_cast<size_t>(t)] = 0.0;
            continue;
        }
        const double center = median(past);
        std::vector<double> dev;
        for (double v : past) {
            dev.push_back(std::abs(v - center));
        }
        double spread = 1.4826 * median(dev);
        if (!diffs.empty()) {
            spread = std::max(spread, median(diffs));
        }
        spread = std::max(spread, 1e-9 * (1.0 + std::abs(center)));
        out[static_cast<size_t>(t)] = std::clamp((x(t) - center) / spread, -clip, clip);
    }
    return out;
}


constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

struct Synthetic
{
    Eigen::MatrixXd values;
    std::vector<std::uint8_t> truth;
};

/// Sine + noise with isolated spikes (about one every `gap` points) on channel 0.
Synthetic makeSeries(int length, unsigned seed, int channels = 1, int gap = 50)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> noise(0.0, 0.1);
    std::uniform_int_distribution<int> jitter(-gap / 3, gap / 3);
    std::bernoulli_distribution sign(0.5);
    Synthetic s;
    s.values.resize(length, channels);
    s.truth.assign(static_cast<std::size_t>(length), 0);
    for (int t = 0; t < length; ++t) {
        for (int c = 0; c < channels; ++c) {
            s.values(t, c) = std::sin(2.0 * M_PI * t / (60.0 + 7.0 * c)) + noise(rng);
        }
    }
    for (int t = 40 + jitter(rng); t < length; t += gap + jitter(rng)) {
        s.values(t, 0) += sign(rng) ? 4.0 : -4.0;
        s.truth[static_cast<std::size_t>(t)] = 1;
    }
    return s;
}

/// Reveals the truth of a random `fraction` of points.
TrainingSeries reveal(const Synthetic& s, double fraction, unsigned seed)
{
    std::mt19937 rng(seed);
    std::bernoulli_distribution pick(fraction);
    TrainingSeries ts;
    ts.values = s.values;
    ts.labels.assign(s.truth.size(), -1);
    for (std::size_t t = 0; t < s.truth.size(); ++t) {
        if (pick(rng)) {
            ts.labels[t] = static_cast<std::int8_t>(s.truth[t]);
        }
    }
    return ts;
}

/// A small configuration for mechanics tests (seconds, not minutes).
EngineConfig tiny(EngineConfig c)
{
    c.lstmHidden = 16;
    c.episodes = 2;
    c.updatesPerEpisode = 10;
    c.batchSize = 32;
    c.replayWarmup = 100;
    c.vaeEpochs = 2;
    c.vaeHidden = 16;
    // One thread: OpenMP with 2 threads on a loaded 2-core CI machine is several times slower.
    c.threads = 1;
    c.seed = 3;
    return c;
}

bool sameScores(const ScoreResult& a, const ScoreResult& b)
{
    auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
    if (a.probability.size() != b.probability.size() || a.decision != b.decision) {
        return false;
    }
    for (Eigen::Index i = 0; i < a.probability.size(); ++i) {
        if (!same(a.probability(i), b.probability(i)) || !same(a.q0(i), b.q0(i)) ||
            !same(a.q1(i), b.q1(i)) || !same(a.reconstructionError(i), b.reconstructionError(i))) {
            return false;
        }
    }
    return true;
}

std::unique_ptr<Detector> trained(const EngineConfig& config, const TrainingSet& set,
                                  const PotentialFunction& potential)
{
    auto det = Detector::create(config, static_cast<int>(set.series.front().values.cols()));
    if (!det) {
        qWarning("%s", det.error().message.c_str());
        return nullptr;
    }
    auto st = (*det)->train(set, potential);
    if (!st) {
        qWarning("%s", st.error().message.c_str());
        return nullptr;
    }
    return std::move(*det);
}

} // namespace

class TestEngine : public QObject
{
    Q_OBJECT

private slots:
    void rollingScalingEqualsRecomputation()
    {
        // Gaps, runs of NaN longer than the context, repeated values (ties) and a flat stretch.
        std::mt19937 rng(5);
        std::normal_distribution<double> noise(0.0, 1.0);
        Eigen::VectorXd x(1500);
        for (Eigen::Index t = 0; t < x.size(); ++t) {
            x(t) = std::round(noise(rng) * 4.0) / 4.0;
        }
        x.segment(100, 7).setConstant(std::numeric_limits<double>::quiet_NaN());
        x.segment(400, 60).setConstant(std::numeric_limits<double>::quiet_NaN());
        x.segment(700, 80).setConstant(2.5);
        for (Eigen::Index t = 900; t < 1000; t += 3) {
            x(t) = std::numeric_limits<double>::quiet_NaN();
        }
        x(0) = std::numeric_limits<double>::quiet_NaN();
        for (const int context : {4, 25, 50}) {
            const auto fast = ml::rollingRobustColumn(x, context, 10.0);
            const auto slow = naiveRollingRobust(x, context, 10.0);
            QCOMPARE(fast.size(), slow.size());
            for (size_t t = 0; t < fast.size(); ++t) {
                if (std::isnan(slow[t])) {
                    QVERIFY2(std::isnan(fast[t]), qPrintable(QString::number(t)));
                } else {
                    QVERIFY2(fast[t] == slow[t],
                             qPrintable(QStringLiteral("context %1, t %2: %3 vs %4")
                                            .arg(context)
                                            .arg(t)
                                            .arg(fast[t])
                                            .arg(slow[t])));
                }
            }
        }
    }

    void automaticThreadCount()
    {
        // 0 = automatic: one thread for the small default network, every core for paper's.
        EngineConfig d = EngineConfig::defaults();
        QCOMPARE(d.threads, 0);
        QCOMPARE(d.effectiveThreads(), 1);
        EngineConfig p = EngineConfig::paper();
        QCOMPARE(p.effectiveThreads(),
                 static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
        d.threads = 3;
        QCOMPARE(d.effectiveThreads(), 3);
    }

    void presetsCarryTheConstants()
    {
        const auto p = EngineConfig::paper();
        QCOMPARE(p.window, 25);
        QCOMPARE(p.lstmHidden, 128);
        QCOMPARE(p.gamma, 0.96);
        QCOMPARE(p.learningRate, 3e-4);
        QCOMPARE(p.lambda0, 10.0);
        QCOMPARE(p.lambdaAlpha, 0.001);
        QCOMPARE(p.lambdaMin, 0.1);
        QCOMPARE(p.lambdaMax, 10.0);
        QCOMPARE(p.vaeLogvarClip, 10.0);
        QCOMPARE(p.vaeLearningRate, 1e-3);
        QCOMPARE(p.headInitStd, 1.0);
        QCOMPARE(p.forgetGateBias, 1.0);
        QCOMPARE(p.replayCapacity, std::int64_t(500000));
        QCOMPARE(p.replayWarmup, std::int64_t(1500));
        QCOMPARE(p.batchSize, 256);
        QCOMPARE(EngineConfig::paper(true).batchSize, 128);
        QCOMPARE(p.targetUpdateEvery, 10);
        QCOMPARE(p.updatesPerEpisode, 10);
        QCOMPARE(p.episodes, 3);
        QCOMPARE(p.rewardTP, 5.0);
        QCOMPARE(EngineConfig::paper(true).rewardFN, -10.0);
        QCOMPARE(EngineConfig::paper(true).lambda0, 20.0);
        QCOMPARE(EngineConfig::paper(true).channelSelection, std::vector<int>{0});
        QVERIFY(EngineConfig::defaults(true).channelSelection.empty());
        QCOMPARE(p.vaeLatent, 10);
        QCOMPARE(p.vaeEpochs, 20);
        QCOMPARE(p.vaeBatch, 32);
        QVERIFY(p.shaping == ShapingMode::ActionIndependent);
        QVERIFY(p.scaling == ScalingMode::MinMaxWholeSeries);
        QVERIFY(EngineConfig::defaults().shaping == ShapingMode::ActionAware);
        QVERIFY(EngineConfig::defaults().lambdaPerStep);
        QVERIFY(!p.lambdaPerStep);
    }

    void configJsonRoundTrips()
    {
        auto c = EngineConfig::paper(true);
        c.seed = 42;
        c.channelSelection = {0, 3};
        auto back = EngineConfig::fromJson(c.toJson());
        QVERIFY(back.ok());
        QCOMPARE(back->toJson(), c.toJson());
        QVERIFY(!EngineConfig::fromJson("{\"window\": 1}").ok());
        QVERIFY(!EngineConfig::fromJson("not json").ok());
    }

    // Paper: whatever φ and the VAE say, Q(s,1) - Q(s,0) targets see only R1.
    void paperShapingCancels_data()
    {
        QTest::addColumn<int>("label");
        QTest::newRow("unlabelled") << -1;
        QTest::newRow("normal") << 0;
        QTest::newRow("anomaly") << 1;
    }
    void paperShapingCancels()
    {
        QFETCH(int, label);
        const auto paper = EngineConfig::paper();
        RewardContext bare;
        bare.label = label;
        const auto base = computeRewards(paper, bare);
        std::mt19937 rng(1);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (int k = 0; k < 50; ++k) {
            RewardContext ctx = bare;
            ctx.phi = u(rng);
            ctx.phiPrev = u(rng);
            ctx.phiNext = u(rng);
            ctx.prevAction = k % 2;
            ctx.vaeError = 3.0 * u(rng);
            ctx.vaeZ = 6.0 * u(rng) - 3.0;
            ctx.lambda = 10.0 * u(rng);
            ctx.beta = u(rng);
            const auto r = computeRewards(paper, ctx);
            QVERIFY(std::abs((r[1] - r[0]) - (base[1] - base[0])) < 1e-12);
            // ...and they are not zero: the terms exist, they just cancel.
            if (k == 0) {
                QVERIFY(r[0] != base[0]);
            }
        }
    }

    // Default: the potential, the VAE and the semantic prior change the action difference.
    void defaultShapingIsActionAware()
    {
        auto c = EngineConfig::defaults();
        RewardContext ctx;
        ctx.label = -1;
        ctx.phi = 0.9;
        ctx.phiPrev = 0.2;
        ctx.prevAction = 0;
        ctx.vaeZ = 1.0;
        ctx.lambda = 10.0;
        ctx.beta = 0.5;
        const auto r = computeRewards(c, ctx);
        // Hand-computed: Φ(s) = 1 - 0.2 = 0.8; Φ(s'_1) = 0.9, Φ(s'_0) = 0.1;
        // VAE 0.1·10·(±1)·1; semantic 0.5·(±1)·(2·0.9 - 1).
        const double g = c.gamma;
        QVERIFY(std::abs(r[1] - (g * 0.9 - 0.8 + 1.0 + 0.4)) < 1e-12);
        QVERIFY(std::abs(r[0] - (g * 0.1 - 0.8 - 1.0 - 0.4)) < 1e-12);
        // Shaping alone already separates the actions.
        c.semanticReward = false;
        c.vaeRewardWeight = 0.0;
        const auto s = computeRewards(c, ctx);
        QVERIFY(std::abs((s[1] - s[0]) - g * (0.9 - 0.1)) < 1e-12);
        // z_e is clipped to [-3, 3]; labelled windows get R1 only (no VAE, no semantic term).
        c = EngineConfig::defaults();
        c.potentialShaping = false;
        ctx.vaeZ = 50.0;
        ctx.beta = 0.0;
        const auto z = computeRewards(c, ctx);
        QVERIFY(std::abs(z[1] - 3.0) < 1e-12);
        ctx.label = 1;
        const auto l = computeRewards(c, ctx);
        QCOMPARE(l[1], 5.0);
        QCOMPARE(l[0], -5.0);
    }

    void lambdaRule()
    {
        const auto paper = EngineConfig::paper();
        // λ + α (R_target - R) = 10 + 0.001 (0 - 500) = 9.5
        QVERIFY(std::abs(updateLambda(paper, 10.0, 500.0, 1000) - 9.5) < 1e-12);
        // Negative reward raises λ, clipped at λ_max 10.
        QCOMPARE(updateLambda(paper, 9.9, -1000.0, 1000), 10.0);
        QCOMPARE(updateLambda(paper, 0.2, 1e6, 1000), 0.1);
        // SMD starts at 20, above λ_max: the first update clips it.
        QCOMPARE(updateLambda(EngineConfig::paper(true), 20.0, 0.0, 10), 10.0);
        // Default normalises per step: 10 + 0.001 (0 - 500/1000) = 9.9995.
        QVERIFY(std::abs(updateLambda(EngineConfig::defaults(), 10.0, 500.0, 1000) - 9.9995) <
                1e-12);
        QCOMPARE(semanticBeta(EngineConfig::defaults(), 0.5), 0.0);
        QCOMPARE(semanticBeta(EngineConfig::defaults(), 0.3), 0.0);
        QCOMPARE(semanticBeta(EngineConfig::defaults(), kNan), 0.0);
        QVERIFY(std::abs(semanticBeta(EngineConfig::defaults(), 0.75) - 0.5) < 1e-12);
    }

    void potentials()
    {
        Eigen::MatrixXd w(3, 6); // W = 3, C = 2
        w << 1, 0, 2, 0, 1.8, 0, // smooth: small φ
            0, 0, 0, 0, 0, 0,    // flat: φ = 0
            0, 0, 0, 0.1, 0, 10; // channel 1 jumps at the newest step
        const auto phi = HeuristicPotential().evaluate(w, 2);
        QCOMPARE(phi.size(), Eigen::Index(3));
        QVERIFY(phi(0) > 0.0 && phi(0) < 0.3);
        QCOMPARE(phi(1), 0.0);
        QVERIFY(phi(2) > 0.6);
        QVERIFY(ZeroPotential().evaluate(w, 2).isZero());

        auto table = TablePotential::parse("# cached\n0 0.25\n2 1\n\n", "t.txt");
        QVERIFY(table.ok());
        const auto tp = table->evaluate(w, 2);
        QCOMPARE(tp(0), 0.25);
        QCOMPARE(tp(1), 0.5); // fallback
        QCOMPARE(tp(2), 1.0);
        auto bad = TablePotential::parse("0 0.5\n1 1.5\n", "t.txt");
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("t.txt:2") != std::string::npos);
        QVERIFY(!TablePotential::parse("x 0.5\n", "t.txt").ok());
        QVERIFY(!TablePotential::parse("1\n", "t.txt").ok());
        QVERIFY(!TablePotential::parse("1 0.2\n1 0.3\n", "t.txt").ok());
        QVERIFY(!TablePotential::load("/nonexistent/phi.txt").ok());
    }

    void programPotentialSeesTheWholeSeriesInTraining()
    {
        // Breaks of a daily season that stay inside the series' range: only the series-level
        // feature seasonal_residual sees them. Before the engine handed the program the whole
        // series, that feature was 0 in training and φ shaped nothing (AUC 0.5).
        const int n = 24 * 30;
        TrainingSeries ts;
        ts.values.resize(n, 1);
        ts.labels.assign(n, 0);
        std::mt19937 rng(4);
        std::normal_distribution<double> noise(0.0, 0.05);
        for (int t = 0; t < n; ++t) {
            ts.values(t, 0) = std::sin(2.0 * std::numbers::pi * t / 24.0) + noise(rng);
            // From midnight UTC, 2023-11-14.
            ts.timestampsMs.push_back(std::int64_t(1'699'920'000'000) + t * 3'600'000LL);
        }
        for (const int t : {200, 330, 451, 590, 655}) {
            ts.values(t, 0) = -ts.values(t, 0) + (t % 2 == 0 ? 0.3 : -0.3);
            ts.labels[static_cast<std::size_t>(t)] = 1;
        }
        TrainingSet set;
        set.series.push_back(ts);
        const auto seasonal = ProgramPotential::parse("clamp(seasonal_residual / 8, 0, 1)");
        QVERIFY(seasonal.ok());
        auto c = tiny(EngineConfig::defaults());
        c.episodes = 1;
        auto det = trained(c, set, *seasonal);
        QVERIFY(det);
        QVERIFY2(det->report().potentialAuc > 0.95,
                 qPrintable(QString::number(det->report().potentialAuc)));
        QVERIFY(det->report().beta > 0.0);

        // The timestamps reach the calendar features: anomalies labelled at 03:00 UTC.
        for (auto& l : set.series[0].labels) {
            l = 0;
        }
        for (int t = 3; t < n; t += 24) {
            set.series[0].labels[static_cast<std::size_t>(t)] = 1;
        }
        const auto night = ProgramPotential::parse("if(abs(hour_of_day - 3) < 0.5, 1, 0)");
        QVERIFY2(night.ok(), night.ok() ? "" : night.error().message.c_str());
        det = trained(c, set, *night);
        QVERIFY(det);
        QVERIFY2(det->report().potentialAuc > 0.99,
                 qPrintable(QString::number(det->report().potentialAuc)));

        // Timestamps that do not cover the series are refused with a reason.
        set.series[0].timestampsMs.resize(10);
        auto fresh = Detector::create(c, 1);
        QVERIFY(fresh.ok());
        const auto st = (*fresh)->train(set, *night);
        QVERIFY(!st.ok());
        QVERIFY2(st.error().message.find("10 timestamps for 720 points") != std::string::npos,
                 st.error().message.c_str());
    }

    void defaultSolvesSeparableSeries()
    {
        const auto train = makeSeries(2500, 11);
        const auto test = makeSeries(2500, 12);
        TrainingSet set;
        set.series.push_back(reveal(train, 0.2, 5));
        auto c = EngineConfig::defaults();
        c.lstmHidden = 32;
        c.episodes = 6;
        c.updatesPerEpisode = 300;
        c.batchSize = 64;
        c.replayWarmup = 500;
        c.vaeEpochs = 5;
        c.threads = 1;
        c.seed = 1;
        QElapsedTimer timer;
        timer.start();
        HeuristicPotential heuristic;
        auto det = trained(c, set, heuristic);
        QVERIFY(det);
        auto s = det->score(test.values);
        QVERIFY(s.ok());
        auto m = pointMetrics(s->decision, test.truth, c.window);
        QVERIFY(m.ok());
        std::vector<double> p(s->probability.data(), s->probability.data() + 2500);
        const auto auc = rocAuc(p, test.truth, c.window);
        qInfo("default F1 %.3f (P %.3f R %.3f), AUC(p) %.3f, AUC(phi) %.3f beta %.3f T %.3g, "
              "%lld ms",
              m->f1, m->precision, m->recall, auc.ok() ? *auc : -1.0, det->report().potentialAuc,
              det->report().beta, det->report().temperature,
              static_cast<long long>(timer.elapsed()));
        for (const auto& e : det->report().episodes) {
            qInfo("  episode %d reward/step %.3f lambda %.4f loss %.3f evaluations %lld %.2f s",
                  e.episode, e.rewardPerStep, e.lambda, e.loss,
                  static_cast<long long>(e.evaluations), e.seconds);
        }
        QVERIFY2(m->f1 >= 0.9, qPrintable(QString::number(m->f1)));
    }

    void paperPresetRunsAndShapes()
    {
        const auto train = makeSeries(600, 21, 3);
        TrainingSet set;
        set.series.push_back(reveal(train, 0.3, 2));
        auto c = tiny(EngineConfig::paper(true)); // SMD flavour: channel 0 of 3
        auto det = trained(c, set, HeuristicPotential());
        QVERIFY(det);
        auto s = det->score(train.values);
        QVERIFY(s.ok());
        QCOMPARE(s->probability.size(), Eigen::Index(600));
        QCOMPARE(s->channelError.rows(), Eigen::Index(600));
        QCOMPARE(s->channelError.cols(), Eigen::Index(3));
        QCOMPARE(s->decision.size(), std::size_t(600));
        for (int t = 0; t < 600; ++t) {
            QCOMPARE(std::isnan(s->probability(t)), t < c.window - 1);
            QCOMPARE(std::isnan(s->channelError(t, 0)), t < c.window - 1);
            QVERIFY(std::isnan(s->channelError(t, 1))); // not selected
        }
        QCOMPARE(det->report().episodes.size(), std::size_t(2));
        QCOMPARE(det->report().vaeEpochLoss.size(), std::size_t(2));
    }

    // The reference steps (and so stores) only its labelled windows; `paper` learns from those
    // alone, repeated up to the replay warm-up, while `default` learns from every window.
    void paperReplaysOnlyLabelledSteps()
    {
        const auto data = makeSeries(500, 23);
        TrainingSet set;
        set.series.push_back(reveal(data, 0.05, 4));
        const auto& labels = set.series.back().labels;
        auto c = tiny(EngineConfig::paper());
        QVERIFY(c.replayLabelledOnly);
        QVERIFY(!EngineConfig::defaults().replayLabelledOnly);
        std::int64_t labelled = 0;
        for (int t = c.window - 1; t + 1 < 500; ++t) {
            labelled += labels[static_cast<std::size_t>(t)] >= 0 ? 1 : 0;
        }
        QVERIFY(labelled > 5 && labelled < c.replayWarmup); // few: repeated up to the warm-up
        auto det = trained(c, set, HeuristicPotential());
        QVERIFY(det);
        for (const auto& e : det->report().episodes) {
            QCOMPARE(e.steps, labelled);
            QCOMPARE(e.updates, c.updatesPerEpisode); // the warm-up was reached by repetition
        }
        c.replayLabelledOnly = false;
        auto all = trained(c, set, HeuristicPotential());
        QVERIFY(all);
        QCOMPARE(all->report().episodes.front().steps, std::int64_t(500 - c.window));
    }

    void missingValues()
    {
        auto data = makeSeries(400, 31, 2);
        for (int t = 100; t < 110; ++t) {
            data.values(t, 0) = kNan; // a short gap in one channel
        }
        for (int t = 200; t < 240; ++t) {
            data.values.row(t).setConstant(kNan); // a long gap in every channel
        }
        data.values(0, 1) = kNan; // a leading gap
        TrainingSet set;
        set.series.push_back(reveal(data, 0.3, 1));
        auto det = trained(tiny(EngineConfig::defaults()), set, HeuristicPotential());
        QVERIFY(det);
        auto s = det->score(data.values);
        QVERIFY(s.ok());
        const int w = det->config().window;
        for (int t = w - 1; t < 400; ++t) {
            // A window is scored when at least half of its rows hold a value.
            int observed = 0;
            for (int k = t - w + 1; k <= t; ++k) {
                observed += data.values.row(k).array().isFinite().any() ? 1 : 0;
            }
            const bool enough = observed * 2 >= w;
            QCOMPARE(std::isfinite(s->probability(t)), enough);
            QCOMPARE(std::isfinite(s->reconstructionError(t)), enough);
        }
        // Errors, not crashes or silent zeros.
        Eigen::MatrixXd allNan = Eigen::MatrixXd::Constant(100, 2, kNan);
        auto r1 = det->score(allNan);
        QVERIFY(!r1.ok());
        QVERIFY(r1.error().message.find("no observed value") != std::string::npos);
        auto r2 = det->score(data.values.topRows(10));
        QVERIFY(!r2.ok());
        QVERIFY(r2.error().message.find("window") != std::string::npos);
        QVERIFY(!det->score(Eigen::MatrixXd::Zero(100, 3)).ok());
        auto untrained = Detector::create(EngineConfig::defaults(), 2);
        QVERIFY(untrained.ok());
        QVERIFY(!(*untrained)->score(data.values).ok());
        TrainingSet bad;
        bad.series.push_back(reveal(data, 0.3, 1));
        bad.series.back().labels.pop_back();
        QVERIFY(!(*untrained)->train(bad, ZeroPotential()).ok());
    }

    void saveLoadGivesIdenticalScores()
    {
        const auto data = makeSeries(800, 41);
        TrainingSet set;
        set.series.push_back(reveal(data, 0.3, 3));
        for (const auto& preset : {EngineConfig::defaults(), EngineConfig::paper()}) {
            auto det = trained(tiny(preset), set, HeuristicPotential());
            QVERIFY(det);
            const auto before = det->score(data.values);
            QVERIFY(before.ok());
            const auto bytes = det->save();
            QVERIFY(bytes.ok());
            auto loaded = Detector::load(*bytes);
            QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().message.c_str());
            const auto after = (*loaded)->score(data.values);
            QVERIFY(after.ok());
            QVERIFY(sameScores(*before, *after));
            QCOMPARE((*loaded)->config().toJson(), det->config().toJson());
            auto truncated = *bytes;
            truncated.resize(truncated.size() / 2);
            QVERIFY(!Detector::load(truncated).ok());
            QVERIFY(!Detector::load({1, 2, 3}).ok());

            // The model blob a project stores carries a checksum: one flipped byte in the
            // weights is refused (it scored with altered weights and said nothing), and the
            // message is one line without LibTorch's backtrace. Blobs from before the checksum
            // still load.
            auto blob = packModelBlob({{3, det.get()}});
            QVERIFY(blob.ok());
            QVERIFY(unpackModelBlob(*blob).ok());
            auto flipped = *blob;
            flipped[flipped.size() - 100] ^= 0x20;
            auto refused = unpackModelBlob(flipped);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().message.find("damaged") != std::string::npos,
                     refused.error().message.c_str());
            const std::vector<std::uint8_t> older(blob->begin() + 8, blob->end());
            auto old = unpackModelBlob(older);
            QVERIFY2(old.ok(), old.ok() ? "" : old.error().message.c_str());
            QVERIFY(sameScores(*before, *(*old).at(3)->score(data.values)));
            // LibTorch's archive damaged at its zip signature: refused, in one line.
            auto mangled = *bytes;
            const std::string raw(mangled.begin(), mangled.end());
            const auto zip = raw.find("PK\x03\x04");
            QVERIFY(zip != std::string::npos);
            mangled[zip] = 'X';
            auto damaged = Detector::load(mangled);
            QVERIFY(!damaged.ok());
            QVERIFY2(damaged.error().message.find("damaged") != std::string::npos,
                     damaged.error().message.c_str());
            QVERIFY2(damaged.error().message.find('\n') == std::string::npos,
                     damaged.error().message.c_str());
        }
    }

    // Same seed, same scores; and the batched fixed-point evaluation of states equals the
    // sequential one (maxParallelSweeps 0 runs one sweep and then step by step).
    void deterministicAndExactRollout()
    {
        const auto data = makeSeries(800, 51);
        TrainingSet set;
        set.series.push_back(reveal(data, 0.3, 4));
        auto c = tiny(EngineConfig::defaults());
        auto a = trained(c, set, HeuristicPotential());
        auto b = trained(c, set, HeuristicPotential());
        c.maxParallelSweeps = 0;
        auto seq = trained(c, set, HeuristicPotential());
        QVERIFY(a && b && seq);
        const auto sa = a->score(data.values);
        const auto sb = b->score(data.values);
        const auto ss = seq->score(data.values);
        QVERIFY(sa.ok() && sb.ok() && ss.ok());
        QVERIFY(sameScores(*sa, *sb));
        QCOMPARE(sa->decision, ss->decision);
        for (Eigen::Index t = c.window - 1; t < sa->q0.size(); ++t) {
            QVERIFY(std::abs(sa->q0(t) - ss->q0(t)) < 1e-5);
        }
    }

    // `default` scales each point against its own past (median/MAD), so a series measured in
    // other units or around another level scores the same: this is what lets a threshold chosen
    // on training series mean the same on a test series. Scoring is causal: changing the future
    // leaves earlier scores alone.
    void defaultScoresAreUnitFreeAndCausal()
    {
        const auto data = makeSeries(800, 61);
        TrainingSet set;
        set.series.push_back(reveal(data, 0.3, 5));
        auto det = trained(tiny(EngineConfig::defaults()), set, HeuristicPotential());
        QVERIFY(det);
        const auto base = det->score(data.values);
        QVERIFY(base.ok());
        const Eigen::MatrixXd rescaled = (data.values.array() * 1000.0 + 5.0e6).matrix();
        const auto moved = det->score(rescaled);
        QVERIFY(moved.ok());
        QCOMPARE(moved->decision, base->decision);
        for (Eigen::Index t = 24; t < base->probability.size(); ++t) {
            QVERIFY2(std::abs(moved->probability(t) - base->probability(t)) < 1e-4,
                     qPrintable(QStringLiteral("t %1: %2 vs %3")
                                    .arg(t)
                                    .arg(moved->probability(t))
                                    .arg(base->probability(t))));
        }
        Eigen::MatrixXd future = data.values;
        future.bottomRows(300).array() += 50.0;
        const auto changed = det->score(future);
        QVERIFY(changed.ok());
        for (Eigen::Index t = 24; t < 500; ++t) {
            QCOMPARE(changed->probability(t), base->probability(t));
        }
        QVERIFY(changed->probability.tail(300).cwiseNotEqual(base->probability.tail(300)).any());

        // The pooled scaler of RobustTrainOnly does not have this property.
        auto pooled = tiny(EngineConfig::defaults());
        pooled.scaling = ScalingMode::RobustTrainOnly;
        auto other = trained(pooled, set, HeuristicPotential());
        QVERIFY(other);
        const auto a = other->score(data.values);
        const auto b = other->score(rescaled);
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!sameScores(*a, *b));
    }

    // retrain() continues from the current weights: the episode history grows, the model
    // changes, and an untrained detector is simply trained.
    void retrainContinuesFromCurrentWeights()
    {
        const auto data = makeSeries(800, 71);
        TrainingSet set;
        set.series.push_back(reveal(data, 0.1, 6));
        const auto c = tiny(EngineConfig::defaults());
        auto det = trained(c, set, HeuristicPotential());
        QVERIFY(det);
        const auto before = det->score(data.values);
        QVERIFY(before.ok());
        QCOMPARE(static_cast<int>(det->report().episodes.size()), c.episodes);
        const EpisodeReport last = det->report().episodes.back();

        TrainingSet more;
        more.series.push_back(reveal(data, 0.4, 7));
        QVERIFY(det->retrain(more, HeuristicPotential(), 1).ok());
        QVERIFY(det->trained());
        QCOMPARE(static_cast<int>(det->report().episodes.size()), c.episodes + 1);
        QCOMPARE(det->report().episodes.back().episode, c.episodes);
        // `default` continues at its final exploration rate.
        QCOMPARE(det->report().episodes.back().epsilon, c.epsilonEnd);
        // λ continues from where training left it instead of restarting at λ0.
        QCOMPARE(det->report().episodes.back().lambda,
                 updateLambda(c, last.lambda, last.reward, last.steps));
        const auto after = det->score(data.values);
        QVERIFY(after.ok());
        QVERIFY(!sameScores(*before, *after));

        auto fresh = Detector::create(c, 1);
        QVERIFY(fresh.ok());
        QVERIFY((*fresh)->retrain(set, HeuristicPotential(), 1).ok());
        const auto viaRetrain = (*fresh)->score(data.values);
        QVERIFY(viaRetrain.ok());
        QVERIFY(sameScores(*viaRetrain, *before));

        // `paper` (its benchmark runs each episode as one continued round, as the reference
        // trains one agent) keeps exploring at the start of its schedule: the reference's ε
        // decays over 500 000 updates and stays near 1 for its 30.
        auto pc = tiny(EngineConfig::paper());
        pc.episodes = 1;
        QVERIFY(pc.warmKeepsEpsilon);
        QVERIFY(!EngineConfig::defaults().warmKeepsEpsilon);
        QVERIFY(pc.epsilonStart != pc.epsilonEnd);
        auto paper = trained(pc, set, HeuristicPotential());
        QVERIFY(paper);
        QVERIFY(paper->retrain(more, HeuristicPotential(), 1).ok());
        QCOMPARE(static_cast<int>(paper->report().episodes.size()), 2);
        QCOMPARE(paper->report().episodes.front().epsilon, pc.epsilonStart);
        QCOMPARE(paper->report().episodes.back().epsilon, pc.epsilonStart);
    }

    void cancelStopsPromptly()
    {
        const auto data = makeSeries(3000, 61);
        TrainingSet set;
        set.series.push_back(reveal(data, 0.3, 5));
        auto c = EngineConfig::defaults();
        c.lstmHidden = 32;
        c.threads = 1;
        c.vaeEpochs = 1000; // far longer than the test waits
        {
            // From the progress callback.
            auto det = Detector::create(c, 1);
            QVERIFY(det.ok());
            CancelToken token;
            int calls = 0;
            ProgressSink sink{[&](double, const std::string&) {
                if (++calls == 3) {
                    token.requestCancel();
                }
            }};
            QElapsedTimer timer;
            timer.start();
            auto st = (*det)->train(set, HeuristicPotential(), sink, token);
            QVERIFY(!st.ok());
            QCOMPARE(st.error().message, std::string(kCancelledMessage));
            QVERIFY(timer.elapsed() < 5000);
            QVERIFY(!(*det)->trained());
        }
        {
            // From another thread, during the episodes.
            c.vaeEpochs = 1;
            c.episodes = 1000;
            auto det = Detector::create(c, 1);
            QVERIFY(det.ok());
            CancelToken token;
            std::atomic<bool> inEpisodes{false};
            ProgressSink sink{[&](double, const std::string& phase) {
                if (phase.rfind("episode", 0) == 0) {
                    inEpisodes = true;
                }
            }};
            QElapsedTimer timer;
            std::thread canceller([&] {
                while (!inEpisodes) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
                timer.start();
                token.requestCancel();
            });
            auto st = (*det)->train(set, HeuristicPotential(), sink, token);
            canceller.join();
            QVERIFY(!st.ok());
            QCOMPARE(st.error().message, std::string(kCancelledMessage));
            QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        }
        {
            // Scoring stops too (a 2M-row series took 24 s and ignored Ctrl+C); without a
            // cancel it scores as before.
            c.episodes = 1;
            auto det = Detector::create(c, 1);
            QVERIFY(det.ok());
            QVERIFY((*det)->train(set, HeuristicPotential()).ok());
            CancelToken token;
            token.requestCancel();
            auto cancelled = (*det)->score(data.values, token);
            QVERIFY(!cancelled.ok());
            QCOMPARE(cancelled.error().message, std::string(kCancelledMessage));
            auto scored = (*det)->score(data.values);
            QVERIFY(scored.ok());
            QCOMPARE(scored->probability.size(), data.values.rows());
        }
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
