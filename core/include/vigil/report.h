// SPDX-License-Identifier: MIT
// A short report of a project (UX.md, "the loop", step 5): what was labelled, what the newest
// model flags, the potential function in use, and one SVG plot per series (values with the
// labelled anomalies shaded and the newest score underneath). Markdown with the plots as SVG
// files beside it, or one self-contained HTML page with the plots inline. Qt-free: the CLI and
// the GUI write the same report.
#pragma once

#include "vigil/progress.h"
#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace vigil::core {

class Project;

enum class ReportFormat {
    Markdown, ///< report.md, the plots beside it as <stem>-<n>.svg
    Html,     ///< report.html, one page with the plots inline (no script, no other file)
};

/// Html for a path ending in .html or .htm (any case), Markdown for anything else.
ReportFormat reportFormatFor(const std::string& path);

struct ReportOptions
{
    std::string path;            ///< the report file; its extension chooses the format
    int plotWidth = 900;         ///< SVG size in pixels
    int plotHeight = 200;
    /// A point counts as flagged at score ≥ this; NaN = the model's own decision threshold (its
    /// metrics' "decision_threshold"), 0.5 when it has none.
    double flagThreshold = std::numeric_limits<double>::quiet_NaN();
    int maxRangesListed = 20;    ///< labelled anomaly ranges listed per series
};

struct ReportResult
{
    std::vector<std::string> files; ///< the report first, then the plots (Markdown only)
};

/// Writes the report (files replaced atomically). Fails with a clear message when the project
/// cannot be read or a file cannot be written; `progress` gets the fraction of series done.
Result<ReportResult> writeReport(const Project& project, const ReportOptions& options,
                                 const ProgressSink& progress = {}, const CancelToken& cancel = {});

/// One series as an SVG line plot (min/max envelope per pixel column, each channel scaled to the
/// plot), anomaly ranges [begin, end) shaded, `score` (NaN = none) drawn in a band underneath.
std::string seriesSvg(const Eigen::MatrixXd& values,
                      const std::vector<std::pair<std::int64_t, std::int64_t>>& anomalies,
                      const std::vector<double>& score, int width, int height);

} // namespace vigil::core
