// SPDX-License-Identifier: MIT
#include "plot/overview_strip.h"

#include "plot/chart_series.h"
#include "plot/series_colours.h"

#include <algorithm>
#include <cmath>

namespace vigil::ui {
namespace {
constexpr double kEdgeGrabPx = 6.0;
constexpr double kMinWindowPx = 4.0;
} // namespace

OverviewStrip::OverviewStrip(QWidget* parent)
    : QCustomPlot(parent)
    , m_window(new QCPItemRect(this))
{
    setObjectName(QStringLiteral("overviewStrip"));
    setFixedHeight(72);
    setInteractions({});
    setMouseTracking(true);
    setPlottingHint(QCP::phFastPolylines, true);
    setNotAntialiasedElements(QCP::aePlottables);
    yAxis->setVisible(false);
    xAxis->setTickLabels(false);
    xAxis->grid()->setVisible(false);
    axisRect()->setAutoMargins(QCP::msNone);
    axisRect()->setMargins(QMargins(60, 2, 12, 6));
    m_window->setLayer(QStringLiteral("overlay"));
    m_window->setSelectable(false);
    m_window->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
    m_window->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_window->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
    m_window->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_window->setBrush(QColor(0, 114, 178, 40));
    m_window->setPen(QPen(QColor(0, 114, 178), 1.5));
    m_window->setVisible(false);
    setToolTip(tr("Whole series: drag the window to pan, its edges to zoom"));
}

void OverviewStrip::setSeries(std::shared_ptr<const ChartSeries> series)
{
    m_series = std::move(series);
    m_decimatedWidth = -1;
    m_visible.clear();
    clearGraphs();
    if (!m_series || m_series->length() == 0) {
        m_window->setVisible(false);
        replot(rpQueuedReplot);
        return;
    }
    for (int c = 0; c < m_series->channels(); ++c) {
        addGraph();
    }
    applyPalette();
    const auto& p = m_series->pyramid;
    // One point has no span: centred in one (an empty range was refused, and the previous
    // series' range stayed).
    const double first = p.x(0);
    const double last = p.x(m_series->length() - 1);
    xAxis->setRange(last > first ? QCPRange(first, last) : QCPRange(first - 0.5, first + 0.5));
    yAxis->setRange(-1.0, 1.0); // fitted to the values in redecimate(), if there are any
    m_window->setVisible(true);
    redecimate();
}

void OverviewStrip::applyPalette()
{
    for (int c = 0; c < graphCount(); ++c) {
        QColor colour = SeriesColours::channel(c);
        colour.setAlpha(160);
        graph(c)->setPen(QPen(colour, 1.0));
    }
    replot(rpQueuedReplot);
}

void OverviewStrip::setVisibleChannels(const std::vector<bool>& visible)
{
    m_visible = visible;
    for (int c = 0; c < graphCount(); ++c) {
        graph(c)->setVisible(static_cast<std::size_t>(c) >= m_visible.size() ||
                             m_visible[static_cast<std::size_t>(c)]);
    }
    m_decimatedWidth = -1; // the value axis fits the channels drawn
    redecimate();
}

void OverviewStrip::redecimate()
{
    if (!m_series || m_series->length() == 0) {
        return;
    }
    const int width = std::max(axisRect()->width(), 1);
    if (width == m_decimatedWidth) {
        return;
    }
    m_decimatedWidth = width;
    const auto& p = m_series->pyramid;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (int c = 0; c < m_series->channels(); ++c) {
        const core::DecimatedPoints d = p.decimate(c, p.x(0), p.x(p.length() - 1), width);
        QVector<QCPGraphData> points(static_cast<qsizetype>(d.size()));
        for (std::size_t i = 0; i < d.size(); ++i) {
            points[static_cast<qsizetype>(i)] = QCPGraphData(d.x[i], d.y[i]);
            if (!std::isnan(d.y[i]) && graph(c)->visible()) {
                lo = std::min(lo, d.y[i]);
                hi = std::max(hi, d.y[i]);
            }
        }
        graph(c)->data()->set(points, true);
        // Sparse data (values alone between gaps) has no line to draw: dots show it.
        graph(c)->setScatterStyle(hasLoneValue(d) ? QCPScatterStyle(QCPScatterStyle::ssDisc, 2)
                                                  : QCPScatterStyle());
    }
    if (lo <= hi) {
        const double pad = std::max((hi - lo) * 0.05, 1e-9);
        yAxis->setRange(lo - pad, hi + pad);
    }
    replot(rpQueuedReplot);
}

void OverviewStrip::setWindow(const QCPRange& range)
{
    m_window->topLeft->setCoords(range.lower, 0.0);
    m_window->bottomRight->setCoords(range.upper, 1.0);
    layer(QStringLiteral("overlay"))->replot();
}

QCPRange OverviewStrip::window() const
{
    return QCPRange(m_window->topLeft->coords().x(), m_window->bottomRight->coords().x());
}

void OverviewStrip::setPlotMargins(int left, int right)
{
    const QMargins m = axisRect()->margins();
    if (m.left() == left && m.right() == right) {
        return;
    }
    axisRect()->setMargins(QMargins(left, m.top(), right, m.bottom()));
    m_decimatedWidth = -1;
    replot(rpQueuedReplot);
    QMetaObject::invokeMethod(this, [this] { redecimate(); }, Qt::QueuedConnection);
}

OverviewStrip::Drag OverviewStrip::hitTest(double px) const
{
    const double left = xAxis->coordToPixel(window().lower);
    const double right = xAxis->coordToPixel(window().upper);
    if (std::abs(px - left) <= kEdgeGrabPx) {
        return Drag::Left;
    }
    if (std::abs(px - right) <= kEdgeGrabPx) {
        return Drag::Right;
    }
    if (px > left && px < right) {
        return Drag::Move;
    }
    return Drag::None;
}

void OverviewStrip::mousePressEvent(QMouseEvent* event)
{
    if (!m_series || event->button() != Qt::LeftButton) {
        return;
    }
    const double px = event->position().x();
    m_drag = hitTest(px);
    if (m_drag == Drag::None) {
        // Click outside the window: centre the window there, then drag it from the middle.
        const QCPRange w = window();
        const double centre = xAxis->pixelToCoord(px);
        const QCPRange moved(centre - w.size() / 2, centre + w.size() / 2);
        setWindow(moved);
        Q_EMIT windowDragged(moved);
        m_drag = Drag::Move;
    }
    m_pressPx = px;
    m_pressRange = window();
    setCursor(m_drag == Drag::Move ? Qt::ClosedHandCursor : Qt::SizeHorCursor);
}

void OverviewStrip::mouseMoveEvent(QMouseEvent* event)
{
    const double px = event->position().x();
    if (m_drag == Drag::None) {
        const Drag hover = m_series ? hitTest(px) : Drag::None;
        setCursor(hover == Drag::Left || hover == Drag::Right ? Qt::SizeHorCursor
                  : hover == Drag::Move                        ? Qt::OpenHandCursor
                                                               : Qt::PointingHandCursor);
        return;
    }
    const double perPx = xAxis->range().size() / std::max(axisRect()->width(), 1);
    const double dx = (px - m_pressPx) * perPx;
    const double minSize = kMinWindowPx * perPx;
    QCPRange r = m_pressRange;
    switch (m_drag) {
    case Drag::Move:
        r = QCPRange(r.lower + dx, r.upper + dx);
        break;
    case Drag::Left:
        r.lower = std::min(r.lower + dx, r.upper - minSize);
        break;
    case Drag::Right:
        r.upper = std::max(r.upper + dx, r.lower + minSize);
        break;
    case Drag::None:
        break;
    }
    setWindow(r);
    Q_EMIT windowDragged(r);
}

void OverviewStrip::mouseReleaseEvent(QMouseEvent* event)
{
    Q_UNUSED(event)
    m_drag = Drag::None;
    setCursor(Qt::OpenHandCursor);
}

void OverviewStrip::wheelEvent(QWheelEvent* event)
{
    event->ignore(); // no zoom here: the strip always shows the whole series
}

void OverviewStrip::resizeEvent(QResizeEvent* event)
{
    QCustomPlot::resizeEvent(event);
    m_decimatedWidth = -1;
    QMetaObject::invokeMethod(this, [this] { redecimate(); }, Qt::QueuedConnection);
}

} // namespace vigil::ui
