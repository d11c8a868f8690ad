// SPDX-License-Identifier: MIT
// NAB's combined_windows.json on arbitrary bytes. The key is looked up both under its full
// name and (fallback path) under a folder the JSON does not use.
#include "fuzz_check.h"
#include "vigil/importers.h"

using namespace vigil::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view json = vigil::fuzz::asText(data, size);
    for (const char* key :
         {"realKnownCause/machine_temperature.csv", "other/machine_temperature.csv"}) {
        auto windows = parseNabWindows(json, key, "fuzz.json");
        if (!windows) {
            vigil::fuzz::check(!windows.error().message.empty(), "a NAB error without a message");
            continue;
        }
        for (const auto& [begin, end] : *windows) {
            vigil::fuzz::check(begin <= end, "a NAB window that ends before it begins");
        }
    }
    return 0;
}
