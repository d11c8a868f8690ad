// SPDX-License-Identifier: MIT
// Label propagation into suggestions, and accepting or rejecting them.
#include "vigil/active_learning.h"
#include "vigil/baselines.h"
#include "vigil/engine.h"
#include "vigil/phrases.h"
#include "vigil/project_training.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <numeric>
#include <string_view>
#include <tuple>

namespace vigil::core {
namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// The embedding spreading works on. kNN: robust scaling per channel (median / IQR, clipped),
// which keeps one spike from squashing the rest of the series; dense: the paper's min-max
// scaling to [0, 1], which its RBF width (gamma 20) assumes. Missing values become the
// channel's centre so distances stay finite.
Eigen::MatrixXd scaleForSpreading(const Eigen::MatrixXd& values, PropagationMethod method)
{
    Eigen::MatrixXd out(values.rows(), values.cols());
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        std::vector<double> col;
        for (Eigen::Index t = 0; t < values.rows(); ++t) {
            if (std::isfinite(values(t, c))) {
                col.push_back(values(t, c));
            }
        }
        double centre = 0.0;
        double scale = 1.0;
        double lo = 0.0;
        if (!col.empty()) {
            if (method == PropagationMethod::Dense) {
                const auto [mn, mx] = std::minmax_element(col.begin(), col.end());
                lo = *mn;
                scale = *mx - *mn > 0 ? *mx - *mn : 1.0;
                centre = 0.5;
            } else {
                std::sort(col.begin(), col.end());
                centre = col[col.size() / 2];
                const double iqr = col[col.size() * 3 / 4] - col[col.size() / 4];
                scale = iqr > 1e-12 ? iqr : 1.0;
            }
        }
        for (Eigen::Index t = 0; t < values.rows(); ++t) {
            const double v = values(t, c);
            if (!std::isfinite(v)) {
                out(t, c) = method == PropagationMethod::Dense ? 0.5 : 0.0;
            } else if (method == PropagationMethod::Dense) {
                out(t, c) = (v - lo) / scale;
            } else {
                out(t, c) = std::clamp((v - centre) / scale, -10.0, 10.0);
            }
        }
    }
    return out;
}

// Labels of `before` that are not in `after` are removed, those of `after` not in `before`
// added (multisets): several edits made on a working copy become one undoable step.
LabelDiff difference(const std::vector<Label>& before, const std::vector<Label>& after)
{
    LabelDiff d;
    std::vector<bool> matched(after.size(), false);
    for (const auto& b : before) {
        bool found = false;
        for (size_t i = 0; i < after.size(); ++i) {
            if (!matched[i] && after[i] == b) {
                matched[i] = true;
                found = true;
                break;
            }
        }
        if (!found) {
            d.removed.push_back(b);
        }
    }
    for (size_t i = 0; i < after.size(); ++i) {
        if (!matched[i]) {
            d.added.push_back(after[i]);
        }
    }
    return d;
}

// Drops the suggestions a propagation would remove and write back as they were (the same range,
// channel, class and confidence; their time and author aside, so suggestions imported from a
// wide CSV count too): they stay in the project untouched, so an update logs only what changed
// (on the demo, one new label left about half of 650 suggestions as they were). Returns how
// many.
std::int64_t keepUnchanged(LabelDiff& diff)
{
    const auto key = [](const Label& l) {
        return std::tie(l.seriesId, l.begin, l.end, l.channel, l.classId, l.source, l.confidence);
    };
    const auto less = [&](const Label& a, const Label& b) { return key(a) < key(b); };
    std::sort(diff.removed.begin(), diff.removed.end(), less);
    std::sort(diff.added.begin(), diff.added.end(), less);
    LabelDiff changed;
    std::int64_t kept = 0;
    auto r = diff.removed.begin();
    auto a = diff.added.begin();
    while (r != diff.removed.end() || a != diff.added.end()) {
        if (a == diff.added.end() || (r != diff.removed.end() && less(*r, *a))) {
            changed.removed.push_back(std::move(*r++));
        } else if (r == diff.removed.end() || less(*a, *r)) {
            changed.added.push_back(std::move(*a++));
        } else {
            ++r;
            ++a;
            ++kept;
        }
    }
    diff = std::move(changed);
    return kept;
}

enum class Verdict { Accept, Reject, RejectAsNormal };

// The runs of `suggestion`'s rows that no other label (of any channel, not a suggestion)
// covers.
std::vector<std::pair<std::int64_t, std::int64_t>> uncoveredRuns(const std::vector<Label>& labels,
                                                                 const Label& suggestion)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> covers;
    for (const auto& l : labels) {
        if (l.seriesId == suggestion.seriesId && l.source != LabelSource::Propagated &&
            l.begin < suggestion.end && suggestion.begin < l.end) {
            covers.emplace_back(l.begin, l.end);
        }
    }
    std::sort(covers.begin(), covers.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    std::int64_t from = suggestion.begin;
    for (const auto& [b, e] : covers) {
        if (from < b) {
            out.emplace_back(from, std::min(b, suggestion.end));
        }
        from = std::max(from, e);
    }
    if (from < suggestion.end) {
        out.emplace_back(from, suggestion.end);
    }
    return out;
}

Result<LabelDiff> decide(Project& project, const std::vector<Label>& suggestions, Verdict verdict)
{
    std::map<std::int64_t, std::vector<const Label*>> bySeries;
    for (const auto& s : suggestions) {
        if (s.source != LabelSource::Propagated) {
            return fail("only suggestions (propagated labels) can be accepted or rejected");
        }
        bySeries[s.seriesId].push_back(&s);
    }
    LabelDiff total;
    for (const auto& [id, list] : bySeries) {
        auto current = project.labels(id);
        if (!current) {
            return current.error();
        }
        std::vector<Label> work = *current;
        for (const Label* s : list) {
            if (std::find(work.begin(), work.end(), *s) == work.end()) {
                return fail("suggestion [" + std::to_string(s->begin) + ", " +
                            std::to_string(s->end) + ") of series " + std::to_string(id) +
                            " is no longer there (propagate again or list the suggestions)");
            }
            LabelDiff step;
            if (verdict == Verdict::Accept || verdict == Verdict::RejectAsNormal) {
                Label human = *s;
                human.source = LabelSource::Human;
                human.confidence = 1.0;
                // The analyst's, as every label they draw: it merges with their own touching
                // labels (labels of two authors stay apart).
                human.author = Project::analystAuthor();
                human.time = nowMs();
                if (verdict == Verdict::RejectAsNormal) {
                    human.classId = kClassNormal;
                }
                // The suggestion goes, and its rows that no other label covers become the
                // analyst's (merged with their touching labels of the same class by assign()).
                // Rows another label covers, on any channel, keep it: a suggestion never writes
                // over the analyst (one spanning a channel's label comes from an older version).
                const auto runs = uncoveredRuns(work, *s);
                LabelDiff drop;
                drop.removed.push_back(*s);
                if (!label_ops::apply(work, drop)) {
                    return fail("internal error: a suggestion edit did not apply");
                }
                for (const auto& [b, e] : runs) {
                    human.begin = b;
                    human.end = e;
                    if (!label_ops::apply(work, label_ops::assign(work, human))) {
                        return fail("internal error: a suggestion edit did not apply");
                    }
                }
            } else {
                step.removed.push_back(*s);
            }
            if (!label_ops::apply(work, step)) {
                return fail("internal error: a suggestion edit did not apply");
            }
        }
        LabelDiff d = difference(*current, work);
        total.removed.insert(total.removed.end(), d.removed.begin(), d.removed.end());
        total.added.insert(total.added.end(), d.added.begin(), d.added.end());
    }
    if (total.empty()) {
        return total;
    }
    const std::string what = verdict == Verdict::Accept ? "accept" : "reject";
    return project.applyDiff(total, what + " " + std::to_string(suggestions.size()) +
                                        (suggestions.size() == 1 ? " suggestion" : " suggestions"));
}

// The label-log description of a propagation step starts with this.
constexpr std::string_view kPropagationLog = "propagate labels";

} // namespace

Result<std::vector<Label>> turnedDownSuggestions(const Project& project)
{
    auto log = project.labelLog();
    if (!log) {
        return log.error();
    }
    // Which edits stand: an undo entry takes its edit back, a redo entry restores it.
    std::map<std::int64_t, bool> standing;
    for (const auto& e : *log) {
        switch (e.kind) {
        case LabelLogEntry::Kind::Edit:
            standing[e.id] = true;
            break;
        case LabelLogEntry::Kind::Undo:
            standing[e.target] = false;
            break;
        case LabelLogEntry::Kind::Redo:
            standing[e.target] = true;
            break;
        }
    }
    std::vector<Label> out;
    for (const auto& e : *log) {
        if (e.kind != LabelLogEntry::Kind::Edit || !standing[e.id] ||
            std::string_view(e.description).substr(0, kPropagationLog.size()) == kPropagationLog) {
            continue;
        }
        for (const auto& l : e.diff.removed) {
            if (l.source != LabelSource::Propagated) {
                continue;
            }
            // What the edit put back of the same class is not turned down: the pieces of a
            // suggestion an erase or a label left standing (added again as suggestions), and
            // the points a label of the same class now covers (an accept, or the analyst
            // agreeing by hand).
            std::vector<std::pair<std::int64_t, std::int64_t>> kept;
            for (const auto& a : e.diff.added) {
                if (a.seriesId == l.seriesId && a.classId == l.classId && a.begin < l.end &&
                    l.begin < a.end) {
                    kept.emplace_back(std::max(a.begin, l.begin), std::min(a.end, l.end));
                }
            }
            std::sort(kept.begin(), kept.end());
            std::int64_t from = l.begin;
            for (const auto& [b, end] : kept) {
                if (b > from) {
                    Label piece = l;
                    piece.begin = from;
                    piece.end = b;
                    out.push_back(piece);
                }
                from = std::max(from, end);
            }
            if (from < l.end) {
                Label piece = l;
                piece.begin = from;
                out.push_back(piece);
            }
        }
    }
    return out;
}

Result<PropagationPlan> planPropagation(const Project& project, const PropagationOptions& options,
                                        ProgressSink progress, const CancelToken& cancel)
{
    if (options.window < 1) {
        return fail("propagation window must be at least 1 point");
    }
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    auto turnedDown = turnedDownSuggestions(project);
    if (!turnedDown) {
        return turnedDown.error();
    }
    PropagationSummary summary;
    summary.trainingThreshold = EngineConfig::defaults().propagatedMinConfidence;
    LabelDiff diff;
    double confSum = 0.0;
    summary.minConfidence = 1.0;
    const std::int64_t now = nowMs();
    const int w = options.window;
    for (size_t si = 0; si < list->size(); ++si) {
        const auto& info = (*list)[si];
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        progress(double(si) / double(list->size()), "propagating " + info.name);
        auto labels = project.labels(info.id);
        if (!labels) {
            return labels.error();
        }
        // Old suggestions go everywhere: the new ones replace them.
        std::vector<std::uint8_t> covered(static_cast<size_t>(info.length), 0);
        for (const auto& l : *labels) {
            if (l.source == LabelSource::Propagated) {
                diff.removed.push_back(l);
                ++summary.removed;
                continue;
            }
            for (auto t = std::max<std::int64_t>(0, l.begin); t < std::min(l.end, info.length);
                 ++t) {
                covered[static_cast<size_t>(t)] = 1;
            }
        }
        // Per point, the classes of turned-down suggestions (bit 1: anomaly, bit 2: normal).
        std::vector<std::uint8_t> declined(static_cast<size_t>(info.length), 0);
        for (const auto& l : *turnedDown) {
            if (l.seriesId != info.id) {
                continue;
            }
            const std::uint8_t bit = l.classId == kClassAnomaly ? 1 : 2;
            for (auto t = std::max<std::int64_t>(0, l.begin); t < std::min(l.end, info.length);
                 ++t) {
                declined[static_cast<size_t>(t)] |= bit;
            }
        }
        const auto expert = expertPointLabels(*labels, info.length);
        const bool hasAnomaly = std::find(expert.begin(), expert.end(), 1) != expert.end();
        const bool hasNormal = std::find(expert.begin(), expert.end(), 0) != expert.end();
        if (!hasAnomaly || !hasNormal) {
            summary.skipped.push_back(info.name + ": needs expert labels of both classes");
            continue;
        }
        const std::int64_t windows = info.length - w + 1;
        if (windows < 3) {
            summary.skipped.push_back(info.name + ": shorter than three windows");
            continue;
        }
        auto series = project.loadSeries(info.id);
        if (!series) {
            return series.error();
        }
        if (!series->values.array().isFinite().any()) {
            summary.skipped.push_back(info.name + ": " + phrases::kNoObservedValue);
            continue;
        }
        auto x = slidingWindows(scaleForSpreading(series->values, options.method), w);
        if (!x) {
            return x.error();
        }
        std::vector<int> windowLabels(static_cast<size_t>(windows));
        for (std::int64_t r = 0; r < windows; ++r) {
            windowLabels[static_cast<size_t>(r)] = expert[static_cast<size_t>(r + w - 1)];
        }
        // Per window: class and confidence, or -1 when it gets no suggestion.
        std::vector<int> cls(static_cast<size_t>(windows), -1);
        std::vector<double> conf(static_cast<size_t>(windows), 0.0);
        if (options.method == PropagationMethod::Knn) {
            KnnSpreadingConfig cfg = options.knn;
            cfg.graph.k = static_cast<int>(std::min<std::int64_t>(cfg.graph.k, windows - 1));
            auto r = spreadLabelsKnn(*x, windowLabels, cfg, {}, cancel);
            if (!r) {
                return fail(info.name + ": " + r.error().message);
            }
            for (std::int64_t i = 0; i < windows; ++i) {
                const auto u = static_cast<size_t>(i);
                if (windowLabels[u] < 0 && r->spreading.predicted[u] >= 0 &&
                    r->confidence(i) >= options.minConfidence) {
                    cls[u] = r->spreading.predicted[u];
                    conf[u] = r->confidence(i);
                }
            }
        } else {
            if (windows > options.dense.maxSamples) {
                summary.skipped.push_back(info.name + ": too long for dense spreading (" +
                                          std::to_string(windows) + " windows); use knn");
                continue;
            }
            auto r = spreadLabels(*x, windowLabels, options.dense);
            if (!r) {
                return fail(info.name + ": " + r.error().message);
            }
            for (auto i : lowestEntropyUnlabelled(*r, windowLabels, options.lowestEntropy)) {
                const auto u = static_cast<size_t>(i);
                cls[u] = r->predicted[u];
                conf[u] = std::clamp(1.0 - r->entropy(i) / std::log(2.0), 0.0, 1.0);
            }
        }
        // Window r labels its newest point t = r + W - 1. Consecutive points of one class on the
        // same side of the training threshold become one suggestion (its lowest confidence), so
        // a suggestion trains exactly when each of its points would. With bins of 0.05 instead,
        // the demo's 14 316 suggested points made 2 222 suggestions, 1 963 of them split from a
        // neighbour of the same class only by a confidence that wandered across a bin edge.
        const double threshold = summary.trainingThreshold;
        auto bin = [threshold](double c) { return c >= threshold ? 1 : 0; };
        Label run;
        bool open = false;
        auto close = [&] {
            if (open) {
                // The summary describes the suggestions as stored, each with its run's lowest
                // confidence (a point's own, up to the run's highest, had promised suggestions
                // more sure than any listed).
                confSum += run.confidence * double(run.end - run.begin);
                summary.minConfidence = std::min(summary.minConfidence, run.confidence);
                summary.maxConfidence = std::max(summary.maxConfidence, run.confidence);
                diff.added.push_back(run);
                ++summary.suggestions;
                open = false;
            }
        };
        for (std::int64_t r = 0; r < windows; ++r) {
            const std::int64_t t = r + w - 1;
            const auto u = static_cast<size_t>(r);
            const int classId = cls[u] == 1 ? kClassAnomaly : kClassNormal;
            // A row with no observed value (a gap in the data) is neither normal nor an
            // anomaly: the gap was suggested "normal" at confidence 1.
            if (cls[u] < 0 || covered[static_cast<size_t>(t)] != 0 ||
                !series->values.row(t).array().isFinite().any()) {
                close();
                continue;
            }
            if ((declined[static_cast<size_t>(t)] & (classId == kClassAnomaly ? 1 : 2)) != 0) {
                ++summary.declinedPoints;
                close();
                continue;
            }
            if (open &&
                (run.classId != classId || run.end != t || bin(conf[u]) != bin(run.confidence))) {
                close();
            }
            if (!open) {
                run = Label{info.id, t, t + 1, kAllChannels, classId, LabelSource::Propagated,
                            conf[u], "propagation", now};
                open = true;
            } else {
                run.end = t + 1;
                run.confidence = std::min(run.confidence, conf[u]);
            }
            (classId == kClassAnomaly ? summary.anomalyPoints : summary.normalPoints) += 1;
            summary.trainingPoints += conf[u] >= summary.trainingThreshold ? 1 : 0;
        }
        close();
        ++summary.seriesPropagated;
    }
    const std::int64_t points = summary.anomalyPoints + summary.normalPoints;
    summary.meanConfidence = points > 0 ? confSum / double(points) : 0.0;
    if (points == 0) {
        summary.minConfidence = 0.0;
    }
    summary.kept = keepUnchanged(diff);
    summary.removed -= summary.kept;
    PropagationPlan plan;
    plan.description =
        std::string(kPropagationLog) + ": " + std::to_string(summary.suggestions) + " suggestions";
    plan.summary = std::move(summary);
    plan.diff = std::move(diff);
    return plan;
}

Result<PropagationSummary> propagateProject(Project& project, const PropagationOptions& options,
                                            ProgressSink progress, const CancelToken& cancel)
{
    auto plan = planPropagation(project, options, progress, cancel);
    if (!plan) {
        return plan.error();
    }
    if (!plan->diff.empty()) {
        auto applied = project.applyDiff(plan->diff, plan->description);
        if (!applied) {
            return applied.error();
        }
    }
    progress(1.0, "done");
    return std::move(plan->summary);
}

Result<std::vector<Label>> listSuggestions(const Project& project)
{
    auto all = project.allLabels();
    if (!all) {
        return all.error();
    }
    std::vector<Label> out;
    for (const auto& l : *all) {
        if (l.source == LabelSource::Propagated) {
            out.push_back(l);
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Label& a, const Label& b) {
        return std::tie(a.seriesId, a.begin, a.channel) < std::tie(b.seriesId, b.begin, b.channel);
    });
    return out;
}

Result<LabelDiff> acceptSuggestions(Project& project, const std::vector<Label>& suggestions)
{
    return decide(project, suggestions, Verdict::Accept);
}

Result<LabelDiff> rejectSuggestions(Project& project, const std::vector<Label>& suggestions,
                                    bool markNormal)
{
    return decide(project, suggestions, markNormal ? Verdict::RejectAsNormal : Verdict::Reject);
}

} // namespace vigil::core
