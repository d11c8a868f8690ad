// SPDX-License-Identifier: MIT
#include "models/row_times.h"

#include <QDateTime>
#include <QtConcurrent>

#include <cmath>
#include <initializer_list>

namespace vigil::ui {

QString RowTimes::rangeText(qint64 seriesId, qint64 begin, qint64 end) const
{
    if (const auto ints = numbers.constFind(seriesId); ints != numbers.constEnd()) {
        const auto first = ints->constFind(begin);
        const auto last = ints->constFind(end - 1);
        if (first == ints->constEnd() || last == ints->constEnd()) {
            return {};
        }
        return end - begin == 1 ? QString::number(*first)
                                : QStringLiteral("%1–%2").arg(*first).arg(*last);
    }
    const auto series = seconds.constFind(seriesId);
    if (series == seconds.constEnd()) {
        return {};
    }
    const auto first = series->constFind(begin);
    const auto last = series->constFind(end - 1);
    if (first == series->constEnd() || last == series->constEnd()) {
        return {};
    }
    if (end - begin == 1) {
        return dateTimeText(*first);
    }
    return dateRangeText(*first, *last);
}

RowTimes readRowTimes(const QString& path, const QHash<qint64, QList<qint64>>& rows,
                      const QList<qint64>& numericSeries, int generation)
{
    RowTimes out;
    out.generation = generation;
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        return out;
    }
    for (auto it = rows.constBegin(); it != rows.constEnd(); ++it) {
        const std::vector<std::int64_t> wanted(it->begin(), it->end());
        auto stamps = (*project)->timestampsAt(it.key(), wanted);
        if (!stamps || stamps->size() != wanted.size()) {
            continue; // no timestamps (or a read error): row numbers stay
        }
        if (numericSeries.contains(it.key())) {
            QHash<qint64, qint64>& values = out.numbers[it.key()];
            for (std::size_t i = 0; i < wanted.size(); ++i) {
                values.insert(wanted[i], (*stamps)[i]);
            }
            continue;
        }
        QHash<qint64, double>& times = out.seconds[it.key()];
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            times.insert(wanted[i], static_cast<double>((*stamps)[i]) * 1e-3);
        }
    }
    return out;
}

RowTimesLoader::RowTimesLoader(QObject* parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<RowTimes>::finished, this, [this] {
        const RowTimes times = m_watcher.result();
        if (times.generation == m_generation) {
            Q_EMIT loaded(times);
        }
    });
}

void RowTimesLoader::setProject(const QString& path, const std::vector<core::SeriesInfo>& series)
{
    ++m_generation; // a request under way belongs to the previous project
    m_path = path;
    m_timed.clear();
    m_numeric.clear();
    for (const auto& s : series) {
        if (s.timeKind != core::TimeKind::Index) {
            m_timed << s.id;
        }
        if (s.timeKind == core::TimeKind::Numeric) {
            m_numeric << s.id;
        }
    }
}

void RowTimesLoader::request(const QHash<qint64, QList<qint64>>& rows)
{
    if (rows.isEmpty() || m_path.isEmpty()) {
        return;
    }
    // Its own copies: the pool thread outlives nothing of this object.
    m_watcher.setFuture(QtConcurrent::run(readRowTimes, m_path, rows, m_numeric, ++m_generation));
}

namespace {

QDateTime utcOf(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(std::floor(seconds * 1000.0)),
                                          Qt::UTC);
}

/// "HH:mm", or "HH:mm:ss" when a time given is not on a whole minute (per-second data read
/// "10:37–10:37").
QString clockFormat(std::initializer_list<QDateTime> times)
{
    for (const QDateTime& t : times) {
        if (t.time().second() != 0) {
            return QStringLiteral("HH:mm:ss");
        }
    }
    return QStringLiteral("HH:mm");
}

} // namespace

QString dateTimeText(double seconds)
{
    const QDateTime t = utcOf(seconds);
    return t.toString(QStringLiteral("yyyy-MM-dd ") + clockFormat({t}));
}

} // namespace vigil::ui

namespace vigil::ui {

QString dateRangeText(double first, double last)
{
    const QDateTime from = utcOf(first);
    const QDateTime to = utcOf(last);
    const QString clock = clockFormat({from, to});
    if (from.date() == to.date()) {
        // Short enough to leave the table's other columns in view.
        return QStringLiteral("%1–%2").arg(from.toString(QStringLiteral("yyyy-MM-dd ") + clock),
                                           to.toString(clock));
    }
    return QStringLiteral("%1 – %2").arg(from.toString(QStringLiteral("yyyy-MM-dd ") + clock),
                                         to.toString(QStringLiteral("yyyy-MM-dd ") + clock));
}

} // namespace vigil::ui
