// SPDX-License-Identifier: MIT
#pragma once

#include <QList>

#include "vigil/label.h"

#include <vector>

class QCustomPlot;
class QCPAxis;
class QCPItemRect;

namespace vigil::ui {

struct ChartSeries;

/// Draws labels as translucent rectangles on a plot's "labels" layer, only those inside the
/// visible range, reusing a pool of items so panning creates no garbage. Labels that would be
/// drawn narrower than a pixel next to one of the same look are drawn as one rectangle.
/// GUI thread only.
class LabelOverlay
{
public:
    explicit LabelOverlay(QCustomPlot* plot);

    /// Labels of the shown series, any order.
    void setLabels(std::vector<core::Label> labels);
    const std::vector<core::Label>& labels() const { return m_labels; }
    /// Re-lays out the rectangles for the x axis' current range.
    void update(const ChartSeries* series);
    /// Number of rectangles currently shown.
    int visibleCount() const { return m_used; }
    void clear();

private:
    QCPItemRect* item(int index);

    QCustomPlot* m_plot = nullptr;
    std::vector<core::Label> m_labels; ///< sorted by begin
    QList<QCPItemRect*> m_pool;
    int m_used = 0;
};

} // namespace vigil::ui
