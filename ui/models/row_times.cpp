// SPDX-License-Identifier: MIT
#include "models/row_times.h"

#include <QDateTime>
#include <QtConcurrent>

namespace vigil::ui {

QString RowTimes::rangeText(qint64 seriesId, qint64 begin, qint64 end) const
{
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

RowTimes readRowTimes(const QString& path, const QHash<qint64, QList<qint64>>& rows, int generation)
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
    m_dated.clear();
    for (const auto& s : series) {
        if (s.timeKind == core::TimeKind::EpochMillis) {
            m_dated << s.id;
        }
    }
}

void RowTimesLoader::request(const QHash<qint64, QList<qint64>>& rows)
{
    if (rows.isEmpty() || m_path.isEmpty()) {
        return;
    }
    // Its own copies: the pool thread outlives nothing of this object.
    m_watcher.setFuture(QtConcurrent::run(readRowTimes, m_path, rows, ++m_generation));
}

QString dateTimeText(double seconds)
{
    return QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(seconds * 1000.0), Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace vigil::ui

namespace vigil::ui {

QString dateRangeText(double first, double last)
{
    const auto from = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(first * 1000.0), Qt::UTC);
    const auto to = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(last * 1000.0), Qt::UTC);
    if (from.date() == to.date()) {
        // Short enough to leave the table's other columns in view.
        return QStringLiteral("%1–%2").arg(from.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                                           to.toString(QStringLiteral("HH:mm")));
    }
    return QStringLiteral("%1 – %2").arg(dateTimeText(first), dateTimeText(last));
}

} // namespace vigil::ui
