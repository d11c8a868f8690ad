// SPDX-License-Identifier: MIT
#include "data/loader_util.h"

#include <fast_float/fast_float.h>

#include <charconv>
#include <cmath>
#include <limits>

namespace vigil::core {
namespace detail {

bool parseUcrFileName(const std::string& stem, std::int64_t& trainEnd, std::int64_t& begin,
                      std::int64_t& end)
{
    std::vector<std::string_view> parts;
    std::string_view rest = stem;
    for (;;) {
        const std::size_t us = rest.find('_');
        parts.push_back(rest.substr(0, us));
        if (us == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(us + 1);
    }
    if (parts.size() < 7 || parts[1] != "UCR" || parts[2] != "Anomaly") {
        return false;
    }
    const auto toInt = [](std::string_view s, std::int64_t& v) {
        const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
        return r.ec == std::errc() && r.ptr == s.data() + s.size() && !s.empty();
    };
    std::int64_t number = 0;
    const std::size_t n = parts.size();
    return toInt(parts[0], number) && toInt(parts[n - 3], trainEnd) && toInt(parts[n - 2], begin) &&
           toInt(parts[n - 1], end);
}

} // namespace detail

Result<ImportedSeries> loadUcr(const std::string& path)
{
    const std::string fileName = detail::fileNameOf(path);
    return detail::guarded<ImportedSeries>(fileName, [&]() -> Result<ImportedSeries> {
        const std::string stem = detail::stemOf(path);
        std::int64_t trainEnd = 0;
        std::int64_t begin = 0;
        std::int64_t end = 0;
        if (!detail::parseUcrFileName(stem, trainEnd, begin, end)) {
            return fail(fileName + ": not a UCR anomaly archive file name; expected "
                                   "NNN_UCR_Anomaly_<name>_<trainEnd>_<begin>_<end>.txt");
        }
        auto data = detail::readWholeFile(path, fileName);
        if (!data) {
            return data.error();
        }
        const std::string_view text = detail::stripBom(*data);

        // Values are one per line in most files and blank-separated on one line in a few.
        std::vector<double> values;
        values.reserve(text.size() / 8 + 1);
        const char* p = text.data();
        const char* e = p + text.size();
        std::int64_t line = 1;
        std::int64_t field = 0;
        while (p < e) {
            const char c = *p;
            if (c == '\n') {
                ++line;
                field = 0;
                ++p;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == ',') {
                ++p;
                continue;
            }
            ++field;
            double v = 0;
            const auto r = fast_float::from_chars(p, e, v);
            const char* tokenEnd = p;
            while (tokenEnd < e && *tokenEnd != ' ' && *tokenEnd != '\t' && *tokenEnd != '\r' &&
                   *tokenEnd != '\n' && *tokenEnd != ',') {
                ++tokenEnd;
            }
            const std::string_view token(p, static_cast<std::size_t>(tokenEnd - p));
            if (r.ec != std::errc() || r.ptr != tokenEnd) {
                if (!detail::isMissingToken(token)) {
                    return fail(fileName + ":" + std::to_string(line) + ":" +
                                std::to_string(field) + ": expected a number, found " +
                                detail::quoteForMessage(token));
                }
                v = std::numeric_limits<double>::quiet_NaN();
            } else if (std::isinf(v)) {
                return fail(fileName + ":" + std::to_string(line) + ":" + std::to_string(field) +
                            ": infinite value " + detail::quoteForMessage(token) +
                            " is not a valid measurement; expected a finite number");
            }
            values.push_back(v);
            p = tokenEnd;
        }
        if (values.empty()) {
            return fail(fileName + ":1: the file is empty");
        }
        const auto n = static_cast<std::int64_t>(values.size());
        // The archive counts from 1 and includes both ends: [begin, end] -> [begin-1, end).
        const std::int64_t first = begin - 1;
        // The name is at fault, not a line of the file: say which of its numbers and why.
        const std::string named = fileName + ": the file name gives train end " +
                                  std::to_string(trainEnd) + " and anomaly " +
                                  std::to_string(begin) + "-" + std::to_string(end);
        if (begin < 1 || trainEnd < 1) {
            return fail(named + ", but the archive counts values from 1");
        }
        if (end < begin) {
            return fail(named + ", but the anomaly ends before it begins");
        }
        if (end > n || trainEnd > n) {
            return fail(named + ", past the " + std::to_string(n) + " values in the file");
        }
        std::vector<detail::RowLabel> rows(static_cast<std::size_t>(n), detail::RowLabel::None);
        for (std::int64_t i = 0; i < std::min(trainEnd, n); ++i) {
            rows[static_cast<std::size_t>(i)] = detail::RowLabel::Normal;
        }
        for (std::int64_t i = first; i < end; ++i) {
            rows[static_cast<std::size_t>(i)] = detail::RowLabel::Anomaly;
        }

        ImportedSeries out;
        out.series.name = stem;
        out.series.channelNames = {"value"};
        out.series.values = Eigen::Map<const Eigen::MatrixXd>(values.data(), n, 1);
        out.series.timeKind = TimeKind::Index;
        out.series.sourcePath = path;
        out.labels = detail::labelsFromRows(rows);
        return out;
    });
}

} // namespace vigil::core
