// SPDX-License-Identifier: MIT
#include "vigil/report.h"

#include "common/fixed_text.h"
#include "vigil/exporters.h"
#include "vigil/label.h"
#include "vigil/phrases.h"
#include "vigil/project.h"
#include "vigil/project_models.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <limits>
#include <optional>
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

/// Text for Markdown outside code spans: punctuation that could start markup (a link, a tag,
/// emphasis, a table cell) is backslash-escaped, and line breaks become spaces, so a series
/// named "a|b]c" or "<script>" reads as itself in a heading, a link's text or a table cell.
std::string markdownText(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        if (c == '\n' || c == '\r') {
            out += ' ';
        } else if (std::strchr("\\`*_{}[]()<>#+!|~&", c) != nullptr) {
            out += '\\';
            out += c;
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

/// Writes `points` as one polyline in `colour` and empties them; nothing when empty.
void polyline(std::ostringstream& svg, const char* colour, std::string& points)
{
    if (points.empty()) {
        return;
    }
    points.pop_back(); // the trailing space
    svg << "<polyline fill=\"none\" stroke=\"" << colour << "\" stroke-width=\"1\" points=\""
        << points << "\"/>\n";
    points.clear();
}

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
        // Halved, so values near ±1.8e308 do not overflow the span to infinity.
        double span = hi / 2 - lo / 2;
        if (!(span > 0.0)) {
            span = 1.0; // constant (or too close to tell apart): a flat line
        }
        auto yOf = [&](double v) {
            return 2.0 + (valueHeight - 4.0) * (1.0 - (v / 2 - lo / 2) / span);
        };
        std::string points; // one polyline per stretch of pixel columns holding values
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
                points += std::to_string(px) + ',' + fixedText(yOf(mx), 1) + ' ' +
                          std::to_string(px) + ',' + fixedText(yOf(mn), 1) + ' ';
            } else {
                polyline(svg, kColours[c % 8], points); // a gap is not drawn across
            }
        }
        polyline(svg, kColours[c % 8], points);
    }
    if (haveScore) {
        const double top = valueHeight + 4.0;
        const double bandHeight = height - top - 2.0;
        svg << "<line x1=\"0\" x2=\"" << width << "\" y1=\"" << fixedText(top - 2.0, 1) << "\" y2=\""
            << fixedText(top - 2.0, 1) << "\" stroke=\"#bbbbbb\"/>\n";
        std::string points;
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
                points += std::to_string(px) + ',' +
                          fixedText(top + bandHeight * (1.0 - std::clamp(mx, 0.0, 1.0)), 1) + ' ';
            } else {
                polyline(svg, "#D55E00", points);
            }
        }
        polyline(svg, "#D55E00", points);
    }
    svg << "</svg>\n";
    return svg.str();
}

ReportFormat reportFormatFor(const std::string& path)
{
    std::string ext = fs::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".html" || ext == ".htm" ? ReportFormat::Html : ReportFormat::Markdown;
}

namespace {

/// What a report says, gathered once and written as Markdown or as HTML.
struct ReportContent
{
    std::string title;     ///< the project file's name
    std::string writtenAt; ///< when (UTC)
    std::string source;    ///< the project file's path
    std::optional<std::string> modelVersion;
    std::string modelPreset;
    double threshold = 0.5;
    std::optional<std::string> potentialProvider; ///< the newest stored potential, if any
    std::string potentialExpression;
    std::optional<double> potentialAuc;
    /// What the newest model was trained with (its metrics' "potential"): the expression of a
    /// stored potential, or empty for the reference heuristic; unset without a model or when
    /// its metrics do not say.
    std::optional<std::string> modelPotentialExpression;

    struct Part
    {
        SeriesInfo info;
        std::vector<std::pair<std::int64_t, std::int64_t>> ranges;
        std::string flagged; ///< "–" without scores
        std::string highest; ///< "–" without a finite score
        std::string svg;
    };
    std::vector<Part> parts;
};

/// The potential paragraph's sentences: which potential the newest model was trained with,
/// and the newest stored one when it is another (written since, not used by a model yet).
/// `text` escapes prose, `code` writes an expression as code.
template <class Text, class Code>
std::string potentialSentences(const ReportContent& c, Text text, Code code)
{
    std::string out;
    const bool storedInUse = c.potentialProvider && c.modelPotentialExpression &&
                             *c.modelPotentialExpression == c.potentialExpression;
    if (c.modelPotentialExpression && !storedInUse) {
        out += c.modelPotentialExpression->empty()
                   ? text("The newest model was trained with the reference heuristic potential.")
                   : text("The newest model was trained with the potential ") +
                         code(*c.modelPotentialExpression) + text(".");
    }
    if (c.potentialProvider) {
        if (!out.empty()) {
            out += " ";
        }
        out += text("Potential function (from " + *c.potentialProvider + "): ") +
               code(c.potentialExpression);
        if (c.potentialAuc) {
            out += text(", AUC on labelled windows " + fixedText(*c.potentialAuc, 3));
        }
        out += text(c.modelVersion && !storedInUse
                        ? "; not used by a model yet: train again to use it."
                        : ".");
    }
    return out;
}

/// The ranges listed for a series: "[b, e), [b, e) and N more", at most `limit` of them.
std::string rangeList(const std::vector<std::pair<std::int64_t, std::int64_t>>& ranges, int limit)
{
    std::ostringstream out;
    const auto shown =
        std::min<std::size_t>(ranges.size(), static_cast<std::size_t>(std::max(0, limit)));
    for (std::size_t k = 0; k < shown; ++k) {
        out << (k ? ", " : "") << '[' << ranges[k].first << ", " << ranges[k].second << ')';
    }
    if (shown < ranges.size()) {
        out << " and " << ranges.size() - shown << " more";
    }
    return out.str();
}

/// A file name as a Markdown link target: characters that end or split a link are escaped.
std::string linkTarget(const std::string& name)
{
    std::string out;
    for (const char c : name) {
        switch (c) {
        case ' ':
            out += "%20";
            break;
        case '#':
            out += "%23";
            break;
        case '%':
            out += "%25";
            break;
        case '(':
            out += "%28";
            break;
        case ')':
            out += "%29";
            break;
        case '<':
            out += "%3C";
            break;
        case '>':
            out += "%3E";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string markdownReport(const ReportContent& c, const std::string& stem, int rangeLimit)
{
    std::ostringstream md;
    md << "# Vigil report: " << markdownText(c.title) << "\n\n";
    // A path holding backticks gets a longer fence (and spaces, so an edge backtick stays text).
    const std::string fence = c.source.find('`') == std::string::npos ? "`" : "`` ";
    const std::string close = fence == "`" ? "`" : " ``";
    std::string source = c.source;
    std::replace(source.begin(), source.end(), '\n', ' ');
    std::replace(source.begin(), source.end(), '\r', ' ');
    md << "Written " << c.writtenAt << " from " << fence << source << close << ".\n\n";
    if (c.modelVersion) {
        md << "Newest model: version " << *c.modelVersion << " (preset `" << c.modelPreset
           << "`). A point counts as flagged at score ≥ " << fixedText(c.threshold, 3) << ".\n\n";
    } else {
        md << "No model has been trained yet: the plots show values and labels only.\n\n";
    }
    if (const auto potential = potentialSentences(
            c, markdownText, [](const std::string& e) { return "`" + cell(e) + "`"; });
        !potential.empty()) {
        md << potential << "\n\n";
    }
    md << "| series | points | channels | labelled points | anomalous points | anomaly ranges "
          "| flagged points | highest score |\n|---|---|---|---|---|---|---|---|\n";
    std::ostringstream sections;
    for (std::size_t i = 0; i < c.parts.size(); ++i) {
        const auto& p = c.parts[i];
        md << "| " << markdownText(p.info.name) << " | " << p.info.length << " | "
           << p.info.channels << " | " << p.info.labeledPoints << " | " << p.info.anomalousPoints
           << " | " << p.ranges.size() << " | " << p.flagged << " | " << p.highest << " |\n";
        sections << "## " << markdownText(p.info.name) << "\n\n![" << markdownText(p.info.name)
                 << "](" << linkTarget(stem) << "-" << i + 1 << ".svg)\n\n";
        if (p.ranges.empty()) {
            sections << "No anomaly labelled.\n\n";
        } else {
            sections << "Labelled anomalies (rows, end exclusive): "
                     << rangeList(p.ranges, rangeLimit) << ".\n\n";
        }
    }
    // Without a model there is no score band to describe.
    md << "\nShaded: labelled anomalies."
       << (c.modelVersion ? " Lower band: the newest model's score (0 to 1)." : "") << "\n\n"
       << sections.str();
    return md.str();
}

/// Text for HTML content and attribute values.
std::string html(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

/// One self-contained page: no script, no external file, the plots inline.
std::string htmlReport(const ReportContent& c, int rangeLimit)
{
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>Vigil report: " << html(c.title) << "</title>\n"
      << "<style>\n"
         "body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}\n"
         "table{border-collapse:collapse;margin:1em 0}\n"
         "th,td{border:1px solid #ccc;padding:.3em .6em;text-align:right}\n"
         "th:first-child,td:first-child{text-align:left}\n"
         "code{background:#f4f4f4;padding:0 .2em}\n"
         "figure{margin:1em 0}svg{max-width:100%;height:auto;border:1px solid #eee}\n"
         "</style>\n</head>\n<body>\n";
    h << "<h1>Vigil report: " << html(c.title) << "</h1>\n";
    h << "<p>Written " << html(c.writtenAt) << " from <code>" << html(c.source) << "</code>.</p>\n";
    if (c.modelVersion) {
        h << "<p>Newest model: version " << html(*c.modelVersion) << " (preset <code>"
          << html(c.modelPreset) << "</code>). A point counts as flagged at score ≥ "
          << fixedText(c.threshold, 3) << ".</p>\n";
    } else {
        h << "<p>No model has been trained yet: the plots show values and labels only.</p>\n";
    }
    if (const auto potential = potentialSentences(
            c, html, [](const std::string& e) { return "<code>" + html(e) + "</code>"; });
        !potential.empty()) {
        h << "<p>" << potential << "</p>\n";
    }
    h << "<table>\n<tr><th>series</th><th>points</th><th>channels</th><th>labelled points</th>"
         "<th>anomalous points</th><th>anomaly ranges</th><th>flagged points</th>"
         "<th>highest score</th></tr>\n";
    for (std::size_t i = 0; i < c.parts.size(); ++i) {
        const auto& p = c.parts[i];
        h << "<tr><td><a href=\"#series-" << i + 1 << "\">" << html(p.info.name) << "</a></td><td>"
          << p.info.length << "</td><td>" << p.info.channels << "</td><td>" << p.info.labeledPoints
          << "</td><td>" << p.info.anomalousPoints << "</td><td>" << p.ranges.size() << "</td><td>"
          << html(p.flagged) << "</td><td>" << html(p.highest) << "</td></tr>\n";
    }
    h << "</table>\n<p>Shaded: labelled anomalies."
      << (c.modelVersion ? " Lower band: the newest model's score (0 to 1)." : "") << "</p>\n";
    for (std::size_t i = 0; i < c.parts.size(); ++i) {
        const auto& p = c.parts[i];
        h << "<section id=\"series-" << i + 1 << "\">\n<h2>" << html(p.info.name) << "</h2>\n"
          << "<figure role=\"img\" aria-label=\"" << html(p.info.name) << "\">\n"
          << p.svg << "</figure>\n";
        if (p.ranges.empty()) {
            h << "<p>No anomaly labelled.</p>\n";
        } else {
            h << "<p>Labelled anomalies (rows, end exclusive): "
              << html(rangeList(p.ranges, rangeLimit)) << ".</p>\n";
        }
        h << "</section>\n";
    }
    h << "</body>\n</html>\n";
    return h.str();
}

} // namespace

Result<std::vector<ProtectedFile>> filesAProjectKeeps(const Project& project,
                                                      const char* sourceReason)
{
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    std::vector<ProtectedFile> keep;
    for (const char* suffix : {"", "-wal", "-shm"}) {
        keep.push_back({project.path() + suffix, phrases::kIsProjectFile});
    }
    for (const auto& info : *list) {
        if (!info.sourcePath.empty()) {
            keep.push_back({info.sourcePath, std::string(sourceReason) + " ('" + info.name + "')"});
        }
    }
    return keep;
}

Result<ReportResult> writeReport(const Project& project, const ReportOptions& options,
                                 const ProgressSink& progress, const CancelToken& cancel)
{
    if (options.path.empty()) {
        return fail("report: no output file given");
    }
    const fs::path outPath(options.path);
    if (!outPath.has_stem() || outPath.filename() == "." || outPath.filename() == ".." ||
        fs::is_directory(outPath)) {
        return fail("report: " + options.path +
                    " is a folder; give a file name (report.md or "
                    "report.html)");
    }
    const ReportFormat format = reportFormatFor(options.path);
    auto list = project.listSeries();
    if (!list) {
        return list.error();
    }
    // The report never replaces the project (a report named like it turned the project into
    // Markdown) or a series' source data; refused before the work, checked again per file.
    auto keep = filesAProjectKeeps(project, phrases::kReportOverSource);
    if (!keep) {
        return keep.error();
    }
    if (auto st = refuseProtected(outPath.string(), *keep); !st) {
        return st.error();
    }
    auto model = project.latestModel();
    if (!model) {
        return model.error();
    }
    auto potential = project.latestPotential();
    if (!potential) {
        return potential.error();
    }
    ReportContent content;
    content.title = fs::path(project.path()).filename().string();
    content.writtenAt = utcNow();
    content.source = project.path();
    content.threshold = options.flagThreshold;
    if (!std::isfinite(content.threshold)) {
        content.threshold = *model ? modelDecisionThreshold(**model) : 0.5;
    }
    if (*model) {
        content.modelVersion = std::to_string((*model)->version);
        content.modelPreset = (*model)->preset;
        try {
            const auto metrics = nlohmann::json::parse((*model)->metricsJson);
            const std::string used = metrics.value("potential", std::string());
            constexpr std::string_view kProgram = "program: ";
            if (used.rfind("heuristic", 0) == 0) { // "heuristic (why …)" too
                content.modelPotentialExpression = std::string();
            } else if (used.rfind(kProgram, 0) == 0) {
                content.modelPotentialExpression = used.substr(kProgram.size());
            }
        } catch (const nlohmann::json::exception&) {
            // Damaged metrics: the report does not say which potential the model used.
        }
    }
    if (*potential) {
        content.potentialProvider = (*potential)->provider;
        content.potentialExpression = (*potential)->expression;
        content.potentialAuc = (*potential)->auc;
    }
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
            bool damaged = false; // damaged scores: this series is reported unscored
            auto s = project.loadScores((*model)->version, info.id, &damaged);
            if (!s && !damaged) {
                return s.error();
            }
            if (s && *s) {
                score = std::move(**s);
            }
        }
        std::int64_t flagged = 0;
        double highest = -std::numeric_limits<double>::infinity();
        for (double v : score) {
            if (std::isfinite(v)) {
                flagged += v >= content.threshold ? 1 : 0;
                highest = std::max(highest, v);
            }
        }
        ReportContent::Part part;
        part.info = info;
        part.ranges = anomalyRanges(*labels);
        part.flagged = score.empty() ? std::string("–") : std::to_string(flagged);
        part.highest = std::isfinite(highest) ? fixedText(highest, 3) : std::string("–");
        part.svg =
            seriesSvg(series->values, part.ranges, score, options.plotWidth, options.plotHeight);
        content.parts.push_back(std::move(part));
    }
    // The report and its plots are written together: all of them or, on a failure, none.
    std::vector<std::pair<std::string, std::string>> files;
    if (format == ReportFormat::Html) {
        files.emplace_back(outPath.string(), htmlReport(content, options.maxRangesListed));
    } else {
        // The plots are renamed into place before the report that links them.
        const std::string stem = outPath.stem().string();
        const std::string markdown = markdownReport(content, stem, options.maxRangesListed);
        for (std::size_t i = 0; i < content.parts.size(); ++i) {
            const fs::path plot =
                outPath.parent_path() / (stem + "-" + std::to_string(i + 1) + ".svg");
            files.emplace_back(plot.string(), std::move(content.parts[i].svg));
        }
        files.emplace_back(outPath.string(), markdown);
    }
    if (auto st = writeFilesAtomically(files, std::move(keep).value(), &cancel); !st) {
        return st.error();
    }
    ReportResult result; // the report first, then its plots
    result.files.push_back(outPath.string());
    for (const auto& [path, text] : files) {
        if (path != outPath.string()) {
            result.files.push_back(path);
        }
    }
    progress(1.0, "done");
    return result;
}

} // namespace vigil::core
