// SPDX-License-Identifier: MIT
#include "models/import_preview_model.h"

#include <QBrush>
#include <QFont>
#include <QPalette>

#include <algorithm>

namespace vigil::ui {

ImportPreviewModel::ImportPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void ImportPreviewModel::setLayout(const core::CsvLayout& layout)
{
    beginResetModel();
    m_layout = layout;
    std::size_t widest = m_layout.columns.size();
    for (const auto& row : m_layout.previewRows) {
        widest = std::max(widest, row.size());
    }
    m_columns = static_cast<int>(widest);
    endResetModel();
}

void ImportPreviewModel::clear()
{
    beginResetModel();
    m_layout = {};
    m_layout.columns.clear();
    m_columns = 0;
    endResetModel();
}

ImportPreviewModel::ColumnRole ImportPreviewModel::columnRole(int column) const
{
    if (column == m_layout.timeColumn) {
        return ColumnRole::Time;
    }
    if (column == m_layout.labelColumn) {
        return ColumnRole::Label;
    }
    if (column == m_layout.classColumn) {
        return ColumnRole::Class;
    }
    if (column == m_layout.sourceColumn) {
        return ColumnRole::Source;
    }
    if (column == m_layout.confidenceColumn) {
        return ColumnRole::Confidence;
    }
    if (column == m_layout.channelsColumn) {
        return ColumnRole::Channels;
    }
    const auto& v = m_layout.valueColumns;
    return std::find(v.begin(), v.end(), column) != v.end() ? ColumnRole::Value
                                                            : ColumnRole::Ignored;
}

QString ImportPreviewModel::roleText(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Time:
        return tr("time");
    case ColumnRole::Label:
        return tr("label");
    case ColumnRole::Class:
        return tr("label class");
    case ColumnRole::Source:
        return tr("label source");
    case ColumnRole::Confidence:
        return tr("suggestion confidence");
    case ColumnRole::Channels:
        return tr("labelled channels");
    case ColumnRole::Value:
        return tr("value");
    case ColumnRole::Ignored:
        break;
    }
    return tr("ignored");
}

int ImportPreviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_layout.previewRows.size());
}

int ImportPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_columns;
}

QVariant ImportPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const auto& row = m_layout.previewRows[static_cast<std::size_t>(index.row())];
    const auto col = static_cast<std::size_t>(index.column());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return col < row.size() ? QString::fromStdString(row[col]) : QString();
    case Qt::ForegroundRole:
        if (columnRole(index.column()) == ColumnRole::Ignored) {
            return QPalette().brush(QPalette::Disabled, QPalette::Text);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (columnRole(index.column()) == ColumnRole::Value) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    default:
        return {};
    }
}

QVariant ImportPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount()) {
            return section + 1;
        }
        return {};
    }
    if (section < 0 || section >= m_columns) {
        return {};
    }
    const auto col = static_cast<std::size_t>(section);
    const QString name = col < m_layout.columns.size()
                             ? QString::fromStdString(m_layout.columns[col])
                             : tr("col%1").arg(section + 1);
    const ColumnRole r = columnRole(section);
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1\n[%2]", "column name, then what the import does with it")
            .arg(name, roleText(r));
    case Qt::ToolTipRole:
        return tr("Column %1 “%2”: %3").arg(section + 1).arg(name, roleText(r));
    case Qt::FontRole:
        if (r != ColumnRole::Ignored) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case ColumnRoleRole:
        return static_cast<int>(r);
    default:
        return {};
    }
}

} // namespace vigil::ui
