// SPDX-License-Identifier: MIT
// Chart replot time while panning and zooming a long series: each step moves the visible range,
// queries the min/max pyramid (SeriesChart::refreshNow) and replots synchronously. Target: the
// median and p95 stay under one frame (16 ms) at 1 M and 10 M points. The series carries a
// model's score, so each replot also draws the score line and the score strip.
#include "plot/chart_series.h"
#include "plot/score_track.h"
#include "plot/series_chart.h"

#include <QApplication>
#include <QElapsedTimer>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

using namespace vigil;

namespace {

core::TimeSeries makeSeries(std::int64_t n)
{
    core::TimeSeries s;
    s.name = "bench";
    s.channelNames = {"value"};
    s.values.resize(n, 1);
    std::mt19937 rng(1);
    std::normal_distribution<double> noise(0.0, 0.3);
    double level = 0.0;
    for (std::int64_t t = 0; t < n; ++t) {
        level += noise(rng) * 0.05;
        double v = level + std::sin(static_cast<double>(t) * 2e-3) + noise(rng);
        if (t % 200'003 < 500) {
            v = std::nan(""); // gaps stay gaps
        }
        s.values(t, 0) = v;
    }
    return s;
}

std::vector<core::Label> makeLabels(std::int64_t n)
{
    std::vector<core::Label> labels;
    for (std::int64_t b = 1000; b + 300 < n; b += n / 200) {
        core::Label l;
        l.seriesId = 1;
        l.begin = b;
        l.end = b + 300;
        l.classId = labels.size() % 3 == 0 ? core::kClassNormal : core::kClassAnomaly;
        l.source = labels.size() % 2 == 0 ? core::LabelSource::Human
                                          : core::LabelSource::Imported;
        labels.push_back(l);
    }
    return labels;
}

/// A score per row: low noise with a high stretch every 50 000 rows.
std::vector<double> makeScores(std::int64_t n)
{
    std::vector<double> scores(static_cast<std::size_t>(n));
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> low(0.0, 0.2);
    for (std::int64_t t = 0; t < n; ++t) {
        scores[static_cast<std::size_t>(t)] = t % 50'000 < 40 ? 0.95 : low(rng);
    }
    return scores;
}

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(std::lround(q * static_cast<double>(v.size() - 1)));
    return v[i];
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    ui::SeriesChart chart;
    chart.resize(1400, 700);
    chart.show();
    QApplication::processEvents();
    std::printf("chart replot benchmark (%d x %d px plot, 100 random pan/zoom steps)\n",
                chart.plot()->width(), chart.plot()->height());
    bool ok = true;
    for (std::int64_t n : {std::int64_t{1'000'000}, std::int64_t{10'000'000}}) {
        QElapsedTimer build;
        build.start();
        auto series = ui::ChartSeries::make(1, makeSeries(n));
        const double buildMs = static_cast<double>(build.nsecsElapsed()) / 1e6;
        chart.setSeries(series, makeLabels(n));
        chart.setScores(ui::ScoreTrack::make(*series, 1, 0.5, makeScores(n)));
        if (chart.scores() == nullptr || chart.scoreGraph() == nullptr) {
            std::fprintf(stderr, "bench_chart_replot: the score track was not built\n");
            return 1;
        }
        QApplication::processEvents();
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);

        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        const double full = static_cast<double>(n);
        std::vector<double> ms;
        std::vector<double> queryMs;
        std::size_t maxPoints = 0;
        for (int step = 0; step < 100; ++step) {
            // Spans from ~100 samples to the whole series, log-uniform; random centre.
            const double span = std::exp(std::log(100.0) + u(rng) * std::log(full / 100.0));
            const double centre = u(rng) * full;
            QElapsedTimer t;
            t.start();
            chart.setVisibleRange(centre - span / 2, centre + span / 2);
            chart.refreshNow();
            queryMs.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
            maxPoints = std::max(maxPoints,
                                 static_cast<std::size_t>(chart.plot()->graph(0)->dataCount()));
        }
        const double median = percentile(ms, 0.5);
        const double p95 = percentile(ms, 0.95);
        std::printf("%9lld points: pyramid build %.0f ms; replot median %.2f ms, p95 %.2f ms, "
                    "max %.2f ms (of which pyramid query and chart update: median %.2f ms, "
                    "p95 %.2f ms); at most %zu points drawn (plot %d px wide)%s\n",
                    static_cast<long long>(n), buildMs, median, p95,
                    *std::max_element(ms.begin(), ms.end()), percentile(queryMs, 0.5),
                    percentile(queryMs, 0.95), maxPoints,
                    chart.plot()->axisRect()->width(), p95 <= 16.0 ? "" : "  [over 16 ms]");
        ok = ok && p95 <= 16.0;
    }
    return ok ? 0 : 1;
}
