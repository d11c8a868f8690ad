// SPDX-License-Identifier: MIT
#include "vigil/decision.h"

#include "vigil/baselines.h"
#include "vigil/metrics.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace vigil::core {

namespace {
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kRidge = 1e-2;
constexpr int kNewtonSteps = 50;

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}
} // namespace

Eigen::VectorXd maxNormalised(const Eigen::VectorXd& x, Eigen::Index from, Eigen::Index to)
{
    return maxNormalised(x, from, to, from, to);
}

Eigen::VectorXd maxNormalised(const Eigen::VectorXd& x, Eigen::Index from, Eigen::Index to,
                              Eigen::Index referenceFrom, Eigen::Index referenceTo)
{
    Eigen::VectorXd out = Eigen::VectorXd::Constant(x.size(), kNan);
    from = std::clamp<Eigen::Index>(from, 0, x.size());
    to = std::clamp<Eigen::Index>(to, from, x.size());
    referenceFrom = std::clamp<Eigen::Index>(referenceFrom, 0, x.size());
    referenceTo = std::clamp<Eigen::Index>(referenceTo, referenceFrom, x.size());
    std::vector<double> finite;
    for (Eigen::Index i = referenceFrom; i < referenceTo; ++i) {
        if (std::isfinite(x[i])) {
            finite.push_back(x[i]);
        }
    }
    double median = 0.0;
    double span = 0.0;
    if (!finite.empty()) {
        const auto mid = finite.begin() + static_cast<std::ptrdiff_t>(finite.size() / 2);
        std::nth_element(finite.begin(), mid, finite.end());
        median = *mid;
        span = *std::max_element(finite.begin(), finite.end()) - median;
    }
    for (Eigen::Index i = from; i < to; ++i) {
        out[i] =
            std::isfinite(x[i]) && span > 0.0 ? std::clamp((x[i] - median) / span, -1.0, 1.0) : 0.0;
    }
    return out;
}

std::optional<int> parseSmoothing(std::string_view text)
{
    int span = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), span);
    if (ec != std::errc() || end != text.data() + text.size() || span < 1 ||
        span > kMaxDecisionSmoothing) {
        return std::nullopt;
    }
    return span;
}

int suggestedSmoothing(std::int64_t anomalyLabelMedian)
{
    if (anomalyLabelMedian < kSuggestSmoothingFrom) {
        return 0;
    }
    return static_cast<int>(
        std::clamp<std::int64_t>(anomalyLabelMedian / 2, 2, kMaxDecisionSmoothing));
}

Eigen::VectorXd centredMean(const Eigen::VectorXd& x, int span)
{
    if (span <= 1) {
        return x;
    }
    const Eigen::Index n = x.size();
    // Prefix sums of the finite entries and of their count.
    std::vector<double> sum(static_cast<size_t>(n) + 1, 0.0);
    std::vector<Eigen::Index> count(static_cast<size_t>(n) + 1, 0);
    for (Eigen::Index i = 0; i < n; ++i) {
        const bool ok = std::isfinite(x[i]);
        sum[static_cast<size_t>(i) + 1] = sum[static_cast<size_t>(i)] + (ok ? x[i] : 0.0);
        count[static_cast<size_t>(i) + 1] = count[static_cast<size_t>(i)] + (ok ? 1 : 0);
    }
    const Eigen::Index before = (span - 1) / 2;
    const Eigen::Index after = span / 2;
    Eigen::VectorXd out(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        if (!std::isfinite(x[i])) {
            out[i] = kNan;
            continue;
        }
        const auto lo = static_cast<size_t>(std::max<Eigen::Index>(0, i - before));
        const auto hi = static_cast<size_t>(std::min(n, i + after + 1));
        out[i] = (sum[hi] - sum[lo]) / double(count[hi] - count[lo]);
    }
    return out;
}

Result<Eigen::VectorXd> decisionResidual(const Eigen::MatrixXd& values, int window,
                                         ResidualColumn kind)
{
    const Eigen::MatrixXd unit = minMaxScaledColumns(values);
    if (kind == ResidualColumn::Jump) {
        JumpConfig jc;
        jc.window = window;
        jc.minHistory = 2 * window;
        return jumpScore(unit, jc);
    }
    RollingMedianConfig rm;
    rm.window = window;
    return rollingMedianResidual(unit, rm);
}

std::array<const char*, kDecisionFeatures> decisionFeatureNames(ResidualColumn residual)
{
    return {"margin", residual == ResidualColumn::Jump ? "jump" : "residual", "multiscale", "vae"};
}

Result<Eigen::MatrixXd> decisionFeatures(const Eigen::MatrixXd& values,
                                         const Eigen::VectorXd& margin,
                                         const Eigen::VectorXd& vaeError, int window,
                                         ResidualColumn residual, Eigen::Index from,
                                         Eigen::Index to)
{
    return decisionFeatures(values, margin, vaeError, window, residual, from, to, from, to);
}

Result<Eigen::MatrixXd> decisionFeatures(const Eigen::MatrixXd& values,
                                         const Eigen::VectorXd& margin,
                                         const Eigen::VectorXd& vaeError, int window,
                                         ResidualColumn residual, Eigen::Index from,
                                         Eigen::Index to, Eigen::Index referenceFrom,
                                         Eigen::Index referenceTo)
{
    const Eigen::Index t = values.rows();
    if (margin.size() != t || vaeError.size() != t) {
        return fail("decision features: " + std::to_string(margin.size()) + " margins and " +
                    std::to_string(vaeError.size()) + " reconstruction errors for " +
                    std::to_string(t) + " points");
    }
    auto second = decisionResidual(values, window, residual);
    if (!second) {
        return second.error();
    }
    MultiScaleConfig ms;
    ms.shortWindow = window;
    auto surprise = multiScaleScore(values, ms);
    if (!surprise) {
        return surprise.error();
    }
    Eigen::MatrixXd f(t, kDecisionFeatures);
    f.col(0) = maxNormalised(margin, from, to, referenceFrom, referenceTo);
    f.col(1) = maxNormalised(*second, from, to, referenceFrom, referenceTo);
    f.col(2) = maxNormalised(*surprise, from, to, referenceFrom, referenceTo);
    // A window that starts before the rolling scaler has W points of history holds its
    // unsettled first values, which the VAE reconstructs poorly on every series: its error says
    // nothing about an anomaly, so it counts as the median (0) there.
    Eigen::VectorXd settled = vaeError;
    settled.head(std::clamp<Eigen::Index>(2 * Eigen::Index(window) - 1, 0, t)).setConstant(kNan);
    f.col(3) = maxNormalised(settled, from, to, referenceFrom, referenceTo);
    // No decision where the detector has no score.
    for (Eigen::Index i = 0; i < t; ++i) {
        if (!std::isfinite(margin[i])) {
            f.row(i).setConstant(kNan);
        }
    }
    return f;
}

Eigen::VectorXd StackedDecision::logit(const Eigen::MatrixXd& features) const
{
    Eigen::VectorXd out(features.rows());
    for (Eigen::Index i = 0; i < features.rows(); ++i) {
        double z = bias;
        for (int k = 0; k < kDecisionFeatures && k < features.cols(); ++k) {
            z += weight[static_cast<size_t>(k)] * (features(i, k) - mean[static_cast<size_t>(k)]) /
                 scale[static_cast<size_t>(k)];
        }
        out[i] = z; // NaN propagates
    }
    return centredMean(out, smoothing);
}

Eigen::VectorXd StackedDecision::rowCuts(const Eigen::VectorXd& logits) const
{
    Eigen::VectorXd out = Eigen::VectorXd::Constant(logits.size(), cut);
    const bool hysteresis = peakMargin > 0.0;
    const bool budgeted = incidentsPerThousand > 0.0;
    if (!hysteresis && !budgeted) {
        return out;
    }
    struct Run
    {
        Eigen::Index begin;
        Eigen::Index end;
        double peak;
        double area; ///< the sum of (logit - cut) over the run
    };
    std::vector<Run> runs;
    Eigen::Index scored = 0;
    bool open = false;
    for (Eigen::Index i = 0; i < logits.size(); ++i) {
        const double z = logits[i];
        scored += std::isfinite(z) ? 1 : 0;
        if (std::isfinite(z) && z >= cut) {
            if (!open) {
                runs.push_back({i, i + 1, z, z - cut});
                open = true;
            } else {
                runs.back().end = i + 1;
                runs.back().peak = std::max(runs.back().peak, z);
                runs.back().area += z - cut;
            }
        } else {
            open = false;
        }
    }
    if (hysteresis) {
        // A run that never reaches the peak level is held to it: its score stays below 0.5.
        const double level = cut + peakMargin;
        std::erase_if(runs, [&](const Run& r) {
            if (r.peak >= level) {
                return false;
            }
            out.segment(r.begin, r.end - r.begin).setConstant(level);
            return true;
        });
    }
    if (!budgeted) {
        return out;
    }
    const auto budget = std::max<size_t>(
        1, static_cast<size_t>(std::llround(incidentsPerThousand * double(scored) / 1000.0)));
    if (runs.size() <= budget) {
        return out;
    }
    const auto key = [&](const Run& r) { return ranking == RunRanking::Area ? r.area : r.peak; };
    std::vector<size_t> order(runs.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return key(runs[a]) > key(runs[b]); });
    double weakestKept = std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < budget; ++k) {
        weakestKept = std::min(weakestKept, runs[order[k]].peak);
    }
    // Just above the weakest kept peak, so a dropped run lies below every kept one even on a
    // tie; by area a dropped run may peak higher than that, so at least just above its own.
    constexpr double kUp = std::numeric_limits<double>::infinity();
    for (size_t k = budget; k < order.size(); ++k) {
        const Run& r = runs[order[k]];
        const double raised =
            std::max(std::nextafter(weakestKept, kUp), std::nextafter(r.peak, kUp));
        out.segment(r.begin, r.end - r.begin).setConstant(raised);
    }
    return out;
}

std::vector<std::uint8_t> StackedDecision::flags(const Eigen::VectorXd& logits) const
{
    const Eigen::VectorXd cuts = rowCuts(logits);
    std::vector<std::uint8_t> out(static_cast<size_t>(logits.size()), 0);
    for (Eigen::Index i = 0; i < logits.size(); ++i) {
        out[static_cast<size_t>(i)] = std::isfinite(logits[i]) && logits[i] >= cuts[i] ? 1 : 0;
    }
    return out;
}

Eigen::VectorXd StackedDecision::score(const Eigen::MatrixXd& features) const
{
    const Eigen::VectorXd z = logit(features);
    const Eigen::VectorXd cuts = rowCuts(z);
    return z.binaryExpr(cuts, [](double v, double c) { return sigmoid(v - c); });
}

std::string StackedDecision::toJson() const
{
    nlohmann::json j;
    const auto names = decisionFeatureNames(residual);
    j["features"] = std::vector<std::string>(names.begin(), names.end());
    j["mean"] = mean;
    j["scale"] = scale;
    j["weight"] = weight;
    j["bias"] = bias;
    j["cut"] = cut;
    j["incidents_per_thousand"] = incidentsPerThousand;
    j["peak_margin"] = peakMargin;
    j["rank_runs_by"] = ranking == RunRanking::Area ? "area" : "peak";
    j["smoothing"] = smoothing;
    return j.dump();
}

Result<StackedDecision> StackedDecision::fromJson(const std::string& json)
{
    StackedDecision d;
    try {
        const auto j = nlohmann::json::parse(json);
        // A decision stored before the VAE column has three entries: the fourth keeps weight
        // 0 (and mean 0, scale 1), so it scores exactly as it did.
        auto read = [&](const char* key, std::array<double, kDecisionFeatures>& out) {
            const auto v = j.at(key).get<std::vector<double>>();
            if (v.size() != kDecisionFeatures && v.size() != kDecisionFeaturesV1) {
                throw std::invalid_argument(std::string(key) + " has " + std::to_string(v.size()) +
                                            " entries, not " + std::to_string(kDecisionFeatures));
            }
            std::copy(v.begin(), v.end(), out.begin());
        };
        read("mean", d.mean);
        read("scale", d.scale);
        read("weight", d.weight);
        d.bias = j.at("bias").get<double>();
        d.cut = j.at("cut").get<double>();
        // Stored before the incident budget: none.
        d.incidentsPerThousand = j.value("incidents_per_thousand", 0.0);
        // Stored before the peak rule (session 12): none.
        d.peakMargin = j.value("peak_margin", 0.0);
        // Stored before session 33: runs ranked by their peak, as every decision still is.
        const std::string ranking = j.value("rank_runs_by", std::string("peak"));
        if (ranking != "peak" && ranking != "area") {
            throw std::invalid_argument("rank_runs_by must be \"peak\" or \"area\", not \"" +
                                        ranking + "\"");
        }
        d.ranking = ranking == "area" ? RunRanking::Area : RunRanking::Peak;
        // Stored before the smoothing (session 14): point anomalies.
        const auto stored = j.find("smoothing");
        const double smoothing = stored == j.end()     ? 1.0
                                 : stored->is_number() ? stored->get<double>()
                                                       : kNan;
        if (!(smoothing >= 1.0 && smoothing <= kMaxDecisionSmoothing) ||
            smoothing != std::floor(smoothing)) {
            throw std::invalid_argument("the smoothing must be a whole number from 1 to " +
                                        std::to_string(kMaxDecisionSmoothing));
        }
        d.smoothing = static_cast<int>(smoothing);
        // Stored before the jump column: the second column is the level residual.
        d.residual = ResidualColumn::Level;
        if (j.contains("features")) {
            const auto names = j.at("features").get<std::vector<std::string>>();
            if (names.size() < 2 || (names[1] != "jump" && names[1] != "residual")) {
                throw std::invalid_argument("features must name the second column "
                                            "\"jump\" or \"residual\"");
            }
            d.residual = names[1] == "jump" ? ResidualColumn::Jump : ResidualColumn::Level;
        }
    } catch (const nlohmann::json::exception& e) {
        return fail(std::string("decision JSON: ") + e.what());
    } catch (const std::invalid_argument& e) {
        return fail(std::string("decision JSON: ") + e.what());
    }
    for (int k = 0; k < kDecisionFeatures; ++k) {
        const auto i = static_cast<size_t>(k);
        if (!std::isfinite(d.mean[i]) || !(d.scale[i] > 0.0) || !std::isfinite(d.weight[i])) {
            return fail("decision JSON: feature " + std::to_string(k) + " is not finite");
        }
    }
    if (!std::isfinite(d.bias) || !std::isfinite(d.cut)) {
        return fail("decision JSON: bias and cut must be finite");
    }
    if (!std::isfinite(d.incidentsPerThousand) || d.incidentsPerThousand < 0.0) {
        return fail("decision JSON: the incident budget must be a number >= 0");
    }
    if (!std::isfinite(d.peakMargin) || d.peakMargin < 0.0) {
        return fail("decision JSON: the peak margin must be a number >= 0");
    }
    return d;
}

namespace {

/// The F1 of `d`'s flags on the labelled rows with a logit, pooled over the series.
double pooledLabelledF1(const StackedDecision& d, std::span<const Eigen::VectorXd> logits,
                        std::span<const std::vector<std::int8_t>> labels)
{
    std::vector<std::uint8_t> flagged;
    std::vector<std::uint8_t> truth;
    for (size_t s = 0; s < logits.size() && s < labels.size(); ++s) {
        const auto flags = d.flags(logits[s]);
        for (size_t t = 0; t < flags.size() && t < labels[s].size(); ++t) {
            if (labels[s][t] >= 0 && std::isfinite(logits[s][static_cast<Eigen::Index>(t)])) {
                flagged.push_back(flags[t]);
                truth.push_back(labels[s][t] == 1 ? 1 : 0);
            }
        }
    }
    const auto m = pointMetrics(flagged, truth);
    return m ? m->f1 : 0.0;
}

} // namespace

double labelledF1(const StackedDecision& decision, std::span<const Eigen::MatrixXd> features,
                  std::span<const std::vector<std::int8_t>> labels)
{
    std::vector<Eigen::VectorXd> logits;
    logits.reserve(features.size());
    for (const auto& f : features) {
        logits.push_back(decision.logit(f));
    }
    return pooledLabelledF1(decision, logits, labels);
}

double chooseIncidentBudget(const StackedDecision& decision,
                            std::span<const Eigen::VectorXd> logits,
                            std::span<const std::vector<std::int8_t>> labels)
{
    double best = 0.0;
    double bestF1 = -1.0;
    StackedDecision d = decision;
    for (const double budget : kIncidentBudgets) {
        d.incidentsPerThousand = budget;
        const double f1 = pooledLabelledF1(d, logits, labels);
        if (f1 > bestF1 + 1e-12) {
            bestF1 = f1;
            best = budget;
        }
    }
    return best;
}

void chooseSmoothedCut(StackedDecision& decision, std::span<const Eigen::MatrixXd> features,
                       std::span<const std::vector<std::int8_t>> labels)
{
    if (decision.smoothing <= 1) {
        return;
    }
    std::vector<double> logits;
    std::vector<std::uint8_t> truth;
    bool anomaly = false;
    for (size_t s = 0; s < features.size() && s < labels.size(); ++s) {
        const Eigen::VectorXd z = decision.logit(features[s]);
        for (Eigen::Index t = 0; t < z.size() && static_cast<size_t>(t) < labels[s].size(); ++t) {
            const auto label = labels[s][static_cast<size_t>(t)];
            if (label >= 0 && std::isfinite(z[t])) {
                logits.push_back(z[t]);
                truth.push_back(label == 1 ? 1 : 0);
                anomaly = anomaly || label == 1;
            }
        }
    }
    if (anomaly) {
        decision.cut = labelledDecisionCut(logits, truth, decision.cut, kDecisionCutBeta);
    }
}

double resolveIncidentBudget(const StackedDecision& decision, double requested,
                             std::span<const Eigen::MatrixXd> features,
                             std::span<const std::vector<std::int8_t>> labels)
{
    if (requested >= 0.0) {
        return requested;
    }
    std::vector<Eigen::VectorXd> logits;
    for (const auto& f : features) {
        logits.push_back(decision.logit(f));
    }
    return chooseIncidentBudget(decision, logits, labels);
}

Result<StackedDecision> fitStackedDecision(const Eigen::MatrixXd& features,
                                           std::span<const std::uint8_t> truth,
                                           ResidualColumn residual)
{
    if (features.cols() != kDecisionFeatures ||
        static_cast<size_t>(features.rows()) != truth.size()) {
        return fail("decision: features and labels do not match");
    }
    std::vector<Eigen::Index> rows;
    Eigen::Index positives = 0;
    for (Eigen::Index i = 0; i < features.rows(); ++i) {
        if (features.row(i).allFinite() && truth[static_cast<size_t>(i)] <= 1) {
            rows.push_back(i);
            positives += truth[static_cast<size_t>(i)];
        }
    }
    const auto n = static_cast<Eigen::Index>(rows.size());
    if (positives == 0 || positives == n) {
        return fail("decision: needs labelled points of both classes");
    }
    StackedDecision d;
    d.residual = residual;
    Eigen::MatrixXd x(n, kDecisionFeatures + 1);
    Eigen::VectorXd y(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        x.row(r).head(kDecisionFeatures) = features.row(rows[static_cast<size_t>(r)]);
        x(r, kDecisionFeatures) = 1.0;
        y[r] = truth[static_cast<size_t>(rows[static_cast<size_t>(r)])];
    }
    for (int k = 0; k < kDecisionFeatures; ++k) {
        const auto i = static_cast<size_t>(k);
        const double m = x.col(k).mean();
        const double sd = std::sqrt((x.col(k).array() - m).square().mean());
        d.mean[i] = m;
        d.scale[i] = sd > 1e-9 ? sd : 1.0;
        x.col(k) = (x.col(k).array() - m) / d.scale[i];
    }
    // Each class carries half the total weight, so rare anomalies count.
    const double pos = double(positives);
    const double neg = double(n - positives);
    Eigen::VectorXd sw(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        sw[r] = y[r] > 0.5 ? 0.5 * double(n) / pos : 0.5 * double(n) / neg;
    }
    Eigen::VectorXd w = Eigen::VectorXd::Zero(kDecisionFeatures + 1);
    Eigen::MatrixXd ridge =
        Eigen::MatrixXd::Identity(kDecisionFeatures + 1, kDecisionFeatures + 1) * kRidge;
    ridge(kDecisionFeatures, kDecisionFeatures) = 0.0; // the bias is not shrunk
    for (int step = 0; step < kNewtonSteps; ++step) {
        const Eigen::VectorXd p = (x * w).unaryExpr([](double z) { return sigmoid(z); });
        const Eigen::VectorXd g =
            x.transpose() * (sw.array() * (p - y).array()).matrix() / double(n) + ridge * w;
        const Eigen::VectorXd h = sw.array() * p.array() * (1.0 - p.array());
        const Eigen::MatrixXd hess =
            x.transpose() * h.asDiagonal() * x / double(n) + ridge +
            Eigen::MatrixXd::Identity(kDecisionFeatures + 1, kDecisionFeatures + 1) * 1e-9;
        const Eigen::VectorXd delta = hess.ldlt().solve(g);
        w -= delta;
        if (delta.cwiseAbs().maxCoeff() < 1e-10) {
            break;
        }
    }
    for (int k = 0; k < kDecisionFeatures; ++k) {
        d.weight[static_cast<size_t>(k)] = w[k];
    }
    d.bias = w[kDecisionFeatures];
    const Eigen::VectorXd z = x * w;
    std::vector<double> logits(z.data(), z.data() + z.size());
    std::vector<std::uint8_t> labels(static_cast<size_t>(n));
    for (Eigen::Index r = 0; r < n; ++r) {
        labels[static_cast<size_t>(r)] = y[r] > 0.5 ? 1 : 0;
    }
    d.cut = labelledDecisionCut(logits, labels, 0.0, kDecisionCutBeta);
    d.peakMargin = kDecisionPeakMargin;
    return d;
}

} // namespace vigil::core
