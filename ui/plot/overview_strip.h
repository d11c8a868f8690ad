// SPDX-License-Identifier: MIT
#pragma once

#include <qcustomplot.h>

#include <memory>
#include <vector>

namespace vigil::ui {

struct ChartSeries;

/// The strip under the chart: the whole series (decimated to the strip's width) with the
/// visible range as a window that can be dragged, resized at its edges, or moved by clicking
/// outside it. GUI thread only.
class OverviewStrip : public QCustomPlot
{
    Q_OBJECT

public:
    explicit OverviewStrip(QWidget* parent = nullptr);

    void setSeries(std::shared_ptr<const ChartSeries> series);
    /// Moves the window without emitting windowDragged (the chart calls it on every range change).
    void setWindow(const QCPRange& range);
    QCPRange window() const;
    /// Keeps the plotting area aligned with the main chart's.
    void setPlotMargins(int left, int right);
    QCPItemRect* windowItem() const { return m_window; }
    /// Recolours the channels after the palette changed.
    void applyPalette();
    /// Draws only the channels whose entry is true (missing entries: drawn), fitting the value
    /// axis to them.
    void setVisibleChannels(const std::vector<bool>& visible);

Q_SIGNALS:
    /// The user moved or resized the window.
    void windowDragged(const QCPRange& range);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    enum class Drag { None, Move, Left, Right };
    Drag hitTest(double px) const;
    void redecimate();

    std::shared_ptr<const ChartSeries> m_series;
    QCPItemRect* m_window = nullptr;
    Drag m_drag = Drag::None;
    double m_pressPx = 0.0;
    QCPRange m_pressRange;
    int m_decimatedWidth = -1;
    std::vector<bool> m_visible; ///< per channel; empty: all
};

} // namespace vigil::ui
