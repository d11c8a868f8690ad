// SPDX-License-Identifier: MIT
#pragma once

#include "commands/label_command.h"
#include "plot/interaction_mode.h"
#include "vigil/project.h"

#include <QFutureWatcher>
#include <QMainWindow>
#include <QPointer>

#include <array>
#include <memory>
#include <optional>

class QLabel;
class QMenu;
class QPushButton;
class QUndoStack;

namespace vigil::ui {

class DetectionsDock;
class ExplanationDock;
class ExportDialog;
class JobRunner;
class ImportWizard;
class QueueDock;
class SeriesChart;
class SeriesDock;
class SettingsDialog;
class ShortcutSheet;
class SuggestionsDock;
class TrainingDock;
struct ChartSeries;
struct ScoreTrack;

/// What the background loader hands to the GUI thread.
struct LoadedSeries
{
    core::SeriesInfo info;
    std::shared_ptr<const ChartSeries> chart; ///< values and their min/max pyramid
    std::vector<core::Label> labels;
    std::shared_ptr<const ScoreTrack> scores; ///< of the newest model version, when stored
    QString error;
};

/// The label log's newest steps, read on a pool thread (parsing a few hundred large diffs
/// takes longer than a frame).
struct LoadedHistory
{
    int generation = 0; ///< which request this answers; an older one is dropped
    core::UndoHistory history;
    QString error;
};

/// Composes the docks, the chart, the menus and the undo stack. Thread rules: GUI thread only.
/// The window keeps its own project connection for label edits (small transactions); series
/// are read, and their pyramids built, on a pool thread through another connection.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a project; returns false (and shows why in the status bar) when it cannot.
    bool openProject(const QString& path);
    /// True once the first series has been drawn (or there is none to draw).
    bool isIdle() const;
    /// Whether the read of the series being shown has finished on its pool thread, before the
    /// window has taken its result (for tests of edits made in between).
    bool seriesReadDone() const { return m_loader.future().isFinished(); }
    SeriesChart* chart() const { return m_chart; }
    /// Label edits of this session; it mirrors the project's own label log.
    QUndoStack* undoStack() const { return m_undoStack; }
    QueueDock* queueDock() const { return m_queueDock; }
    DetectionsDock* detectionsDock() const { return m_detectionsDock; }
    ExplanationDock* explanationDock() const { return m_explanationDock; }
    TrainingDock* trainingDock() const { return m_trainingDock; }
    SeriesDock* seriesDock() const { return m_seriesDock; }
    SuggestionsDock* suggestionsDock() const { return m_suggestionsDock; }

    /// Shows rows [begin, end) of a series with context and outlines them (loads the series
    /// first when another one is shown).
    void showWindow(qint64 seriesId, qint64 begin, qint64 end);
    /// Opens the settings dialog (window-modal, not blocking), or raises the open one.
    SettingsDialog* showSettings();
    /// Shows the keyboard shortcut sheet (`?`), or raises it.
    ShortcutSheet* showShortcutSheet();

    /// Opens the import wizard on `paths` (none: the user picks them), into the open project,
    /// or into `createPath`, a project the import creates and that is opened afterwards.
    /// Without either, offers to create a project first; nullptr when the user declines.
    ImportWizard* importData(const QStringList& paths = {}, const QString& createPath = {});
    /// Opens the export dialog over the open project; nullptr when none is open.
    ExportDialog* exportData();
    /// Writes a Markdown report with SVG plots to `path` (none: the user picks it) on a worker
    /// thread; false when no project is open or the user cancelled the file dialog.
    bool exportReport(const QString& path = {});
    /// Writes a copy of the open project to `path` (none: the user picks it) on a worker thread
    /// and keeps working in the open one; never replaces a file. False when no project is open,
    /// the user cancelled the file dialog, the name is taken or a copy is being written.
    bool saveCopy(const QString& path = {});
    /// Re-reads the series list of the open project (after an import), keeping the shown series.
    void reloadSeriesList();
    /// Names class `classId` in the open project (empty: its default name back); false with a
    /// status-bar message when refused.
    bool renameClass(int classId, const QString& name);

Q_SIGNALS:
    void idle();
    /// A label edit, undo or redo failed; the labels were left as they were.
    void labelEditFailed(const QString& message);
    /// The chart shows the scores of the newest model version (after training or loading).
    void scoresChanged();

private:
    void createDocks();
    void createMenus();
    void createFileMenu();
    bool newProject();
    void openProjectDialog();
    bool openProjectFromMenu(const QString& path);
    void fillRecentMenu();
    void reloadScores();
    void onModelTrained();
    void explainRow(qint64 seriesId, qint64 row);
    void updateModelStatus();
    void showSeries(int row);
    void onSeriesLoaded();
    /// Reads the open project's class names into LabelStyle and the class actions.
    void loadClassNames();
    /// Edit the current class's name (a window-modal prompt that does not block).
    void askClassName();
    /// What every label command reports back to the window and its docks.
    LabelCommandHooks labelHooks();
    /// Clears the undo stack and reads the project's label log on a pool thread; the stack then
    /// mirrors it (core::Project::undoHistory()).
    void restoreUndoHistory();
    void onHistoryLoaded();
    /// Emits idle() once the series and the undo history have both loaded.
    void emitIdleIfDone();
    void onLabelRequested(const core::Label& label);
    void onQueryAnswered(const core::Label& label, qint64 queryId, core::QueryStatus before);
    void onEraseRequested(std::int64_t seriesId, std::int64_t begin, std::int64_t end);
    /// `byAnalyst`: an edit (or its undo/redo) that counts toward the next automatic retrain.
    void onLabelsChanged(std::int64_t seriesId, bool byAnalyst = true);
    void onLabelEditFailed(const QString& message);
    void updateSeriesItem(int row);
    void updateModeStatus();
    void updateStatus();
    void showAbout();
    /// A runner for a file job that reports in the status bar, with a cancel button there
    /// (object name `cancelName`) while it runs; `cancelled` is shown when it is stopped.
    JobRunner* makeStatusBarRunner(const QString& threadName, const QString& cancelText,
                                   const QString& cancelName, const QString& cancelled);

    QString m_projectPath;
    std::unique_ptr<core::Project> m_project; ///< the GUI thread's connection
    std::vector<core::SeriesInfo> m_series;
    SeriesDock* m_seriesDock = nullptr; ///< its rows are m_series, in order
    SeriesChart* m_chart = nullptr;
    QUndoStack* m_undoStack = nullptr;
    bool m_undoResyncQueued = false; ///< the stack is read from the label log again soon
    QMenu* m_recentMenu = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_reportAction = nullptr;
    JobRunner* m_reportRunner = nullptr; ///< created on the first report export
    QPushButton* m_reportCancel = nullptr; ///< in the status bar while a report is written
    QAction* m_saveCopyAction = nullptr;
    JobRunner* m_copyRunner = nullptr; ///< created on the first "Save a copy"
    QLabel* m_projectLabel = nullptr;
    QString m_lastEditError; ///< why the newest label edit failed; empty once one succeeds
    QAction* m_renameClassAction = nullptr;
    QLabel* m_modeLabel = nullptr;
    QLabel* m_labelsLabel = nullptr;
    QLabel* m_modelLabel = nullptr;
    QLabel* m_llmLabel = nullptr;
    QueueDock* m_queueDock = nullptr;
    DetectionsDock* m_detectionsDock = nullptr;
    ExplanationDock* m_explanationDock = nullptr;
    TrainingDock* m_trainingDock = nullptr;
    SuggestionsDock* m_suggestionsDock = nullptr;
    QFutureWatcher<LoadedSeries> m_loader;
    QFutureWatcher<std::shared_ptr<const ScoreTrack>> m_scoreLoader;
    /// A window to show once its series has loaded: series id, begin, end.
    std::optional<std::array<qint64, 3>> m_pendingWindow;
    QFutureWatcher<LoadedHistory> m_historyLoader;
    int m_historyGeneration = 0;   ///< the newest history request
    bool m_seriesLoading = false;  ///< a series is being read for the chart
    std::int64_t m_loadingSeriesId = -1; ///< the series being read, while m_seriesLoading
    /// Its labels changed after the read began (an answer or undo right after a switch), so
    /// the labels the read brings back may be older than the file's.
    bool m_loadingLabelsStale = false;
    /// A model was trained while it was read: its scores may be the previous version's.
    bool m_loadingScoresStale = false;
    bool m_historyLoading = false; ///< the undo history is being read
    QPointer<SettingsDialog> m_settings;
    QPointer<ShortcutSheet> m_sheet;
};

} // namespace vigil::ui
