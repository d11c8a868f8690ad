// SPDX-License-Identifier: MIT
#include "data/csv_reader.h"

#include "data/loader_util.h"
#include "vigil/exporters.h"
#include "vigil/phrases.h"

#include <fast_float/fast_float.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <utility>

namespace vigil::core {
namespace detail {
namespace {

// Wider files exist (a few thousand sensors) but millions of columns only come from a broken
// or binary file, and every column costs a name and a channel.
constexpr std::size_t kMaxColumns = 100000;
constexpr std::size_t kSampleLines = 50;
constexpr std::size_t kMaxHeaderLines = 8; ///< lines one quoted header record may span
constexpr std::size_t kPreviewRows = 20;
constexpr std::size_t kSampleCellBudget = 2000000;

constexpr std::array<std::string_view, 14> kTimeNames = {
    "timestamp",  "timestamps", "time",      "date",      "datetime", "ts",    "t",
    "time_stamp", "epoch",      "date_time", "unix_time", "zeit",     "datum", "zeitstempel"};
constexpr std::array<std::string_view, 6> kLabelNames = {
    "is_anomaly", "label", "anomaly", "labels", "is_anomalous", "anomaly_label"};

/// How cells are separated: one delimiter byte, or runs of blanks (delimiter ' ').
struct Dialect
{
    char delimiter = ',';
    bool blanks = false;
    /// Numbers are written with a decimal comma ("1,5"), as German Excel and LibreOffice save
    /// them; only with a delimiter other than the comma.
    bool decimalComma = false;

    [[nodiscard]] bool isDelimiter(char c) const
    {
        return blanks ? (c == ' ' || c == '\t') : c == delimiter;
    }
    [[nodiscard]] bool isTerminator(char c) const
    {
        return isDelimiter(c) || c == '\n' || c == '\r';
    }
};

struct SampleLine
{
    std::int64_t lineNo = 0;
    std::string_view text;
};

struct Detected
{
    CsvLayout layout;
    Dialect dialect;
    std::size_t dataOffset = 0;  ///< byte offset of the first data line in the BOM-less text
    std::int64_t dataLineNo = 1; ///< its 1-based line number
    std::int64_t offsetLineNo = 1; ///< the 1-based number of the line at dataOffset
    std::int64_t headerLineNo = 1;
    std::vector<SampleLine> sample; ///< first data lines
};

std::string at(const std::string& name, std::int64_t line, std::size_t column)
{
    // Appends one piece at a time: GCC 12 reports a false -Wrestrict on "x" + std::string.
    std::string s = name;
    s += ':';
    s += std::to_string(line);
    if (column > 0) {
        s += ':';
        s += std::to_string(column);
    }
    s += ": ";
    return s;
}

std::string columnName(std::size_t index)
{
    std::string s = "col";
    s += std::to_string(index + 1);
    return s;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

/// Reads one cell starting at `p`; leaves `p` at the terminator. Returns the trimmed text,
/// without surrounding double quotes. A quoted cell ends at a line break unless
/// `acrossLines` (a header record whose names hold line breaks).
std::string_view readCell(const char*& p, const char* end, const Dialect& d,
                          bool acrossLines = false)
{
    while (p < end && isBlank(*p) && !d.isDelimiter(*p)) {
        ++p;
    }
    if (p < end && *p == '"') {
        const char* begin = ++p;
        while (p < end) {
            if (*p == '"') {
                if (p + 1 < end && p[1] == '"') {
                    p += 2;
                    continue;
                }
                break;
            }
            if (*p == '\n' && !acrossLines) {
                break;
            }
            ++p;
        }
        if (p >= end || *p != '"') {
            // Unterminated: keep the quote so the cell reads as the text it is, not a value.
            return trimView(std::string_view(begin - 1, static_cast<std::size_t>(p - begin + 1)));
        }
        const std::string_view inside(begin, static_cast<std::size_t>(p - begin));
        ++p;
        while (p < end && !d.isTerminator(*p)) {
            ++p;
        }
        return inside;
    }
    const char* begin = p;
    while (p < end && !d.isTerminator(*p)) {
        ++p;
    }
    return trimView(std::string_view(begin, static_cast<std::size_t>(p - begin)));
}

/// Splits a line (no newline outside quotes) into cells.
void splitLine(std::string_view line, const Dialect& d, std::vector<std::string_view>& out,
               bool acrossLines = false)
{
    out.clear();
    const char* p = line.data();
    const char* end = p + line.size();
    if (d.blanks) {
        while (p < end && isBlank(*p)) {
            ++p;
        }
        if (p == end) {
            return;
        }
    }
    for (;;) {
        out.push_back(readCell(p, end, d, acrossLines));
        if (p >= end || *p == '\r' || *p == '\n') {
            return;
        }
        if (d.blanks) {
            while (p < end && isBlank(*p)) {
                ++p;
            }
            if (p >= end || *p == '\r') {
                return;
            }
        } else {
            ++p;
            if (p == end) {
                out.emplace_back(); // a trailing delimiter opens one more (empty) cell
                return;
            }
        }
    }
}

std::size_t countOutsideQuotes(std::string_view line, char c)
{
    std::size_t n = 0;
    bool quoted = false;
    for (const char ch : line) {
        if (ch == '"') {
            quoted = !quoted;
        } else if (ch == c && !quoted) {
            ++n;
        }
    }
    return n;
}

bool parseDouble(std::string_view cell, double& v, bool decimalComma = false)
{
    if (!cell.empty() && cell.front() == '+') {
        cell.remove_prefix(1);
    }
    if (cell.empty()) {
        return false;
    }
    const fast_float::parse_options options(fast_float::chars_format::general,
                                            decimalComma ? ',' : '.');
    const auto r =
        fast_float::from_chars_advanced(cell.data(), cell.data() + cell.size(), v, options);
    return r.ec == std::errc() && r.ptr == cell.data() + cell.size();
}

bool parseInt(std::string_view cell, std::int64_t& v)
{
    if (!cell.empty() && cell.front() == '+') {
        cell.remove_prefix(1);
    }
    const auto r = std::from_chars(cell.data(), cell.data() + cell.size(), v);
    return r.ec == std::errc() && r.ptr == cell.data() + cell.size() && !cell.empty();
}

/// Integer timestamps, also written as "1396310400.0" or "1.3963104e9" by some exporters.
bool parseIntegerTime(std::string_view cell, std::int64_t& v, bool decimalComma = false)
{
    if (parseInt(cell, v)) {
        return true;
    }
    double d = 0;
    if (!parseDouble(cell, d, decimalComma) || !std::isfinite(d) || d != std::floor(d) ||
        std::fabs(d) > 9.0e18) {
        return false;
    }
    v = static_cast<std::int64_t>(d);
    return true;
}

constexpr std::array<DateOrder, 3> kDateOrders = {DateOrder::Ymd, DateOrder::Dmy, DateOrder::Mdy};

constexpr unsigned bitOf(DateOrder order)
{
    return 1U << static_cast<unsigned>(order);
}

/// A date-time in any order of its date's fields.
bool isDateTimeCell(std::string_view cell)
{
    return std::any_of(kDateOrders.begin(), kDateOrders.end(),
                       [&](DateOrder o) { return parseDateTime(cell, o).has_value(); });
}

bool looksLikeDataCell(std::string_view cell, bool decimalComma = false)
{
    double v = 0;
    return isMissingToken(cell) || parseDouble(cell, v, decimalComma) || isDateTimeCell(cell) ||
           equalsIgnoreCase(cell, "true") || equalsIgnoreCase(cell, "false");
}

/// Whether a line's cells read as data. A time of day ("10:00") does only beside a date, as a
/// split Date;Time row writes it: alone, "00:00,06:00" is a header of hours (a pivot table).
bool cellsLookLikeData(const std::vector<std::string_view>& cells, bool decimalComma)
{
    const bool dated = std::any_of(cells.begin(), cells.end(), isDateTimeCell);
    return std::all_of(cells.begin(), cells.end(), [&](std::string_view c) {
        return looksLikeDataCell(c, decimalComma) || (dated && parseTimeOfDay(c).has_value());
    });
}

/// The date orders (bitOf) under which every cell of `col` reads as a date-time; 0 when one
/// reads under none, or no cell counts. Missing cells are passed over when `skipMissing`.
unsigned dateOrdersOf(const std::vector<std::string_view>& col, bool skipMissing)
{
    unsigned mask = bitOf(DateOrder::Ymd) | bitOf(DateOrder::Dmy) | bitOf(DateOrder::Mdy);
    bool any = false;
    for (const std::string_view cell : col) {
        if (skipMissing && isMissingToken(cell)) {
            continue;
        }
        any = true;
        unsigned fits = 0;
        for (const DateOrder o : kDateOrders) {
            if ((mask & bitOf(o)) != 0 && parseDateTime(cell, o)) {
                fits |= bitOf(o);
            }
        }
        mask = fits;
        if (mask == 0) {
            return 0;
        }
    }
    return any ? mask : 0;
}

/// Dates without a time of day ("01.12.2026"), as a split Date column holds them.
bool isDateOnlyColumn(const std::vector<std::string_view>& col)
{
    return dateOrdersOf(col, true) != 0 &&
           std::none_of(col.begin(), col.end(),
                        [](std::string_view c) { return c.find(':') != std::string_view::npos; });
}

/// Times of day ("10:00:00"), as a split Time column holds them: its first cell is one (the
/// read names a later cell that is not).
bool isTimeOfDayColumn(const std::vector<std::string_view>& col)
{
    for (const std::string_view cell : col) {
        if (!isMissingToken(cell)) {
            return parseTimeOfDay(cell).has_value();
        }
    }
    return false;
}

/// The sample's times read in `order`, and whether they increase (or, not `strict`, never
/// decrease: a split Date column repeats each day); `widest` is the largest step between
/// neighbours.
bool increasingIn(const std::vector<std::string_view>& col, DateOrder order, bool strict,
                  std::int64_t& widest)
{
    widest = 0;
    std::optional<std::int64_t> prev;
    for (const std::string_view cell : col) {
        const auto t = parseDateTime(cell, order);
        if (!t) {
            if (isMissingToken(cell)) {
                continue;
            }
            return false;
        }
        if (prev) {
            if (*t < *prev || (strict && *t == *prev)) {
                return false;
            }
            widest = std::max(widest, *t - *prev);
        }
        prev = t;
    }
    return true;
}

struct DateChoice
{
    DateOrder order = DateOrder::Ymd;
    bool guessed = false;
};

/// How a column whose cells read as date-times under `mask` is read: ISO 8601 where it fits,
/// else the order asked for, else the one order that fits. Where both day first and month
/// first fit, the one under which the sample increases in the narrower steps (hourly data
/// across a day boundary steps an hour one way and a month the other); failing that a guess,
/// day first for "01.12.2026" and "01-12-2026", month first for "12/01/2026".
DateChoice chooseDateOrder(unsigned mask, const std::vector<std::string_view>& col,
                           std::optional<DateOrder> asked)
{
    if ((mask & bitOf(DateOrder::Ymd)) != 0) {
        return {DateOrder::Ymd, false};
    }
    if (asked) {
        return {*asked, false};
    }
    const bool dmy = (mask & bitOf(DateOrder::Dmy)) != 0;
    const bool mdy = (mask & bitOf(DateOrder::Mdy)) != 0;
    if (dmy != mdy) {
        return {dmy ? DateOrder::Dmy : DateOrder::Mdy, false};
    }
    std::int64_t dmyStep = 0;
    std::int64_t mdyStep = 0;
    const bool dmyUp = increasingIn(col, DateOrder::Dmy, false, dmyStep);
    const bool mdyUp = increasingIn(col, DateOrder::Mdy, false, mdyStep);
    if (dmyUp != mdyUp) {
        return {dmyUp ? DateOrder::Dmy : DateOrder::Mdy, false};
    }
    // Only rows less than a day apart decide so (or a split Date column, whose days repeat):
    // monthly rows over one year (01.01 … 01.12) read as daily rows the other way, whose
    // steps are narrower but wrong.
    constexpr std::int64_t kDay = 86400000;
    const bool subDaily = std::adjacent_find(col.begin(), col.end()) != col.end();
    if (dmyUp && (dmyStep < kDay || subDaily) && dmyStep * 2 <= mdyStep) {
        return {DateOrder::Dmy, false};
    }
    if (dmyUp && (mdyStep < kDay || subDaily) && mdyStep * 2 <= dmyStep) {
        return {DateOrder::Mdy, false};
    }
    for (const std::string_view cell : col) {
        const auto sep = cell.find_first_of("./-");
        if (sep != std::string_view::npos) {
            return {cell[sep] == '/' ? DateOrder::Mdy : DateOrder::Dmy, true};
        }
    }
    return {DateOrder::Dmy, true};
}

/// Unix seconds written with a fraction (Python's time.time()): 1973–2286, some cell not whole.
bool isFractionalEpochSeconds(const std::vector<std::string_view>& col, bool decimalComma)
{
    bool fraction = false;
    bool any = false;
    for (const std::string_view cell : col) {
        if (isMissingToken(cell)) {
            continue;
        }
        double v = 0;
        if (!parseDouble(cell, v, decimalComma) || !(v >= 1.0e8 && v < 1.0e10)) {
            return false;
        }
        any = true;
        fraction = fraction || v != std::floor(v);
    }
    return any && fraction;
}

bool isNumericCell(std::string_view cell, bool decimalComma = false)
{
    double v = 0;
    return parseDouble(cell, v, decimalComma) && std::isfinite(v);
}

/// How often `c` occurs outside quotes in the first sampled line, and whether every line
/// has it as often (a delimiter candidate).
std::pair<std::size_t, bool> delimiterCount(const std::vector<SampleLine>& lines, char c)
{
    const std::size_t first = countOutsideQuotes(lines.front().text, c);
    bool consistent = true;
    for (std::size_t i = 1; i < lines.size() && consistent; ++i) {
        consistent = countOutsideQuotes(lines[i].text, c) == first;
    }
    return {first, consistent};
}

/// Whether every cell of the sample's rows after the first (which may be a header) reads as
/// data under dialect `d`; the first row counts when it is the only one.
bool rowsLookLikeData(const std::vector<SampleLine>& lines, const Dialect& d)
{
    std::vector<std::string_view> cells;
    for (std::size_t i = lines.size() > 1 ? 1 : 0; i < lines.size(); ++i) {
        splitLine(lines[i].text, d, cells);
        if (!cellsLookLikeData(cells, d.decimalComma)) {
            return false;
        }
    }
    return true;
}

/// A cell of the sample that reads as a number with one decimal separator only.
struct SeparatorCell
{
    std::int64_t lineNo = 0;
    std::size_t column = 0;
    std::string_view text;
};

/// Whether the sample writes its numbers with a decimal comma: some cell reads as a number
/// only with a comma for the point ("1,5"), and none with a point ("1.5"). The comma must not
/// be the delimiter. Where both occur (German "1.234" thousands beside "21,5", or English
/// "1,000" beside "2.5") the first of each is returned in `point` and `comma`, to be refused:
/// either reading loses a column or misreads one.
bool sampleUsesDecimalComma(const std::vector<SampleLine>& lines, const Dialect& d,
                            std::optional<SeparatorCell>& point,
                            std::optional<SeparatorCell>& comma)
{
    if (!d.blanks && d.delimiter == ',') {
        return false;
    }
    std::vector<std::string_view> cells;
    for (const auto& line : lines) {
        splitLine(line.text, d, cells);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string_view c = cells[i];
            double v = 0;
            if (!point && c.find('.') != std::string_view::npos && parseDouble(c, v)) {
                point = SeparatorCell{line.lineNo, i + 1, c};
            }
            if (!comma && c.find(',') != std::string_view::npos && parseDouble(c, v, true)) {
                comma = SeparatorCell{line.lineNo, i + 1, c};
            }
        }
    }
    return comma && !point;
}

/// How many columns `wanted` names exactly, or else case-insensitively (a name two columns
/// share cannot choose one of them; "colN" can).
std::size_t columnsNamed(const std::vector<std::string>& columns, const std::string& wanted)
{
    const auto exact = static_cast<std::size_t>(std::count(columns.begin(), columns.end(), wanted));
    if (exact > 0) {
        return exact;
    }
    return static_cast<std::size_t>(
        std::count_if(columns.begin(), columns.end(),
                      [&](const std::string& c) { return equalsIgnoreCase(c, wanted); }));
}

int findColumn(const std::vector<std::string>& columns, const std::string& wanted)
{
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (columns[i] == wanted) {
            return static_cast<int>(i);
        }
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (equalsIgnoreCase(columns[i], wanted)) {
            return static_cast<int>(i);
        }
    }
    // "colN" always works, so that header-less files can be addressed too.
    if (wanted.size() > 3 && equalsIgnoreCase(std::string_view(wanted).substr(0, 3), "col")) {
        std::int64_t n = 0;
        if (parseInt(std::string_view(wanted).substr(3), n) && n >= 1 &&
            n <= static_cast<std::int64_t>(columns.size())) {
            return static_cast<int>(n - 1);
        }
    }
    return -1;
}

std::string columnList(const std::vector<std::string>& columns)
{
    std::string s;
    for (std::size_t i = 0; i < columns.size() && i < 20; ++i) {
        if (i > 0) {
            s += ", ";
        }
        s += quoteForMessage(columns[i]);
    }
    if (columns.size() > 20) {
        s += ", …";
    }
    return s;
}

template <std::size_t N>
int findByName(const std::vector<std::string>& columns,
               const std::array<std::string_view, N>& names, int exclude)
{
    for (const auto name : names) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (static_cast<int>(i) != exclude && equalsIgnoreCase(columns[i], name)) {
                return static_cast<int>(i);
            }
        }
    }
    return -1;
}

/// Where a record that starts at `pos` ends (its closing newline) when a quoted cell in it
/// holds line breaks; nullopt when it ends at the first newline, or when a quote stays open
/// past kMaxHeaderLines lines or the end of the text. A quote opens a quoted cell only at the
/// start of a cell (after blanks), as readCell reads it, so the quote of an unquoted name such
/// as `pipe 12"` opens nothing; "" inside quotes is one quote. The delimiter is not known yet:
/// any of the candidates starts a cell.
std::optional<std::size_t> quotedRecordEnd(std::string_view text, std::size_t pos)
{
    bool quoted = false;
    bool cellStart = true;
    bool spansLines = false;
    std::size_t lines = 1;
    for (std::size_t i = pos; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    ++i;
                } else {
                    quoted = false;
                }
            } else if (c == '\n') {
                spansLines = true;
                if (++lines > kMaxHeaderLines) {
                    return std::nullopt;
                }
            }
            continue;
        }
        if (c == '\n') {
            return spansLines ? std::optional<std::size_t>(i) : std::nullopt;
        }
        if (c == ',' || c == ';' || c == '\t' || c == '|') {
            cellStart = true;
        } else if (c == '"' && cellStart) {
            quoted = true;
        } else if (c != ' ' && c != '\r') {
            cellStart = false;
        }
    }
    return std::nullopt; // the text ends inside quotes, or in the first line
}

/// Why a text column of the sample was left out. A few names that repeat (host, sensor) are
/// most likely the key of long-format data, one row per series and time, which read as one
/// series would interleave several; say how to read it.
std::string textColumnNote(const std::string& column, const std::vector<std::string_view>& cells,
                           const std::vector<SampleLine>& lines)
{
    std::vector<std::string_view> distinct;
    std::size_t filled = 0;
    std::size_t firstText = cells.size();
    for (std::size_t r = 0; r < cells.size(); ++r) {
        const std::string_view c = cells[r];
        if (isMissingToken(c)) {
            continue;
        }
        ++filled;
        if (firstText == cells.size()) {
            firstText = r;
        }
        if (std::find(distinct.begin(), distinct.end(), c) == distinct.end()) {
            distinct.push_back(c);
        }
    }
    if (distinct.size() >= 2 && distinct.size() * 2 <= filled) {
        std::string names;
        for (std::size_t k = 0; k < std::min<std::size_t>(distinct.size(), 3); ++k) {
            names += (k > 0 ? ", " : "") + quoteForMessage(distinct[k]);
        }
        if (distinct.size() > 3) {
            names += ", …";
        }
        return phrases::fill(phrases::kSeriesKeyColumn, {quoteForMessage(column), names});
    }
    return phrases::fill(phrases::kTextColumnLeftOut,
                         {quoteForMessage(column), quoteForMessage(cells[firstText]),
                          std::to_string(lines[firstText].lineNo)});
}

Result<Detected> detect(std::string_view text, const std::string& name, const CsvOptions& options,
                        bool wantPreview)
{
    Detected det;
    CsvLayout& layout = det.layout;

    // Header line and sample lines (blank lines are skipped but counted).
    std::vector<SampleLine> lines;
    std::size_t pos = 0;
    std::int64_t lineNo = 0;
    std::size_t afterFirst = 0;
    std::int64_t afterFirstLineNo = 1;
    while (pos < text.size() && lines.size() < kSampleLines + 1) {
        std::size_t nl = text.find('\n', pos);
        std::size_t lineEnd = nl == std::string_view::npos ? text.size() : nl;
        ++lineNo;
        const std::int64_t firstLineNo = lineNo;
        if (lines.empty()) {
            // A header cell may hold a line break inside quotes (spreadsheets write "CPU
            // (%)" that way): the first record runs on over such breaks, for a few lines at
            // most, so a stray quote cannot swallow the file.
            if (const auto recordEnd = quotedRecordEnd(text, pos)) {
                lineNo += std::count(text.begin() + static_cast<std::ptrdiff_t>(pos),
                                     text.begin() + static_cast<std::ptrdiff_t>(*recordEnd), '\n');
                nl = *recordEnd;
                lineEnd = nl;
            }
        }
        const std::string_view line = text.substr(pos, lineEnd - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        if (trimView(line).empty()) {
            continue;
        }
        if (lines.empty()) {
            afterFirst = pos;
            afterFirstLineNo = lineNo + 1;
        }
        lines.push_back(
            {firstLineNo, line.back() == '\r' ? line.substr(0, line.size() - 1) : line});
    }
    if (lines.empty()) {
        return fail(at(name, 1, 0) + phrases::kFileEmpty);
    }

    // Delimiter: the candidate that splits every sampled line into the same number of fields
    // (most fields wins); otherwise the one most frequent in the first line.
    Dialect& dialect = det.dialect;
    if (options.delimiter != 0) {
        dialect.delimiter = options.delimiter;
        dialect.blanks = options.delimiter == ' ';
    } else {
        char best = 0;
        std::size_t bestCount = 0;
        bool bestConsistent = false;
        // The comma last: on a tie ("1;1,5" splits into two fields either way) the other
        // delimiter wins, and its commas are decimal commas.
        for (const char c : {';', '\t', '|', ','}) {
            const auto [first, consistent] = delimiterCount(lines, c);
            if (first == 0) {
                continue;
            }
            if ((consistent && !bestConsistent) ||
                (consistent == bestConsistent && first > bestCount)) {
                best = c;
                bestCount = first;
                bestConsistent = consistent;
            }
        }
        // The comma wins on count where its decimal commas split each number in two: a
        // headerless "1,5;2,5" has more comma fields than ';' ones. The other delimiter is
        // taken where its cells all read as data (with decimal commas) and the comma's do not.
        if (best == ',' && bestConsistent && !rowsLookLikeData(lines, Dialect{})) {
            for (const char c : {';', '\t', '|'}) {
                Dialect other;
                other.delimiter = c;
                other.decimalComma = true;
                const auto [count, consistent] = delimiterCount(lines, c);
                if (count > 0 && consistent && rowsLookLikeData(lines, other)) {
                    best = c;
                    break;
                }
            }
        }
        if (best != 0) {
            dialect.delimiter = best;
        } else if (trimView(lines.front().text).find_first_of(" \t") != std::string_view::npos) {
            dialect.delimiter = ' ';
            dialect.blanks = true;
        } else {
            dialect.delimiter = ',';
        }
    }
    layout.delimiter = dialect.delimiter;

    // Guard against a huge single line (or binary data) before allocating a cell per field.
    {
        const std::string_view first = lines.front().text;
        std::size_t fields = 1;
        if (dialect.blanks) {
            bool inBlank = true;
            fields = 0;
            for (const char ch : first) {
                const bool blank = isBlank(ch);
                if (!blank && inBlank) {
                    ++fields;
                }
                inBlank = blank;
            }
        } else {
            fields +=
                static_cast<std::size_t>(std::count(first.begin(), first.end(), dialect.delimiter));
        }
        if (fields > kMaxColumns) {
            return fail(at(name, lines.front().lineNo, 0) +
                        phrases::fill(phrases::kTooManyFields,
                                      {std::to_string(fields), std::to_string(kMaxColumns)}));
        }
    }

    // After the guard: it splits every sample line into cells.
    {
        std::optional<SeparatorCell> point;
        std::optional<SeparatorCell> comma;
        dialect.decimalComma = sampleUsesDecimalComma(lines, dialect, point, comma);
        if (point && comma) {
            return fail(at(name, comma->lineNo, comma->column) +
                        phrases::fill(phrases::kMixedDecimalSeparators,
                                      {quoteForMessage(comma->text), quoteForMessage(point->text),
                                       std::to_string(point->lineNo)}));
        }
    }

    std::vector<std::string_view> cells;
    splitLine(lines.front().text, dialect, cells, true);

    bool hasHeader = false;
    if (options.hasHeader) {
        hasHeader = *options.hasHeader;
    } else {
        hasHeader = !cellsLookLikeData(cells, dialect.decimalComma);
        // pandas' to_csv of a frame with numbered columns: ",0,1,2" (an unnamed index, then
        // the column numbers) is a header, not a row of data.
        // Its index on the next line starts at 0 or is no integer (a DatetimeIndex): a
        // headerless file whose first cell is missing (",0" then "1,0") stays data.
        if (!hasHeader && cells.size() >= 2 && cells[0].empty() && lines.size() > 1) {
            bool numbered = true;
            for (std::size_t i = 1; i < cells.size() && numbered; ++i) {
                std::int64_t v = -1;
                numbered = parseInt(cells[i], v) && v == static_cast<std::int64_t>(i - 1);
            }
            std::vector<std::string_view> next;
            splitLine(lines[1].text, dialect, next);
            std::int64_t firstIndex = -1;
            hasHeader =
                numbered && (next.empty() || !parseInt(next[0], firstIndex) || firstIndex == 0);
        }
    }
    layout.hasHeader = hasHeader;
    const std::size_t nCols = cells.size();
    std::vector<bool> emptyHeaderCell(nCols, false);
    if (hasHeader) {
        det.headerLineNo = lines.front().lineNo;
        const std::size_t bad = findInvalidUtf8(lines.front().text);
        if (bad != std::string_view::npos) {
            // Column of the offending byte, so the user can find it in an editor.
            const std::string_view before = lines.front().text.substr(0, bad);
            const std::size_t field =
                1 + static_cast<std::size_t>(std::count(before.begin(), before.end(),
                                                        dialect.blanks ? ' ' : dialect.delimiter));
            char hex[8];
            std::snprintf(
                hex, sizeof hex, "0x%02x",
                static_cast<unsigned>(static_cast<unsigned char>(lines.front().text[bad])));
            return fail(at(name, lines.front().lineNo, field) +
                        "the header is not valid UTF-8 text (byte " + hex +
                        "); save the file as UTF-8");
        }
        for (std::size_t i = 0; i < nCols; ++i) {
            const std::string_view c = cells[i];
            emptyHeaderCell[i] = c.empty();
            // A quoted name's doubled quotes are one quote (RFC 4180), as Vigil's own exports
            // write them: "say ""hi""" is the channel `say "hi"`.
            std::string unescaped(c);
            for (std::size_t k = unescaped.find("\"\""); k != std::string::npos;
                 k = unescaped.find("\"\"", k + 1)) {
                unescaped.erase(k, 1);
            }
            // A line break inside a quoted name reads as one space: "CPU\n(%)" is `CPU (%)`.
            for (std::size_t k = unescaped.find_first_of("\r\n"); k != std::string::npos;
                 k = unescaped.find_first_of("\r\n", k + 1)) {
                const std::size_t stop = unescaped.find_first_not_of("\r\n", k);
                unescaped.replace(k, (stop == std::string::npos ? unescaped.size() : stop) - k,
                                  " ");
            }
            layout.columns.emplace_back(c.empty() ? columnName(i) : std::move(unescaped));
        }
        lines.erase(lines.begin());
        det.dataOffset = afterFirst;
        det.offsetLineNo = afterFirstLineNo;
    } else {
        for (std::size_t i = 0; i < nCols; ++i) {
            layout.columns.push_back(columnName(i));
        }
        det.dataOffset = 0;
        det.offsetLineNo = 1;
        det.headerLineNo = 0;
    }
    if (lines.empty()) {
        return fail(at(name, det.headerLineNo, 0) + phrases::kHeaderWithoutRows);
    }
    det.dataLineNo = lines.front().lineNo;
    const std::size_t sampleRows = std::clamp<std::size_t>(
        kSampleCellBudget / std::max<std::size_t>(nCols, 1), 2, kSampleLines);
    if (lines.size() > sampleRows) {
        lines.resize(sampleRows);
    }

    // Cells of the sampled rows, column by column, for content-based decisions.
    std::vector<std::vector<std::string_view>> byColumn(nCols);
    for (const SampleLine& line : lines) {
        splitLine(line.text, dialect, cells);
        for (std::size_t i = 0; i < nCols && i < cells.size(); ++i) {
            byColumn[i].push_back(cells[i]);
        }
        if (wantPreview && layout.previewRows.size() < kPreviewRows) {
            std::vector<std::string> row;
            row.reserve(std::min<std::size_t>(cells.size(), 256));
            for (std::size_t i = 0; i < cells.size() && i < 256; ++i) {
                row.emplace_back(cells[i]);
            }
            layout.previewRows.push_back(std::move(row));
        }
    }
    det.sample = lines;

    // A name two columns share chooses neither (the first was taken, silently).
    const auto unambiguous = [&](const std::string& wanted) -> Status {
        if (const auto n = columnsNamed(layout.columns, wanted); n > 1) {
            return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                        phrases::fill(phrases::kAmbiguousColumn,
                                      {quoteForMessage(wanted), std::to_string(n)}));
        }
        return {};
    };
    // pandas' to_csv writes its index as an unnamed first column, 0, 1, 2, …: never a channel
    // "col1", and the time only where no other column is (a named one, or date-times under any
    // name); then its gaps (after a dropna()) are kept. --no-time-column numbers the rows of
    // an index that restarts (pd.concat).
    int indexCol = -1;
    if (hasHeader && nCols >= 2 && emptyHeaderCell[0] && !byColumn[0].empty()) {
        bool counts = true;
        for (std::size_t i = 0; i < byColumn[0].size() && counts; ++i) {
            std::int64_t v = -1;
            counts = parseInt(byColumn[0][i], v) && v == static_cast<std::int64_t>(i);
        }
        indexCol = counts ? 0 : -1;
    }
    // Timestamp column: asked for, else by name, else by content of the first column.
    int timeCol = -1;
    if (options.timeColumn) {
        if (!options.timeColumn->empty()) {
            timeCol = findColumn(layout.columns, *options.timeColumn);
            if (auto st = unambiguous(*options.timeColumn); !st) {
                return st.error();
            }
            if (timeCol < 0) {
                return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                            "no timestamp column named " + quoteForMessage(*options.timeColumn) +
                            " (columns: " + columnList(layout.columns) + ")");
            }
        }
    } else {
        if (hasHeader) {
            timeCol = findByName(layout.columns, kTimeNames, -1);
        }
        if (timeCol < 0 && nCols >= 2 && !byColumn[0].empty()) {
            const auto& col = byColumn[0];
            const bool allIso = dateOrdersOf(col, false) != 0;
            // Without a header, or under an unnamed first column (pandas' index, whose gaps
            // after a dropna() are the time's) unless a date-time column of any name follows.
            bool increasingInts = !hasHeader || emptyHeaderCell[0];
            for (std::size_t c = 1; increasingInts && indexCol == 0 && c < nCols; ++c) {
                increasingInts = dateOrdersOf(byColumn[c], false) == 0;
            }
            std::int64_t prev = std::numeric_limits<std::int64_t>::min();
            for (std::size_t i = 0; i < col.size() && increasingInts; ++i) {
                std::int64_t v = 0;
                increasingInts = parseInt(col[i], v) && v > prev;
                prev = v;
            }
            if (allIso || increasingInts) {
                timeCol = 0;
            }
        }
        // Date-times in another column, under a name of no known form ("Time (UTC)", "_time"):
        // the first column whose sample is increasing date-times is the time (it was left out
        // as text). Increasing: InfluxDB's _start and _stop hold one date-time on every row.
        for (std::size_t c = 1; timeCol < 0 && c < nCols && nCols >= 2; ++c) {
            const auto& col = byColumn[c];
            const unsigned mask = dateOrdersOf(col, false);
            std::int64_t step = 0;
            if (mask != 0 && increasingIn(col, chooseDateOrder(mask, col, options.dateOrder).order,
                                          true, step)) {
                timeCol = static_cast<int>(c);
            }
        }
    }
    // A date split over two columns ("Date;Time" holding 01.12.2026;10:00:00): the date column
    // is the time, completed by the times of day beside it.
    // The times of day must be named so ("Time", "Zeit", "Uhrzeit"), or, without a header,
    // complete dates that repeat: a column of durations ("duration": 01:30) beside daily dates
    // is no time of day.
    const auto clockColumn = [&](std::size_t c, std::size_t dateCol) {
        if (!isTimeOfDayColumn(byColumn[c])) {
            return false;
        }
        if (hasHeader) {
            static constexpr std::array<std::string_view, 8> kClockNames = {
                "time", "zeit", "uhrzeit", "time of day", "clock", "hour", "heure", "hora"};
            const std::string& n = layout.columns[c];
            return std::any_of(kClockNames.begin(), kClockNames.end(), [&](std::string_view k) {
                return equalsIgnoreCase(n, k) ||
                       (n.size() > k.size() && equalsIgnoreCase(n.substr(0, k.size()), k) &&
                        (n[k.size()] == ' ' || n[k.size()] == '('));
            });
        }
        const auto& dates = byColumn[dateCol];
        return std::adjacent_find(dates.begin(), dates.end()) != dates.end();
    };
    if (timeCol >= 0) {
        const auto t = static_cast<std::size_t>(timeCol);
        if (t > 0 && isDateOnlyColumn(byColumn[t - 1]) && clockColumn(t, t - 1)) {
            layout.timeOfDayColumn = timeCol;
            timeCol -= 1;
        } else if (t + 1 < nCols && isDateOnlyColumn(byColumn[t]) && clockColumn(t + 1, t)) {
            layout.timeOfDayColumn = timeCol + 1;
        }
    }
    layout.timeColumn = timeCol;
    layout.timeKind = TimeKind::Index;
    if (timeCol >= 0) {
        const auto& col = byColumn[static_cast<std::size_t>(timeCol)];
        layout.timeKind = TimeKind::Numeric;
        // A column whose first date-time reads and a later one does not is still a column of
        // date-times: the read names the bad cell.
        unsigned mask = dateOrdersOf(col, true);
        for (std::size_t i = 0; mask == 0 && i < col.size(); ++i) {
            if (!isMissingToken(col[i])) {
                mask = dateOrdersOf({col[i]}, true);
                break;
            }
        }
        if (mask != 0) {
            const DateChoice choice = chooseDateOrder(mask, col, options.dateOrder);
            layout.timeKind = TimeKind::EpochMillis;
            layout.dateOrder = choice.order;
            layout.dateOrderGuessed = choice.guessed;
        } else if (isFractionalEpochSeconds(col, dialect.decimalComma)) {
            layout.timeKind = TimeKind::EpochMillis;
            layout.fractionalEpochSeconds = true;
        }
    }

    int labelCol = -1;
    bool vigilLabels = false; ///< the label block of Vigil's wide export
    if (options.labelColumn) {
        if (!options.labelColumn->empty()) {
            labelCol = findColumn(layout.columns, *options.labelColumn);
            if (auto st = unambiguous(*options.labelColumn); !st) {
                return st.error();
            }
            if (labelCol < 0) {
                return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                            "no label column named " + quoteForMessage(*options.labelColumn) +
                            " (columns: " + columnList(layout.columns) + ")");
            }
        }
    } else if (hasHeader) {
        // Vigil's own wide export ends in "label,class,source,confidence[,channels]": that
        // label column is the one, and a channel named like a label ("anomaly", "is_anomaly")
        // stays a channel (it used to be taken for the labels, or dropped as a second label
        // column). Only that exact ending: a user's file with an is_anomaly column beside
        // label, class and source columns of its own keeps the usual choice.
        for (const std::size_t tail : {std::size_t(5), std::size_t(4)}) {
            static constexpr std::array<std::string_view, 5> kBlock = {"label", "class", "source",
                                                                       "confidence", "channels"};
            if (labelCol >= 0 || nCols < tail + 1) {
                continue;
            }
            const std::size_t first = nCols - tail;
            bool matches = static_cast<int>(first) != timeCol;
            for (std::size_t k = 0; k < tail && matches; ++k) {
                matches = equalsIgnoreCase(layout.columns[first + k], kBlock[k]);
            }
            if (matches) {
                labelCol = static_cast<int>(first);
                vigilLabels = true;
            }
        }
        if (labelCol < 0) {
            labelCol = findByName(layout.columns, kLabelNames, timeCol);
        }
    }
    if (labelCol >= 0 && labelCol == timeCol) {
        return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                    phrases::kTimeIsLabel);
    }
    layout.labelColumn = labelCol;
    // Vigil's own wide export carries the class, source, confidence and channels of each
    // labelled row beside the label column; read them back so an export round-trips. The last
    // two are read only beside a source column (elsewhere they may well be measurements).
    if (labelCol >= 0 && hasHeader) {
        int confidenceCol = -1;
        int channelsCol = -1;
        for (std::size_t i = 0; i < nCols; ++i) {
            const int idx = static_cast<int>(i);
            if (idx == timeCol || idx == labelCol) {
                continue;
            }
            const std::string& header = layout.columns[i];
            // Only cells as Vigil writes them ("anomaly", "class3"; "human", "imported"): a
            // user's own class or source column of other text ("cpu", "sensor-7") is data, and
            // was refused as a bad class or source.
            const auto allCells = [&](auto&& valid) {
                return std::all_of(byColumn[i].begin(), byColumn[i].end(),
                                   [&](std::string_view cell) {
                                       return cell.empty() || valid(std::string(cell));
                                   });
            };
            if (equalsIgnoreCase(header, "class") &&
                allCells([](const std::string& c) { return parseClassName(c).has_value(); })) {
                layout.classColumn = idx;
            } else if (equalsIgnoreCase(header, "source") && allCells([](const std::string& c) {
                           LabelSource src{};
                           return parseLabelSource(c, &src);
                       })) {
                layout.sourceColumn = idx;
            } else if (equalsIgnoreCase(header, "confidence")) {
                confidenceCol = idx;
            } else if (equalsIgnoreCase(header, "channels")) {
                channelsCol = idx;
            }
        }
        // Vigil writes them after the source column; before it, a column of that name is data
        // (a one-channel series whose channel is called "channels").
        if (layout.sourceColumn >= 0) {
            layout.confidenceColumn = confidenceCol > layout.sourceColumn ? confidenceCol : -1;
            layout.channelsColumn = channelsCol > layout.sourceColumn ? channelsCol : -1;
        }
    }

    if (!options.valueColumns.empty()) {
        for (const std::string& wanted : options.valueColumns) {
            const int idx = findColumn(layout.columns, wanted);
            if (auto st = unambiguous(wanted); !st) {
                return st.error();
            }
            if (idx < 0) {
                return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                            "no value column named " + quoteForMessage(wanted) +
                            " (columns: " + columnList(layout.columns) + ")");
            }
            // One column, one role: the timestamp or the label read as values too left that
            // channel unwritten.
            if (idx == timeCol || idx == layout.timeOfDayColumn || idx == labelCol) {
                return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                            phrases::fill(
                                idx != labelCol ? phrases::kValueIsTime : phrases::kValueIsLabel,
                                {quoteForMessage(layout.columns[static_cast<std::size_t>(idx)])}));
            }
            // Named twice (by name and by position, say): the second channel stayed empty.
            if (std::find(layout.valueColumns.begin(), layout.valueColumns.end(), idx) !=
                layout.valueColumns.end()) {
                return fail(at(name, det.headerLineNo > 0 ? det.headerLineNo : 1, 0) +
                            "the value column " +
                            quoteForMessage(layout.columns[static_cast<std::size_t>(idx)]) +
                            " is chosen twice; name each value column once");
            }
            layout.valueColumns.push_back(idx);
        }
        // A column the analyst reads as values is no label metadata.
        for (int* meta : {&layout.classColumn, &layout.sourceColumn, &layout.confidenceColumn,
                          &layout.channelsColumn}) {
            if (std::find(layout.valueColumns.begin(), layout.valueColumns.end(), *meta) !=
                layout.valueColumns.end()) {
                *meta = -1;
            }
        }
    } else {
        int firstRejected = -1;
        for (std::size_t i = 0; i < nCols; ++i) {
            const int idx = static_cast<int>(i);
            if (idx == timeCol || idx == labelCol || idx == layout.classColumn ||
                idx == layout.sourceColumn || idx == layout.confidenceColumn ||
                idx == layout.channelsColumn || idx == layout.timeOfDayColumn || idx == indexCol) {
                continue;
            }
            // A second column named like a label (is_anomaly beside label) is labels too, not
            // a measurement; the first by kLabelNames' order is read, this one ignored.
            if (labelCol >= 0 && hasHeader && !vigilLabels &&
                std::any_of(kLabelNames.begin(), kLabelNames.end(), [&](std::string_view n) {
                    return equalsIgnoreCase(layout.columns[i], n);
                })) {
                continue;
            }
            const auto& col = byColumn[i];
            const bool anyNumber = std::any_of(col.begin(), col.end(), [&](std::string_view c) {
                return isNumericCell(c, dialect.decimalComma);
            });
            const bool allMissing = std::all_of(col.begin(), col.end(), isMissingToken);
            // Text columns (host names, categories) are not channels; an all-empty column
            // from a trailing delimiter is not one either.
            const bool unnamedEmpty = allMissing && hasHeader && emptyHeaderCell[i];
            if ((anyNumber || allMissing) && !unnamedEmpty) {
                layout.valueColumns.push_back(idx);
            } else if (!allMissing) {
                if (firstRejected < 0) {
                    firstRejected = idx;
                }
                layout.notes.push_back(textColumnNote(layout.columns[i], col, lines));
            }
        }
        if (layout.valueColumns.empty()) {
            if (firstRejected >= 0) {
                const auto& col = byColumn[static_cast<std::size_t>(firstRejected)];
                for (std::size_t r = 0; r < col.size(); ++r) {
                    if (!isMissingToken(col[r])) {
                        return fail(
                            at(name, lines[r].lineNo, static_cast<std::size_t>(firstRejected) + 1) +
                            phrases::fill(phrases::kExpectedNumber, {quoteForMessage(col[r])}));
                    }
                }
            }
            return fail(at(name, det.dataLineNo, 0) + phrases::kNoNumericColumn);
        }
    }
    return det;
}

std::string fieldCountError(const std::string& name, std::int64_t line, std::size_t expected,
                            std::size_t found)
{
    return at(name, line, std::min(expected, found) + 1) +
           phrases::fill(phrases::kFieldCount, {std::to_string(expected), std::to_string(found)});
}

} // namespace

Result<CsvLayout> detectLayout(std::string_view text, const std::string& errorName,
                               const CsvOptions& options)
{
    return guarded<CsvLayout>(errorName, [&]() -> Result<CsvLayout> {
        std::string storage;
        auto det = detect(withLineFeeds(stripBom(text), storage), errorName, options, true);
        if (!det) {
            return det.error();
        }
        return std::move(det->layout);
    });
}

namespace {

/// The channels a "channels" cell of Vigil's wide export numbers ('|'-separated, 0-based among
/// the file's value columns in order), as indices among the columns read (`valueOf`: file
/// column → channel read, -1 when not read). A channel the import leaves out drops out of the
/// set; an empty set means the label is on no channel read.
Result<std::vector<int>> channelSet(const std::vector<int>& fileValueColumns,
                                    const std::vector<int>& valueOf, std::string_view cell)
{
    std::vector<int> out;
    std::size_t from = 0;
    while (from <= cell.size()) {
        const std::size_t bar = std::min(cell.find('|', from), cell.size());
        const std::string_view number = cell.substr(from, bar - from);
        int k = -1;
        const auto r = std::from_chars(number.data(), number.data() + number.size(), k);
        if (r.ec != std::errc() || r.ptr != number.data() + number.size() || k < 0 ||
            k >= static_cast<int>(fileValueColumns.size())) {
            return fail(phrases::fill(phrases::kUnknownChannel, {quoteForMessage(number)}));
        }
        const int read =
            valueOf[static_cast<std::size_t>(fileValueColumns[static_cast<std::size_t>(k)])];
        if (read >= 0) {
            out.push_back(read);
        }
        from = bar + 1;
    }
    return out;
}

/// What a time cell should have held, for an error message.
std::string expectedTime(const CsvLayout& layout)
{
    if (layout.fractionalEpochSeconds) {
        return "expected Unix seconds such as 1733047200.25, found ";
    }
    switch (layout.dateOrder) {
    case DateOrder::Dmy:
        return "expected a day-first date-time such as 01.04.2014 10:00, found ";
    case DateOrder::Mdy:
        return "expected a month-first date-time such as 04/01/2014 10:00 AM, found ";
    case DateOrder::Ymd:
        break;
    }
    return "expected an ISO-8601 date-time such as 2014-04-01 00:00:00, found ";
}

/// One read of the file. `otherOrder` is set when it failed on a date the other order (day
/// first or month first) might read, where no order was asked for.
Result<ImportedSeries> parseDelimitedOnce(std::string_view text, const std::string& errorName,
                                          const std::string& seriesName, const CsvOptions& options,
                                          std::optional<DateOrder>& otherOrder)
{
    return guarded<ImportedSeries>(errorName, [&]() -> Result<ImportedSeries> {
        const std::string& name = errorName;
        std::string storage;
        text = withLineFeeds(stripBom(text), storage);
        auto detResult = detect(text, name, options, false);
        if (!detResult) {
            return detResult.error();
        }
        const Detected& det = *detResult;
        const CsvLayout& layout = det.layout;
        const Dialect d = det.dialect;
        const fast_float::parse_options numberFormat(fast_float::chars_format::general,
                                                     d.decimalComma ? ',' : '.');
        const std::size_t nCols = layout.columns.size();

        // Role of each column: -1 skipped, -2 time, -3 label, k >= 0 value channel k.
        std::vector<int> role(nCols, -1);
        for (std::size_t k = 0; k < layout.valueColumns.size(); ++k) {
            role[static_cast<std::size_t>(layout.valueColumns[k])] = static_cast<int>(k);
        }
        if (layout.timeColumn >= 0) {
            role[static_cast<std::size_t>(layout.timeColumn)] = -2;
        }
        if (layout.labelColumn >= 0) {
            role[static_cast<std::size_t>(layout.labelColumn)] = -3;
        }
        if (layout.timeOfDayColumn >= 0) {
            role[static_cast<std::size_t>(layout.timeOfDayColumn)] = -8;
        }
        if (layout.classColumn >= 0) {
            role[static_cast<std::size_t>(layout.classColumn)] = -4;
        }
        if (layout.sourceColumn >= 0) {
            role[static_cast<std::size_t>(layout.sourceColumn)] = -5;
        }
        if (layout.confidenceColumn >= 0) {
            role[static_cast<std::size_t>(layout.confidenceColumn)] = -6;
        }
        std::vector<int> rowClass;              // 0 = take it from the label column
        std::vector<LabelSource> rowSource;     // Imported unless the file says otherwise
        std::vector<double> rowConfidence;      // NaN: none given (1)
        std::vector<int> rowChannelSet;         // index into channelSets; 0: every channel
        std::vector<std::vector<int>> channelSets{{}};
        std::map<std::string, int, std::less<>> channelSetOf{{"", 0}};
        std::vector<int> fileValueColumns;   // the export's channels: its other columns, in order
        std::vector<int> valueOf(nCols, -1); // file column -> channel read
        if (layout.channelsColumn >= 0) {
            role[static_cast<std::size_t>(layout.channelsColumn)] = -7;
            for (std::size_t i = 0; i < nCols; ++i) {
                const int idx = static_cast<int>(i);
                if (idx != layout.timeColumn && idx != layout.labelColumn &&
                    idx != layout.classColumn && idx != layout.sourceColumn &&
                    idx != layout.confidenceColumn && idx != layout.channelsColumn) {
                    fileValueColumns.push_back(idx);
                }
                valueOf[i] = role[i] >= 0 ? role[i] : -1;
            }
        }
        const bool isoTime = layout.timeKind == TimeKind::EpochMillis;
        const std::optional<DateOrder> orderCanChange =
            isoTime && !layout.fractionalEpochSeconds && layout.dateOrder != DateOrder::Ymd &&
                    !options.dateOrder
                ? std::optional(layout.dateOrder == DateOrder::Dmy ? DateOrder::Mdy
                                                                   : DateOrder::Dmy)
                : std::nullopt;
        std::int64_t pendingDate = 0;   // a split date's day, until its time of day is read
        std::string_view firstTimeCell; // for the note on a guessed date order

        const char* p = text.data() + det.dataOffset;
        const char* end = text.data() + text.size();
        // One allocation up front: the row count cannot exceed the number of newlines + 1.
        const auto maxRows = static_cast<Eigen::Index>(std::count(p, end, '\n')) + 1;
        const auto nValues = static_cast<Eigen::Index>(layout.valueColumns.size());
        Eigen::MatrixXd values =
            Eigen::MatrixXd::Constant(maxRows, nValues, std::numeric_limits<double>::quiet_NaN());
        std::vector<std::int64_t> timestamps;
        if (layout.timeColumn >= 0) {
            timestamps.reserve(static_cast<std::size_t>(maxRows));
        }
        std::vector<RowLabel> rowLabels;
        if (layout.labelColumn >= 0) {
            rowLabels.reserve(static_cast<std::size_t>(maxRows));
        }
        // Blank lines between the header and the first data row are counted as they are met.
        std::int64_t lineNo = det.offsetLineNo;
        Eigen::Index row = 0;
        std::int64_t prevTimeLine = 0;
        std::string_view prevTimeCell; // the text of the previous timestamp (ISO times only)
        // One column of values numbered by row: an empty line is an empty cell (Excel saves an
        // empty cell of a one-column sheet so). It was skipped, and every later row moved up
        // one place. Empty lines at the end of the file add nothing.
        const bool emptyLineIsCell = nCols == 1 && layout.timeColumn < 0 &&
                                     layout.labelColumn < 0 && layout.valueColumns.size() == 1;
        Eigen::Index pendingEmpty = 0;
        std::int64_t emptyCells = 0;
        while (p < end) {
            const char* q = p;
            while (q < end && (*q == ' ' || *q == '\t' || *q == '\r')) {
                ++q;
            }
            if (q == end) {
                break;
            }
            if (*q == '\n') {
                p = q + 1;
                ++lineNo;
                pendingEmpty += emptyLineIsCell && row > 0 ? 1 : 0;
                continue;
            }
            if (pendingEmpty > 0) {
                row += pendingEmpty; // those rows stay NaN
                emptyCells += pendingEmpty;
                pendingEmpty = 0;
            }
            if (d.blanks) {
                p = q;
            }
            for (std::size_t c = 0; c < nCols; ++c) {
                if (c > 0) {
                    // p sits on a delimiter here.
                    if (d.blanks) {
                        while (p < end && isBlank(*p)) {
                            ++p;
                        }
                    } else {
                        ++p;
                    }
                }
                const int r = role[c];
                if (r >= 0) {
                    double v = 0;
                    const auto res = d.decimalComma
                                         ? fast_float::from_chars_advanced(p, end, v, numberFormat)
                                         : fast_float::from_chars(p, end, v);
                    if (res.ec == std::errc() && (res.ptr == end || d.isTerminator(*res.ptr)) &&
                        !std::isinf(v)) {
                        p = res.ptr;
                    } else {
                        const std::string_view cell = readCell(p, end, d);
                        if (isMissingToken(cell)) {
                            v = std::numeric_limits<double>::quiet_NaN();
                        } else if (!parseDouble(cell, v, d.decimalComma)) {
                            // A decimal comma the sample's lines did not show ("1,5" after 60
                            // whole numbers): say so, not only that it is no number.
                            double asComma = 0;
                            const bool lateComma = !d.decimalComma &&
                                                   !(d.delimiter == ',' && !d.blanks) &&
                                                   parseDouble(cell, asComma, true);
                            return fail(
                                at(name, lineNo, c + 1) +
                                phrases::fill(phrases::kExpectedNumber, {quoteForMessage(cell)}) +
                                (lateComma ? std::string(" (") + phrases::kLateDecimalComma + ")"
                                           : std::string()));
                        }
                        if (std::isinf(v)) {
                            return fail(
                                at(name, lineNo, c + 1) +
                                phrases::fill(phrases::kInfiniteValue, {quoteForMessage(cell)}));
                        }
                    }
                    values(row, r) = v;
                } else if (r == -2 || r == -8) {
                    std::int64_t t = 0;
                    bool okTime = false;
                    std::string_view cell;
                    if (r == -8) {
                        // The time of day completing the date read from the column before.
                        cell = readCell(p, end, d);
                        const auto ofDay = parseTimeOfDay(cell);
                        if (!ofDay) {
                            otherOrder = orderCanChange;
                            return fail(at(name, lineNo, c + 1) +
                                        phrases::fill(phrases::kExpectedTimeOfDay,
                                                      {cell.empty() ? std::string("an empty cell")
                                                                    : quoteForMessage(cell)}));
                        }
                        t = pendingDate + *ofDay;
                        okTime = true;
                    } else if (!isoTime) {
                        const auto res = std::from_chars(p, end, t);
                        if (res.ec == std::errc() && res.ptr != p &&
                            (res.ptr == end || d.isTerminator(*res.ptr))) {
                            p = res.ptr;
                            okTime = true;
                        }
                    }
                    if (!okTime) {
                        cell = readCell(p, end, d);
                        if (layout.fractionalEpochSeconds) {
                            double seconds = 0.0;
                            okTime = parseDouble(cell, seconds, d.decimalComma) &&
                                     std::isfinite(seconds) && std::fabs(seconds) < 9.0e15;
                            t = okTime ? std::llround(seconds * 1000.0) : 0;
                        } else if (isoTime) {
                            const auto ms = parseDateTime(cell, layout.dateOrder);
                            okTime = ms.has_value();
                            t = ms.value_or(0);
                        } else {
                            okTime = parseIntegerTime(cell, t, d.decimalComma);
                        }
                        if (!okTime) {
                            double number = 0.0;
                            if (!isoTime && !cell.empty() &&
                                parseDouble(cell, number, d.decimalComma) &&
                                std::isfinite(number) && number != std::floor(number)) {
                                return fail(at(name, lineNo, c + 1) +
                                            phrases::fill(phrases::kFractionalTime,
                                                          {quoteForMessage(cell)}));
                            }
                            if (!isoTime && !cell.empty() && cell.front() >= '0' &&
                                cell.front() <= '9' &&
                                cell.find_first_of("/:-.") != std::string_view::npos) {
                                return fail(at(name, lineNo, c + 1) +
                                            phrases::fill(phrases::kUnsupportedDate,
                                                          {quoteForMessage(cell)}));
                            }
                            otherOrder = orderCanChange;
                            return fail(at(name, lineNo, c + 1) +
                                        (isoTime ? expectedTime(layout)
                                                 : "expected an integer timestamp, found ") +
                                        (cell.empty() ? std::string("an empty cell")
                                                      : quoteForMessage(cell)));
                        }
                    }
                    if (row == 0 && r == -2) {
                        firstTimeCell = cell;
                    }
                    if (r == -2 && layout.timeOfDayColumn >= 0) {
                        // The row's time is complete once its time of day is read.
                        pendingDate = t;
                    } else if (!timestamps.empty() && t <= timestamps.back()) {
                        const char* what =
                            t == timestamps.back()
                                ? "duplicate timestamp: same as on line "
                                : "timestamps must increase, but this one is earlier than on line ";
                        // "…00.000100" and "…00.000200" meet at the millisecond Vigil keeps.
                        const auto dot = cell.find('.');
                        const bool finerThanMs =
                            isoTime && t == timestamps.back() && cell != prevTimeCell &&
                            dot != std::string_view::npos && dot + 4 < cell.size() &&
                            std::isdigit(static_cast<unsigned char>(cell[dot + 4]));
                        otherOrder = orderCanChange;
                        return fail(at(name, lineNo, c + 1) + what + std::to_string(prevTimeLine) +
                                    (finerThanMs
                                         ? std::string(" (") + phrases::kMillisecondTimes + ")"
                                         : std::string()));
                    } else {
                        timestamps.push_back(t);
                        prevTimeLine = lineNo;
                        prevTimeCell = cell;
                    }
                } else if (r == -3) {
                    const std::string_view cell = readCell(p, end, d);
                    RowLabel state = RowLabel::None;
                    double v = 0;
                    // R's write.csv marks an unlabelled row NA, as it marks a missing value.
                    if (isMissingToken(cell)) {
                        state = RowLabel::None;
                    } else if (cell == "1" || equalsIgnoreCase(cell, "true")) {
                        state = RowLabel::Anomaly;
                    } else if (cell == "0" || equalsIgnoreCase(cell, "false")) {
                        state = RowLabel::Normal;
                    } else if (parseDouble(cell, v) && (v == 0.0 || v == 1.0)) {
                        state = v == 1.0 ? RowLabel::Anomaly : RowLabel::Normal;
                    } else {
                        return fail(
                            at(name, lineNo, c + 1) +
                            phrases::fill(phrases::kExpectedLabel, {quoteForMessage(cell)}));
                    }
                    rowLabels.push_back(state);
                } else if (r == -4) {
                    const std::string_view cell = readCell(p, end, d);
                    int cls = 0;
                    if (!cell.empty()) {
                        const auto parsed = parseClassName(std::string(cell));
                        if (!parsed) {
                            return fail(
                                at(name, lineNo, c + 1) +
                                phrases::fill(phrases::kExpectedClass, {quoteForMessage(cell)}));
                        }
                        cls = *parsed;
                    }
                    rowClass.push_back(cls);
                } else if (r == -5) {
                    const std::string_view cell = readCell(p, end, d);
                    LabelSource src = LabelSource::Imported;
                    if (!cell.empty() && !parseLabelSource(std::string(cell), &src)) {
                        return fail(
                            at(name, lineNo, c + 1) +
                            phrases::fill(phrases::kExpectedSource, {quoteForMessage(cell)}));
                    }
                    rowSource.push_back(src);
                } else if (r == -6) {
                    const std::string_view cell = readCell(p, end, d);
                    double confidence = std::numeric_limits<double>::quiet_NaN();
                    if (!cell.empty() && (!parseDouble(cell, confidence, d.decimalComma) ||
                                          !(confidence >= 0.0 && confidence <= 1.0))) {
                        return fail(
                            at(name, lineNo, c + 1) +
                            phrases::fill(phrases::kExpectedConfidence, {quoteForMessage(cell)}));
                    }
                    rowConfidence.push_back(confidence);
                } else if (r == -7) {
                    const std::string_view cell = readCell(p, end, d);
                    auto known = channelSetOf.find(cell);
                    if (known == channelSetOf.end()) {
                        auto set = channelSet(fileValueColumns, valueOf, cell);
                        if (!set) {
                            return fail(at(name, lineNo, c + 1) + set.error().message);
                        }
                        channelSets.push_back(std::move(set).value());
                        known = channelSetOf
                                    .emplace(std::string(cell),
                                             static_cast<int>(channelSets.size() - 1))
                                    .first;
                    }
                    rowChannelSet.push_back(known->second);
                } else {
                    readCell(p, end, d);
                }
                // After a cell p sits on a terminator; the line must not end early.
                if (c + 1 < nCols) {
                    bool lineEnded = p >= end || *p == '\n' || *p == '\r';
                    if (d.blanks && !lineEnded) {
                        const char* s = p;
                        while (s < end && (isBlank(*s) || *s == '\r')) {
                            ++s;
                        }
                        lineEnded = s >= end || *s == '\n';
                    }
                    if (lineEnded) {
                        return fail(fieldCountError(name, lineNo, nCols, c + 1));
                    }
                }
            }
            if (d.blanks) {
                while (p < end && isBlank(*p)) {
                    ++p;
                }
            }
            while (p < end && *p == '\r') {
                ++p;
            }
            if (p < end && *p != '\n') {
                // Count the extra fields for a helpful message.
                std::size_t found = nCols;
                const char* e = p;
                if (d.blanks) {
                    while (e < end && *e != '\n' && *e != '\r') {
                        ++found;
                        while (e < end && !d.isTerminator(*e)) {
                            ++e;
                        }
                        while (e < end && isBlank(*e)) {
                            ++e;
                        }
                    }
                } else {
                    while (e < end && *e != '\n') {
                        found += d.isDelimiter(*e) ? 1 : 0;
                        ++e;
                    }
                }
                return fail(fieldCountError(name, lineNo, nCols, found));
            }
            if (p < end) {
                ++p;
            }
            ++lineNo;
            ++row;
        }
        if (row == 0) {
            return fail(at(name, std::max<std::int64_t>(det.headerLineNo, 1), 0) +
                        "the file has a header but no data rows");
        }

        ImportedSeries out;
        TimeSeries& s = out.series;
        s.name = seriesName;
        if (row == maxRows) {
            s.values = std::move(values);
        } else {
            s.values = values.topRows(row);
        }
        for (const int idx : layout.valueColumns) {
            s.channelNames.push_back(layout.columns[static_cast<std::size_t>(idx)]);
        }
        s.timestamps = std::move(timestamps);
        s.timeKind = layout.timeColumn >= 0 ? layout.timeKind : TimeKind::Index;
        if (rowClass.empty() && rowSource.empty()) {
            out.labels = labelsFromRows(rowLabels);
        } else {
            out.labels = labelsFromRowClasses(rowLabels, rowClass, rowSource, rowConfidence,
                                              rowChannelSet, channelSets);
        }
        out.notes = layout.notes;
        if (emptyCells > 0) {
            out.notes.push_back(
                phrases::fill(phrases::kEmptyLinesAreMissing, {std::to_string(emptyCells)}));
        }
        if (options.unixTimesAsDates) {
            if (const auto unit = readUnixTimesAsDates(s); unit != UnixTimeUnit::None) {
                out.notes.push_back(phrases::fill(
                    unit == UnixTimeUnit::Seconds ? phrases::kUnixSecondsAsDates
                                                  : phrases::kUnixMillisecondsAsDates,
                    {quoteForMessage(
                        layout.columns[static_cast<std::size_t>(layout.timeColumn)])}));
            }
        }
        if (layout.dateOrderGuessed && !s.timestamps.empty()) {
            const std::string day = formatIso8601(s.timestamps.front()).substr(0, 10);
            out.notes.push_back(phrases::fill(
                layout.dateOrder == DateOrder::Dmy ? phrases::kDatesReadDayFirst
                                                   : phrases::kDatesReadMonthFirst,
                {quoteForMessage(layout.columns[static_cast<std::size_t>(layout.timeColumn)]),
                 quoteForMessage(firstTimeCell), day}));
        }
        return out;
    });
}

} // namespace

Result<ImportedSeries> parseDelimited(std::string_view text, const std::string& errorName,
                                      const std::string& seriesName, const CsvOptions& options)
{
    std::optional<DateOrder> otherOrder;
    auto result = parseDelimitedOnce(text, errorName, seriesName, options, otherOrder);
    if (!result && otherOrder) {
        // Dates read day first and month first alike in the sample, and a later one says the
        // guess was wrong (13/01/2026, or times that go back): the other order, once. The
        // first read's error stands when that fails too.
        CsvOptions other = options;
        other.dateOrder = otherOrder;
        std::optional<DateOrder> unused;
        auto retried = parseDelimitedOnce(text, errorName, seriesName, other, unused);
        if (retried) {
            return retried;
        }
    }
    return result;
}

} // namespace detail

Result<CsvLayout> detectCsvLayout(std::string_view text, const std::string& name,
                                  const CsvOptions& options)
{
    return detail::detectLayout(text, name, options);
}

Result<ImportedSeries> parseCsv(std::string_view text, const std::string& name,
                                const CsvOptions& options)
{
    return detail::parseDelimited(text, name, name, options);
}

Result<ImportedSeries> loadCsv(const std::string& path, const CsvOptions& options)
{
    const std::string fileName = detail::fileNameOf(path);
    return detail::guarded<ImportedSeries>(fileName, [&]() -> Result<ImportedSeries> {
        auto data = detail::readWholeFile(path, fileName);
        if (!data) {
            return data.error();
        }
        auto result = detail::parseDelimited(*data, fileName, detail::stemOf(path), options);
        if (result) {
            result->series.sourcePath = path;
        }
        return result;
    });
}

} // namespace vigil::core
