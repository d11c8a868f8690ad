// SPDX-License-Identifier: MIT
// Window features of the potential language. Each window is summarised per channel in a few
// passes over its W values (plus two nth_element calls for the median and MAD); with W in the
// tens this is far cheaper than anything numerically risky like rolling sums of squares.
#include "vigil/window_features.h"

#include "common/int_math.h"
#include "llm/window_feature_kernel.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>
#include <string>

namespace vigil::core {

namespace detail {

namespace {

constexpr double kTinyVariance = 1e-24;

bool observed(double v)
{
    return std::isfinite(v);
}

/// Keeps the value of larger magnitude (signed aggregation over channels).
void keepLargest(double& best, double v)
{
    if (std::abs(v) > std::abs(best)) {
        best = v;
    }
}

double det3(double a, double b, double c, double d, double e, double f, double g, double h,
            double i)
{
    return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}

} // namespace

double robustScale(std::vector<double>& values, double* median)
{
    const std::size_t n = values.size();
    if (n == 0) {
        *median = 0.0;
        return 0.0;
    }
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
    std::nth_element(values.begin(), mid, values.end());
    double med = *mid;
    if (n % 2 == 0) {
        med = 0.5 * (med + *std::max_element(values.begin(), mid));
    }
    *median = med;
    double meanAbs = 0.0;
    for (double& v : values) {
        v = std::abs(v - med);
        meanAbs += v;
    }
    meanAbs /= static_cast<double>(n);
    std::nth_element(values.begin(), mid, values.end());
    double mad = *mid;
    if (n % 2 == 0) {
        mad = 0.5 * (mad + *std::max_element(values.begin(), mid));
    }
    if (mad > 0.0) {
        return 1.4826 * mad;
    }
    // More than half the values equal the median (a flat window with a spike): fall back to
    // the mean absolute deviation so that the spike still stands out.
    return meanAbs > 0.0 ? 1.2533 * meanAbs : 0.0;
}

WindowKernel::WindowKernel(int window, int channels)
    : m_window(window)
    , m_channels(channels)
{
    m_values.reserve(static_cast<std::size_t>(window));
    m_index.reserve(static_cast<std::size_t>(window));
    m_scratch.reserve(static_cast<std::size_t>(window));
}

bool WindowKernel::compute(const double* base, std::ptrdiff_t timeStride,
                           std::ptrdiff_t channelStride, const double* channelScale, double* out)
{
    const int w = m_window;
    const int split = w - std::max(1, w / 3); // the last third starts here
    const double half = 0.5 * (w - 1);
    double zLast = 0.0, zMax = 0.0, robustZLast = 0.0, levelShift = 0.0, stdRatio = 0.0;
    double slope = 0.0, curvature = 0.0, spikes = 0.0, range = 0.0;
    int deviating = 0;
    bool any = false;
    for (int c = 0; c < m_channels; ++c) {
        const double* x = base + c * channelStride;
        m_values.clear();
        m_index.clear();
        for (int i = 0; i < w; ++i) {
            const double v = x[i * timeStride];
            if (observed(v)) {
                m_values.push_back(v);
                m_index.push_back(i);
            }
        }
        const std::size_t n = m_values.size();
        if (n == 0) {
            continue;
        }
        any = true;
        const double last = x[(w - 1) * timeStride];
        const bool lastObserved = observed(last);
        const double scale = channelScale[c] > 0.0 ? channelScale[c] : 1.0;

        // Moments, extremes, thirds.
        double sum = 0.0, sumA = 0.0, sumB = 0.0;
        double lo = m_values[0], hi = m_values[0];
        int nA = 0, nB = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const double v = m_values[k];
            sum += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            if (m_index[k] < split) {
                sumA += v;
                ++nA;
            } else {
                sumB += v;
                ++nB;
            }
        }
        const double mean = sum / static_cast<double>(n);
        const double meanA = nA > 0 ? sumA / nA : 0.0;
        const double meanB = nB > 0 ? sumB / nB : 0.0;
        double ss = 0.0, ssA = 0.0, ssB = 0.0, maxDev = 0.0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const double v = m_values[k];
            const double d = v - mean;
            ss += d * d;
            maxDev = std::max(maxDev, std::abs(d));
            if (m_index[k] < split) {
                ssA += (v - meanA) * (v - meanA);
            } else {
                ssB += (v - meanB) * (v - meanB);
            }
            const double u = (m_index[k] - half) / half; // in [-1, 1]
            const double u2 = u * u;
            s0 += 1.0;
            s1 += u;
            s2 += u2;
            s3 += u2 * u;
            s4 += u2 * u2;
            t0 += d;
            t1 += u * d;
            t2 += u2 * d;
        }
        const double var = ss / static_cast<double>(n);
        if (var > kTinyVariance) {
            const double sd = std::sqrt(var);
            if (lastObserved) {
                keepLargest(zLast, (last - mean) / sd);
            }
            zMax = std::max(zMax, maxDev / sd);
            if (nA > 0 && nB > 0) {
                keepLargest(levelShift, (meanB - meanA) / sd);
            }
        }
        if (nA > 0 && nB > 0) {
            const double varA = ssA / nA;
            const double varB = ssB / nB;
            double ratio = 1.0;
            if (varA > kTinyVariance) {
                ratio = std::min(kMaxStdRatio, std::sqrt(varB / varA));
            } else if (varB > kTinyVariance) {
                ratio = kMaxStdRatio;
            }
            stdRatio = std::max(stdRatio, ratio);
        } else {
            stdRatio = std::max(stdRatio, 1.0);
        }
        range = std::max(range, (hi - lo) / scale);

        // Least-squares line and parabola over the observed positions (u scaled to [-1, 1]).
        if (n >= 2) {
            const double suu = s2 - s1 * s1 / s0;
            if (suu > 0.0) {
                const double b = (t1 - s1 * t0 / s0) / suu; // per unit of u = half a window
                keepLargest(slope, b * 2.0 / scale);
            }
        }
        if (n >= 3) {
            const double det = det3(s0, s1, s2, s1, s2, s3, s2, s3, s4);
            if (std::abs(det) > 1e-12) {
                const double cq = det3(s0, s1, t0, s1, s2, t1, s2, s3, t2) / det;
                keepLargest(curvature, cq / scale);
            }
        }

        // Robust statistics.
        m_scratch.assign(m_values.begin(), m_values.end());
        double median = 0.0;
        const double rs = robustScale(m_scratch, &median);
        if (rs > 0.0) {
            if (lastObserved) {
                const double rz = (last - median) / rs;
                keepLargest(robustZLast, rz);
                if (std::abs(rz) > 3.0) {
                    ++deviating;
                }
            }
            int count = 0;
            for (const double v : m_values) {
                count += std::abs(v - median) > 3.0 * rs ? 1 : 0;
            }
            spikes = std::max(spikes, static_cast<double>(count));
        }
    }
    out[kZLast] = zLast;
    out[kZMax] = zMax;
    out[kRobustZLast] = robustZLast;
    out[kLevelShift] = levelShift;
    out[kStdRatio] = any ? stdRatio : 0.0;
    out[kSlope] = slope;
    out[kCurvature] = curvature;
    out[kSpikeCount] = spikes;
    out[kRange] = range;
    out[kChannelSpread] = m_channels > 0 ? static_cast<double>(deviating) / m_channels : 0.0;
    return any;
}

} // namespace detail

using namespace detail;

namespace {

/// In-place iterative radix-2 FFT (size a power of two); inverse without the 1/n factor.
void fft(std::vector<std::complex<double>>& a, bool inverse)
{
    const std::size_t n = a.size();
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) {
            j ^= bit;
        }
        j ^= bit;
        if (i < j) {
            std::swap(a[i], a[j]);
        }
    }
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const double angle =
            2.0 * std::numbers::pi / static_cast<double>(len) * (inverse ? 1.0 : -1.0);
        const std::complex<double> wl(std::cos(angle), std::sin(angle));
        for (std::size_t i = 0; i < n; i += len) {
            std::complex<double> w(1.0, 0.0);
            for (std::size_t k = 0; k < len / 2; ++k) {
                const std::complex<double> u = a[i + k];
                const std::complex<double> v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
                w *= wl;
            }
        }
    }
}

/// Robust scale of a channel over the whole series: 1.4826 · MAD, else the std, else 1.
double seriesScale(const double* x, Eigen::Index n, Eigen::Index stride = 1)
{
    std::vector<double> v;
    v.reserve(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        if (std::isfinite(x[i * stride])) {
            v.push_back(x[i * stride]);
        }
    }
    if (v.empty()) {
        return 1.0;
    }
    double sum = 0.0, sumSq = 0.0;
    for (const double d : v) {
        sum += d;
    }
    const double mean = sum / static_cast<double>(v.size());
    for (const double d : v) {
        sumSq += (d - mean) * (d - mean);
    }
    const double sd = std::sqrt(sumSq / static_cast<double>(v.size()));
    double median = 0.0;
    const double rs = robustScale(v, &median);
    if (rs > 1e-12 * std::max(1.0, std::abs(median))) {
        return rs;
    }
    return sd > 0.0 ? sd : 1.0;
}

/// Value of an optional per-step (T) or per-window (N) engine output; NaN gives 0.
double inputAt(const Eigen::VectorXd& v, Eigen::Index t, Eigen::Index r, Eigen::Index steps)
{
    if (v.size() == 0) {
        return 0.0;
    }
    const double x = v.size() == steps ? v(t) : v(r);
    return std::isfinite(x) ? x : 0.0;
}

FeatureMatrix emptyMatrix(Eigen::Index rows, int window)
{
    FeatureMatrix m;
    m.values = Eigen::MatrixXd::Zero(rows, kFeatureCount);
    m.names = featureNames();
    m.window = window;
    m.reindex();
    return m;
}

} // namespace

const std::vector<FeatureInfo>& featureCatalogue()
{
    static const std::vector<FeatureInfo> catalogue = {
        {"z_last", "newest value's z-score against the window mean and std (signed; the channel "
                   "of largest |z|)"},
        {"z_max", "largest |z-score| of any value in the window"},
        {"robust_z_last", "newest value minus the window median, in robust stds (1.4826 x MAD; "
                          "signed)"},
        {"level_shift", "mean of the window's last third minus the mean of its first two "
                        "thirds, in window stds (signed)"},
        {"std_ratio", "std of the window's last third over the std of its first two thirds "
                      "(1 = unchanged, capped at 100)"},
        {"slope", "least-squares rise across the whole window, in robust stds of the series "
                  "(signed)"},
        {"curvature", "bend of a parabola fitted to the window (edges minus centre), in robust "
                      "stds of the series; > 0 is U-shaped"},
        {"spike_count", "number of values in the window more than 3 robust stds from the "
                        "window median"},
        {"range", "max minus min of the window, in robust stds of the series"},
        {"seasonal_residual",
         "|newest value - the value one period earlier| (minus the typical such "
         "difference) in robust stds of those differences (period estimated "
         "per series; 0 if none)"},
        {"vae_error", "VAE reconstruction error of the window, standardised against normal "
                      "windows (0 without a model)"},
        {"vae_error_max_channel", "standardised reconstruction error of the worst-reconstructed "
                                  "channel (0 without a model)"},
        {"rl_margin", "the RL agent's Q(anomaly) - Q(normal) for the window (0 without a model)"},
        {"hour_of_day", "hour of the newest timestamp, 0-23 UTC (0 without timestamps)"},
        {"day_of_week", "weekday of the newest timestamp, 0 = Monday .. 6 = Sunday, UTC (0 "
                        "without timestamps)"},
        {"channel_spread", "fraction of channels whose newest value is more than 3 robust stds "
                           "from its window median (how many deviate at once)"},
    };
    return catalogue;
}

const std::vector<std::string>& featureNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const FeatureInfo& f : featureCatalogue()) {
            v.push_back(f.name);
        }
        return v;
    }();
    return names;
}

int FeatureMatrix::column(std::string_view name) const
{
    if (m_columns.size() == names.size()) {
        const auto it = m_columns.find(std::string(name));
        return it == m_columns.end() ? -1 : it->second;
    }
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

void FeatureMatrix::reindex()
{
    m_columns.clear();
    for (std::size_t i = 0; i < names.size(); ++i) {
        m_columns.emplace(names[i], static_cast<int>(i));
    }
}

int estimatePeriod(const Eigen::VectorXd& values)
{
    constexpr Eigen::Index kMaxPoints = 1 << 16;
    constexpr Eigen::Index kMaxLag = 5000;
    constexpr double kMinAutocorrelation = 0.3;
    const Eigen::Index n = std::min<Eigen::Index>(values.size(), kMaxPoints);
    if (n < 8) {
        return 0;
    }
    const double* x = values.data() + (values.size() - n);
    // Remove the least-squares line so that a trend does not mask the season.
    double si = 0, sx = 0, sii = 0, six = 0, m = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (std::isfinite(x[i])) {
            const double di = static_cast<double>(i);
            si += di;
            sx += x[i];
            sii += di * di;
            six += di * x[i];
            m += 1.0;
        }
    }
    if (m < 8) {
        return 0;
    }
    const double denom = m * sii - si * si;
    const double b = denom > 0 ? (m * six - si * sx) / denom : 0.0;
    const double a = (sx - b * si) / m;
    std::size_t size = 1;
    while (size < static_cast<std::size_t>(2 * n)) {
        size <<= 1;
    }
    std::vector<std::complex<double>> f(size);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double y = std::isfinite(x[i]) ? x[i] - (a + b * static_cast<double>(i)) : 0.0;
        f[static_cast<std::size_t>(i)] = y;
    }
    fft(f, false);
    for (auto& c : f) {
        c = std::norm(c);
    }
    fft(f, true);
    const double c0 = f[0].real();
    if (!(c0 > 0.0)) {
        return 0;
    }
    const Eigen::Index maxLag = std::min(n / 2, kMaxLag);
    const auto r = [&](Eigen::Index lag) { return f[static_cast<std::size_t>(lag)].real() / c0; };
    // Skip the lags still correlated with lag 0, then take the highest local maximum.
    Eigen::Index lag = 1;
    while (lag <= maxLag && r(lag) > 0.0) {
        ++lag;
    }
    int best = 0;
    double bestR = kMinAutocorrelation;
    for (Eigen::Index l = std::max<Eigen::Index>(lag, 2); l < maxLag; ++l) {
        const double v = r(l);
        if (v >= bestR && v >= r(l - 1) && v >= r(l + 1) && (best == 0 || v > bestR)) {
            best = static_cast<int>(l);
            bestR = v;
        }
    }
    return best;
}

Result<FeatureMatrix> computeWindowFeatures(const Eigen::MatrixXd& values,
                                            const std::vector<std::int64_t>& timestampsMs,
                                            int window, const FeatureInputs& inputs)
{
    const Eigen::Index steps = values.rows();
    const Eigen::Index channels = values.cols();
    if (window < 3) {
        return fail("window features need a window of at least 3 steps, got " +
                    std::to_string(window));
    }
    if (channels < 1) {
        return fail("window features need at least one channel");
    }
    if (!timestampsMs.empty() && static_cast<Eigen::Index>(timestampsMs.size()) != steps) {
        return fail("timestamps have " + std::to_string(timestampsMs.size()) +
                    " entries for a series of " + std::to_string(steps) + " steps");
    }
    const Eigen::Index rows = std::max<Eigen::Index>(0, steps - window + 1);
    const std::pair<const Eigen::VectorXd*, const char*> named[] = {
        {&inputs.vaeError, "vae_error"},
        {&inputs.vaeErrorMaxChannel, "vae_error_max_channel"},
        {&inputs.rlMargin, "rl_margin"}};
    for (const auto& [v, name] : named) {
        if (v->size() != 0 && v->size() != steps && v->size() != rows) {
            return fail(std::string(name) + " input has " + std::to_string(v->size()) +
                        " entries; expected " + std::to_string(steps) + " (steps) or " +
                        std::to_string(rows) + " (windows)");
        }
    }
    FeatureMatrix fm = emptyMatrix(rows, window);
    if (rows == 0) {
        return fm;
    }

    std::vector<double> scale(static_cast<std::size_t>(channels));
    Eigen::MatrixXd residual(steps, channels); // seasonal residual per step, NaN = none
    residual.setConstant(std::numeric_limits<double>::quiet_NaN());
    for (Eigen::Index c = 0; c < channels; ++c) {
        const double* x = values.col(c).data();
        scale[static_cast<std::size_t>(c)] = seriesScale(x, steps);
        const int period = estimatePeriod(values.col(c));
        if (period <= 0) {
            continue;
        }
        Eigen::VectorXd diff(steps);
        diff.setConstant(std::numeric_limits<double>::quiet_NaN());
        for (Eigen::Index t = period; t < steps; ++t) {
            diff(t) = x[t] - x[t - period];
        }
        // Centred on the typical difference: a trend adds the same offset to every one.
        std::vector<double> observedDiff;
        for (Eigen::Index t = period; t < steps; ++t) {
            if (std::isfinite(diff(t))) {
                observedDiff.push_back(diff(t));
            }
        }
        double median = 0.0;
        const double s = seriesScale(diff.data(), steps);
        robustScale(observedDiff, &median);
        for (Eigen::Index t = period; t < steps; ++t) {
            if (std::isfinite(diff(t))) {
                residual(t, c) = std::abs(diff(t) - median) / s;
            }
        }
    }

    WindowKernel kernel(window, static_cast<int>(channels));
    double out[kFeatureCount];
    for (Eigen::Index r = 0; r < rows; ++r) {
        const Eigen::Index t = r + window - 1;
        std::fill(std::begin(out), std::end(out), 0.0);
        const bool any = kernel.compute(values.data() + r, 1, steps, scale.data(), out);
        if (any) {
            double seasonal = 0.0;
            for (Eigen::Index c = 0; c < channels; ++c) {
                const double v = residual(t, c);
                if (std::isfinite(v)) {
                    seasonal = std::max(seasonal, v);
                }
            }
            out[kSeasonalResidual] = seasonal;
            out[kVaeError] = inputAt(inputs.vaeError, t, r, steps);
            out[kVaeErrorMaxChannel] = inputAt(inputs.vaeErrorMaxChannel, t, r, steps);
            out[kRlMargin] = inputAt(inputs.rlMargin, t, r, steps);
        }
        if (!timestampsMs.empty()) {
            const std::int64_t ms = timestampsMs[static_cast<std::size_t>(t)];
            out[kHourOfDay] = static_cast<double>(floorMod(floorDiv(ms, 3'600'000), 24));
            out[kDayOfWeek] = static_cast<double>(floorMod(floorDiv(ms, 86'400'000) + 3, 7));
        }
        for (int f = 0; f < kFeatureCount; ++f) {
            fm.values(r, f) = out[f];
        }
    }
    return fm;
}

Result<FeatureMatrix> computeFlatWindowFeatures(const Eigen::MatrixXd& windows, int channels)
{
    if (channels < 1 || windows.cols() % channels != 0) {
        return fail("flattened windows have " + std::to_string(windows.cols()) +
                    " columns, not a multiple of " + std::to_string(channels) + " channels");
    }
    const int window = static_cast<int>(windows.cols() / channels);
    if (window < 3) {
        return fail("window features need a window of at least 3 steps, got " +
                    std::to_string(window));
    }
    const Eigen::Index rows = windows.rows();
    FeatureMatrix fm = emptyMatrix(rows, window);
    // One window per contiguous column: the kernel then reads memory in order.
    const Eigen::MatrixXd byColumn = windows.transpose();
    const std::vector<double> unit(static_cast<std::size_t>(channels), 1.0);
    WindowKernel kernel(window, channels);
    double out[kFeatureCount];
    for (Eigen::Index r = 0; r < rows; ++r) {
        std::fill(std::begin(out), std::end(out), 0.0);
        kernel.compute(byColumn.col(r).data(), channels, 1, unit.data(), out);
        for (int f = 0; f < kFeatureCount; ++f) {
            fm.values(r, f) = out[f];
        }
    }
    return fm;
}

} // namespace vigil::core
