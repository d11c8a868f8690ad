// SPDX-License-Identifier: MIT
#include "models/series_tree_model.h"

#include "plot/palette.h"
#include "plot/series_colours.h"
#include "workers/project_jobs.h"

#include <QLocale>

#include <unordered_map>

namespace vigil::ui {
namespace {

// Series rows have internal id 0; the channel rows of series r have r + 1.
constexpr quintptr kSeriesRow = 0;

} // namespace

SeriesTreeModel::SeriesTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    // The channel swatches follow the palette.
    connect(&Palette::instance(), &Palette::changed, this, [this] {
        for (int r = 0; r < seriesCount(); ++r) {
            const int n = rowCount(seriesIndex(r));
            if (n > 0) {
                Q_EMIT dataChanged(channelIndex(r, 0), channelIndex(r, n - 1),
                                   {Qt::DecorationRole});
            }
        }
    });
}

void SeriesTreeModel::setSeries(const std::vector<core::SeriesInfo>& series)
{
    std::unordered_map<std::int64_t, Row> old;
    for (auto& r : m_rows) {
        const std::int64_t id = r.info.id;
        old.emplace(id, std::move(r));
    }
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(series.size());
    for (const auto& info : series) {
        Row r;
        r.info = info;
        r.visible.assign(static_cast<std::size_t>(std::max(info.channels, 0)), true);
        if (auto it = old.find(info.id); it != old.end()) {
            if (it->second.info.channels == info.channels) {
                r.visible = it->second.visible;
            }
            r.found = it->second.found; // until the next scan says otherwise
        }
        m_rows.push_back(std::move(r));
    }
    endResetModel();
}

void SeriesTreeModel::updateSeries(int row, const core::SeriesInfo& info)
{
    if (row < 0 || row >= seriesCount() ||
        m_rows[static_cast<std::size_t>(row)].info.channels != info.channels) {
        return; // the shape changed: only setSeries() may do that
    }
    m_rows[static_cast<std::size_t>(row)].info = info;
    Q_EMIT dataChanged(seriesIndex(row, 0), seriesIndex(row, ColumnCount - 1));
}

void SeriesTreeModel::setDetections(const DetectionScan& scan)
{
    m_modelVersion = scan.modelVersion;
    std::unordered_map<std::int64_t, int> counts;
    for (std::int64_t id : scan.scoredSeries) {
        counts.emplace(id, 0);
    }
    for (const auto& d : scan.detections) {
        ++counts[d.seriesId];
    }
    for (auto& r : m_rows) {
        auto it = counts.find(r.info.id);
        r.found = it != counts.end() ? std::optional<int>(it->second) : std::nullopt;
    }
    if (!m_rows.empty()) {
        Q_EMIT dataChanged(seriesIndex(0, FoundColumn),
                           seriesIndex(seriesCount() - 1, FoundColumn));
    }
}

const core::SeriesInfo& SeriesTreeModel::series(int row) const
{
    return m_rows.at(static_cast<std::size_t>(row)).info;
}

int SeriesTreeModel::rowOfSeries(std::int64_t id) const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].info.id == id) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

std::optional<int> SeriesTreeModel::anomaliesFound(int row) const
{
    return row >= 0 && row < seriesCount() ? m_rows[static_cast<std::size_t>(row)].found
                                           : std::nullopt;
}

double SeriesTreeModel::labelledPercent(int row) const
{
    if (row < 0 || row >= seriesCount()) {
        return 0.0;
    }
    const core::SeriesInfo& s = m_rows[static_cast<std::size_t>(row)].info;
    return s.length > 0
               ? 100.0 * static_cast<double>(s.labeledPoints) / static_cast<double>(s.length)
               : 0.0;
}

bool SeriesTreeModel::isChannelVisible(int row, int channel) const
{
    if (row < 0 || row >= seriesCount()) {
        return true;
    }
    const auto& v = m_rows[static_cast<std::size_t>(row)].visible;
    return channel < 0 || channel >= static_cast<int>(v.size()) ||
           v[static_cast<std::size_t>(channel)];
}

bool SeriesTreeModel::setChannelVisible(int row, int channel, bool visible)
{
    const QModelIndex i = channelIndex(row, channel);
    return i.isValid() && setData(i, visible ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

std::vector<bool> SeriesTreeModel::visibleChannels(std::int64_t id) const
{
    const int row = rowOfSeries(id);
    return row >= 0 ? m_rows[static_cast<std::size_t>(row)].visible : std::vector<bool>{};
}

QModelIndex SeriesTreeModel::seriesIndex(int row, int column) const
{
    return index(row, column);
}

QModelIndex SeriesTreeModel::channelIndex(int row, int channel) const
{
    return index(channel, NameColumn, seriesIndex(row));
}

QModelIndex SeriesTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    if (!parent.isValid()) {
        return row < seriesCount() ? createIndex(row, column, kSeriesRow) : QModelIndex();
    }
    if (parent.internalId() != kSeriesRow || parent.column() != NameColumn ||
        row >= rowCount(parent)) {
        return {};
    }
    return createIndex(row, column, static_cast<quintptr>(parent.row()) + 1);
}

QModelIndex SeriesTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || child.internalId() == kSeriesRow) {
        return {};
    }
    return createIndex(static_cast<int>(child.internalId() - 1), NameColumn, kSeriesRow);
}

int SeriesTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) {
        return seriesCount();
    }
    if (parent.internalId() != kSeriesRow || parent.column() != NameColumn) {
        return 0; // channel rows have no children; only column 0 of a series has
    }
    const Row& r = m_rows[static_cast<std::size_t>(parent.row())];
    return hasChildren(r) ? r.info.channels : 0;
}

int SeriesTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QString SeriesTreeModel::channelName(const Row& r, int channel) const
{
    const auto c = static_cast<std::size_t>(channel);
    if (c < r.info.channelNames.size() && !r.info.channelNames[c].empty()) {
        return QString::fromStdString(r.info.channelNames[c]);
    }
    return tr("channel %1").arg(channel + 1);
}

QVariant SeriesTreeModel::seriesData(const Row& r, int column, int role) const
{
    const QLocale locale;
    const double pct = r.info.length > 0 ? 100.0 * static_cast<double>(r.info.labeledPoints) /
                                               static_cast<double>(r.info.length)
                                         : 0.0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return QString::fromStdString(r.info.name);
        case LengthColumn:
            return locale.toString(static_cast<qlonglong>(r.info.length));
        case ChannelsColumn:
            return locale.toString(r.info.channels);
        case LabelledColumn:
            return tr("%1%").arg(locale.toString(pct, 'f', 1));
        case FoundColumn:
            return r.found ? locale.toString(*r.found) : QStringLiteral("–");
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        return column == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        QString found;
        if (r.found) {
            found =
                tr("%n anomaly range(s) found by model v%1", nullptr, *r.found).arg(m_modelVersion);
        } else if (m_modelVersion > 0) {
            found = tr("not scored by model v%1 (added after it was trained)").arg(m_modelVersion);
        } else {
            found = tr("not scored: no model trained yet");
        }
        return tr("%1\n%2 points · %n channel(s) · %3% labelled (%4 anomalous points)\n%5", nullptr,
                  r.info.channels)
            .arg(QString::fromStdString(r.info.name))
            .arg(locale.toString(static_cast<qlonglong>(r.info.length)))
            .arg(locale.toString(pct, 'f', 1))
            .arg(locale.toString(static_cast<qlonglong>(r.info.anomalousPoints)))
            .arg(found);
    }
    default:
        return {};
    }
}

QVariant SeriesTreeModel::channelData(const Row& r, int row, int channel, int column,
                                      int role) const
{
    if (column != NameColumn) {
        return {};
    }
    switch (role) {
    case Qt::DisplayRole:
        return channelName(r, channel);
    case Qt::CheckStateRole:
        return isChannelVisible(row, channel) ? Qt::Checked : Qt::Unchecked;
    case Qt::DecorationRole:
        return SeriesColours::channel(channel); // the colour of its line on the chart
    case Qt::ToolTipRole:
        return tr("Channel %1 of %2: check to draw it on the chart")
            .arg(channelName(r, channel), QString::fromStdString(r.info.name));
    default:
        return {};
    }
}

QVariant SeriesTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return {};
    }
    const bool isSeries = index.internalId() == kSeriesRow;
    const int row = isSeries ? index.row() : static_cast<int>(index.internalId() - 1);
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    switch (role) {
    case SeriesIdRole:
        return static_cast<qint64>(r.info.id);
    case SeriesRowRole:
        return row;
    case ChannelRole:
        return isSeries ? -1 : index.row();
    default:
        break;
    }
    return isSeries ? seriesData(r, index.column(), role)
                    : channelData(r, row, index.row(), index.column(), role);
}

bool SeriesTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::CheckStateRole || !index.isValid() || index.internalId() == kSeriesRow ||
        index.column() != NameColumn) {
        return false;
    }
    const int row = static_cast<int>(index.internalId() - 1);
    Row& r = m_rows[static_cast<std::size_t>(row)];
    const bool visible = value.toInt() == Qt::Checked;
    const auto channel = static_cast<std::size_t>(index.row());
    if (r.visible[channel] == visible) {
        return true;
    }
    r.visible[channel] = visible;
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    Q_EMIT channelVisibilityChanged(r.info.id, index.row(), visible);
    return true;
}

Qt::ItemFlags SeriesTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kSeriesRow) {
        f |= Qt::ItemNeverHasChildren;
        if (index.column() == NameColumn) {
            f |= Qt::ItemIsUserCheckable;
        }
    } else if (!hasChildren(m_rows[static_cast<std::size_t>(index.row())])) {
        f |= Qt::ItemNeverHasChildren;
    }
    return f;
}

QVariant SeriesTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) {
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Series");
        case LengthColumn:
            return tr("Points");
        case ChannelsColumn:
            return tr("Ch.");
        case LabelledColumn:
            return tr("Labelled");
        case FoundColumn:
            return tr("Found");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Series, and the channels of a multivariate series (check to draw)");
        case LengthColumn:
            return tr("Number of points");
        case ChannelsColumn:
            return tr("Number of channels");
        case LabelledColumn:
            return tr("Share of points inside a label");
        case FoundColumn:
            return tr("Anomaly ranges the newest model found (– when it did not score the series)");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && section != NameColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

SeriesFilterModel::SeriesFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(SeriesTreeModel::NameColumn);
    setRecursiveFilteringEnabled(true); // a series stays when one of its channels matches
    setAutoAcceptChildRows(true);       // and keeps all its channels when its own name matches
}

} // namespace vigil::ui
