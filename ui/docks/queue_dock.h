// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>
#include <QHash>

#include "vigil/project.h"

#include <functional>
#include <vector>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace vigil::ui {

class ColumnFitter;
class JobRunner;
class RowTimesLoader;
class QueryTableModel;

/// The active-learning queue: the project's queries, best first. Selecting one shows its window;
/// A / N answer it (a human label through the owner's undo stack), S skips, → / ← move (the
/// defaults; the keys come from the Shortcuts registry).
/// "Refresh queue" computes new queries on a worker thread.
/// GUI thread only; status changes go through the GUI thread's own project connection.
class QueueDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit QueueDock(QWidget* parent = nullptr);
    ~QueueDock() override;

    /// Shows the stored queries of `project` (the GUI connection, kept for status changes);
    /// workers open `path` themselves. nullptr clears the dock.
    void setProject(const QString& path, core::Project* project,
                    const std::vector<core::SeriesInfo>& series);
    /// Computes new queries off the GUI thread; the table follows when they are stored. Asked
    /// while a computation runs (a new model meanwhile), it computes again once that one ends.
    void refresh();

    QTableView* view() const { return m_view; }
    QPushButton* refreshButton() const { return m_refresh; }
    /// Shown while the queue is computed: stops it, and the stored queue stays as it was.
    QPushButton* cancelButton() const { return m_cancel; }
    /// The notes above the table (core's note and the stopping signal, or an error).
    QString noteText() const;
    QueryTableModel* model() const { return m_model; }
    JobRunner* runner() const { return m_runner; }
    /// A, N, S, next and previous, for the owner's menu.
    QList<QAction*> queueActions() const { return m_actions; }

    /// Answers the current query: a human label of `classId` over its window, then the next.
    void answer(int classId);
    /// Mirrors a status written by the owner's AnswerQueryCommand (an answer, undo or redo).
    void showStatus(qint64 queryId, core::QueryStatus status);
    /// Who decides the suggestions in a window (the owner's Suggestions dock): series, begin,
    /// end, accept; returns how many were decided.
    using SuggestionHandler = std::function<int(qint64, qint64, qint64, bool)>;
    void setSuggestionHandler(SuggestionHandler handler)
    {
        m_suggestionHandler = std::move(handler);
    }
    /// Enter / Backspace: accepts or rejects the suggested labels in the current query's window.
    void decideSuggestions(bool accept);
    void skip();
    void step(int delta);

Q_SIGNALS:
    /// Show rows [begin, end) of a series, highlighted.
    void windowSelected(qint64 seriesId, qint64 begin, qint64 end);
    /// Answer query `queryId` (status `before`) with this label: the owner pushes one undo
    /// command for both and reports the status back with showStatus().
    void answerRequested(const vigil::core::Label& label, qint64 queryId,
                         vigil::core::QueryStatus before);
    /// Explain the window of `series` ending at `row`.
    void explainRequested(const QString& series, qint64 row);
    /// Queries were recomputed and stored.
    void refreshed();

private:
    /// Reads the stored queue. `keepPlace`: the same project's queue was recomputed, so the
    /// analyst's current query stays current where its window is still asked.
    void reload(bool keepPlace = false);
    /// With no current query (A, N or S pressed after a refresh dropped it): shows the best
    /// open one instead of answering, so a key never labels a window not shown. True if shown.
    bool showBestOpenQuery();
    void setRunning(bool running);
    /// The computation ended: false when it was for a project no longer open (then the open
    /// project's queue is computed if it was waiting for it).
    bool jobEnded();
    static QString phaseText(const QString& phase);
    /// Shows core's notes beside the queue, in the user's language.
    void showNotes(const std::string& note, const std::string& stopping);
    /// Shows the notes stored with the project's queue; true when that queue was chosen before
    /// the newest model and should be computed again.
    bool restoreNotes();

    SuggestionHandler m_suggestionHandler;
    void onCurrentChanged(int row);
    void setStatus(int row, core::QueryStatus status);
    void advanceFrom(int row);
    int currentRow() const;
    void showReason(int row);
    /// An action of this dock whose key is `id` in the Shortcuts registry.
    void addKey(const QString& text, const QString& id, const std::function<void()>& slot);
    void updateKeyHint();

    QString m_path;
    core::Project* m_project = nullptr;
    QHash<qint64, QString> m_names;
    QueryTableModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    ColumnFitter* m_fitter = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_keys = nullptr; ///< the key hint under the table
    /// The current query's reason in full, under the table (its column is elided in a narrow
    /// dock, and a tooltip needs the mouse).
    QLabel* m_reason = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QString m_jobPath;           ///< the project the running computation reads
    bool m_refreshAfter = false; ///< compute again when the running one ends
    bool m_restoring = false;    ///< reload() puts the current query back: no side effects
    JobRunner* m_runner = nullptr;
    RowTimesLoader* m_times = nullptr; ///< dates for the Range column of dated series
    QList<QAction*> m_actions;
};

} // namespace vigil::ui
