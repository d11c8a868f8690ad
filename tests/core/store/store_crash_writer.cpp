// SPDX-License-Identifier: MIT
// Usage: store_crash_writer <project> <series id> <first row> [count]
// Paints labels [first + 3i, first + 3i + 2) and prints "ok <i>" once each assignLabel returned,
// so the crash test knows which edits the project promised to keep.
#include "vigil/project.h"

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv)
{
    using namespace vigil::core;
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s <project> <series id> <first row> [count]\n", argv[0]);
        return 2;
    }
    const std::int64_t seriesId = std::atoll(argv[2]);
    const std::int64_t first = std::atoll(argv[3]);
    const long count = argc > 4 ? std::atol(argv[4]) : 100000;
    auto project = Project::open(argv[1], OpenMode::OpenExisting);
    if (!project) {
        std::fprintf(stderr, "%s\n", project.error().message.c_str());
        return 1;
    }
    for (long i = 0; i < count; ++i) {
        Label l;
        l.seriesId = seriesId;
        l.begin = first + 3 * i;
        l.end = l.begin + 2;
        l.author = "crash";
        auto diff = (*project)->assignLabel(l, "crash " + std::to_string(i));
        if (!diff) {
            std::fprintf(stderr, "%s\n", diff.error().message.c_str());
            return 1;
        }
        std::printf("ok %ld\n", i);
        std::fflush(stdout);
    }
    return 0;
}
