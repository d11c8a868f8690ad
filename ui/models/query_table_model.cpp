// SPDX-License-Identifier: MIT
#include "models/query_table_model.h"

#include "core_text.h"

#include <QBrush>
#include <QFont>
#include <QLocale>

namespace vigil::ui {

QueryTableModel::QueryTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QueryTableModel::setQueries(std::vector<core::QueryRecord> queries,
                                 QHash<qint64, QString> seriesNames)
{
    beginResetModel();
    m_queries = std::move(queries);
    m_seriesNames = std::move(seriesNames);
    m_reasons.clear();
    m_reasons.reserve(static_cast<qsizetype>(m_queries.size()));
    for (const auto& q : m_queries) {
        m_reasons << coreText(q.reason); // once here, not at every paint or sort comparison
    }
    endResetModel();
}

void QueryTableModel::setTimes(RowTimes times)
{
    m_times = std::move(times);
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, RangeColumn), index(rowCount() - 1, RangeColumn));
    }
}

QHash<qint64, QList<qint64>> QueryTableModel::rowsWanted(const QList<qint64>& timedSeries) const
{
    return rowsOfRanges(m_queries, timedSeries);
}

void QueryTableModel::setStatus(int row, core::QueryStatus status)
{
    if (row < 0 || row >= rowCount()) {
        return;
    }
    m_queries[static_cast<size_t>(row)].status = status;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int QueryTableModel::nextOpenRow(int row) const
{
    for (int r = row + 1; r < rowCount(); ++r) {
        const auto s = m_queries[static_cast<size_t>(r)].status;
        if (s == core::QueryStatus::New || s == core::QueryStatus::Viewed) {
            return r;
        }
    }
    return -1;
}

int QueryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_queries.size());
}

int QueryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString QueryTableModel::statusText(core::QueryStatus status)
{
    switch (status) {
    case core::QueryStatus::New:
        return tr("new");
    case core::QueryStatus::Viewed:
        return tr("viewed");
    case core::QueryStatus::Skipped:
        return tr("skipped");
    case core::QueryStatus::Labelled:
        return tr("labelled");
    }
    return {};
}

QVariant QueryTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& q = m_queries[static_cast<size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case SeriesColumn:
            return m_seriesNames.value(q.seriesId, tr("series %1").arg(q.seriesId));
        case RangeColumn: {
            const QString rows = tr("%1–%2").arg(q.begin).arg(q.end - 1);
            const QString dates = m_times.rangeText(q.seriesId, q.begin, q.end);
            if (dates.isEmpty()) {
                return rows;
            }
            return role == Qt::ToolTipRole ? tr("%1 (rows %2)").arg(dates, rows) : dates;
        }
        case ScoreColumn:
            return QLocale().toString(q.score, 'f', 3);
        case ReasonColumn:
            return m_reasons.value(index.row());
        case StatusColumn:
            return statusText(q.status);
        default:
            return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case SeriesColumn:
            return m_seriesNames.value(q.seriesId);
        case RangeColumn:
            return QVariant::fromValue<qint64>(q.begin);
        case ScoreColumn:
            return q.score;
        case ReasonColumn:
            return m_reasons.value(index.row());
        case StatusColumn:
            return static_cast<int>(q.status);
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == RangeColumn || index.column() == ScoreColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role == Qt::FontRole && q.status == core::QueryStatus::New) {
        QFont bold;
        bold.setBold(true); // still to answer: stands out like an unread mail
        return bold;
    }
    if (role == Qt::ForegroundRole && (q.status == core::QueryStatus::Labelled ||
                                       q.status == core::QueryStatus::Skipped)) {
        return QBrush(Qt::gray);
    }
    return {};
}

QVariant QueryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == ScoreColumn) {
        return tr("How strongly the query strategy asks for this window: higher is asked "
                  "first. A ranking, not a probability (the residual strategies rank by σ).");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case SeriesColumn:
        return tr("Series");
    case RangeColumn:
        return tr("Range");
    case ScoreColumn:
        return tr("Priority");
    case ReasonColumn:
        return tr("Reason");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace vigil::ui
