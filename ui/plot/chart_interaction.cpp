// SPDX-License-Identifier: MIT
#include "plot/chart_interaction.h"

#include <algorithm>
#include <cmath>

namespace vigil::ui {
namespace {
constexpr double kClickPx = 4.0;     // a press and release closer than this is a click
constexpr double kWheelBase = 0.85;  // range factor per wheel notch
} // namespace

ChartInteraction::ChartInteraction(QCustomPlot* plot, QObject* parent)
    : QObject(parent)
    , m_plot(plot)
    , m_band(new QCPItemRect(plot))
{
    m_plot->setInteractions({}); // every gesture is ours
    m_band->setLayer(QStringLiteral("overlay"));
    m_band->setSelectable(false);
    m_band->topLeft->setTypeX(QCPItemPosition::ptAbsolute);
    m_band->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_band->bottomRight->setTypeX(QCPItemPosition::ptAbsolute);
    m_band->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_band->setVisible(false);
    connect(m_plot, &QCustomPlot::mousePress, this, &ChartInteraction::onPress);
    connect(m_plot, &QCustomPlot::mouseMove, this, &ChartInteraction::onMove);
    connect(m_plot, &QCustomPlot::mouseRelease, this, &ChartInteraction::onRelease);
    connect(m_plot, &QCustomPlot::mouseWheel, this, &ChartInteraction::onWheel);
    updateCursor();
}

void ChartInteraction::setMode(InteractionMode mode)
{
    m_mode = mode;
    updateCursor();
}

void ChartInteraction::setLabelColour(const QColor& colour)
{
    m_labelColour = colour;
}

void ChartInteraction::updateCursor()
{
    if (m_drag == Drag::Pan) {
        m_plot->setCursor(Qt::ClosedHandCursor);
    } else {
        m_plot->setCursor(m_mode == InteractionMode::Label ? Qt::CrossCursor : Qt::ArrowCursor);
    }
}

void ChartInteraction::onPress(QMouseEvent* event)
{
    if (m_drag != Drag::None) {
        return;
    }
    m_pressPos = event->position();
    m_pressRange = m_plot->xAxis->range();
    const bool ctrl = event->modifiers().testFlag(Qt::ControlModifier);
    if (event->button() == Qt::MiddleButton ||
        (event->button() == Qt::LeftButton && ctrl)) {
        m_drag = Drag::Pan;
    } else if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Band;
        m_erase = m_mode == InteractionMode::Label &&
                  event->modifiers().testFlag(Qt::ShiftModifier);
    }
    updateCursor();
}

void ChartInteraction::onMove(QMouseEvent* event)
{
    // QTest and some platforms do not set buttons() on moves: our own state says what is held.
    if (m_drag == Drag::Pan) {
        const double perPx = m_pressRange.size() / std::max(m_plot->axisRect()->width(), 1);
        const double dx = (m_pressPos.x() - event->position().x()) * perPx;
        m_plot->xAxis->setRange(m_pressRange.lower + dx, m_pressRange.upper + dx);
    } else if (m_drag == Drag::Band) {
        showBand(m_pressPos.x(), event->position().x());
    }
}

void ChartInteraction::onRelease(QMouseEvent* event)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    updateCursor();
    if (drag != Drag::Band) {
        return;
    }
    m_band->setVisible(false);
    m_plot->layer(QStringLiteral("overlay"))->replot();
    const double px0 = m_pressPos.x();
    const double px1 = event->position().x();
    const bool click = std::abs(px1 - px0) < kClickPx;
    const double x0 = m_plot->xAxis->pixelToCoord(std::min(px0, px1));
    const double x1 = m_plot->xAxis->pixelToCoord(std::max(px0, px1));
    if (m_mode == InteractionMode::Label) {
        Q_EMIT labelGesture(x0, x1, m_erase, click);
    } else if (!click) {
        Q_EMIT zoomGesture(x0, x1);
    } else {
        Q_EMIT pointClicked((x0 + x1) / 2);
    }
}

void ChartInteraction::onWheel(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0) {
        return;
    }
    const double factor = std::pow(kWheelBase, notches);
    const QPointF pos = event->position();
    if (pos.x() < m_plot->axisRect()->left()) {
        m_plot->yAxis->scaleRange(factor, m_plot->yAxis->pixelToCoord(pos.y()));
        Q_EMIT valueAxisZoomed();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    } else if (pos.x() > m_plot->axisRect()->right() && m_plot->yAxis2->visible()) {
        // The score axis (a new model's scores reset it to 0–1).
        m_plot->yAxis2->scaleRange(factor, m_plot->yAxis2->pixelToCoord(pos.y()));
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    } else {
        m_plot->xAxis->scaleRange(factor, m_plot->xAxis->pixelToCoord(pos.x()));
    }
    event->accept();
}

void ChartInteraction::showBand(double px0, double px1)
{
    QColor edge = m_mode == InteractionMode::Label ? m_labelColour : QColor(0x55, 0x55, 0x55);
    if (m_erase) {
        edge = QColor(0x33, 0x33, 0x33);
    }
    QColor fill = edge;
    fill.setAlpha(m_erase ? 30 : 50);
    QPen pen(edge, 1.0, m_erase ? Qt::DashLine : Qt::SolidLine);
    m_band->setPen(pen);
    m_band->setBrush(m_erase ? QBrush(fill, Qt::BDiagPattern) : QBrush(fill));
    m_band->topLeft->setCoords(std::min(px0, px1), 0.0);
    m_band->bottomRight->setCoords(std::max(px0, px1), 1.0);
    m_band->setVisible(true);
    m_plot->layer(QStringLiteral("overlay"))->replot();
}

} // namespace vigil::ui
