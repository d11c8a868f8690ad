// SPDX-License-Identifier: MIT
// Writes the starting corpus of fuzz_project (see project_seed.h).
// Usage: make_project_seed <new project file> [--small]
// --small rewrites it with 512-byte pages in rollback-journal mode: a quarter of the bytes for
// the fuzzer to mutate, and the switch to WAL on open gets exercised too.
#include "project_seed.h"

#include <sqlite3.h>

#include <cstdio>
#include <string>

int main(int argc, char** argv)
{
    const bool small = argc == 3 && std::string(argv[2]) == "--small";
    if (argc != 2 && !small) {
        std::fprintf(stderr, "usage: %s <new project file> [--small]\n", argv[0]);
        return 2;
    }
    if (!vigil::fuzz::writeSeedProject(argv[1])) {
        std::fprintf(stderr, "could not write the seed project %s\n", argv[1]);
        return 1;
    }
    if (small) {
        sqlite3* db = nullptr;
        const int rc = sqlite3_open(argv[1], &db);
        char* error = nullptr;
        if (rc != SQLITE_OK ||
            sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 512; VACUUM;",
                         nullptr, nullptr, &error) != SQLITE_OK) {
            std::fprintf(stderr, "%s\n", error != nullptr ? error : sqlite3_errmsg(db));
            sqlite3_free(error);
            sqlite3_close(db);
            return 1;
        }
        sqlite3_close(db);
    }
    return 0;
}
