// SPDX-License-Identifier: MIT
#include "vigil/importers.h"

#include <array>
#include <cstdio>

namespace vigil::core {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar, no time-zone database and no locale involved.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

bool isLeap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && isLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `count` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, int count, int& out)
{
    if (pos + static_cast<std::size_t>(count) > s.size()) {
        return false;
    }
    int v = 0;
    for (int i = 0; i < count; ++i) {
        const char c = s[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') {
            return false;
        }
        v = v * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(count);
    out = v;
    return true;
}

/// Reads 1 to `most` digits at `pos`; `count` is how many were read.
bool someDigits(std::string_view s, std::size_t& pos, int most, int& out, int& count)
{
    out = 0;
    count = 0;
    while (count < most && pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        out = out * 10 + (s[pos] - '0');
        ++pos;
        ++count;
    }
    return count > 0;
}

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix)
{
    if (s.size() < prefix.size()) {
        return false;
    }
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
        if (c != prefix[i]) {
            return false;
        }
    }
    return true;
}

/// Reads ":SS[.fff…]" at `pos` if a ':' is there (the seconds and fraction of a time of day);
/// digits beyond milliseconds are read but dropped (truncation). False on a malformed part.
bool secondsAndFraction(std::string_view s, std::size_t& pos, int& second, int& millis)
{
    second = 0;
    millis = 0;
    if (pos >= s.size() || s[pos] != ':') {
        return true;
    }
    ++pos;
    if (!digits(s, pos, 2, second)) {
        return false;
    }
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (n < 3) {
                millis = millis * 10 + (s[pos] - '0');
            }
            ++n;
            ++pos;
        }
        if (n == 0) {
            return false;
        }
        for (int k = n; k < 3; ++k) {
            millis *= 10;
        }
    }
    return true;
}

} // namespace

std::optional<std::int64_t> parseTimeOfDay(std::string_view s)
{
    std::size_t p = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    int n = 0;
    if (!someDigits(s, p, 2, hour, n) || p >= s.size() || s[p++] != ':' ||
        !digits(s, p, 2, minute)) {
        return std::nullopt;
    }
    if (!secondsAndFraction(s, p, second, millis)) {
        return std::nullopt;
    }
    while (p < s.size() && s[p] == ' ') {
        ++p;
    }
    if (p < s.size()) {
        // 12-hour clock: 12 AM is midnight, 12 PM noon.
        const std::string_view rest = s.substr(p);
        bool pm = false;
        if (startsWithIgnoreCase(rest, "am") || startsWithIgnoreCase(rest, "a.m.")) {
            pm = false;
        } else if (startsWithIgnoreCase(rest, "pm") || startsWithIgnoreCase(rest, "p.m.")) {
            pm = true;
        } else {
            return std::nullopt;
        }
        const std::size_t len = rest.size() > 1 && rest[1] == '.' ? 4 : 2;
        if (rest.size() != len || hour < 1 || hour > 12) {
            return std::nullopt;
        }
        hour = hour % 12 + (pm ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    return (std::int64_t{hour} * 3600 + std::int64_t{minute} * 60 + second) * 1000 + millis;
}

std::optional<std::int64_t> parseDateTime(std::string_view s, DateOrder order)
{
    if (order == DateOrder::Ymd) {
        if (auto iso = parseIso8601(s)) {
            return iso;
        }
    }
    // Three fields of digits joined by one separator, the year's 4 digits first or last.
    std::size_t p = 0;
    std::array<int, 3> field{};
    std::array<int, 3> width{};
    char separator = 0;
    for (std::size_t i = 0; i < 3; ++i) {
        if (!someDigits(s, p, 4, field[i], width[i])) {
            return std::nullopt;
        }
        if (i < 2) {
            if (p >= s.size() || (s[p] != '.' && s[p] != '/' && s[p] != '-') ||
                (separator != 0 && s[p] != separator)) {
                return std::nullopt;
            }
            separator = s[p++];
        }
    }
    const bool yearFirst = order == DateOrder::Ymd;
    const std::size_t yearAt = yearFirst ? 0 : 2;
    for (std::size_t i = 0; i < 3; ++i) {
        if (i == yearAt ? width[i] != 4 : width[i] > 2) {
            return std::nullopt;
        }
    }
    const int year = field[yearAt];
    const int month = order == DateOrder::Mdy ? field[0] : field[1];
    const int day = order == DateOrder::Ymd   ? field[2]
                    : order == DateOrder::Dmy ? field[0]
                                              : field[1];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return std::nullopt;
    }
    std::int64_t millisOfDay = 0;
    if (p < s.size()) {
        // "01.12.2026 10:00", "12/01/2026, 10:00 AM", "2026/12/01T10:00".
        if (s[p] == ',') {
            ++p;
        }
        const std::size_t timeStart = p;
        while (p < s.size() && s[p] == ' ') {
            ++p;
        }
        if (p == timeStart && p < s.size() && (s[p] == 'T' || s[p] == 't')) {
            ++p;
        } else if (p == timeStart) {
            return std::nullopt;
        }
        const auto time = parseTimeOfDay(s.substr(p));
        if (!time) {
            return std::nullopt;
        }
        millisOfDay = *time;
    }
    const std::int64_t days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    return days * 86400000 + millisOfDay;
}

std::optional<std::int64_t> parseIso8601(std::string_view s)
{
    std::size_t p = 0;
    int year = 0;
    int month = 0;
    int day = 0;
    if (!digits(s, p, 4, year) || p >= s.size() || s[p++] != '-' || !digits(s, p, 2, month) ||
        p >= s.size() || s[p++] != '-' || !digits(s, p, 2, day)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
        return std::nullopt;
    }
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    std::int64_t offsetMinutes = 0;
    if (p < s.size()) {
        if (s[p] != 'T' && s[p] != 't' && s[p] != ' ') {
            return std::nullopt;
        }
        ++p;
        if (!digits(s, p, 2, hour) || p >= s.size() || s[p++] != ':' || !digits(s, p, 2, minute)) {
            return std::nullopt;
        }
        if (!secondsAndFraction(s, p, second, millis)) {
            return std::nullopt;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return std::nullopt;
        }
        if (p < s.size()) {
            if (s[p] == 'Z' || s[p] == 'z') {
                ++p;
            } else if (s[p] == '+' || s[p] == '-') {
                const int sign = s[p] == '-' ? -1 : 1;
                ++p;
                int oh = 0;
                int om = 0;
                if (!digits(s, p, 2, oh)) {
                    return std::nullopt;
                }
                if (p < s.size() && s[p] == ':') {
                    ++p;
                    if (!digits(s, p, 2, om)) {
                        return std::nullopt;
                    }
                } else if (p < s.size()) {
                    if (!digits(s, p, 2, om)) {
                        return std::nullopt;
                    }
                }
                if (oh > 23 || om > 59) {
                    return std::nullopt;
                }
                offsetMinutes = static_cast<std::int64_t>(sign) * (oh * 60 + om);
            } else {
                return std::nullopt;
            }
        }
        if (p != s.size()) {
            return std::nullopt;
        }
    }
    const std::int64_t days =
        daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t seconds = days * 86400 + std::int64_t{hour} * 3600 +
                                 std::int64_t{minute} * 60 + second - offsetMinutes * 60;
    // Years 0000-9999 in UTC: an offset may not carry a time past them, where it would be
    // written back as "10000-01-01…" that nothing reads.
    constexpr std::int64_t kFirstSecond = -62167219200; // 0000-01-01T00:00:00Z
    constexpr std::int64_t kEndSecond = 253402300800;   // 10000-01-01T00:00:00Z
    if (seconds < kFirstSecond || seconds >= kEndSecond) {
        return std::nullopt;
    }
    return seconds * 1000 + millis;
}

std::string formatIso8601(std::int64_t epochMillis)
{
    // Floor division so that times before 1970 keep a positive millisecond part.
    std::int64_t days = epochMillis / 86400000;
    std::int64_t rest = epochMillis % 86400000;
    if (rest < 0) {
        rest += 86400000;
        --days;
    }
    std::int64_t y = 0;
    unsigned m = 0;
    unsigned d = 0;
    civilFromDays(days, y, m, d);
    const auto ms = static_cast<int>(rest % 1000);
    const auto secs = static_cast<int>(rest / 1000);
    char buffer[64];
    if (ms != 0) {
        std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                      static_cast<long long>(y), m, d, secs / 3600, secs / 60 % 60, secs % 60, ms);
    } else {
        std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<long long>(y), m, d, secs / 3600, secs / 60 % 60, secs % 60);
    }
    return buffer;
}

} // namespace vigil::core
