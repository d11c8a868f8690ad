// SPDX-License-Identifier: MIT
#include "store/schema.h"

#include "store/sqlite_util.h"

#include <string>

namespace vigil::core::store {

namespace {

// Version 1: series with their values, labels, the label log and settings.
constexpr const char* kVersion1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('application', 'vigil');

CREATE TABLE series (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    length        INTEGER NOT NULL,
    channels      INTEGER NOT NULL,
    channel_names TEXT NOT NULL,
    time_kind     TEXT NOT NULL,
    source_path   TEXT NOT NULL DEFAULT '',
    content_hash  TEXT NOT NULL,
    chunk_rows    INTEGER NOT NULL,
    created       INTEGER NOT NULL
);

-- channel -1 holds the timestamps (int64), channel c >= 0 the values of channel c (float64).
CREATE TABLE series_data (
    series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    channel   INTEGER NOT NULL,
    chunk     INTEGER NOT NULL,
    rows      INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (series_id, channel, chunk)
) WITHOUT ROWID;

CREATE TABLE labels (
    id         INTEGER PRIMARY KEY,
    series_id  INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    begin_row  INTEGER NOT NULL,
    end_row    INTEGER NOT NULL,
    channel    INTEGER NOT NULL,
    class_id   INTEGER NOT NULL,
    source     TEXT NOT NULL,
    confidence REAL NOT NULL,
    author     TEXT NOT NULL,
    time       INTEGER NOT NULL,
    CHECK (begin_row < end_row)
);
CREATE INDEX labels_by_series ON labels (series_id, begin_row);

CREATE TABLE label_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
    target      INTEGER,
    description TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    time        INTEGER NOT NULL,
    diff        TEXT NOT NULL
);
CREATE TRIGGER label_log_no_update BEFORE UPDATE ON label_log
BEGIN
    SELECT RAISE(ABORT, 'label_log is append-only');
END;
CREATE TRIGGER label_log_no_delete BEFORE DELETE ON label_log
BEGIN
    SELECT RAISE(ABORT, 'label_log is append-only');
END;

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql";

// Version 2: what active learning, models, scoring and the LLM features store.
constexpr const char* kVersion2 = R"sql(
CREATE TABLE queries (
    id         INTEGER PRIMARY KEY,
    series_id  INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    begin_row  INTEGER NOT NULL,
    end_row    INTEGER NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    score      REAL,
    status     TEXT NOT NULL DEFAULT 'new'
               CHECK (status IN ('new', 'viewed', 'skipped', 'labelled')),
    created    INTEGER NOT NULL,
    updated    INTEGER NOT NULL
);
CREATE INDEX queries_by_status ON queries (status, series_id);

CREATE TABLE models (
    id       INTEGER PRIMARY KEY,
    version  INTEGER NOT NULL UNIQUE,
    preset   TEXT NOT NULL DEFAULT '',
    config   TEXT NOT NULL DEFAULT '{}',
    blob     BLOB,
    metrics  TEXT NOT NULL DEFAULT '{}',
    created  INTEGER NOT NULL
);

CREATE TABLE scores (
    model_version INTEGER NOT NULL REFERENCES models(version) ON DELETE CASCADE,
    series_id     INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
    chunk         INTEGER NOT NULL,
    rows          INTEGER NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (model_version, series_id, chunk)
) WITHOUT ROWID;
CREATE INDEX scores_by_series ON scores (series_id);

CREATE TABLE llm_cache (
    id          INTEGER PRIMARY KEY,
    provider    TEXT NOT NULL,
    model       TEXT NOT NULL,
    prompt_hash TEXT NOT NULL,
    prompt      TEXT NOT NULL,
    reply       TEXT NOT NULL,
    time        INTEGER NOT NULL,
    tokens      INTEGER NOT NULL DEFAULT 0,
    UNIQUE (provider, model, prompt_hash)
);

CREATE TABLE potentials (
    id          INTEGER PRIMARY KEY,
    expression  TEXT NOT NULL,
    explanation TEXT NOT NULL DEFAULT '{}',
    provider    TEXT NOT NULL DEFAULT '',
    model       TEXT NOT NULL DEFAULT '',
    auc         REAL,
    created     INTEGER NOT NULL
);

CREATE INDEX label_log_by_kind ON label_log (kind, id);
)sql";

} // namespace

const std::vector<Migration>& migrations()
{
    static const std::vector<Migration> kMigrations = {
        {1, kVersion1},
        {2, kVersion2},
    };
    return kMigrations;
}

int latestSchemaVersion()
{
    return migrations().back().version;
}

Result<int> readUserVersion(sqlite3* db)
{
    Statement st(db, "PRAGMA user_version");
    if (!st.ok() || st.step() != SQLITE_ROW) {
        return fail(st.error());
    }
    return static_cast<int>(st.columnInt(0));
}

Status migrate(sqlite3* db, int target)
{
    auto from = readUserVersion(db);
    if (!from) {
        return from.error();
    }
    for (const Migration& m : migrations()) {
        if (m.version <= *from || m.version > target) {
            continue;
        }
        Transaction tx(db);
        if (!tx.began()) {
            return fail("cannot start migration to schema " + std::to_string(m.version) + ": "
                        + tx.began().error().message);
        }
        Status s = exec(db, m.sql);
        if (s) {
            s = exec(db, "PRAGMA user_version = " + std::to_string(m.version));
        }
        if (s) {
            s = tx.commit();
        }
        if (!s) {
            return fail("migration to schema " + std::to_string(m.version)
                        + " failed: " + s.error().message);
        }
    }
    return {};
}

} // namespace vigil::core::store
