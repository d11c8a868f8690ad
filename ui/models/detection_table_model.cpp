// SPDX-License-Identifier: MIT
#include "models/detection_table_model.h"

#include "models/row_times.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace vigil::ui {
DetectionTableModel::DetectionTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DetectionTableModel::setScan(DetectionScan scan)
{
    beginResetModel();
    m_scan = std::move(scan);
    endResetModel();
}

void DetectionTableModel::updateStatuses(std::int64_t seriesId,
                                         const std::vector<core::Label>& labels)
{
    for (int row = 0; row < rowCount(); ++row) {
        const Detection& d = detection(row);
        if (d.seriesId != seriesId) {
            continue;
        }
        if (const DetectionStatus status = detectionStatus(d, labels); status != d.status) {
            setStatus(row, status);
        }
    }
}

void DetectionTableModel::setStatus(int row, DetectionStatus status)
{
    if (row < 0 || row >= rowCount()) {
        return;
    }
    m_scan.detections[static_cast<size_t>(row)].status = status;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int DetectionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_scan.detections.size());
}

int DetectionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DetectionTableModel::statusText(DetectionStatus status)
{
    switch (status) {
    case DetectionStatus::Open:
        return tr("to review");
    case DetectionStatus::Confirmed:
        return tr("anomaly");
    case DetectionStatus::Rejected:
        return tr("normal");
    }
    return {};
}

QString DetectionTableModel::durationText(const Detection& d)
{
    // A one-row detection on a time axis would last "0 min" (the row's own sampling step is
    // unknown here): it is one point.
    if (!d.dates || d.points() == 1) {
        return tr("%n point(s)", nullptr, static_cast<int>(d.points()));
    }
    const auto minutes = static_cast<qint64>((d.xEnd - d.xBegin) / 60.0 + 0.5);
    if (minutes < 60) {
        return tr("%1 min").arg(minutes);
    }
    if (minutes < 48 * 60) {
        return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    }
    return tr("%1 d %2 h").arg(minutes / (24 * 60)).arg((minutes / 60) % 24);
}

QVariant DetectionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Detection& d = detection(index.row());
    if (role == Qt::ToolTipRole && d.isNew) {
        return tr("New in model v%1: v%2 did not flag it")
            .arg(m_scan.modelVersion)
            .arg(m_scan.previousVersion);
    }
    if (role == Qt::DisplayRole && index.column() == StatusColumn && d.isNew) {
        return tr("%1 · new").arg(statusText(d.status));
    }
    if (role == Qt::FontRole && d.isNew) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case SeriesColumn:
            return d.series;
        case RangeColumn:
            if (d.dates) {
                return dateRangeText(d.xBegin, d.xEnd);
            }
            return tr("%1–%2").arg(d.begin).arg(d.end - 1);
        case PeakColumn:
            return QLocale().toString(d.peak, 'f', 3);
        case DurationColumn:
            return durationText(d);
        case StatusColumn:
            return statusText(d.status);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case SeriesColumn:
            return d.series;
        case RangeColumn:
            return d.xBegin;
        case PeakColumn:
            return d.peak;
        case DurationColumn:
            return d.dates ? d.xEnd - d.xBegin : static_cast<double>(d.points());
        case StatusColumn:
            return static_cast<int>(d.status);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == PeakColumn || index.column() == DurationColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::ForegroundRole && d.status != DetectionStatus::Open) {
        return QBrush(Qt::gray);
    }
    return {};
}

QVariant DetectionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case SeriesColumn:
        return tr("Series");
    case RangeColumn:
        return tr("Range");
    case PeakColumn:
        return tr("Peak");
    case DurationColumn:
        return tr("Duration");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

DetectionFilterModel::DetectionFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(DetectionTableModel::SortRole);
    setFilterKeyColumn(-1); // the text filter matches any column
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void DetectionFilterModel::setMinimumPeak(double peak)
{
    m_minPeak = peak;
    invalidateFilter();
}

bool DetectionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex peak =
        sourceModel()->index(sourceRow, DetectionTableModel::PeakColumn, sourceParent);
    if (sourceModel()->data(peak, DetectionTableModel::SortRole).toDouble() < m_minPeak) {
        return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace vigil::ui
