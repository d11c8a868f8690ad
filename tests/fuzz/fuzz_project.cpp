// SPDX-License-Identifier: MIT
// Opening a damaged project file: the bytes are written to a temporary file, opened as an
// existing project, and every read the GUI does on open is made (series list, labels, values,
// label log, undo state, models). Errors are fine; crashes, hangs and huge allocations are not.
//
// Two kinds of input. Raw bytes are the file itself. An input starting with "EDIT" is a list of
// cell edits applied to the seed project (project_seed.h) with plain SQL: byte mutations mostly
// break SQLite's own structure, while edits reach what Vigil decodes (lengths, chunk numbers,
// blobs, JSON, label ranges). Each edit is: table, column, row (one byte each, taken modulo the
// counts), a kind byte, then the value: 0 int64 (8 bytes LE), 1 double (8 bytes), 2 text and
// 3 blob (length byte + bytes), 4 NULL, 5 a small int (1 signed byte).
#include "fuzz_check.h"
#include "project_seed.h"
#include "vigil/project.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

using namespace vigil::core;

namespace {

const std::string& scratchPath()
{
    static const std::string path = [] {
        // Memory-backed when possible: every input costs several fsyncs, which on a disk
        // would cut the rate to a few inputs per second.
        std::error_code ec;
        const std::filesystem::path shm("/dev/shm");
        const auto base =
            std::filesystem::is_directory(shm, ec) ? shm : std::filesystem::temp_directory_path(ec);
        const auto dir = base / ("vigil-fuzz-project-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir, ec);
        return (dir / "p.vigil").string();
    }();
    return path;
}

void removeFiles(const std::string& path)
{
    // A -wal left over from the previous input would be replayed into this one.
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::remove((path + suffix).c_str());
    }
}

std::string readAll(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// The seed project's bytes, in one file (rollback journal), made once per process.
const std::string& seedBytes()
{
    static const std::string bytes = [] {
        const std::string path = scratchPath() + ".seed";
        vigil::fuzz::check(vigil::fuzz::writeSeedProject(path), "the seed project");
        sqlite3* db = nullptr;
        sqlite3_open(path.c_str(), &db);
        vigil::fuzz::check(sqlite3_exec(db, "PRAGMA journal_mode = DELETE", nullptr, nullptr,
                                        nullptr) == SQLITE_OK,
                           "the seed project leaves WAL mode");
        sqlite3_close(db);
        std::string b = readAll(path);
        removeFiles(path);
        return b;
    }();
    return bytes;
}

/// Reads input bytes front to back; past the end it yields zeros and `done()` turns true.
class Reader
{
public:
    Reader(const std::uint8_t* data, std::size_t size)
        : m_data(data)
        , m_size(size)
    {
    }
    bool done() const { return m_pos >= m_size; }
    std::uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    std::string bytes(std::size_t n)
    {
        n = std::min(n, m_size - std::min(m_pos, m_size));
        std::string out(reinterpret_cast<const char*>(m_data + m_pos), n);
        m_pos += n;
        return out;
    }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
    std::size_t m_pos = 0;
};

std::string quoted(const std::string& name)
{
    return "\"" + name + "\"";
}

/// Applies the edit script in `in` to the project file at `path` (no Vigil code involved).
void applyEdits(const std::string& path, Reader& in)
{
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        return;
    }
    std::vector<std::string> tables;
    {
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                           -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW) {
            tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
        }
        sqlite3_finalize(st);
    }
    for (int edit = 0; edit < 16 && !in.done() && !tables.empty(); ++edit) {
        const std::string& table = tables[in.byte() % tables.size()];
        std::vector<std::string> columns;
        std::vector<std::string> keys;
        {
            sqlite3_stmt* st = nullptr;
            sqlite3_prepare_v2(db, ("PRAGMA table_info(" + quoted(table) + ")").c_str(), -1, &st,
                               nullptr);
            while (sqlite3_step(st) == SQLITE_ROW) {
                columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
                if (sqlite3_column_int(st, 5) > 0) {
                    keys.push_back(columns.back());
                }
            }
            sqlite3_finalize(st);
        }
        const std::string column = columns.empty() ? "rowid" : columns[in.byte() % columns.size()];
        const int row = in.byte();
        std::string key;
        for (const std::string& k : keys.empty() ? std::vector<std::string>{"rowid"} : keys) {
            key += (key.empty() ? "" : ", ") + quoted(k);
        }
        const std::string sql = "UPDATE " + quoted(table) + " SET " + quoted(column) +
                                " = ?1 WHERE (" + key + ") = (SELECT " + key + " FROM " +
                                quoted(table) + " ORDER BY " + key + " LIMIT 1 OFFSET ?2)";
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            sqlite3_finalize(st);
            continue;
        }
        switch (in.byte() % 6) {
        case 0: {
            std::int64_t v = 0;
            const std::string b = in.bytes(8);
            std::memcpy(&v, b.data(), b.size());
            sqlite3_bind_int64(st, 1, v);
            break;
        }
        case 1: {
            double v = 0.0;
            const std::string b = in.bytes(8);
            std::memcpy(&v, b.data(), b.size());
            sqlite3_bind_double(st, 1, v);
            break;
        }
        case 2: {
            const std::string b = in.bytes(in.byte());
            sqlite3_bind_text(st, 1, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
            break;
        }
        case 3: {
            const std::string b = in.bytes(in.byte());
            sqlite3_bind_blob(st, 1, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
            break;
        }
        case 4:
            sqlite3_bind_null(st, 1);
            break;
        default:
            sqlite3_bind_int64(st, 1, static_cast<std::int8_t>(in.byte()));
            break;
        }
        sqlite3_bind_int(st, 2, row);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string& path = scratchPath();
    removeFiles(path);
    const bool editScript = size >= 4 && std::memcmp(data, "EDIT", 4) == 0;
    {
        std::ofstream out(path, std::ios::binary);
        if (editScript) {
            out.write(seedBytes().data(), static_cast<std::streamsize>(seedBytes().size()));
        } else {
            out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
        }
    }
    if (editScript) {
        Reader in(data + 4, size - 4);
        applyEdits(path, in);
    }
    {
        auto project = Project::open(path, OpenMode::OpenExisting);
        if (!project) {
            vigil::fuzz::check(!project.error().message.empty(), "an open error without a message");
            removeFiles(path);
            return 0;
        }
        Project& p = **project;
        if (auto series = p.listSeries()) {
            for (const SeriesInfo& info : *series) {
                (void)p.labels(info.id);
                if (auto ts = p.loadSeries(info.id)) {
                    vigil::fuzz::check(ts->length() == info.length &&
                                           ts->channels() == info.channels,
                                       "a loaded series differs from its listing");
                }
            }
        }
        (void)p.allLabels();
        (void)p.labelLog();
        (void)p.canUndo();
        (void)p.canRedo();
        (void)p.listModels();
        (void)p.latestModel();
        (void)p.listPotentials();
        if (auto latest = p.latestModel(); latest && latest->has_value()) {
            if (auto series = p.listSeries(); series && !series->empty()) {
                (void)p.loadScores((*latest)->version, series->front().id);
            }
        }
    }
    removeFiles(path);
    return 0;
}
