// SPDX-License-Identifier: MIT
// Engine throughput on a 10 000-point synthetic series: scoring windows/s (full W = 25,
// hidden 128 LSTM with the agent's own flags) and VAE training samples/s.
#include "vigil/engine.h"

#include <algorithm>
#include <chrono>
#include <vector>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>

using namespace vigil::core;

namespace {

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

} // namespace

int main(int argc, char** argv)
{
    const int length = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int threads = argc > 2 ? std::atoi(argv[2]) : 0;
    std::mt19937 rng(1);
    std::normal_distribution<double> noise(0.0, 0.1);
    TrainingSeries series;
    series.values.resize(length, 1);
    series.labels.assign(static_cast<std::size_t>(length), -1);
    for (int t = 0; t < length; ++t) {
        series.values(t, 0) = std::sin(2.0 * M_PI * t / 60.0) + noise(rng);
        if (t % 97 == 50) {
            series.values(t, 0) += 4.0;
            series.labels[static_cast<std::size_t>(t)] = 1;
        } else if (t % 5 == 0) {
            series.labels[static_cast<std::size_t>(t)] = 0;
        }
    }
    TrainingSet set;
    set.series.push_back(series);

    auto config = EngineConfig::defaults();
    config.threads = threads;
    config.episodes = 1;
    config.updatesPerEpisode = 20;
    config.vaeEpochs = 5;
    auto det = Detector::create(config, 1);
    if (!det) {
        std::fprintf(stderr, "%s\n", det.error().message.c_str());
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto st = (*det)->train(set, HeuristicPotential());
    if (!st) {
        std::fprintf(stderr, "%s\n", st.error().message.c_str());
        return 1;
    }
    const double trainSeconds = seconds(t0);
    const auto& report = (*det)->report();
    const double vaeSamples = static_cast<double>(report.vaeWindows) * config.vaeEpochs;

    // Time the VAE alone: a detector with no episodes.
    auto vaeOnly = config;
    vaeOnly.episodes = 0;
    vaeOnly.fitTemperature = false;
    auto det2 = Detector::create(vaeOnly, 1);
    const auto t1 = std::chrono::steady_clock::now();
    if (!det2 || !(*det2)->train(set, HeuristicPotential())) {
        return 1;
    }
    const double vaeSeconds = seconds(t1);

    (void)(*det)->score(series.values); // warm-up
    // Scoring times on a shared 2-core machine scatter by ±30 %: report the median of 11.
    const int repeats = 11;
    std::vector<double> scoreTimes;
    for (int r = 0; r < repeats; ++r) {
        const auto t2 = std::chrono::steady_clock::now();
        auto s = (*det)->score(series.values);
        if (!s) {
            std::fprintf(stderr, "%s\n", s.error().message.c_str());
            return 1;
        }
        scoreTimes.push_back(seconds(t2));
    }
    std::sort(scoreTimes.begin(), scoreTimes.end());
    const double scoreSeconds = scoreTimes[scoreTimes.size() / 2];

    // Incremental retraining after a batch of labels (issue #5): the `default` configuration,
    // warm-started for one episode, then the series re-scored.
    auto full = EngineConfig::defaults();
    full.threads = threads;
    full.episodes = 1;
    auto det3 = Detector::create(full, 1);
    if (!det3 || !(*det3)->train(set, HeuristicPotential())) {
        return 1;
    }
    for (std::size_t t = 0; t < series.labels.size(); t += 7) {
        series.labels[t] = series.labels[t] < 0 ? 0 : series.labels[t];
    }
    TrainingSet more;
    more.series.push_back(series);
    const auto t3 = std::chrono::steady_clock::now();
    if (!(*det3)->retrain(more, HeuristicPotential(), 1) || !(*det3)->score(series.values)) {
        return 1;
    }
    const double retrainSeconds = seconds(t3);
    const double windows = length - config.window + 1;
    std::printf("engine bench: %d points, W %d, hidden %d, threads %d (asked %d, hardware %u)\n",
                length, config.window, config.lstmHidden, config.effectiveThreads(), threads,
                std::thread::hardware_concurrency());
    std::printf("scoring: %.0f windows/s (median of %d: %.3f s per series, VAE errors included; "
                "slowest %.0f, fastest %.0f windows/s)\n",
                windows / scoreSeconds, repeats, scoreSeconds, windows / scoreTimes.back(),
                windows / scoreTimes.front());
    std::printf("VAE training: %.0f samples/s (%lld windows x %d epochs in %.2f s)\n",
                vaeSamples / vaeSeconds, static_cast<long long>(report.vaeWindows),
                config.vaeEpochs, vaeSeconds);
    std::printf("full train (VAE + 1 episode, %d updates of batch %d): %.2f s\n",
                config.updatesPerEpisode, config.batchSize, trainSeconds);
    std::printf("incremental retrain (default config, warm start, 1 episode of %d updates, "
                "then re-score): %.2f s\n",
                full.updatesPerEpisode, retrainSeconds);
    return 0;
}
