// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "vigil/label.h"
#include "vigil/time_series.h"

class QCustomPlot;

namespace vigil::ui {

/// The chart: every channel of one series in its own colour (gaps drawn as gaps), and labels as
/// translucent rectangles in their class colour. GUI thread only.
class SeriesChart : public QWidget
{
    Q_OBJECT

public:
    explicit SeriesChart(QWidget* parent = nullptr);

    void setSeries(const core::TimeSeries& series, const std::vector<core::Label>& labels);
    void clear();
    QCustomPlot* plot() const { return m_plot; }

private:
    QCustomPlot* m_plot = nullptr;
};

} // namespace vigil::ui
