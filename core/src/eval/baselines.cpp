// SPDX-License-Identifier: MIT
#include "vigil/baselines.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <string>
#include <utility>

namespace vigil::core {
namespace {

/// Median of a sorted, non-empty vector (the mean of the two middle values for an even count).
double sortedMedian(const std::vector<double>& v)
{
    const std::size_t m = v.size() / 2;
    return v.size() % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

/// The finite values among the last `capacity` entries of a sequence, kept sorted: each step
/// adds one entry and drops the one that left, O(capacity) per step. NaN entries take a place
/// in the sequence but not in the values.
class RollingSorted
{
public:
    explicit RollingSorted(std::size_t capacity)
        : capacity_(capacity)
    {
    }
    void push(double x)
    {
        order_.push_back(x);
        if (!std::isnan(x)) {
            values_.insert(std::upper_bound(values_.begin(), values_.end(), x), x);
        }
        if (order_.size() > capacity_) {
            const double old = order_.front();
            order_.pop_front();
            if (!std::isnan(old)) {
                values_.erase(std::lower_bound(values_.begin(), values_.end(), old));
            }
        }
    }
    bool full() const { return order_.size() == capacity_; }
    std::size_t finiteCount() const { return values_.size(); }
    double median() const { return sortedMedian(values_); }

private:
    std::size_t capacity_;
    std::deque<double> order_;
    std::vector<double> values_;
};

} // namespace

Eigen::MatrixXd minMaxScaledColumns(const Eigen::MatrixXd& values)
{
    Eigen::MatrixXd out = values;
    for (Eigen::Index c = 0; c < out.cols(); ++c) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (Eigen::Index t = 0; t < out.rows(); ++t) {
            if (std::isfinite(out(t, c))) {
                lo = std::min(lo, out(t, c));
                hi = std::max(hi, out(t, c));
            }
        }
        const double span = hi > lo ? hi - lo : 1.0;
        for (Eigen::Index t = 0; t < out.rows(); ++t) {
            if (std::isfinite(out(t, c))) {
                out(t, c) = (out(t, c) - lo) / span;
            }
        }
    }
    return out;
}

Result<Eigen::VectorXd> rollingMedianResidual(const Eigen::MatrixXd& values,
                                              const RollingMedianConfig& config)
{
    if (config.window < 1) {
        return fail("rolling median: window must be at least 1, got " +
                    std::to_string(config.window));
    }
    const Eigen::Index t = values.rows();
    const Eigen::Index w = config.window;
    Eigen::VectorXd r = Eigen::VectorXd::Zero(t);
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        RollingSorted history(static_cast<std::size_t>(w));
        for (Eigen::Index i = 0; i < t; ++i) {
            const double x = values(i, c);
            if (i >= w && !std::isnan(x) && history.finiteCount() > 0) {
                r[i] = std::max(r[i], std::abs(x - history.median()));
            }
            history.push(x);
        }
    }
    return r;
}

Result<Eigen::VectorXd> jumpScore(const Eigen::MatrixXd& unit, const JumpConfig& config)
{
    if (config.window < 1 || config.context < 1 || config.minHistory < 1 || !(config.floor > 0.0) ||
        !(config.cap > 0.0)) {
        return fail("jump score: windows and history must be at least 1, floor and cap above 0");
    }
    const Eigen::Index t = unit.rows();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Eigen::VectorXd out = Eigen::VectorXd::Zero(t);
    for (Eigen::Index c = 0; c < unit.cols(); ++c) {
        RollingSorted changes(static_cast<std::size_t>(config.window));
        RollingSorted residuals(static_cast<std::size_t>(config.context));
        for (Eigen::Index i = 0; i < t; ++i) {
            const double change = i > 0 ? unit(i, c) - unit(i - 1, c) : nan; // NaN stays NaN
            double residual = nan;
            if (changes.full() && changes.finiteCount() > 0 && std::isfinite(change)) {
                residual = std::abs(change - changes.median());
            }
            if (std::isfinite(residual) &&
                residuals.finiteCount() >= static_cast<std::size_t>(config.minHistory)) {
                const double usual = std::max(1.4826 * residuals.median(), config.floor);
                out[i] = std::max(out[i], std::min(residual / usual, config.cap));
            }
            changes.push(change);
            residuals.push(residual);
        }
    }
    return out;
}

namespace {

double medianOf(std::vector<double> v)
{
    if (v.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

/// In place: (v − median) / (1.4826 · MAD), the standard deviation standing in for a zero MAD;
/// left as it is (all zero spread) when both are zero.
void robustStandardise(std::vector<double>& v)
{
    std::vector<double> finite;
    for (double x : v) {
        if (std::isfinite(x)) {
            finite.push_back(x);
        }
    }
    if (finite.empty()) {
        return;
    }
    const double centre = medianOf(finite);
    std::vector<double> dev;
    double sum = 0.0, sumSq = 0.0;
    for (double x : finite) {
        dev.push_back(std::abs(x - centre));
        sum += x;
        sumSq += x * x;
    }
    double scale = 1.4826 * medianOf(dev);
    if (!(scale > 1e-12)) {
        const double n = static_cast<double>(finite.size());
        scale = std::sqrt(std::max(0.0, sumSq / n - (sum / n) * (sum / n)));
    }
    if (!(scale > 1e-12)) {
        scale = 1.0;
    }
    for (double& x : v) {
        x = (x - centre) / scale;
    }
}

} // namespace

Result<Eigen::VectorXd> multiScaleScore(const Eigen::MatrixXd& values,
                                        const MultiScaleConfig& config)
{
    if (config.shortWindow < 1 || config.longWindow < 1 || config.flatWindow < 2) {
        return fail("multi-scale score: windows must be at least 1 (flat: 2)");
    }
    const Eigen::Index T = values.rows();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Eigen::VectorXd score = Eigen::VectorXd::Constant(T, nan);
    auto take = [&](Eigen::Index t, double v) {
        if (std::isfinite(v) && !(score[t] >= v)) {
            score[t] = v;
        }
    };
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        const Eigen::MatrixXd column = values.col(c);
        for (const int w : {config.shortWindow, config.longWindow}) {
            auto r = rollingMedianResidual(column, {w});
            if (!r) {
                return r.error();
            }
            std::vector<double> z(static_cast<std::size_t>(T), nan);
            for (Eigen::Index t = w; t < T; ++t) {
                if (std::isfinite(column(t, 0))) {
                    z[static_cast<std::size_t>(t)] = (*r)[t];
                }
            }
            robustStandardise(z);
            for (Eigen::Index t = 0; t < T; ++t) {
                take(t, z[static_cast<std::size_t>(t)]);
            }
        }
        // Flat-lining: the spread of the last flatWindow points against the usual spread.
        const Eigen::Index fw = config.flatWindow;
        std::vector<double> spread(static_cast<std::size_t>(T), nan);
        for (Eigen::Index t = fw - 1; t < T; ++t) {
            double sum = 0.0, sumSq = 0.0;
            int n = 0;
            for (Eigen::Index k = t - fw + 1; k <= t; ++k) {
                const double x = column(k, 0);
                if (std::isfinite(x)) {
                    sum += x;
                    sumSq += x * x;
                    ++n;
                }
            }
            if (n >= 2 && std::isfinite(column(t, 0))) {
                const double mean = sum / n;
                spread[static_cast<std::size_t>(t)] =
                    std::sqrt(std::max(0.0, sumSq / n - mean * mean));
            }
        }
        std::vector<double> finite;
        for (double s : spread) {
            if (std::isfinite(s)) {
                finite.push_back(s);
            }
        }
        const double typical = medianOf(finite);
        if (!(typical > 1e-12)) {
            continue; // a channel that is mostly constant cannot go flat
        }
        for (Eigen::Index t = 0; t < T; ++t) {
            const double s = spread[static_cast<std::size_t>(t)];
            if (std::isfinite(s)) {
                take(t, -config.flatWeight * std::log((s + 1e-9 * typical) / typical));
            }
        }
    }
    return score;
}

Result<Eigen::MatrixXd> slidingWindows(const Eigen::MatrixXd& values, int window, int channel)
{
    if (window < 1) {
        return fail("windows: length must be at least 1, got " + std::to_string(window));
    }
    if (channel != kAllChannels && (channel < 0 || channel >= values.cols())) {
        return fail("windows: channel " + std::to_string(channel) +
                    " does not exist (the series has " + std::to_string(values.cols()) + ")");
    }
    const Eigen::Index w = window;
    const Eigen::Index count = std::max<Eigen::Index>(0, values.rows() - w + 1);
    if (count == 0) {
        return Eigen::MatrixXd(0, channel == kAllChannels ? w * values.cols() : w);
    }
    if (channel != kAllChannels) {
        Eigen::MatrixXd out(count, w);
        for (Eigen::Index k = 0; k < w; ++k) {
            out.col(k) = values.col(channel).segment(k, count);
        }
        return out;
    }
    const Eigen::Index c = values.cols();
    Eigen::MatrixXd out(count, w * c);
    for (Eigen::Index k = 0; k < w; ++k) {
        for (Eigen::Index j = 0; j < c; ++j) {
            out.col(k * c + j) = values.col(j).segment(k, count);
        }
    }
    return out;
}

Result<BaselineScore> iforestBaseline(std::span<const Eigen::MatrixXd> fitSeries,
                                      const Eigen::MatrixXd& target,
                                      const IForestBaselineConfig& config)
{
    std::vector<Eigen::MatrixXd> parts;
    Eigen::Index rows = 0;
    for (const auto& series : fitSeries) {
        auto windows = slidingWindows(series, config.window, config.channel);
        if (!windows) {
            return windows.error();
        }
        rows += windows->rows();
        parts.push_back(std::move(windows).value());
    }
    if (rows == 0) {
        return fail("isolation-forest baseline: no series to fit is as long as one window (" +
                    std::to_string(config.window) + " steps)");
    }
    Eigen::MatrixXd fitWindows(rows, parts.front().cols());
    Eigen::Index at = 0;
    for (const auto& p : parts) {
        if (p.cols() != fitWindows.cols()) {
            return fail("isolation-forest baseline: the series to fit differ in channels");
        }
        fitWindows.middleRows(at, p.rows()) = p;
        at += p.rows();
    }
    parts.clear();

    IsolationForest forest(config.forest);
    if (auto st = forest.fit(fitWindows); !st) {
        return st.error();
    }
    auto fitScores = forest.scores(fitWindows);
    if (!fitScores) {
        return fitScores.error();
    }
    auto targetWindows = slidingWindows(target, config.window, config.channel);
    if (!targetWindows) {
        return targetWindows.error();
    }
    auto windowScores = forest.scores(*targetWindows);
    if (!windowScores) {
        return windowScores.error();
    }

    BaselineScore out;
    out.threshold = thresholdForContamination(*fitScores, config.contamination);
    out.score = Eigen::VectorXd::Constant(target.rows(), std::numeric_limits<double>::quiet_NaN());
    out.flags.assign(static_cast<std::size_t>(target.rows()), 0);
    const Eigen::Index first = config.window - 1;
    for (Eigen::Index r = 0; r < windowScores->size(); ++r) {
        const double s = (*windowScores)[r];
        out.score[first + r] = s;
        out.flags[static_cast<std::size_t>(first + r)] = s > out.threshold ? 1 : 0;
    }
    return out;
}

Result<BaselineScore> iforestBaseline(const Eigen::MatrixXd& values,
                                      const IForestBaselineConfig& config)
{
    return iforestBaseline(std::span<const Eigen::MatrixXd>(&values, 1), values, config);
}

} // namespace vigil::core
