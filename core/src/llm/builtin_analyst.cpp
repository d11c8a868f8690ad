// SPDX-License-Identifier: MIT
// The builtin analyst: answers Vigil's own prompts without a model. It reads the same data block
// an LLM gets, so its output goes through the same extraction and validation path and is cached
// and replayed the same way. Potentials are sums of weighted sigmoid terms, one per family
// (spike, level shift, variance, seasonality break), each family's best-separating candidate
// kept only if it separates the labels (AUC ≥ 0.55) and weighted by AUC - 0.5.
#include "llm/prompt_format.h"
#include "vigil/llm.h"
#include "vigil/llm_potential.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace vigil::core {

namespace {

struct Family
{
    const char* name;
    std::vector<const char*> candidates;
    const char* defaultTerm; ///< used without labels
    double defaultThreshold;
    double defaultWeight;
    const char* reason; ///< what the family detects, for the templates
};

const std::vector<Family>& families()
{
    static const std::vector<Family> f = {
        {"spike",
         {"abs(robust_z_last)", "abs(z_last)", "z_max", "spike_count"},
         "abs(robust_z_last)",
         3.0,
         0.5,
         phrases::kSpikes},
        {"level shift",
         {"abs(level_shift)", "abs(slope)"},
         "abs(level_shift)",
         1.5,
         0.2,
         phrases::kLevelShifts},
        {"variance", {"std_ratio", "range"}, "std_ratio", 3.0, 0.15, phrases::kVarianceChanges},
        {"seasonality break",
         {"seasonal_residual"},
         "seasonal_residual",
         3.0,
         0.15,
         phrases::kSeasonalityBreaks},
    };
    return f;
}

std::string num(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

struct Candidate
{
    std::string term;
    double auc = 0.5;
    double anomalous = 0.0;
    double normal = 0.0;
};

nlohmann::ordered_json potentialReply(const nlohmann::json& data)
{
    const auto labelled = data.value("labelled_windows", nlohmann::json::object());
    const std::int64_t nA = labelled.value("anomalous", std::int64_t{0});
    const std::int64_t nN = labelled.value("normal", std::int64_t{0});
    const bool unlabelledAsNormal = labelled.value("normal_means_unlabelled", false);
    const bool haveLabels = nA > 0 && nN > 0;
    bool seasonal = false;
    for (const auto& s : data.value("series", nlohmann::json::array())) {
        seasonal = seasonal || s.value("period", 0) > 0;
    }
    std::vector<Candidate> separation;
    for (const auto& s : data.value("separation", nlohmann::json::array())) {
        separation.push_back({s.value("term", std::string()), s.value("auc", 0.5),
                              s.value("anomalous_median", 0.0), s.value("normal_median", 0.0)});
    }
    const auto find = [&](const std::string& term) -> const Candidate* {
        for (const Candidate& c : separation) {
            if (c.term == term) {
                return &c;
            }
        }
        return nullptr;
    };

    struct Term
    {
        std::string feature;
        double weight;
        double slope;
        double threshold;
        std::string why;
    };
    std::vector<Term> terms;
    if (haveLabels) {
        for (const Family& f : families()) {
            const Candidate* best = nullptr;
            for (const char* name : f.candidates) {
                const Candidate* c = find(name);
                if (c != nullptr && (best == nullptr || c->auc > best->auc)) {
                    best = c;
                }
            }
            if (best == nullptr || best->auc < 0.55 || best->anomalous <= best->normal) {
                continue;
            }
            const double gap = best->anomalous - best->normal;
            const double threshold = 0.5 * (best->anomalous + best->normal);
            const double slope = 4.0 / std::max({gap, 0.1, 0.25 * std::abs(threshold)});
            terms.push_back(
                {best->term, best->auc - 0.5, slope, threshold,
                 std::string(f.reason) + ": " +
                     phrases::fill(unlabelledAsNormal ? phrases::kSeparatesFromUnlabelled
                                                      : phrases::kSeparatesFromNormal,
                                   {best->term, std::to_string(nA), std::to_string(nN),
                                    num(best->auc), num(best->anomalous), num(best->normal)})});
        }
    }
    std::string basis;
    if (terms.empty()) {
        // No labels (or none that any family separates): the generic prior.
        basis = haveLabels ? phrases::kBasisNoSeparation : phrases::kBasisNoLabels;
        for (const Family& f : families()) {
            if (std::string(f.name) == "seasonality break" && !seasonal) {
                continue;
            }
            terms.push_back({f.defaultTerm, f.defaultWeight, 2.0, f.defaultThreshold,
                             std::string(f.reason) + ": " +
                                 phrases::fill(phrases::kDefaultTerm,
                                               {f.defaultTerm, num(f.defaultThreshold)})});
        }
    } else {
        basis = phrases::kBasisWeighted;
    }
    double total = 0.0;
    for (const Term& t : terms) {
        total += t.weight;
    }
    std::string expression;
    nlohmann::ordered_json jterms = nlohmann::ordered_json::array();
    for (const Term& t : terms) {
        const double w = std::max(0.01, std::round(100.0 * t.weight / total) / 100.0);
        const std::string shifted = t.threshold >= 0.0 ? t.feature + " - " + num(t.threshold)
                                                       : t.feature + " + " + num(-t.threshold);
        const std::string text = num(w) + " * sigmoid(" + num(t.slope) + " * (" + shifted + "))";
        expression += (expression.empty() ? "" : " + ") + text;
        jterms.push_back({{"expr", text}, {"why", t.why}});
    }
    std::string summary = (terms.size() == 1 ? std::string(phrases::kAnalystOneTerm)
                                             : phrases::fill(phrases::kAnalystTerms,
                                                             {std::to_string(terms.size())})) +
                          "; " + basis + ".";
    if (data.value("task", std::string()) == "potential_revision") {
        summary += std::string(" ") + phrases::kRevised;
    }
    return {{"potential", expression}, {"terms", jterms}, {"summary", summary}};
}

nlohmann::ordered_json severityReply(const nlohmann::json& data)
{
    const int channels = std::max(1, data.value("channels", 1));
    const auto& values = data.at("window");
    if (!values.is_array() || values.empty()) {
        throw std::runtime_error("empty window");
    }
    const std::size_t n = values.size();
    double best = 0.0;
    // The newest row is the last `channels` values; they are z-scores already.
    for (std::size_t k = n - std::min<std::size_t>(n, static_cast<std::size_t>(channels)); k < n;
         ++k) {
        const double z = values[k].is_number() ? values[k].get<double>() : 0.0;
        best = std::max(best, 1.0 - std::exp(-0.5 * z * z));
    }
    return {{"severity", std::round(best * 1000.0) / 1000.0}};
}

} // namespace

ChatResult BuiltinAnalyst::chat(const ChatRequest& request)
{
    auto block = extractDataBlock(request);
    if (!block) {
        return LlmError{LlmErrorKind::MalformedReply, 0,
                        "the built-in analyst only answers Vigil's own prompts: " +
                            block.error().message};
    }
    const auto data = nlohmann::json::parse(*block, nullptr, false);
    if (data.is_discarded() || !data.is_object()) {
        return LlmError{LlmErrorKind::MalformedReply, 0, "the data block is not a JSON object"};
    }
    try {
        const std::string task = data.value("task", std::string());
        ChatReply reply;
        if (task == "potential_program" || task == "potential_revision") {
            reply.text = potentialReply(data).dump();
        } else if (task == "window_severity") {
            reply.text = severityReply(data).dump();
        } else if (task == "window_severity_batch") {
            auto severities = nlohmann::ordered_json::array();
            for (const auto& window : data.at("windows")) {
                nlohmann::json one{{"channels", data.value("channels", 1)}, {"window", window}};
                severities.push_back(severityReply(one)["severity"]);
            }
            reply.text = nlohmann::ordered_json{{"severities", std::move(severities)}}.dump();
        } else {
            return LlmError{LlmErrorKind::MalformedReply, 0,
                            "the built-in analyst does not know the task '" + task + "'"};
        }
        return reply;
    } catch (const std::exception& e) {
        // nlohmann throws on wrongly typed fields; a bad block is a bad request, not a crash.
        return LlmError{LlmErrorKind::MalformedReply, 0,
                        std::string("the built-in analyst cannot read the data block: ") +
                            e.what()};
    }
}

} // namespace vigil::core
