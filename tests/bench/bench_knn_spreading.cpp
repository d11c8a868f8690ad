// SPDX-License-Identifier: MIT
// kNN label spreading at scale: 1 000 000 sliding windows (dimension 25) of a noisy seasonal
// series with spikes, 1% of them labelled (1 when the window holds a spike). Prints
// `knn_graph_seconds`, `knn_solve_seconds`, `knn_total_seconds` and N (the target is <= 60 s
// on 2 cores), plus an estimate of the neighbour recall against brute force on sampled queries
// and the accuracy of the propagated labels. `bench_knn_spreading <N> [trees refineRounds]` runs
// another size or search setting.
#include "vigil/knn_spreading.h"

#include <Eigen/Core>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <random>
#include <vector>

using namespace vigil::core;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv)
{
    const Eigen::Index n = argc > 1 ? std::atoll(argv[1]) : 1'000'000;
    const Eigen::Index w = 25;
    const Eigen::Index length = n + w - 1;

    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0.0, 0.15);
    std::vector<double> series(static_cast<std::size_t>(length));
    std::vector<char> spike(static_cast<std::size_t>(length), 0);
    for (Eigen::Index t = 0; t < length; ++t) {
        const double td = static_cast<double>(t);
        series[static_cast<std::size_t>(t)] = std::sin(2.0 * std::numbers::pi * td / 96.0) +
                                              0.4 * std::sin(2.0 * std::numbers::pi * td / 672.0) +
                                              noise(rng);
        if (rng() % 2000 == 0) {
            series[static_cast<std::size_t>(t)] += (rng() % 2 == 0 ? 4.0 : -4.0);
            spike[static_cast<std::size_t>(t)] = 1;
        }
    }
    Eigen::MatrixXd x(n, w);
    std::vector<int> truth(static_cast<std::size_t>(n), 0);
    for (Eigen::Index j = 0; j < w; ++j) {
        for (Eigen::Index i = 0; i < n; ++i) {
            x(i, j) = series[static_cast<std::size_t>(i + j)];
            if (spike[static_cast<std::size_t>(i + j)] != 0) {
                truth[static_cast<std::size_t>(i)] = 1;
            }
        }
    }
    std::vector<int> labels(static_cast<std::size_t>(n), kUnlabelled);
    Eigen::Index labelled = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        if (rng() % 100 == 0) {
            labels[static_cast<std::size_t>(i)] = truth[static_cast<std::size_t>(i)];
            ++labelled;
        }
    }

    KnnSpreadingConfig config;
    if (argc > 3) { // bench_knn_spreading <N> <trees> <refineRounds>: tuning runs
        config.graph.trees = std::atoi(argv[2]);
        config.graph.refineRounds = std::atoi(argv[3]);
    }
    const auto start = std::chrono::steady_clock::now();
    auto result = spreadLabelsKnn(x, labels, config);
    const double total = secondsSince(start);
    if (!result) {
        std::fprintf(stderr, "%s\n", result.error().message.c_str());
        return 1;
    }

    std::int64_t correct = 0;
    std::int64_t scored = 0;
    std::int64_t anomalies = 0;
    std::int64_t anomaliesFound = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto u = static_cast<std::size_t>(i);
        if (labels[u] != kUnlabelled || result->spreading.predicted[u] == kUnlabelled) {
            continue;
        }
        ++scored;
        correct += result->spreading.predicted[u] == truth[u] ? 1 : 0;
        if (truth[u] == 1) {
            ++anomalies;
            anomaliesFound += result->spreading.predicted[u] == 1 ? 1 : 0;
        }
    }

    std::printf("N %lld\n", static_cast<long long>(n));
    std::printf("labelled %lld\n", static_cast<long long>(labelled));
    std::printf("exact_search %d\n", result->exactSearch ? 1 : 0);
    std::printf("edges %lld\n", static_cast<long long>(result->edges));
    std::printf("iterations %d\n", result->spreading.iterations);
    std::printf("unreached %lld\n", static_cast<long long>(result->unreached));
    std::printf("propagated_accuracy %.4f\n",
                scored > 0 ? static_cast<double>(correct) / static_cast<double>(scored) : 0.0);
    std::printf("anomaly_recall %.4f\n",
                anomalies > 0 ? static_cast<double>(anomaliesFound) / static_cast<double>(anomalies)
                              : 0.0);
    std::printf("knn_graph_seconds %.3f\n", result->graphSeconds);
    std::printf("knn_solve_seconds %.3f\n", result->solveSeconds);
    std::printf("knn_total_seconds %.3f\n", total);

    // Neighbour recall on sampled queries: the graph again (same seed, same lists), then brute
    // force for 50 queries.
    auto graph = buildKnnGraph(x, config.graph);
    if (!graph) {
        std::fprintf(stderr, "%s\n", graph.error().message.c_str());
        return 1;
    }
    const int k = graph->k;
    const int queries = 50;
    std::int64_t hits = 0;
    std::vector<double> d(static_cast<std::size_t>(n));
    for (int q = 0; q < queries; ++q) {
        const auto i = static_cast<Eigen::Index>(rng() % static_cast<std::uint64_t>(n));
        for (Eigen::Index j = 0; j < n; ++j) {
            d[static_cast<std::size_t>(j)] =
                j == i ? INFINITY : (x.row(j) - x.row(i)).squaredNorm();
        }
        std::vector<double> sorted = d;
        std::nth_element(sorted.begin(), sorted.begin() + (k - 1), sorted.end());
        const double kth = sorted[static_cast<std::size_t>(k - 1)];
        for (int s = 0; s < k; ++s) {
            const auto j =
                graph->indices[static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                               static_cast<std::size_t>(s)];
            hits += d[static_cast<std::size_t>(j)] <= kth * (1.0 + 1e-5) ? 1 : 0;
        }
    }
    std::printf("knn_recall_estimate %.4f\n",
                static_cast<double>(hits) / static_cast<double>(queries * k));
    return 0;
}
