// SPDX-License-Identifier: MIT
#include "store/sqlite_util.h"

#include "vigil/phrases.h"

namespace vigil::core::store {

std::string errorText(sqlite3* db)
{
    if (db == nullptr) {
        return "out of memory";
    }
    std::string msg;
    if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_FULL) {
        msg = "disk full: the project file could not grow; free some space and try again (";
        msg += sqlite3_errmsg(db);
        msg += ")";
        return msg;
    }
    if (const int code = sqlite3_extended_errcode(db) & 0xff;
        code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        return std::string(phrases::kProjectBusy) + " (" + sqlite3_errmsg(db) + ")";
    }
    if ((sqlite3_extended_errcode(db) & 0xff) == SQLITE_READONLY) {
        return std::string(phrases::kProjectReadOnly) + " (" + sqlite3_errmsg(db) + ")";
    }
    return sqlite3_errmsg(db);
}

std::string sqliteError(sqlite3* db, std::string_view what)
{
    std::string msg(what);
    msg += ": ";
    msg += errorText(db);
    return msg;
}

Status exec(sqlite3* db, const std::string& sql)
{
    char* err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const int code = sqlite3_extended_errcode(db) & 0xff;
        std::string msg = code == SQLITE_FULL || code == SQLITE_BUSY || code == SQLITE_LOCKED ||
                                  code == SQLITE_READONLY || err == nullptr
                              ? errorText(db)
                              : std::string(err);
        sqlite3_free(err);
        return fail(msg);
    }
    return {};
}

Statement::Statement(sqlite3* db, std::string_view sql)
    : m_db(db)
{
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr)
        != SQLITE_OK) {
        m_error = sqlite3_errmsg(db);
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    // A zero-length blob must stay a blob, not NULL, so give SQLite a valid pointer.
    static const char kEmpty = 0;
    sqlite3_bind_blob64(m_stmt, index, size == 0 ? &kEmpty : data, size, SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

int Statement::step()
{
    if (m_stmt == nullptr) {
        return SQLITE_MISUSE;
    }
    const int rc = sqlite3_step(m_stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        m_error = errorText(m_db);
    }
    return rc;
}

bool Statement::run()
{
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) {
        rc = step();
    }
    return rc == SQLITE_DONE;
}

void Statement::reset()
{
    // A statement that did not prepare (a table another program dropped) has no handle:
    // sqlite3_clear_bindings(NULL) crashed where the caller reports the error.
    if (m_stmt == nullptr) {
        return;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::columnInt(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::columnText(int column) const
{
    const auto* p = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p != nullptr ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
                        : std::string();
}

std::string_view Statement::columnBlob(int column) const
{
    const void* p = sqlite3_column_blob(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    return p != nullptr ? std::string_view(static_cast<const char*>(p), static_cast<std::size_t>(n))
                        : std::string_view();
}

bool Statement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool hasMoved(sqlite3* db)
{
    if (db == nullptr) {
        return false;
    }
    int moved = 0;
    return sqlite3_file_control(db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK &&
           moved != 0;
}

Status checkWritable(sqlite3* db)
{
    if (sqlite3_db_readonly(db, "main") == 1) {
        return fail(phrases::kProjectReadOnly); // before any step says what it could not do
    }
    if (hasMoved(db)) {
        return fail(phrases::kProjectMoved);
    }
    return {};
}

namespace {

Status begin(sqlite3* db, bool nested)
{
    if (auto st = checkWritable(db); !st) {
        return st;
    }
    return exec(db, nested ? "SAVEPOINT vigil_nested" : "BEGIN IMMEDIATE");
}

} // namespace

Transaction::Transaction(sqlite3* db)
    : m_db(db)
    , m_nested(db != nullptr && sqlite3_get_autocommit(db) == 0)
    , m_began(begin(db, m_nested))
    , m_open(m_began.ok())
{}

Transaction::~Transaction()
{
    if (m_open) {
        if (m_nested) { // undo this part only; the outer transaction decides about the rest
            (void)exec(m_db, "ROLLBACK TO vigil_nested");
            (void)exec(m_db, "RELEASE vigil_nested");
        } else {
            (void)exec(m_db, "ROLLBACK");
        }
    }
}

Status Transaction::commit()
{
    if (!m_open) {
        return fail("no open transaction");
    }
    Status s = exec(m_db, m_nested ? "RELEASE vigil_nested" : "COMMIT");
    if (!s.ok()) {
        return s; // still open: the destructor rolls back
    }
    m_open = false;
    return s;
}

} // namespace vigil::core::store
