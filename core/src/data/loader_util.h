// SPDX-License-Identifier: MIT
// Helpers shared by the loaders: whole-file reading, error text and label runs.
#pragma once

#include "vigil/importers.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core::detail {

/// Per-row label state while reading: unlabelled, normal or anomaly.
enum class RowLabel : std::int8_t { None = -1, Normal = 0, Anomaly = 1 };

/// Reads a whole file in one go (errors name `displayName`).
Result<std::string> readWholeFile(const std::string& path, const std::string& displayName);

/// "data.csv" of "/a/b/data.csv".
std::string fileNameOf(const std::string& path);
/// "data" of "/a/b/data.csv".
std::string stemOf(const std::string& path);

/// A cell shown inside an error message: quoted, shortened, invalid bytes as \xNN.
std::string quoteForMessage(std::string_view cell);
/// `text` with invalid UTF-8 and control bytes as \xNN, so a message built from it stays valid.
std::string escapeForMessage(std::string_view text);

/// Offset of the first byte that breaks UTF-8 in `text`, or npos.
std::size_t findInvalidUtf8(std::string_view text);

std::string_view trimView(std::string_view text);
std::string_view stripBom(std::string_view text);
/// Files from classic Mac OS end their lines with a bare CR. When `text` holds a CR and no LF,
/// `storage` gets a copy with every CR turned into LF and the copy is returned; otherwise `text`.
std::string_view withLineFeeds(std::string_view text, std::string& storage);
bool equalsIgnoreCase(std::string_view a, std::string_view b);
/// Empty, "nan", "NA", "null" and friends: a missing value.
bool isMissingToken(std::string_view cell);

/// How readUnixTimesAsDates read a series' integer stamps.
enum class UnixTimeUnit : std::uint8_t { None, Seconds, Milliseconds };

/// Whole Unix seconds or milliseconds become date-times: when every stamp of a Numeric series
/// lies in [10^9, 10^10) (seconds from 2001-09-09 to 2286-11-20) or in [10^12, 10^13) (the same
/// span in milliseconds), the series turns EpochMillis, its stamps in milliseconds (exact, so
/// nothing is lost). A row index or a sample counter starts at 0 or 1 and never reaches those
/// values; other Numeric series are left as they are. Returns the unit it read, or None.
UnixTimeUnit readUnixTimesAsDates(TimeSeries& series);

/// Maximal runs of equal states become Imported labels (anomaly / normal classes).
std::vector<Label> labelsFromRows(const std::vector<RowLabel>& rows);

/// Like labelsFromRows, with a class (0 = from `rows`), a source, a confidence (NaN: 1) and a
/// channel set (an index into `channelSets`, whose entry 0 is every channel) per row (any of
/// the four vectors may be empty): runs of equal (class, source, confidence, channels) become
/// one label each, or one per channel of their set.
std::vector<Label> labelsFromRowClasses(const std::vector<RowLabel>& rows,
                                        const std::vector<int>& rowClass,
                                        const std::vector<LabelSource>& rowSource,
                                        const std::vector<double>& rowConfidence = {},
                                        const std::vector<int>& rowChannelSet = {},
                                        const std::vector<std::vector<int>>& channelSets = {});

/// Reads the numbers of a UCR anomaly archive file name
/// (NNN_UCR_Anomaly_<name>_<trainEnd>_<begin>_<end>); false when the name is not one.
bool parseUcrFileName(const std::string& stem, std::int64_t& trainEnd, std::int64_t& begin,
                      std::int64_t& end);

/// Runs a loader body and turns any escaping exception into an Error, so that the public
/// functions never throw (bad_alloc on a huge file, filesystem errors, json errors...).
template <class T, class F> Result<T> guarded(const std::string& what, F&& body)
{
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return fail(what + ": not enough memory to load it");
    } catch (const std::exception& e) {
        return fail(what + ": " + e.what());
    } catch (...) {
        return fail(what + ": unexpected error");
    }
}

} // namespace vigil::core::detail
