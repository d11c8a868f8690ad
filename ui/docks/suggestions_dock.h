// SPDX-License-Identifier: MIT
#pragma once

#include "commands/label_command.h"
#include "vigil/active_learning.h"
#include "vigil/project.h"

#include <QDockWidget>
#include <QHash>
#include <QPointer>

#include <functional>
#include <vector>

class QAction;
class QComboBox;
class QDoubleSpinBox;
class QInputDialog;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QUndoStack;

namespace vigil::ui {

class ColumnFitter;
class JobRunner;
class RowTimesLoader;
class SuggestionTableModel;

/// Label propagation and its suggestions: "Propagate labels" spreads the expert labels to
/// similar windows on a worker thread (progress, Cancel) and writes the result as one undo step;
/// the table lists the suggestions (sortable); selecting one shows it on the chart; Enter
/// accepts the selected ones (they become human labels), Backspace rejects them, and "Accept all
/// above confidence…" accepts in bulk. Every accept, reject and propagation is one step of the
/// owner's undo stack. Suggestions are never expert labels; the hint under the table says so.
/// A row of settings chooses how to propagate (kNN graph: neighbours and the lowest confidence
/// suggested; dense spreading: suggestions per series); they are kept in the user's settings.
/// GUI thread only; edits go through the GUI thread's own project connection.
class SuggestionsDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit SuggestionsDock(QWidget* parent = nullptr);
    ~SuggestionsDock() override;

    /// Where the edits go: the owner's undo stack, and what its commands report to.
    void setUndoStack(QUndoStack* stack, LabelCommandHooks hooks);
    /// Lists the suggestions of `project` (the GUI connection, kept for edits); the worker opens
    /// `path` itself. nullptr clears the dock and cancels a propagation under way.
    void setProject(const QString& path, core::Project* project,
                    const std::vector<core::SeriesInfo>& series);
    /// The labels of a series changed (an edit, undo or redo anywhere): the list is read again
    /// once the event loop gets to it, and a propagation under way is redone afterwards.
    void labelsChanged();

    /// Plans a propagation off the GUI thread; when it finishes, its suggestions replace the
    /// earlier ones as one undo step.
    void propagate();
    /// A new model version was trained (UX.md's loop, step 4): when the project holds
    /// suggestions, propagates again from the labels as they are now. The result replaces them
    /// as one undo step ("Update suggestions"), or writes nothing when it is the same.
    /// Suggestions the analyst turned down stay out (core::turnedDownSuggestions). A project
    /// without suggestions gets none: propagating is the analyst's choice (Ctrl+P).
    void refreshAfterTraining();
    void cancel();
    bool isPropagating() const;
    /// What the next propagation uses: the settings row's method, neighbours, lowest confidence
    /// and suggestions per series.
    core::PropagationOptions propagationOptions() const;
    /// Sets the settings row (and the user's settings) from `options`' method, k, minConfidence
    /// and lowestEntropy.
    void setPropagationOptions(const core::PropagationOptions& options);

    /// Accepts (Enter) or rejects (Backspace) the selected suggestions as one undo step, then
    /// selects the next one.
    void acceptSelected();
    void rejectSelected();
    /// Accepts every shown suggestion (of the class the table shows, or all) with a confidence
    /// of at least `minConfidence` as one undo step; returns how many it accepted.
    int acceptAbove(double minConfidence);
    /// Shows only suggestions of `classId` (core::kClassAnomaly, kClassNormal), or all with -1.
    void showClass(int classId);
    QComboBox* classFilter() const { return m_classFilter; }
    /// Accepts (or rejects) every suggestion of series `seriesId` that overlaps rows
    /// [begin, end), as one undo step: the queue's Enter / Backspace on its current window.
    /// Returns how many were decided (0: none there, or nothing changed).
    int decideInRange(qint64 seriesId, qint64 begin, qint64 end, bool accept);
    /// Asks for the confidence (a window-modal prompt that does not block), then acceptAbove().
    QInputDialog* askAcceptAbove();

    QTableView* view() const { return m_view; }
    SuggestionTableModel* model() const { return m_model; }
    QSortFilterProxyModel* proxy() const { return m_proxy; }
    JobRunner* runner() const { return m_runner; }
    QLabel* summary() const { return m_summary; }
    QLabel* hint() const { return m_hint; }
    /// Enter and Backspace, for the owner's menu.
    QList<QAction*> suggestionActions() const { return m_actions; }

Q_SIGNALS:
    /// Show rows [begin, end) of a series, highlighted.
    void windowSelected(qint64 seriesId, qint64 begin, qint64 end);
    /// A propagation ended: its suggestions were written (or there was nothing to change, or it
    /// failed; the summary says which).
    void propagated();

private:
    void reload();
    void decide(bool accept);
    /// Pushes an edit; a failure (reported through the hooks) also shows in the summary.
    /// Pushes a step; true when it was written.
    bool push(LabelCommand* command);
    LabelCommandHooks commandHooks();
    void startPropagation(bool refresh);
    /// True, with the reason in the summary, when an automatic update must wait: the undo
    /// stack has steps to redo, which a new step would drop.
    bool waitsForRedo();
    void onFinished(const QVariant& value);
    void onCurrentChanged(const QModelIndex& proxyIndex);
    void selectProxyRow(int row);
    void setRunning(bool running);
    void updateButtons();
    void updateHint();
    void updateKeyHint();
    void addKey(const QString& text, const QString& id, const std::function<void()>& slot);
    void saveSettings();
    void updateSettingsEnabled();
    /// The class the table shows, or -1 for every class.
    int shownClass() const;
    /// The filter's item texts follow the project's class names.
    void updateClassFilterTexts();

    QString m_path;
    core::Project* m_project = nullptr;
    QUndoStack* m_undoStack = nullptr;
    LabelCommandHooks m_hooks;
    QHash<qint64, QString> m_names;
    SuggestionTableModel* m_model = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    ColumnFitter* m_fitter = nullptr;
    QPushButton* m_propagate = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_summary = nullptr;
    int m_decisionIndex = -1; ///< undo index after the decision m_summary reports, or -1
    QLabel* m_hint = nullptr;
    QLabel* m_keys = nullptr;
    QPushButton* m_accept = nullptr;
    QPushButton* m_reject = nullptr;
    QPushButton* m_acceptAbove = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_classFilter = nullptr; ///< which class the table shows (data: class id, -1 all)
    QSpinBox* m_neighbours = nullptr;
    QDoubleSpinBox* m_minConfidence = nullptr;
    QSpinBox* m_perSeries = nullptr;
    QPointer<QInputDialog> m_ask;
    JobRunner* m_runner = nullptr;
    RowTimesLoader* m_times = nullptr; ///< dates for the Range column of dated series
    QList<QAction*> m_actions;
    QString m_jobPath;           ///< the project the running propagation reads
    quint64 m_generation = 0;    ///< counts label changes
    quint64 m_jobGeneration = 0; ///< m_generation when the propagation started
    bool m_jobRefresh = false;   ///< the running propagation is refreshAfterTraining()'s
    bool m_explicitAfter = false; ///< the analyst asked to propagate while an update ran
    bool m_reloadPending = false;
    bool m_restoring = false; ///< reselecting after a reload: do not move the chart
};

} // namespace vigil::ui
