// SPDX-License-Identifier: MIT
// The generic delimited-text loader on arbitrary bytes: layout detection and the full parse.
#include "fuzz_check.h"
#include "vigil/importers.h"

using namespace vigil::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = vigil::fuzz::asText(data, size);
    (void)detectCsvLayout(text, "fuzz.csv");
    auto parsed = parseCsv(text, "fuzz.csv");
    if (!parsed) {
        vigil::fuzz::check(!parsed.error().message.empty(), "a CSV error without a message");
        return 0;
    }
    const TimeSeries& s = parsed->series;
    vigil::fuzz::check(s.channelNames.size() == static_cast<std::size_t>(s.channels()),
                       "one channel name per column of values");
    vigil::fuzz::check(s.timestamps.empty() ||
                           s.timestamps.size() == static_cast<std::size_t>(s.length()),
                       "timestamps: none or one per row");
    for (const Label& l : parsed->labels) {
        vigil::fuzz::check(l.begin >= 0 && l.begin < l.end && l.end <= s.length(),
                           "an imported label outside the series");
    }
    return 0;
}
