// SPDX-License-Identifier: MIT
// Parse speed of the generic CSV reader: ~200 MB of timestamp + 4 float columns, best of 3.
#include "vigil/importers.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>

int main()
{
    constexpr std::size_t kTargetBytes = 200u * 1024u * 1024u;
    std::string text = "timestamp,a,b,c,d\n";
    text.reserve(kTargetBytes + 4096);
    std::mt19937_64 rng(42);
    std::normal_distribution<double> noise(0.0, 1.0);
    char buffer[64];
    std::int64_t t = 1'400'000'000;
    while (text.size() < kTargetBytes) {
        auto r = std::to_chars(buffer, buffer + sizeof buffer, t++);
        text.append(buffer, r.ptr);
        for (int c = 0; c < 4; ++c) {
            text += ',';
            // Six decimals, like most exported sensor data (and SMD).
            r = std::to_chars(buffer, buffer + sizeof buffer, 100.0 * c + noise(rng),
                              std::chars_format::fixed, 6);
            text.append(buffer, r.ptr);
        }
        text += '\n';
    }

    double best = 1e300;
    std::int64_t rows = 0;
    for (int run = 0; run < 3; ++run) {
        const auto start = std::chrono::steady_clock::now();
        auto result = vigil::core::parseCsv(text, "bench.csv");
        const auto stop = std::chrono::steady_clock::now();
        if (!result) {
            std::fprintf(stderr, "parse failed: %s\n", result.error().message.c_str());
            return 1;
        }
        rows = result->series.length();
        best = std::min(best, std::chrono::duration<double>(stop - start).count());
    }
    const double mb = static_cast<double>(text.size()) / 1e6;
    std::printf("csv_bytes %zu\n", text.size());
    std::printf("csv_rows %lld\n", static_cast<long long>(rows));
    std::printf("csv_parse_seconds %.3f\n", best);
    std::printf("csv_parse_mb_per_s %.1f\n", mb / best);
    return 0;
}
