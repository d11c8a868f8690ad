// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/label.h"

#include <QDockWidget>

#include <cstdint>
#include <functional>
#include <vector>

class QAction;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace vigil::ui {

class ColumnFitter;
class DetectionFilterModel;
class DetectionTableModel;
class JobRunner;

/// The anomaly ranges the newest model version found, for review: sortable, filterable;
/// selecting one shows it; A confirms it as a human anomaly label, N labels it normal, and the
/// next one is selected. Scanning the stored scores runs on a worker thread.
/// GUI thread only.
class DetectionsDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit DetectionsDock(QWidget* parent = nullptr);
    ~DetectionsDock() override;

    /// Scans `path` (empty clears the dock).
    void setProject(const QString& path);
    /// Scans the newest model's scores again (after training).
    void refresh();

    QTableView* view() const { return m_view; }
    DetectionTableModel* model() const { return m_model; }
    DetectionFilterModel* proxy() const { return m_proxy; }
    QLabel* summary() const { return m_summary; }
    JobRunner* runner() const { return m_runner; }
    QList<QAction*> reviewActions() const { return m_actions; }

    /// Answers the current detection with a human label of `classId`, then selects the next.
    void answer(int classId);
    void step(int delta);
    /// The labels of `seriesId` changed on disk (an edit, undo or redo, from anywhere in the
    /// window): its detections' statuses follow them.
    void labelsChanged(std::int64_t seriesId, const std::vector<core::Label>& labels);
    /// Whether any detection lies on `seriesId` (its labels are worth reading).
    bool showsSeries(std::int64_t seriesId) const;

Q_SIGNALS:
    void windowSelected(qint64 seriesId, qint64 begin, qint64 end);
    void labelRequested(const vigil::core::Label& label);
    void explainRequested(const QString& series, qint64 row);
    /// A scan finished (the table holds its result).
    void scanned();

private:
    void onCurrentChanged(const QModelIndex& proxyIndex);
    void updateSummary();
    int currentRow() const; ///< in proxy rows
    /// An action of this dock whose key is `id` in the Shortcuts registry.
    void addKey(const QString& text, const QString& id, const std::function<void()>& slot);
    void updateKeyHint();

    QString m_path;
    DetectionTableModel* m_model = nullptr;
    DetectionFilterModel* m_proxy = nullptr;
    QTableView* m_view = nullptr;
    ColumnFitter* m_fitter = nullptr;
    QLineEdit* m_filter = nullptr;
    QDoubleSpinBox* m_minPeak = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_keys = nullptr; ///< the key hint under the table
    JobRunner* m_runner = nullptr;
    QList<QAction*> m_actions;
    bool m_rescan = false;
};

} // namespace vigil::ui
