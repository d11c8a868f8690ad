// SPDX-License-Identifier: MIT
// Helper of tst_faults, killed with SIGKILL while it writes.
// Usage: fault_writer models <project> <blob bytes> <seed>
// Stores model after model, each with a blob that is a pure function of the seed written into
// its config JSON (so a reader can tell a torn blob from a whole one), and prints "ok <seed>"
// once addModel returned: the project then promised to keep it.
#include "vigil/project.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

/// The blob of a seed (the test computes the same bytes): a cheap LCG stream.
std::vector<std::uint8_t> blobFor(std::uint64_t seed, std::size_t bytes)
{
    std::vector<std::uint8_t> blob(bytes);
    std::uint64_t x = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    for (std::uint8_t& b : blob) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        b = static_cast<std::uint8_t>(x >> 56);
    }
    return blob;
}

} // namespace

int main(int argc, char** argv)
{
    using namespace vigil::core;
    if (argc != 5 || std::strcmp(argv[1], "models") != 0) {
        std::fprintf(stderr, "usage: %s models <project> <blob bytes> <seed>\n", argv[0]);
        return 2;
    }
    const auto bytes = static_cast<std::size_t>(std::atoll(argv[3]));
    std::uint64_t seed = std::strtoull(argv[4], nullptr, 10);
    auto project = Project::open(argv[2], OpenMode::OpenExisting);
    if (!project) {
        std::fprintf(stderr, "%s\n", project.error().message.c_str());
        return 1;
    }
    for (;; ++seed) {
        const std::string config = "{\"seed\":" + std::to_string(seed) + "}";
        auto version = (*project)->addModel("fault", config, blobFor(seed, bytes), "{}");
        if (!version) {
            std::fprintf(stderr, "%s\n", version.error().message.c_str());
            return 1;
        }
        std::printf("ok %llu\n", static_cast<unsigned long long>(seed));
        std::fflush(stdout);
    }
}
