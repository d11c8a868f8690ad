// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/project.h"

#include <QDockWidget>
#include <QTimer>

#include <unordered_set>
#include <vector>

class QLineEdit;
class QTreeView;

namespace vigil::ui {

class SeriesFilterModel;
class SeriesTreeModel;
struct DetectionScan;

/// The left dock: the project's series (name, length, channels, labelled %, anomalies found)
/// in a tree under a search field. The channels of a multivariate series are its children, each
/// with a check box choosing whether the chart draws it. Selecting a row (or a channel of it)
/// emits seriesSelected() with the series' row in the list given to setSeries(), whatever the
/// search or sort order. Arrow keys move through the rows, Space toggles a channel.
/// GUI thread only.
class SeriesDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit SeriesDock(QWidget* parent = nullptr);
    ~SeriesDock() override;

    /// Replaces the list; expanded series stay expanded, and so do the channel check states of
    /// series that keep their id (pass an empty list first for another project). A first list
    /// with few channels starts expanded. Selects nothing and emits nothing: call
    /// setCurrentSeries() after it.
    void setSeries(const std::vector<core::SeriesInfo>& series);
    /// Updates the numbers of series `row` (after a label edit).
    void updateSeries(int row, const core::SeriesInfo& info);
    /// Shows how many anomaly ranges the newest model found in each series.
    void setDetections(const DetectionScan& scan);

    /// The row of the selected series in the list given to setSeries(), or -1.
    int currentSeries() const { return m_current; }
    /// Selects series `row` (clearing the search when it hides it); emits seriesSelected() when
    /// that is another series than the selected one.
    void setCurrentSeries(int row);

    SeriesTreeModel* model() const { return m_model; }
    SeriesFilterModel* proxy() const { return m_proxy; }
    QTreeView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }

Q_SIGNALS:
    /// The user (or setCurrentSeries()) selected series `row`.
    void seriesSelected(int row);
    /// A channel's check box changed: the chart should draw, or stop drawing, that channel.
    void channelVisibilityChanged(qint64 seriesId, int channel, bool visible);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void onCurrentChanged(const QModelIndex& proxyIndex);
    void onSearchChanged(const QString& text);
    /// Ids of the series whose channels are shown.
    std::unordered_set<qint64> expandedSeries() const;
    /// Expands the series of `ids` (or every one with channels when `all`).
    void expandSeries(const std::unordered_set<qint64>& ids, bool all);
    /// Selects the proxy row of series m_current without emitting (or clears the selection).
    void syncSelection();
    /// Channel rows span all columns: their name has the whole width.
    void spanChannelRows();
    /// Sizes the number columns to their widest value and header.
    void fitColumns();

    SeriesTreeModel* m_model = nullptr;
    SeriesFilterModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_search = nullptr;
    int m_current = -1;
    bool m_syncing = false; ///< selection changes made by the dock itself
    QTimer m_fitTimer;      ///< fits the number columns once after a run of row changes
    bool m_searching = false;
    std::unordered_set<qint64> m_expandedBeforeSearch; ///< restored when the search is cleared
};

} // namespace vigil::ui
