// SPDX-License-Identifier: MIT
#include "vigil/project.h"

#include "common/file_identity.h"
#include "data/loader_util.h"
#include "store/codec.h"
#include "store/schema.h"
#include "store/sqlite_util.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <set>
#include <unistd.h>
#include <utility>

namespace vigil::core {

using store::Statement;
using store::Transaction;

namespace {

/// An SQLite file whose own structure is damaged (bytes overwritten, a copy cut short): nothing
/// in it can be read safely, and nothing is written to it. SQLite quotes the damaged bytes.
Error damaged(const std::string& path, const std::string& sqliteMessage)
{
    return fail(path + " " + phrases::kProjectDamaged + " " +
                detail::escapeForMessage(sqliteMessage) + "). " + phrases::kOpenBackup);
}

/// Vigil never stores a label outside its series (every edit is validated), so one there means
/// the file was changed by another program. Every reader sizes by the series, so such a label
/// would be counted or drawn wrongly; the file is refused, untouched, with the first offender.
Status checkLabelsFit(sqlite3* db, const std::string& path)
{
    Statement st(db, "SELECT count(*), l.id, s.name, l.begin_row, l.end_row, l.channel, s.length, "
                     "s.channels, l.series_id, l.source, l.class_id, l.confidence FROM labels l "
                     "LEFT JOIN series s ON s.id = l.series_id WHERE s.id IS NULL OR "
                     "l.begin_row < 0 OR l.end_row > s.length OR l.begin_row >= l.end_row OR "
                     "l.channel < -1 OR l.channel >= s.channels OR l.class_id < 1 OR l.source NOT "
                     "IN ('human', 'propagated', 'model', 'imported') OR typeof(l.confidence) NOT "
                     "IN ('real', 'integer') OR abs(l.confidence) >= 1e999");
    if (!st.ok() || st.step() != SQLITE_ROW) {
        if ((sqlite3_errcode(db) & 0xff) == SQLITE_CORRUPT) {
            return damaged(path, st.error());
        }
        return fail(path + " " + phrases::kNotSqlite + " " + detail::escapeForMessage(st.error()) +
                    ")");
    }
    const std::int64_t count = st.columnInt(0);
    if (count == 0) {
        return {};
    }
    const std::string label = "label " + std::to_string(st.columnInt(1));
    std::string what;
    if (st.columnIsNull(2)) {
        what = label + " belongs to series id " + std::to_string(st.columnInt(8)) +
               ", which the project does not hold";
    } else {
        // Rows as the CLI counts them (END included); the source and class as stored.
        what = label + " (rows " + std::to_string(st.columnInt(3)) + " to " +
               std::to_string(st.columnInt(4) - 1) + ", channel " +
               std::to_string(st.columnInt(5)) + ", source " +
               detail::escapeForMessage(st.columnText(9)) + ", class " +
               std::to_string(st.columnInt(10)) + ", confidence " +
               detail::escapeForMessage(st.columnText(11)) + ") does not fit series '" +
               detail::escapeForMessage(st.columnText(2)) +
               "' (rows: " + std::to_string(st.columnInt(6)) +
               ", channels: " + std::to_string(st.columnInt(7)) + ")";
    }
    const std::string n = std::to_string(count);
    return fail(path + " " + phrases::fill(phrases::kLabelsDoNotFit, {n}) + " First: " + what +
                ". " + phrases::kOpenBackup);
}

const char* timeKindName(TimeKind kind)
{
    switch (kind) {
    case TimeKind::Index:
        return "index";
    case TimeKind::Numeric:
        return "numeric";
    case TimeKind::EpochMillis:
        return "epoch_millis";
    }
    return "index";
}

TimeKind parseTimeKind(const std::string& text)
{
    if (text == "numeric") {
        return TimeKind::Numeric;
    }
    if (text == "epoch_millis") {
        return TimeKind::EpochMillis;
    }
    return TimeKind::Index;
}

std::int64_t nowMillis()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// An author is text the label log keeps as JSON: bytes that are no UTF-8 (a $USER or
// --author in Latin-1) become U+FFFD, as they would in the log, so undo finds its labels.
std::string validAuthor(const std::string& author)
{
    return nlohmann::json::parse(nlohmann::json(author).dump(
                                     -1, ' ', false, nlohmann::json::error_handler_t::replace))
        .get<std::string>();
}

std::string defaultAuthor()
{
    return validAuthor(Project::analystAuthor());
}

Error dbError(sqlite3* db, const std::string& what)
{
    return fail(store::sqliteError(db, what));
}

std::string rangeText(std::int64_t begin, std::int64_t end)
{
    std::string text = "[";
    text += std::to_string(begin);
    text += ", ";
    text += std::to_string(end);
    text += ')';
    return text;
}

constexpr const char* kLabelColumns =
    "series_id, begin_row, end_row, channel, class_id, source, confidence, author, time";

Label readLabel(const Statement& st)
{
    Label l;
    l.seriesId = st.columnInt(0);
    l.begin = st.columnInt(1);
    l.end = st.columnInt(2);
    l.channel = static_cast<int>(st.columnInt(3));
    l.classId = static_cast<int>(st.columnInt(4));
    if (!parseLabelSource(st.columnText(5), &l.source)) {
        l.source = LabelSource::Human;
    }
    l.confidence = st.columnDouble(6);
    l.author = st.columnText(7);
    l.time = st.columnInt(8);
    return l;
}

LabelLogEntry::Kind parseKind(const std::string& text)
{
    if (text == "undo") {
        return LabelLogEntry::Kind::Undo;
    }
    if (text == "redo") {
        return LabelLogEntry::Kind::Redo;
    }
    return LabelLogEntry::Kind::Edit;
}

struct SeriesShape
{
    std::int64_t length = 0;
    int channels = 0;
    std::string name;
};

/// The connections this process holds, by project path and the file each was opened from: a
/// file replaced under its name while one of them is open still has that connection's journal
/// beside it, and a new connection (the GUI opens one per worker) would read the journal into
/// the replacement and damage it. Only stat() runs under the lock, never SQLite.
class OpenConnections
{
public:
    static OpenConnections& instance()
    {
        static auto* registry = new OpenConnections; // outlives pool threads at exit
        return *registry;
    }
    static std::string key(const std::string& path)
    {
        std::error_code ec;
        const auto absolute = std::filesystem::absolute(path, ec);
        return ec ? path : absolute.lexically_normal().string();
    }
    void add(const std::string& key, const void* owner)
    {
        const auto id = fileIdentity(key);
        if (!id) {
            return;
        }
        const std::lock_guard lock(m_mutex);
        m_open.emplace(key, Entry{owner, *id});
    }
    void remove(const std::string& key, const void* owner)
    {
        const std::lock_guard lock(m_mutex);
        const auto [first, last] = m_open.equal_range(key);
        for (auto it = first; it != last; ++it) {
            if (it->second.owner == owner) {
                m_open.erase(it);
                return;
            }
        }
    }
    /// Whether a connection open here was opened from another file than `key` names now.
    bool replacedUnderAnOpenConnection(const std::string& key)
    {
        const auto now = fileIdentity(key);
        const std::lock_guard lock(m_mutex);
        const auto [first, last] = m_open.equal_range(key);
        return std::any_of(first, last, [&](const auto& e) { return e.second.file != now; });
    }

private:
    struct Entry
    {
        const void* owner;
        std::pair<dev_t, ino_t> file;
    };
    std::mutex m_mutex;
    std::multimap<std::string, Entry> m_open;
};

/// Whether every frame of the journal beside `path` is already in a database file, read from
/// the wal-index header in `path`-shm (SQLite's documented layout, native byte order: mxFrame
/// at byte 16 of each of the two 48-byte header copies, nBackfill at byte 96). Emptying such a
/// journal loses nothing, whoever wrote it.
bool journalFullyCheckpointed(const std::string& path)
{
    std::ifstream shm(path + "-shm", std::ios::binary);
    std::array<char, 100> head{};
    if (!shm.read(head.data(), head.size())) {
        return false;
    }
    if (std::memcmp(head.data(), head.data() + 48, 48) != 0) {
        return false; // a writer is changing it: do not guess
    }
    std::uint32_t mxFrame = 0;
    std::uint32_t nBackfill = 0;
    std::memcpy(&mxFrame, head.data() + 16, sizeof mxFrame);
    std::memcpy(&nBackfill, head.data() + 96, sizeof nBackfill);
    return head[12] != 0 && mxFrame == nBackfill; // head[12]: isInit
}

} // namespace

class Project::Impl
{
public:
    Impl(sqlite3* db, std::string path)
        : m_db(db)
        , m_path(std::move(path))
        , m_key(OpenConnections::key(m_path))
    {
        OpenConnections::instance().add(m_key, this);
    }
    ~Impl()
    {
        OpenConnections::instance().remove(m_key, this);
        // A file deleted or replaced under its name: SQLite leaves the journal behind by name,
        // and a later open would replay it into the replacement (damaging it). Commits are
        // checkpointed at once, so the journal normally holds nothing that is not in a file:
        // then it is emptied here. Frames not yet in a file (ours, or another program's for
        // the replacement) are left to SQLite as they are: copying them into this connection's
        // file would take them from their owner.
        if (m_db != nullptr && store::hasMoved(m_db) && journalFullyCheckpointed(m_path)) {
            (void)store::exec(m_db, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
        sqlite3_close_v2(m_db);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    sqlite3* m_db;
    std::string m_path;
    std::string m_key; ///< m_path made absolute when opened (the registry's key)
    int m_version = 0;
    std::int64_t m_lastEditId = 0; ///< the label-log entry of the newest edit made here
    bool m_readOnly = false;       ///< opened read-only: its file or folder cannot be written

    Result<std::vector<Label>> readLabels(std::int64_t seriesId) const;
    Result<std::vector<SeriesInfo>> readSeries(std::int64_t onlyId, const std::string* onlyName)
        const;
    Result<SeriesShape> shape(std::int64_t seriesId) const;
    Status validate(const Label& label) const;
    Status writeDiff(const LabelDiff& diff);
    Status appendLog(const char* kind, std::int64_t target, const std::string& description,
                     const std::string& author, const LabelDiff& diff);
    Result<LabelDiff> commitEdit(Transaction& tx, const LabelDiff& diff,
                                 const std::string& description,
                                 const std::string& author = defaultAuthor());

    struct Stacks
    {
        std::vector<std::int64_t> undo;
        std::vector<std::int64_t> redo;
    };
    Result<Stacks> replayLog() const;
    Result<LabelLogEntry> readEntry(std::int64_t id) const;
    Result<bool> seriesAllExist(const LabelDiff& diff) const;
    /// The newest entry of `stack` whose series all still exist (removed series cannot be undone).
    Result<std::optional<LabelLogEntry>> usableTop(const std::vector<std::int64_t>& stack) const;
    Result<std::optional<LabelDiff>> undoOrRedo(bool undo, std::int64_t expected);
    Result<bool> canStep(bool undo) const;
};

// --- open ---

int Project::currentSchemaVersion()
{
    return store::latestSchemaVersion();
}

Project::Project(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{}

Project::~Project() = default;

namespace {
/// Where a series came from, independent of the working directory it was imported from (an
/// export checks it so as never to write over it).
std::string absoluteSource(const std::string& path)
{
    std::error_code ec;
    if (path.empty() || !std::filesystem::exists(path, ec)) {
        return path; // not a file here ("generated by vigil (demo)")
    }
    const auto absolute = std::filesystem::absolute(path, ec);
    return ec ? path : absolute.lexically_normal().string();
}

/// An SQLite URI that opens `path` read-only without a journal (immutable: nothing writes it).
std::string readOnlyUri(const std::string& path)
{
    std::string uri = "file:";
    for (const unsigned char c : std::filesystem::absolute(path).string()) {
        if (c == '%' || c == '?' || c == '#' || c < 0x21) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            uri += hex;
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri + "?immutable=1";
}
} // namespace

Result<std::unique_ptr<Project>> Project::open(const std::string& path, OpenMode mode)
{
    namespace fs = std::filesystem;
    if (path.empty()) { // SQLite opens an empty name as a private temporary database
        return fail("no project file named (the path is empty)");
    }
    std::error_code ec;
    const bool exists = fs::exists(path, ec);
    if (!exists && mode == OpenMode::OpenExisting) {
        return fail(path + ": " + phrases::kNoProjectFile);
    }
    if (exists && fs::is_directory(path, ec)) {
        return fail(path + " " + phrases::kProjectIsFolder);
    }

    if (OpenConnections::instance().replacedUnderAnOpenConnection(OpenConnections::key(path))) {
        return fail("cannot open " + path + ": " + phrases::kReplacedWhileOpen);
    }
    // The journal's files a failed read-write open creates are removed again when the project
    // opens read-only: another user's project otherwise kept files owned by this user, with the
    // project's read-only mode, and its owner could not edit it until they were deleted.
    const bool walBefore = fs::exists(path + "-wal", ec);
    const bool shmBefore = fs::exists(path + "-shm", ec);
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (exists ? 0 : SQLITE_OPEN_CREATE);
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    auto impl = std::make_unique<Impl>(raw, path);
    if (rc != SQLITE_OK && !exists) {
        return dbError(raw, "cannot create " + path + ": " + phrases::kCannotCreateProject);
    }
    if (rc != SQLITE_OK) {
        return dbError(raw, "cannot open " + path);
    }
    sqlite3* db = raw;
    sqlite3_busy_timeout(db, 5000);

    // Everything up to the version check only reads, so a file we refuse stays untouched.
    int tables = 0;
    bool readOnly = false;
    std::string firstError;
    for (;;) {
        int code = SQLITE_OK;
        int extended = SQLITE_OK;
        std::string error;
        {
            Statement st(db, "SELECT count(*) FROM sqlite_master");
            if (st.ok() && st.step() == SQLITE_ROW) {
                tables = static_cast<int>(st.columnInt(0));
            } else {
                code = sqlite3_errcode(db) & 0xff;
                extended = sqlite3_extended_errcode(db);
                error = st.error();
            }
        }
        // Another user's project this user may only read: SQLite opens it read-only by itself
        // and reads it, but the project did not say it was read-only (the window showed it as
        // editable) and the journal's files it created stayed behind. It opens as read-only
        // files do.
        // While its owner has it open (their journal files were there before this open), the
        // read-only connection reads through their journal and stays.
        if (code == SQLITE_OK && !readOnly && exists && sqlite3_db_readonly(db, "main") == 1) {
            if (walBefore && shmBefore) {
                readOnly = true;
                break;
            }
            code = SQLITE_READONLY;
            error = "this user may only read the file";
        }
        if (code == SQLITE_OK) {
            break;
        }
        // A full disk (or an I/O error) keeps SQLite from writing the journal's index beside
        // the file: the project is intact, so it opens read-only as on a read-only medium.
        // Only the errors of writing the journal's files count (a read or lock error does not:
        // an immutable open takes no locks, which is safe only when nothing else writes).
        const bool diskTrouble =
            code == SQLITE_FULL ||
            (code == SQLITE_IOERR &&
             (extended == SQLITE_IOERR_SHMSIZE || extended == SQLITE_IOERR_SHMOPEN ||
              extended == SQLITE_IOERR_SHMMAP || extended == SQLITE_IOERR_WRITE ||
              extended == SQLITE_IOERR_FSYNC || extended == SQLITE_IOERR_TRUNCATE));
        if (code == SQLITE_READONLY || code == SQLITE_CANTOPEN || code == SQLITE_PERM ||
            diskTrouble) {
            // A project in WAL mode needs its folder writable for the journal beside it. On a
            // read-only medium it opens read-only instead, unless a journal holds edits that
            // a read-only open would not see.
            if (firstError.empty()) {
                firstError = error;
            }
            std::error_code walError;
            const bool pendingJournal =
                fs::exists(path + "-wal", walError) && fs::file_size(path + "-wal", walError) > 0;
            if (!readOnly && mode == OpenMode::OpenExisting && !pendingJournal) {
                sqlite3* ro = nullptr;
                if (sqlite3_open_v2(readOnlyUri(path).c_str(), &ro,
                                    SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
                    impl = std::make_unique<Impl>(ro, path); // closes the first connection
                    db = ro;
                    readOnly = true;
                    std::error_code left;
                    if (!walBefore && fs::exists(path + "-wal", left) &&
                        fs::file_size(path + "-wal", left) == 0 && !left) {
                        fs::remove(path + "-wal", left);
                    }
                    if (!shmBefore && !fs::exists(path + "-wal", left)) {
                        fs::remove(path + "-shm", left); // its index, only beside no journal
                    }
                    continue;
                }
                sqlite3_close_v2(ro);
            }
            if (diskTrouble) {
                return fail("cannot open " + path + ": " + phrases::kDiskTroubleOnOpen + " (" +
                            firstError + ")");
            }
            return fail("cannot open " + path + ": " + phrases::kNotWritable + " " + firstError +
                        ")");
        }
        if (code == SQLITE_CORRUPT) {
            return damaged(path, error);
        }
        // Another program holds it locked: the file is fine ("not an SQLite database: database
        // is locked" invited deleting it).
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            return fail("cannot open " + path + ": " + phrases::kProjectBusy + " (" + error + ")");
        }
        return fail(path + " " + phrases::kNotSqlite + " " + detail::escapeForMessage(error) + ")");
    }
    auto version = store::readUserVersion(db);
    if (!version) {
        return fail(path + " is not a Vigil project (" + version.error().message + ")");
    }
    const bool fresh = tables == 0 && *version == 0;
    if (fresh && exists && mode == OpenMode::OpenExisting) {
        return fail(path + " " + phrases::kProjectEmpty);
    }
    if (!fresh) {
        bool vigil = false;
        Statement st(db, "SELECT value FROM meta WHERE key = 'application'");
        const int step = st.ok() ? st.step() : SQLITE_ERROR;
        if (step == SQLITE_ROW) {
            vigil = st.columnText(0) == "vigil";
        } else if ((sqlite3_errcode(db) & 0xff) == SQLITE_CORRUPT) {
            return damaged(path, st.error()); // the meta table's own page is damaged
        }
        if (!vigil) {
            return fail(path + " " + phrases::kNoMetaTable);
        }
    }
    const int latest = currentSchemaVersion();
    if (*version > latest) {
        return fail(path + " " +
                    phrases::fill(phrases::kNewerSchema,
                                  {std::to_string(*version), std::to_string(latest)}));
    }
    if (!fresh) {
        if (Status s = checkLabelsFit(db, path); !s) {
            return s.error();
        }
    }

    if (readOnly) {
        if (*version < latest) {
            return fail("cannot open " + path + ": " + phrases::kNotWritable +
                        " an older Vigil wrote it, and it must be upgraded once)");
        }
        impl->m_version = latest;
        impl->m_readOnly = true;
        return std::unique_ptr<Project>(new Project(std::move(impl)));
    }
    // FULL makes every committed edit durable against power loss, not only process death.
    {
        Statement st(db, "PRAGMA journal_mode = WAL");
        const bool stepped = st.ok() && st.step() == SQLITE_ROW;
        if (!stepped || st.columnText(0) != "wal") {
            return fail(path + ": cannot switch to WAL mode: " +
                        (stepped ? "the journal stays in mode " + st.columnText(0) : st.error()));
        }
    }
    // Every commit is checkpointed into the file at once (passively: readers are not waited
    // for), so the journal beside it holds little that a file replaced under its name could
    // be damaged with, were another program to open the replacement while this one runs.
    if (Status s = store::exec(db, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; "
                                   "PRAGMA wal_autocheckpoint = 1;");
        !s) {
        return fail(path + ": " + s.error().message);
    }
    if (Status s = store::migrate(db, latest); !s) {
        return fail(path + ": " + s.error().message);
    }
    if (fresh) {
        Statement st(db, "INSERT OR IGNORE INTO meta (key, value) VALUES ('created_by', ?)");
        st.bind(1, std::string_view(VIGIL_VERSION));
        if (!st.run()) {
            return fail(path + ": " + st.error());
        }
    }
    impl->m_version = latest;
    return std::unique_ptr<Project>(new Project(std::move(impl)));
}

const std::string& Project::path() const
{
    return m_impl->m_path;
}

namespace {

/// Removes a copy's staging file and its rollback journal unless the copy was moved into place.
class CopyStaging
{
public:
    explicit CopyStaging(std::string part)
        : m_part(std::move(part))
    {
    }
    CopyStaging(const CopyStaging&) = delete;
    CopyStaging& operator=(const CopyStaging&) = delete;
    ~CopyStaging()
    {
        close();
        if (!m_kept) {
            std::error_code ec;
            for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
                std::filesystem::remove(m_part + suffix, ec);
            }
        }
    }
    void close()
    {
        sqlite3_close_v2(db);
        db = nullptr;
    }
    void keep() { m_kept = true; }
    const std::string& path() const { return m_part; }

    sqlite3* db = nullptr;

private:
    std::string m_part;
    bool m_kept = false;
};

} // namespace

Status Project::saveCopy(const std::string& dest, const ProgressSink& progress,
                         const CancelToken* cancel) const
{
    namespace fs = std::filesystem;
    const std::string prefix = "cannot save a copy to " + dest + ": ";
    if (dest.empty()) {
        return fail("cannot save a copy: no file name given");
    }
    std::error_code ec;
    // The project itself, another project, or the journal another one left: never replaced (a
    // journal beside the name would be replayed into the copy).
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        if (fs::exists(dest + suffix, ec) || fs::is_symlink(dest + suffix, ec)) {
            return fail(prefix + phrases::kCopyTargetExists);
        }
    }
    // A staging name of this copy's own: an existing file (another copy's staging) is left.
    std::string part;
    for (int n = 0; part.empty(); ++n) {
        const std::string name =
            dest + "." + std::to_string(::getpid()) + "-" + std::to_string(n) + ".part";
        if (!fs::exists(name, ec) && !fs::exists(name + "-journal", ec) &&
            !fs::exists(name + "-wal", ec)) {
            part = name;
        }
    }
    CopyStaging staging(part);
    if (sqlite3_open_v2(staging.path().c_str(), &staging.db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        return fail(prefix + (staging.db != nullptr ? std::string(sqlite3_errmsg(staging.db))
                                                    : std::string("out of memory")));
    }
    // One snapshot of the project: a read transaction held over the whole copy, so the
    // commits of other connections (the GUI's edits, a training run) neither restart it (it
    // restarted on every one, and could go on for ever) nor land in it halfway.
    const bool snapshot = store::exec(m_impl->m_db, "BEGIN").ok();
    struct EndSnapshot
    {
        sqlite3* db;
        bool active;
        ~EndSnapshot()
        {
            if (active) {
                (void)store::exec(db, "COMMIT");
            }
        }
    } endSnapshot{m_impl->m_db, snapshot};
    if (snapshot) {
        Statement read(m_impl->m_db, "SELECT count(*) FROM sqlite_master");
        (void)read.step();
    }
    sqlite3_backup* backup = sqlite3_backup_init(staging.db, "main", m_impl->m_db, "main");
    if (backup == nullptr) {
        return fail(prefix + sqlite3_errmsg(staging.db));
    }
    constexpr int kPagesPerStep = 256; // 1 MiB at SQLite's default page size
    constexpr double kCopyShare = 0.9; // the rest is the check of the copy
    int rc = SQLITE_OK;
    while (true) {
        if (cancel != nullptr && cancel->isCancelled()) {
            sqlite3_backup_finish(backup);
            return fail(std::string(kCancelledMessage));
        }
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        const int total = sqlite3_backup_pagecount(backup);
        if (total > 0) {
            progress(kCopyShare * (1.0 - static_cast<double>(sqlite3_backup_remaining(backup)) /
                                             static_cast<double>(total)),
                     "copying");
        }
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(20); // another connection holds a lock: try again
            continue;
        }
        if (rc != SQLITE_OK) {
            break;
        }
    }
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) {
        return fail(prefix + ((rc & 0xff) == SQLITE_FULL ? std::string("the disk is full")
                                                         : std::string(sqlite3_errstr(rc))));
    }
    progress(kCopyShare, "checking the copy");
    {
        // It reads every page: a cancel interrupts it.
        sqlite3_progress_handler(
            staging.db, 1000,
            [](void* token) {
                const auto* c = static_cast<const CancelToken*>(token);
                return c != nullptr && c->isCancelled() ? 1 : 0;
            },
            const_cast<CancelToken*>(cancel));
        Statement check(staging.db, "PRAGMA quick_check");
        const int checked = check.ok() ? check.step() : SQLITE_ERROR;
        if (cancel != nullptr && cancel->isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        if (checked != SQLITE_ROW || check.columnText(0) != "ok") {
            return fail(prefix + "the copy does not read back intact (" +
                        detail::escapeForMessage(checked == SQLITE_ROW ? check.columnText(0)
                                                                       : check.error()) +
                        ")");
        }
    }
    staging.close();
    if (cancel != nullptr && cancel->isCancelled()) {
        return fail(std::string(kCancelledMessage));
    }
    // A link fails when the name was taken meanwhile; rename would replace that file.
    fs::create_hard_link(staging.path(), dest, ec);
    if (ec == std::errc::file_exists) {
        return fail(prefix + phrases::kCopyTargetExists);
    }
    if (ec) { // a file system without hard links
        if (fs::exists(dest, ec)) {
            return fail(prefix + phrases::kCopyTargetExists);
        }
        fs::rename(staging.path(), dest, ec);
        if (ec) {
            return fail(prefix + ec.message());
        }
        staging.keep();
    }
    progress(1.0, "done");
    return {};
}

int Project::schemaVersion() const
{
    return m_impl->m_version;
}

bool Project::readOnly() const
{
    return m_impl->m_readOnly;
}

// --- series ---

Result<std::vector<SeriesInfo>> Project::Impl::readSeries(std::int64_t onlyId,
                                                          const std::string* onlyName) const
{
    std::string sql = "SELECT id, name, length, channels, channel_names, time_kind, source_path, "
                      "content_hash FROM series";
    if (onlyId != 0) {
        sql += " WHERE id = ?";
    } else if (onlyName != nullptr) {
        sql += " WHERE name = ?";
    }
    sql += " ORDER BY id";
    Statement st(m_db, sql);
    if (onlyId != 0) {
        st.bind(1, onlyId);
    } else if (onlyName != nullptr) {
        st.bind(1, *onlyName);
    }
    std::vector<SeriesInfo> out;
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        SeriesInfo info;
        info.id = st.columnInt(0);
        info.name = st.columnText(1);
        info.length = st.columnInt(2);
        const std::int64_t channels = st.columnInt(3);
        if (info.length < 0 || channels < 0 || channels > (std::int64_t(1) << 20)) {
            // Every caller sizes buffers from these: refuse a damaged row here, once.
            return fail("series '" + info.name + "' is damaged (length " +
                        std::to_string(info.length) + ", " + std::to_string(channels) +
                        " channels)");
        }
        info.channels = static_cast<int>(channels);
        try {
            info.channelNames =
                nlohmann::json::parse(st.columnText(4)).get<std::vector<std::string>>();
        } catch (const std::exception& e) {
            return fail("series '" + info.name + "' has damaged channel names: " + e.what());
        }
        info.timeKind = parseTimeKind(st.columnText(5));
        info.sourcePath = st.columnText(6);
        info.contentHash = st.columnText(7);
        out.push_back(std::move(info));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read series: " + st.error());
    }

    // Coverage needs the labels; one pass over the labels table serves the whole list.
    std::map<std::int64_t, std::vector<Label>> bySeries;
    std::string lsql = std::string("SELECT ") + kLabelColumns + " FROM labels";
    if (out.size() == 1) {
        lsql += " WHERE series_id = ?";
    }
    Statement ls(m_db, lsql);
    if (out.size() == 1) {
        ls.bind(1, out.front().id);
    }
    while ((rc = ls.step()) == SQLITE_ROW) {
        Label l = readLabel(ls);
        bySeries[l.seriesId].push_back(std::move(l));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read labels: " + ls.error());
    }
    for (SeriesInfo& info : out) {
        // Expert labels only: suggestions (and model labels) are not labelled data yet.
        std::vector<Label> expert;
        for (Label& l : bySeries[info.id]) {
            if (l.source == LabelSource::Human || l.source == LabelSource::Imported) {
                expert.push_back(std::move(l));
            }
        }
        info.labeledPoints = label_ops::coveredPoints(expert);
        info.anomalousPoints = label_ops::coveredPoints(expert, kClassAnomaly);
    }
    return out;
}

Result<std::vector<std::int64_t>> Project::addSeries(const std::vector<ImportedSeries>& batch,
                                                     const CancelToken* cancel)
{
    sqlite3* db = m_impl->m_db;
    // Validate everything before the first write so a bad batch leaves no trace.
    std::set<std::string> names;
    for (const ImportedSeries& item : batch) {
        const TimeSeries& s = item.series;
        if (s.name.empty()) {
            return fail("a series to import has no name");
        }
        if (!names.insert(s.name).second) {
            return fail("series '" + s.name + "' appears twice in the import; nothing was added");
        }
        if (!s.channelNames.empty() && std::ssize(s.channelNames) != s.values.cols()) {
            return fail("series '" + s.name + "' has " + std::to_string(s.values.cols())
                        + " channels but " + std::to_string(s.channelNames.size())
                        + " channel names");
        }
        if (!s.timestamps.empty() && std::ssize(s.timestamps) != s.values.rows()) {
            return fail("series '" + s.name + "' has " + std::to_string(s.values.rows())
                        + " rows but " + std::to_string(s.timestamps.size()) + " timestamps");
        }
        for (const Label& l : item.labels) {
            if (l.begin < 0 || l.end > s.values.rows() || l.begin >= l.end
                || l.channel < kAllChannels || l.channel >= s.values.cols()
                || !std::isfinite(l.confidence)) {
                return fail("series '" + s.name + "': imported label " + rangeText(l.begin, l.end)
                            + " (channel " + std::to_string(l.channel)
                            + ") does not fit its " + std::to_string(s.values.rows())
                            + " rows and " + std::to_string(s.values.cols()) + " channels");
            }
        }
    }

    Transaction tx(db);
    if (!tx.began()) {
        return tx.began().error();
    }
    Statement exists(db, "SELECT source_path FROM series WHERE name = ?");
    Statement insSeries(db, "INSERT INTO series (name, length, channels, channel_names, "
                            "time_kind, source_path, content_hash, chunk_rows, created) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement insChunk(db, "INSERT INTO series_data (series_id, channel, chunk, rows, data) "
                           "VALUES (?, ?, ?, ?, ?)");
    Statement insLabel(db, std::string("INSERT INTO labels (") + kLabelColumns
                               + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (const Statement* st : {&exists, &insSeries, &insChunk, &insLabel}) {
        if (!st->ok()) {
            return fail("cannot prepare import: " + st->error());
        }
    }

    std::vector<std::int64_t> ids;
    const std::int64_t created = nowMillis();
    for (const ImportedSeries& item : batch) {
        const TimeSeries& s = item.series;
        exists.reset();
        exists.bind(1, s.name);
        if (exists.step() == SQLITE_ROW) {
            // Both files named: two folders' real_1.csv collide, and the bare name left the
            // analyst to guess which ones.
            const std::string before = exists.columnText(0);
            std::string where;
            if (!before.empty() && !s.sourcePath.empty() && before != s.sourcePath) {
                where = " (from " + before + "; " + s.sourcePath + " has the same name)";
            } else if (!before.empty()) {
                where = " (from " + before + ")";
            }
            return fail("a series named '" + s.name + "' already exists in the project" + where +
                        "; nothing was added");
        }
        const std::int64_t rows = s.values.rows();
        const std::int64_t cols = s.values.cols();
        std::vector<std::string> channelNames = s.channelNames;
        for (std::int64_t c = std::ssize(channelNames); c < cols; ++c) {
            channelNames.push_back("ch" + std::to_string(c + 1));
        }
        const std::string hash = store::toHex(store::fnv1a(
            s.values.data(), static_cast<std::size_t>(rows * cols) * sizeof(double)));

        insSeries.reset();
        insSeries.bind(1, s.name)
            .bind(2, rows)
            .bind(3, cols)
            .bind(4, nlohmann::json(channelNames)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
            .bind(5, std::string_view(timeKindName(s.timeKind)))
            .bind(6, absoluteSource(s.sourcePath))
            .bind(7, hash)
            .bind(8, store::kChunkRows)
            .bind(9, created);
        if (!insSeries.run()) {
            return fail("cannot add series '" + s.name + "': " + insSeries.error());
        }
        const std::int64_t id = sqlite3_last_insert_rowid(db);
        ids.push_back(id);

        auto putChunk = [&](std::int64_t channel, std::int64_t chunk, std::int64_t n,
                            const std::string& blob) {
            insChunk.reset();
            insChunk.bind(1, id).bind(2, channel).bind(3, chunk).bind(4, n);
            insChunk.bindBlob(5, blob.data(), blob.size());
            return insChunk.run();
        };
        for (std::int64_t start = 0, chunk = 0; start < rows; start += store::kChunkRows, ++chunk) {
            if (cancel != nullptr && cancel->isCancelled()) {
                return fail(std::string(kCancelledMessage)); // the transaction rolls back
            }
            const std::int64_t n = std::min(store::kChunkRows, rows - start);
            for (std::int64_t c = 0; c < cols; ++c) {
                const double* p = s.values.data() + c * rows + start;
                if (!putChunk(c, chunk, n,
                              store::encodeDoubles(p, static_cast<std::size_t>(n)))) {
                    return fail("cannot store values of '" + s.name + "': " + insChunk.error());
                }
            }
            if (!s.timestamps.empty()) {
                const std::int64_t* t = s.timestamps.data() + start;
                if (!putChunk(-1, chunk, n,
                              store::encodeInt64s(t, static_cast<std::size_t>(n)))) {
                    return fail("cannot store timestamps of '" + s.name
                                + "': " + insChunk.error());
                }
            }
        }
        for (const Label& l : item.labels) {
            insLabel.reset();
            insLabel.bind(1, id)
                .bind(2, l.begin)
                .bind(3, l.end)
                .bind(4, l.channel)
                .bind(5, l.classId)
                // A suggestion read back from Vigil's own export stays a suggestion (with its
                // confidence); everything else a file brings is an imported expert label.
                .bind(6, std::string_view(toString(l.source == LabelSource::Propagated
                                                       ? LabelSource::Propagated
                                                       : LabelSource::Imported)))
                .bind(7, l.confidence)
                .bind(8, l.author)
                .bind(9, l.time);
            if (!insLabel.run()) {
                return fail("cannot store labels of '" + s.name + "': " + insLabel.error());
            }
        }
    }
    if (Status s = tx.commit(); !s) {
        return fail("cannot add series: " + s.error().message);
    }
    return ids;
}

Result<std::vector<SeriesInfo>> Project::listSeries() const
{
    return m_impl->readSeries(0, nullptr);
}

Result<SeriesInfo> Project::seriesInfo(std::int64_t seriesId) const
{
    auto list = m_impl->readSeries(seriesId, nullptr);
    if (!list) {
        return list.error();
    }
    if (list->empty() || seriesId == 0) {
        return fail("no series with id " + std::to_string(seriesId) + " in " + m_impl->m_path);
    }
    return std::move(list->front());
}

Result<SeriesInfo> Project::seriesByName(const std::string& name) const
{
    auto list = m_impl->readSeries(0, &name);
    if (!list) {
        return list.error();
    }
    if (list->empty()) {
        return fail("no series named '" + name + "' in " + m_impl->m_path);
    }
    return std::move(list->front());
}

Result<TimeSeries> Project::loadSeries(std::int64_t seriesId) const
{
    auto info = seriesInfo(seriesId);
    if (!info) {
        return info.error();
    }
    const std::int64_t rows = info->length;
    const int cols = info->channels;
    const std::string damaged = "series '" + info->name + "' is damaged in " + m_impl->m_path;

    std::int64_t chunkRows = store::kChunkRows;
    {
        Statement st(m_impl->m_db, "SELECT chunk_rows FROM series WHERE id = ?");
        st.bind(1, seriesId);
        if (st.step() == SQLITE_ROW) {
            chunkRows = st.columnInt(0);
        }
    }
    // The shape comes from the file, so a damaged file could ask for any allocation. Before
    // allocating, check that the stored chunks can hold that many values: chunk sizes add up
    // to rows x channels, and deflate never compresses more than 1032:1, so the compressed
    // bytes bound the number of values they can hold (twice that bound here, for margin).
    if (rows < 0 || cols < 0 || (cols == 0 && rows > 0) || chunkRows < 1
        || chunkRows > (std::int64_t(1) << 24)) {
        return fail(damaged + " (impossible shape)");
    }
    {
        Statement st(m_impl->m_db, "SELECT coalesce(sum(rows), 0), coalesce(max(rows), 0), "
                                   "coalesce(sum(length(data)), 0) FROM series_data "
                                   "WHERE series_id = ? AND channel >= 0");
        st.bind(1, seriesId);
        if (st.step() != SQLITE_ROW) {
            return fail("cannot read series '" + info->name + "': " + st.error());
        }
        const std::int64_t storedValues = st.columnInt(0);
        const std::int64_t largestChunk = st.columnInt(1);
        const std::int64_t compressedBytes = st.columnInt(2);
        constexpr std::int64_t kMaxValuesPerByte = 2 * (1032 / 8 + 1);
        if (largestChunk > chunkRows || (cols > 0 && rows > storedValues / cols)
            || rows * cols != storedValues
            || storedValues / kMaxValuesPerByte > compressedBytes) {
            return fail(damaged + " (its stored values do not add up to its length)");
        }
    }
    TimeSeries ts;
    ts.name = info->name;
    ts.channelNames = info->channelNames;
    ts.timeKind = info->timeKind;
    ts.sourcePath = info->sourcePath;
    ts.values.resize(rows, cols);
    std::vector<std::int64_t> filled(static_cast<std::size_t>(cols) + 1, 0);
    Statement st(m_impl->m_db, "SELECT channel, chunk, rows, data FROM series_data "
                               "WHERE series_id = ? ORDER BY channel, chunk");
    st.bind(1, seriesId);
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        const std::int64_t channel = st.columnInt(0);
        const std::int64_t chunk = st.columnInt(1);
        const std::int64_t n = st.columnInt(2);
        // Chunk numbers are checked before multiplying so that a damaged one cannot overflow.
        if (channel < -1 || channel >= cols || chunk < 0 || chunk > rows / chunkRows || n < 0
            || n > chunkRows || chunk * chunkRows + n > rows) {
            return fail(damaged + " (a value chunk lies outside the series)");
        }
        const std::int64_t start = chunk * chunkRows;
        Status s;
        if (channel == -1) {
            ts.timestamps.resize(static_cast<std::size_t>(rows));
            s = store::decodeInt64s(st.columnBlob(3), static_cast<std::size_t>(n),
                                    ts.timestamps.data() + start);
        } else {
            s = store::decodeDoubles(st.columnBlob(3), static_cast<std::size_t>(n),
                                     ts.values.data() + channel * rows + start);
        }
        if (!s) {
            return fail(damaged + ": " + s.error().message);
        }
        filled[static_cast<std::size_t>(channel + 1)] += n;
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read series '" + info->name + "': " + st.error());
    }
    for (int c = 0; c < cols; ++c) {
        if (filled[static_cast<std::size_t>(c + 1)] != rows) {
            return fail(damaged + " (channel " + std::to_string(c) + " is incomplete)");
        }
    }
    if (!ts.timestamps.empty() && filled[0] != rows) {
        return fail(damaged + " (timestamps are incomplete)");
    }
    const std::string hash = store::toHex(store::fnv1a(
        ts.values.data(), static_cast<std::size_t>(rows * cols) * sizeof(double)));
    if (hash != info->contentHash) {
        return fail(damaged + " (its values do not match their stored hash)");
    }
    return ts;
}

Result<std::vector<std::int64_t>> Project::timestampsAt(std::int64_t seriesId,
                                                        const std::vector<std::int64_t>& rows) const
{
    auto info = seriesInfo(seriesId);
    if (!info) {
        return info.error();
    }
    std::int64_t chunkRows = 0;
    {
        Statement st(m_impl->m_db, "SELECT chunk_rows FROM series WHERE id = ?");
        st.bind(1, seriesId);
        if (st.step() == SQLITE_ROW) {
            chunkRows = st.columnInt(0);
        }
    }
    const std::string damaged = "series '" + info->name + "' is damaged in " + m_impl->m_path;
    if (chunkRows < 1 || chunkRows > (std::int64_t(1) << 24)) {
        return fail(damaged + " (impossible shape)");
    }
    for (std::int64_t row : rows) {
        if (row < 0 || row >= info->length) {
            return fail("row " + std::to_string(row) + " lies outside series '" + info->name +
                        "' (" + std::to_string(info->length) + " rows)");
        }
    }
    {
        Statement st(m_impl->m_db, "SELECT EXISTS (SELECT 1 FROM series_data WHERE series_id = ? "
                                   "AND channel = -1)");
        st.bind(1, seriesId);
        if (st.step() != SQLITE_ROW) {
            return fail("cannot read series '" + info->name + "': " + st.error());
        }
        if (st.columnInt(0) == 0) {
            return std::vector<std::int64_t>{}; // no timestamps: rows are the x axis
        }
    }
    std::vector<std::int64_t> out(rows.size());
    std::vector<std::int64_t> chunk;
    std::int64_t loaded = -1;
    Statement st(m_impl->m_db, "SELECT rows, data FROM series_data "
                               "WHERE series_id = ? AND channel = -1 AND chunk = ?");
    // Rows in chunk order, so each chunk is read and decoded once.
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return rows[a] < rows[b]; });
    for (std::size_t i : order) {
        const std::int64_t number = rows[i] / chunkRows;
        if (number != loaded) {
            st.reset();
            st.bind(1, seriesId).bind(2, number);
            const int rc = st.step();
            if (rc == SQLITE_DONE) {
                return fail(damaged + " (timestamps are incomplete)");
            }
            if (rc != SQLITE_ROW) {
                return fail("cannot read series '" + info->name + "': " + st.error());
            }
            const std::int64_t n = st.columnInt(0);
            if (n < 1 || n > chunkRows || number * chunkRows + n > info->length) {
                return fail(damaged + " (a value chunk lies outside the series)");
            }
            chunk.resize(static_cast<std::size_t>(n));
            if (Status s = store::decodeInt64s(st.columnBlob(1), chunk.size(), chunk.data()); !s) {
                return fail(damaged + ": " + s.error().message);
            }
            loaded = number;
        }
        const auto at = static_cast<std::size_t>(rows[i] - number * chunkRows);
        if (at >= chunk.size()) {
            return fail(damaged + " (timestamps are incomplete)");
        }
        out[i] = chunk[at];
    }
    return out;
}

Status Project::removeSeries(std::int64_t seriesId)
{
    if (auto moved = store::checkWritable(m_impl->m_db); !moved) {
        return moved.error();
    }
    Statement st(m_impl->m_db, "DELETE FROM series WHERE id = ?");
    st.bind(1, seriesId);
    if (!st.run()) {
        return fail("cannot remove series " + std::to_string(seriesId) + ": " + st.error());
    }
    if (sqlite3_changes(m_impl->m_db) == 0) {
        return fail("no series with id " + std::to_string(seriesId) + " in " + m_impl->m_path);
    }
    return {};
}

// --- labels ---

Result<std::vector<Label>> Project::Impl::readLabels(std::int64_t seriesId) const
{
    std::string sql = std::string("SELECT ") + kLabelColumns + " FROM labels";
    if (seriesId != 0) {
        sql += " WHERE series_id = ?";
    }
    sql += " ORDER BY series_id, begin_row, end_row, channel, id";
    Statement st(m_db, sql);
    if (seriesId != 0) {
        st.bind(1, seriesId);
    }
    std::vector<Label> out;
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        out.push_back(readLabel(st));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read labels: " + st.error());
    }
    return out;
}

Result<SeriesShape> Project::Impl::shape(std::int64_t seriesId) const
{
    Statement st(m_db, "SELECT length, channels, name FROM series WHERE id = ?");
    st.bind(1, seriesId);
    const int rc = st.step();
    if (rc == SQLITE_ROW) {
        return SeriesShape{st.columnInt(0), static_cast<int>(st.columnInt(1)), st.columnText(2)};
    }
    if (rc == SQLITE_DONE) {
        return fail("no series with id " + std::to_string(seriesId) + " in " + m_path);
    }
    return fail("cannot read series: " + st.error());
}

Status Project::Impl::validate(const Label& l) const
{
    auto s = shape(l.seriesId);
    if (!s) {
        return s.error();
    }
    if (l.begin < 0 || l.end > s->length || l.begin >= l.end) {
        return fail("label " + rangeText(l.begin, l.end) + " does not fit series '" + s->name
                    + "' of " + std::to_string(s->length) + " rows");
    }
    if (l.channel < kAllChannels || l.channel >= s->channels) {
        return fail("series '" + s->name + "' has no channel " + std::to_string(l.channel));
    }
    if (l.classId < 1) {
        return fail("class " + std::to_string(l.classId) + " is not a label class (1 or more)");
    }
    if (!std::isfinite(l.confidence)) {
        return fail("a label's confidence must be a finite number");
    }
    return {};
}

Status Project::Impl::writeDiff(const LabelDiff& diff)
{
    Statement find(m_db, "SELECT id FROM labels WHERE series_id = ? AND begin_row = ? AND "
                         "end_row = ? AND channel = ? AND class_id = ? AND source = ? AND "
                         "confidence = ? AND author = ? AND time = ? LIMIT 1");
    Statement del(m_db, "DELETE FROM labels WHERE id = ?");
    Statement ins(m_db, std::string("INSERT INTO labels (") + kLabelColumns
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto bindLabel = [](Statement& st, const Label& l) {
        st.bind(1, l.seriesId)
            .bind(2, l.begin)
            .bind(3, l.end)
            .bind(4, l.channel)
            .bind(5, l.classId)
            .bind(6, std::string_view(toString(l.source)))
            .bind(7, l.confidence)
            .bind(8, l.author)
            .bind(9, l.time);
    };
    for (const Label& l : diff.removed) {
        find.reset();
        bindLabel(find, l);
        const int rc = find.step();
        if (rc != SQLITE_ROW) {
            if (rc != SQLITE_DONE) {
                return fail("cannot read labels: " + find.error());
            }
            return fail("label " + rangeText(l.begin, l.end) + " of series "
                        + std::to_string(l.seriesId)
                        + " is not in the project; the edit does not match the current labels");
        }
        const std::int64_t id = find.columnInt(0);
        del.reset();
        del.bind(1, id);
        if (!del.run()) {
            return fail("cannot remove a label: " + del.error());
        }
    }
    for (const Label& l : diff.added) {
        if (Status s = validate(l); !s) {
            return s;
        }
        ins.reset();
        bindLabel(ins, l);
        if (!ins.run()) {
            return fail("cannot store a label: " + ins.error());
        }
    }
    return {};
}

Status Project::Impl::appendLog(const char* kind, std::int64_t target,
                                const std::string& description, const std::string& author,
                                const LabelDiff& diff)
{
    Statement st(m_db, "INSERT INTO label_log (kind, target, description, author, time, diff) "
                       "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, std::string_view(kind));
    if (target != 0) {
        st.bind(2, target);
    } else {
        st.bindNull(2);
    }
    st.bind(3, description).bind(4, author).bind(5, nowMillis());
    st.bind(6, store::diffToJson(diff));
    if (!st.run()) {
        return fail("cannot write the label log: " + st.error());
    }
    return {};
}

Result<LabelDiff> Project::Impl::commitEdit(Transaction& tx, const LabelDiff& diff,
                                            const std::string& description,
                                            const std::string& author)
{
    if (diff.empty()) {
        return diff; // nothing changed: not an undo step
    }
    if (Status s = writeDiff(diff); !s) {
        return s.error();
    }
    if (Status s = appendLog("edit", 0, description, author, diff); !s) {
        return s.error();
    }
    // This connection's own insert: another program's edit can never be taken for it.
    const std::int64_t id = sqlite3_last_insert_rowid(m_db);
    if (Status s = tx.commit(); !s) {
        return fail("cannot save the label edit: " + s.error().message);
    }
    m_lastEditId = id;
    return diff;
}

Result<std::vector<Label>> Project::labels(std::int64_t seriesId) const
{
    if (seriesId == 0) {
        return std::vector<Label>{};
    }
    return m_impl->readLabels(seriesId);
}

Result<std::vector<Label>> Project::allLabels() const
{
    return m_impl->readLabels(0);
}

Result<LabelDiff> Project::assignLabel(const Label& label, const std::string& description)
{
    Label l = label;
    l.author = l.author.empty() ? defaultAuthor() : validAuthor(l.author);
    if (l.time == 0) {
        l.time = nowMillis();
    }
    Transaction tx(m_impl->m_db);
    if (!tx.began()) {
        return tx.began().error();
    }
    if (Status s = m_impl->validate(l); !s) {
        return s.error();
    }
    auto current = m_impl->readLabels(l.seriesId);
    if (!current) {
        return current.error();
    }
    const std::string desc = !description.empty()
                                 ? description
                                 : "label " + rangeText(l.begin, l.end) + " as class "
                                       + std::to_string(l.classId);
    return m_impl->commitEdit(tx, label_ops::assign(*current, l), desc, l.author);
}

Result<LabelDiff> Project::eraseLabels(std::int64_t seriesId, std::int64_t begin,
                                       std::int64_t end, int channel,
                                       const std::string& description)
{
    Transaction tx(m_impl->m_db);
    if (!tx.began()) {
        return tx.began().error();
    }
    if (auto s = m_impl->shape(seriesId); !s) {
        return s.error();
    }
    auto current = m_impl->readLabels(seriesId);
    if (!current) {
        return current.error();
    }
    const std::string desc =
        !description.empty() ? description : "erase labels in " + rangeText(begin, end);
    return m_impl->commitEdit(tx, label_ops::erase(*current, seriesId, begin, end, channel),
                              desc);
}

Result<LabelDiff> Project::applyDiff(const LabelDiff& diff, const std::string& description,
                                     EditBy by)
{
    LabelDiff d = diff;
    const std::string author = by == EditBy::Vigil ? automaticAuthor() : defaultAuthor();
    const std::int64_t now = nowMillis();
    for (Label& l : d.added) {
        l.author = l.author.empty() ? author : validAuthor(l.author);
        if (l.time == 0) {
            l.time = now;
        }
    }
    Transaction tx(m_impl->m_db);
    if (!tx.began()) {
        return tx.began().error();
    }
    return m_impl->commitEdit(tx, d, description, author);
}

// --- undo / redo, derived from the log so it survives reopening ---

Result<Project::Impl::Stacks> Project::Impl::replayLog() const
{
    Stacks stacks;
    Statement st(m_db, "SELECT id, kind, target FROM label_log ORDER BY id");
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        const std::int64_t id = st.columnInt(0);
        const auto kind = parseKind(st.columnText(1));
        const std::int64_t target = st.columnInt(2);
        auto moveTo = [target](std::vector<std::int64_t>& from, std::vector<std::int64_t>& to) {
            auto it = std::find(from.rbegin(), from.rend(), target);
            if (it != from.rend()) {
                from.erase(std::next(it).base());
            }
            to.push_back(target);
        };
        switch (kind) {
        case LabelLogEntry::Kind::Edit:
            stacks.undo.push_back(id);
            stacks.redo.clear();
            break;
        case LabelLogEntry::Kind::Undo:
            moveTo(stacks.undo, stacks.redo);
            break;
        case LabelLogEntry::Kind::Redo:
            moveTo(stacks.redo, stacks.undo);
            break;
        }
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read the label log: " + st.error());
    }
    return stacks;
}

Result<LabelLogEntry> Project::Impl::readEntry(std::int64_t id) const
{
    Statement st(m_db, "SELECT id, kind, target, description, author, time, diff "
                       "FROM label_log WHERE id = ?");
    st.bind(1, id);
    if (st.step() != SQLITE_ROW) {
        return fail("label log entry " + std::to_string(id) + " is missing: " + st.error());
    }
    LabelLogEntry e;
    e.id = st.columnInt(0);
    e.kind = parseKind(st.columnText(1));
    e.target = st.columnInt(2);
    e.description = st.columnText(3);
    e.author = st.columnText(4);
    e.time = st.columnInt(5);
    auto diff = store::diffFromJson(st.columnText(6));
    if (!diff) {
        return diff.error();
    }
    e.diff = std::move(*diff);
    return e;
}

Result<bool> Project::Impl::seriesAllExist(const LabelDiff& diff) const
{
    std::set<std::int64_t> ids;
    for (const auto* part : {&diff.removed, &diff.added}) {
        for (const Label& l : *part) {
            ids.insert(l.seriesId);
        }
    }
    Statement st(m_db, "SELECT 1 FROM series WHERE id = ?");
    for (std::int64_t id : ids) {
        st.reset();
        st.bind(1, id);
        const int rc = st.step();
        if (rc == SQLITE_DONE) {
            return false;
        }
        if (rc != SQLITE_ROW) {
            return fail("cannot read series: " + st.error());
        }
    }
    return true;
}

Result<std::optional<LabelLogEntry>>
Project::Impl::usableTop(const std::vector<std::int64_t>& stack) const
{
    for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
        auto entry = readEntry(*it);
        if (!entry) {
            return entry.error();
        }
        auto exists = seriesAllExist(entry->diff);
        if (!exists) {
            return exists.error();
        }
        if (*exists) {
            return std::optional<LabelLogEntry>(std::move(*entry));
        }
    }
    return std::optional<LabelLogEntry>();
}

Result<std::optional<LabelDiff>> Project::Impl::undoOrRedo(bool undo, std::int64_t expected)
{
    Transaction tx(m_db);
    if (!tx.began()) {
        return tx.began().error();
    }
    auto stacks = replayLog();
    if (!stacks) {
        return stacks.error();
    }
    auto top = usableTop(undo ? stacks->undo : stacks->redo);
    if (!top) {
        return top.error();
    }
    if (!top->has_value()) {
        return std::optional<LabelDiff>();
    }
    const LabelLogEntry& entry = **top;
    if (expected != 0 && entry.id != expected) {
        return fail(undo ? phrases::kUndoNotOnTop : phrases::kRedoNotOnTop);
    }
    const LabelDiff diff = undo ? entry.diff.inverted() : entry.diff;
    if (Status s = writeDiff(diff); !s) {
        return fail(std::string(undo ? "cannot undo '" : "cannot redo '") + entry.description
                    + "': " + s.error().message);
    }
    const std::string desc = (undo ? "undo: " : "redo: ") + entry.description;
    if (Status s = appendLog(undo ? "undo" : "redo", entry.id, desc, defaultAuthor(), diff); !s) {
        return s.error();
    }
    if (Status s = tx.commit(); !s) {
        return fail("cannot save the undo step: " + s.error().message);
    }
    return std::optional<LabelDiff>(diff);
}

Result<std::optional<LabelDiff>> Project::undo(std::int64_t expected)
{
    return m_impl->undoOrRedo(true, expected);
}

Result<std::optional<LabelDiff>> Project::redo(std::int64_t expected)
{
    return m_impl->undoOrRedo(false, expected);
}

std::int64_t Project::lastEditId() const
{
    return m_impl->m_lastEditId;
}

Result<bool> Project::Impl::canStep(bool undo) const
{
    auto stacks = replayLog();
    if (!stacks) {
        return stacks.error();
    }
    auto top = usableTop(undo ? stacks->undo : stacks->redo);
    if (!top) {
        return top.error();
    }
    return top->has_value();
}

Result<bool> Project::canUndo() const
{
    return m_impl->canStep(true);
}

Result<bool> Project::canRedo() const
{
    return m_impl->canStep(false);
}

Result<UndoHistory> Project::undoHistory(std::size_t limit) const
{
    auto stacks = m_impl->replayLog();
    if (!stacks) {
        return stacks.error();
    }
    UndoHistory out;
    for (auto [ids, steps] :
         {std::pair{&stacks->undo, &out.undo}, std::pair{&stacks->redo, &out.redo}}) {
        // From the top down, as undo()/redo() look for a usable entry, then bottom to top.
        for (auto it = ids->rbegin(); it != ids->rend() && steps->size() < limit; ++it) {
            auto entry = m_impl->readEntry(*it);
            if (!entry) {
                return entry.error();
            }
            auto exists = m_impl->seriesAllExist(entry->diff);
            if (!exists) {
                return exists.error();
            }
            if (!*exists) {
                continue;
            }
            LogStep step;
            step.id = entry->id;
            step.description = entry->description;
            step.byVigil = entry->author == automaticAuthor();
            step.diff = std::move(entry->diff);
            steps->push_back(std::move(step));
        }
        std::reverse(steps->begin(), steps->end());
    }
    return out;
}

Result<std::vector<LabelLogEntry>> Project::labelLog() const
{
    Statement st(m_impl->m_db, "SELECT id FROM label_log ORDER BY id");
    std::vector<std::int64_t> ids;
    int rc = SQLITE_ROW;
    while ((rc = st.step()) == SQLITE_ROW) {
        ids.push_back(st.columnInt(0));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read the label log: " + st.error());
    }
    std::vector<LabelLogEntry> out;
    out.reserve(ids.size());
    for (std::int64_t id : ids) {
        auto e = m_impl->readEntry(id);
        if (!e) {
            return e.error();
        }
        out.push_back(std::move(*e));
    }
    return out;
}

Result<std::int64_t> Project::analystEditsSince(std::int64_t unixMs) const
{
    // An undo or redo is Vigil's when the edit it targets is.
    Statement st(m_impl->m_db,
                 "SELECT COUNT(*) FROM label_log AS e WHERE e.time > ? AND NOT EXISTS ("
                 "SELECT 1 FROM label_log AS t WHERE t.id = coalesce(e.target, e.id) "
                 "AND t.author = ?)");
    st.bind(1, unixMs).bind(2, automaticAuthor());
    if (st.step() != SQLITE_ROW) {
        return fail("cannot read the label log: " + st.error());
    }
    return st.columnInt(0);
}

std::string Project::analystAuthor()
{
    const char* user = std::getenv("USER");
    return user != nullptr && *user != 0 ? std::string(user) : std::string("analyst");
}

const std::string& Project::automaticAuthor()
{
    // Login names hold no spaces or brackets in practice ($USER itself is not checked).
    static const std::string author = "Vigil (automatic)";
    return author;
}

// --- settings ---

Result<std::optional<std::string>> Project::setting(const std::string& key) const
{
    Statement st(m_impl->m_db, "SELECT value FROM settings WHERE key = ?");
    st.bind(1, key);
    const int rc = st.step();
    if (rc == SQLITE_ROW) {
        return std::optional<std::string>(st.columnText(0));
    }
    if (rc == SQLITE_DONE) {
        return std::optional<std::string>();
    }
    return fail("cannot read setting '" + key + "': " + st.error());
}

Status Project::inTransaction(const std::function<Status()>& body)
{
    Transaction tx(m_impl->m_db);
    if (!tx.began()) {
        return tx.began().error();
    }
    if (auto st = body(); !st) {
        return st.error(); // tx rolls back every edit body made
    }
    return tx.commit();
}

Status Project::setSetting(const std::string& key, const std::string& value)
{
    if (auto moved = store::checkWritable(m_impl->m_db); !moved) {
        return moved.error();
    }
    Statement st(m_impl->m_db, "INSERT INTO settings (key, value) VALUES (?, ?) "
                               "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value);
    if (!st.run()) {
        return fail("cannot save setting '" + key + "': " + st.error());
    }
    return {};
}

// --- models and scores ---

namespace {
/// Scores are stored in chunks of at most this many values.
constexpr std::size_t kScoreChunkRows = 65536;

/// Replaces one series' scores under a model version, inside the caller's transaction.
Status writeScores(sqlite3* db, std::int64_t modelVersion, std::int64_t seriesId,
                   const std::vector<double>& scores)
{
    constexpr std::size_t kChunk = kScoreChunkRows;
    Statement del(db, "DELETE FROM scores WHERE model_version = ? AND series_id = ?");
    del.bind(1, modelVersion).bind(2, seriesId);
    if (!del.run()) {
        return fail("cannot replace scores: " + del.error());
    }
    Statement ins(db, "INSERT INTO scores (model_version, series_id, chunk, rows, data) "
                      "VALUES (?, ?, ?, ?, ?)");
    for (std::size_t begin = 0, chunk = 0; begin < scores.size(); begin += kChunk, ++chunk) {
        const std::size_t rows = std::min(kChunk, scores.size() - begin);
        const std::string blob = store::encodeDoubles(scores.data() + begin, rows);
        ins.reset();
        ins.bind(1, modelVersion).bind(2, seriesId).bind(3, static_cast<std::int64_t>(chunk));
        ins.bind(4, static_cast<std::int64_t>(rows)).bindBlob(5, blob.data(), blob.size());
        if (!ins.run()) {
            return fail("cannot store scores of model " + std::to_string(modelVersion) + ": " +
                        ins.error());
        }
    }
    return {};
}

} // namespace

Result<std::int64_t> Project::addModel(const std::string& preset, const std::string& configJson,
                                       const std::vector<std::uint8_t>& blob,
                                       const std::string& metricsJson,
                                       const std::map<std::int64_t, std::vector<double>>& scores)
{
    sqlite3* db = m_impl->m_db;
    Transaction tx(db);
    if (!tx.began()) {
        return tx.began().error();
    }
    Statement next(db, "SELECT COALESCE(MAX(version), 0) + 1 FROM models");
    if (next.step() != SQLITE_ROW) {
        return dbError(db, "cannot number the new model");
    }
    const std::int64_t version = next.columnInt(0);
    Statement ins(db, "INSERT INTO models (version, preset, config, blob, metrics, created) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
    ins.bind(1, version).bind(2, preset).bind(3, configJson);
    ins.bindBlob(4, blob.data(), blob.size()).bind(5, metricsJson).bind(6, nowMillis());
    if (!ins.run()) {
        return fail("cannot store model version " + std::to_string(version) + ": " + ins.error());
    }
    for (const auto& [seriesId, values] : scores) {
        if (auto st = writeScores(db, version, seriesId, values); !st) {
            return st.error();
        }
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    return version;
}

Result<std::vector<ModelRecord>> Project::listModels() const
{
    Statement st(m_impl->m_db,
                 "SELECT version, preset, config, metrics, created FROM models ORDER BY version");
    std::vector<ModelRecord> out;
    int rc = 0;
    while ((rc = st.step()) == SQLITE_ROW) {
        ModelRecord m;
        m.version = st.columnInt(0);
        m.preset = st.columnText(1);
        m.configJson = st.columnText(2);
        m.metricsJson = st.columnText(3);
        m.created = st.columnInt(4);
        out.push_back(std::move(m));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot list models: " + st.error());
    }
    return out;
}

Result<std::optional<ModelRecord>> Project::latestModel() const
{
    Statement st(m_impl->m_db, "SELECT version, preset, config, metrics, created, blob FROM "
                               "models ORDER BY version DESC LIMIT 1");
    const int rc = st.step();
    if (rc == SQLITE_DONE) {
        return std::optional<ModelRecord>();
    }
    if (rc != SQLITE_ROW) {
        return fail("cannot read the newest model: " + st.error());
    }
    ModelRecord m;
    m.version = st.columnInt(0);
    m.preset = st.columnText(1);
    m.configJson = st.columnText(2);
    m.metricsJson = st.columnText(3);
    m.created = st.columnInt(4);
    const auto blob = st.columnBlob(5);
    m.blob.assign(blob.begin(), blob.end());
    return std::optional<ModelRecord>(std::move(m));
}

Status Project::saveScores(std::int64_t modelVersion, std::int64_t seriesId,
                           const std::vector<double>& scores)
{
    sqlite3* db = m_impl->m_db;
    Transaction tx(db);
    if (!tx.began()) {
        return tx.began().error();
    }
    if (auto st = writeScores(db, modelVersion, seriesId, scores); !st) {
        return st;
    }
    return tx.commit();
}

Result<std::optional<std::vector<double>>>
Project::loadScores(std::int64_t modelVersion, std::int64_t seriesId, bool* damaged) const
{
    // Scores can be computed again; the message says so, and whose they are.
    const auto damage = [&] {
        if (damaged != nullptr) {
            *damaged = true;
        }
        return fail(phrases::fill(phrases::kScoresDamaged,
                                  {std::to_string(seriesId), std::to_string(modelVersion)}));
    };
    if (damaged != nullptr) {
        *damaged = false;
    }
    Statement st(m_impl->m_db, "SELECT rows, data FROM scores WHERE model_version = ? AND "
                               "series_id = ? ORDER BY chunk");
    st.bind(1, modelVersion).bind(2, seriesId);
    std::vector<double> out;
    bool any = false;
    int rc = 0;
    while ((rc = st.step()) == SQLITE_ROW) {
        any = true;
        // A damaged row count must not become a huge (or negative) allocation.
        const std::int64_t storedRows = st.columnInt(0);
        if (storedRows < 0 || storedRows > static_cast<std::int64_t>(kScoreChunkRows)) {
            return damage();
        }
        const auto rows = static_cast<std::size_t>(storedRows);
        const std::size_t at = out.size();
        out.resize(at + rows);
        if (auto d = store::decodeDoubles(st.columnBlob(1), rows, out.data() + at); !d) {
            return damage();
        }
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot read scores: " + st.error());
    }
    if (!any) {
        return std::optional<std::vector<double>>();
    }
    return std::optional<std::vector<double>>(std::move(out));
}

// --- LLM cache and potentials (issue #4) ---

namespace {

PotentialRecord readPotential(const Statement& st)
{
    PotentialRecord r;
    r.id = st.columnInt(0);
    r.expression = st.columnText(1);
    r.explanationJson = st.columnText(2);
    r.provider = st.columnText(3);
    r.model = st.columnText(4);
    if (!st.columnIsNull(5)) {
        r.auc = st.columnDouble(5);
    }
    r.created = st.columnInt(6);
    return r;
}

constexpr const char* kPotentialColumns =
    "id, expression, explanation, provider, model, auc, created";

} // namespace

Result<std::optional<LlmCacheEntry>> Project::findLlmReply(const std::string& provider,
                                                           const std::string& model,
                                                           const std::string& promptHash,
                                                           bool wildcard) const
{
    Statement st(m_impl->m_db,
                 "SELECT id, provider, model, prompt_hash, prompt, reply, time, tokens "
                 "FROM llm_cache WHERE prompt_hash = ?1 AND ((?4 AND ?2 = '') OR provider = ?2) "
                 "AND ((?4 AND ?3 = '') OR model = ?3) ORDER BY time DESC, id DESC LIMIT 1");
    st.bind(1, promptHash).bind(2, provider).bind(3, model).bind(4, wildcard ? 1 : 0);
    const int rc = st.step();
    if (rc == SQLITE_DONE) {
        return std::optional<LlmCacheEntry>();
    }
    if (rc != SQLITE_ROW) {
        return fail("cannot read the LLM cache: " + st.error());
    }
    LlmCacheEntry e;
    e.id = st.columnInt(0);
    e.provider = st.columnText(1);
    e.model = st.columnText(2);
    e.promptHash = st.columnText(3);
    e.prompt = st.columnText(4);
    e.reply = st.columnText(5);
    e.time = st.columnInt(6);
    e.tokens = st.columnInt(7);
    return std::optional<LlmCacheEntry>(std::move(e));
}

Status Project::putLlmReply(const LlmCacheEntry& entry)
{
    if (auto moved = store::checkWritable(m_impl->m_db); !moved) {
        return moved.error();
    }
    Statement st(m_impl->m_db,
                 "INSERT INTO llm_cache (provider, model, prompt_hash, prompt, reply, time, tokens) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(provider, model, prompt_hash) DO UPDATE "
                 "SET prompt = excluded.prompt, reply = excluded.reply, time = excluded.time, "
                 "tokens = excluded.tokens");
    st.bind(1, entry.provider).bind(2, entry.model).bind(3, entry.promptHash);
    st.bind(4, entry.prompt).bind(5, entry.reply);
    st.bind(6, entry.time != 0 ? entry.time : nowMillis()).bind(7, entry.tokens);
    if (!st.run()) {
        return fail("cannot store the LLM reply: " + st.error());
    }
    return {};
}

Result<std::int64_t> Project::llmCacheSize() const
{
    Statement st(m_impl->m_db, "SELECT COUNT(*) FROM llm_cache");
    if (st.step() != SQLITE_ROW) {
        return fail("cannot count the LLM cache: " + st.error());
    }
    return st.columnInt(0);
}

Result<std::int64_t> Project::addPotential(const PotentialRecord& record)
{
    if (auto moved = store::checkWritable(m_impl->m_db); !moved) {
        return moved.error();
    }
    Statement st(m_impl->m_db, "INSERT INTO potentials (expression, explanation, provider, model, "
                               "auc, created) VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, record.expression)
        .bind(2, record.explanationJson.empty() ? std::string("{}") : record.explanationJson);
    st.bind(3, record.provider).bind(4, record.model);
    if (record.auc && std::isfinite(*record.auc)) {
        st.bind(5, *record.auc);
    } else {
        st.bindNull(5);
    }
    st.bind(6, record.created != 0 ? record.created : nowMillis());
    if (!st.run()) {
        return fail("cannot store the potential: " + st.error());
    }
    return static_cast<std::int64_t>(sqlite3_last_insert_rowid(m_impl->m_db));
}

Status Project::setPotentialAuc(std::int64_t id, std::optional<double> auc)
{
    if (auto moved = store::checkWritable(m_impl->m_db); !moved) {
        return moved.error();
    }
    Statement st(m_impl->m_db, "UPDATE potentials SET auc = ? WHERE id = ?");
    if (auc && std::isfinite(*auc)) {
        st.bind(1, *auc);
    } else {
        st.bindNull(1);
    }
    st.bind(2, id);
    if (!st.run()) {
        return fail("cannot update the potential's AUC: " + st.error());
    }
    return {};
}

Result<std::vector<PotentialRecord>> Project::listPotentials() const
{
    Statement st(m_impl->m_db,
                 std::string("SELECT ") + kPotentialColumns + " FROM potentials ORDER BY id");
    std::vector<PotentialRecord> out;
    int rc = 0;
    while ((rc = st.step()) == SQLITE_ROW) {
        out.push_back(readPotential(st));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot list potentials: " + st.error());
    }
    return out;
}

Result<std::optional<PotentialRecord>> Project::latestPotential() const
{
    Statement st(m_impl->m_db, std::string("SELECT ") + kPotentialColumns +
                                   " FROM potentials ORDER BY id DESC LIMIT 1");
    const int rc = st.step();
    if (rc == SQLITE_DONE) {
        return std::optional<PotentialRecord>();
    }
    if (rc != SQLITE_ROW) {
        return fail("cannot read the newest potential: " + st.error());
    }
    return std::optional<PotentialRecord>(readPotential(st));
}

// --- active-learning queries (issue #5) ---

const char* toString(QueryStatus status)
{
    switch (status) {
    case QueryStatus::New:
        return "new";
    case QueryStatus::Viewed:
        return "viewed";
    case QueryStatus::Skipped:
        return "skipped";
    case QueryStatus::Labelled:
        return "labelled";
    }
    return "new";
}

bool parseQueryStatus(const std::string& text, QueryStatus* out)
{
    for (auto s : {QueryStatus::New, QueryStatus::Viewed, QueryStatus::Skipped,
                   QueryStatus::Labelled}) {
        if (text == toString(s)) {
            if (out != nullptr) {
                *out = s;
            }
            return true;
        }
    }
    return false;
}

Result<std::vector<std::int64_t>> Project::replaceOpenQueries(
    std::int64_t seriesId, const std::vector<QueryRecord>& queries)
{
    sqlite3* db = m_impl->m_db;
    Transaction tx(db);
    if (!tx.began()) {
        return tx.began().error();
    }
    auto shape = m_impl->shape(seriesId);
    if (!shape) {
        return shape.error();
    }
    // A window the analyst has seen and is asked again stays "viewed" (a refresh had made it
    // "new" again, as if never shown).
    std::set<std::pair<std::int64_t, std::int64_t>> viewed;
    {
        Statement seen(db, "SELECT begin_row, end_row FROM queries WHERE series_id = ? AND "
                           "status = 'viewed'");
        seen.bind(1, seriesId);
        int rc = SQLITE_ROW;
        while ((rc = seen.step()) == SQLITE_ROW) {
            viewed.emplace(seen.columnInt(0), seen.columnInt(1));
        }
        if (rc != SQLITE_DONE) {
            return fail("cannot read the query queue: " + seen.error());
        }
    }
    Statement del(db, "DELETE FROM queries WHERE series_id = ? AND status IN ('new', 'viewed')");
    del.bind(1, seriesId);
    if (!del.run()) {
        return fail("cannot replace the query queue: " + del.error());
    }
    // Ids are never reused (a script that holds id 3 must not mark another window): the
    // highest id ever given is kept in meta, as the open queries it belonged to may be gone.
    std::int64_t lastId = 0;
    {
        Statement top(db, "SELECT max(coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE "
                          "key = 'queries.last_id'), 0), coalesce((SELECT max(id) FROM "
                          "queries), 0))");
        if (top.step() != SQLITE_ROW) {
            return fail("cannot read the query queue: " + top.error());
        }
        lastId = top.columnInt(0);
    }
    Statement ins(db, "INSERT INTO queries (id, series_id, begin_row, end_row, reason, score, "
                      "status, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const std::int64_t now = nowMillis();
    // The queue is chosen from the labels read when its computation began; a window the
    // analyst labelled since (answering the queue while a retrain's refresh ran) would be asked
    // again. Read now, inside this transaction: a window more than half labelled by an expert
    // label, or labelled at its centre row, is not stored, as the choice itself leaves out.
    Statement covered(db, "SELECT begin_row, end_row FROM labels WHERE series_id = ? AND source "
                          "IN ('human', 'imported') AND begin_row < ? AND end_row > ? ORDER BY "
                          "begin_row");
    auto labelledRows = [&](std::int64_t begin, std::int64_t end) -> Result<std::int64_t> {
        covered.reset();
        covered.bind(1, seriesId).bind(2, end).bind(3, begin);
        std::int64_t rows = 0;
        std::int64_t reach = begin; // rows before it are counted (labels may overlap)
        int rc = SQLITE_ROW;
        while ((rc = covered.step()) == SQLITE_ROW) {
            const std::int64_t b = std::max(covered.columnInt(0), reach);
            const std::int64_t e = std::min(covered.columnInt(1), end);
            if (e > b) {
                rows += e - b;
                reach = e;
            }
        }
        if (rc != SQLITE_DONE) {
            return fail("cannot read the labels: " + covered.error());
        }
        return rows;
    };
    std::vector<std::int64_t> ids;
    for (const auto& q : queries) {
        if (q.begin < 0 || q.end <= q.begin || q.end > shape->length) {
            return fail("query " + rangeText(q.begin, q.end) + " lies outside series '" +
                        shape->name + "' (" + std::to_string(shape->length) + " rows)");
        }
        auto labelled = labelledRows(q.begin, q.end);
        if (!labelled) {
            return labelled.error();
        }
        if (*labelled * 2 > q.end - q.begin) {
            continue; // answered meanwhile
        }
        // Nor one whose centre row is labelled (the choice leaves those out too: the label
        // there answers what the window asks).
        const std::int64_t centre = q.begin + (q.end - q.begin) / 2;
        auto atCentre = labelledRows(centre, centre + 1);
        if (!atCentre) {
            return atCentre.error();
        }
        if (*atCentre > 0) {
            continue;
        }
        ins.reset();
        ins.bind(1, ++lastId).bind(2, seriesId).bind(3, q.begin).bind(4, q.end).bind(5, q.reason);
        if (std::isfinite(q.score)) {
            ins.bind(6, q.score);
        } else {
            ins.bindNull(6);
        }
        const QueryStatus status = q.status == QueryStatus::New && viewed.count({q.begin, q.end})
                                       ? QueryStatus::Viewed
                                       : q.status;
        ins.bind(7, std::string_view(toString(status))).bind(8, now).bind(9, now);
        if (!ins.run()) {
            return fail("cannot store a query: " + ins.error());
        }
        ids.push_back(lastId);
    }
    Statement mark(db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('queries.last_id', ?)");
    mark.bind(1, std::to_string(lastId));
    if (!mark.run()) {
        return fail("cannot store the query queue: " + mark.error());
    }
    if (auto st = tx.commit(); !st) {
        return st.error();
    }
    return ids;
}

Result<std::vector<QueryRecord>> Project::queries(std::int64_t seriesId,
                                                  std::optional<QueryStatus> status) const
{
    std::string sql = "SELECT id, series_id, begin_row, end_row, reason, score, status, created, "
                      "updated FROM queries WHERE (? = 0 OR series_id = ?)";
    if (status) {
        sql += " AND status = ?";
    }
    sql += " ORDER BY score IS NULL, score DESC, id";
    Statement st(m_impl->m_db, sql);
    st.bind(1, seriesId).bind(2, seriesId);
    if (status) {
        st.bind(3, std::string_view(toString(*status)));
    }
    std::vector<QueryRecord> out;
    int rc = 0;
    while ((rc = st.step()) == SQLITE_ROW) {
        QueryRecord q;
        q.id = st.columnInt(0);
        q.seriesId = st.columnInt(1);
        q.begin = st.columnInt(2);
        q.end = st.columnInt(3);
        q.reason = st.columnText(4);
        q.score = st.columnIsNull(5) ? std::nan("") : st.columnDouble(5);
        parseQueryStatus(st.columnText(6), &q.status);
        q.created = st.columnInt(7);
        q.updated = st.columnInt(8);
        out.push_back(std::move(q));
    }
    if (rc != SQLITE_DONE) {
        return fail("cannot list queries: " + st.error());
    }
    return out;
}

Status Project::setQueryStatus(std::int64_t queryId, QueryStatus status)
{
    if (auto moved = store::checkWritable(m_impl->m_db); !moved) {
        return moved.error();
    }
    Statement st(m_impl->m_db, "UPDATE queries SET status = ?, updated = ? WHERE id = ?");
    st.bind(1, std::string_view(toString(status))).bind(2, nowMillis()).bind(3, queryId);
    if (!st.run()) {
        return fail("cannot update query " + std::to_string(queryId) + ": " + st.error());
    }
    if (sqlite3_changes(m_impl->m_db) == 0) {
        return fail("no query with id " + std::to_string(queryId));
    }
    return {};
}

// --- end of active-learning queries ---

} // namespace vigil::core
