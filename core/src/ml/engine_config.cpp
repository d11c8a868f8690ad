// SPDX-License-Identifier: MIT
// Presets, configuration I/O, rewards, the λ controller and the torch-free data preparation.
#include "engine_internal.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <thread>

namespace vigil::core {

EngineConfig EngineConfig::paper(bool smd)
{
    EngineConfig c;
    c.preset = EnginePreset::Paper;
    c.scaling = ScalingMode::MinMaxWholeSeries;
    c.channelSelection = smd ? std::vector<int>{0} : std::vector<int>{};
    c.headInitNormal = true;
    c.headInitStd = 1.0;
    c.forgetGateBias = 1.0;
    c.headBiasFromRewards = false;
    c.learningRate = 3e-4;
    c.batchSize = smd ? 128 : 256;
    c.episodes = 3;
    c.updatesPerEpisode = 10;
    c.epsilonStart = 1.0;
    c.epsilonEnd = 0.1;
    c.warmKeepsEpsilon = true; // the reference's ε hardly decays over its 30 updates
    c.bothActionTargets = true;
    c.qGradClip = 0.0;
    if (smd) {
        c.rewardTP = 10.0;
        c.rewardTN = 5.0;
        c.rewardFP = -5.0;
        c.rewardFN = -10.0;
        c.lambda0 = 20.0;
    }
    c.propagatedMinConfidence = 0.0; // the reference trains on every propagated label it takes
    c.replayLabelledOnly = true; // its replay memory holds the windows it stepped: labelled ones
    c.lambdaPerStep = false;
    c.shaping = ShapingMode::ActionIndependent;
    c.potentialShaping = true;
    c.vaeRewardWeight = 1.0;
    c.vaeRewardOnLabelled = true;
    c.vaeRewardRows = 0;
    c.vaeZShift = 0.0;
    c.semanticReward = false;
    c.vaeSigmoidOutput = true;
    c.vaeExcludeAnyAnomalous = false;
    c.vaeMaxWindows = 0;
    c.fitTemperature = false;
    return c;
}

EngineConfig EngineConfig::defaults(bool smd)
{
    EngineConfig c;
    c.preset = EnginePreset::Default;
    c.batchSize = smd ? 128 : 256;
    // The reference's 30 updates in total cannot fit a 128-unit LSTM; Vigil trains longer, a
    // smaller LSTM (the rolling-scaled input needs little memory) that scores 10x faster.
    c.lstmHidden = 32;
    c.episodes = 6;
    c.updatesPerEpisode = 150;
    c.epsilonStart = 0.3;
    c.epsilonEnd = 0.02;
    c.qGradClip = 10.0;
    if (smd) {
        c.rewardTP = 10.0;
        c.rewardTN = 5.0;
        c.rewardFP = -5.0;
        c.rewardFN = -10.0;
        c.lambda0 = 20.0;
    }
    return c;
}

int EngineConfig::effectiveThreads() const
{
    if (threads > 0) {
        return threads;
    }
    if (lstmHidden <= 64) {
        return 1;
    }
    return static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
}

Status EngineConfig::validate() const
{
    auto bad = [](const char* field, const std::string& why) {
        return fail(std::string("engine config: ") + field + " " + why);
    };
    if (window < 2) {
        return bad("window", "must be at least 2");
    }
    for (int c : channelSelection) {
        if (c < 0) {
            return bad("channelSelection", "holds a negative channel");
        }
    }
    if (lstmHidden < 1 || vaeHidden < 1 || vaeLatent < 1) {
        return bad("lstmHidden/vaeHidden/vaeLatent", "must be positive");
    }
    if (!(gamma >= 0.0 && gamma < 1.0)) {
        return bad("gamma", "must lie in [0, 1)");
    }
    if (!(learningRate > 0.0) || !(vaeLearningRate > 0.0)) {
        return bad("learningRate", "must be positive");
    }
    if (batchSize < 1 || vaeBatch < 1 || replayCapacity < batchSize) {
        return bad("batchSize", "must be positive and not above replayCapacity");
    }
    if (episodes < 0 || updatesPerEpisode < 0 || vaeEpochs < 0 || targetUpdateEvery < 1) {
        return bad("episodes/updatesPerEpisode/vaeEpochs/targetUpdateEvery", "out of range");
    }
    if (!(lambdaMin <= lambdaMax)) {
        return bad("lambdaMin", "must not exceed lambdaMax");
    }
    if (!(minObservedFraction >= 0.0 && minObservedFraction <= 1.0)) {
        return bad("minObservedFraction", "must lie in [0, 1]");
    }
    if (!(temperature > 0.0) || !(temperatureMin > 0.0) || !(temperatureMin <= temperatureMax)) {
        return bad("temperature", "must be positive");
    }
    if (scoreChunk < 1 || maxParallelSweeps < 0 || threads < 0) {
        return bad("scoreChunk/maxParallelSweeps/threads", "out of range");
    }
    if (rollingContext < 3) {
        return bad("rollingContext", "must be at least 3");
    }
    if (vaeRewardRows < 0 || vaeRewardRows > window) {
        return bad("vaeRewardRows", "must lie in [0, window]");
    }
    return {};
}

namespace {

// One list of the plain fields keeps toJson() and fromJson() in step.
#define VIGIL_ENGINE_FIELDS(X)                                                                     \
    X(window)                                                                                      \
    X(channelSelection)                                                                            \
    X(robustClip)                                                                                  \
    X(rollingContext)                                                                              \
    X(minObservedFraction)                                                                         \
    X(lstmHidden) X(headInitNormal) X(headInitStd) X(headBiasFromRewards) X(forgetGateBias)        \
        X(gamma) X(learningRate) X(replayCapacity) X(replayWarmup) X(replayLabelledOnly)           \
            X(batchSize) X(targetUpdateEvery) X(updatesPerEpisode) X(episodes) X(epsilonStart)     \
                X(epsilonEnd) X(warmKeepsEpsilon) X(bothActionTargets) X(qGradClip) X(rewardTP)    \
                    X(rewardTN) X(rewardFP) X(rewardFN) X(propagatedMinConfidence)                 \
                        X(propagatedRewardWeight) X(lambda0) X(lambdaAlpha) X(lambdaTarget)        \
                            X(lambdaMin) X(lambdaMax) X(lambdaPerStep) X(potentialShaping)         \
                                X(vaeRewardWeight) X(vaeRewardOnLabelled) X(vaeRewardRows)         \
                                    X(vaeZClip) X(vaeZShift) X(semanticReward) X(semanticBetaMax)  \
                                        X(vaeHidden) X(vaeLatent) X(vaeLogvarClip)                 \
                                            X(vaeSigmoidOutput) X(vaeLearningRate) X(vaeGradClip)  \
                                                X(vaeBatch) X(vaeEpochs) X(vaeExcludeAnyAnomalous) \
                                                    X(vaeMaxWindows) X(temperature)                \
                                                        X(fitTemperature) X(temperatureMin)        \
                                                            X(temperatureMax) X(scoreChunk)        \
                                                                X(maxParallelSweeps) X(seed)       \
                                                                    X(threads)

} // namespace

std::string EngineConfig::toJson() const
{
    nlohmann::json j;
    j["preset"] = preset == EnginePreset::Paper ? "paper" : "default";
    j["scaling"] = scaling == ScalingMode::MinMaxWholeSeries ? "minmax"
                   : scaling == ScalingMode::RollingRobust   ? "rolling"
                                                             : "robust";
    j["shaping"] =
        shaping == ShapingMode::ActionIndependent ? "action-independent" : "action-aware";
#define X(f) j[#f] = f;
    VIGIL_ENGINE_FIELDS(X)
#undef X
    return j.dump();
}

Result<EngineConfig> EngineConfig::fromJson(const std::string& json)
{
    EngineConfig c = defaults();
    try {
        const auto j = nlohmann::json::parse(json);
        if (j.contains("preset")) {
            const auto name = j.at("preset").get<std::string>();
            if (name != "paper" && name != "default") {
                return fail("engine config: preset \"" + name + "\" is not paper or default");
            }
            c.preset = name == "paper" ? EnginePreset::Paper : EnginePreset::Default;
        }
        if (j.contains("scaling")) {
            const auto name = j.at("scaling").get<std::string>();
            if (name != "minmax" && name != "rolling" && name != "robust") {
                return fail("engine config: scaling \"" + name +
                            "\" is not minmax, rolling or robust");
            }
            c.scaling = name == "minmax"    ? ScalingMode::MinMaxWholeSeries
                        : name == "rolling" ? ScalingMode::RollingRobust
                                            : ScalingMode::RobustTrainOnly;
        }
        if (j.contains("shaping")) {
            const auto name = j.at("shaping").get<std::string>();
            if (name != "action-independent" && name != "action-aware") {
                return fail("engine config: shaping \"" + name +
                            "\" is not action-independent or action-aware");
            }
            c.shaping = name == "action-independent" ? ShapingMode::ActionIndependent
                                                     : ShapingMode::ActionAware;
        }
#define X(f)                                                                                       \
    if (j.contains(#f)) {                                                                          \
        j.at(#f).get_to(c.f);                                                                      \
    }
        VIGIL_ENGINE_FIELDS(X)
#undef X
    } catch (const nlohmann::json::exception& e) {
        return fail(std::string("engine config JSON: ") + e.what());
    }
    if (auto st = c.validate(); !st) {
        return st.error();
    }
    return c;
}

Status EngineConfig::checkOverrides(const std::string& json)
{
    nlohmann::json patch;
    try {
        patch = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception& e) {
        return fail(std::string("not JSON: ") + e.what());
    }
    if (!patch.is_object()) {
        return fail("expected a JSON object of configuration fields, such as "
                    "{\"lstmHidden\": 64}, not " +
                    patch.dump());
    }
    nlohmann::json merged = nlohmann::json::parse(defaults().toJson());
    for (const auto& [key, value] : patch.items()) {
        if (!merged.contains(key)) {
            return fail("no configuration field \"" + key +
                        "\" (the JSON report's \"engine\" "
                        "lists every field; names are case-sensitive)");
        }
        const auto& preset = merged[key];
        const bool fits = preset.is_boolean()          ? value.is_boolean()
                          : preset.is_number_integer() ? value.is_number_integer()
                          : preset.is_number()         ? value.is_number()
                          : preset.is_string()         ? value.is_string()
                                                       : false;
        if (!fits) {
            const char* kind = preset.is_boolean()          ? "true or false"
                               : preset.is_number_integer() ? "a whole number"
                               : preset.is_number()         ? "a number"
                                                            : "a name";
            return fail("field \"" + key + "\" needs " + kind + ", not " + value.dump());
        }
        merged[key] = value;
    }
    auto checked = fromJson(merged.dump());
    if (!checked) {
        return checked.error();
    }
    return {};
}

std::array<double, 2> computeRewards(const EngineConfig& config, const RewardContext& ctx)
{
    std::array<double, 2> r{0.0, 0.0};
    const double w = ctx.labelWeight;
    if (ctx.label == 0) {
        r = {config.rewardTN * w, config.rewardFP * w};
    } else if (ctx.label == 1) {
        r = {config.rewardFN * w, config.rewardTP * w};
    }
    const bool unlabelled = ctx.label < 0;
    const bool vaeApplies = unlabelled || config.vaeRewardOnLabelled;
    if (config.shaping == ShapingMode::ActionIndependent) {
        // The reference code: Φ reads the window only and R2 ignores the action, so both
        // actions get the same addition and Q(s,1) - Q(s,0) cannot see them.
        double common = 0.0;
        if (config.potentialShaping) {
            common += config.gamma * ctx.phiNext - ctx.phi;
        }
        if (vaeApplies) {
            common += config.vaeRewardWeight * ctx.lambda * ctx.vaeError;
        }
        r[0] += common;
        r[1] += common;
    } else {
        const double phiS = ctx.prevAction != 0 ? ctx.phiPrev : 1.0 - ctx.phiPrev;
        const double z = std::clamp(ctx.vaeZ, -config.vaeZClip, config.vaeZClip);
        for (int a = 0; a < 2; ++a) {
            const double sign = 2.0 * a - 1.0;
            if (config.potentialShaping) {
                const double phiNext = a != 0 ? ctx.phi : 1.0 - ctx.phi;
                r[a] += config.gamma * phiNext - phiS;
            }
            if (vaeApplies) {
                r[a] += config.vaeRewardWeight * ctx.lambda * sign * z;
            }
        }
    }
    if (config.semanticReward && unlabelled) {
        for (int a = 0; a < 2; ++a) {
            r[a] += ctx.beta * (2.0 * a - 1.0) * (2.0 * ctx.phi - 1.0);
        }
    }
    return r;
}

double updateLambda(const EngineConfig& config, double lambda, double episodeReward,
                    std::int64_t steps)
{
    const double r = config.lambdaPerStep
                         ? episodeReward / static_cast<double>(std::max<std::int64_t>(1, steps))
                         : episodeReward;
    return std::clamp(lambda + config.lambdaAlpha * (config.lambdaTarget - r), config.lambdaMin,
                      config.lambdaMax);
}

double semanticBeta(const EngineConfig& config, double auc)
{
    if (!std::isfinite(auc) || auc <= 0.5) {
        return 0.0;
    }
    return config.semanticBetaMax * std::clamp(2.0 * auc - 1.0, 0.0, 1.0);
}

std::string unusableSeries(const Eigen::MatrixXd& values, const EngineConfig& config)
{
    if (values.rows() < config.window) {
        return phrases::fill(phrases::kFewerThanWindow,
                             {std::to_string(values.rows()), std::to_string(config.window)});
    }
    const auto& selection = config.channelSelection;
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        const bool used = selection.empty() || std::find(selection.begin(), selection.end(),
                                                         static_cast<int>(c)) != selection.end();
        if (used && values.col(c).array().isFinite().any()) {
            return {};
        }
    }
    return phrases::kNoObservedValue;
}

namespace ml {

Result<std::vector<int>> resolveSelection(const EngineConfig& config, int channels)
{
    if (channels < 1) {
        return fail("engine: a series needs at least one channel");
    }
    if (config.channelSelection.empty()) {
        std::vector<int> all(static_cast<std::size_t>(channels));
        std::iota(all.begin(), all.end(), 0);
        return all;
    }
    for (int c : config.channelSelection) {
        if (c < 0 || c >= channels) {
            return fail("engine: selected channel " + std::to_string(c) + " does not exist (" +
                        std::to_string(channels) + " channels)");
        }
    }
    return config.channelSelection;
}

namespace {

double quantileSorted(const std::vector<double>& v, double q)
{
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

} // namespace

Result<Scaler> fitRobustScaler(const std::vector<const Eigen::MatrixXd*>& series,
                               const std::vector<int>& selection, double clip)
{
    Scaler s;
    s.clip = clip;
    for (int c : selection) {
        std::vector<double> v;
        for (const auto* m : series) {
            for (Eigen::Index t = 0; t < m->rows(); ++t) {
                if (std::isfinite((*m)(t, c))) {
                    v.push_back((*m)(t, c));
                }
            }
        }
        if (v.empty()) {
            // A channel never observed in training: centre 0, scale 1, documented as such.
            s.center.push_back(0.0);
            s.scale.push_back(1.0);
            continue;
        }
        std::sort(v.begin(), v.end());
        const double med = quantileSorted(v, 0.5);
        double iqr = quantileSorted(v, 0.75) - quantileSorted(v, 0.25);
        if (!(iqr > 1e-12)) {
            // Mostly constant channels (IQR 0) fall back to the standard deviation.
            double mean = 0.0;
            for (double x : v) {
                mean += x;
            }
            mean /= static_cast<double>(v.size());
            double var = 0.0;
            for (double x : v) {
                var += (x - mean) * (x - mean);
            }
            iqr = std::sqrt(var / static_cast<double>(v.size()));
            if (!(iqr > 1e-12)) {
                iqr = 1.0;
            }
        }
        s.center.push_back(med);
        s.scale.push_back(iqr);
    }
    return s;
}

Scaler fitMinMaxScaler(const Eigen::MatrixXd& values, const std::vector<int>& selection)
{
    Scaler s;
    for (int c : selection) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (Eigen::Index t = 0; t < values.rows(); ++t) {
            const double v = values(t, c);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        if (!std::isfinite(lo)) {
            lo = 0.0;
            hi = 1.0;
        }
        s.center.push_back(lo);
        s.scale.push_back(hi - lo > 0.0 ? hi - lo : 1.0);
    }
    return s;
}

namespace {

void insertSorted(std::vector<double>& v, double x)
{
    v.insert(std::upper_bound(v.begin(), v.end(), x), x);
}

void eraseSorted(std::vector<double>& v, double x)
{
    const auto it = std::lower_bound(v.begin(), v.end(), x);
    if (it != v.end() && *it == x) {
        v.erase(it);
    }
}

/// Median of a sorted vector: the middle value, or the mean of the two middle values.
double sortedMedian(const std::vector<double>& v)
{
    const std::size_t h = v.size() / 2;
    return v.size() % 2 == 1 ? v[h] : 0.5 * (v[h] + v[h - 1]);
}

/// Median of |v_i - center| over a sorted v whose median is `center`, by merging the two runs
/// of deviations that grow outward from the middle (O(n), no copy).
double sortedMedianDeviation(const std::vector<double>& v, double center)
{
    const std::size_t n = v.size();
    std::size_t right = static_cast<std::size_t>(
        std::lower_bound(v.begin(), v.end(), center) - v.begin()); // first >= center
    std::ptrdiff_t left = static_cast<std::ptrdiff_t>(right) - 1;   // last < center
    const std::size_t want = n / 2; // index of the upper middle deviation
    double previous = 0.0;
    double current = 0.0;
    for (std::size_t k = 0; k <= want; ++k) {
        previous = current;
        const bool takeLeft =
            right >= n ||
            (left >= 0 && center - v[static_cast<std::size_t>(left)] < v[right] - center);
        if (takeLeft) {
            current = std::abs(v[static_cast<std::size_t>(left)] - center);
            --left;
        } else {
            current = std::abs(v[right] - center);
            ++right;
        }
    }
    return n % 2 == 1 ? current : 0.5 * (current + previous);
}

} // namespace

std::vector<double> rollingRobustColumn(const Eigen::Ref<const Eigen::VectorXd>& x, int context,
                                        double clip)
{
    // Sliding sorted windows of the past values and of the absolute differences between
    // consecutive finite past values, so each step costs O(context) moves instead of three
    // selections (same values as recomputing each window from scratch; tst_engine checks).
    const Eigen::Index n = x.size();
    std::vector<double> out(static_cast<std::size_t>(n), std::numeric_limits<double>::quiet_NaN());
    std::vector<double> past;  // sorted finite values of x[t - context, t)
    std::vector<double> diffs; // sorted |Δ| of consecutive finite values inside that range
    past.reserve(static_cast<std::size_t>(context) + 1);
    diffs.reserve(static_cast<std::size_t>(context) + 1);
    Eigen::Index lastFinite = -1; // newest finite index inside the window, -1 if none
    for (Eigen::Index t = 0; t < n; ++t) {
        if (t > 0) {
            // The window moves from [t-1-context, t-1) to [t-context, t): x(t-1) enters...
            const Eigen::Index in = t - 1;
            if (std::isfinite(x(in))) {
                if (lastFinite >= 0) {
                    insertSorted(diffs, std::abs(x(in) - x(lastFinite)));
                }
                insertSorted(past, x(in));
                lastFinite = in;
            }
            // ...and x(t-1-context) leaves, with its pair to the next finite value inside.
            const Eigen::Index outIndex = t - 1 - context;
            if (outIndex >= 0 && std::isfinite(x(outIndex))) {
                eraseSorted(past, x(outIndex));
                for (Eigen::Index j = outIndex + 1; j < t; ++j) {
                    if (std::isfinite(x(j))) {
                        eraseSorted(diffs, std::abs(x(j) - x(outIndex)));
                        break;
                    }
                }
                if (lastFinite == outIndex) {
                    lastFinite = -1;
                }
            }
        }
        if (!std::isfinite(x(t))) {
            continue;
        }
        if (past.size() < 3) {
            out[static_cast<std::size_t>(t)] = 0.0;
            continue;
        }
        const double center = sortedMedian(past);
        double spread = 1.4826 * sortedMedianDeviation(past, center);
        if (!diffs.empty()) {
            spread = std::max(spread, sortedMedian(diffs));
        }
        // A constant past makes any change unprecedented: the tiny floor sends it to the clip.
        spread = std::max(spread, 1e-9 * (1.0 + std::abs(center)));
        double z = (x(t) - center) / spread;
        if (clip > 0.0) {
            z = std::clamp(z, -clip, clip);
        }
        out[static_cast<std::size_t>(t)] = z;
    }
    return out;
}

Result<PreparedSeries> prepareSeries(const Eigen::MatrixXd& values,
                                     const std::vector<int>& selection, const Scaler& scaler,
                                     const EngineConfig& config, const std::string& what)
{
    const std::int64_t t = values.rows();
    const int w = config.window;
    EngineConfig used = config;
    used.channelSelection = selection;
    if (auto why = unusableSeries(values, used); !why.empty()) {
        return fail(what + ": " + why);
    }
    PreparedSeries p;
    p.channels = static_cast<int>(selection.size());
    p.length = t;
    p.scaled.assign(static_cast<std::size_t>(t * p.channels), 0.0F);
    p.observed.assign(static_cast<std::size_t>(t), 0);
    for (int k = 0; k < p.channels; ++k) {
        const int c = selection[static_cast<std::size_t>(k)];
        std::vector<double> rolled;
        if (scaler.rolling > 0) {
            rolled = rollingRobustColumn(values.col(c), scaler.rolling, scaler.clip);
        }
        const double center = scaler.rolling > 0 ? 0.0 : scaler.center[static_cast<std::size_t>(k)];
        const double scale = scaler.rolling > 0 ? 1.0 : scaler.scale[static_cast<std::size_t>(k)];
        auto scaleOne = [&](std::int64_t i) {
            if (scaler.rolling > 0) {
                return static_cast<float>(rolled[static_cast<std::size_t>(i)]);
            }
            double s = (values(i, c) - center) / scale;
            if (scaler.clip > 0.0) {
                s = std::clamp(s, -scaler.clip, scaler.clip);
            }
            return static_cast<float>(s);
        };
        // Leading gaps take the first observed value, so imputation never invents a level.
        float last = 0.0F;
        for (std::int64_t i = 0; i < t; ++i) {
            if (std::isfinite(values(i, c))) {
                last = scaleOne(i);
                break;
            }
        }
        for (std::int64_t i = 0; i < t; ++i) {
            const double v = values(i, c);
            if (std::isfinite(v)) {
                last = scaleOne(i);
                p.observed[static_cast<std::size_t>(i)] = 1;
            }
            p.scaled[static_cast<std::size_t>(i * p.channels + k)] = last;
        }
    }
    p.windowValid.assign(static_cast<std::size_t>(t), 0);
    const auto need = static_cast<std::int64_t>(std::ceil(config.minObservedFraction * w - 1e-9));
    std::int64_t count = 0;
    for (std::int64_t i = 0; i < t; ++i) {
        count += p.observed[static_cast<std::size_t>(i)];
        if (i >= w) {
            count -= p.observed[static_cast<std::size_t>(i - w)];
        }
        if (i >= w - 1) {
            p.windowValid[static_cast<std::size_t>(i)] = count >= std::max<std::int64_t>(1, need);
        }
    }
    return p;
}

Eigen::MatrixXd flattenWindows(const PreparedSeries& series, int window)
{
    const std::int64_t n = series.length - window + 1;
    const int c = series.channels;
    Eigen::MatrixXd out(n, static_cast<Eigen::Index>(window) * c);
    for (std::int64_t r = 0; r < n; ++r) {
        const float* src = series.scaled.data() + r * c;
        for (Eigen::Index k = 0; k < out.cols(); ++k) {
            out(r, k) = src[k];
        }
    }
    return out;
}

double rocAucOf(const std::vector<double>& score, const std::vector<int>& label)
{
    std::vector<std::pair<double, int>> v;
    for (std::size_t i = 0; i < score.size(); ++i) {
        if ((label[i] == 0 || label[i] == 1) && std::isfinite(score[i])) {
            v.emplace_back(score[i], label[i]);
        }
    }
    std::sort(v.begin(), v.end());
    double pos = 0.0, neg = 0.0, rankSum = 0.0;
    for (std::size_t i = 0; i < v.size();) {
        std::size_t j = i;
        while (j < v.size() && v[j].first == v[i].first) {
            ++j;
        }
        const double midRank = 0.5 * static_cast<double>(i + j - 1) + 1.0; // ties share ranks
        for (std::size_t k = i; k < j; ++k) {
            if (v[k].second == 1) {
                rankSum += midRank;
                pos += 1.0;
            } else {
                neg += 1.0;
            }
        }
        i = j;
    }
    if (pos == 0.0 || neg == 0.0) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return (rankSum - pos * (pos + 1.0) / 2.0) / (pos * neg);
}

} // namespace ml
} // namespace vigil::core
