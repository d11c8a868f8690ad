// SPDX-License-Identifier: MIT
// Potential-language evaluation speed: a 10-term expression over 2 M windows of random
// features, single thread. Prints `potential_evals_per_s <n>` (LLM.md asks for millions per
// second) and, for scale, the feature computation rate on a 100 000-point series.
#include "vigil/potential_language.h"
#include "vigil/window_features.h"

#include <Eigen/Core>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>

using namespace vigil::core;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main()
{
    const char* text = "0.3*sigmoid(1.5*robust_z_last - 2) + 0.2*abs(level_shift) "
                       "+ 0.1*(spike_count > 2) + 0.05*range + min(std_ratio, 3)/3 "
                       "+ 0.1*tanh(slope) - 0.2*(seasonal_residual < 1) + 0.1*max(z_max, 0) "
                       "+ 0.1*clamp(curvature, -1, 1) + 0.05*log(1 + abs(z_last))";
    auto expr = parsePotential(text);
    if (!expr) {
        std::fprintf(stderr, "%s\n", expr.error().message.c_str());
        return 1;
    }
    auto program = CompiledPotential::compile(*expr, featureNames());
    if (!program) {
        std::fprintf(stderr, "%s\n", program.error().message.c_str());
        return 1;
    }
    const Eigen::Index rows = 2'000'000;
    std::mt19937_64 rng(1);
    std::normal_distribution<double> normal(0.0, 2.0);
    Eigen::MatrixXd features(rows, static_cast<Eigen::Index>(featureNames().size()));
    for (Eigen::Index i = 0; i < features.size(); ++i) {
        features.data()[i] = normal(rng);
    }
    double checksum = program->evaluate(features).sum(); // warm-up
    const int repeats = 5;
    const auto start = std::chrono::steady_clock::now();
    for (int k = 0; k < repeats; ++k) {
        checksum += program->evaluate(features).sum();
    }
    const double seconds = secondsSince(start);
    const double rate = static_cast<double>(rows) * repeats / seconds;
    std::printf("terms %zu, instructions %d, windows %lld x %d in %.3f s (checksum %.3f)\n",
                topLevelTerms(*expr).size(), program->instructionCount(),
                static_cast<long long>(rows), repeats, seconds, checksum);
    std::printf("potential_evals_per_s %.0f\n", rate);

    // Features of a 100 000-point univariate series, W = 25.
    const Eigen::Index steps = 100'000;
    Eigen::MatrixXd series(steps, 1);
    for (Eigen::Index t = 0; t < steps; ++t) {
        series(t, 0) =
            std::sin(static_cast<double>(t) * 2.0 * 3.141592653589793 / 144.0) + 0.1 * normal(rng);
    }
    const auto fStart = std::chrono::steady_clock::now();
    const auto fm = computeWindowFeatures(series, {}, 25);
    const double fSeconds = secondsSince(fStart);
    if (!fm) {
        std::fprintf(stderr, "%s\n", fm.error().message.c_str());
        return 1;
    }
    std::printf("window_features_100k_w25_s %.3f (period %d)\n", fSeconds,
                estimatePeriod(series.col(0)));
    return 0;
}
