// SPDX-License-Identifier: MIT
#include "docks/series_dock.h"

#include "models/series_tree_model.h"

#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace vigil::ui {
namespace {

constexpr int kExpandAtMost = 16; // channel rows a first list shows expanded

} // namespace

SeriesDock::SeriesDock(QWidget* parent)
    : QDockWidget(tr("Series"), parent)
    , m_model(new SeriesTreeModel(this))
    , m_proxy(new SeriesFilterModel(this))
{
    setObjectName(QStringLiteral("seriesDock"));
    m_proxy->setSourceModel(m_model);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_search = new QLineEdit(body);
    m_search->setObjectName(QStringLiteral("seriesSearch"));
    m_search->setPlaceholderText(tr("Search series and channels"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search series and channels"));
    m_search->installEventFilter(this); // Down or Enter moves into the list
    layout->addWidget(m_search);
    m_view = new QTreeView(body);
    m_view->setObjectName(QStringLiteral("seriesView"));
    m_view->setAccessibleName(tr("Series and channels"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers); // Space still toggles a check box
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideMiddle); // a long name keeps its start and end
    QHeaderView* header = m_view->header();
    header->setStretchLastSection(false);
    // The numbers never elide: their columns fit the widest value (fitColumns()); the name
    // takes the rest.
    header->setSectionResizeMode(QHeaderView::Fixed);
    header->setSectionResizeMode(SeriesTreeModel::NameColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(24);
    layout->addWidget(m_view, 1);
    setWidget(body);
    // The window starts with the list focused, not the search: letters typed there would not
    // reach the window's keys (L, E, 1–9).
    m_view->setFocus();

    connect(m_search, &QLineEdit::textChanged, this, &SeriesDock::onSearchChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) { onCurrentChanged(current); });
    connect(m_model, &SeriesTreeModel::channelVisibilityChanged, this,
            &SeriesDock::channelVisibilityChanged);
    // Once per pass of the event loop, not per changed row: accepting suggestions across 1500
    // series changed each row in turn, and each change measured every row again (18 s with
    // the window frozen).
    m_fitTimer.setSingleShot(true);
    m_fitTimer.setInterval(0);
    connect(&m_fitTimer, &QTimer::timeout, this, &SeriesDock::fitColumns);
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] {
        if (!m_fitTimer.isActive()) {
            m_fitTimer.start();
        }
    });
    // Rows the filter brings back lose their spans.
    // Once at the end of a search change or a new list (both span the rows when done), not
    // per range of rows the filter brings back: clearing a search over 2000 series walked
    // every row for each range (170-240 ms).
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_syncing) {
            spanChannelRows();
        }
    });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &SeriesDock::spanChannelRows);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &SeriesDock::spanChannelRows);
}

SeriesDock::~SeriesDock() = default;

std::unordered_set<qint64> SeriesDock::expandedSeries() const
{
    std::unordered_set<qint64> ids;
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex i = m_proxy->index(r, 0);
        if (m_view->isExpanded(i)) {
            ids.insert(i.data(SeriesTreeModel::SeriesIdRole).toLongLong());
        }
    }
    return ids;
}

void SeriesDock::setSeries(const std::vector<core::SeriesInfo>& series)
{
    const std::unordered_set<qint64> expanded =
        m_search->text().isEmpty() ? expandedSeries() : m_expandedBeforeSearch;
    int channelRows = 0;
    bool tree = false;
    for (const auto& s : series) {
        if (s.channels > 1) {
            channelRows += s.channels;
            tree = true;
        }
    }
    // A first list (after an empty one) shows the channels when there are few.
    const bool expandAll = m_model->seriesCount() == 0 && channelRows <= kExpandAtMost;
    m_syncing = true;
    m_current = -1;
    m_model->setSeries(series);
    m_view->setRootIsDecorated(tree); // no empty indent when nothing expands
    if (!m_search->text().isEmpty()) {
        m_expandedBeforeSearch = expanded;
        m_view->expandAll(); // show the channels that matched
    } else {
        expandSeries(expanded, expandAll);
    }
    m_syncing = false;
    spanChannelRows();
    fitColumns();
}

void SeriesDock::updateSeries(int row, const core::SeriesInfo& info)
{
    m_model->updateSeries(row, info);
}

void SeriesDock::setDetections(const DetectionScan& scan)
{
    m_model->setDetections(scan);
}

void SeriesDock::setCurrentSeries(int row)
{
    if (row < 0 || row >= m_model->seriesCount()) {
        return;
    }
    QModelIndex p = m_proxy->mapFromSource(m_model->seriesIndex(row));
    if (!p.isValid()) {
        m_search->clear(); // the search hides it
        p = m_proxy->mapFromSource(m_model->seriesIndex(row));
    }
    m_view->setCurrentIndex(p); // emits seriesSelected through onCurrentChanged
    m_view->scrollTo(p);
    if (m_current != row) { // not shown in the view (cannot happen after clear(), but be sure)
        m_current = row;
        Q_EMIT seriesSelected(row);
    }
}

void SeriesDock::onCurrentChanged(const QModelIndex& proxyIndex)
{
    if (m_syncing || !proxyIndex.isValid()) {
        return;
    }
    const int row = proxyIndex.data(SeriesTreeModel::SeriesRowRole).toInt();
    if (row == m_current) {
        return; // a channel of the shown series
    }
    m_current = row;
    Q_EMIT seriesSelected(row);
}

void SeriesDock::expandSeries(const std::unordered_set<qint64>& ids, bool all)
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex i = m_proxy->index(r, 0);
        if (m_proxy->hasChildren(i) &&
            (all || ids.count(i.data(SeriesTreeModel::SeriesIdRole).toLongLong()) > 0)) {
            m_view->expand(i);
        }
    }
}

void SeriesDock::onSearchChanged(const QString& text)
{
    if (m_searching == text.isEmpty()) { // a search starts or ends
        if (text.isEmpty()) {
            m_searching = false;
        } else {
            m_searching = true;
            m_expandedBeforeSearch = expandedSeries();
        }
    }
    m_syncing = true; // rows vanishing under the cursor must not load other series
    m_proxy->setFilterFixedString(text);
    if (m_searching) {
        m_view->expandAll(); // show the channels that matched
    } else {
        m_view->collapseAll(); // back to what was expanded before the search
        expandSeries(m_expandedBeforeSearch, false);
    }
    m_syncing = false;
    syncSelection();
    spanChannelRows();
}

void SeriesDock::syncSelection()
{
    const QModelIndex p =
        m_current >= 0 ? m_proxy->mapFromSource(m_model->seriesIndex(m_current)) : QModelIndex();
    const QModelIndex now = m_view->currentIndex();
    if (p.isValid() && now.isValid() &&
        now.data(SeriesTreeModel::SeriesRowRole).toInt() == m_current) {
        return; // already on it or on one of its channels
    }
    m_syncing = true;
    if (p.isValid()) {
        m_view->setCurrentIndex(p);
    } else {
        m_view->selectionModel()->clear();
    }
    m_syncing = false;
}

void SeriesDock::spanChannelRows()
{
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const QModelIndex series = m_proxy->index(r, 0);
        for (int c = 0; c < m_proxy->rowCount(series); ++c) {
            if (!m_view->isFirstColumnSpanned(c, series)) {
                m_view->setFirstColumnSpanned(c, series, true);
            }
        }
    }
}

void SeriesDock::fitColumns()
{
    QHeaderView* header = m_view->header();
    const QAbstractItemView* view = m_view; // QTreeView hides sizeHintForColumn()
    const int gap = m_view->fontMetrics().horizontalAdvance(QLatin1Char('0')); // between numbers
    for (int c = SeriesTreeModel::LengthColumn; c < SeriesTreeModel::ColumnCount; ++c) {
        const int width = std::max(view->sizeHintForColumn(c) + gap, header->sectionSizeHint(c));
        if (header->sectionSize(c) != width) {
            header->resizeSection(c, width);
        }
    }
}

bool SeriesDock::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Return || key == Qt::Key_Enter) {
            if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0) {
                m_view->setCurrentIndex(m_proxy->index(0, 0));
            }
            m_view->setFocus(Qt::ShortcutFocusReason);
            return true;
        }
    }
    return QDockWidget::eventFilter(watched, event);
}

} // namespace vigil::ui
