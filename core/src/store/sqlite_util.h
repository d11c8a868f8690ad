// SPDX-License-Identifier: MIT
// Thin RAII helpers over the sqlite3 C API, private to the store.
#pragma once

#include "vigil/result.h"

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace vigil::core::store {

/// "what: sqlite message" for the connection's last error.
std::string sqliteError(sqlite3* db, std::string_view what);

/// The connection's last error in words: SQLite's message, with a plain "disk full" sentence
/// first when that is the cause (SQLite's own text does not tell a user what to do).
std::string errorText(sqlite3* db);

/// Runs one or more statements that return no rows.
Status exec(sqlite3* db, const std::string& sql);

/// Fails with phrases::kProjectReadOnly on a read-only connection, and with
/// phrases::kProjectMoved when the file `db` was opened from was since deleted or replaced
/// under its name: a write would go to a file no one will open again, and its journal would
/// later be replayed into the replacement. Every write checks it first.
Status checkWritable(sqlite3* db);
/// Whether the file `db` was opened from was since deleted or replaced under its name.
bool hasMoved(sqlite3* db);

/// A prepared statement; bind indices start at 1, column indices at 0.
class Statement
{
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_stmt != nullptr; }
    const std::string& error() const { return m_error; }

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);

    /// SQLITE_ROW, SQLITE_DONE or an error code (the message is then in error()).
    int step();
    /// Steps to completion; returns false with error() set on failure.
    bool run();
    void reset();

    std::int64_t columnInt(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    std::string_view columnBlob(int column) const;
    bool columnIsNull(int column) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    std::string m_error;
};

/// BEGIN IMMEDIATE … COMMIT; rolls back on destruction unless committed. IMMEDIATE takes the
/// write lock up front so two connections never deadlock upgrading a read to a write. Begun
/// while another transaction is open (Project::inTransaction around several edits), it is a
/// savepoint: its commit releases it into the outer transaction, its roll-back undoes only its
/// own work, and the outer commit stores everything.
class Transaction
{
public:
    explicit Transaction(sqlite3* db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    const Status& began() const { return m_began; }
    Status commit();

private:
    sqlite3* m_db;
    bool m_nested;
    Status m_began;
    bool m_open = false;
};

} // namespace vigil::core::store
