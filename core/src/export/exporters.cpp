// SPDX-License-Identifier: MIT
#include "vigil/exporters.h"

#include "common/file_identity.h"
#include "common/int_math.h"
#include "common/utf8.h"
#include "data/loader_util.h"
#include "vigil/importers.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <system_error>

namespace vigil::core {
namespace fs = std::filesystem;

const char* toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::WideCsv:
        return "csv";
    case ExportFormat::Nab:
        return "nab";
    case ExportFormat::Yahoo:
        return "yahoo";
    }
    return "csv";
}

std::optional<ExportFormat> parseExportFormat(std::string_view text)
{
    if (text == "csv") {
        return ExportFormat::WideCsv;
    }
    if (text == "nab") {
        return ExportFormat::Nab;
    }
    if (text == "yahoo") {
        return ExportFormat::Yahoo;
    }
    return std::nullopt;
}

std::string formatValue(double value)
{
    if (std::isnan(value)) {
        return {};
    }
    std::array<char, 64> buf{};
    auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
    if (ec != std::errc()) {
        return "nan";
    }
    return std::string(buf.data(), end);
}

std::string className(int classId)
{
    if (classId == kClassAnomaly) {
        return "anomaly";
    }
    if (classId == kClassNormal) {
        return "normal";
    }
    return "class" + std::to_string(classId);
}

std::optional<int> parseClassName(std::string_view name)
{
    if (name == "anomaly") {
        return kClassAnomaly;
    }
    if (name == "normal") {
        return kClassNormal;
    }
    if (name.size() > 5 && name.substr(0, 5) == "class") {
        int id = 0;
        const auto* first = name.data() + 5;
        const auto* last = name.data() + name.size();
        auto [ptr, ec] = std::from_chars(first, last, id);
        if (ec == std::errc() && ptr == last && id > 0) {
            return id;
        }
    }
    return std::nullopt;
}

namespace {

/// Per-row view of the labels: the class, source and confidence that a single label column can
/// carry, and the channels it covers. Where labels overlap on a row, the one training reads
/// wins: an expert label over a suggestion, then an anomaly over another class, then a label
/// on every channel over one on some; channel-scoped labels of equal standing and one class
/// add up their channels.
struct RowLabels
{
    std::vector<int> classId; // 0 = unlabelled
    std::vector<LabelSource> source;
    std::vector<double> confidence;
    std::vector<int> channel; // kAllChannels, one channel, or kSeveralChannels
};

constexpr int kSeveralChannels = -2;

/// How strongly a label claims its row (higher wins), from what training reads first.
int standing(LabelSource source, int classId, int channel)
{
    return (source != LabelSource::Propagated ? 4 : 0) + (classId == kClassAnomaly ? 2 : 0) +
           (channel == kAllChannels ? 1 : 0);
}

RowLabels rowLabels(const std::vector<Label>& labels, std::int64_t length)
{
    const auto n = static_cast<size_t>(length);
    RowLabels rows{std::vector<int>(n, 0), std::vector<LabelSource>(n, LabelSource::Human),
                   std::vector<double>(n, 1.0), std::vector<int>(n, kAllChannels)};
    for (const auto& l : labels) {
        const int mine = standing(l.source, l.classId, l.channel);
        const auto b = std::clamp<std::int64_t>(l.begin, 0, length);
        const auto e = std::clamp<std::int64_t>(l.end, 0, length);
        for (auto i = b; i < e; ++i) {
            const auto k = static_cast<size_t>(i);
            int channel = l.channel;
            if (rows.classId[k] != 0) {
                const int theirs =
                    standing(rows.source[k], rows.classId[k],
                             rows.channel[k] == kSeveralChannels ? 0 : rows.channel[k]);
                if (theirs > mine) {
                    continue;
                }
                if (theirs == mine && channel != kAllChannels && rows.classId[k] == l.classId) {
                    channel = rows.channel[k] == l.channel ? l.channel : kSeveralChannels;
                }
            }
            rows.classId[k] = l.classId;
            rows.source[k] = l.source;
            rows.confidence[k] = l.confidence;
            rows.channel[k] = channel;
        }
    }
    return rows;
}

/// NAB's date-times run from year 0 to 9999: integer timestamps read as Unix seconds must fit.
constexpr std::int64_t kLastNabSecond = 253402300799; // 9999-12-31 23:59:59

/// A row's timestamp as the wide CSV writes it (integers as they are, date-times in ISO 8601)
/// or, `nabStyle`, as NAB needs it: "YYYY-MM-DD HH:MM:SS" without a zone, integer timestamps
/// read as Unix seconds and a bare row index as that many seconds after 1970-01-01.
std::string timestampText(const TimeSeries& s, std::int64_t row, bool nabStyle)
{
    std::int64_t millis = 0;
    switch (s.timeKind) {
    case TimeKind::Index:
        if (!nabStyle) {
            return std::to_string(row);
        }
        millis = row * 1000;
        break;
    case TimeKind::Numeric:
        if (!nabStyle) {
            return std::to_string(s.timestamps[static_cast<size_t>(row)]);
        }
        millis = s.timestamps[static_cast<size_t>(row)] * 1000; // checked by nabTimesFit
        break;
    case TimeKind::EpochMillis:
        millis = s.timestamps[static_cast<size_t>(row)];
        break;
    }
    std::string iso = formatIso8601(millis);
    if (nabStyle) {
        std::replace(iso.begin(), iso.end(), 'T', ' ');
        if (!iso.empty() && iso.back() == 'Z') {
            iso.pop_back();
        }
    }
    return iso;
}

/// Whether every timestamp of `s` can be written as a NAB date-time.
bool nabTimesFit(const TimeSeries& s)
{
    switch (s.timeKind) {
    case TimeKind::Index:
        return s.length() - 1 <= kLastNabSecond;
    case TimeKind::Numeric:
        return std::all_of(s.timestamps.begin(), s.timestamps.end(),
                           [](std::int64_t t) { return t >= 0 && t <= kLastNabSecond; });
    case TimeKind::EpochMillis:
        return true;
    }
    return true;
}

/// The protected files by identity (device and inode), each stat()ed once: checking every target
/// against every source file was quadratic (2000 series took 12 s to export, most of it in
/// stat). A file that does not exist is never protected.
class ProtectedSet
{
public:
    explicit ProtectedSet(const std::vector<ProtectedFile>& files)
    {
        for (const auto& f : files) {
            if (const auto id = fileIdentity(f.path)) {
                m_byId.emplace(*id, f.reason);
            }
        }
    }
    [[nodiscard]] Status check(const std::string& path) const
    {
        const auto id = m_byId.empty() ? std::nullopt : fileIdentity(path);
        if (!id) {
            return {};
        }
        const auto it = m_byId.find(*id);
        return it == m_byId.end() ? Status{} : fail("cannot write " + path + ": " + it->second);
    }

private:
    std::map<std::pair<dev_t, ino_t>, std::string> m_byId;
};

/// The files of one export. Each is written as "<target>.part" beside its target; commit()
/// renames them into place once every one is written. Until then, and whenever a file fails
/// (a file where a folder should be, a full disk), the destructor removes the .part files and
/// the folders it created, so a failed export leaves the output folder as it was.
class StagedFiles
{
public:
    /// `series`: their source files are never written over (an export into the folder the
    /// data came from replaced the original CSV, columns Vigil did not import included).
    StagedFiles() = default;
    explicit StagedFiles(const std::vector<LabelledSeries>& series,
                         const CancelToken* cancel = nullptr,
                         const std::vector<ProtectedFile>& keep = {})
        : m_protected(keep)
        , m_cancel(cancel)
    {
        for (const auto& ls : series) {
            if (!ls.series.sourcePath.empty()) {
                m_protected.push_back({ls.series.sourcePath, std::string(phrases::kIsSourceFile) +
                                                                 " ('" + ls.series.name + "')"});
            }
        }
    }
    /// Never writes over `protectedFiles`, each refused with its reason.
    StagedFiles(std::vector<ProtectedFile> protectedFiles, const CancelToken* cancel)
        : m_protected(std::move(protectedFiles))
        , m_cancel(cancel)
    {
    }
    StagedFiles(const StagedFiles&) = delete;
    StagedFiles& operator=(const StagedFiles&) = delete;
    ~StagedFiles() { rollBack(); }

    Status add(const fs::path& path, const std::string& content)
    {
        if (m_cancel != nullptr && m_cancel->isCancelled()) {
            return fail(std::string(kCancelledMessage)); // the destructor rolls back
        }
        if (auto st = makeFolders(path.parent_path()); !st) {
            return st;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            return fail("cannot write " + path.string() + ": a folder has that name");
        }
        if (!m_protectedSet) {
            m_protectedSet.emplace(m_protected);
        }
        if (auto st = m_protectedSet->check(path.string()); !st) {
            return st;
        }
        const fs::path tmp = path.string() + ".part";
        errno = 0;
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            // Name the target and the reason (permission, missing medium); the .part name is ours.
            const int error = errno;
            return fail("cannot write " + path.string() +
                        (error != 0 ? ": " + std::string(std::strerror(error)) : std::string()));
        }
        m_staged.push_back(path);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            return fail("cannot write " + path.string() + " (disk full?)");
        }
        return {};
    }

    /// Renames every staged file into place, in the order added.
    Status commit()
    {
        if (m_cancel != nullptr && m_cancel->isCancelled()) {
            return fail(std::string(kCancelledMessage)); // the destructor rolls back
        }
        std::error_code ec;
        for (std::size_t i = 0; i < m_staged.size(); ++i) {
            const fs::path& path = m_staged[i];
            fs::rename(path.string() + ".part", path, ec);
            if (ec) {
                Status failed = fail("cannot write " + path.string() + ": " + ec.message());
                // The ones renamed hold the export now; the rest are rolled back.
                m_staged.erase(m_staged.begin(), m_staged.begin() + static_cast<std::ptrdiff_t>(i));
                return failed;
            }
        }
        m_staged.clear();
        m_createdFolders.clear(); // they hold the export now
        return {};
    }

private:
    std::vector<ProtectedFile> m_protected;
    std::optional<ProtectedSet> m_protectedSet; ///< built at the first add
    const CancelToken* m_cancel = nullptr;

    Status makeFolders(const fs::path& folder)
    {
        if (folder.empty()) { // a bare file name lands in the working folder
            return {};
        }
        std::error_code ec;
        std::vector<fs::path> missing;
        for (fs::path f = folder; !f.empty() && !fs::exists(f, ec); f = f.parent_path()) {
            missing.push_back(f);
            if (f == f.parent_path()) {
                break;
            }
        }
        fs::create_directories(folder, ec);
        m_createdFolders.insert(m_createdFolders.end(), missing.rbegin(), missing.rend());
        if (ec || !fs::is_directory(folder)) {
            return fail("cannot create folder " + folder.string() + ": " +
                        (ec ? ec.message() : std::string("a file has that name")));
        }
        return {};
    }

    void rollBack()
    {
        std::error_code ec;
        for (const auto& path : m_staged) {
            fs::remove(path.string() + ".part", ec);
        }
        m_staged.clear();
        // Innermost first; a folder that holds anything else stays (remove() refuses it).
        for (auto it = m_createdFolders.rbegin(); it != m_createdFolders.rend(); ++it) {
            fs::remove(*it, ec);
        }
        m_createdFolders.clear();
    }

    std::vector<fs::path> m_staged;
    std::vector<fs::path> m_createdFolders; // outermost first
};

std::string csvField(const std::string& text)
{
    // Quoted also when it starts or ends with a blank, which the reader trims off unquoted
    // cells (a channel " x" came back as "x").
    const bool padded = !text.empty() && (text.front() == ' ' || text.front() == '\t' ||
                                          text.back() == ' ' || text.back() == '\t');
    if (!padded && text.find_first_of(",\"\n\r") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

/// File stems already used by one export: a second series (or channel) whose name maps to the
/// same stem ("s:1" and "s_1", channels "a/b" and "a_b") gets "-2", "-3", … instead of
/// overwriting the first file. Compared without case, for case-insensitive file systems.
class UniqueStems
{
public:
    std::string take(const std::string& stem)
    {
        std::string candidate = stem;
        for (int k = 2; !m_used.insert(lowered(candidate)).second; ++k) {
            candidate = stem + "-" + std::to_string(k);
        }
        return candidate;
    }

private:
    static std::string lowered(std::string text)
    {
        for (char& c : text) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        return text;
    }
    std::set<std::string> m_used;
};

/// Series names become file names: keep them readable but never let them escape the folder.
std::string safeFileStem(const std::string& name)
{
    std::string out;
    for (unsigned char c : name) {
        out += (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c >= 0x80)
                   ? static_cast<char>(c)
                   : '_';
    }
    // File names hold at most 255 bytes: a stem of 100 leaves room for a channel's stem, a
    // "-2" and ".csv.part". Cut between UTF-8 characters.
    out.resize(utf8PrefixLength(out, 100));
    if (out.empty() || out == "." || out == "..") {
        out = "series";
    }
    if (out.front() == '.') {
        out.front() = '_'; // a hidden file: a folder import skips it, and file managers hide it
    }
    return out;
}

/// The "channels" cell of row t: empty for every channel, else the channel numbers (0-based,
/// as `vigil-cli label --channel` takes them) joined by '|'. Numbers, not names: two channels
/// may share a name, and a name may hold the separator.
std::string channelsCell(const LabelledSeries& ls, const RowLabels& rows, std::int64_t t)
{
    const auto k = static_cast<size_t>(t);
    const int channel = rows.channel[k];
    if (channel == kAllChannels) {
        return {};
    }
    std::vector<int> channels{channel};
    if (channel == kSeveralChannels) {
        channels.clear();
        const bool suggested = rows.source[k] == LabelSource::Propagated;
        for (const auto& l : ls.labels) {
            if (l.channel != kAllChannels && l.classId == rows.classId[k] &&
                (l.source == LabelSource::Propagated) == suggested && l.begin <= t && t < l.end) {
                channels.push_back(l.channel);
            }
        }
        std::sort(channels.begin(), channels.end());
        channels.erase(std::unique(channels.begin(), channels.end()), channels.end());
    }
    std::string out;
    for (const int c : channels) {
        out += (out.empty() ? "" : "|") + std::to_string(c);
    }
    return out;
}

std::string wideCsv(const LabelledSeries& ls)
{
    const TimeSeries& s = ls.series;
    const RowLabels rows = rowLabels(ls.labels, s.length());
    std::string out = "timestamp";
    for (const auto& c : s.channelNames) {
        out += ',' + csvField(c);
    }
    // Several channels: a label may cover some of them ("channels" numbers them).
    const bool scoped = s.channels() > 1;
    out +=
        scoped ? ",label,class,source,confidence,channels\n" : ",label,class,source,confidence\n";
    for (std::int64_t t = 0; t < s.length(); ++t) {
        out += timestampText(s, t, false);
        for (int c = 0; c < s.channels(); ++c) {
            out += ',' + formatValue(s.values(t, c));
        }
        const int cls = rows.classId[static_cast<size_t>(t)];
        if (cls == 0) {
            out += scoped ? ",,,,,\n" : ",,,,\n";
        } else {
            const auto k = static_cast<size_t>(t);
            out += cls == kClassAnomaly ? ",1," : ",0,";
            out += className(cls) + ',' + toString(rows.source[k]) + ',' +
                   formatValue(rows.confidence[k]);
            if (scoped) {
                out += ',' + channelsCell(ls, rows, t);
            }
            out += '\n';
        }
    }
    return out;
}

/// Maximal runs of rows inside anomaly labels, as [begin, end) pairs: of every label, or with
/// `channel` >= 0 of those that cover that channel.
std::vector<std::pair<std::int64_t, std::int64_t>> anomalyRuns(const LabelledSeries& ls,
                                                               int channel = kAllChannels)
{
    std::vector<char> flag(static_cast<size_t>(ls.series.length()), 0);
    for (const auto& l : ls.labels) {
        // Suggestions are not ground truth until accepted (the wide CSV keeps them apart).
        if (l.classId != kClassAnomaly || l.source == LabelSource::Propagated ||
            (channel != kAllChannels && l.channel != kAllChannels && l.channel != channel)) {
            continue;
        }
        for (auto i = std::max<std::int64_t>(0, l.begin);
             i < std::min<std::int64_t>(l.end, ls.series.length()); ++i) {
            flag[static_cast<size_t>(i)] = 1;
        }
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> runs;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(flag.size());) {
        if (flag[static_cast<size_t>(i)] == 0) {
            ++i;
            continue;
        }
        std::int64_t j = i;
        while (j < static_cast<std::int64_t>(flag.size()) && flag[static_cast<size_t>(j)] != 0) {
            ++j;
        }
        runs.emplace_back(i, j);
        i = j;
    }
    return runs;
}

Result<std::vector<std::string>> exportNab(const std::vector<LabelledSeries>& all,
                                           const fs::path& outDir, const CancelToken* cancel,
                                           const std::vector<ProtectedFile>& keep)
{
    std::vector<std::string> files;
    StagedFiles staged(all, cancel, keep);
    // A windows file already there (a NAB corpus, or an earlier export to this folder) keeps
    // its other files' windows: it was replaced by this export's alone, which lost them and
    // left its data files without windows, so the folder no longer imported.
    const fs::path jsonPath = outDir / "labels" / "combined_windows.json";
    nlohmann::ordered_json windows = nlohmann::ordered_json::object();
    std::error_code ec;
    if (fs::exists(jsonPath, ec)) {
        auto text = detail::readWholeFile(jsonPath.string(), jsonPath.string());
        if (!text) {
            return text.error();
        }
        windows = nlohmann::ordered_json::parse(*text, nullptr, false);
        if (windows.is_discarded() || !windows.is_object()) {
            return fail(phrases::fill(phrases::kNotNabWindowsFile, {jsonPath.string()}));
        }
    }
    UniqueStems stems;
    for (const auto& ls : all) {
        const TimeSeries& s = ls.series;
        if (!nabTimesFit(s)) {
            return fail("series '" + s.name +
                        "' cannot be written as NAB: its integer timestamps are not Unix seconds "
                        "from 1970 to 9999 (NAB needs date-times); export it as CSV or Yahoo");
        }
        const std::string stem = stems.take(safeFileStem(s.name));
        std::string csv = "timestamp";
        if (s.channels() == 1) {
            csv += ",value";
        } else {
            for (const auto& c : s.channelNames) {
                csv += ',' + csvField(c);
            }
        }
        csv += '\n';
        for (std::int64_t t = 0; t < s.length(); ++t) {
            csv += timestampText(s, t, true);
            for (int c = 0; c < s.channels(); ++c) {
                csv += ',' + formatValue(s.values(t, c));
            }
            csv += '\n';
        }
        const fs::path csvPath = outDir / "data" / "vigil" / (stem + ".csv");
        if (auto st = staged.add(csvPath, csv); !st) {
            return st.error();
        }
        files.push_back(csvPath.string());
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& [b, e] : anomalyRuns(ls)) {
            std::string from = timestampText(s, b, true);
            std::string to = timestampText(s, e - 1, true);
            {
                // NAB's windows carry microseconds: "2014-04-01 00:00:00.000000".
                for (auto* text : {&from, &to}) {
                    if (text->find('.') == std::string::npos) {
                        *text += ".000000";
                    }
                }
            }
            list.push_back({from, to});
        }
        windows["vigil/" + stem + ".csv"] = list;
    }
    if (auto st = staged.add(
            jsonPath, windows.dump(4, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
        !st) {
        return st.error();
    }
    files.push_back(jsonPath.string());
    if (auto st = staged.commit(); !st) {
        return st.error();
    }
    return files;
}

Result<std::vector<std::string>> exportYahoo(const std::vector<LabelledSeries>& all,
                                             const fs::path& outDir, const CancelToken* cancel,
                                             const std::vector<ProtectedFile>& keep)
{
    std::vector<std::string> files;
    StagedFiles staged(all, cancel, keep);
    UniqueStems stems;
    for (const auto& ls : all) {
        const TimeSeries& s = ls.series;
        if (s.timeKind == TimeKind::EpochMillis &&
            std::adjacent_find(s.timestamps.begin(), s.timestamps.end(),
                               [](std::int64_t a, std::int64_t b) {
                                   return floorDiv(a, 1000) == floorDiv(b, 1000);
                               }) != s.timestamps.end()) {
            // Cut to whole seconds, two rows would share one, and Yahoo's reader (Vigil's too)
            // refuses a repeated timestamp.
            return fail("series '" + s.name +
                        "' cannot be written as Yahoo: two of its rows fall in the same second "
                        "(Yahoo's timestamps are whole Unix seconds); export it as CSV or NAB");
        }
        for (int c = 0; c < s.channels(); ++c) {
            // Each channel's file marks the anomalies labelled on it or on every channel.
            std::vector<char> anomalous(static_cast<size_t>(s.length()), 0);
            for (const auto& [b, e] : anomalyRuns(ls, c)) {
                std::fill(anomalous.begin() + b, anomalous.begin() + e, 1);
            }
            std::string csv = "timestamp,value,is_anomaly\n";
            for (std::int64_t t = 0; t < s.length(); ++t) {
                // Yahoo's timestamps are integers: a 1-based index (A1/A2) or epoch seconds.
                std::int64_t ts = t + 1;
                if (s.timeKind == TimeKind::Numeric) {
                    ts = s.timestamps[static_cast<size_t>(t)];
                } else if (s.timeKind == TimeKind::EpochMillis) {
                    // Whole seconds, rounded down (before 1970 too: -500 ms is -1 s).
                    ts = floorDiv(s.timestamps[static_cast<size_t>(t)], 1000);
                }
                csv += std::to_string(ts) + ',' + formatValue(s.values(t, c)) + ',' +
                       (anomalous[static_cast<size_t>(t)] != 0 ? "1" : "0") + '\n';
            }
            std::string stem = safeFileStem(s.name);
            if (s.channels() > 1) {
                stem += "__" + safeFileStem(s.channelNames[static_cast<size_t>(c)]);
            }
            const fs::path path = outDir / (stems.take(stem) + ".csv");
            if (auto st = staged.add(path, csv); !st) {
                return st.error();
            }
            files.push_back(path.string());
        }
    }
    if (auto st = staged.commit(); !st) {
        return st.error();
    }
    return files;
}

} // namespace

Status writeFileAtomically(const std::string& path, const std::string& content)
{
    return writeFilesAtomically({{path, content}});
}

Status refuseProtected(const std::string& path, const std::vector<ProtectedFile>& protectedFiles)
{
    return ProtectedSet(protectedFiles).check(path);
}

Status writeFilesAtomically(const std::vector<std::pair<std::string, std::string>>& files,
                            std::vector<ProtectedFile> protectedFiles, const CancelToken* cancel)
{
    StagedFiles staged(std::move(protectedFiles), cancel);
    for (const auto& [path, content] : files) {
        if (auto st = staged.add(fs::path(path), content); !st) {
            return st;
        }
    }
    return staged.commit();
}

Result<std::vector<std::string>> exportSeries(const std::vector<LabelledSeries>& series,
                                              ExportFormat format, const std::string& outDir,
                                              const CancelToken* cancel,
                                              const std::vector<ProtectedFile>& keep)
{
    const fs::path out(outDir);
    std::error_code ec;
    if (fs::exists(out, ec) && !fs::is_directory(out, ec)) {
        return fail("cannot create output folder " + outDir + ": a file has that name");
    }
    // The writers create the folder with their first file, and remove it again on failure.
    for (const auto& ls : series) {
        const auto& s = ls.series;
        if (static_cast<std::int64_t>(s.channelNames.size()) != s.channels() ||
            (s.timeKind != TimeKind::Index &&
             static_cast<std::int64_t>(s.timestamps.size()) != s.length())) {
            return fail("series " + s.name + " is inconsistent (channel names or timestamps)");
        }
    }
    switch (format) {
    case ExportFormat::WideCsv: {
        std::vector<std::string> files;
        StagedFiles staged(series, cancel, keep);
        UniqueStems stems;
        for (const auto& ls : series) {
            const fs::path path = out / (stems.take(safeFileStem(ls.series.name)) + ".csv");
            if (auto st = staged.add(path, wideCsv(ls)); !st) {
                return st.error();
            }
            files.push_back(path.string());
        }
        if (auto st = staged.commit(); !st) {
            return st.error();
        }
        return files;
    }
    case ExportFormat::Nab:
        return exportNab(series, out, cancel, keep);
    case ExportFormat::Yahoo:
        return exportYahoo(series, out, cancel, keep);
    }
    return fail("unknown export format");
}

} // namespace vigil::core
