// SPDX-License-Identifier: MIT
// The project file's schema: an ordered list of migrations, version k = PRAGMA user_version k.
// Private to the store; tests include it to build files of every earlier version.
#pragma once

#include "vigil/result.h"

#include <sqlite3.h>

#include <vector>

namespace vigil::core::store {

struct Migration
{
    int version;     ///< the user_version the file has after this script
    const char* sql; ///< runs inside one transaction
};

/// All migrations, version 1 first.
const std::vector<Migration>& migrations();

/// The newest version (what this build writes).
int latestSchemaVersion();

/// The file's PRAGMA user_version, or an error when it is not readable as SQLite.
Result<int> readUserVersion(sqlite3* db);

/// Runs the migrations after the file's current user_version up to `target`, each in its own
/// transaction together with the new user_version, so a failure leaves the last good version.
Status migrate(sqlite3* db, int target);

} // namespace vigil::core::store
