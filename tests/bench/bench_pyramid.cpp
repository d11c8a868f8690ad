// SPDX-License-Identifier: MIT
// Min/max pyramid (the chart's decimation index): build time for 1 M and 10 M points of one
// channel, then the two queries the chart makes: exact range min/max and decimation of a random
// visible range to 1400 pixel columns (spans log-uniform from 100 rows to the whole series).
// `bench_pyramid [max points]` stops at a smaller size.
#include "vigil/pyramid.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

using namespace vigil::core;

namespace {

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(std::lround(q * static_cast<double>(v.size() - 1)))];
}

} // namespace

int main(int argc, char** argv)
{
    const long long maxPoints = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
    std::mt19937_64 rng(3);
    std::normal_distribution<double> noise(0.0, 0.2);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (const long long n : {1'000'000LL, 10'000'000LL}) {
        if (n > maxPoints) {
            break;
        }
        Eigen::MatrixXd values(n, 1);
        for (long long t = 0; t < n; ++t) {
            values(t, 0) = std::sin(static_cast<double>(t) * 0.001) + noise(rng);
        }
        values(n / 3, 0) = std::nan(""); // a gap, as real data has

        double buildSeconds = 1e300;
        MinMaxPyramid pyramid;
        for (int repeat = 0; repeat < 3; ++repeat) { // best of 3
            const auto start = std::chrono::steady_clock::now();
            pyramid = MinMaxPyramid::build(values);
            buildSeconds = std::min(buildSeconds, secondsSince(start));
        }

        const int queries = 200'000;
        double checksum = 0.0;
        auto start = std::chrono::steady_clock::now();
        for (int q = 0; q < queries; ++q) {
            const auto a = static_cast<std::int64_t>(u(rng) * static_cast<double>(n));
            const auto b = static_cast<std::int64_t>(u(rng) * static_cast<double>(n));
            const MinMax mm = pyramid.rangeMinMax(0, std::min(a, b), std::max(a, b) + 1);
            checksum += mm.empty() ? 0.0 : mm.max - mm.min;
        }
        const double rangeSeconds = secondsSince(start);

        std::vector<double> decimateMs;
        std::size_t maxDrawn = 0;
        const double full = static_cast<double>(n);
        for (int step = 0; step < 500; ++step) {
            const double span = std::exp(std::log(100.0) + u(rng) * std::log(full / 100.0));
            const double centre = u(rng) * full;
            start = std::chrono::steady_clock::now();
            const DecimatedPoints points =
                pyramid.decimate(0, centre - span / 2, centre + span / 2, 1400);
            decimateMs.push_back(secondsSince(start) * 1e3);
            maxDrawn = std::max(maxDrawn, points.size());
        }
        std::printf("points %lld (levels %d, checksum %.3f)\n", n, pyramid.levels(), checksum);
        std::printf("pyramid_build_ms_%lld %.1f\n", n, buildSeconds * 1e3);
        std::printf("pyramid_build_mpoints_per_s_%lld %.1f\n", n,
                    static_cast<double>(n) / buildSeconds / 1e6);
        std::printf("pyramid_range_minmax_us_%lld %.3f\n", n, rangeSeconds / queries * 1e6);
        std::printf("pyramid_decimate_1400px_median_ms_%lld %.3f\n", n,
                    percentile(decimateMs, 0.5));
        std::printf("pyramid_decimate_1400px_p95_ms_%lld %.3f\n", n, percentile(decimateMs, 0.95));
        std::printf("pyramid_decimate_max_points_%lld %zu\n", n, maxDrawn);
    }
    return 0;
}
