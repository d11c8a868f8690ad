// SPDX-License-Identifier: MIT
#include "vigil/explain.h"

#include "vigil/llm.h"
#include "vigil/llm_potential.h"
#include "vigil/project_models.h"
#include "vigil/project_training.h"
#include "vigil/window_features.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace vigil::core {

namespace {

/// Per-channel median and robust scale (1.4826 MAD, else 1) over the whole series.
void robustScaling(const Eigen::MatrixXd& values, std::vector<double>& centre,
                   std::vector<double>& scale)
{
    centre.assign(static_cast<std::size_t>(values.cols()), 0.0);
    scale.assign(static_cast<std::size_t>(values.cols()), 1.0);
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        std::vector<double> v;
        for (Eigen::Index t = 0; t < values.rows(); ++t) {
            if (std::isfinite(values(t, c))) {
                v.push_back(values(t, c));
            }
        }
        if (v.empty()) {
            continue;
        }
        auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
        std::nth_element(v.begin(), mid, v.end());
        const double med = *mid;
        for (double& x : v) {
            x = std::abs(x - med);
        }
        std::nth_element(v.begin(), mid, v.end());
        centre[static_cast<std::size_t>(c)] = med;
        scale[static_cast<std::size_t>(c)] = *mid > 0.0 ? 1.4826 * *mid : 1.0;
    }
}

/// The scaled, flattened (time-major) window ending at `end`; missing values are 0.
std::vector<double> scaledWindow(const Eigen::MatrixXd& values, std::int64_t end, int window,
                                 const std::vector<double>& centre,
                                 const std::vector<double>& scale)
{
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(window * values.cols()));
    for (std::int64_t t = end - window + 1; t <= end; ++t) {
        for (Eigen::Index c = 0; c < values.cols(); ++c) {
            const double v = values(t, c);
            const auto k = static_cast<std::size_t>(c);
            out.push_back(std::isfinite(v) ? (v - centre[k]) / scale[k] : 0.0);
        }
    }
    return out;
}

/// (e - median) / robust std over the series' finite errors: the `vae_error` feature.
Eigen::VectorXd standardised(const Eigen::VectorXd& e)
{
    std::vector<double> v;
    for (Eigen::Index i = 0; i < e.size(); ++i) {
        if (std::isfinite(e(i))) {
            v.push_back(e(i));
        }
    }
    if (v.size() < 2) {
        return Eigen::VectorXd();
    }
    auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    const double med = *mid;
    for (double& x : v) {
        x = std::abs(x - med);
    }
    std::nth_element(v.begin(), mid, v.end());
    const double s = *mid > 0.0 ? 1.4826 * *mid : 1.0;
    return (e.array() - med) / s;
}

std::string canonical(const std::string& text)
{
    auto e = parsePotential(text);
    return e ? toString(*e) : text;
}

/// A reason the model gave, with its term in canonical text (parsed once).
struct GivenReason
{
    std::string term;
    std::string why;
};

/// The reasons given for parts of `term` (a product of factors, say, where the model explained
/// each factor): "part: why" for each given term found whole inside it, joined by "; ".
/// LLM.md's own example explains `robust_z_last` and `seasonal_residual < 1` inside one product,
/// and those reasons were not shown at all.
std::string reasonsInside(const std::string& term, const std::vector<GivenReason>& given)
{
    const auto identifier = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.';
    };
    std::string out;
    for (const auto& g : given) {
        if (g.why.empty() || g.term.empty() || g.term == term) {
            continue;
        }
        for (std::size_t at = term.find(g.term); at != std::string::npos;
             at = term.find(g.term, at + 1)) {
            const std::size_t end = at + g.term.size();
            const bool whole = (at == 0 || !identifier(term[at - 1])) &&
                               (end == term.size() || !identifier(term[end]));
            if (whole) {
                out += (out.empty() ? "" : "; ") + g.term + ": " + g.why;
                break;
            }
        }
    }
    return out;
}

} // namespace

Result<WindowExplanation> explainWindow(Project& project, const std::string& seriesName,
                                        std::int64_t at, const ExplainOptions& options)
{
    const int w = options.window;
    auto info = project.seriesByName(seriesName);
    if (!info) {
        return info.error();
    }
    if (info->length < w) {
        return fail("'" + seriesName + "' has " + std::to_string(info->length) +
                    " points, fewer than one window of " + std::to_string(w) +
                    "; there is no window to explain");
    }
    if (at < w - 1 || at >= info->length) {
        return fail("row " + std::to_string(at) + " of '" + seriesName +
                    "' has no full window: T must lie in [" + std::to_string(w - 1) + ", " +
                    std::to_string(info->length - 1) + "]");
    }
    auto series = project.loadSeries(info->id);
    if (!series) {
        return series.error();
    }
    WindowExplanation out;
    out.series = seriesName;
    out.at = at;
    out.window = w;
    out.channelNames = series->channelNames;
    if (series->timeKind != TimeKind::Index &&
        static_cast<std::size_t>(at) < series->timestamps.size()) {
        out.timeKind = series->timeKind;
        out.time = series->timestamps[static_cast<std::size_t>(at)];
    }
    if (!series->values.middleRows(at - w + 1, w).array().isFinite().any()) {
        out.dataNote = "the window has no observed value (all missing): every data feature is 0, "
                       "so the potential shows its value on no data, not evidence";
    }

    // The newest model version: Q-values, score and reconstruction error of this series.
    FeatureInputs inputs;
    auto latest = loadLatestDetectors(project);
    if (!latest) {
        out.modelNote = "the stored model cannot be read: " + latest.error().message;
    } else if (latest->version == 0) {
        out.modelNote = "not trained yet (run vigil-cli train)";
    } else if (auto it = latest->detectors.find(info->channels);
               it == latest->detectors.end()) {
        out.modelNote = "model version " + std::to_string(latest->version) +
                        " has no detector for " + std::to_string(info->channels) + " channels";
    } else {
        const CancelToken never;
        auto scored =
            it->second->score(series->values, options.cancel != nullptr ? *options.cancel : never);
        if (options.cancel != nullptr && options.cancel->isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        if (!scored) {
            out.modelNote = "scoring failed: " + scored.error().message;
        } else {
            const auto t = static_cast<Eigen::Index>(at);
            out.modelAvailable = true;
            out.modelVersion = latest->version;
            out.probability = scored->probability(t);
            // The score the chart shows: the stored one (the `default` decision combines the
            // detector with the residual evidence), when this version has scored the series.
            if (auto stored = project.loadScores(latest->version, info->id);
                stored && stored->has_value() &&
                (*stored)->size() == static_cast<size_t>(info->length)) {
                out.probability = (**stored)[static_cast<size_t>(at)];
            }
            out.q0 = scored->q0(t);
            out.q1 = scored->q1(t);
            out.reconstructionError = scored->reconstructionError(t);
            for (Eigen::Index c = 0; c < scored->channelError.cols(); ++c) {
                out.channelError.push_back(scored->channelError(t, c));
            }
            inputs.vaeError = standardised(scored->reconstructionError);
            if (scored->channelError.cols() > 0) {
                Eigen::VectorXd worst =
                    Eigen::VectorXd::Constant(scored->channelError.rows(), -1e300);
                for (Eigen::Index c = 0; c < scored->channelError.cols(); ++c) {
                    const Eigen::VectorXd z = standardised(scored->channelError.col(c));
                    if (z.size() == worst.size()) {
                        for (Eigen::Index i = 0; i < z.size(); ++i) {
                            if (std::isfinite(z(i))) {
                                worst(i) = std::max(worst(i), z(i));
                            }
                        }
                    }
                }
                inputs.vaeErrorMaxChannel =
                    (worst.array() < -1e299).select(Eigen::VectorXd::Constant(
                        worst.size(), std::numeric_limits<double>::quiet_NaN()),
                                                    worst);
            }
            inputs.rlMargin = scored->q1 - scored->q0;
        }
    }

    // The potential and its terms on this window.
    auto features = computeWindowFeatures(series->values, series->calendarTimes(), w, inputs);
    if (!features) {
        return features.error();
    }
    const Eigen::Index row = static_cast<Eigen::Index>(at - w + 1);
    for (std::size_t c = 0; c < features->names.size(); ++c) {
        out.features.emplace_back(features->names[c],
                                  features->values(row, static_cast<Eigen::Index>(c)));
    }
    auto builtinProposal = [&]() -> Result<PotentialProposal> {
        BuiltinAnalyst builtin;
        auto facts = collectPotentialFacts(project, FactOptions{{}, w, 4, 20});
        if (!facts) {
            return facts.error();
        }
        auto asked = askForPotential(builtin, *facts);
        // Measured as `potential` measures it: the explanation said "AUC on labels n/a" for the
        // very potential `potential` showed with its AUC.
        if (asked) {
            if (auto auc = aucOfExpression(project, asked->expression, w)) {
                asked->auc = *auc;
            }
        }
        return asked;
    };
    const std::string showingBuiltin =
        "showing the " + std::string(kBuiltinDisplayName) + " potential (run vigil-cli potential";
    PotentialProposal proposal;
    auto stored = project.latestPotential();
    if (!stored) {
        return stored.error();
    }
    if (stored->has_value()) {
        proposal = PotentialProposal::fromRecord(**stored);
    } else {
        auto asked = builtinProposal();
        if (!asked) {
            return asked.error();
        }
        proposal = std::move(asked).value();
        out.potentialNote = "no potential stored yet; " + showingBuiltin + " to store one)";
    }
    auto expr = parsePotential(proposal.expression);
    auto program = expr ? CompiledPotential::compile(*expr, features->names)
                        : Result<CompiledPotential>(expr.error());
    if (!program && stored->has_value()) {
        // A damaged stored potential (edited by hand, or from a newer build) must not hide the
        // rest of the explanation: the model's numbers and the nearest windows are still right.
        const std::string message = program.error().message;
        const std::string why = message.substr(0, message.find('\n')); // not the caret lines
        auto asked = builtinProposal();
        if (!asked) {
            return asked.error();
        }
        proposal = std::move(asked).value();
        out.potentialNote = "the stored potential cannot be used (" + why + "); " + showingBuiltin +
                            " to store a new one)";
        expr = parsePotential(proposal.expression);
        program = expr ? CompiledPotential::compile(*expr, features->names)
                       : Result<CompiledPotential>(expr.error());
    }
    if (!expr) {
        return fail("the potential does not parse: " + expr.error().message);
    }
    if (!program) {
        return program.error();
    }
    out.expression = proposal.expression;
    out.potential = program->evaluate(features->values.middleRows(row, 1))(0);
    out.summary = proposal.summary;
    out.provider = proposal.provider;
    out.providerName = proposal.providerName;
    out.model = proposal.model;
    out.generated = proposal.generated;
    out.potentialAuc = proposal.auc;
    auto contributions = termContributions(*expr, *features, row);
    if (!contributions) {
        return contributions.error();
    }
    std::vector<GivenReason> given;
    for (const auto& g : proposal.terms) {
        given.push_back({canonical(g.expr), g.why});
    }
    const auto terms = topLevelTerms(*expr);
    for (std::size_t i = 0; i < terms.size(); ++i) {
        ExplainedTerm t;
        t.expr = terms[i].text;
        t.sign = terms[i].sign;
        t.contribution = (*contributions)[i];
        const auto same = std::find_if(given.begin(), given.end(),
                                       [&](const GivenReason& g) { return g.term == t.expr; });
        t.why = same != given.end() ? same->why : reasonsInside(t.expr, given);
        out.terms.push_back(std::move(t));
    }

    // Nearest labelled windows (Euclidean on robust-scaled windows of the same channel count),
    // leaving out windows that overlap the explained one.
    std::vector<double> centre;
    std::vector<double> scale;
    robustScaling(series->values, centre, scale);
    const std::vector<double> query = scaledWindow(series->values, at, w, centre, scale);
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    std::vector<NeighbourWindow> candidates;
    for (const SeriesInfo& other : *list) {
        if (other.channels != info->channels || other.length < w) {
            continue;
        }
        auto labels = project.labels(other.id);
        if (!labels) {
            return labels.error();
        }
        const auto points = expertPointLabels(*labels, other.length);
        if (std::none_of(points.begin(), points.end(), [](std::int8_t v) { return v >= 0; })) {
            continue;
        }
        auto values = other.id == info->id ? Result<TimeSeries>(*series)
                                           : project.loadSeries(other.id);
        if (!values) {
            return values.error();
        }
        std::vector<double> oc;
        std::vector<double> os;
        robustScaling(values->values, oc, os);
        for (std::int64_t end = w - 1; end < other.length; ++end) {
            const int label = points[static_cast<std::size_t>(end)];
            if (label < 0 || (other.id == info->id && std::abs(end - at) < w)) {
                continue;
            }
            const std::vector<double> x = scaledWindow(values->values, end, w, oc, os);
            double d = 0.0;
            for (std::size_t k = 0; k < x.size(); ++k) {
                d += (x[k] - query[k]) * (x[k] - query[k]);
            }
            candidates.push_back({other.name, end, label, std::sqrt(d)});
        }
    }
    const auto n = std::min<std::size_t>(candidates.size(),
                                         static_cast<std::size_t>(std::max(0, options.neighbours)));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n),
                      candidates.end(), [](const NeighbourWindow& a, const NeighbourWindow& b) {
                          return a.distance < b.distance;
                      });
    out.nearest.assign(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(n));
    return out;
}

} // namespace vigil::core
