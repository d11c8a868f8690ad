// SPDX-License-Identifier: MIT
// The untrusted text of an LLM reply: JSON extraction (with and without a required key), the
// potential reply schema and the llm-window severity, single and batched.
#include "fuzz_check.h"
#include "vigil/llm_potential.h"

#include <cmath>

using namespace vigil::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text = vigil::fuzz::asText(data, size);
    (void)extractJsonObject(text);
    if (auto json = extractJsonObject(text, "potential")) {
        // What was extracted is a substring of the reply.
        vigil::fuzz::check(text.find(*json) != std::string_view::npos,
                           "the extracted object is not part of the reply");
    }
    if (auto reply = parsePotentialReply(text)) {
        vigil::fuzz::check(!reply->expression.empty(), "an accepted reply without an expression");
    }
    if (auto severity = LlmWindowPotential::parseSeverity(text)) {
        vigil::fuzz::check(std::isfinite(*severity) && *severity >= 0.0 && *severity <= 1.0,
                           "a severity outside [0, 1]");
    }
    const std::size_t count = size % 7 + 1;
    if (auto severities = LlmWindowPotential::parseSeverities(text, count)) {
        vigil::fuzz::check(severities->size() == count, "a batch of the wrong length accepted");
        for (const double s : *severities) {
            vigil::fuzz::check(std::isfinite(s) && s >= 0.0 && s <= 1.0,
                               "a batched severity outside [0, 1]");
        }
    }
    return 0;
}
