// SPDX-License-Identifier: MIT
#include "vigil/interactive_benchmark.h"

#include "common/fixed_text.h"

#include "vigil/baselines.h"
#include "vigil/engine.h"
#include "vigil/importers.h"
#include "vigil/metrics.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <sstream>
#include <thread>

namespace vigil::core {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double median(std::vector<double> v)
{
    if (v.empty()) {
        return 0.0;
    }
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// The threshold on `score` that maximises F1 on the revealed points, moved down to the middle
// of the gap below it: bestF1Threshold() returns a score value (the lowest revealed anomaly's
// when they separate cleanly), and an unrevealed anomaly slightly weaker than every revealed one
// should still be caught. NaN when the revealed points hold no anomaly or none can be caught.
double tunedThreshold(const std::vector<double>& score, const std::vector<std::int8_t>& revealed)
{
    std::vector<double> s;
    std::vector<std::uint8_t> y;
    bool anomaly = false;
    for (size_t t = 0; t < score.size(); ++t) {
        if (revealed[t] >= 0 && std::isfinite(score[t])) {
            s.push_back(score[t]);
            y.push_back(revealed[t] == 1 ? 1 : 0);
            anomaly = anomaly || revealed[t] == 1;
        }
    }
    if (!anomaly) {
        return kNaN;
    }
    auto best = bestF1Threshold(s, y);
    if (!best || !std::isfinite(best->threshold)) {
        return kNaN;
    }
    double below = -std::numeric_limits<double>::infinity();
    for (double v : s) {
        if (v < best->threshold) {
            below = std::max(below, v);
        }
    }
    return std::isfinite(below) ? 0.5 * (below + best->threshold) : best->threshold;
}

double maxRevealedNormal(const std::vector<double>& score, const std::vector<std::int8_t>& revealed)
{
    double m = -std::numeric_limits<double>::infinity();
    for (size_t t = 0; t < score.size(); ++t) {
        if (revealed[t] == 0 && std::isfinite(score[t])) {
            m = std::max(m, score[t]);
        }
    }
    return m;
}

class ResidualModel final : public InteractiveModel
{
public:
    using Scorer = std::function<Result<Eigen::VectorXd>(const Eigen::MatrixXd&)>;

    ResidualModel(int window, double priorZ, Scorer scorer, std::string name)
        : m_window(window)
        , m_priorZ(priorZ)
        , m_scorer(std::move(scorer))
        , m_name(std::move(name))
    {
    }

    Status fit(const Eigen::MatrixXd& values, const std::vector<std::int8_t>& revealed) override
    {
        if (revealed.size() != static_cast<size_t>(values.rows())) {
            return fail("revealed labels and values differ in length");
        }
        // The residual depends on the values only: computed once per series.
        if (m_residual.size() != revealed.size() || !m_values.isApprox(values)) {
            auto r = m_scorer(values);
            if (!r) {
                return r.error();
            }
            m_values = values;
            m_residual.assign(r->data(), r->data() + r->size());
            std::vector<double> finite;
            for (size_t t = static_cast<size_t>(m_window); t < m_residual.size(); ++t) {
                if (std::isfinite(m_residual[t])) {
                    finite.push_back(m_residual[t]);
                }
            }
            m_center = median(finite);
            std::vector<double> dev;
            for (double v : finite) {
                dev.push_back(std::abs(v - m_center));
            }
            m_scale = 1.4826 * median(dev);
            if (!(m_scale > 1e-12)) {
                m_scale = 1.0;
            }
        }
        const double tuned = tunedThreshold(m_residual, revealed);
        if (std::isfinite(tuned)) {
            m_threshold = tuned;
        } else {
            // No anomaly revealed yet: flag only what is far out, and nothing the expert
            // already called normal.
            const double prior = m_center + m_priorZ * m_scale;
            const double normal = maxRevealedNormal(m_residual, revealed);
            m_threshold =
                std::max(prior, std::nextafter(normal, std::numeric_limits<double>::infinity()));
        }
        return {};
    }

    std::vector<std::uint8_t> decisions() const override
    {
        return flagAtOrAbove(m_residual, m_threshold);
    }

    void fillQueryInput(QueryInput& input) const override
    {
        input.residual = m_residual;
        input.probability.resize(m_residual.size());
        for (size_t t = 0; t < m_residual.size(); ++t) {
            input.probability[t] =
                t < static_cast<size_t>(m_window) || !std::isfinite(m_residual[t])
                    ? kNaN
                    : 1.0 / (1.0 + std::exp(-(m_residual[t] - m_threshold) / m_scale));
        }
    }

    std::string name() const override { return m_name; }

private:
    int m_window;
    double m_priorZ;
    Scorer m_scorer;
    std::string m_name;
    Eigen::MatrixXd m_values;
    std::vector<double> m_residual;
    double m_center = 0.0;
    double m_scale = 1.0;
    double m_threshold = std::numeric_limits<double>::infinity();
};

class DetectorModel final : public InteractiveModel
{
public:
    explicit DetectorModel(const InteractiveDetectorOptions& options)
        : m_options(options)
    {
    }

    Status fit(const Eigen::MatrixXd& values, const std::vector<std::int8_t>& revealed) override
    {
        if (revealed.size() != static_cast<size_t>(values.rows())) {
            return fail("revealed labels and values differ in length");
        }
        if (auto st = train(values, revealed); !st) {
            return st;
        }
        auto scored = m_detector->score(values);
        if (!scored) {
            return scored.error();
        }
        m_score = std::move(scored).value();
        m_p.assign(m_score.probability.data(),
                   m_score.probability.data() + m_score.probability.size());
        const double tuned = tunedThreshold(m_p, revealed);
        const bool bothClasses = std::find(revealed.begin(), revealed.end(), 0) != revealed.end();
        m_threshold = std::isfinite(tuned) && bothClasses ? tuned : 0.5;
        if (m_phi.size() != revealed.size()) {
            m_phi.assign(revealed.size(), kNaN);
            const int w = m_detector->config().window;
            if (auto x = slidingWindows(values, w); x && x->rows() > 0) {
                Eigen::MatrixXd filled =
                    x->unaryExpr([](double v) { return std::isfinite(v) ? v : 0.0; });
                const Eigen::VectorXd phi =
                    HeuristicPotential().evaluate(filled, int(values.cols()));
                for (Eigen::Index r = 0; r < phi.size(); ++r) {
                    m_phi[static_cast<size_t>(r + w - 1)] = phi(r);
                }
            }
        }
        return {};
    }

    std::vector<std::uint8_t> decisions() const override { return flagAtOrAbove(m_p, m_threshold); }

    void fillQueryInput(QueryInput& input) const override
    {
        input.probability = m_p;
        input.q0.assign(m_score.q0.data(), m_score.q0.data() + m_score.q0.size());
        input.q1.assign(m_score.q1.data(), m_score.q1.data() + m_score.q1.size());
        input.reconstructionError.assign(m_score.reconstructionError.data(),
                                         m_score.reconstructionError.data() +
                                             m_score.reconstructionError.size());
        input.potential = m_phi;
    }

    std::string name() const override { return "detector"; }

private:
    // The one place the detector is (re)trained: the first fit trains a fresh detector, later
    // fits continue from its weights for a few episodes (incremental retraining).
    Status train(const Eigen::MatrixXd& values, const std::vector<std::int8_t>& revealed)
    {
        TrainingSet set;
        set.series.push_back({values, revealed, {}, {}, {}});
        const HeuristicPotential potential;
        if (m_detector && m_detector->trained() && m_options.warmEpisodes > 0 &&
            m_detector->channels() == values.cols()) {
            return m_detector->retrain(set, potential, m_options.warmEpisodes);
        }
        EngineConfig config = EngineConfig::defaults(m_options.smd);
        config.lstmHidden = m_options.lstmHidden;
        config.episodes = m_options.episodes;
        config.updatesPerEpisode = m_options.updatesPerEpisode;
        config.vaeEpochs = m_options.vaeEpochs;
        // One short series fills far less than the offline replay warm-up.
        config.replayWarmup = std::min<std::int64_t>(config.replayWarmup, 256);
        config.seed = m_options.seed;
        config.threads = std::max(0, m_options.threads); // 0: automatic
        auto detector = Detector::create(config, static_cast<int>(values.cols()));
        if (!detector) {
            return detector.error();
        }
        if (auto st = (*detector)->train(set, potential); !st) {
            return st;
        }
        m_detector = std::move(detector).value();
        return {};
    }

    InteractiveDetectorOptions m_options;
    std::unique_ptr<Detector> m_detector;
    ScoreResult m_score;
    std::vector<double> m_p;
    std::vector<double> m_phi;
    double m_threshold = 0.5;
};

double f1Of(const std::vector<std::uint8_t>& predicted, const std::vector<std::uint8_t>& truth)
{
    auto m = pointMetrics(predicted, truth);
    return m ? m->f1 : 0.0;
}

// Deterministic per-name id so the random strategy draws differently on each series.
std::int64_t nameId(const std::string& name)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : name) {
        h = (h ^ c) * 1099511628211ULL;
    }
    return static_cast<std::int64_t>(h >> 1);
}

std::vector<std::uint8_t> truthOf(const ImportedSeries& s)
{
    std::vector<std::uint8_t> truth(static_cast<size_t>(s.series.length()), 0);
    for (const auto& l : s.labels) {
        if (l.classId == kClassAnomaly) {
            for (auto t = std::max<std::int64_t>(0, l.begin);
                 t < std::min(l.end, s.series.length()); ++t) {
                truth[static_cast<size_t>(t)] = 1;
            }
        }
    }
    return truth;
}

Result<std::vector<ImportedSeries>> loadAll(const InteractiveOptions& options)
{
    std::vector<ImportedSeries> out;
    if (options.format == "yahoo") {
        auto all = importPaths({options.trainDir}, DataFormat::Yahoo);
        if (!all) {
            return all.error();
        }
        out = std::move(all).value();
    } else if (options.format == "smd") {
        std::vector<std::string> machines;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(fs::path(options.trainDir) / "test", ec)) {
            if (e.path().extension() == ".txt") {
                machines.push_back(e.path().stem().string());
            }
        }
        if (ec || machines.empty()) {
            return fail(options.trainDir + ": not an SMD folder (expected test/*.txt)");
        }
        for (const auto& m : machines) {
            auto s = loadSmdMachine(options.trainDir, m);
            if (!s) {
                return s.error();
            }
            s->series.name = m;
            out.push_back(std::move(s).value());
        }
    } else {
        return fail("unknown dataset format \"" + options.format + "\" (expected yahoo or smd)");
    }
    std::sort(out.begin(), out.end(), [](const ImportedSeries& a, const ImportedSeries& b) {
        return a.series.name < b.series.name;
    });
    if (out.empty()) {
        return fail(options.trainDir + ": no series found");
    }
    if (options.maxSeries > 0 && out.size() > static_cast<size_t>(options.maxSeries)) {
        out.resize(static_cast<size_t>(options.maxSeries));
    }
    return out;
}

} // namespace

std::unique_ptr<InteractiveModel> makeResidualModel(int window, double priorZ)
{
    return std::make_unique<ResidualModel>(
        window, priorZ,
        [window](const Eigen::MatrixXd& v) { return rollingMedianResidual(v, {window}); },
        "residual");
}

std::unique_ptr<InteractiveModel> makeMultiScaleModel(int window, double priorZ)
{
    return std::make_unique<ResidualModel>(
        window, priorZ,
        [window](const Eigen::MatrixXd& v) {
            MultiScaleConfig config;
            config.shortWindow = window;
            return multiScaleScore(v, config);
        },
        "multiscale");
}

std::unique_ptr<InteractiveModel> makeDetectorModel(const InteractiveDetectorOptions& options)
{
    return std::make_unique<DetectorModel>(options);
}

std::string defaultInteractiveModel(QueryStrategy strategy)
{
    // default: the multi-scale model (interactive Yahoo A1, K = 10, seed 0: 0.925 against 0.779
    // with the detector, README); margin keeps the paper's RL margin.
    if (strategy == QueryStrategy::Default) {
        return "multiscale";
    }
    return strategy == QueryStrategy::Margin ? "detector" : "residual";
}

Result<InteractiveSeriesResult>
runInteractiveSeries(const std::string& name, const Eigen::MatrixXd& values,
                     const std::vector<std::uint8_t>& truth, InteractiveModel& model,
                     const InteractiveOptions& options, const CancelToken& cancel)
{
    const auto n = static_cast<size_t>(values.rows());
    if (truth.size() != n) {
        return fail(name + ": ground truth and values differ in length");
    }
    if (options.queries < 0 || options.batch < 1 || options.window < 1) {
        return fail("interactive benchmark: queries >= 0, batch >= 1 and window >= 1 expected");
    }
    InteractiveSeriesResult result;
    result.name = name;
    result.hasAnomaly = std::find(truth.begin(), truth.end(), 1) != truth.end();
    // The only copy of the truth the model side ever sees: -1 until the expert reveals it.
    std::vector<std::int8_t> revealed(n, -1);
    auto exported = [&] {
        std::vector<std::uint8_t> e = model.decisions();
        e.resize(n, 0);
        for (size_t t = 0; t < n; ++t) {
            if (revealed[t] >= 0) {
                e[t] = static_cast<std::uint8_t>(revealed[t]);
            }
        }
        return f1Of(e, truth);
    };
    if (auto st = model.fit(values, revealed); !st) {
        return fail(name + ": " + st.error().message);
    }
    result.f1Curve.push_back(exported());
    int asked = 0;
    while (asked < options.queries) {
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        QueryInput in;
        in.seriesId = nameId(name);
        in.values = values;
        in.labelled.resize(n);
        for (size_t t = 0; t < n; ++t) {
            in.labelled[t] = revealed[t] >= 0 ? 1 : 0;
        }
        in.known = revealed; // what the expert said so far, never the hidden truth
        model.fillQueryInput(in);
        QueryOptions qo;
        qo.strategy = options.strategy;
        qo.window = options.window;
        qo.k = std::min(options.batch, options.queries - asked);
        qo.seed = options.seed;
        auto qs = selectQueries(in, qo);
        if (!qs) {
            return fail(name + ": " + qs.error().message);
        }
        if (qs->empty()) {
            break; // nothing left to ask: the curve stays where it is
        }
        for (size_t i = 0; i < qs->size(); ++i) {
            const auto& q = (*qs)[i];
            for (auto t = q.begin; t < q.end; ++t) {
                const auto u = static_cast<size_t>(t);
                if (revealed[u] < 0) {
                    revealed[u] = static_cast<std::int8_t>(truth[u]);
                    ++result.revealedPoints;
                }
            }
            result.revealed.emplace_back(q.begin, q.end);
            ++asked;
            if (i + 1 < qs->size()) {
                result.f1Curve.push_back(exported()); // within a batch: the model is not refit
            }
        }
        if (auto st = model.fit(values, revealed); !st) {
            return fail(name + ": " + st.error().message);
        }
        result.f1Curve.push_back(exported());
    }
    while (result.f1Curve.size() < static_cast<size_t>(options.queries) + 1) {
        result.f1Curve.push_back(result.f1Curve.back());
    }
    result.f1 = result.f1Curve.back();
    std::vector<std::uint8_t> pred;
    std::vector<std::uint8_t> t2;
    const auto decisions = model.decisions();
    for (size_t t = 0; t < n; ++t) {
        if (revealed[t] < 0) {
            pred.push_back(t < decisions.size() ? decisions[t] : 0);
            t2.push_back(truth[t]);
        }
    }
    result.f1Unrevealed = f1Of(pred, t2);
    return result;
}

Result<InteractiveReport> runInteractiveBenchmark(const InteractiveOptions& options,
                                                  ProgressSink progress, const CancelToken& cancel)
{
    const auto t0 = Clock::now();
    InteractiveReport report;
    report.options = options;
    report.model =
        options.model.empty() ? defaultInteractiveModel(options.strategy) : options.model;
    if (report.model != "residual" && report.model != "multiscale" && report.model != "detector") {
        return fail("unknown interactive model \"" + report.model +
                    "\" (expected residual, multiscale or detector)");
    }
    progress(0.0, "loading " + options.trainDir);
    auto all = loadAll(options);
    if (!all) {
        return all.error();
    }
    report.meanCurve.assign(static_cast<size_t>(std::max(0, options.queries)) + 1, 0.0);
    int counted = 0;
    for (size_t i = 0; i < all->size(); ++i) {
        const auto& s = (*all)[i];
        std::unique_ptr<InteractiveModel> model;
        if (report.model == "residual") {
            model = makeResidualModel(options.window);
        } else if (report.model == "multiscale") {
            model = makeMultiScaleModel(options.window);
        } else {
            InteractiveDetectorOptions d = options.detector;
            d.smd = options.format == "smd";
            d.seed = options.seed;
            d.threads = options.threads;
            model = makeDetectorModel(d);
        }
        auto r = runInteractiveSeries(s.series.name, s.series.values, truthOf(s), *model, options,
                                      cancel);
        if (!r) {
            return r.error();
        }
        if (r->hasAnomaly) {
            ++counted;
            report.meanF1 += r->f1;
            report.meanF1Unrevealed += r->f1Unrevealed;
            for (size_t k = 0; k < report.meanCurve.size(); ++k) {
                report.meanCurve[k] += r->f1Curve[k];
            }
        }
        progress(double(i + 1) / double(all->size()),
                 s.series.name + ": F1 " + fixedText(r->f1Curve.front()) + " -> " + fixedText(r->f1) +
                     (r->hasAnomaly ? "" : " (no anomaly: left out of the mean)"));
        report.series.push_back(std::move(r).value());
    }
    if (counted > 0) {
        report.meanF1 /= counted;
        report.meanF1Unrevealed /= counted;
        for (auto& v : report.meanCurve) {
            v /= counted;
        }
    }
    report.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    return report;
}

std::string interactiveReportJson(const InteractiveReport& report)
{
    nlohmann::ordered_json doc;
    doc["strategy"] = toString(report.options.strategy);
    doc["queries"] = report.options.queries;
    doc["seed"] = report.options.seed;
    doc["seconds"] = report.seconds;
    doc["series"] = nlohmann::ordered_json::array();
    for (const auto& s : report.series) {
        doc["series"].push_back({{"name", s.name},
                                 {"f1_curve", s.f1Curve},
                                 {"f1", s.f1},
                                 {"f1_unrevealed", s.f1Unrevealed}});
    }
    doc["mean"] = {{"f1", report.meanF1}, {"f1_unrevealed", report.meanF1Unrevealed}};
    doc["mean_curve"] = report.meanCurve;
    return doc.dump(2);
}

std::string interactiveReportTable(const InteractiveReport& report)
{
    std::ostringstream out;
    const auto& o = report.options;
    int counted = 0;
    for (const auto& s : report.series) {
        counted += s.hasAnomaly ? 1 : 0;
    }
    out << "interactive benchmark: " << o.format << " " << o.trainDir << "\n"
        << "strategy " << toString(o.strategy) << ", model " << report.model << ", K " << o.queries
        << ", batch " << o.batch << ", W " << o.window << ", seed " << o.seed << ", "
        << fixedText(report.seconds, 1) << " s\n"
        << "mean over " << counted << " series with anomalies: F1 " << fixedText(report.meanF1)
        << ", F1 on unrevealed points " << fixedText(report.meanF1Unrevealed) << "\n\n"
        << "queries  mean F1\n";
    for (size_t k = 0; k < report.meanCurve.size(); ++k) {
        char line[64];
        std::snprintf(line, sizeof line, "%7zu  %7.3f\n", k, report.meanCurve[k]);
        out << line;
    }
    out << "\nseries                 F1@0    F1  F1 unrevealed  revealed points\n";
    for (const auto& s : report.series) {
        char line[160];
        std::snprintf(line, sizeof line, "%-20s %6.3f %6.3f %14.3f %16lld%s\n", s.name.c_str(),
                      s.f1Curve.empty() ? 0.0 : s.f1Curve.front(), s.f1, s.f1Unrevealed,
                      static_cast<long long>(s.revealedPoints),
                      s.hasAnomaly ? "" : "  (no anomaly)");
        out << line;
    }
    return out.str();
}

} // namespace vigil::core
