// SPDX-License-Identifier: MIT
// Shared by the libFuzzer targets and their replay test: a broken invariant must stop the run
// the same way a crash does, so that libFuzzer keeps the input and the replay test fails on it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace vigil::fuzz {

/// Aborts with a message when `ok` is false (an abort is a finding for libFuzzer and a failed
/// ctest for the replay).
inline void check(bool ok, const char* what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

inline std::string_view asText(const std::uint8_t* data, std::size_t size)
{
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace vigil::fuzz

// The one entry point every target defines (libFuzzer's contract).
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
