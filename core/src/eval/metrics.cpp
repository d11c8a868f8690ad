// SPDX-License-Identifier: MIT
#include "vigil/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace vigil::core {
namespace {

Status checkRange(std::size_t a, std::size_t b, std::int64_t from, const char* what)
{
    if (a != b) {
        return fail(std::string(what) + ": inputs differ in length (" + std::to_string(a) + " vs " +
                    std::to_string(b) + " points)");
    }
    if (from < 0 || from > static_cast<std::int64_t>(a)) {
        return fail(std::string(what) + ": start " + std::to_string(from) + " is outside [0, " +
                    std::to_string(a) + "]");
    }
    return {};
}

double ratio(std::int64_t num, std::int64_t den)
{
    return den > 0 ? static_cast<double>(num) / static_cast<double>(den) : 0.0;
}

PointMetrics fromCounts(std::int64_t tp, std::int64_t fp, std::int64_t fn, std::int64_t tn)
{
    PointMetrics m;
    m.tp = tp;
    m.fp = fp;
    m.fn = fn;
    m.tn = tn;
    m.precision = ratio(tp, tp + fp);
    m.recall = ratio(tp, tp + fn);
    // 2PR/(P+R) == 2tp/(2tp+fp+fn), and the count form has no rounding in P and R.
    m.f1 = ratio(2 * tp, 2 * tp + fp + fn);
    return m;
}

PointMetrics countPoints(std::span<const std::uint8_t> predicted,
                         std::span<const std::uint8_t> truth, std::size_t from)
{
    std::int64_t tp = 0, fp = 0, fn = 0, tn = 0;
    for (std::size_t i = from; i < truth.size(); ++i) {
        const bool p = predicted[i] != 0;
        const bool t = truth[i] != 0;
        tp += (p && t) ? 1 : 0;
        fp += (p && !t) ? 1 : 0;
        fn += (!p && t) ? 1 : 0;
        tn += (!p && !t) ? 1 : 0;
    }
    return fromCounts(tp, fp, fn, tn);
}

double lowIfNan(double s)
{
    return std::isnan(s) ? -std::numeric_limits<double>::infinity() : s;
}

/// One group of equal scores, visited from the highest score down.
struct ScoreGroup
{
    double score;
    std::int64_t positives;
    std::int64_t negatives;
};

/// Distinct scores of [from, T), high to low, with the class counts at each.
std::vector<ScoreGroup> groupByScore(std::span<const double> score,
                                     std::span<const std::uint8_t> truth, std::size_t from)
{
    std::vector<std::pair<double, bool>> pts;
    pts.reserve(truth.size() - from);
    for (std::size_t i = from; i < truth.size(); ++i) {
        pts.emplace_back(lowIfNan(score[i]), truth[i] != 0);
    }
    std::sort(pts.begin(), pts.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<ScoreGroup> groups;
    for (const auto& [s, positive] : pts) {
        if (groups.empty() || groups.back().score != s) {
            groups.push_back({s, 0, 0});
        }
        (positive ? groups.back().positives : groups.back().negatives) += 1;
    }
    return groups;
}

} // namespace

Result<PointMetrics> pointMetrics(std::span<const std::uint8_t> predicted,
                                  std::span<const std::uint8_t> truth, std::int64_t from)
{
    if (auto st = checkRange(predicted.size(), truth.size(), from, "point metrics"); !st) {
        return st.error();
    }
    return countPoints(predicted, truth, static_cast<std::size_t>(from));
}

Result<PointMetrics> pointAdjustedMetrics(std::span<const std::uint8_t> predicted,
                                          std::span<const std::uint8_t> truth, std::int64_t from)
{
    if (auto st = checkRange(predicted.size(), truth.size(), from, "point-adjusted metrics"); !st) {
        return st.error();
    }
    std::vector<std::uint8_t> adjusted(predicted.begin(), predicted.end());
    const std::size_t n = truth.size();
    auto i = static_cast<std::size_t>(from);
    while (i < n) {
        if (truth[i] == 0) {
            ++i;
            continue;
        }
        std::size_t end = i;
        bool hit = false;
        while (end < n && truth[end] != 0) {
            hit = hit || predicted[end] != 0;
            ++end;
        }
        if (hit) {
            std::fill(adjusted.begin() + static_cast<std::ptrdiff_t>(i),
                      adjusted.begin() + static_cast<std::ptrdiff_t>(end), std::uint8_t{1});
        }
        i = end;
    }
    return countPoints(adjusted, truth, static_cast<std::size_t>(from));
}

Result<double> averagePrecision(std::span<const double> score, std::span<const std::uint8_t> truth,
                                std::int64_t from)
{
    if (auto st = checkRange(score.size(), truth.size(), from, "average precision"); !st) {
        return st.error();
    }
    const auto groups = groupByScore(score, truth, static_cast<std::size_t>(from));
    std::int64_t totalPositives = 0;
    for (const auto& g : groups) {
        totalPositives += g.positives;
    }
    if (totalPositives == 0) {
        return 0.0;
    }
    double ap = 0.0;
    std::int64_t tp = 0, fp = 0;
    for (const auto& g : groups) {
        tp += g.positives;
        fp += g.negatives;
        // Recall only moves at groups holding positives; the others add 0 * precision.
        if (g.positives > 0) {
            const double deltaRecall =
                static_cast<double>(g.positives) / static_cast<double>(totalPositives);
            ap += deltaRecall * ratio(tp, tp + fp);
        }
    }
    return ap;
}

Result<double> rocAuc(std::span<const double> score, std::span<const std::uint8_t> truth,
                      std::int64_t from)
{
    if (auto st = checkRange(score.size(), truth.size(), from, "ROC AUC"); !st) {
        return st.error();
    }
    const auto groups = groupByScore(score, truth, static_cast<std::size_t>(from));
    std::int64_t positives = 0, negatives = 0;
    for (const auto& g : groups) {
        positives += g.positives;
        negatives += g.negatives;
    }
    if (positives == 0 || negatives == 0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    // Pairs (positive, negative) with the positive above, plus half the tied pairs. Groups run
    // high to low, so the negatives seen so far are all above the current group.
    double wins = 0.0;
    std::int64_t negativesAbove = 0;
    for (const auto& g : groups) {
        const auto negativesBelow = negatives - negativesAbove - g.negatives;
        wins += static_cast<double>(g.positives) * static_cast<double>(negativesBelow) +
                0.5 * static_cast<double>(g.positives) * static_cast<double>(g.negatives);
        negativesAbove += g.negatives;
    }
    return wins / (static_cast<double>(positives) * static_cast<double>(negatives));
}

Result<ThresholdChoice> bestF1Threshold(std::span<const double> score,
                                        std::span<const std::uint8_t> truth, std::int64_t from)
{
    return bestFBetaThreshold(score, truth, 1.0, from);
}

Result<ThresholdChoice> bestFBetaThreshold(std::span<const double> score,
                                           std::span<const std::uint8_t> truth, double beta,
                                           std::int64_t from)
{
    if (auto st = checkRange(score.size(), truth.size(), from, "best-F-beta threshold"); !st) {
        return st.error();
    }
    if (!(beta > 0.0) || !std::isfinite(beta)) {
        return fail("best-F-beta threshold: beta must be a positive number");
    }
    const auto groups = groupByScore(score, truth, static_cast<std::size_t>(from));
    std::int64_t positives = 0, negatives = 0;
    for (const auto& g : groups) {
        positives += g.positives;
        negatives += g.negatives;
    }
    // F-beta from counts: (1 + β²) tp / ((1 + β²) tp + β² fn + fp); β = 1 is 2tp / (2tp + fp + fn).
    const double b2 = beta * beta;
    auto fBeta = [b2](std::int64_t tp, std::int64_t fp, std::int64_t fn) {
        const double num = (1.0 + b2) * double(tp);
        const double den = num + b2 * double(fn) + double(fp);
        return den > 0.0 ? num / den : 0.0;
    };
    ThresholdChoice best;
    best.metrics = fromCounts(0, 0, positives, negatives);
    double bestScore = 0.0;
    std::int64_t tp = 0, fp = 0;
    for (const auto& g : groups) {
        tp += g.positives;
        fp += g.negatives;
        const double f = fBeta(tp, fp, positives - tp);
        if (f > bestScore) { // strict: the highest threshold wins a tie
            bestScore = f;
            best.threshold = g.score;
            best.metrics = fromCounts(tp, fp, positives - tp, negatives - fp);
        }
    }
    return best;
}

double labelledDecisionCut(std::span<const double> score, std::span<const std::uint8_t> truth,
                           double fallback, double beta)
{
    std::vector<double> seen;
    std::vector<std::uint8_t> label;
    bool positive = false;
    bool negative = false;
    for (std::size_t i = 0; i < std::min(score.size(), truth.size()); ++i) {
        if (std::isfinite(score[i])) {
            seen.push_back(score[i]);
            label.push_back(truth[i] != 0 ? 1 : 0);
            positive = positive || truth[i] != 0;
            negative = negative || truth[i] == 0;
        }
    }
    if (!positive || !negative) {
        return fallback;
    }
    auto choice = bestFBetaThreshold(seen, label, beta);
    if (!choice || !std::isfinite(choice->threshold)) {
        return fallback;
    }
    double below = -std::numeric_limits<double>::infinity();
    for (const double v : seen) {
        if (v < choice->threshold) {
            below = std::max(below, v);
        }
    }
    return std::isfinite(below) ? 0.5 * (below + choice->threshold) : choice->threshold;
}

std::vector<std::uint8_t> flagAtOrAbove(std::span<const double> score, double threshold)
{
    const double t = lowIfNan(threshold);
    std::vector<std::uint8_t> flags(score.size());
    for (std::size_t i = 0; i < score.size(); ++i) {
        flags[i] = lowIfNan(score[i]) >= t ? 1 : 0;
    }
    return flags;
}

} // namespace vigil::core
