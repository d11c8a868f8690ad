// SPDX-License-Identifier: MIT
#include "data/csv_reader.h"
#include "data/loader_util.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace vigil::core {
namespace {
namespace fs = std::filesystem;

std::string lastComponent(const std::string& key)
{
    const std::size_t slash = key.find_last_of("/\\");
    return slash == std::string::npos ? key : key.substr(slash + 1);
}

} // namespace

Result<std::vector<std::pair<std::int64_t, std::int64_t>>>
parseNabWindows(std::string_view json, const std::string& key, const std::string& name)
{
    using Windows = std::vector<std::pair<std::int64_t, std::int64_t>>;
    return detail::guarded<Windows>(name, [&]() -> Result<Windows> {
        nlohmann::json doc;
        try {
            doc = nlohmann::json::parse(json.begin(), json.end());
        } catch (const nlohmann::json::parse_error& e) {
            // e.byte is the 1-based offset of the error; turn it into a line number.
            const std::size_t offset =
                std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, json.size());
            const auto line =
                1 + std::count(json.begin(), json.begin() + static_cast<long>(offset), '\n');
            return fail(name + ":" + std::to_string(line) + ": not valid JSON (" + e.what() + ")");
        }
        if (!doc.is_object()) {
            return fail(name + ":1: expected a JSON object mapping data files to windows");
        }
        auto it = doc.find(key);
        if (it == doc.end()) {
            // Fall back to the file name alone (the JSON may use another folder layout).
            const std::string wantedFile = lastComponent(key);
            for (auto cand = doc.begin(); cand != doc.end(); ++cand) {
                if (lastComponent(cand.key()) == wantedFile) {
                    if (it != doc.end()) {
                        std::string message = name;
                        message += ": several entries end in ";
                        message += wantedFile;
                        message += "; cannot tell which belongs to ";
                        message += key;
                        return fail(message);
                    }
                    it = cand;
                }
            }
        }
        if (it == doc.end()) {
            return fail(name + ": no entry for " + key);
        }
        if (!it->is_array()) {
            return fail(name + ": the entry for " + it.key() + " is not a list of windows");
        }
        Windows windows;
        int index = 0;
        for (const auto& w : *it) {
            ++index;
            const std::string where =
                name + ": window " + std::to_string(index) + " of " + it.key();
            if (!w.is_array() || w.size() != 2 || !w[0].is_string() || !w[1].is_string()) {
                return fail(where + R"(: expected ["begin", "end"] timestamps)");
            }
            const auto b = parseIso8601(detail::trimView(w[0].get_ref<const std::string&>()));
            const auto e = parseIso8601(detail::trimView(w[1].get_ref<const std::string&>()));
            if (!b || !e) {
                return fail(where + ": expected ISO-8601 timestamps, found " +
                            detail::quoteForMessage(w[b ? 1 : 0].get_ref<const std::string&>()));
            }
            if (*e < *b) {
                return fail(where + ": the window ends before it begins");
            }
            windows.emplace_back(*b, *e);
        }
        return windows;
    });
}

Result<ImportedSeries> loadNab(const std::string& csvPath, const std::string& windowsJsonPath)
{
    const std::string fileName = detail::fileNameOf(csvPath);
    return detail::guarded<ImportedSeries>(fileName, [&]() -> Result<ImportedSeries> {
        std::string jsonPath = windowsJsonPath;
        const fs::path csv(csvPath);
        if (jsonPath.empty()) {
            const fs::path dir = csv.has_parent_path() ? csv.parent_path() : fs::path(".");
            const fs::path guess = dir / ".." / ".." / "labels" / "combined_windows.json";
            std::error_code ec;
            if (!fs::is_regular_file(guess, ec)) {
                return fail(fileName + ": no NAB windows file found (looked for " +
                            guess.lexically_normal().string() + ")");
            }
            jsonPath = guess.string();
        }
        const std::string jsonName = detail::fileNameOf(jsonPath);
        auto json = detail::readWholeFile(jsonPath, jsonName);
        if (!json) {
            return json.error();
        }
        auto data = detail::readWholeFile(csvPath, fileName);
        if (!data) {
            return data.error();
        }
        CsvOptions options;
        options.delimiter = ',';
        options.hasHeader = true;
        options.timeColumn = "timestamp";
        options.labelColumn = "";
        // NAB files have one "value" column; Vigil's NAB export of a multichannel series
        // writes one column per channel, so take every numeric column.
        auto result = detail::parseDelimited(*data, fileName, detail::stemOf(csvPath), options);
        if (!result) {
            return result.error();
        }
        if (result->series.timeKind != TimeKind::EpochMillis) {
            return fail(fileName + ":2: NAB timestamps must be date-times such as "
                                   "2014-04-01 00:00:00");
        }
        // The category folder, however the path was written ("a.csv" or "./a.csv" from inside
        // it found no category and matched several entries).
        std::error_code absoluteError;
        const fs::path whole = fs::absolute(csv, absoluteError).lexically_normal();
        const std::string parent = (absoluteError ? csv : whole).parent_path().filename().string();
        const std::string key = parent.empty() ? fileName : parent + "/" + fileName;
        auto windows = parseNabWindows(*json, key, jsonName);
        if (!windows) {
            return windows.error();
        }
        const auto& ts = result->series.timestamps;
        std::vector<detail::RowLabel> rows(ts.size(), detail::RowLabel::Normal);
        for (const auto& [b, e] : *windows) {
            // Timestamps increase, so each window is one contiguous block of rows.
            auto first = std::lower_bound(ts.begin(), ts.end(), b);
            const auto last = std::upper_bound(ts.begin(), ts.end(), e);
            if (first >= last) {
                // Outside the series, between two rows, or in another time zone than the data
                // (naive windows beside data written with an offset): said, not dropped silently.
                result->notes.push_back(phrases::fill(phrases::kNabWindowMissesRows,
                                                      {formatIso8601(b), formatIso8601(e)}));
            }
            for (; first < last; ++first) {
                rows[static_cast<std::size_t>(first - ts.begin())] = detail::RowLabel::Anomaly;
            }
        }
        result->labels = detail::labelsFromRows(rows);
        result->series.sourcePath = csvPath;
        return result;
    });
}

} // namespace vigil::core
