// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/project.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <vector>

namespace vigil::ui {

/// Times of the rows a table lists (the queue's and the suggestions' windows), read on a pool
/// thread so that a table shows them in the chart's units: calendar times as Detections does,
/// and integer timestamps as the file had them (rows read 1197–1221 beside an axis of 105000…).
/// Rows of a series without timestamps have none and stay row numbers.
struct RowTimes
{
    int generation = 0; ///< which request this answers; the owner drops an older one
    QHash<qint64, QHash<qint64, double>> seconds; ///< series id → row → seconds since the epoch
    QHash<qint64, QHash<qint64, qint64>> numbers; ///< series id → row → integer timestamp

    /// dateRangeText() of rows [begin, end) (one time for one row), "first–last" of integer
    /// timestamps, or empty when a time is missing.
    QString rangeText(qint64 seriesId, qint64 begin, qint64 end) const;
};

/// Series id → the first and last row of each of `ranges` ([begin, end) of a series, as
/// QueryRecord and Label hold them) on the `timed` series: what readRowTimes() is asked for.
template <typename Range>
QHash<qint64, QList<qint64>> rowsOfRanges(const std::vector<Range>& ranges,
                                          const QList<qint64>& timed)
{
    QHash<qint64, QList<qint64>> out;
    for (const Range& r : ranges) {
        if (r.end > r.begin && timed.contains(r.seriesId)) {
            out[r.seriesId] << r.begin << r.end - 1;
        }
    }
    return out;
}

/// Runs on a pool thread with its own connection. A series that fails to read is left out.
RowTimes readRowTimes(const QString& path, const QHash<qint64, QList<qint64>>& rows,
                      const QList<qint64>& numericSeries, int generation);

/// Reads a table's row times on a pool thread for the table's owner; an answer for an older
/// request or another project is dropped. GUI thread only.
class RowTimesLoader : public QObject
{
    Q_OBJECT

public:
    explicit RowTimesLoader(QObject* parent = nullptr);
    /// The project whose tables it reads; forgets the previous project's request.
    void setProject(const QString& path, const std::vector<core::SeriesInfo>& series);
    /// The series with timestamps, calendar or integer (the others need no request).
    const QList<qint64>& timedSeries() const { return m_timed; }
    /// Reads these rows' times (series id → rows); nothing when there are none.
    void request(const QHash<qint64, QList<qint64>>& rows);

Q_SIGNALS:
    void loaded(const vigil::ui::RowTimes& times);

private:
    QString m_path;
    QList<qint64> m_timed;   ///< series with timestamps (calendar or integer)
    QList<qint64> m_numeric; ///< those of m_timed with integer timestamps
    QFutureWatcher<RowTimes> m_watcher;
    int m_generation = 0;
};

/// A time as Detections and the tables show it: "yyyy-MM-dd HH:mm", UTC.
QString dateTimeText(double seconds);
/// From `first` to `last` (seconds): "2024-01-01 10:00–14:30" within one day, else both in full.
QString dateRangeText(double first, double last);

} // namespace vigil::ui
