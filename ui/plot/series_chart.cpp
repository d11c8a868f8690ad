// SPDX-License-Identifier: MIT
#include "plot/series_chart.h"

#include <QVBoxLayout>

#include <qcustomplot.h>

#include <array>
#include <cmath>

namespace vigil::ui {
namespace {
// Okabe–Ito: distinguishable with the common forms of colour blindness.
constexpr std::array<QRgb, 7> kChannelColours = {0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7,
                                                  0xff56b4e9, 0xffd55e00, 0xfff0e442};

QColor classColour(int classId)
{
    return classId == core::kClassAnomaly ? QColor(0xd5, 0x5e, 0x00) : QColor(0x00, 0x9e, 0x73);
}
} // namespace

SeriesChart::SeriesChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->legend->setVisible(true);
    m_plot->addLayer(QStringLiteral("labels"), m_plot->layer(QStringLiteral("grid")),
                     QCustomPlot::limAbove);
}

void SeriesChart::clear()
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setSeries(const core::TimeSeries& series, const std::vector<core::Label>& labels)
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    const bool dates = series.timeKind == core::TimeKind::EpochMillis;
    auto xOf = [&](std::int64_t row) {
        return dates ? static_cast<double>(series.timestamps[static_cast<size_t>(row)]) / 1000.0
                     : static_cast<double>(row);
    };
    if (dates) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("yyyy-MM-dd\nHH:mm"));
        ticker->setDateTimeSpec(Qt::UTC);
        m_plot->xAxis->setTicker(ticker);
    } else {
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    const auto n = series.length();
    QVector<double> xs(n);
    for (std::int64_t t = 0; t < n; ++t) {
        xs[t] = xOf(t);
    }
    for (int c = 0; c < series.channels(); ++c) {
        QVector<double> ys(n);
        for (std::int64_t t = 0; t < n; ++t) {
            ys[t] = series.values(t, c); // NaN stays NaN: QCustomPlot draws a gap
        }
        auto* graph = m_plot->addGraph();
        graph->setData(xs, ys, true);
        graph->setPen(QPen(QColor::fromRgb(kChannelColours[static_cast<size_t>(c) %
                                                           kChannelColours.size()]),
                           1.2));
        graph->setName(QString::fromStdString(series.channelNames[static_cast<size_t>(c)]));
    }
    m_plot->setCurrentLayer(QStringLiteral("labels"));
    for (const auto& l : labels) {
        if (l.begin >= n || l.end <= 0) {
            continue;
        }
        auto* rect = new QCPItemRect(m_plot);
        rect->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        // A one-point label still gets a visible width: half a step either side.
        const double step = n > 1 ? xOf(1) - xOf(0) : 1.0;
        rect->topLeft->setCoords(xOf(std::max<std::int64_t>(l.begin, 0)) - step / 2, 0.0);
        rect->bottomRight->setCoords(xOf(std::min<std::int64_t>(l.end, n) - 1) + step / 2, 1.0);
        QColor fill = classColour(l.classId);
        fill.setAlpha(l.classId == core::kClassAnomaly ? 70 : 30);
        rect->setBrush(fill);
        // The outline keeps one-point labels visible at any zoom; its style tells the source:
        // human solid, imported thin and lighter, propagated dashed ("suggested").
        QColor edge = classColour(l.classId);
        QPen pen(edge, 1.5);
        if (l.source == core::LabelSource::Imported) {
            edge.setAlpha(150);
            pen = QPen(edge, 1.0);
        } else if (l.source == core::LabelSource::Propagated) {
            pen.setStyle(Qt::DashLine);
        }
        rect->setPen(pen);
    }
    m_plot->setCurrentLayer(QStringLiteral("main"));
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace vigil::ui
