// SPDX-License-Identifier: MIT
// The project side of the query queue and the stopping signal.
#include "vigil/active_learning.h"

#include "common/fixed_text.h"
#include "vigil/baselines.h"
#include "vigil/metrics.h"
#include "vigil/phrases.h"
#include "vigil/project_training.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>

namespace vigil::core {
namespace {

constexpr const char* kHistoryKey = "active_learning.stopping_history";
constexpr const char* kQueueNotesKey = "active_learning.queue_notes";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::uint8_t> labelledMask(const std::vector<std::int8_t>& labels)
{
    std::vector<std::uint8_t> m(labels.size(), 0);
    for (size_t t = 0; t < labels.size(); ++t) {
        m[t] = labels[t] >= 0 ? 1 : 0;
    }
    return m;
}

struct SeriesSignals
{
    SeriesInfo info;
    TimeSeries series;
    std::vector<std::int8_t> labels; // expert, per point
    std::vector<std::int8_t> human;  // the analyst's own labels only (no imported truth)
    std::vector<double> probability; // empty without model scores
};

// The channel counts model `version` has a detector for (its metrics' groups that learnt
// something; trainProjectModel marks the others "untrained" and stores no detector for them).
std::set<int> detectorChannels(const Project& project, std::int64_t version)
{
    std::set<int> channels;
    auto models = project.listModels();
    if (!models) {
        return channels;
    }
    for (const auto& m : *models) {
        if (m.version != version) {
            continue;
        }
        try {
            const auto metrics = nlohmann::json::parse(m.metricsJson);
            for (const auto& g : metrics.value("groups", nlohmann::json::array())) {
                if (!g.value("untrained", false)) {
                    channels.insert(g.value("channels", 0));
                }
            }
        } catch (const nlohmann::json::exception&) {
            // Damaged metrics: no group is known, so the note advises training again.
        }
    }
    return channels;
}

// Loads what the strategies and the stopping signal need from every series.
Result<std::vector<SeriesSignals>> loadSignals(Project& project, std::int64_t* modelVersion,
                                               const ProgressSink& progress = {},
                                               const CancelToken& cancel = CancelToken{})
{
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    auto model = project.listModels();
    if (!model) {
        return model.error();
    }
    *modelVersion = model->empty() ? 0 : model->back().version;
    std::vector<SeriesSignals> out;
    for (const auto& info : *list) {
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        progress(0.5 * static_cast<double>(out.size()) / static_cast<double>(list->size()),
                 "reading " + info.name);
        auto s = project.loadSeries(info.id);
        if (!s) {
            return s.error();
        }
        auto labels = project.labels(info.id);
        if (!labels) {
            return labels.error();
        }
        std::vector<Label> own;
        std::copy_if(labels->begin(), labels->end(), std::back_inserter(own),
                     [](const Label& l) { return l.source == LabelSource::Human; });
        SeriesSignals sig{info,
                          std::move(s).value(),
                          expertPointLabels(*labels, info.length),
                          expertPointLabels(own, info.length),
                          {}};
        if (*modelVersion > 0) {
            // Damaged stored scores count as missing: the queue falls back and its note says
            // to run score, instead of no queue at all. Other errors are errors.
            bool damaged = false;
            auto scores = project.loadScores(*modelVersion, info.id, &damaged);
            if (!scores && !damaged) {
                return scores.error();
            }
            if (scores && scores->has_value() &&
                (*scores)->size() == static_cast<size_t>(info.length)) {
                sig.probability = std::move(**scores);
            }
        }
        out.push_back(std::move(sig));
    }
    return out;
}

Result<StoppingSignal> stoppingFrom(Project& project, const std::vector<SeriesSignals>& all,
                                    int window)
{
    const bool useModel = !all.empty() && std::all_of(all.begin(), all.end(), [](const auto& s) {
        return !s.probability.empty();
    });
    std::vector<std::vector<double>> scores;
    std::vector<std::vector<std::int8_t>> labels;
    std::int64_t labelled = 0;
    for (const auto& s : all) {
        if (useModel) {
            scores.push_back(s.probability);
        } else {
            auto r = rollingMedianResidual(s.series.values, {window});
            if (!r) {
                return r.error();
            }
            scores.emplace_back(r->data(), r->data() + r->size());
        }
        labels.push_back(s.labels);
        labelled += std::count_if(s.labels.begin(), s.labels.end(), [](auto v) { return v >= 0; });
    }
    const double f1 = crossValidatedF1(scores, labels, 5, window, 0);

    std::vector<StoppingPoint> history;
    auto stored = project.setting(kHistoryKey);
    if (!stored) {
        return stored.error();
    }
    if (stored->has_value()) {
        const auto doc = nlohmann::json::parse(**stored, nullptr, false);
        if (doc.is_array()) {
            for (const auto& e : doc) {
                if (e.is_object() && e.contains("labelled") && e.contains("f1")) {
                    history.push_back({e["labelled"].get<std::int64_t>(), e["f1"].get<double>()});
                }
            }
        }
    }
    if (std::isfinite(f1) && (history.empty() || history.back().labelledPoints != labelled)) {
        history.push_back({labelled, f1});
        nlohmann::json doc = nlohmann::json::array();
        for (const auto& h : history) {
            doc.push_back({{"labelled", h.labelledPoints}, {"f1", h.f1}});
        }
        if (auto st = project.setSetting(kHistoryKey, doc.dump()); !st) {
            return st.error();
        }
    }
    StoppingSignal signal = stoppingAdvice(std::move(history));
    signal.estimatedF1 = f1;
    signal.scorer = useModel ? "model p" : "residual";
    if (!std::isfinite(f1)) {
        signal.stop = false;
        signal.message = phrases::kTooFewLabels;
    }
    return signal;
}

} // namespace

double crossValidatedF1(std::span<const std::vector<double>> scores,
                        std::span<const std::vector<std::int8_t>> labels, int folds, int block,
                        std::uint64_t seed)
{
    if (scores.size() != labels.size() || folds < 2 || block < 1) {
        return kNaN;
    }
    struct Block
    {
        size_t series;
        std::vector<size_t> points;
        bool anomaly = false;
        bool normal = false;
    };
    std::vector<Block> blocks;
    for (size_t s = 0; s < labels.size(); ++s) {
        if (scores[s].size() != labels[s].size()) {
            return kNaN;
        }
        Block cur{s, {}, false, false};
        auto flush = [&] {
            if (!cur.points.empty()) {
                blocks.push_back(std::move(cur));
            }
            cur = Block{s, {}, false, false};
        };
        // Units: an anomalous run stays whole (one event is one unit, never on both sides of a
        // split); normal runs are cut into blocks of `block` points.
        for (size_t t = 0; t < labels[s].size(); ++t) {
            const std::int8_t v = labels[s][t];
            if (v < 0) {
                flush();
                continue;
            }
            if (!cur.points.empty() && (v == 1) != cur.anomaly) {
                flush();
            }
            cur.points.push_back(t);
            (v == 1 ? cur.anomaly : cur.normal) = true;
            if (v == 0 && static_cast<int>(cur.points.size()) >= block) {
                flush();
            }
        }
        flush();
    }
    std::vector<size_t> anomalous;
    std::vector<size_t> normal;
    for (size_t b = 0; b < blocks.size(); ++b) {
        (blocks[b].anomaly ? anomalous : normal).push_back(b);
    }
    const bool anyNormal =
        std::any_of(blocks.begin(), blocks.end(), [](const Block& b) { return b.normal; });
    if (anomalous.size() < 2 || !anyNormal) {
        return kNaN;
    }
    // Stratified: anomalous and normal blocks are dealt separately so every fold tests some
    // anomalies.
    std::mt19937_64 rng(seed);
    std::shuffle(anomalous.begin(), anomalous.end(), rng);
    std::shuffle(normal.begin(), normal.end(), rng);
    const int k = std::min<int>(folds, static_cast<int>(anomalous.size()));
    std::vector<int> foldOf(blocks.size(), 0);
    for (size_t i = 0; i < anomalous.size(); ++i) {
        foldOf[anomalous[i]] = static_cast<int>(i % static_cast<size_t>(k));
    }
    for (size_t i = 0; i < normal.size(); ++i) {
        foldOf[normal[i]] = static_cast<int>(i % static_cast<size_t>(k));
    }
    std::int64_t tp = 0;
    std::int64_t fp = 0;
    std::int64_t fn = 0;
    for (int f = 0; f < k; ++f) {
        std::vector<double> trainScore;
        std::vector<std::uint8_t> trainTruth;
        for (size_t b = 0; b < blocks.size(); ++b) {
            if (foldOf[b] == f) {
                continue;
            }
            for (size_t t : blocks[b].points) {
                trainScore.push_back(scores[blocks[b].series][t]);
                trainTruth.push_back(labels[blocks[b].series][t] == 1 ? 1 : 0);
            }
        }
        auto choice = bestF1Threshold(trainScore, trainTruth);
        const double threshold =
            choice ? choice->threshold : std::numeric_limits<double>::infinity();
        for (size_t b = 0; b < blocks.size(); ++b) {
            if (foldOf[b] != f) {
                continue;
            }
            for (size_t t : blocks[b].points) {
                const double sc = scores[blocks[b].series][t];
                const bool flag = std::isfinite(sc) && sc >= threshold;
                const bool truth = labels[blocks[b].series][t] == 1;
                tp += flag && truth ? 1 : 0;
                fp += flag && !truth ? 1 : 0;
                fn += !flag && truth ? 1 : 0;
            }
        }
    }
    return tp == 0 ? 0.0 : 2.0 * double(tp) / double(2 * tp + fp + fn);
}

StoppingSignal stoppingAdvice(std::vector<StoppingPoint> history, int batches, double minChange)
{
    StoppingSignal s;
    s.history = std::move(history);
    if (s.history.empty()) {
        s.estimatedF1 = kNaN;
        s.message = phrases::kNoEstimate;
        return s;
    }
    const auto& h = s.history;
    s.estimatedF1 = h.back().f1;
    const size_t n = h.size();
    if (batches >= 1 && n >= static_cast<size_t>(batches) + 1) {
        bool flat = true;
        for (size_t i = n - static_cast<size_t>(batches); i < n; ++i) {
            flat = flat && std::abs(h[i].f1 - h[i - 1].f1) < minChange;
        }
        if (flat) {
            s.stop = true;
            s.message = phrases::fill(phrases::kStopHere,
                                      {std::to_string(batches), fixedText(minChange, 2),
                                       fixedText(h[n - 1 - static_cast<size_t>(batches)].f1, 3),
                                       fixedText(h.back().f1, 3)});
            return s;
        }
    }
    const std::string f1 = fixedText(h.back().f1, 3);
    const std::string points = std::to_string(h.back().labelledPoints);
    if (n >= 2) {
        const double d = h.back().f1 - h[n - 2].f1;
        s.message = phrases::fill(phrases::kEstimateTrend,
                                  {f1, points, (d >= 0 ? "+" : "") + fixedText(d, 3)});
    } else {
        s.message = phrases::fill(phrases::kEstimateFirst, {f1, points});
    }
    return s;
}

Result<StoppingSignal> updateStoppingSignal(Project& project, int window)
{
    std::int64_t version = 0;
    auto all = loadSignals(project, &version);
    if (!all) {
        return all.error();
    }
    return stoppingFrom(project, *all, window);
}

Result<ProjectQueriesResult> computeProjectQueries(Project& project,
                                                   const ProjectQueryOptions& options,
                                                   ProgressSink progress, const CancelToken& cancel)
{
    if (options.k < 1) {
        return fail("ask for at least one query (-k)");
    }
    ProjectQueriesResult result;
    auto all = loadSignals(project, &result.modelVersion, progress, cancel);
    if (!all) {
        return all.error();
    }
    if (all->empty()) {
        return fail("the project has no series to query");
    }
    std::vector<Query> pooled;
    bool anyWithoutModel = false; // scoring again gives them scores
    bool anyUntrained = false;    // the model has no detector for them: training again does
    const std::set<int> detectors =
        result.modelVersion > 0 ? detectorChannels(project, result.modelVersion) : std::set<int>{};
    // Windows the analyst skipped are not asked again (a refresh used to queue them anew, a
    // second row for the same window).
    auto skippedQueries = project.queries(0, QueryStatus::Skipped);
    if (!skippedQueries) {
        return skippedQueries.error();
    }
    std::set<std::tuple<std::int64_t, std::int64_t, std::int64_t>> skipped;
    std::map<std::int64_t, int> skippedIn;
    for (const auto& q : *skippedQueries) {
        if (skipped.emplace(q.seriesId, q.begin, q.end).second) {
            ++skippedIn[q.seriesId];
        }
    }
    std::size_t skippedLeftOut = 0; // skipped windows the strategies chose again
    std::size_t done = 0;
    for (const auto& s : *all) {
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        progress(0.5 + 0.45 * static_cast<double>(done++) / static_cast<double>(all->size()),
                 "choosing queries in " + s.info.name);
        QueryInput in;
        in.seriesId = s.info.id;
        in.values = s.series.values;
        in.labelled = labelledMask(s.labels);
        // `default` follows an anomaly the analyst labelled up to its edge; imported ground truth
        // marks whole anomalies, so it is not followed.
        in.known = s.human;
        in.probability = s.probability;
        // A series no model can score (too short, nothing observed) gets no advice here:
        // train and score name it with the reason.
        const bool scorable =
            s.info.length >= options.window && s.series.values.array().isFinite().any();
        if (s.probability.empty() && scorable) {
            (detectors.count(s.info.channels) != 0 ? anyWithoutModel : anyUntrained) = true;
        }
        QueryOptions qo;
        qo.strategy = options.strategy;
        qo.window = options.window;
        qo.k = options.k + skippedIn[s.info.id]; // room for the skipped ones left out below
        qo.seed = options.seed;
        auto q = selectQueries(in, qo);
        if (!q) {
            return fail(s.info.name + ": " + q.error().message);
        }
        for (const Query& one : *q) {
            if (skipped.count({one.seriesId, one.begin, one.end}) == 0) {
                pooled.push_back(one);
            } else {
                ++skippedLeftOut;
            }
        }
    }
    std::stable_sort(pooled.begin(), pooled.end(),
                     [](const Query& a, const Query& b) { return a.score > b.score; });
    if (pooled.size() > static_cast<size_t>(options.k)) {
        pooled.resize(static_cast<size_t>(options.k));
    }
    std::map<std::int64_t, std::vector<QueryRecord>> bySeries;
    for (const auto& s : *all) {
        bySeries[s.info.id]; // every series' open queue is replaced, emptied when none chosen
    }
    if (cancel.isCancelled()) { // the last chance: from here on the queue is written
        return fail(std::string(kCancelledMessage));
    }
    progress(0.95, "storing the queue");
    for (const auto& q : pooled) {
        QueryRecord r;
        r.seriesId = q.seriesId;
        r.begin = q.begin;
        r.end = q.end;
        r.reason = q.reason;
        r.score = q.score;
        bySeries[q.seriesId].push_back(std::move(r));
    }
    // The queues of every series, the stopping history and the notes are one write: a failure
    // halfway (a busy or damaged project) leaves the queue the analyst had.
    auto written = project.inTransaction([&]() -> Status {
        for (const auto& [id, records] : bySeries) {
            auto ids = project.replaceOpenQueries(id, records);
            if (!ids) {
                return ids.error();
            }
        }
        auto stored = project.queries(0, QueryStatus::New);
        if (!stored) {
            return stored.error();
        }
        result.queries = std::move(stored).value();
        // An empty queue says why (a bare "no queries" left the analyst guessing); where nothing
        // can be asked, what the model notes say does not matter.
        if (result.queries.empty()) {
            result.note = skippedLeftOut > 0 ? phrases::fill(phrases::kOnlySkippedWindowsLeft,
                                                             {std::to_string(skippedLeftOut)})
                                             : phrases::fill(phrases::kNoWindowToAsk,
                                                             {std::to_string(options.window)});
        } else if (result.modelVersion == 0) {
            result.note = options.strategy == QueryStrategy::Default
                              ? phrases::kNoModelQueriesDiversity
                              : phrases::kNoModelQueries;
        } else if (anyWithoutModel) {
            result.note =
                phrases::fill(phrases::kSeriesWithoutScores, {std::to_string(result.modelVersion)});
        } else if (anyUntrained) {
            result.note = phrases::fill(phrases::kSeriesWithoutDetector,
                                        {std::to_string(result.modelVersion)});
        }
        auto stopping = stoppingFrom(project, *all, options.window);
        if (!stopping) {
            return stopping.error();
        }
        result.stopping = std::move(stopping).value();
        const nlohmann::json notes = {{"model_version", result.modelVersion},
                                      {"note", result.note},
                                      {"stopping", result.stopping.message}};
        if (auto st = project.setSetting(kQueueNotesKey, notes.dump()); !st) {
            return st.error();
        }
        return {};
    });
    if (!written) {
        return written.error();
    }
    return result;
}

Result<std::optional<QueueNotes>> storedQueueNotes(const Project& project)
{
    auto stored = project.setting(kQueueNotesKey);
    if (!stored) {
        return stored.error();
    }
    if (!stored->has_value()) {
        return std::optional<QueueNotes>{};
    }
    const auto doc = nlohmann::json::parse(**stored, nullptr, false);
    if (!doc.is_object() || !doc.contains("model_version") ||
        !doc["model_version"].is_number_integer() || !doc.contains("note") ||
        !doc["note"].is_string() || !doc.contains("stopping") || !doc["stopping"].is_string()) {
        return std::optional<QueueNotes>{};
    }
    QueueNotes notes;
    notes.modelVersion = doc["model_version"].get<std::int64_t>();
    notes.note = doc["note"].get<std::string>();
    notes.stopping = doc["stopping"].get<std::string>();
    return std::optional<QueueNotes>{std::move(notes)};
}

} // namespace vigil::core
