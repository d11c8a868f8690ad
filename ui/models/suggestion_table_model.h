// SPDX-License-Identifier: MIT
#pragma once

#include "models/row_times.h"
#include "vigil/label.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include <set>
#include <tuple>
#include <vector>

namespace vigil::ui {

/// The project's suggestions (labels of source Propagated): series, range, class, confidence.
/// A thin adapter over core::listSuggestions(); sort it through a proxy on SortRole.
/// GUI thread only.
class SuggestionTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { SeriesColumn, RangeColumn, ClassColumn, ConfidenceColumn, ColumnCount };
    /// Raw value for sorting (numbers as numbers).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit SuggestionTableModel(QObject* parent = nullptr);

    void setSuggestions(std::vector<core::Label> suggestions, QHash<qint64, QString> seriesNames);
    /// Shows the ranges of series with timestamps in those units (read on a pool thread; until
    /// then, rows).
    void setTimes(RowTimes times);
    /// Series id → the rows whose times setTimes() wants: each range's first and last.
    QHash<qint64, QList<qint64>> rowsWanted(const QList<qint64>& timedSeries) const;
    const std::vector<core::Label>& suggestions() const { return m_rows; }
    const core::Label& suggestion(int row) const { return m_rows[static_cast<size_t>(row)]; }
    /// The row holding exactly `label`, or -1.
    int rowOf(const core::Label& label) const;
    /// The row with `label`'s series, range and class (written again by a propagation, with a
    /// new time and maybe confidence), or -1.
    int rowOfRange(const core::Label& label) const;
    /// Marks these suggestions as new since the previous model (drawn bold, "new" in the
    /// tooltip) until the next call; an empty list clears the marks.
    void setNewSuggestions(const std::vector<core::Label>& added);
    bool isNew(int row) const;
    /// A suggestion's series, range and class: what stays when a propagation writes it again.
    using Key = std::tuple<std::int64_t, std::int64_t, std::int64_t, int>;
    static Key keyOf(const core::Label& l) { return {l.seriesId, l.begin, l.end, l.classId}; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<core::Label> m_rows;
    QHash<qint64, QString> m_names;
    std::set<Key> m_new;
    RowTimes m_times; ///< kept across setSuggestions(): a row's time does not change
};

} // namespace vigil::ui
