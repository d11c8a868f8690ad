// SPDX-License-Identifier: MIT
#include "plot/label_overlay.h"

#include "plot/chart_series.h"
#include "plot/label_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace vigil::ui {
namespace {

/// Left and right edge of a row on the time axis: half-way to its neighbours, so a one-point
/// label keeps a visible width and adjacent labels touch.
double leftEdge(const core::MinMaxPyramid& p, std::int64_t row)
{
    if (p.length() < 2) {
        return p.x(row) - 0.5;
    }
    if (row <= 0) {
        return p.x(0) - (p.x(1) - p.x(0)) / 2;
    }
    return (p.x(row - 1) + p.x(row)) / 2;
}

double rightEdge(const core::MinMaxPyramid& p, std::int64_t row)
{
    const std::int64_t n = p.length();
    if (n < 2) {
        return p.x(row) + 0.5;
    }
    if (row >= n - 1) {
        return p.x(n - 1) + (p.x(n - 1) - p.x(n - 2)) / 2;
    }
    return (p.x(row) + p.x(row + 1)) / 2;
}

} // namespace

LabelOverlay::LabelOverlay(QCustomPlot* plot)
    : m_plot(plot)
{
}

void LabelOverlay::setLabels(std::vector<core::Label> labels)
{
    m_labels = std::move(labels);
    std::sort(m_labels.begin(), m_labels.end(),
              [](const core::Label& a, const core::Label& b) { return a.begin < b.begin; });
}

void LabelOverlay::clear()
{
    m_labels.clear();
    for (auto* rect : m_pool) {
        rect->setVisible(false);
    }
    m_used = 0;
}

QCPItemRect* LabelOverlay::item(int index)
{
    if (index < m_pool.size()) {
        return m_pool[index];
    }
    auto* rect = new QCPItemRect(m_plot);
    rect->setLayer(QStringLiteral("labels"));
    rect->setSelectable(false);
    rect->setAntialiased(false); // axis-aligned: nothing to smooth
    // x in widget pixels (see update()), y spanning the axis rect.
    rect->topLeft->setTypeX(QCPItemPosition::ptAbsolute);
    rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    rect->bottomRight->setTypeX(QCPItemPosition::ptAbsolute);
    rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_pool.append(rect);
    return rect;
}

std::pair<double, double> LabelOverlay::band(int channel, int channels)
{
    if (channel < 0 || channels <= 1) {
        return {0.0, 1.0}; // all channels, or the only one
    }
    // Strips of at most a tenth of the height, stacked up from the bottom in channel order.
    const double h = std::min(0.1, 0.5 / channels);
    const int c = std::min(channel, channels - 1);
    return {1.0 - h * (c + 1), 1.0 - h * c};
}

void LabelOverlay::update(const ChartSeries* series, const std::vector<bool>& visibleChannels)
{
    int used = 0;
    if (series != nullptr && series->length() > 0) {
        const core::MinMaxPyramid& p = series->pyramid;
        QCPAxis* xAxis = m_plot->xAxis;
        const QCPRange range = xAxis->range();
        const std::int64_t n = p.length();
        const std::int64_t r0 = std::max<std::int64_t>(p.lowerRow(range.lower) - 1, 0);
        const std::int64_t r1 = std::min(p.lowerRow(range.upper) + 1, n);
        const QRect area = m_plot->axisRect()->rect();
        // Labels are sorted by begin; those ending before r0 are skipped one by one, which is
        // cheap next to drawing them.
        const auto endIt = std::lower_bound(
            m_labels.begin(), m_labels.end(), r1,
            [](const core::Label& l, std::int64_t row) { return l.begin < row; });
        // The last rectangle of each band (all channels, or one channel): touching labels of
        // one look merge within their band, however the bands' labels interleave.
        std::map<int, std::pair<const core::Label*, QCPItemRect*>> last;
        for (auto it = m_labels.begin(); it != endIt; ++it) {
            const core::Label& l = *it;
            if (l.end <= r0 || l.begin >= n || l.end <= 0) {
                continue;
            }
            if (l.channel >= 0 && static_cast<std::size_t>(l.channel) < visibleChannels.size() &&
                !visibleChannels[static_cast<std::size_t>(l.channel)]) {
                continue; // a label of a hidden channel
            }
            const auto [top, bottom] = band(l.channel, series->channels());
            // Whole pixels: QPainter fills pixel-aligned rectangles on its fast path (a
            // translucent fractional one goes through the rasteriser and costs ~50x more),
            // and a one-point label stays at least a pixel wide at any zoom.
            double leftPx = std::max(
                std::round(xAxis->coordToPixel(leftEdge(p, std::max<std::int64_t>(l.begin, 0)))),
                static_cast<double>(area.left() - 2));
            double rightPx = std::min(
                std::round(xAxis->coordToPixel(rightEdge(p, std::min(l.end, n) - 1))),
                static_cast<double>(area.right() + 2));
            rightPx = std::max(rightPx, leftPx + 1.0);
            auto& [prev, prevRect] = last[l.channel];
            if (prev != nullptr && prev->classId == l.classId && prev->source == l.source &&
                leftPx <= prevRect->bottomRight->coords().x() + 1.0) {
                // Touching rectangles of the same look: one rectangle (caps the count at the
                // plot's width per band however many labels there are).
                prevRect->bottomRight->setCoords(
                    std::max(prevRect->bottomRight->coords().x(), rightPx), bottom);
                continue;
            }
            // Labels narrower than a pixel of other looks (classes alternating every few rows
            // of a long series, zoomed out): one rectangle per pixel column, an anomaly's look
            // winning it, not one per label (5000 rectangles cost 50-80 ms per wheel step).
            if (prev != nullptr && rightPx - leftPx <= 1.0) {
                const double prevRight = prevRect->bottomRight->coords().x();
                if (rightPx <= prevRight) {
                    const bool prevTiny = prevRight - prevRect->topLeft->coords().x() <= 1.0;
                    if (prevTiny && l.classId == core::kClassAnomaly &&
                        prev->classId != core::kClassAnomaly) {
                        prevRect->setBrush(LabelStyle::fill(l.classId));
                        prevRect->setPen(LabelStyle::outline(l.classId, l.source));
                        prev = &l;
                    }
                    continue;
                }
                leftPx = std::max(leftPx, prevRight);
                rightPx = std::max(rightPx, leftPx + 1.0);
            }
            QCPItemRect* rect = item(used++);
            rect->topLeft->setCoords(leftPx, top);
            rect->bottomRight->setCoords(rightPx, bottom);
            rect->setBrush(LabelStyle::fill(l.classId));
            rect->setPen(LabelStyle::outline(l.classId, l.source));
            rect->setVisible(true);
            prev = &l;
            prevRect = rect;
        }
    }
    for (int i = used; i < m_pool.size(); ++i) {
        m_pool[i]->setVisible(false);
    }
    m_used = used;
}

} // namespace vigil::ui
