// SPDX-License-Identifier: MIT
#include "docks/column_fitter.h"

#include <QEvent>
#include <QHeaderView>
#include <QScrollBar>
#include <QTableView>

#include <algorithm>

namespace vigil::ui {

namespace {
constexpr int kSeriesMaximum = 180;
constexpr int kElasticMinimum = 90;
} // namespace

ColumnFitter::ColumnFitter(QTableView* view, int seriesColumn, int elasticColumn, int lastMinimum)
    : QObject(view)
    , m_view(view)
    , m_series(seriesColumn)
    , m_elastic(elasticColumn)
    , m_lastMinimum(lastMinimum)
{
    view->viewport()->installEventFilter(this);
}

void ColumnFitter::resizeToContents()
{
    m_view->resizeColumnsToContents();
    m_view->setColumnWidth(m_series, std::min(m_view->columnWidth(m_series), kSeriesMaximum));
    fit();
}

QAbstractItemView* ColumnFitter::asItemView() const
{
    // QTableView makes its override protected; the base class's is public.
    return m_view;
}

void ColumnFitter::fit()
{
    const QHeaderView* header = m_view->horizontalHeader();
    const int wanted =
        std::max(asItemView()->sizeHintForColumn(m_elastic), header->sectionSizeHint(m_elastic));
    const int available = m_view->viewport()->width();
    const int lastVisual = [&] {
        for (int v = header->count() - 1; v >= 0; --v) {
            if (!header->isSectionHidden(header->logicalIndex(v))) {
                return header->logicalIndex(v);
            }
        }
        return -1;
    }();
    int others = 0;
    for (int c = 0; c < header->count(); ++c) {
        if (c != m_elastic && c != lastVisual && !header->isSectionHidden(c)) {
            others += header->sectionSize(c);
        }
    }
    const int lastMinimum = m_lastMinimum >= 0 || lastVisual < 0
                                ? m_lastMinimum
                                : std::max(asItemView()->sizeHintForColumn(lastVisual),
                                           header->sectionSizeHint(lastVisual));
    const int room = available - others - std::max(lastMinimum, 0);
    const int width = std::max(kElasticMinimum, std::min(wanted, room));
    if (header->sectionSize(m_elastic) != width) {
        m_view->setColumnWidth(m_elastic, width);
    }
    // The stretched last section never gets narrower than the width it was last given (100 px
    // by default): give it its minimum, and the stretch widens it to the rest of the row.
    if (lastVisual >= 0 && lastVisual != m_elastic && lastMinimum > 0) {
        m_view->setColumnWidth(lastVisual, lastMinimum);
    }
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        fit();
    }
    return QObject::eventFilter(watched, event);
}

} // namespace vigil::ui
