// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include "workers/project_jobs.h"

#include <vector>

namespace vigil::ui {

/// The anomaly ranges of the newest model version: series, range, peak score, duration, status.
/// Filled from a DetectionScan made on a worker; the owner mirrors answers with setStatus().
/// GUI thread only.
class DetectionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        SeriesColumn,
        RangeColumn,
        PeakColumn,
        DurationColumn,
        StatusColumn,
        ColumnCount
    };
    /// Raw value for sorting (numbers as numbers).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit DetectionTableModel(QObject* parent = nullptr);

    void setScan(DetectionScan scan);
    const DetectionScan& scan() const { return m_scan; }
    const Detection& detection(int row) const
    {
        return m_scan.detections[static_cast<size_t>(row)];
    }
    void setStatus(int row, DetectionStatus status);
    /// The labels of `seriesId` changed (an edit, undo or redo): each of its detections takes
    /// the status those labels give it.
    void updateStatuses(std::int64_t seriesId, const std::vector<core::Label>& labels);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString statusText(DetectionStatus status);
    /// "1 h 20 min" for dated series, "60 points" otherwise.
    static QString durationText(const Detection& d);

private:
    DetectionScan m_scan;
};

/// Sorts by DetectionTableModel::SortRole and filters on a text (any column) and a minimum peak.
class DetectionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit DetectionFilterModel(QObject* parent = nullptr);
    void setMinimumPeak(double peak);
    double minimumPeak() const { return m_minPeak; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    double m_minPeak = 0.0;
};

} // namespace vigil::ui
