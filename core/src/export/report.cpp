// SPDX-License-Identifier: MIT
#include "vigil/report.h"

#include "common/fixed_text.h"

#include "vigil/exporters.h"
#include "vigil/label.h"
#include "vigil/project.h"
#include "vigil/project_models.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <limits>
#include <sstream>

namespace vigil::core {
namespace {

namespace fs = std::filesystem;

/// Markdown table cells: pipes and line breaks would break the row.
std::string cell(std::string text)
{
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n' || c == '\r') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

/// The expert anomaly ranges of a series, merged where they touch (any channel).
std::vector<std::pair<std::int64_t, std::int64_t>> anomalyRanges(const std::vector<Label>& labels)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> r;
    for (const auto& l : labels) {
        if (l.classId == kClassAnomaly &&
            (l.source == LabelSource::Human || l.source == LabelSource::Imported)) {
            r.emplace_back(l.begin, l.end);
        }
    }
    std::sort(r.begin(), r.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    for (const auto& x : r) {
        if (!merged.empty() && x.first <= merged.back().second) {
            merged.back().second = std::max(merged.back().second, x.second);
        } else {
            merged.push_back(x);
        }
    }
    return merged;
}

// Colour-blind-safe (Okabe–Ito) channel colours; orange shading for anomalies.
constexpr const char* kColours[] = {"#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#E69F00",
                                    "#000000", "#D55E00", "#F0E442"};

} // namespace

std::string seriesSvg(const Eigen::MatrixXd& values,
                      const std::vector<std::pair<std::int64_t, std::int64_t>>& anomalies,
                      const std::vector<double>& score, int width, int height)
{
    width = std::max(width, 50);
    height = std::max(height, 40);
    const Eigen::Index n = values.rows();
    const bool haveScore = std::any_of(score.begin(), score.end(),
                                       [](double v) { return std::isfinite(v); });
    const double valueHeight = haveScore ? height * 0.72 : height;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\""
        << height << "\" viewBox=\"0 0 " << width << ' ' << height << "\">\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
    if (n == 0) {
        svg << "</svg>\n";
        return svg.str();
    }
    auto xOf = [&](double row) { return row * width / static_cast<double>(n); };
    for (const auto& [b, e] : anomalies) {
        const double x0 = xOf(static_cast<double>(std::clamp<std::int64_t>(b, 0, n)));
        const double x1 = xOf(static_cast<double>(std::clamp<std::int64_t>(e, 0, n)));
        svg << "<rect x=\"" << fixedText(x0, 1) << "\" y=\"0\" width=\""
            << fixedText(std::max(1.0, x1 - x0), 1) << "\" height=\"" << height
            << "\" fill=\"#E69F00\" fill-opacity=\"0.35\"/>\n";
    }
    // Per pixel column: min and max of each channel (an envelope, so spikes survive).
    for (Eigen::Index c = 0; c < values.cols(); ++c) {
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (Eigen::Index t = 0; t < n; ++t) {
            const double v = values(t, c);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
        if (!std::isfinite(lo)) {
            continue; // a channel with no value draws nothing
        }
        const double span = hi > lo ? hi - lo : 1.0;
        auto yOf = [&](double v) { return 2.0 + (valueHeight - 4.0) * (1.0 - (v - lo) / span); };
        svg << "<polyline fill=\"none\" stroke=\"" << kColours[c % 8]
            << "\" stroke-width=\"1\" points=\"";
        for (int px = 0; px < width; ++px) {
            const auto b = static_cast<Eigen::Index>(static_cast<double>(px) * n / width);
            const auto e = std::max<Eigen::Index>(
                b + 1, static_cast<Eigen::Index>(static_cast<double>(px + 1) * n / width));
            double mn = std::numeric_limits<double>::infinity();
            double mx = -mn;
            for (Eigen::Index t = b; t < std::min(e, n); ++t) {
                const double v = values(t, c);
                if (std::isfinite(v)) {
                    mn = std::min(mn, v);
                    mx = std::max(mx, v);
                }
            }
            if (std::isfinite(mn)) {
                svg << px << ',' << fixedText(yOf(mx), 1) << ' ' << px << ',' << fixedText(yOf(mn), 1)
                    << ' ';
            }
        }
        svg << "\"/>\n";
    }
    if (haveScore) {
        const double top = valueHeight + 4.0;
        const double bandHeight = height - top - 2.0;
        svg << "<line x1=\"0\" x2=\"" << width << "\" y1=\"" << fixedText(top - 2.0, 1) << "\" y2=\""
            << fixedText(top - 2.0, 1) << "\" stroke=\"#bbbbbb\"/>\n";
        svg << "<polyline fill=\"none\" stroke=\"#D55E00\" stroke-width=\"1\" points=\"";
        const auto m = static_cast<Eigen::Index>(score.size());
        for (int px = 0; px < width; ++px) {
            const auto b = static_cast<Eigen::Index>(static_cast<double>(px) * m / width);
            const auto e = std::max<Eigen::Index>(
                b + 1, static_cast<Eigen::Index>(static_cast<double>(px + 1) * m / width));
            double mx = -std::numeric_limits<double>::infinity();
            for (Eigen::Index t = b; t < std::min(e, m); ++t) {
                if (std::isfinite(score[static_cast<size_t>(t)])) {
                    mx = std::max(mx, score[static_cast<size_t>(t)]);
                }
            }
            if (std::isfinite(mx)) {
                svg << px << ','
                    << fixedText(top + bandHeight * (1.0 - std::clamp(mx, 0.0, 1.0)), 1) << ' ';
            }
        }
        svg << "\"/>\n";
    }
    svg << "</svg>\n";
    return svg.str();
}

Result<ReportResult> writeReport(const Project& project, const ReportOptions& options,
                                 const ProgressSink& progress, const CancelToken& cancel)
{
    if (options.markdownPath.empty()) {
        return fail("report: no output file given");
    }
    const fs::path mdPath(options.markdownPath);
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    auto model = project.latestModel();
    if (!model) {
        return model.error();
    }
    auto potential = project.latestPotential();
    if (!potential) {
        return potential.error();
    }
    double threshold = options.flagThreshold;
    if (!std::isfinite(threshold)) {
        threshold = *model ? modelDecisionThreshold(**model) : 0.5;
    }
    std::ostringstream md;
    md << "# Vigil report: " << fs::path(project.path()).filename().string() << "\n\n";
    md << "Written " << utcNow() << " from `" << project.path() << "`.\n\n";
    if (*model) {
        md << "Newest model: version " << (*model)->version << " (preset `" << (*model)->preset
           << "`). A point counts as flagged at score ≥ " << fixedText(threshold, 3)
           << ".\n\n";
    } else {
        md << "No model has been trained yet: the plots show values and labels only.\n\n";
    }
    if (*potential) {
        md << "Potential function (from " << cell((*potential)->provider) << "): `"
           << cell((*potential)->expression) << "`";
        if ((*potential)->auc) {
            md << ", AUC on labelled windows " << fixedText(*(*potential)->auc, 3);
        }
        md << ".\n\n";
    }
    md << "| series | points | channels | labelled points | anomalous points | anomaly ranges "
          "| flagged points | highest score |\n|---|---|---|---|---|---|---|---|\n";
    std::ostringstream sections;
    ReportResult result;
    result.files.push_back(mdPath.string());
    std::vector<std::pair<fs::path, std::string>> plots;
    const std::string stem = mdPath.stem().string();
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        const SeriesInfo& info = (*list)[i];
        progress(static_cast<double>(i) / static_cast<double>(list->size()), info.name);
        auto series = project.loadSeries(info.id);
        if (!series) {
            return series.error();
        }
        auto labels = project.labels(info.id);
        if (!labels) {
            return labels.error();
        }
        std::vector<double> score;
        if (*model) {
            auto s = project.loadScores((*model)->version, info.id);
            if (!s) {
                return s.error();
            }
            if (*s) {
                score = std::move(**s);
            }
        }
        std::int64_t flagged = 0;
        double highest = -std::numeric_limits<double>::infinity();
        for (double v : score) {
            if (std::isfinite(v)) {
                flagged += v >= threshold ? 1 : 0;
                highest = std::max(highest, v);
            }
        }
        const auto ranges = anomalyRanges(*labels);
        md << "| " << cell(info.name) << " | " << info.length << " | " << info.channels << " | "
           << info.labeledPoints << " | " << info.anomalousPoints << " | " << ranges.size()
           << " | " << (score.empty() ? std::string("–") : std::to_string(flagged)) << " | "
           << (std::isfinite(highest) ? fixedText(highest, 3) : std::string("–")) << " |\n";

        const fs::path plot =
            mdPath.parent_path() / (stem + "-" + std::to_string(i + 1) + ".svg");
        plots.emplace_back(plot, seriesSvg(series->values, ranges, score, options.plotWidth,
                                           options.plotHeight));
        sections << "## " << info.name << "\n\n![" << cell(info.name) << "]("
                 << plot.filename().string() << ")\n\n";
        if (ranges.empty()) {
            sections << "No anomaly labelled.\n\n";
        } else {
            sections << "Labelled anomalies (rows, end exclusive): ";
            const auto shown = std::min<std::size_t>(
                ranges.size(), static_cast<std::size_t>(std::max(0, options.maxRangesListed)));
            for (std::size_t k = 0; k < shown; ++k) {
                sections << (k ? ", " : "") << '[' << ranges[k].first << ", " << ranges[k].second
                         << ')';
            }
            if (shown < ranges.size()) {
                sections << " and " << ranges.size() - shown << " more";
            }
            sections << ".\n\n";
        }
    }
    md << "\nShaded: labelled anomalies. Lower band: the newest model's score (0 to 1).\n\n"
       << sections.str();
    for (const auto& [path, svg] : plots) {
        if (auto st = writeFileAtomically(path.string(), svg); !st) {
            return st.error();
        }
        result.files.push_back(path.string());
    }
    if (auto st = writeFileAtomically(mdPath.string(), md.str()); !st) {
        return st.error();
    }
    progress(1.0, "done");
    return result;
}

} // namespace vigil::core
