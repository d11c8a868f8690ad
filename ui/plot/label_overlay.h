// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/label.h"

#include <QList>

#include <utility>
#include <vector>

class QCustomPlot;
class QCPAxis;
class QCPItemRect;

namespace vigil::ui {

struct ChartSeries;

/// Draws labels as translucent rectangles on a plot's "labels" layer, only those inside the
/// visible range, reusing a pool of items so panning creates no garbage. Labels that would be
/// drawn narrower than a pixel next to one of the same look are drawn as one rectangle.
/// A label of all channels spans the plot's height; a label of one channel is a strip along
/// the bottom (one strip per channel; the whole height on a one-channel series), and is not
/// drawn while its channel is hidden.
/// GUI thread only.
class LabelOverlay
{
public:
    explicit LabelOverlay(QCustomPlot* plot);

    /// Labels of the shown series, any order.
    void setLabels(std::vector<core::Label> labels);
    const std::vector<core::Label>& labels() const { return m_labels; }
    /// Re-lays out the rectangles for the x axis' current range. `visibleChannels` (one per
    /// channel; missing entries count as shown) decides which channel labels are drawn.
    void update(const ChartSeries* series, const std::vector<bool>& visibleChannels = {});
    /// The vertical extent of a label of `channel` (kAllChannels: the whole height) among
    /// `channels`, as fractions of the plot's height from the top.
    static std::pair<double, double> band(int channel, int channels);
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
