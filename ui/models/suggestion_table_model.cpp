// SPDX-License-Identifier: MIT
#include "models/suggestion_table_model.h"

#include "plot/label_style.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

namespace vigil::ui {

SuggestionTableModel::SuggestionTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SuggestionTableModel::setSuggestions(std::vector<core::Label> suggestions,
                                          QHash<qint64, QString> seriesNames)
{
    beginResetModel();
    m_rows = std::move(suggestions);
    m_names = std::move(seriesNames);
    endResetModel();
}

void SuggestionTableModel::setNewSuggestions(const std::vector<core::Label>& added)
{
    m_new.clear();
    for (const auto& l : added) {
        m_new.insert(keyOf(l));
    }
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::FontRole, Qt::ToolTipRole});
    }
}

bool SuggestionTableModel::isNew(int row) const
{
    return row >= 0 && row < rowCount() && m_new.count(keyOf(suggestion(row))) > 0;
}

void SuggestionTableModel::setTimes(RowTimes times)
{
    m_times = std::move(times);
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, RangeColumn), index(rowCount() - 1, RangeColumn));
    }
}

QHash<qint64, QList<qint64>>
SuggestionTableModel::rowsWanted(const QList<qint64>& timedSeries) const
{
    return rowsOfRanges(m_rows, timedSeries);
}

int SuggestionTableModel::rowOf(const core::Label& label) const
{
    const auto it = std::find(m_rows.begin(), m_rows.end(), label);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int SuggestionTableModel::rowOfRange(const core::Label& label) const
{
    const auto it = std::find_if(m_rows.begin(), m_rows.end(),
                                 [&](const core::Label& l) { return keyOf(l) == keyOf(label); });
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int SuggestionTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SuggestionTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SuggestionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const core::Label& l = suggestion(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SeriesColumn:
            return m_names.value(l.seriesId, tr("series %1").arg(l.seriesId));
        case RangeColumn: {
            const QString dates = m_times.rangeText(l.seriesId, l.begin, l.end);
            if (!dates.isEmpty()) {
                return dates;
            }
            return l.size() == 1 ? QString::number(l.begin)
                                 : tr("%1–%2").arg(l.begin).arg(l.end - 1);
        }
        case ClassColumn:
            return LabelStyle::className(l.classId);
        case ConfidenceColumn:
            return QLocale().toString(l.confidence, 'f', 3);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        const QString text =
            tr("Suggested %1 over %n point(s), confidence %2 (not an expert label until "
               "accepted)",
               nullptr, static_cast<int>(l.size()))
                .arg(LabelStyle::className(l.classId))
                .arg(QLocale().toString(l.confidence, 'f', 3));
        const QString dates = m_times.rangeText(l.seriesId, l.begin, l.end);
        const QString where =
            dates.isEmpty() ? text : tr("%1 (rows %2–%3)").arg(text).arg(l.begin).arg(l.end - 1);
        return isNew(index.row()) ? tr("%1; new since the previous model").arg(where) : where;
    }
    if (role == Qt::FontRole && isNew(index.row())) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == SortRole) {
        switch (index.column()) {
        case SeriesColumn:
            return m_names.value(l.seriesId);
        case RangeColumn:
            return static_cast<qlonglong>(l.begin);
        case ClassColumn:
            return l.classId;
        case ConfidenceColumn:
            return l.confidence;
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == ClassColumn) {
        return LabelStyle::classColour(l.classId);
    }
    if (role == Qt::TextAlignmentRole &&
        (index.column() == ConfidenceColumn || index.column() == RangeColumn)) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant SuggestionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case SeriesColumn:
        return tr("Series");
    case RangeColumn:
        return tr("Range");
    case ClassColumn:
        return tr("Class");
    case ConfidenceColumn:
        return tr("Confidence");
    default:
        return {};
    }
}

} // namespace vigil::ui
