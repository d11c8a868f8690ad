// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointF>

#include <qcustomplot.h>

#include "plot/interaction_mode.h"

namespace vigil::ui {

/// Mouse gestures on the main plot. Wheel zooms time at the cursor (over the value axis it zooms
/// values only); middle-drag or Ctrl+left-drag pans; a left-drag either labels (Label mode) or
/// zooms to the dragged range (Explore mode), previewed as a rubber band on the plot's
/// "overlay" layer, which is buffered so the preview repaints without a full replot.
/// GUI thread only.
class ChartInteraction : public QObject
{
    Q_OBJECT

public:
    explicit ChartInteraction(QCustomPlot* plot, QObject* parent = nullptr);

    InteractionMode mode() const { return m_mode; }
    void setMode(InteractionMode mode);
    /// Colour of the rubber band in Label mode.
    void setLabelColour(const QColor& colour);

Q_SIGNALS:
    /// Label mode: a drag (or a click when `click`) over [x0, x1] in plot coordinates.
    void labelGesture(double x0, double x1, bool erase, bool click);
    /// Explore mode: a drag asked to show [x0, x1].
    void zoomGesture(double x0, double x1);
    /// Explore mode: a click at x (plot coordinates) picked a point to explain.
    void pointClicked(double x);
    /// The value axis was zoomed by hand: stop fitting it automatically.
    void valueAxisZoomed();

private:
    enum class Drag { None, Pan, Band };
    void onPress(QMouseEvent* event);
    void onMove(QMouseEvent* event);
    void onRelease(QMouseEvent* event);
    void onWheel(QWheelEvent* event);
    void showBand(double px0, double px1);
    void updateCursor();

    QCustomPlot* m_plot = nullptr;
    QCPItemRect* m_band = nullptr;
    InteractionMode m_mode = InteractionMode::Explore;
    QColor m_labelColour;
    Drag m_drag = Drag::None;
    bool m_erase = false;
    QPointF m_pressPos;
    QCPRange m_pressRange;
};

} // namespace vigil::ui
