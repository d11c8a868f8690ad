// SPDX-License-Identifier: MIT
#include "data/loader_util.h"

#include "vigil/phrases.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <system_error>

namespace vigil::core::detail {
namespace fs = std::filesystem;

Result<std::string> readWholeFile(const std::string& path, const std::string& displayName)
{
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return fail(displayName + ": " + phrases::kIsFolder);
    }
    // std::FILE keeps this to one allocation and one read, which matters for 100 MB files.
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file) {
        // Why, as the system says it ("Permission denied", "No such file or directory").
        const std::string reason = std::generic_category().message(errno);
        return fail(displayName + ": cannot open file (" + path + ": " + reason + ")");
    }
    std::string data;
    const auto size = fs::file_size(path, ec);
    if (!ec && size > 0) {
        data.resize(static_cast<std::size_t>(size));
        const std::size_t got = std::fread(data.data(), 1, data.size(), file.get());
        data.resize(got);
    }
    // Files that grow while read, or special files reporting size 0, are read to the end.
    char buffer[1 << 16];
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
        if (got == 0) {
            break;
        }
        data.append(buffer, got);
    }
    if (std::ferror(file.get()) != 0) {
        return fail(displayName + ": " + phrases::kReadError + " (" +
                    std::generic_category().message(errno) + ")");
    }
    return data;
}

std::string fileNameOf(const std::string& path)
{
    return fs::path(path).filename().string();
}

std::string stemOf(const std::string& path)
{
    return fs::path(path).stem().string();
}

std::size_t findInvalidUtf8(std::string_view text)
{
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return i;
        }
        if (i + len > n) {
            return i;
        }
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) {
                return i;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        const bool overlong =
            (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
        if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return i;
        }
        i += len;
    }
    return std::string_view::npos;
}

std::string quoteForMessage(std::string_view cell)
{
    constexpr std::size_t kMaxShown = 40;
    const bool shortened = cell.size() > kMaxShown;
    if (shortened) {
        cell = cell.substr(0, kMaxShown);
    }
    return "\"" + escapeForMessage(cell) + (shortened ? "…\"" : "\"");
}

std::string escapeForMessage(std::string_view cell)
{
    std::string out;
    static const char* hex = "0123456789abcdef";
    std::size_t i = 0;
    while (i < cell.size()) {
        const auto c = static_cast<unsigned char>(cell[i]);
        const std::size_t bad = findInvalidUtf8(cell.substr(i));
        if (bad == 0 || c < 0x20 || c == 0x7F) {
            // Invalid or control bytes are escaped so the message itself stays valid UTF-8.
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xF];
            ++i;
            continue;
        }
        const std::size_t goodEnd = bad == std::string_view::npos ? cell.size() : i + bad;
        for (; i < goodEnd; ++i) {
            const auto b = static_cast<unsigned char>(cell[i]);
            if (b < 0x20 || b == 0x7F) {
                break;
            }
            out += cell[i];
        }
    }
    return out;
}

std::string_view trimView(std::string_view text)
{
    std::size_t b = 0;
    std::size_t e = text.size();
    while (b < e && (text[b] == ' ' || text[b] == '\t' || text[b] == '\r')) {
        ++b;
    }
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) {
        --e;
    }
    return text.substr(b, e - b);
}

std::string_view stripBom(std::string_view text)
{
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    return text;
}

std::string_view withLineFeeds(std::string_view text, std::string& storage)
{
    if (text.find('\n') != std::string_view::npos || text.find('\r') == std::string_view::npos) {
        return text;
    }
    storage.assign(text);
    std::replace(storage.begin(), storage.end(), '\r', '\n');
    return storage;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') {
            x = static_cast<char>(x - 'A' + 'a');
        }
        if (y >= 'A' && y <= 'Z') {
            y = static_cast<char>(y - 'A' + 'a');
        }
        if (x != y) {
            return false;
        }
    }
    return true;
}

bool isMissingToken(std::string_view cell)
{
    cell = trimView(cell);
    if (cell.empty()) {
        return true;
    }
    for (const char* token : {"nan", "-nan", "+nan", "na", "n/a", "null", "none", "?"}) {
        if (equalsIgnoreCase(cell, token)) {
            return true;
        }
    }
    return false;
}

std::vector<Label> labelsFromRows(const std::vector<RowLabel>& rows)
{
    std::vector<Label> labels;
    const auto n = static_cast<std::int64_t>(rows.size());
    std::int64_t i = 0;
    while (i < n) {
        const RowLabel state = rows[static_cast<std::size_t>(i)];
        std::int64_t j = i + 1;
        while (j < n && rows[static_cast<std::size_t>(j)] == state) {
            ++j;
        }
        if (state != RowLabel::None) {
            Label label;
            label.seriesId = 0;
            label.begin = i;
            label.end = j;
            label.channel = kAllChannels;
            label.classId = state == RowLabel::Anomaly ? kClassAnomaly : kClassNormal;
            label.source = LabelSource::Imported;
            label.confidence = 1.0;
            labels.push_back(label);
        }
        i = j;
    }
    return labels;
}

std::vector<Label> labelsFromRowClasses(const std::vector<RowLabel>& rows,
                                        const std::vector<int>& rowClass,
                                        const std::vector<LabelSource>& rowSource,
                                        const std::vector<double>& rowConfidence,
                                        const std::vector<int>& rowChannelSet,
                                        const std::vector<std::vector<int>>& channelSets)
{
    const auto n = static_cast<std::int64_t>(rows.size());
    auto classAt = [&](std::int64_t i) {
        const auto k = static_cast<std::size_t>(i);
        if (k < rowClass.size() && rowClass[k] != 0) {
            return rowClass[k];
        }
        return rows[k] == RowLabel::Anomaly  ? kClassAnomaly
               : rows[k] == RowLabel::Normal ? kClassNormal
                                             : 0;
    };
    auto sourceAt = [&](std::int64_t i) {
        const auto k = static_cast<std::size_t>(i);
        return k < rowSource.size() ? rowSource[k] : LabelSource::Imported;
    };
    auto confidenceAt = [&](std::int64_t i) {
        const auto k = static_cast<std::size_t>(i);
        return k < rowConfidence.size() && std::isfinite(rowConfidence[k]) ? rowConfidence[k] : 1.0;
    };
    auto setAt = [&](std::int64_t i) {
        const auto k = static_cast<std::size_t>(i);
        return k < rowChannelSet.size() ? rowChannelSet[k] : 0;
    };
    std::vector<Label> labels;
    std::int64_t i = 0;
    while (i < n) {
        const int cls = classAt(i);
        const LabelSource src = sourceAt(i);
        const double confidence = confidenceAt(i);
        const int set = setAt(i);
        std::int64_t j = i + 1;
        while (j < n && classAt(j) == cls && sourceAt(j) == src && confidenceAt(j) == confidence &&
               setAt(j) == set) {
            ++j;
        }
        if (cls != 0) {
            Label label;
            label.begin = i;
            label.end = j;
            label.classId = cls;
            label.source = src;
            label.confidence = confidence;
            if (set == 0) {
                labels.push_back(label);
            } else {
                for (const int channel : channelSets[static_cast<std::size_t>(set)]) {
                    label.channel = channel;
                    labels.push_back(label);
                }
            }
        }
        i = j;
    }
    return labels;
}

UnixTimeUnit readUnixTimesAsDates(TimeSeries& series)
{
    if (series.timeKind != TimeKind::Numeric || series.timestamps.empty()) {
        return UnixTimeUnit::None;
    }
    const auto [lo, hi] = std::minmax_element(series.timestamps.begin(), series.timestamps.end());
    const auto within = [&](std::int64_t from, std::int64_t to) { return *lo >= from && *hi < to; };
    if (within(1'000'000'000, 10'000'000'000)) {
        for (std::int64_t& t : series.timestamps) {
            t *= 1000;
        }
        series.timeKind = TimeKind::EpochMillis;
        return UnixTimeUnit::Seconds;
    }
    if (within(1'000'000'000'000, 10'000'000'000'000)) {
        series.timeKind = TimeKind::EpochMillis;
        return UnixTimeUnit::Milliseconds;
    }
    return UnixTimeUnit::None;
}

} // namespace vigil::core::detail
