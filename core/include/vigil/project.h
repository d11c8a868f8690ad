// SPDX-License-Identifier: MIT
// The project file (.vigil): one SQLite database in WAL mode holding series, labels, the
// append-only label log (undo/redo that survives restarts) and settings.
//
// Thread rules: a Project object is used by one thread at a time. Each thread that needs the
// project opens its own Project (its own SQLite connection) on the same path.
#pragma once

#include "vigil/importers.h"
#include "vigil/label.h"
#include "vigil/result.h"
#include "vigil/time_series.h"

#include <cstdint>
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
    std::int64_t labeledPoints = 0;   ///< rows inside any label
    std::int64_t anomalousPoints = 0; ///< rows inside labels of class anomaly
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

enum class OpenMode { OpenExisting, CreateIfMissing };

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

    // --- series ---
    /// Adds series and their imported labels in one transaction: all or nothing. A name that
    /// already exists in the project is an error. Returns the new series ids in order.
    Result<std::vector<std::int64_t>> addSeries(const std::vector<ImportedSeries>& batch);
    Result<std::vector<SeriesInfo>> listSeries() const;
    Result<SeriesInfo> seriesInfo(std::int64_t seriesId) const;
    Result<SeriesInfo> seriesByName(const std::string& name) const;
    Result<TimeSeries> loadSeries(std::int64_t seriesId) const;
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
    Result<LabelDiff> applyDiff(const LabelDiff& diff, const std::string& description);
    /// Undoes the newest edit not yet undone; returns its diff as applied, nullopt if none.
    Result<std::optional<LabelDiff>> undo();
    Result<std::optional<LabelDiff>> redo();
    Result<bool> canUndo() const;
    Result<bool> canRedo() const;
    Result<std::vector<LabelLogEntry>> labelLog() const;

    // --- models and scores ---
    /// Stores a new model version (the next number) in one transaction; returns its version.
    Result<std::int64_t> addModel(const std::string& preset, const std::string& configJson,
                                  const std::vector<std::uint8_t>& blob,
                                  const std::string& metricsJson);
    /// Every model version, oldest first, without blobs.
    Result<std::vector<ModelRecord>> listModels() const;
    /// The newest model version with its blob; nullopt when none was trained.
    Result<std::optional<ModelRecord>> latestModel() const;
    /// Replaces the scores of one series under a model version (chunked like series data).
    Status saveScores(std::int64_t modelVersion, std::int64_t seriesId,
                      const std::vector<double>& scores);
    /// The scores of one series under a model version; nullopt when none are stored.
    Result<std::optional<std::vector<double>>> loadScores(std::int64_t modelVersion,
                                                          std::int64_t seriesId) const;

    // --- settings (key/value text) ---
    Result<std::optional<std::string>> setting(const std::string& key) const;
    Status setSetting(const std::string& key, const std::string& value);

    class Impl;

private:
    explicit Project(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::core
