// SPDX-License-Identifier: MIT
// From a project to a validated potential: facts, the ask with one retry and the builtin
// fallback, the AUC on labels, storage and revision.
#include "vigil/llm_potential.h"
#include "vigil/metrics.h"
#include "vigil/phrases.h"
#include "vigil/project_training.h"
#include "vigil/window_features.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

namespace vigil::core {

namespace {

// Features that only exist once a model ran; they are 0 while facts are collected.
const std::set<std::string>& modelFeatures()
{
    static const std::set<std::string> s = {"vae_error", "vae_error_max_channel", "rl_margin"};
    return s;
}

const std::set<std::string>& signedFeatures()
{
    static const std::set<std::string> s = {"z_last", "robust_z_last", "level_shift", "slope",
                                            "curvature"};
    return s;
}

double median(std::vector<double> v);

/// The features and per-window labels of one series (row r = window ending at r + W - 1).
struct SeriesWindows
{
    SeriesInfo info;
    FeatureMatrix features;
    std::vector<std::int8_t> windowLabel; ///< per row: -1, 0, 1 (label of the newest point)
    int period = 0;
    double missing = 0.0;
    std::int64_t anomalousRows = 0;
    std::int64_t normalRows = 0;
    std::string step;
};

/// Human-readable step from the series' timestamps (median difference).
std::string describeStep(const TimeSeries& s)
{
    if (s.timestamps.size() < 2) {
        return "index (no timestamps)";
    }
    std::vector<double> d;
    for (std::size_t i = 1; i < s.timestamps.size() && d.size() < 10000; ++i) {
        d.push_back(static_cast<double>(s.timestamps[i] - s.timestamps[i - 1]));
    }
    const double step = median(d);
    if (s.timeKind == TimeKind::EpochMillis) {
        return std::to_string(static_cast<std::int64_t>(std::llround(step / 1000.0))) + " s";
    }
    return std::to_string(static_cast<std::int64_t>(std::llround(step))) + " (numeric units)";
}

Result<SeriesWindows> windowsOf(const std::string& name, const TimeSeries& series,
                                const std::vector<std::int8_t>& points, int window)
{
    if (points.size() != static_cast<std::size_t>(series.length())) {
        return fail(name + ": " + std::to_string(points.size()) + " labels for " +
                    std::to_string(series.length()) + " rows");
    }
    SeriesWindows out;
    out.info.name = name;
    out.info.length = series.length();
    out.info.channels = series.channels();
    out.step = describeStep(series);
    auto features = computeWindowFeatures(series.values, series.calendarTimes(), window);
    if (!features) {
        return fail(name + ": " + features.error().message);
    }
    out.features = std::move(features).value();
    for (const auto v : points) {
        out.anomalousRows += v == 1 ? 1 : 0;
        out.normalRows += v == 0 ? 1 : 0;
    }
    out.windowLabel.resize(static_cast<std::size_t>(out.features.values.rows()));
    for (Eigen::Index r = 0; r < out.features.values.rows(); ++r) {
        out.windowLabel[static_cast<std::size_t>(r)] =
            points[static_cast<std::size_t>(r + window - 1)];
    }
    std::int64_t missing = 0;
    for (Eigen::Index i = 0; i < series.values.size(); ++i) {
        missing += std::isfinite(series.values.data()[i]) ? 0 : 1;
    }
    out.missing = series.values.size() > 0
                      ? static_cast<double>(missing) / static_cast<double>(series.values.size())
                      : 0.0;
    if (series.values.cols() > 0) {
        out.period = estimatePeriod(series.values.col(0));
    }
    return out;
}

Result<SeriesWindows> loadWindows(Project& project, const SeriesInfo& info, int window)
{
    auto series = project.loadSeries(info.id);
    if (!series) {
        return series.error();
    }
    auto labels = project.labels(info.id);
    if (!labels) {
        return labels.error();
    }
    return windowsOf(info.name, *series, expertPointLabels(*labels, info.length), window);
}

double median(std::vector<double> v)
{
    if (v.empty()) {
        return 0.0;
    }
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

double aucOf(const std::vector<double>& score, const std::vector<std::uint8_t>& truth)
{
    auto a = rocAuc(score, truth);
    return a ? *a : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

// --- facts ---

namespace {

/// Facts from `count` series, the i-th produced by get(i).
Result<PotentialFacts> collectFacts(std::size_t count,
                                    const std::function<Result<SeriesWindows>(std::size_t)>& get,
                                    const FactOptions& options)
{
    if (options.window < 3) {
        return fail("the window must be at least 3 rows");
    }
    PotentialFacts facts;
    facts.domain = options.domain.substr(0, 500);
    facts.window = options.window;
    facts.seriesTotal = static_cast<std::int64_t>(count);

    // Candidate terms: every data feature, and |f| for the signed ones.
    std::vector<std::pair<std::string, int>> candidates; // term, column (negative: abs)
    const auto& names = featureNames();
    for (int c = 0; c < static_cast<int>(names.size()); ++c) {
        if (modelFeatures().count(names[static_cast<std::size_t>(c)]) != 0) {
            continue;
        }
        candidates.emplace_back(names[static_cast<std::size_t>(c)], c);
        if (signedFeatures().count(names[static_cast<std::size_t>(c)]) != 0) {
            candidates.emplace_back("abs(" + names[static_cast<std::size_t>(c)] + ")", -c - 1);
        }
    }
    std::vector<std::vector<double>> anomalous(candidates.size());
    std::vector<std::vector<double>> normal(candidates.size());
    std::vector<std::vector<double>> unlabelled(candidates.size());
    struct Pick
    {
        std::string series;
        std::int64_t end;
        int label;
        std::vector<std::pair<std::string, double>> features;
    };
    std::vector<Pick> anomalousPicks;
    std::vector<Pick> normalPicks;
    std::vector<Pick> unlabelledPicks;
    const auto pickOf = [&](const SeriesWindows& sw, Eigen::Index r, int label) {
        Pick p{sw.info.name, r + options.window - 1, label, {}};
        for (int c = 0; c < static_cast<int>(names.size()); ++c) {
            if (modelFeatures().count(names[static_cast<std::size_t>(c)]) == 0) {
                p.features.emplace_back(names[static_cast<std::size_t>(c)],
                                        sw.features.values(r, c));
            }
        }
        return p;
    };

    for (std::size_t i = 0; i < count; ++i) {
        auto sw = get(i);
        if (!sw) {
            return sw.error();
        }
        const SeriesInfo& info = sw->info;
        if (static_cast<std::int64_t>(facts.series.size()) < options.maxSeriesInPrompt) {
            facts.series.push_back({info.name, info.length, info.channels, sw->step,
                                    sw->period, sw->missing, sw->anomalousRows, sw->normalRows});
        }
        const Eigen::MatrixXd& F = sw->features.values;
        const auto rows = F.rows();
        // Unlabelled windows are subsampled: they only stand in for normal when none is labelled.
        const Eigen::Index unlabelledStride = std::max<Eigen::Index>(1, rows / 2000);
        for (Eigen::Index r = 0; r < rows; ++r) {
            const int label = sw->windowLabel[static_cast<std::size_t>(r)];
            if (label < 0 && r % unlabelledStride != 0) {
                continue;
            }
            auto& bucket = label == 1 ? anomalous : label == 0 ? normal : unlabelled;
            for (std::size_t k = 0; k < candidates.size(); ++k) {
                const int col = candidates[k].second;
                const double v = col >= 0 ? F(r, col) : std::abs(F(r, -col - 1));
                bucket[k].push_back(v);
            }
        }
        // Example windows: each anomalous segment's onset, and evenly spaced normal windows.
        for (Eigen::Index r = 0; r < rows; ++r) {
            const int label = sw->windowLabel[static_cast<std::size_t>(r)];
            if (label == 1 && (r == 0 || sw->windowLabel[static_cast<std::size_t>(r - 1)] != 1)) {
                anomalousPicks.push_back(pickOf(*sw, r, 1));
            }
        }
        const Eigen::Index normalStride = std::max<Eigen::Index>(1, rows / 8);
        for (Eigen::Index r = normalStride / 2; r < rows; r += normalStride) {
            const int label = sw->windowLabel[static_cast<std::size_t>(r)];
            if (label == 0) {
                normalPicks.push_back(pickOf(*sw, r, 0));
            } else if (label < 0) {
                unlabelledPicks.push_back(pickOf(*sw, r, 0));
            }
        }
    }
    facts.anomalousWindows = static_cast<std::int64_t>(anomalous.empty() ? 0 : anomalous[0].size());
    facts.normalWindows = static_cast<std::int64_t>(normal.empty() ? 0 : normal[0].size());
    if (facts.normalWindows == 0 && facts.anomalousWindows > 0) {
        facts.unlabelledAsNormal = true;
        normal = std::move(unlabelled);
        normalPicks = std::move(unlabelledPicks);
        facts.normalWindows = static_cast<std::int64_t>(normal.empty() ? 0 : normal[0].size());
    }
    if (facts.anomalousWindows > 0 && facts.normalWindows > 0) {
        for (std::size_t k = 0; k < candidates.size(); ++k) {
            std::vector<double> score = anomalous[k];
            score.insert(score.end(), normal[k].begin(), normal[k].end());
            std::vector<std::uint8_t> truth(anomalous[k].size(), 1);
            truth.resize(score.size(), 0);
            FeatureSeparation f;
            f.term = candidates[k].first;
            f.auc = aucOf(score, truth);
            if (!std::isfinite(f.auc)) {
                continue;
            }
            f.anomalousMedian = median(anomalous[k]);
            f.normalMedian = median(normal[k]);
            facts.separation.push_back(std::move(f));
        }
        std::stable_sort(facts.separation.begin(), facts.separation.end(),
                         [](const FeatureSeparation& a, const FeatureSeparation& b) {
                             return std::abs(a.auc - 0.5) > std::abs(b.auc - 0.5);
                         });
    }
    const auto spread = [&](std::vector<Pick>& picks, int n) {
        if (static_cast<int>(picks.size()) <= n) {
            return picks;
        }
        std::vector<Pick> out;
        for (int i = 0; i < n; ++i) {
            out.push_back(picks[static_cast<std::size_t>(i) * picks.size() /
                                static_cast<std::size_t>(n)]);
        }
        return out;
    };
    for (auto& p : spread(anomalousPicks, options.examplesPerClass)) {
        facts.examples.push_back({p.series, p.end, 1, std::move(p.features)});
    }
    for (auto& p : spread(normalPicks, options.examplesPerClass)) {
        facts.examples.push_back({p.series, p.end, 0, std::move(p.features)});
    }
    return facts;
}

} // namespace

Result<PotentialFacts> collectPotentialFacts(Project& project, const FactOptions& options)
{
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    return collectFacts(
        list->size(),
        [&](std::size_t i) { return loadWindows(project, (*list)[i], options.window); }, options);
}

Result<PotentialFacts> collectPotentialFacts(const std::vector<FactSeries>& series,
                                             const FactOptions& options)
{
    for (const FactSeries& s : series) {
        if (s.series == nullptr) {
            return fail(s.name + ": no values given");
        }
    }
    return collectFacts(
        series.size(),
        [&](std::size_t i) {
            return windowsOf(series[i].name, *series[i].series, series[i].labels, options.window);
        },
        options);
}

// --- proposals ---

std::string PotentialProposal::explanationJson() const
{
    nlohmann::ordered_json j;
    j["terms"] = nlohmann::ordered_json::array();
    for (const auto& t : terms) {
        j["terms"].push_back({{"expr", t.expr}, {"why", t.why}});
    }
    j["summary"] = summary;
    j["generated"] = generated;
    j["provider_name"] = providerName;
    if (!notice.empty()) {
        j["notice"] = notice;
    }
    // Text that came from a provider is never trusted to be valid UTF-8.
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

PotentialProposal PotentialProposal::fromRecord(const PotentialRecord& record)
{
    PotentialProposal p;
    p.expression = record.expression;
    p.provider = record.provider;
    p.model = record.model;
    p.auc = record.auc ? *record.auc : std::numeric_limits<double>::quiet_NaN();
    p.storedId = record.id;
    p.generated = record.provider != "builtin";
    p.providerName = record.provider == "builtin" ? std::string(kBuiltinDisplayName)
                                                  : record.provider;
    const auto j = nlohmann::json::parse(record.explanationJson, nullptr, false);
    if (j.is_object()) {
        if (j.contains("terms") && j["terms"].is_array()) {
            for (const auto& t : j["terms"]) {
                if (t.is_object()) {
                    p.terms.push_back({t.value("expr", std::string()),
                                       t.value("why", std::string())});
                }
            }
        }
        p.summary = j.value("summary", std::string());
        p.generated = j.value("generated", p.generated);
        p.providerName = j.value("provider_name", p.providerName);
    }
    return p;
}

namespace {

/// Why a reply that parses still cannot shape a reward, or nothing: it reads no window feature,
/// or it gives every example window of the prompt, anomalous and normal alike, the same φ (a
/// constant, or domain errors everywhere). Examples of one class only, or an expression of the
/// model's features (absent from the examples), are not judged; nor is anything on examples
/// when `examples` is null.
std::optional<std::string> flatPotential(const PotentialReply& reply,
                                         const PotentialFacts* examples)
{
    if (reply.expr.features.empty()) {
        return "the potential `" + reply.expression +
               "` reads no window feature, so it gives every window the same value and tells "
               "no anomaly from a normal window; write it in terms of the features";
    }
    if (examples == nullptr || examples->examples.empty()) {
        return std::nullopt;
    }
    const PotentialFacts& facts = *examples;
    std::vector<std::string> names;
    for (const auto& [name, value] : facts.examples.front().features) {
        names.push_back(name);
    }
    auto compiled = CompiledPotential::compile(reply.expr, names);
    if (!compiled) {
        return std::nullopt;
    }
    Eigen::MatrixXd rows(static_cast<Eigen::Index>(facts.examples.size()),
                         static_cast<Eigen::Index>(names.size()));
    bool anomalous = false;
    bool normal = false;
    for (std::size_t i = 0; i < facts.examples.size(); ++i) {
        const WindowExample& e = facts.examples[i];
        if (e.features.size() != names.size()) {
            return std::nullopt;
        }
        for (std::size_t c = 0; c < names.size(); ++c) {
            if (e.features[c].first != names[c]) {
                return std::nullopt;
            }
            rows(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = e.features[c].second;
        }
        (e.label == 1 ? anomalous : normal) = true;
    }
    if (!anomalous || !normal) {
        return std::nullopt;
    }
    const Eigen::VectorXd phi = compiled->evaluate(rows);
    if (phi.maxCoeff() - phi.minCoeff() > 1e-12) {
        return std::nullopt;
    }
    std::ostringstream value;
    value << phi(0);
    const bool atBound = phi(0) == 0.0 || phi(0) == 1.0;
    return "the potential `" + reply.expression + "` gives all " +
           std::to_string(facts.examples.size()) +
           " example windows, anomalous and normal, the same value (" + value.str() +
           (atBound ? "; values are clamped to [0, 1], and domain errors give 0" : "") +
           "), so it separates nothing; use features whose values differ between the "
           "anomalous and the normal examples";
}

/// The reply's potential, or why it was rejected (both reach the model with the retry). The
/// built-in analyst's own programs are not judged on the examples: it has nothing to fall back on.
Result<PotentialReply> checkedReply(std::string_view text, const PotentialFacts& facts,
                                    bool judgeOnExamples)
{
    auto reply = parsePotentialReply(text);
    if (!reply) {
        return reply;
    }
    if (auto flat = flatPotential(*reply, judgeOnExamples ? &facts : nullptr)) {
        return fail(*flat);
    }
    return reply;
}

} // namespace

Result<PotentialProposal> askForPotential(LlmProvider& provider, const PotentialFacts& facts,
                                          const AskOptions& options)
{
    ChatRequest request = buildPotentialRequest(facts);
    // Only a usable reply is cached: a rejected one is asked for again next time.
    const bool judge = provider.id() != "builtin";
    request.usable = [&facts, judge](const std::string& text) {
        return checkedReply(text, facts, judge).ok();
    };
    request.timeoutSeconds = options.timeoutSeconds;
    request.maxTokens = options.maxTokens;
    const ChatRequest first = request;

    PotentialProposal out;
    out.provider = provider.id();
    out.providerName = provider.displayName();
    out.model = provider.model();
    out.generated = provider.generatesText();
    out.fromCache = true;
    std::string problem;
    const auto cancelled = [&] {
        return options.cancel != nullptr && options.cancel->isCancelled();
    };
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (cancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        ChatResult result = provider.chat(request);
        ++out.attempts;
        if (cancelled() || (!result && result.error().kind == LlmErrorKind::Cancelled)) {
            return fail(std::string(kCancelledMessage));
        }
        if (!result) {
            problem = provider.id() + " failed (" +
                      std::string(llmErrorKindName(result.error().kind)) +
                      "): " + result.error().message;
            break; // a transport failure will not be fixed by asking again at once
        }
        out.fromCache = out.fromCache && result->fromCache;
        out.tokens += result->promptTokens + result->completionTokens;
        auto reply = checkedReply(result->text, facts, judge);
        if (reply && attempt > 0) {
            provider.remember(first, result.value()); // asking again finds the answer at once
        }
        if (reply) {
            out.expression = reply->expression;
            out.terms = reply->terms;
            out.summary = reply->summary;
            if (auto* replay = dynamic_cast<ReplayProvider*>(&provider); replay != nullptr) {
                // Stored under whoever wrote the answer: replay only read it back.
                out.generated = replay->generatesText();
                out.provider = replay->lastProvider();
                out.model = replay->lastModel();
                out.providerName =
                    (out.provider == "builtin" ? std::string(kBuiltinDisplayName)
                                               : out.provider + " (" + out.model + ")") +
                    ", " + replay->displayName();
            }
            return out;
        }
        problem = "the reply of " + provider.id() + " was rejected" +
                  (attempt == 0 ? "" : " twice") + ": " + reply.error().message;
        if (attempt == 0) {
            request = buildRetryRequest(request, result->text, reply.error().message);
        }
    }
    if (provider.id() == "builtin") {
        return fail(problem);
    }
    BuiltinAnalyst builtin;
    auto fallback = askForPotential(builtin, facts, options);
    if (!fallback) {
        return fail(problem + "; the built-in analyst failed too: " + fallback.error().message);
    }
    fallback->failure = problem;
    fallback->notice = problem + ". Used the " + std::string(kBuiltinDisplayName) +
                       " potential instead.";
    fallback->attempts += out.attempts;
    fallback->tokens += out.tokens;
    return fallback;
}

// --- AUC ---

Result<PotentialAuc> measurePotentialAuc(Project& project, const Expr& expr, int window)
{
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    std::vector<double> anomalous;
    std::vector<double> normal;
    std::vector<double> unlabelled;
    for (const SeriesInfo& info : *list) {
        auto sw = loadWindows(project, info, window);
        if (!sw) {
            return sw.error();
        }
        if (sw->features.values.rows() == 0) {
            continue;
        }
        auto phi = evaluatePotential(expr, sw->features);
        if (!phi) {
            return phi.error();
        }
        for (Eigen::Index r = 0; r < phi->size(); ++r) {
            const int label = sw->windowLabel[static_cast<std::size_t>(r)];
            (label == 1 ? anomalous : label == 0 ? normal : unlabelled).push_back((*phi)(r));
        }
    }
    PotentialAuc out;
    if (normal.empty() && !anomalous.empty()) {
        out.unlabelledAsNormal = true;
        normal = std::move(unlabelled);
    }
    out.anomalous = static_cast<std::int64_t>(anomalous.size());
    out.normal = static_cast<std::int64_t>(normal.size());
    // Model features are 0 here: an expression of nothing else has no measurable AUC (it
    // showed 0.500, "separates nothing", for `sigmoid(vae_error - 2)`).
    const bool modelOnly =
        std::all_of(expr.features.begin(), expr.features.end(),
                    [](const std::string& f) { return modelFeatures().count(f) > 0; }) &&
        !expr.features.empty();
    if (anomalous.empty() || normal.empty() || modelOnly) {
        return out;
    }
    std::vector<double> score = anomalous;
    score.insert(score.end(), normal.begin(), normal.end());
    std::vector<std::uint8_t> truth(anomalous.size(), 1);
    truth.resize(score.size(), 0);
    out.auc = aucOf(score, truth);
    return out;
}

// --- propose, store, revise ---

Result<double> aucOfExpression(Project& project, const std::string& expression, int window)
{
    auto expr = parsePotential(expression);
    if (!expr) {
        return expr.error();
    }
    auto auc = measurePotentialAuc(project, *expr, window);
    if (!auc) {
        return auc.error();
    }
    return auc->auc;
}

namespace {

Status store(Project& project, PotentialProposal& p)
{
    PotentialRecord r;
    r.expression = p.expression;
    r.explanationJson = p.explanationJson();
    r.provider = p.provider;
    r.model = p.model;
    if (std::isfinite(p.auc)) {
        r.auc = p.auc;
    }
    // Asking again with unchanged facts gives the cached answer: update, do not duplicate.
    auto latest = project.latestPotential();
    if (latest && latest->has_value() && (*latest)->expression == r.expression &&
        (*latest)->provider == r.provider && (*latest)->model == r.model) {
        p.storedId = (*latest)->id;
        return project.setPotentialAuc(p.storedId, r.auc);
    }
    auto id = project.addPotential(r);
    if (!id) {
        return id.error();
    }
    p.storedId = *id;
    return {};
}

} // namespace

Result<PotentialProposal> proposePotential(Project& project, LlmProvider& provider,
                                           const ProposeOptions& options)
{
    double threshold = options.revisionThreshold;
    if (!std::isfinite(threshold)) {
        threshold = 0.6;
        if (auto s = project.setting("llm.revision_auc_threshold"); s && s->has_value()) {
            char* end = nullptr;
            const double v = std::strtod((*s)->c_str(), &end);
            if (end != (*s)->c_str() && std::isfinite(v)) {
                threshold = v;
            }
        }
    }
    const int window = options.facts.window;
    std::optional<PotentialProposal> current;
    if (!options.fresh) {
        auto latest = project.latestPotential();
        if (!latest) {
            return latest.error();
        }
        if (latest->has_value()) {
            current = PotentialProposal::fromRecord(**latest);
            auto auc = aucOfExpression(project, current->expression, window);
            if (!auc) {
                current.reset(); // a stored potential that no longer parses is replaced
            } else {
                current->auc = *auc;
                (void)project.setPotentialAuc(current->storedId,
                                              std::isfinite(*auc) ? std::optional<double>(*auc)
                                                                  : std::nullopt);
            }
        }
    }
    // The same provider and model wrote it (replay reads back whoever did): revise it rather
    // than ask anew. Another model of the same endpoint is another source.
    const bool sameSource =
        current && (provider.id() == "replay" ||
                    (current->provider == provider.id() &&
                     (provider.id() == "builtin" || current->model == provider.model())));
    if (sameSource && !(std::isfinite(current->auc) && current->auc < threshold)) {
        return *current; // still separates the labels well enough (or cannot be measured)
    }
    if (current && !sameSource && options.keepOtherProvider) {
        // Showing the potential replaced a language model's with the built-in one, because no
        // endpoint was named this time.
        current->notice = "kept the stored potential of " + current->provider +
                          (current->model.empty() ? "" : " (" + current->model + ")") +
                          "; name a provider (--provider, --base-url) or pass --fresh to ask anew";
        return *current;
    }

    FactOptions factOptions = options.facts;
    auto facts = collectPotentialFacts(project, factOptions);
    if (!facts) {
        return facts.error();
    }
    const bool revising = sameSource;
    if (revising) {
        facts->currentExpression = current->expression;
        facts->currentAuc = current->auc;
    }
    auto proposal = askForPotential(provider, *facts, options.ask);
    if (!proposal) {
        return proposal.error();
    }
    if (!proposal->failure.empty()) {
        // The endpoint failed (unreachable, refused, garbage, a replay that is not cached): a
        // stored potential of a language model stays rather than give way to the built-in
        // fallback, also when it was being revised.
        auto latest = project.latestPotential();
        if (!latest) {
            return latest.error();
        }
        if (latest->has_value() && (*latest)->provider != proposal->provider) {
            PotentialProposal kept = PotentialProposal::fromRecord(**latest);
            if (auto keptAuc = aucOfExpression(project, kept.expression, window); keptAuc) {
                kept.auc = *keptAuc;
                kept.notice = proposal->failure + ". " + phrases::kKeptStoredPotential;
                kept.failure = proposal->failure;
                kept.attempts = proposal->attempts;
                kept.tokens = proposal->tokens;
                kept.fromCache = false;
                return kept;
            }
        }
    }
    auto auc = aucOfExpression(project, proposal->expression, window);
    if (!auc) {
        return auc.error();
    }
    proposal->auc = *auc;
    if (revising) {
        const bool better = std::isfinite(proposal->auc) && proposal->auc > current->auc;
        if (!better) {
            current->notice = "asked for a revision (AUC " + std::to_string(current->auc) +
                              " < " + std::to_string(threshold) + ") but the answer (AUC " +
                              std::to_string(proposal->auc) + ") was not better; kept the " +
                              "current potential";
            return *current;
        }
        const std::string revised = "revised: AUC " + std::to_string(current->auc) + " -> " +
                                    std::to_string(proposal->auc);
        proposal->notice = proposal->notice.empty() ? revised : proposal->notice + " " + revised;
    }
    if (options.ask.cancel != nullptr && options.ask.cancel->isCancelled()) {
        return fail(std::string(kCancelledMessage)); // asked to stop: the stored one stays
    }
    if (auto st = store(project, *proposal); !st) {
        return st.error();
    }
    return proposal;
}

} // namespace vigil::core
