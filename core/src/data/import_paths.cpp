// SPDX-License-Identifier: MIT
#include "data/loader_util.h"
#include "vigil/import_plan.h"
#include "vigil/phrases.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <unordered_map>

namespace vigil::core {
namespace {
namespace fs = std::filesystem;

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() &&
           detail::equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

/// "real_2" before "real_10": digit runs compare as numbers, so folders list the way people
/// number their files.
bool naturalLess(const std::string& a, const std::string& b)
{
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = a[i] >= '0' && a[i] <= '9';
        const bool db = b[j] >= '0' && b[j] <= '9';
        if (da && db) {
            std::size_t ie = i;
            std::size_t je = j;
            while (ie < a.size() && a[ie] >= '0' && a[ie] <= '9') {
                ++ie;
            }
            while (je < b.size() && b[je] >= '0' && b[je] <= '9') {
                ++je;
            }
            std::size_t is = i;
            std::size_t js = j;
            while (is + 1 < ie && a[is] == '0') {
                ++is;
            }
            while (js + 1 < je && b[js] == '0') {
                ++js;
            }
            if (ie - is != je - js) {
                return ie - is < je - js;
            }
            const int cmp = a.compare(is, ie - is, b, js, je - js);
            if (cmp != 0) {
                return cmp < 0;
            }
            i = ie;
            j = je;
            continue;
        }
        if (a[i] != b[j]) {
            return a[i] < b[j];
        }
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j) {
        return a.size() - i < b.size() - j;
    }
    return a < b;
}

bool isSmdRoot(const fs::path& dir)
{
    std::error_code ec;
    return fs::is_directory(dir / "test", ec) && fs::is_directory(dir / "test_label", ec);
}

/// A Vigil project and the journal files SQLite keeps beside it: never data (a data folder
/// often holds its own project).
bool isProjectFile(const std::string& name)
{
    for (const char* end : {".vigil", ".vigil-wal", ".vigil-shm", ".vigil-journal"}) {
        const std::string_view e(end);
        if (name.size() >= e.size() &&
            detail::equalsIgnoreCase(std::string_view(name).substr(name.size() - e.size()), e)) {
            return true;
        }
    }
    return false;
}

/// Regular files of a folder that may hold data, in natural file-name order.
/// A file a folder import reads: not hidden, not a readme, licence, JSON or project file. A
/// .csv or .tsv file is data whatever its name: a series called "readme_sensor" is exported as
/// readme_sensor.csv, and the folder import of that export used to skip it without a word.
bool isDataFile(const fs::path& path)
{
    const std::string name = path.filename().string();
    const std::string ext = path.extension().string();
    const bool table =
        detail::equalsIgnoreCase(ext, ".csv") || detail::equalsIgnoreCase(ext, ".tsv");
    const bool document = startsWithIgnoreCase(name, "readme") ||
                          startsWithIgnoreCase(name, "license") ||
                          startsWithIgnoreCase(name, "licence");
    return !(name.empty() || name[0] == '.' || (document && !table) ||
             detail::equalsIgnoreCase(ext, ".md") || detail::equalsIgnoreCase(ext, ".json") ||
             isProjectFile(name));
}

std::vector<fs::path> dataFilesIn(const fs::path& dir)
{
    std::vector<fs::path> files;
    std::error_code ec;
    if (fs::is_regular_file(dir / "labels" / "combined_windows.json", ec) &&
        fs::is_directory(dir / "data", ec)) {
        // A NAB corpus (or Vigil's NAB export): its series lie in data/<category>/.
        for (const auto& entry : fs::recursive_directory_iterator(dir / "data", ec)) {
            std::error_code fileError;
            if (entry.is_regular_file(fileError) && isDataFile(entry.path())) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
            return naturalLess(a.string(), b.string());
        });
        return files;
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::error_code fileError;
        if (entry.is_regular_file(fileError) && isDataFile(entry.path())) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) {
        return naturalLess(a.filename().string(), b.filename().string());
    });
    return files;
}

/// Why `dir` gave no data files: none at all, or only folders (named, a few of them: a folder
/// of per-host folders was refused as if empty).
std::string noDataFilesIn(const fs::path& dir)
{
    std::vector<std::string> folders;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::error_code typeError;
        if (entry.is_directory(typeError)) {
            folders.push_back(entry.path().filename().string());
        }
    }
    if (folders.empty()) {
        return dir.string() + ": " + phrases::kNoDataFiles;
    }
    std::sort(folders.begin(), folders.end(), naturalLess);
    std::string names;
    for (std::size_t i = 0; i < folders.size() && i < 3; ++i) {
        names += (i > 0 ? ", " : "") + folders[i];
    }
    if (folders.size() > 3) {
        names += ", …";
    }
    return dir.string() + ": " + phrases::fill(phrases::kNoDataFilesOnlyFolders, {names});
}

std::vector<std::string> smdMachines(const fs::path& root)
{
    std::vector<std::string> machines;
    for (const auto& entry : fs::directory_iterator(root / "test")) {
        std::error_code ec;
        if (entry.is_regular_file(ec) && entry.path().extension() == ".txt") {
            machines.push_back(entry.path().stem().string());
        }
    }
    std::sort(machines.begin(), machines.end(), naturalLess);
    return machines;
}

/// The first bytes of a file, enough to see its header.
std::string readHead(const std::string& path, std::size_t limit)
{
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                         &std::fclose);
    if (!file) {
        return {};
    }
    std::string head(limit, '\0');
    head.resize(std::fread(head.data(), 1, limit, file.get()));
    return head;
}

std::vector<std::string> headerCells(std::string_view text)
{
    std::string storage;
    text = detail::withLineFeeds(detail::stripBom(text), storage);
    std::string_view line;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        line = detail::trimView(text.substr(0, nl));
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (!line.empty()) {
            break;
        }
    }
    std::vector<std::string> cells;
    while (!line.empty()) {
        const std::size_t comma = line.find(',');
        std::string_view cell = detail::trimView(line.substr(0, comma));
        if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
            cell = cell.substr(1, cell.size() - 2);
        }
        cells.emplace_back(cell);
        if (comma == std::string_view::npos) {
            break;
        }
        line.remove_prefix(comma + 1);
    }
    return cells;
}

Result<DataFormat> detectFileFormat(const fs::path& file)
{
    const std::string name = file.filename().string();
    std::int64_t a = 0;
    std::int64_t b = 0;
    std::int64_t c = 0;
    // UCR's archive names its .txt files so; a .csv or .tsv of that name is a table (Vigil's
    // own CSV export of a UCR series keeps the name, and its folder did not import back).
    const std::string ext = file.extension().string();
    if (!detail::equalsIgnoreCase(ext, ".csv") && !detail::equalsIgnoreCase(ext, ".tsv") &&
        detail::parseUcrFileName(file.stem().string(), a, b, c)) {
        return DataFormat::Ucr;
    }
    const std::string head = readHead(file.string(), 1 << 16);
    if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
        return fail(name + ": " + phrases::kUtf16Text);
    }
    if (head.starts_with("\x1F\x8B")) {
        return fail(name + ": " + phrases::kCompressedFile);
    }
    if (head.find('\0') != std::string::npos) {
        return fail(name + ": " + phrases::kNotText);
    }
    const auto cells = headerCells(head);
    // Yahoo's files have integer timestamps; a generic CSV with the same column names and
    // date-times is read as CSV (it was refused: "Yahoo S5 timestamps must be integers").
    const bool integerTimes = [&head] {
        std::size_t at = head.find('\n');
        while (at != std::string::npos && at + 1 < head.size() &&
               (head[at + 1] == '\n' || head[at + 1] == '\r')) {
            at = head.find('\n', at + 1);
        }
        if (at == std::string::npos) {
            return true; // no data row: the loader says what is wrong
        }
        std::size_t i = at + 1;
        if (i < head.size() && (head[i] == '-' || head[i] == '+')) {
            ++i;
        }
        const std::size_t digits = i;
        while (i < head.size() && head[i] >= '0' && head[i] <= '9') {
            ++i;
        }
        return i > digits && (i == head.size() || head[i] == ',' || head[i] == '\r' ||
                              head[i] == '\n' || head[i] == '.');
    }();
    if (integerTimes && cells.size() == 3 && cells[0] == "timestamp" && cells[1] == "value" &&
        cells[2] == "is_anomaly") {
        return DataFormat::Yahoo;
    }
    if (integerTimes && cells.size() >= 3 && cells[0] == "timestamps" && cells[1] == "value" &&
        cells[2] == "anomaly") {
        return DataFormat::Yahoo;
    }
    const fs::path dir = file.has_parent_path() ? file.parent_path() : fs::path(".");
    std::error_code ec;
    if (fs::is_regular_file(dir / ".." / ".." / "labels" / "combined_windows.json", ec) &&
        std::any_of(cells.begin(), cells.end(), [](const std::string& cell) {
            return detail::equalsIgnoreCase(cell, "timestamp");
        })) {
        return DataFormat::Nab;
    }
    return DataFormat::Csv;
}

// Yahoo, NAB, UCR and SMD files have fixed layouts: CSV options given for a batch do not apply
// to them, and say so rather than seem to have been used.
void noteCsvOptionsNotApplied(std::vector<ImportedSeries>& out, DataFormat format,
                              const CsvOptions& csv)
{
    const bool given = csv.delimiter != 0 || csv.hasHeader || csv.timeColumn || csv.labelColumn ||
                       !csv.valueColumns.empty() || csv.dateOrder || !csv.unixTimesAsDates;
    if (!given) {
        return;
    }
    // Names of formats, not words: they are not translated.
    const char* name = format == DataFormat::Yahoo ? "Yahoo"
                       : format == DataFormat::Nab ? "NAB"
                       : format == DataFormat::Ucr ? "UCR archive"
                       : format == DataFormat::Smd ? "SMD"
                                                   : nullptr;
    if (name == nullptr) {
        return;
    }
    for (ImportedSeries& s : out) {
        s.notes.push_back(phrases::fill(phrases::kCsvOptionsNotApplied, {name}));
    }
}

} // namespace

const char* toString(DataFormat format)
{
    switch (format) {
    case DataFormat::Auto:
        return "auto";
    case DataFormat::Csv:
        return "csv";
    case DataFormat::Yahoo:
        return "yahoo";
    case DataFormat::Smd:
        return "smd";
    case DataFormat::Nab:
        return "nab";
    case DataFormat::Ucr:
        return "ucr";
    }
    return "auto";
}

std::optional<DataFormat> parseDataFormat(std::string_view text)
{
    for (const DataFormat f : {DataFormat::Auto, DataFormat::Csv, DataFormat::Yahoo,
                               DataFormat::Smd, DataFormat::Nab, DataFormat::Ucr}) {
        if (detail::equalsIgnoreCase(text, toString(f))) {
            return f;
        }
    }
    return std::nullopt;
}

Result<DataFormat> detectFormat(const std::string& path)
{
    return detail::guarded<DataFormat>(path, [&]() -> Result<DataFormat> {
        const fs::path p(path);
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            if (isSmdRoot(p)) {
                return DataFormat::Smd;
            }
            const auto files = dataFilesIn(p);
            if (files.empty()) {
                return fail(noDataFilesIn(p));
            }
            return detectFileFormat(files.front());
        }
        if (!fs::exists(p, ec)) {
            return fail(path + ": " + phrases::kNoSuchPath);
        }
        return detectFileFormat(p);
    });
}

Result<std::vector<ImportItem>> planImport(const std::vector<std::string>& paths, DataFormat format)
{
    using Items = std::vector<ImportItem>;
    return detail::guarded<Items>("import", [&]() -> Result<Items> {
        if (paths.empty()) {
            return fail("import: no file or folder given");
        }
        Items out;
        auto addFile = [&](const fs::path& file) -> Status {
            DataFormat f = format;
            if (f == DataFormat::Auto) {
                auto detected = detectFileFormat(file);
                if (!detected) {
                    return detected.error();
                }
                f = *detected;
            }
            out.push_back({file.string(), f});
            return {};
        };
        for (const std::string& path : paths) {
            const fs::path p(path);
            std::error_code ec;
            if (fs::is_directory(p, ec)) {
                if (format == DataFormat::Smd || (format == DataFormat::Auto && isSmdRoot(p))) {
                    if (!isSmdRoot(p)) {
                        return fail(path + ": " + phrases::kNotSmdFolder);
                    }
                    if (smdMachines(p).empty()) {
                        return fail(path + ": test/ holds no <machine>.txt files");
                    }
                    out.push_back({path, DataFormat::Smd});
                    continue;
                }
                const auto files = dataFilesIn(p);
                if (files.empty()) {
                    return fail(noDataFilesIn(p));
                }
                for (const fs::path& file : files) {
                    if (Status s = addFile(file); !s) {
                        return s.error();
                    }
                }
                continue;
            }
            if (!fs::exists(p, ec)) {
                return fail(path + ": " + phrases::kNoSuchPath);
            }
            if (Status s = addFile(p); !s) {
                return s.error();
            }
        }
        return out;
    });
}

Result<std::vector<ImportedSeries>> loadImportItem(const ImportItem& item, const CsvOptions& csv)
{
    using Series = std::vector<ImportedSeries>;
    return detail::guarded<Series>(item.path, [&]() -> Result<Series> {
        const fs::path p(item.path);
        std::error_code ec;
        DataFormat format = item.format;
        if (format == DataFormat::Smd || (format == DataFormat::Auto && isSmdRoot(p))) {
            if (!fs::is_directory(p, ec)) {
                return fail(p.filename().string() + ": SMD data is imported by its folder (the "
                                                    "one holding test/ and test_label/)");
            }
            if (!isSmdRoot(p)) {
                return fail(item.path + ": " + phrases::kNotSmdFolder);
            }
            Series out;
            for (const std::string& machine : smdMachines(p)) {
                auto one = loadSmdMachine(item.path, machine);
                if (!one) {
                    return one.error();
                }
                out.push_back(std::move(*one));
            }
            noteCsvOptionsNotApplied(out, DataFormat::Smd, csv);
            return out;
        }
        if (format == DataFormat::Auto) {
            auto detected = detectFileFormat(p);
            if (!detected) {
                return detected.error();
            }
            format = *detected;
        }
        Result<ImportedSeries> one = fail(item.path + ": unknown format");
        switch (format) {
        case DataFormat::Csv:
        case DataFormat::Auto:
        case DataFormat::Smd:
            one = loadCsv(item.path, csv);
            break;
        case DataFormat::Yahoo:
            one = loadYahoo(item.path);
            break;
        case DataFormat::Nab:
            one = loadNab(item.path);
            break;
        case DataFormat::Ucr:
            one = loadUcr(item.path);
            break;
        }
        if (!one) {
            return one.error();
        }
        Series out;
        out.push_back(std::move(*one));
        noteCsvOptionsNotApplied(out, format, csv);
        return out;
    });
}

Result<std::vector<ImportedSeries>> importPaths(const std::vector<std::string>& paths,
                                                DataFormat format, const CsvOptions& csv)
{
    using Series = std::vector<ImportedSeries>;
    auto items = planImport(paths, format);
    if (!items) {
        return items.error();
    }
    return detail::guarded<Series>("import", [&]() -> Result<Series> {
        Series out;
        for (const ImportItem& item : *items) {
            auto some = loadImportItem(item, csv);
            if (!some) {
                return some.error();
            }
            for (ImportedSeries& s : *some) {
                out.push_back(std::move(s));
            }
        }
        return out;
    });
}

std::vector<ImportNote> groupImportNotes(const std::vector<ImportedSeries>& batch)
{
    std::vector<ImportNote> out;
    std::unordered_map<std::string, std::size_t> at;
    for (const ImportedSeries& s : batch) {
        for (const std::string& note : s.notes) {
            const auto [it, added] = at.try_emplace(note, out.size());
            if (added) {
                out.push_back({note, {}});
            }
            std::vector<std::string>& names = out[it->second].series;
            if (names.empty() || names.back() != s.series.name) {
                names.push_back(s.series.name);
            }
        }
    }
    return out;
}

} // namespace vigil::core
