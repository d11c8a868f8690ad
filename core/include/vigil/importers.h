// SPDX-License-Identifier: MIT
// Loaders for the formats the field uses, with format auto-detection. All are pure functions:
// they read files and return series, or an Error naming file, line, column and what was expected.
#pragma once

#include "vigil/label.h"
#include "vigil/result.h"
#include "vigil/time_series.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::core {

enum class DataFormat { Auto, Csv, Yahoo, Smd, Nab, Ucr };

const char* toString(DataFormat format);
/// Parses "auto", "csv", "yahoo", "smd", "nab", "ucr".
std::optional<DataFormat> parseDataFormat(std::string_view text);

/// A series read from disk plus the labels the file carried (source Imported, seriesId 0).
struct ImportedSeries
{
    TimeSeries series;
    std::vector<Label> labels;
    /// What the reader left out and why (a text column), in phrases of vigil/phrases.h.
    std::vector<std::string> notes;
};

/// The order of a written date's fields: year first (ISO 8601, "2026/12/01"), day first
/// ("01.12.2026", "1/12/2026") or month first ("12/01/2026", as US spreadsheets write it).
enum class DateOrder : std::uint8_t { Ymd, Dmy, Mdy };

/// Options for generic delimited text. Everything is detected when left at its default.
struct CsvOptions
{
    char delimiter = 0;                      ///< 0: detect among , ; \t | and space
    std::optional<bool> hasHeader;           ///< detect when empty
    std::optional<std::string> timeColumn;   ///< column name; "" = no timestamp column
    std::optional<std::string> labelColumn;  ///< column name; "" = no label column
    std::vector<std::string> valueColumns;   ///< empty: every other numeric column
    /// How dates such as 03/04/2026 are read; detect when empty (ISO 8601 is always read so).
    std::optional<DateOrder> dateOrder;
    /// Whole Unix seconds or milliseconds in the time column (1733047200, 1733047200000) are
    /// read as date-times; false keeps them as the numbers the file wrote.
    bool unixTimesAsDates = true;
};

/// What detection found in a delimited file (for the import wizard's preview).
struct CsvLayout
{
    char delimiter = ',';
    bool hasHeader = true;
    std::vector<std::string> columns; ///< header names, or "col1", "col2", … without a header
    int timeColumn = -1;              ///< index into columns, -1 = none
    int labelColumn = -1;             ///< index into columns, -1 = none
    int classColumn = -1;  ///< Vigil's wide export: "class" (anomaly|normal|class<N>), -1 = none
    int sourceColumn = -1; ///< Vigil's wide export: "source" (human|imported|…), -1 = none
    /// Vigil's wide export: "confidence" of a suggestion (0–1), beside a source column; -1 = none
    int confidenceColumn = -1;
    /// Vigil's wide export of several channels: "channels" a label covers (names joined by '|',
    /// empty: every channel), beside a source column; -1 = none
    int channelsColumn = -1;
    std::vector<int> valueColumns;
    TimeKind timeKind = TimeKind::Index;
    /// The order of the time column's date fields (TimeKind::EpochMillis); guessed when both
    /// day first and month first read the whole sample and its spacing did not decide.
    DateOrder dateOrder = DateOrder::Ymd;
    bool dateOrderGuessed = false;
    /// A column of times of day ("10:00:00") completing the date-only time column, -1 = none.
    int timeOfDayColumn = -1;
    /// The time column holds Unix seconds with fractions (1733047200.25), read to the ms.
    bool fractionalEpochSeconds = false;
    std::vector<std::vector<std::string>> previewRows; ///< first rows as text cells
    /// Columns left out without being asked (text in them), each said in a phrase.
    std::vector<std::string> notes;
};

/// Detects the layout of delimited text (name is used in error messages only).
Result<CsvLayout> detectCsvLayout(std::string_view text, const std::string& name,
                                  const CsvOptions& options = {});

/// Parses delimited text held in memory. `name` appears in errors and becomes the series name.
Result<ImportedSeries> parseCsv(std::string_view text, const std::string& name,
                                const CsvOptions& options = {});

/// Reads one generic CSV/TSV file.
Result<ImportedSeries> loadCsv(const std::string& path, const CsvOptions& options = {});

/// Yahoo S5 (A1–A4 layouts) CSV file.
Result<ImportedSeries> loadYahoo(const std::string& path);

/// One SMD machine: `root` holds test/, test_label/ (and train/, interpretation_label/).
/// The series is the test file with its test labels.
Result<ImportedSeries> loadSmdMachine(const std::string& root, const std::string& machine);

/// SMD training part of one machine (unlabelled), for benchmarks.
Result<TimeSeries> loadSmdTrain(const std::string& root, const std::string& machine);

/// NAB data CSV with its windows taken from combined_windows.json (the JSON path may be empty:
/// it is then searched for as ../../labels/combined_windows.json relative to the CSV).
Result<ImportedSeries> loadNab(const std::string& csvPath, const std::string& windowsJsonPath = {});

/// Parses NAB windows JSON held in memory; returns the windows of `key` (e.g. "realKnownCause/x.csv")
/// as pairs of timestamps in epoch milliseconds.
Result<std::vector<std::pair<std::int64_t, std::int64_t>>>
parseNabWindows(std::string_view json, const std::string& key, const std::string& name);

/// UCR anomaly archive file: NNN_UCR_Anomaly_<name>_<trainEnd>_<begin>_<end>.txt
Result<ImportedSeries> loadUcr(const std::string& path);

/// The layout the Yahoo S5 loader reads from `text` (its fixed columns: one value channel),
/// for previews; errors as loadYahoo's.
Result<CsvLayout> detectYahooLayout(std::string_view text, const std::string& name);

/// Guesses the format of a file or folder.
Result<DataFormat> detectFormat(const std::string& path);

/// Loads every series under the given files or folders (folders are walked; SMD folders are
/// recognised by their layout). All or nothing: on the first error nothing is returned.
/// `csv` applies to the files read as generic CSV.
Result<std::vector<ImportedSeries>> importPaths(const std::vector<std::string>& paths,
                                                DataFormat format = DataFormat::Auto,
                                                const CsvOptions& csv = {});

/// A note of an import and the series it was written for, in the order the series came.
struct ImportNote
{
    std::string text;
    std::vector<std::string> series;
};

/// The notes of `batch`, each text once with every series that carries it: a folder of 67
/// Yahoo files read with CSV options says so once, not 67 times.
std::vector<ImportNote> groupImportNotes(const std::vector<ImportedSeries>& batch);

/// Parses an ISO-8601 date-time ("2014-04-01 00:00:00", "2014-04-01T00:00:00.5+02:00", "…Z")
/// into Unix milliseconds (UTC). Returns nullopt when the text is not such a date-time.
std::optional<std::int64_t> parseIso8601(std::string_view text);

/// Parses a date-time whose date is written in `order`: ISO 8601 for Ymd, or a date of
/// 1–2-digit day and month and a 4-digit year joined by '.', '/' or '-', then optionally a
/// time of day after a blank or 'T' (see parseTimeOfDay). Local times without an offset are
/// read as UTC, as ISO 8601 ones are. Unix milliseconds, or nullopt.
std::optional<std::int64_t> parseDateTime(std::string_view text, DateOrder order);

/// Parses a time of day, "9:30", "09:30:00", "09:30:00.250" or with AM/PM ("9:30 PM", hours
/// 1–12), into milliseconds since midnight; nullopt when the text is not one.
std::optional<std::int64_t> parseTimeOfDay(std::string_view text);

/// Formats Unix milliseconds as "YYYY-MM-DDTHH:MM:SS[.mmm]Z".
std::string formatIso8601(std::int64_t epochMillis);

} // namespace vigil::core
