// SPDX-License-Identifier: MIT
// The project file (.vigil): one SQLite database in WAL mode holding series, labels, the
// append-only label log (undo/redo that survives restarts) and settings.
//
// Thread rules: a Project object is used by one thread at a time. Each thread that needs the
// project opens its own Project (its own SQLite connection) on the same path.
#pragma once

#include "vigil/importers.h"
#include "vigil/label.h"
#include "vigil/progress.h"
#include "vigil/result.h"
#include "vigil/time_series.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vigil::core {

/// What the series list shows, without loading values.
struct SeriesInfo
{
    std::int64_t id = 0;
    std::string name;
    std::int64_t length = 0;
    int channels = 0;
    std::vector<std::string> channelNames;
    TimeKind timeKind = TimeKind::Index;
    std::string sourcePath;
    std::string contentHash;      ///< hex digest of the values as stored
    std::int64_t labeledPoints = 0;   ///< rows inside an expert (human or imported) label
    std::int64_t anomalousPoints = 0; ///< rows inside expert labels of class anomaly
};

/// One entry of the label log.
struct LabelLogEntry
{
    std::int64_t id = 0;
    enum class Kind { Edit, Undo, Redo } kind = Kind::Edit;
    std::int64_t target = 0; ///< for Undo/Redo: the Edit entry it undoes or redoes
    std::string description;
    std::string author;
    std::int64_t time = 0; ///< Unix milliseconds
    LabelDiff diff;        ///< for Edit: what it did
};

/// One step Project::undo() or redo() will take, as the label log holds it.
struct LogStep
{
    std::int64_t id = 0; ///< the Edit entry of the log
    std::string description;
    bool byVigil = false;                ///< logged as EditBy::Vigil
    LabelDiff diff; ///< what it did (the window names the step and its series from it)
};

/// The steps undo() and redo() would take, each list from the bottom to the top: the back of
/// `undo` is what undo() takes next, the back of `redo` what redo() takes next.
struct UndoHistory
{
    std::vector<LogStep> undo;
    std::vector<LogStep> redo;
};

enum class OpenMode { OpenExisting, CreateIfMissing };

/// Who made a label edit. The analyst's edits are logged under the user's name; a step Vigil
/// takes by itself (the suggestions' update after a retrain) under Project::automaticAuthor(),
/// so it is told apart later (it does not count toward the next automatic retrain).
enum class EditBy { Analyst, Vigil };

/// One trained model version as stored in the project.
struct ModelRecord
{
    std::int64_t version = 0; ///< 1, 2, … in order of creation
    std::string preset;
    std::string configJson;
    std::string metricsJson;
    std::vector<std::uint8_t> blob; ///< the detector's bytes (empty when listed without blobs)
    std::int64_t created = 0;       ///< Unix milliseconds
};

// --- LLM cache and potentials (issue #4, LLM.md) ---

/// One cached LLM exchange, keyed by (provider, model, promptHash).
struct LlmCacheEntry
{
    std::int64_t id = 0;
    std::string provider;
    std::string model;
    std::string promptHash;
    std::string prompt; ///< every message with its role (never an API key)
    std::string reply;
    std::int64_t time = 0;   ///< Unix milliseconds
    std::int64_t tokens = 0; ///< prompt + completion tokens (0 when unknown)
};

/// One potential function as proposed by a provider, with its measured separation.
struct PotentialRecord
{
    std::int64_t id = 0;
    std::string expression;
    std::string explanationJson; ///< {"terms":[{"expr","why"}],"summary",...}
    std::string provider;
    std::string model;
    std::optional<double> auc; ///< ROC AUC on labelled windows when measured
    std::int64_t created = 0;  ///< Unix milliseconds
};

// --- active-learning queries (issue #5) ---
/// Where a query stands in the analyst's queue.
enum class QueryStatus { New, Viewed, Skipped, Labelled };
const char* toString(QueryStatus status);
/// Parses "new", "viewed", "skipped", "labelled"; false on anything else.
bool parseQueryStatus(const std::string& text, QueryStatus* out);

/// One stored query (a window the analyst is asked to label).
struct QueryRecord
{
    std::int64_t id = 0; ///< assigned by the project
    std::int64_t seriesId = 0;
    std::int64_t begin = 0; ///< first row, inclusive
    std::int64_t end = 0;   ///< one past the last row
    std::string reason;
    double score = 0.0;
    QueryStatus status = QueryStatus::New;
    std::int64_t created = 0; ///< Unix milliseconds
    std::int64_t updated = 0;
};
// --- end of active-learning queries ---

class Project
{
public:
    /// Schema version this build writes. Older files are migrated on open; newer ones refused.
    static int currentSchemaVersion();

    /// Opens (or creates) a project. Refuses files of a newer schema and files that are not
    /// Vigil projects, with a message saying so.
    static Result<std::unique_ptr<Project>> open(const std::string& path,
                                                 OpenMode mode = OpenMode::CreateIfMissing);
    ~Project();
    Project(const Project&) = delete;
    Project& operator=(const Project&) = delete;

    const std::string& path() const;
    int schemaVersion() const;
    /// Opened read-only (OpenExisting on a medium or folder that cannot be written): reading
    /// works, every edit fails and says why.
    bool readOnly() const;

    /// Writes a consistent copy of the whole project (series, labels, history, models, cache)
    /// to `dest`, page by page through SQLite's backup, reporting progress and checking `cancel`
    /// between steps. It copies the project as it was when the copy began (a read transaction
    /// on this connection): edits other connections commit meanwhile are not in it. The copy
    /// is written beside `dest` and moved into place when complete. Never replaces a file: fails
    /// when `dest` (or a journal beside it) exists. A failure or a cancel leaves no file. This
    /// project is only read (a read-only project can be copied).
    Status saveCopy(const std::string& dest, const ProgressSink& progress = {},
                    const CancelToken* cancel = nullptr) const;

    // --- series ---
    /// Adds series and their imported labels in one transaction: all or nothing. A name that
    /// already exists in the project is an error. Returns the new series ids in order.
    /// `cancel` (when given and cancelled) stops it between chunks with kCancelledMessage,
    /// adding nothing.
    Result<std::vector<std::int64_t>> addSeries(const std::vector<ImportedSeries>& batch,
                                                const CancelToken* cancel = nullptr);
    Result<std::vector<SeriesInfo>> listSeries() const;
    Result<SeriesInfo> seriesInfo(std::int64_t seriesId) const;
    Result<SeriesInfo> seriesByName(const std::string& name) const;
    Result<TimeSeries> loadSeries(std::int64_t seriesId) const;
    /// The timestamps of `rows` (each in [0, length)), in their order, reading only the chunks
    /// that hold them; empty when the series has none (rows are its x axis).
    Result<std::vector<std::int64_t>> timestampsAt(std::int64_t seriesId,
                                                   const std::vector<std::int64_t>& rows) const;
    Status removeSeries(std::int64_t seriesId);

    // --- labels (every edit is one transaction together with its log entry) ---
    Result<std::vector<Label>> labels(std::int64_t seriesId) const;
    Result<std::vector<Label>> allLabels() const;
    /// Paints a label (label_ops::assign) and logs it. Returns the diff applied.
    Result<LabelDiff> assignLabel(const Label& label, const std::string& description = {});
    /// Erases a range (label_ops::erase) and logs it.
    Result<LabelDiff> eraseLabels(std::int64_t seriesId, std::int64_t begin, std::int64_t end,
                                  int channel, const std::string& description = {});
    /// Applies an arbitrary diff (bulk accept, propagation) as one undoable step.
    Result<LabelDiff> applyDiff(const LabelDiff& diff, const std::string& description,
                                EditBy by = EditBy::Analyst);
    /// Undoes the newest edit not yet undone; returns its diff as applied, nullopt if none.
    /// `expected` (a log entry id, 0: any): fails, changing nothing, when the step to undo is
    /// another one (another program edited the labels since the caller last looked).
    Result<std::optional<LabelDiff>> undo(std::int64_t expected = 0);
    Result<std::optional<LabelDiff>> redo(std::int64_t expected = 0);
    /// The label-log entry of the newest edit made through this Project (0: none yet): the
    /// step an edit just made, never another program's.
    std::int64_t lastEditId() const;
    Result<bool> canUndo() const;
    Result<bool> canRedo() const;
    /// The newest `limit` steps of each list (a step on a removed series is skipped, as undo()
    /// and redo() skip it), so a reopened project's window can offer the same undo and redo.
    Result<UndoHistory> undoHistory(std::size_t limit) const;
    Result<std::vector<LabelLogEntry>> labelLog() const;
    /// The analyst's label-log entries (edits, undos, redos) written after `unixMs`: Vigil's
    /// own steps (EditBy::Vigil), their undos and their redos are not counted.
    Result<std::int64_t> analystEditsSince(std::int64_t unixMs) const;
    /// The author logged for EditBy::Vigil ("Vigil (automatic)": with a space and brackets,
    /// not a login name in practice, though $USER is not checked).
    static const std::string& automaticAuthor();
    /// The author logged for the analyst's edits when a label names none: $USER, else
    /// "analyst".
    static std::string analystAuthor();

    // --- models and scores ---
    /// Stores a new model version (the next number) with the scores it gave each series (by
    /// series id), all in one transaction, so a failure (a full disk) or a kill stores neither
    /// half; returns its version.
    Result<std::int64_t> addModel(const std::string& preset, const std::string& configJson,
                                  const std::vector<std::uint8_t>& blob,
                                  const std::string& metricsJson,
                                  const std::map<std::int64_t, std::vector<double>>& scores = {});
    /// Every model version, oldest first, without blobs.
    Result<std::vector<ModelRecord>> listModels() const;
    /// The newest model version with its blob; nullopt when none was trained.
    Result<std::optional<ModelRecord>> latestModel() const;
    /// Replaces the scores of one series under a model version (chunked like series data).
    Status saveScores(std::int64_t modelVersion, std::int64_t seriesId,
                      const std::vector<double>& scores);
    /// The scores of one series under a model version; nullopt when none are stored.
    /// Stored scores that are damaged fail with phrases::kScoresDamaged and set `*damaged`
    /// (when given), so callers can treat them as missing ("run score") and still pass other
    /// errors (a busy project, an I/O error) on.
    Result<std::optional<std::vector<double>>>
    loadScores(std::int64_t modelVersion, std::int64_t seriesId, bool* damaged = nullptr) const;

    // --- LLM cache and potentials (issue #4) ---
    /// The cached reply for (provider, model, hash); with `wildcard`, an empty provider or
    /// model matches any (the newest entry wins). nullopt on a miss.
    Result<std::optional<LlmCacheEntry>> findLlmReply(const std::string& provider,
                                                      const std::string& model,
                                                      const std::string& promptHash,
                                                      bool wildcard = false) const;
    /// Stores (or replaces) the entry of (provider, model, hash); time 0 means now.
    Status putLlmReply(const LlmCacheEntry& entry);
    /// Number of cached exchanges.
    Result<std::int64_t> llmCacheSize() const;
    /// Stores a potential; returns its id (created 0 means now).
    Result<std::int64_t> addPotential(const PotentialRecord& record);
    /// Updates the measured AUC of a stored potential.
    Status setPotentialAuc(std::int64_t id, std::optional<double> auc);
    /// Every stored potential, oldest first.
    Result<std::vector<PotentialRecord>> listPotentials() const;
    /// The newest stored potential; nullopt when none.
    Result<std::optional<PotentialRecord>> latestPotential() const;

    // --- active-learning queries (issue #5) ---
    /// Replaces the open queue (status new or viewed) of one series by `queries` in one
    /// transaction; skipped and labelled queries stay as history. A query whose window is by
    /// now more than half covered by expert labels (labelled while the queue was computed) is
    /// left out. Returns the ids of the queries stored.
    Result<std::vector<std::int64_t>> replaceOpenQueries(std::int64_t seriesId,
                                                         const std::vector<QueryRecord>& queries);
    /// Stored queries of one series (0: every series), optionally of one status, best first.
    Result<std::vector<QueryRecord>> queries(std::int64_t seriesId = 0,
                                             std::optional<QueryStatus> status = {}) const;
    /// Sets the status of one query; an unknown id is an error.
    Status setQueryStatus(std::int64_t queryId, QueryStatus status);
    // --- end of active-learning queries ---

    // --- batches ---
    /// Runs `body` in one transaction: every edit it makes through this project is stored
    /// together or, when `body` or the commit fails, not at all (an edit's own transaction
    /// becomes a savepoint inside this one). A command that writes several things (a query
    /// queue of many series and its notes) uses it so a failure halfway leaves the project as
    /// it was.
    Status inTransaction(const std::function<Status()>& body);

    // --- settings (key/value text) ---
    Result<std::optional<std::string>> setting(const std::string& key) const;
    Status setSetting(const std::string& key, const std::string& value);

    class Impl;

private:
    explicit Project(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::core
