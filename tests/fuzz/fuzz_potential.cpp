// SPDX-License-Identifier: MIT
// The potential-language parser on arbitrary text. What parses must print canonically, reparse
// to the same text (potential_language.h promises this) and evaluate to φ ∈ [0, 1] on real
// window features without NaN.
#include "fuzz_check.h"
#include "vigil/potential_language.h"
#include "vigil/window_features.h"

#include <cmath>

using namespace vigil::core;

namespace {

/// Features of a small series with a spike, a gap and a level shift: computed once.
const FeatureMatrix& sampleFeatures()
{
    static const FeatureMatrix features = [] {
        Eigen::MatrixXd values(80, 2);
        for (int t = 0; t < 80; ++t) {
            values(t, 0) = std::sin(t * 0.3) + (t == 40 ? 6.0 : 0.0);
            values(t, 1) = t < 50 ? 1.0 : 3.0;
        }
        values(10, 1) = std::nan("");
        auto f = computeWindowFeatures(values, {}, 25);
        vigil::fuzz::check(f.ok(), "sample features");
        return *f;
    }();
    return features;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    PotentialError detail;
    auto expr = parsePotential(vigil::fuzz::asText(data, size), &detail);
    if (!expr) {
        vigil::fuzz::check(!expr.error().message.empty(), "a parse error without a message");
        return 0;
    }
    const std::string canonical = toString(*expr);
    auto again = parsePotential(canonical);
    vigil::fuzz::check(again.ok(), "the canonical text does not parse");
    vigil::fuzz::check(toString(*again) == canonical, "the canonical text is not stable");
    (void)topLevelTerms(*expr);

    auto phi = evaluatePotential(*expr, sampleFeatures());
    vigil::fuzz::check(phi.ok(), "a valid expression does not evaluate");
    for (Eigen::Index i = 0; i < phi->size(); ++i) {
        const double v = (*phi)(i);
        vigil::fuzz::check(std::isfinite(v) && v >= 0.0 && v <= 1.0, "φ outside [0, 1]");
    }
    return 0;
}
