// SPDX-License-Identifier: MIT
#include "data/csv_reader.h"
#include "data/loader_util.h"

#include <filesystem>

namespace vigil::core {
namespace {
namespace fs = std::filesystem;

/// The headerless all-numeric matrix of one SMD part, channels named dim1..dimN.
Result<ImportedSeries> readSmdMatrix(const std::string& root, const char* part,
                                     const std::string& machine, const std::string& seriesName)
{
    const fs::path file = fs::path(root) / part / (machine + ".txt");
    const std::string display = std::string(part) + "/" + machine + ".txt";
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        return fail(display + ": missing (looked for " + file.string() + ")");
    }
    auto data = detail::readWholeFile(file.string(), display);
    if (!data) {
        return data.error();
    }
    CsvOptions options;
    options.delimiter = ',';
    options.hasHeader = false;
    options.timeColumn = "";
    options.labelColumn = "";
    auto result = detail::parseDelimited(*data, display, seriesName, options);
    if (!result) {
        return result.error();
    }
    auto& names = result->series.channelNames;
    for (std::size_t i = 0; i < names.size(); ++i) {
        names[i] = "dim" + std::to_string(i + 1);
    }
    result->series.sourcePath = file.string();
    return result;
}

} // namespace

Result<ImportedSeries> loadSmdMachine(const std::string& root, const std::string& machine)
{
    return detail::guarded<ImportedSeries>(machine, [&]() -> Result<ImportedSeries> {
        auto result = readSmdMatrix(root, "test", machine, machine);
        if (!result) {
            return result.error();
        }
        const fs::path labelFile = fs::path(root) / "test_label" / (machine + ".txt");
        const std::string display = "test_label/" + machine + ".txt";
        std::error_code ec;
        if (!fs::is_regular_file(labelFile, ec)) {
            return fail(display + ": missing (looked for " + labelFile.string() + ")");
        }
        auto text = detail::readWholeFile(labelFile.string(), display);
        if (!text) {
            return text.error();
        }
        std::vector<detail::RowLabel> rows;
        rows.reserve(static_cast<std::size_t>(result->series.length()));
        std::string_view rest = *text;
        std::int64_t lineNo = 0;
        while (!rest.empty()) {
            const std::size_t nl = rest.find('\n');
            const std::string_view line =
                detail::trimView(nl == std::string_view::npos ? rest : rest.substr(0, nl));
            rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
            ++lineNo;
            if (line.empty()) {
                if (rest.empty()) {
                    break; // final newline
                }
                return fail(display + ":" + std::to_string(lineNo) +
                            ":1: expected 0 or 1, found an empty line");
            }
            if (line == "0" || line == "1") {
                rows.push_back(line == "1" ? detail::RowLabel::Anomaly : detail::RowLabel::Normal);
            } else {
                return fail(display + ":" + std::to_string(lineNo) + ":1: expected 0 or 1, found " +
                            detail::quoteForMessage(line));
            }
        }
        const auto labelled = static_cast<std::int64_t>(rows.size());
        if (labelled != result->series.length()) {
            return fail(display + ":" + std::to_string(lineNo) + ": has " +
                        std::to_string(labelled) + " labels but test/" + machine + ".txt has " +
                        std::to_string(result->series.length()) +
                        " rows; they must have the same number of lines");
        }
        result->labels = detail::labelsFromRows(rows);
        return result;
    });
}

Result<TimeSeries> loadSmdTrain(const std::string& root, const std::string& machine)
{
    return detail::guarded<TimeSeries>(machine, [&]() -> Result<TimeSeries> {
        auto result = readSmdMatrix(root, "train", machine, machine + "-train");
        if (!result) {
            return result.error();
        }
        return std::move(result->series);
    });
}

} // namespace vigil::core
