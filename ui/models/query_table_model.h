// SPDX-License-Identifier: MIT
#pragma once

#include "models/row_times.h"
#include "vigil/project.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>

#include <vector>

namespace vigil::ui {

/// The active-learning queue as a table: series, range, score, reason, status. A thin adapter
/// over the project's stored QueryRecords; the owner writes status changes to the project and
/// mirrors them here with setStatus(). GUI thread only.
class QueryTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeriesColumn, RangeColumn, ScoreColumn, ReasonColumn, StatusColumn, ColumnCount };
    /// Raw value for sorting (numbers as numbers).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit QueryTableModel(QObject* parent = nullptr);

    /// Replaces every row; `seriesNames` maps series ids to what the first column shows.
    void setQueries(std::vector<core::QueryRecord> queries, QHash<qint64, QString> seriesNames);
    const core::QueryRecord& query(int row) const { return m_queries[static_cast<size_t>(row)]; }
    void setStatus(int row, core::QueryStatus status);
    /// Shows the windows of series with timestamps in those units (read on a pool thread; until
    /// then, rows).
    void setTimes(RowTimes times);
    /// Series id → the rows whose times setTimes() wants: each window's first and last.
    QHash<qint64, QList<qint64>> rowsWanted(const QList<qint64>& timedSeries) const;
    /// The row of the first query still to answer (new or viewed) after `row`, or -1.
    int nextOpenRow(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString statusText(core::QueryStatus status);

private:
    std::vector<core::QueryRecord> m_queries;
    QHash<qint64, QString> m_seriesNames;
    QStringList m_reasons; ///< each query's reason in the user's language (coreText)
    RowTimes m_times;      ///< kept across setQueries(): a row's time does not change
};

} // namespace vigil::ui
