// SPDX-License-Identifier: MIT
#include "data/csv_reader.h"
#include "data/loader_util.h"

#include <algorithm>

namespace vigil::core {

namespace {

/// The columns Yahoo S5 fixes (A1/A2 or A3/A4, or A1 without its header line).
Result<CsvOptions> yahooOptions(std::string_view data, const std::string& fileName)
{
    CsvOptions probe;
    probe.delimiter = ',';
    auto layout = detail::detectLayout(data, fileName, probe);
    if (!layout) {
        return layout.error();
    }
    const auto has = [&](const char* column) {
        return std::find(layout->columns.begin(), layout->columns.end(), column) !=
               layout->columns.end();
    };
    CsvOptions options;
    options.delimiter = ',';
    options.unixTimesAsDates = false; // checked to be integers first, then read as dates below
    if (has("timestamp") && has("value") && has("is_anomaly")) { // A1, A2
        options.timeColumn = "timestamp";
        options.labelColumn = "is_anomaly";
        options.valueColumns = {"value"};
    } else if (has("timestamps") && has("value") && has("anomaly")) { // A3, A4
        options.timeColumn = "timestamps";
        options.labelColumn = "anomaly";
        options.valueColumns = {"value"};
    } else if (!layout->hasHeader && layout->columns.size() == 3) {
        // Some public copies of A1 lost their header line: timestamp, value, is_anomaly.
        options.hasHeader = false;
        options.timeColumn = "col1";
        options.labelColumn = "col3";
        options.valueColumns = {"col2"};
    } else {
        return fail(fileName + ":1: not a Yahoo S5 file: expected the header "
                               "\"timestamp,value,is_anomaly\" (A1/A2) or "
                               "\"timestamps,value,anomaly,...\" (A3/A4)");
    }
    return options;
}

} // namespace

Result<CsvLayout> detectYahooLayout(std::string_view text, const std::string& name)
{
    auto options = yahooOptions(text, name);
    if (!options) {
        return options.error();
    }
    return detail::detectLayout(text, name, *options);
}

Result<ImportedSeries> loadYahoo(const std::string& path)
{
    const std::string fileName = detail::fileNameOf(path);
    return detail::guarded<ImportedSeries>(fileName, [&]() -> Result<ImportedSeries> {
        auto data = detail::readWholeFile(path, fileName);
        if (!data) {
            return data.error();
        }
        auto options = yahooOptions(*data, fileName);
        if (!options) {
            return options.error();
        }
        auto result = detail::parseDelimited(*data, fileName, detail::stemOf(path), *options);
        if (!result) {
            return result.error();
        }
        if (result->series.timeKind != TimeKind::Numeric) {
            return fail(fileName + ":2: Yahoo S5 timestamps must be integers");
        }
        // A2-A4 write Unix seconds (1416722400): shown as dates; A1's row numbers stay numbers.
        detail::readUnixTimesAsDates(result->series);
        result->series.channelNames = {"value"};
        result->series.sourcePath = path;
        return result;
    });
}

} // namespace vigil::core
