// SPDX-License-Identifier: MIT
#include "vigil/query_strategies.h"

#include "vigil/baselines.h"
#include "vigil/phrases.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>
#include <random>

namespace vigil::core {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Reorders `v`.
double medianInPlace(std::vector<double>& v)
{
    if (v.empty()) {
        return kNaN;
    }
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

double median(std::vector<double> v)
{
    return medianInPlace(v);
}

// Robust z-scores (median / 1.4826 MAD) so that scores of different series are comparable.
// Falls back to the mean absolute deviation when more than half the values are equal.
std::vector<double> robustZ(const std::vector<double>& x, std::int64_t from)
{
    std::vector<double> work; // the finite values, then their deviations
    for (size_t t = static_cast<size_t>(std::max<std::int64_t>(0, from)); t < x.size(); ++t) {
        if (std::isfinite(x[t])) {
            work.push_back(x[t]);
        }
    }
    std::vector<double> z(x.size(), kNaN);
    if (work.empty()) {
        return z;
    }
    const double med = medianInPlace(work);
    double meanDev = 0.0;
    for (double& v : work) {
        v = std::abs(v - med);
        meanDev += v;
    }
    meanDev /= double(work.size());
    double scale = 1.4826 * medianInPlace(work);
    if (!(scale > 1e-12)) {
        scale = meanDev > 1e-12 ? 1.2533 * meanDev : 1.0;
    }
    for (size_t t = 0; t < x.size(); ++t) {
        if (std::isfinite(x[t])) {
            z[t] = (x[t] - med) / scale;
        }
    }
    return z;
}

std::string fmt(const char* format, double v)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

bool has(const std::vector<double>& v)
{
    return !v.empty();
}

double at(const std::vector<double>& v, size_t t)
{
    return v.empty() ? kNaN : v[t];
}

// Window embedding for diversity: the robust-scaled window, reduced to `kSegments` segment
// means per channel (piecewise aggregate approximation) so distances stay cheap on SMD's 38
// channels and are not dominated by point noise.
constexpr int kSegments = 5;

class Embedder
{
public:
    // Keeps a reference to `values` (it must outlive the embedder) and each channel's median
    // and scale; a scaled copy of a long series cost 8 bytes per point and channel.
    Embedder(const Eigen::MatrixXd& values, int window)
        : m_values(values)
        , m_median(Eigen::VectorXd::Zero(values.cols()))
        , m_scale(Eigen::VectorXd::Ones(values.cols()))
        , m_window(window)
    {
        std::vector<double> col;
        for (Eigen::Index c = 0; c < values.cols(); ++c) {
            col.clear();
            for (Eigen::Index t = 0; t < values.rows(); ++t) {
                if (std::isfinite(values(t, c))) {
                    col.push_back(values(t, c));
                }
            }
            if (col.empty()) {
                continue;
            }
            const double med = medianInPlace(col);
            for (double& v : col) {
                v = std::abs(v - med);
            }
            const double scale = 1.4826 * medianInPlace(col);
            m_median[c] = med;
            m_scale[c] = scale > 1e-12 ? scale : 1.0;
        }
    }

    double scaled(std::int64_t t, Eigen::Index c) const
    {
        const double v = m_values(t, c);
        return std::isfinite(v) ? std::clamp((v - m_median[c]) / m_scale[c], -50.0, 50.0) : 0.0;
    }

    Eigen::VectorXd embed(std::int64_t begin, std::int64_t end) const
    {
        const auto channels = m_values.cols();
        Eigen::VectorXd e = Eigen::VectorXd::Zero(channels * kSegments);
        const std::int64_t len = end - begin;
        for (int s = 0; s < kSegments; ++s) {
            const std::int64_t a = begin + len * s / kSegments;
            const std::int64_t b = std::max(a + 1, begin + len * (s + 1) / kSegments);
            for (Eigen::Index c = 0; c < channels; ++c) {
                double sum = 0.0;
                for (std::int64_t t = a; t < std::min(b, end); ++t) {
                    sum += scaled(t, c);
                }
                e(c * kSegments + s) =
                    sum / double(std::max<std::int64_t>(1, std::min(b, end) - a));
            }
        }
        // Segment means of W/5 points: scaling by sqrt(points per segment) makes the distance
        // comparable to the distance between the raw windows.
        return e * std::sqrt(double(std::max<std::int64_t>(1, len)) / kSegments);
    }

    int window() const { return m_window; }

private:
    const Eigen::MatrixXd& m_values;
    Eigen::VectorXd m_median;
    Eigen::VectorXd m_scale;
    int m_window;
};

struct Candidate
{
    std::int64_t at = 0;
    double score = 0.0;
};

// A candidate's reason in words, built only for the few that are chosen: a string per point
// of a long series cost about 150 bytes per point.
using ReasonOf = std::function<std::string(std::int64_t at)>;

class Picker
{
public:
    Picker(const std::vector<std::uint8_t>& labelled, std::int64_t length, int window)
        : m_length(length)
        , m_window(window)
        , m_prefix(static_cast<size_t>(length) + 1, 0)
    {
        for (std::int64_t t = 0; t < length; ++t) {
            const bool l = !labelled.empty() && labelled[static_cast<size_t>(t)] != 0;
            m_prefix[static_cast<size_t>(t) + 1] = m_prefix[static_cast<size_t>(t)] + (l ? 1 : 0);
        }
    }

    bool labelledAt(std::int64_t t) const
    {
        return m_prefix[static_cast<size_t>(t) + 1] != m_prefix[static_cast<size_t>(t)];
    }

    /// A window may be asked when its centre is unlabelled, at most half of it is labelled and
    /// it overlaps no window already in the batch.
    bool allowed(std::int64_t at, const std::vector<Query>& chosen) const
    {
        if (labelledAt(at)) {
            return false;
        }
        const auto [b, e] = queryWindow(at, m_window, m_length);
        const auto lab = m_prefix[static_cast<size_t>(e)] - m_prefix[static_cast<size_t>(b)];
        if (2 * lab > e - b) {
            return false;
        }
        return std::none_of(chosen.begin(), chosen.end(),
                            [&](const Query& q) { return q.begin < e && b < q.end; });
    }

    Query make(std::int64_t seriesId, const Candidate& c, std::string reason) const
    {
        const auto [b, e] = queryWindow(c.at, m_window, m_length);
        return Query{seriesId, b, e, c.at, c.score, std::move(reason)};
    }

private:
    std::int64_t m_length;
    int m_window;
    std::vector<std::int64_t> m_prefix;
};

// Greedy: best score first, skipping windows that are not allowed.
std::vector<Query> pickTop(std::vector<Candidate> cands, const Picker& picker,
                           std::int64_t seriesId, int k, const ReasonOf& reasonOf)
{
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    std::vector<Query> out;
    for (const auto& c : cands) {
        if (static_cast<int>(out.size()) >= k) {
            break;
        }
        if (picker.allowed(c.at, out)) {
            out.push_back(picker.make(seriesId, c, reasonOf(c.at)));
        }
    }
    return out;
}

// The size first: the queue's reason column elides the end, and most rows share this phrase.
std::string residualPhrase(double z)
{
    if (std::abs(z) < 0.05) { // "0.0σ: the value jumps" on a constant series
        return phrases::kNoResidual;
    }
    return phrases::fill(z < 1.0 ? phrases::kSmallResidual : phrases::kResidual, {fmt("%.1f", z)});
}

} // namespace

const char* toString(QueryStrategy strategy)
{
    switch (strategy) {
    case QueryStrategy::Margin:
        return "margin";
    case QueryStrategy::Default:
        return "default";
    case QueryStrategy::Random:
        return "random";
    case QueryStrategy::ResidualTop:
        return "residual-top";
    }
    return "default";
}

bool parseQueryStrategy(const std::string& text, QueryStrategy* out)
{
    for (auto s : {QueryStrategy::Margin, QueryStrategy::Default, QueryStrategy::Random,
                   QueryStrategy::ResidualTop}) {
        if (text == toString(s)) {
            if (out != nullptr) {
                *out = s;
            }
            return true;
        }
    }
    return false;
}

std::pair<std::int64_t, std::int64_t> queryWindow(std::int64_t at, int window, std::int64_t length)
{
    const std::int64_t w = std::min<std::int64_t>(std::max(1, window), length);
    std::int64_t begin = at - w / 2;
    begin = std::clamp<std::int64_t>(begin, 0, std::max<std::int64_t>(0, length - w));
    return {begin, begin + w};
}

Result<std::vector<Query>> selectQueries(const QueryInput& input, const QueryOptions& options)
{
    const std::int64_t T = input.values.rows();
    const auto n = static_cast<size_t>(T);
    if (options.window < 1) {
        return fail("query window must be at least 1 point");
    }
    if (options.k < 0) {
        return fail("the number of queries must not be negative");
    }
    const std::pair<const char*, size_t> sizes[] = {
        {"labelled", input.labelled.size()},
        {"known", input.known.size()},
        {"probability", input.probability.size()},
        {"q0", input.q0.size()},
        {"q1", input.q1.size()},
        {"reconstruction error", input.reconstructionError.size()},
        {"potential", input.potential.size()},
        {"residual", input.residual.size()}};
    for (const auto& [what, size] : sizes) {
        if (size != 0 && size != n) {
            return fail(std::string("query input: ") + what + " has " + std::to_string(size) +
                        " points, the series " + std::to_string(T));
        }
    }
    if (input.q0.empty() != input.q1.empty()) {
        return fail("query input: q0 and q1 must be given together");
    }
    if (T == 0 || options.k == 0) {
        return std::vector<Query>{};
    }

    std::vector<double> residual = input.residual;
    if (residual.empty()) {
        auto r = rollingMedianResidual(input.values, {options.window});
        if (!r) {
            return r.error();
        }
        residual.assign(r->data(), r->data() + r->size());
    }
    // A row without one observed value has no residual to speak of (it read as 0, so an
    // all-missing series was queried as "residual 0.0σ").
    for (size_t t = 0; t < n && t < residual.size(); ++t) {
        if (!input.values.row(static_cast<Eigen::Index>(t)).array().isFinite().any()) {
            residual[t] = kNaN;
        }
    }
    const std::vector<double> rz = robustZ(residual, options.window);

    // Anomaly probability from whatever the model gave: p, or sigmoid(Q1 - Q0).
    std::vector<double> p = input.probability;
    if (p.empty() && !input.q0.empty()) {
        p.resize(n);
        for (size_t t = 0; t < n; ++t) {
            p[t] = 1.0 / (1.0 + std::exp(-(input.q1[t] - input.q0[t])));
        }
    }
    const bool haveModel = !p.empty();
    const Picker picker(input.labelled, T, options.window);

    auto residualCandidates = [&] {
        std::vector<Candidate> c;
        for (size_t t = 0; t < n; ++t) {
            if (std::isfinite(rz[t]) && !picker.labelledAt(static_cast<std::int64_t>(t))) {
                c.push_back({static_cast<std::int64_t>(t), rz[t]});
            }
        }
        return c;
    };
    auto residualReason = [&](const char* prefix) { // a phrase ending in ":"
        return [&rz, prefix](std::int64_t t) {
            return std::string(prefix) + " " + residualPhrase(rz[static_cast<size_t>(t)]);
        };
    };

    switch (options.strategy) {
    case QueryStrategy::ResidualTop:
        return pickTop(residualCandidates(), picker, input.seriesId, options.k,
                       residualReason(phrases::kLargestResidual));
    case QueryStrategy::Random: {
        std::mt19937_64 rng(options.seed * 0x9E3779B97F4A7C15ULL +
                            static_cast<std::uint64_t>(input.seriesId));
        std::uniform_real_distribution<double> u(0.0, 1.0);
        std::vector<Candidate> c;
        for (size_t t = 0; t < n; ++t) {
            const double s = u(rng); // drawn for every point so the draw does not depend on labels
            if (!picker.labelledAt(static_cast<std::int64_t>(t))) {
                c.push_back({static_cast<std::int64_t>(t), s});
            }
        }
        return pickTop(std::move(c), picker, input.seriesId, options.k,
                       [](std::int64_t) { return std::string(phrases::kRandom); });
    }
    case QueryStrategy::Margin: {
        if (!haveModel) {
            return pickTop(residualCandidates(), picker, input.seriesId, options.k,
                           residualReason(phrases::kNoModelRankedByResidual));
        }
        std::vector<Candidate> c;
        const bool haveQ = !input.q0.empty();
        for (size_t t = 0; t < n; ++t) {
            if (!std::isfinite(p[t]) || picker.labelledAt(static_cast<std::int64_t>(t))) {
                continue;
            }
            c.push_back({static_cast<std::int64_t>(t), 1.0 - std::abs(2.0 * p[t] - 1.0)});
        }
        return pickTop(std::move(c), picker, input.seriesId, options.k, [&](std::int64_t at) {
            const auto t = static_cast<size_t>(at);
            const double margin =
                haveQ ? std::abs(input.q1[t] - input.q0[t]) : std::abs(2.0 * p[t] - 1.0);
            return phrases::fill(haveQ ? phrases::kUndecidedMargin : phrases::kUndecidedP,
                                 {fmt("%.2f", haveQ ? margin : p[t])});
        });
    }
    case QueryStrategy::Default:
        break;
    }

    // --- default: informativeness, then greedy k-center for diversity ---
    const std::vector<double> ez = has(input.reconstructionError)
                                       ? robustZ(input.reconstructionError, 0)
                                       : std::vector<double>{};
    // Search phase: until the analyst has confirmed one anomaly, no threshold can be tuned and
    // "undecided" means little, so ask where an anomaly is most likely (the model's probability
    // and the residual), still spread out by k-center below.
    bool anomalyKnown = false;
    if (input.known.empty()) {
        // Classes not given: any label at all may be an anomaly, so only "nothing labelled"
        // counts as nothing confirmed.
        anomalyKnown = std::any_of(input.labelled.begin(), input.labelled.end(),
                                   [](std::uint8_t l) { return l != 0; });
    } else {
        anomalyKnown = std::find(input.known.begin(), input.known.end(), 1) != input.known.end();
    }
    // The informativeness of point t (NaN: nothing to go by) and, when `reason` is given, why in
    // words; the words are built only for the candidates that are kept.
    auto informativeness = [&](size_t t, std::string* reason) -> double {
        const double z = rz[t];
        const double pt = at(p, t);
        if (!anomalyKnown) {
            const double zTerm = std::isfinite(z) ? 1.0 - std::exp(-std::max(0.0, z) / 4.0) : kNaN;
            double s = zTerm;
            if (haveModel && std::isfinite(pt)) {
                s = std::isfinite(zTerm) ? 0.5 * (pt + zTerm) : pt;
            }
            if (reason != nullptr && std::isfinite(s)) {
                // The specific evidence first: the queue's reason column elides the end.
                *reason = std::isfinite(z)
                              ? residualPhrase(z)
                              : phrases::fill(phrases::kProbability, {fmt("%.2f", pt)});
                *reason += std::string("; ") +
                           (haveModel ? phrases::kSearchWithModel : phrases::kSearchWithoutModel);
            }
            return s;
        }
        struct Part
        {
            double value;
            std::string phrase;
        };
        std::vector<Part> parts;
        double total = 0.0;
        double weights = 0.0;
        auto add = [&](double weight, double value, const auto& phrase) {
            if (!std::isfinite(value)) {
                return;
            }
            total += weight * value;
            weights += weight;
            if (reason != nullptr) {
                parts.push_back({weight * value, phrase()});
            }
        };
        if (haveModel && std::isfinite(pt)) {
            add(0.35, 1.0 - std::abs(2.0 * pt - 1.0),
                [pt] { return phrases::fill(phrases::kUndecidedP, {fmt("%.2f", pt)}); });
            const double e = at(ez, t);
            if (std::isfinite(e)) {
                // The VAE's belief that the shape is unusual: 0 up to 1σ, 1 from 4σ.
                const double vae = std::clamp((e - 1.0) / 3.0, 0.0, 1.0);
                add(0.2, std::abs(vae - pt), [vae, pt, e] {
                    return phrases::fill(vae > pt ? phrases::kVaeUnusual : phrases::kVaeOrdinary,
                                         {fmt("%.1f", e)});
                });
            }
        }
        const double phi = at(input.potential, t);
        if (std::isfinite(phi)) {
            add(0.1, 1.0 - std::abs(2.0 * phi - 1.0),
                [phi] { return phrases::fill(phrases::kPotentialUnsure, {fmt("%.2f", phi)}); });
        }
        if (std::isfinite(z)) {
            add(haveModel ? 0.35 : 1.0, 1.0 - std::exp(-std::max(0.0, z) / 4.0),
                [z] { return residualPhrase(z); });
        }
        if (weights <= 0.0) {
            return kNaN;
        }
        if (reason != nullptr) {
            std::stable_sort(parts.begin(), parts.end(),
                             [](const Part& a, const Part& b) { return a.value > b.value; });
            *reason = haveModel ? std::string() : std::string(phrases::kNoModelDiversity) + " ";
            *reason += parts[0].phrase;
            if (parts.size() > 1 && parts[1].value > 0.05) {
                *reason += phrases::kAnd + parts[1].phrase;
            }
        }
        return total / weights;
    };
    std::vector<Candidate> cands;
    for (size_t t = 0; t < n; ++t) {
        if (picker.labelledAt(static_cast<std::int64_t>(t))) {
            continue;
        }
        const double s = informativeness(t, nullptr);
        if (std::isfinite(s)) {
            cands.push_back({static_cast<std::int64_t>(t), s});
        }
    }
    std::stable_sort(cands.begin(), cands.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    // Only the most informative points enter k-center, at most one per half window so that a
    // single wide event does not fill the candidate list.
    std::vector<Candidate> pool;
    {
        const int limit = std::max(options.candidates, 4 * options.k);
        std::vector<std::int64_t> taken;
        for (auto& c : cands) {
            if (static_cast<int>(pool.size()) >= limit) {
                break;
            }
            const bool near = std::any_of(taken.begin(), taken.end(), [&](std::int64_t a) {
                return std::abs(a - c.at) < std::max(1, options.window / 2);
            });
            if (!near) {
                taken.push_back(c.at);
                pool.push_back(c);
            }
        }
    }
    if (pool.empty()) {
        return std::vector<Query>{};
    }
    const Embedder embedder(input.values, options.window);
    std::vector<Eigen::VectorXd> emb;
    emb.reserve(pool.size());
    for (const auto& c : pool) {
        const auto [b, e] = queryWindow(c.at, options.window, T);
        emb.push_back(embedder.embed(b, e));
    }
    // Distance scale: half the median distance between candidate windows.
    std::vector<double> pair;
    for (size_t i = 0; i < emb.size(); ++i) {
        for (size_t j = i + 1; j < emb.size(); j += 1 + emb.size() / 64) {
            pair.push_back((emb[i] - emb[j]).norm());
        }
    }
    double scale = pair.empty() ? 1.0 : 0.5 * median(pair);
    if (!(scale > 1e-9)) {
        scale = 1.0;
    }
    // Distance of each candidate to the nearest labelled window (labelled points sampled every
    // half window) and, as the batch grows, to the nearest chosen window.
    std::vector<double> nearest(pool.size(), std::numeric_limits<double>::infinity());
    for (std::int64_t t = 0; t < T; t += std::max(1, options.window / 2)) {
        if (!picker.labelledAt(t)) {
            continue;
        }
        const auto [b, e] = queryWindow(t, options.window, T);
        const Eigen::VectorXd anchor = embedder.embed(b, e);
        for (size_t i = 0; i < pool.size(); ++i) {
            nearest[i] = std::min(nearest[i], (emb[i] - anchor).norm());
        }
    }
    std::vector<Query> out;
    // An anomaly that runs to the edge of what is labelled probably goes on: ask just past it.
    if (!input.known.empty()) {
        const int w = options.window;
        for (std::int64_t t = 0; t < T && static_cast<int>(out.size()) < options.k; ++t) {
            if (input.known[static_cast<size_t>(t)] != 1) {
                continue;
            }
            for (const int side : {1, -1}) {
                const std::int64_t next = t + side;
                if (next < 0 || next >= T || picker.labelledAt(next)) {
                    continue;
                }
                // The window starting (or ending) right at the first unlabelled point.
                const std::int64_t at = side > 0 ? next + w / 2 : next - (w - 1) / 2;
                const std::int64_t clamped = std::clamp<std::int64_t>(at, 0, T - 1);
                // A window without an observed value (a gap in the data) is nothing to judge.
                const auto [wb, we] = queryWindow(clamped, w, T);
                const bool observed =
                    input.values.middleRows(wb, we - wb)
                        .unaryExpr([](double v) { return std::isnan(v) ? 0.0 : 1.0; })
                        .sum() > 0.0;
                if (observed && static_cast<int>(out.size()) < options.k &&
                    picker.allowed(clamped, out)) {
                    out.push_back(picker.make(
                        input.seriesId, {clamped, 2.0},
                        phrases::fill(side > 0 ? phrases::kRunsToEnd : phrases::kRunsToStart,
                                      {std::to_string(t)})));
                }
            }
        }
        for (const auto& q : out) { // the rest of the batch keeps its distance from them
            const Eigen::VectorXd chosen = embedder.embed(q.begin, q.end);
            for (size_t i = 0; i < pool.size(); ++i) {
                nearest[i] = std::min(nearest[i], (emb[i] - chosen).norm());
            }
        }
    }
    std::vector<bool> used(pool.size(), false);
    while (static_cast<int>(out.size()) < options.k) {
        double best = -1.0;
        size_t bestIndex = pool.size();
        for (size_t i = 0; i < pool.size(); ++i) {
            if (used[i] || !picker.allowed(pool[i].at, out)) {
                continue;
            }
            const double diversity = std::min(1.0, nearest[i] / scale);
            const double s = pool[i].score * (0.05 + 0.95 * diversity);
            if (s > best) {
                best = s;
                bestIndex = i;
            }
        }
        if (bestIndex == pool.size()) {
            break;
        }
        used[bestIndex] = true;
        Candidate c = pool[bestIndex];
        c.score = best;
        std::string reason;
        informativeness(static_cast<size_t>(c.at), &reason);
        if (std::isfinite(nearest[bestIndex]) && nearest[bestIndex] >= scale) {
            reason += std::string("; ") + phrases::kUnlike;
        }
        out.push_back(picker.make(input.seriesId, c, std::move(reason)));
        for (size_t i = 0; i < pool.size(); ++i) {
            nearest[i] = std::min(nearest[i], (emb[i] - emb[bestIndex]).norm());
        }
    }
    return out;
}

} // namespace vigil::core
