// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/project.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <cstdint>
#include <optional>
#include <vector>

namespace vigil::ui {

struct DetectionScan;

/// The series of a project as a tree, for the Series dock. Top-level row r is series r of the
/// list given to setSeries() (the main window's own indexing), with its name, length, channel
/// count, labelled share and the number of anomaly ranges the newest model version found
/// ("–" when nothing scored it). A multivariate series has one child row per channel, with a
/// check box choosing whether the chart draws it; a univariate series has no children (its only
/// channel is always drawn). The check states live here, per series, and survive setSeries()
/// for series that keep their id and channel count. GUI thread only.
class SeriesTreeModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        LengthColumn,
        ChannelsColumn,
        LabelledColumn,
        FoundColumn,
        ColumnCount
    };
    enum Role {
        SeriesIdRole = Qt::UserRole + 1, ///< qint64, on series and channel rows
        SeriesRowRole,                   ///< int: the top-level row, on series and channel rows
        ChannelRole,                     ///< int: the channel, on channel rows only (else -1)
    };

    explicit SeriesTreeModel(QObject* parent = nullptr);

    /// Replaces the list (a reset), keeping the channel check states of series still there.
    void setSeries(const std::vector<core::SeriesInfo>& series);
    /// Updates the numbers of series `row` (after a label edit).
    void updateSeries(int row, const core::SeriesInfo& info);
    /// Counts the detections of each series in `scan` (after a scan of the newest model).
    void setDetections(const DetectionScan& scan);

    int seriesCount() const { return static_cast<int>(m_rows.size()); }
    const core::SeriesInfo& series(int row) const;
    /// The top-level row of the series with `id`, or -1.
    int rowOfSeries(std::int64_t id) const;
    /// The anomaly ranges found in series `row`; nullopt when the newest model did not score it.
    std::optional<int> anomaliesFound(int row) const;
    /// The labelled share of series `row`, in percent.
    double labelledPercent(int row) const;
    bool isChannelVisible(int row, int channel) const;
    /// Checks or unchecks a channel (as the check box does); emits channelVisibilityChanged.
    bool setChannelVisible(int row, int channel, bool visible);
    /// The channel check states of the series with `id` (all true when unknown).
    std::vector<bool> visibleChannels(std::int64_t id) const;
    QModelIndex seriesIndex(int row, int column = NameColumn) const;
    QModelIndex channelIndex(int row, int channel) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void channelVisibilityChanged(qint64 seriesId, int channel, bool visible);

private:
    struct Row
    {
        core::SeriesInfo info;
        std::vector<bool> visible; ///< one per channel
        std::optional<int> found;  ///< anomaly ranges of the newest model; nullopt: not scored
    };
    static bool hasChildren(const Row& r) { return r.info.channels > 1; }
    QString channelName(const Row& r, int channel) const;
    QVariant seriesData(const Row& r, int column, int role) const;
    QVariant channelData(const Row& r, int row, int channel, int column, int role) const;

    std::vector<Row> m_rows;
    std::int64_t m_modelVersion = 0; ///< of the last scan; 0: nothing trained
};

/// Filters the series tree by a case-insensitive text matching series or channel names: a
/// series stays when its name or one of its channels matches (then only the matching channels
/// are listed, unless the series name matched too).
class SeriesFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit SeriesFilterModel(QObject* parent = nullptr);
};

} // namespace vigil::ui
