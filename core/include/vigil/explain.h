// SPDX-License-Identifier: MIT
// Why a window scores as it does (LLM.md, "Explanations shown to the analyst"): the potential's
// value and each top-level term's computed contribution, the provider's summary and reasons
// (marked generated when a model wrote them), the VAE error per channel, the Q-values and
// score of the newest model version, and the nearest labelled windows.
//
// Thread rules: uses the Project from the calling thread only.
#pragma once

#include "vigil/progress.h"
#include "vigil/project.h"
#include "vigil/result.h"

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace vigil::core {

/// One top-level term of the potential at the explained window.
struct ExplainedTerm
{
    std::string expr;          ///< canonical text (without the sign)
    int sign = 1;
    double contribution = 0.0; ///< computed value, sign included
    std::string why;           ///< the provider's reason ("" when it gave none)
};

/// A labelled window near the explained one.
struct NeighbourWindow
{
    std::string series;
    std::int64_t end = 0; ///< newest row
    int label = 0;        ///< 1 anomaly, 0 normal
    double distance = 0.0;
};

/// Everything explainWindow() found.
struct WindowExplanation
{
    static constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

    std::string series;
    std::int64_t at = 0;
    int window = 0;
    TimeKind timeKind = TimeKind::Index; ///< how `time` reads
    std::int64_t time = 0;               ///< the timestamp of row `at` (epoch ms or the file's)
    /// Set when the window has no observed value: every data feature is then 0 and the
    /// potential's value is that of no data, not evidence.
    std::string dataNote;

    std::string expression;
    double potential = 0.0;
    std::vector<ExplainedTerm> terms;
    std::string summary;
    std::string provider;
    std::string providerName;
    std::string model;
    bool generated = false;
    double potentialAuc = kNan;
    std::string potentialNote; ///< e.g. "no potential stored yet; ..."
    std::vector<std::pair<std::string, double>> features;

    bool modelAvailable = false;
    std::int64_t modelVersion = 0;
    std::string modelNote; ///< why there are no model numbers
    double probability = kNan;
    double q0 = kNan;
    double q1 = kNan;
    double reconstructionError = kNan;
    std::vector<std::string> channelNames;
    std::vector<double> channelError;

    std::vector<NeighbourWindow> nearest;
};

struct ExplainOptions
{
    int window = 25;
    int neighbours = 3;
    /// When set and cancelled, the scoring stops and the explanation fails with
    /// kCancelledMessage (scoring a 1M-row series takes seconds).
    const CancelToken* cancel = nullptr;
};

/// Explains the window of `series` whose newest row is `at`.
Result<WindowExplanation> explainWindow(Project& project, const std::string& series,
                                        std::int64_t at, const ExplainOptions& options = {});

} // namespace vigil::core
