// SPDX-License-Identifier: MIT
#include "plot/series_chart.h"

#include "plot/chart_interaction.h"
#include "plot/chart_series.h"
#include "plot/label_style.h"
#include "plot/overview_strip.h"
#include "plot/palette.h"
#include "plot/score_track.h"
#include "plot/series_colours.h"
#include "shortcuts.h"

#include <QAction>
#include <QActionGroup>
#include <QDateTime>
#include <QEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace vigil::ui {

namespace {

/// Ticks on whole numbers (rows, integer timestamps): a deep zoom asks for steps below 1,
/// which whole-number labels would repeat.
class WholeNumberTicker : public QCPAxisTicker
{
protected:
    double getTickStep(const QCPRange& range) override
    {
        return std::max(1.0, QCPAxisTicker::getTickStep(range));
    }
};

constexpr double kMinVisibleRows = 8.0; // deepest zoom: about this many samples across
constexpr std::ptrdiff_t kLegendChannels = 8; // more channels drawn: the legend names none
constexpr int kLegendNameWidth = 220;         // pixels of a channel's name in the legend
constexpr int kScoreStripHeight = 12;         // pixels, margins included
constexpr int kFocusFrame = 2;                // pixels, drawn inside the plot while it has focus

/// The plot's focus frame: a child over the whole plot that lets every mouse event through and
/// draws a frame in the highlight colour while the plot has the keyboard focus. A margin around
/// the plot would move its pixels whenever the frame came and went.
class FocusFrame : public QWidget
{
public:
    explicit FocusFrame(QWidget* plot)
        : QWidget(plot)
        , m_plot(plot)
    {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setFocusPolicy(Qt::NoFocus);
    }

protected:
    void paintEvent(QPaintEvent*) override
    {
        if (!m_plot->hasFocus()) {
            return;
        }
        QPainter painter(this);
        QPen pen(palette().color(QPalette::Highlight), kFocusFrame);
        pen.setJoinStyle(Qt::MiterJoin);
        painter.setPen(pen);
        const qreal half = kFocusFrame / 2.0;
        painter.drawRect(QRectF(rect()).adjusted(half, half, -half, -half));
    }

private:
    QWidget* m_plot;
};
} // namespace

SeriesChart::SeriesChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_overview(new OverviewStrip(this))
    , m_interaction(new ChartInteraction(m_plot, this))
    , m_overlay(m_plot)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_overview);
    m_plot->setObjectName(QStringLiteral("mainPlot"));
    m_plot->setFocusPolicy(Qt::StrongFocus);
    m_plot->setAccessibleName(tr("Series chart"));
    m_plot->setAccessibleDescription(
        tr("The shown series with its anomaly score and labels. Arrow keys pan and zoom, Enter "
           "labels the visible range, Delete erases its labels."));
    m_plot->setPlottingHint(QCP::phFastPolylines, true);
    m_plot->legend->setVisible(false);          // shown by updateLegend() once it names something
    m_plot->setAutoAddPlottableToLegend(false); // updateLegend() decides what it names
    // Labels lie under the grid and the series (their fill is opaque, see LabelStyle::fill).
    m_plot->addLayer(QStringLiteral("labels"), m_plot->layer(QStringLiteral("grid")),
                     QCustomPlot::limBelow);
    // The score line: over the labels and the grid, under the series lines.
    m_plot->addLayer(QStringLiteral("scores"), m_plot->layer(QStringLiteral("grid")),
                     QCustomPlot::limAbove);
    // With many channels drawn their lines would hide it: it goes over them instead.
    m_plot->addLayer(QStringLiteral("scoresOver"), m_plot->layer(QStringLiteral("main")),
                     QCustomPlot::limAbove);
    m_plot->yAxis2->setLabel(tr("anomaly score"));
    m_plot->yAxis2->setRange(0.0, 1.05);
    m_plot->yAxis2->setVisible(false);
    // The score strip: a thin row under the plot, the score as a colour ramp (UX.md), readable
    // where many channels' lines cover the score line. Its x axis follows the plot's.
    m_stripRect = new QCPAxisRect(m_plot, false);
    m_stripRect->addAxes(QCPAxis::atBottom | QCPAxis::atLeft);
    for (QCPAxis* axis : m_stripRect->axes()) {
        axis->setVisible(false);
    }
    m_stripRect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0);
    m_stripRect->setMinimumSize(0, kScoreStripHeight);
    m_stripRect->setMaximumSize(QWIDGETSIZE_MAX, kScoreStripHeight);
    // Left and right follow the plot's (the margin group works on automatic margins only).
    m_stripRect->setAutoMargins(QCP::msLeft | QCP::msRight);
    m_stripRect->setMinimumMargins(QMargins(0, 2, 0, 2));
    m_stripRect->setMargins(QMargins(0, 2, 0, 2));
    auto* columns = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    m_stripRect->setMarginGroup(QCP::msLeft | QCP::msRight, columns);
    m_plot->plotLayout()->addElement(1, 0, m_stripRect);
    m_plot->plotLayout()->setRowSpacing(0);
    m_scoreStrip =
        new QCPColorMap(m_stripRect->axis(QCPAxis::atBottom), m_stripRect->axis(QCPAxis::atLeft));
    m_scoreStrip->setInterpolate(false);
    m_scoreStrip->setTightBoundary(true);
    m_scoreStrip->setDataRange(QCPRange(0.0, 1.0));
    m_scoreStrip->setVisible(false);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_stripRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    m_thresholdLine = new QCPItemStraightLine(m_plot);
    m_thresholdLine->setLayer(QStringLiteral("scores"));
    m_thresholdLine->point1->setAxes(m_plot->xAxis, m_plot->yAxis2);
    m_thresholdLine->point2->setAxes(m_plot->xAxis, m_plot->yAxis2);
    m_thresholdLine->setSelectable(false);
    m_thresholdLine->setVisible(false);
    // The current query or detection: an outline over the whole height, in plot x coordinates.
    m_highlight = new QCPItemRect(m_plot);
    m_highlight->setLayer(QStringLiteral("scores"));
    m_highlight->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_highlight->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_highlight->setPen(QPen(QColor(0x22, 0x22, 0x22), 1.5, Qt::DashLine));
    m_highlight->setBrush(QColor(0xff, 0xd7, 0x00, 40));
    m_highlight->setSelectable(false);
    m_highlight->setVisible(false);
    m_focusFrame = new FocusFrame(m_plot);
    m_plot->installEventFilter(this);
    setFocusProxy(m_plot);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(0);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        refreshNow();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    // The plot area changes width without the widget resizing when the value axis' labels
    // widen or narrow (a new range, the score axis): the columns were decimated for the old
    // width. Narrower, they kept more than two points per pixel; wider, the columns stood apart
    // and pixel columns between them were only crossed by slanted joins, drawn as false gaps
    // after switching series. Two such refreshes in a row at most, so a width that flips with
    // the labels of each decimation cannot chase itself.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        const int width = m_plot->axisRect()->width();
        if (m_series && width > 10 && width != m_refreshedWidth && m_layoutRefreshes < 2) {
            ++m_layoutRefreshes;
            if (!m_refreshTimer.isActive()) {
                m_refreshTimer.start();
            }
        }
    });
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &SeriesChart::onRangeChanged);
    connect(m_plot, &QCustomPlot::afterLayout, this, &SeriesChart::syncOverviewMargins);
    // Label rectangles sit at pixel positions (QPainter's fast path): recompute them once the
    // layout is final, or a resize leaves them where the old axis rect put them.
    connect(m_plot, &QCustomPlot::afterLayout, this,
            [this] { m_overlay.update(m_series.get(), m_channelVisible); });
    connect(m_overview, &OverviewStrip::windowDragged, this,
            [this](const QCPRange& r) { setVisibleRange(r.lower, r.upper); });
    connect(m_interaction, &ChartInteraction::labelGesture, this, &SeriesChart::onLabelGesture);
    connect(m_interaction, &ChartInteraction::zoomGesture, this,
            [this](double x0, double x1) { setVisibleRange(x0, x1); });
    connect(m_interaction, &ChartInteraction::valueAxisZoomed, this, [this] { m_yFixed = true; });
    connect(m_interaction, &ChartInteraction::pointClicked, this, [this](double x) {
        if (m_series && m_series->length() > 0) {
            Q_EMIT rowPicked(m_series->id, m_series->pyramid.nearestRow(x));
        }
    });
    createActions();
    setCurrentClass(core::kClassAnomaly);
    setMode(InteractionMode::Explore);
    applyPalette();
    connect(&Palette::instance(), &Palette::changed, this, &SeriesChart::applyPalette);
}

SeriesChart::~SeriesChart() = default;

void SeriesChart::createActions()
{
    auto* modes = new QActionGroup(this);
    Shortcuts& keys = Shortcuts::instance();
    auto addMode = [&](InteractionMode mode, const QString& text, const QString& id) {
        auto* a = new QAction(text, this);
        a->setCheckable(true);
        a->setShortcutContext(Qt::WindowShortcut);
        keys.bind(a, id);
        modes->addAction(a);
        addAction(a);
        connect(a, &QAction::triggered, this, [this, mode] { setMode(mode); });
        m_modeActions << a;
    };
    addMode(InteractionMode::Label, tr("&Label mode"), QStringLiteral("chart.mode.label"));
    addMode(InteractionMode::Explore, tr("&Explore mode"), QStringLiteral("chart.mode.explore"));

    auto* classes = new QActionGroup(this);
    for (int c = 1; c <= 9; ++c) {
        auto* a = new QAction(tr("Class %1: %2").arg(c).arg(LabelStyle::className(c)), this);
        a->setCheckable(true);
        a->setShortcutContext(Qt::WindowShortcut);
        keys.bind(a, QStringLiteral("chart.class.%1").arg(c));
        classes->addAction(a);
        addAction(a);
        connect(a, &QAction::triggered, this, [this, c] { setCurrentClass(c); });
        m_classActions << a;
    }

    auto addView = [&](const QString& text, const char* id, Qt::ShortcutContext context,
                       auto slot) {
        auto* a = new QAction(text, this);
        a->setShortcutContext(context);
        keys.bind(a, QLatin1String(id));
        addAction(a);
        connect(a, &QAction::triggered, this, slot);
        m_viewActions << a;
    };
    addView(tr("&Fit all"), "chart.fit", Qt::WindowShortcut, [this] { fitAll(); });
    // Arrows belong to whichever widget has focus: the chart only takes them when it has it.
    addView(tr("Pan left"), "chart.pan.left", Qt::WidgetWithChildrenShortcut,
            [this] { panBy(-0.1); });
    addView(tr("Pan right"), "chart.pan.right", Qt::WidgetWithChildrenShortcut,
            [this] { panBy(0.1); });
    addView(tr("Pan left (big step)"), "chart.pan.left.big", Qt::WidgetWithChildrenShortcut,
            [this] { panBy(-0.5); });
    addView(tr("Pan right (big step)"), "chart.pan.right.big", Qt::WidgetWithChildrenShortcut,
            [this] { panBy(0.5); });
    addView(tr("Zoom in"), "chart.zoom.in", Qt::WidgetWithChildrenShortcut,
            [this] { zoomBy(0.8); });
    addView(tr("Zoom out"), "chart.zoom.out", Qt::WidgetWithChildrenShortcut,
            [this] { zoomBy(1.25); });
    addView(tr("Zoom in (big step)"), "chart.zoom.in.big", Qt::WidgetWithChildrenShortcut,
            [this] { zoomBy(0.4); });
    addView(tr("Zoom out (big step)"), "chart.zoom.out.big", Qt::WidgetWithChildrenShortcut,
            [this] { zoomBy(2.5); });
    addView(tr("Label the visible range"), "chart.label.visible", Qt::WidgetWithChildrenShortcut,
            [this] { labelVisibleRange(false); });
    addView(tr("Erase the labels of the visible range"), "chart.erase.visible",
            Qt::WidgetWithChildrenShortcut, [this] { labelVisibleRange(true); });
}

void SeriesChart::labelVisibleRange(bool erase)
{
    const QCPRange visible = m_plot->xAxis->range();
    onLabelGesture(visible.lower, visible.upper, erase, false);
}

QList<QAction*> SeriesChart::modeActions() const
{
    return m_modeActions;
}

QList<QAction*> SeriesChart::classActions() const
{
    return m_classActions;
}

QList<QAction*> SeriesChart::viewActions() const
{
    return m_viewActions;
}

std::int64_t SeriesChart::seriesId() const
{
    return m_series ? m_series->id : 0;
}

double SeriesChart::xOfRow(std::int64_t row) const
{
    return m_series && row >= 0 && row < m_series->length() ? m_series->pyramid.x(row)
                                                            : std::nan("");
}

void SeriesChart::setMode(InteractionMode mode)
{
    m_mode = mode;
    m_interaction->setMode(mode);
    m_modeActions[mode == InteractionMode::Label ? 0 : 1]->setChecked(true);
    Q_EMIT modeChanged(mode);
}

void SeriesChart::updateClassNames()
{
    for (int c = 1; c <= static_cast<int>(m_classActions.size()); ++c) {
        m_classActions[c - 1]->setText(tr("Class %1: %2").arg(c).arg(LabelStyle::className(c)));
    }
}

void SeriesChart::setCurrentClass(int classId)
{
    m_class = std::clamp(classId, 1, 9);
    m_interaction->setLabelColour(LabelStyle::classColour(m_class));
    m_classActions[m_class - 1]->setChecked(true);
    Q_EMIT currentClassChanged(m_class);
}

void SeriesChart::clear()
{
    m_series.reset();
    m_scores.reset();
    m_channelVisible.clear();
    m_refreshTimer.stop();
    m_plot->clearGraphs();
    m_scoreGraph = nullptr; // clearGraphs() deleted it
    m_scoreStrip->setVisible(false);
    m_plot->yAxis2->setVisible(false);
    m_thresholdLine->setVisible(false);
    clearHighlight();
    m_overlay.clear();
    m_overview->setSeries(nullptr);
    m_plot->legend->clearItems();
    m_plot->legend->setVisible(false); // no empty box without a series
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setSeries(std::shared_ptr<const ChartSeries> series,
                            std::vector<core::Label> labels,
                            std::shared_ptr<const ScoreTrack> scores)
{
    m_series = std::move(series);
    m_layoutRefreshes = 0; // another series: its layout may ask again (no range change resets it)
    m_plot->clearGraphs();
    m_scoreGraph = nullptr; // clearGraphs() deleted it
    m_scores.reset();
    clearHighlight();
    if (!m_series) {
        clear();
        return;
    }
    if (m_series->dates()) {
        auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
        ticker->setDateTimeFormat(QStringLiteral("yyyy-MM-dd\nHH:mm"));
        ticker->setDateTimeSpec(Qt::UTC);
        m_plot->xAxis->setTicker(ticker);
    } else {
        auto ticker = QSharedPointer<WholeNumberTicker>::create();
        m_plot->xAxis->setTicker(ticker);
    }
    // Integer timestamps of 13 digits would run into each other: slanted, fewer of them.
    const double widest = std::max(std::abs(xOfRow(0)), std::abs(xOfRow(m_series->length() - 1)));
    const bool longLabels = !m_series->dates() && widest >= 1e7;
    m_plot->xAxis->ticker()->setTickCount(longLabels ? 4 : 5);
    m_plot->xAxis->setTickLabelRotation(longLabels ? 30 : 0);
    // Rows and integer timestamps as whole numbers: the default "gb" format wrote 1.7E+12 on
    // every tick of an epoch axis, and 2E+06 beside 500000 on a long series.
    m_plot->xAxis->setNumberFormat(m_series->dates() ? QStringLiteral("gb") : QStringLiteral("f"));
    m_plot->xAxis->setNumberPrecision(0);
    // A long channel name is shortened in its middle (its start and its unit or index at the
    // end stay): a 60-character name made a legend box a third of the chart wide. The Series
    // list shows the full name.
    const QFontMetrics legendFont(m_plot->legend->font());
    for (int c = 0; c < m_series->channels(); ++c) {
        auto* graph = m_plot->addGraph();
        graph->setName(legendFont.elidedText(m_series->channelNames.value(c), Qt::ElideMiddle,
                                             kLegendNameWidth));
    }
    m_channelVisible.assign(static_cast<std::size_t>(m_series->channels()), true);
    updateLegend();
    applyChannelPens();
    m_overlay.setLabels(std::move(labels));
    m_overview->setSeries(m_series);
    setScores(std::move(scores));
    // A series without a value keeps no other series' value range (the refresh fits one that
    // has values).
    if (!m_yFixed) {
        m_plot->yAxis->setRange(-1.0, 1.0);
    }
    fitAll();
}

void SeriesChart::ensureScoreGraph()
{
    if (m_scoreGraph) {
        return;
    }
    // Added after the channel graphs, so graph(c) stays channel c.
    m_scoreGraph = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    m_scoreGraph->setLayer(QStringLiteral("scores"));
    applyScorePens();
    updateLegend();
}

void SeriesChart::applyChannelPens()
{
    for (int c = 0; m_series && c < m_series->channels() && c < m_plot->graphCount(); ++c) {
        m_plot->graph(c)->setPen(QPen(SeriesColours::channel(c), 1.2));
    }
}

void SeriesChart::setChannelVisible(int channel, bool visible)
{
    if (channel < 0 || channel >= static_cast<int>(m_channelVisible.size()) ||
        m_channelVisible[static_cast<std::size_t>(channel)] == visible) {
        return;
    }
    m_channelVisible[static_cast<std::size_t>(channel)] = visible;
    applyChannelVisibility();
}

bool SeriesChart::isChannelVisible(int channel) const
{
    return channel >= 0 && channel < static_cast<int>(m_channelVisible.size()) &&
           m_channelVisible[static_cast<std::size_t>(channel)];
}

void SeriesChart::setVisibleChannels(const std::vector<bool>& visible)
{
    bool changed = false;
    for (std::size_t c = 0; c < m_channelVisible.size(); ++c) {
        const bool v = c >= visible.size() || visible[c];
        changed = changed || m_channelVisible[c] != v;
        m_channelVisible[c] = v;
    }
    if (changed) {
        applyChannelVisibility();
    }
}

void SeriesChart::updateLegend()
{
    // The channels drawn, in channel order, then the score. With more than kLegendChannels
    // drawn, the score only: 38 server metrics would cover the chart, and the Series list shows
    // each channel's colour beside its check box.
    m_plot->legend->clearItems();
    const int channels = std::min(static_cast<int>(m_channelVisible.size()),
                                  m_plot->graphCount() - (m_scoreGraph ? 1 : 0));
    const auto drawn =
        std::count(m_channelVisible.begin(), m_channelVisible.begin() + channels, true);
    for (int c = 0; c < channels && drawn <= kLegendChannels; ++c) {
        if (m_channelVisible[static_cast<std::size_t>(c)]) {
            m_plot->graph(c)->addToLegend();
        }
    }
    if (m_scoreGraph) {
        m_scoreGraph->addToLegend();
        m_scoreGraph->setLayer(drawn > kLegendChannels ? QStringLiteral("scoresOver")
                                                       : QStringLiteral("scores"));
    }
    m_plot->legend->setVisible(m_plot->legend->itemCount() > 0); // no empty box
}

void SeriesChart::applyChannelVisibility()
{
    for (int c = 0; c < static_cast<int>(m_channelVisible.size()) && c < m_plot->graphCount();
         ++c) {
        m_plot->graph(c)->setVisible(m_channelVisible[static_cast<std::size_t>(c)]);
    }
    updateLegend();
    m_overview->setVisibleChannels(m_channelVisible);
    refreshNow(); // a channel shown again needs its points; the value axis fits the drawn ones
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::applyScorePens()
{
    const QColor colour = Palette::instance().score();
    // From nothing at score 0 to the score colour at 1: the strip is blank where all is calm.
    QCPColorGradient ramp;
    ramp.clearColorStops();
    QColor calm = colour;
    calm.setAlpha(0);
    QColor half = colour;
    half.setAlpha(90);
    ramp.setColorStopAt(0.0, calm);
    ramp.setColorStopAt(0.5, half);
    ramp.setColorStopAt(1.0, colour);
    ramp.setNanHandling(QCPColorGradient::nhTransparent);
    m_scoreStrip->setGradient(ramp);
    m_plot->yAxis2->setLabelColor(colour);
    m_plot->yAxis2->setTickLabelColor(colour);
    m_thresholdLine->setPen(QPen(colour, 1.0, Qt::DotLine));
    if (m_scoreGraph) {
        // A line only: the band is the strip. Filling the decimated score (vertical min/max
        // strokes a pixel apart) down to 0 cost 0.27-0.73 s per replot (bench_chart_replot).
        m_scoreGraph->setPen(QPen(colour, 1.0));
    }
}

void SeriesChart::applyPalette()
{
    applyChannelPens();
    applyScorePens();
    for (int c = 1; c <= m_classActions.size(); ++c) {
        QPixmap swatch(12, 12);
        swatch.fill(LabelStyle::classColour(c));
        m_classActions[c - 1]->setIcon(QIcon(swatch));
    }
    m_interaction->setLabelColour(LabelStyle::classColour(m_class));
    m_overview->applyPalette();
    m_overlay.update(m_series.get(), m_channelVisible); // label fills and outlines
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setScores(std::shared_ptr<const ScoreTrack> scores)
{
    if (scores && (!m_series || scores->seriesId != m_series->id)) {
        return; // computed for a series no longer shown
    }
    m_scores = std::move(scores);
    if (!m_scores) {
        if (m_scoreGraph) {
            m_plot->removeGraph(m_scoreGraph);
            m_scoreGraph = nullptr;
        }
        m_scoreStrip->setVisible(false);
        m_plot->yAxis2->setVisible(false);
        m_thresholdLine->setVisible(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    ensureScoreGraph();
    m_scoreGraph->setName(tr("score (model v%1)").arg(m_scores->modelVersion));
    m_plot->yAxis2->setVisible(true);
    m_plot->yAxis2->setRange(0.0, 1.05);
    m_thresholdLine->point1->setCoords(0.0, m_scores->threshold);
    m_thresholdLine->point2->setCoords(1.0, m_scores->threshold);
    m_thresholdLine->setVisible(true);
    refreshNow();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setHighlight(std::int64_t begin, std::int64_t end)
{
    if (!m_series || begin >= end || begin < 0 || end > m_series->length()) {
        clearHighlight();
        return;
    }
    m_highlightBegin = begin;
    m_highlightEnd = end;
    const auto& p = m_series->pyramid;
    const std::int64_t n = p.length();
    // Half a sampling step on each side, so a one-row window is still visible.
    const double half = n > 1 ? (p.x(n - 1) - p.x(0)) / static_cast<double>(n - 1) / 2 : 0.5;
    m_highlight->topLeft->setCoords(p.x(begin) - half, 0.0);
    m_highlight->bottomRight->setCoords(p.x(end - 1) + half, 1.0);
    m_highlight->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::clearHighlight()
{
    m_highlightBegin = m_highlightEnd = -1;
    if (m_highlight->visible()) {
        m_highlight->setVisible(false);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void SeriesChart::showRows(std::int64_t begin, std::int64_t end, double context)
{
    if (!m_series || m_series->length() == 0) {
        return;
    }
    const std::int64_t n = m_series->length();
    const auto pad = static_cast<std::int64_t>(
        std::ceil(static_cast<double>(std::max<std::int64_t>(end - begin, 1)) * context));
    const std::int64_t lo = std::clamp<std::int64_t>(begin - pad, 0, n - 1);
    const std::int64_t hi = std::clamp<std::int64_t>(end - 1 + pad, 0, n - 1);
    m_yFixed = false; // the values of the new range decide the value axis
    setVisibleRange(xOfRow(lo), xOfRow(hi));
}

void SeriesChart::setLabels(std::vector<core::Label> labels)
{
    m_overlay.setLabels(std::move(labels));
    m_overlay.update(m_series.get(), m_channelVisible);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::fitAll()
{
    m_yFixed = false;
    if (!m_series || m_series->length() == 0) {
        return;
    }
    const auto& p = m_series->pyramid;
    const std::int64_t n = p.length();
    const double half = n > 1 ? (p.x(n - 1) - p.x(0)) / static_cast<double>(n - 1) / 2 : 0.5;
    setVisibleRange(p.x(0) - half, p.x(n - 1) + half);
    refreshNow(); // the data is there at once (tests and screenshots look right away)
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::setVisibleRange(double lower, double upper)
{
    m_plot->xAxis->setRange(std::min(lower, upper), std::max(lower, upper));
}

void SeriesChart::panBy(double fraction)
{
    const QCPRange r = m_plot->xAxis->range();
    setVisibleRange(r.lower + r.size() * fraction, r.upper + r.size() * fraction);
}

void SeriesChart::zoomBy(double factor)
{
    m_plot->xAxis->scaleRange(factor, m_plot->xAxis->range().center());
}

void SeriesChart::onRangeChanged(const QCPRange& range)
{
    if (m_clamping || !m_series || m_series->length() == 0) {
        return;
    }
    // Keep the view on the data: no further out than the whole series plus a margin, no
    // deeper than a few samples.
    const auto& p = m_series->pyramid;
    const std::int64_t n = p.length();
    const double span = std::max(p.x(n - 1) - p.x(0), 1e-9);
    const double step = n > 1 ? span / static_cast<double>(n - 1) : 1.0;
    const double lo = p.x(0) - 0.05 * span - step;
    const double hi = p.x(n - 1) + 0.05 * span + step;
    QCPRange r = range;
    const double minSize = std::min(kMinVisibleRows * step, hi - lo);
    if (r.size() < minSize) {
        const double c = r.center();
        r = QCPRange(c - minSize / 2, c + minSize / 2);
    }
    if (r.size() > hi - lo) {
        r = QCPRange(lo, hi);
    } else if (r.lower < lo) {
        r = QCPRange(lo, lo + r.size());
    } else if (r.upper > hi) {
        r = QCPRange(hi - r.size(), hi);
    }
    if (r.lower != range.lower || r.upper != range.upper) {
        m_clamping = true;
        m_plot->xAxis->setRange(r);
        m_clamping = false;
    }
    scheduleRefresh();
}

void SeriesChart::scheduleRefresh()
{
    m_layoutRefreshes = 0;
    if (!m_refreshTimer.isActive()) {
        m_refreshTimer.start();
    }
}

int SeriesChart::plotWidthPx() const
{
    // Before the first layout the axis rect has no size yet: guess from the widget.
    const int w = m_plot->axisRect()->width();
    return w > 10 ? w : std::max(m_plot->width() - 80, 200);
}

void SeriesChart::refreshNow()
{
    m_refreshTimer.stop();
    if (!m_series) {
        return;
    }
    const auto& p = m_series->pyramid;
    const QCPRange range = m_plot->xAxis->range();
    const int width = plotWidthPx();
    m_refreshedWidth = width;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    QVector<QCPGraphData> points;
    for (int c = 0; c < m_series->channels() && c < m_plot->graphCount(); ++c) {
        if (!isChannelVisible(c)) {
            m_plot->graph(c)->data()->clear(); // refreshed when shown again
            continue;
        }
        const core::DecimatedPoints d = p.decimate(c, range.lower, range.upper, width);
        points.resize(static_cast<qsizetype>(d.size()));
        for (std::size_t i = 0; i < d.size(); ++i) {
            const double y = d.y[i];
            points[static_cast<qsizetype>(i)] = QCPGraphData(d.x[i], y);
            // Fit the values shown, not the neighbours outside the view.
            if (!std::isnan(y) && d.x[i] >= range.lower && d.x[i] <= range.upper) {
                lo = std::min(lo, y);
                hi = std::max(hi, y);
            }
        }
        m_plot->graph(c)->data()->set(points, true);
        // Min/max columns are vertical strokes a pixel apart, where antialiasing only costs
        // time; raw samples zoomed in are slanted lines that need it.
        m_plot->graph(c)->setAntialiased(d.raw);
        // A few raw samples (a short series, or zoomed in far) are drawn as dots too: a lone
        // point has no line to show it. So are points with a lone value between gaps, raw or
        // decimated (sparse data, every 7th value set, drew an empty chart), in smaller dots.
        constexpr std::size_t kDotted = 64;
        const bool few = d.raw && d.size() <= kDotted;
        const bool dotted = few || hasLoneValue(d);
        const double dot = few ? 4.0 : 3.0;
        const QCPScatterStyle& now = m_plot->graph(c)->scatterStyle();
        if ((now.shape() != QCPScatterStyle::ssNone) != dotted || (dotted && now.size() != dot)) {
            m_plot->graph(c)->setScatterStyle(dotted ? QCPScatterStyle(QCPScatterStyle::ssDisc, dot)
                                                     : QCPScatterStyle());
        }
    }
    if (m_scoreGraph && m_scores) {
        const core::DecimatedPoints d =
            m_scores->pyramid.decimate(0, range.lower, range.upper, width);
        points.resize(static_cast<qsizetype>(d.size()));
        for (std::size_t i = 0; i < d.size(); ++i) {
            points[static_cast<qsizetype>(i)] = QCPGraphData(d.x[i], d.y[i]);
        }
        m_scoreGraph->data()->set(points, true);
        refreshScoreStrip(d, range.lower, range.upper, width);
    } else {
        m_scoreStrip->setVisible(false);
    }
    if (m_series->dates()) {
        // Seconds on the ticks once the view spans less than ten minutes (per-second data read
        // "10:24, 10:24, 10:25" there).
        if (auto ticker =
                qSharedPointerDynamicCast<QCPAxisTickerDateTime>(m_plot->xAxis->ticker())) {
            ticker->setDateTimeFormat(range.size() < 600.0 ? QStringLiteral("yyyy-MM-dd\nHH:mm:ss")
                                                           : QStringLiteral("yyyy-MM-dd\nHH:mm"));
        }
    }
    if (!m_yFixed && lo <= hi) {
        // Halved, so values near ±1.8e308 do not overflow the span. QCustomPlot takes no axis
        // wider than 1e250: beyond ±0.49e250 values are drawn at the edge.
        const double half = hi / 2 - lo / 2;
        const double pad = half > 0.0 ? half * 0.12 : std::max(std::abs(hi) * 0.1, 1.0);
        const double cap = 0.49 * QCPRange::maxRange;
        double lower = std::clamp(lo - pad, -cap, cap);
        double upper = std::clamp(hi + pad, -cap, cap);
        if (!(upper > lower)) { // every value beyond one end: show that end
            lower = upper > 0.0 ? cap / 2 : -cap;
            upper = upper > 0.0 ? cap : -cap / 2;
        }
        m_plot->yAxis->setRange(lower, upper);
    }
    m_overlay.update(m_series.get(), m_channelVisible);
    m_overview->setWindow(range);
}

void SeriesChart::refreshScoreStrip(const core::DecimatedPoints& d, double lower, double upper,
                                    int width)
{
    if (!(upper > lower) || width < 1) {
        m_scoreStrip->setVisible(false);
        return;
    }
    std::vector<double> cell(static_cast<std::size_t>(width),
                             std::numeric_limits<double>::quiet_NaN());
    const double scale = double(width) / (upper - lower);
    for (std::size_t i = 0; i < d.size(); ++i) {
        const double y = d.y[i];
        const double at = (d.x[i] - lower) * scale;
        if (std::isnan(y) || at < 0.0 || at >= double(width)) {
            continue;
        }
        double& c = cell[static_cast<std::size_t>(at)];
        c = std::isnan(c) ? y : std::max(c, y);
    }
    m_scoreStrip->data()->setSize(width, 1);
    m_scoreStrip->data()->setRange(QCPRange(lower, upper), QCPRange(0.0, 1.0));
    for (int k = 0; k < width; ++k) {
        m_scoreStrip->data()->setCell(k, 0, cell[static_cast<std::size_t>(k)]);
    }
    m_scoreStrip->setVisible(true);
}

void SeriesChart::onLabelGesture(double x0, double x1, bool erase, bool click)
{
    if (!m_series || m_series->length() == 0) {
        return;
    }
    const auto& p = m_series->pyramid;
    std::int64_t begin = 0;
    std::int64_t end = 0;
    if (click) {
        begin = p.nearestRow((x0 + x1) / 2);
        end = begin + 1;
    } else {
        // Every sample whose time lies inside the dragged band.
        begin = p.lowerRow(x0);
        end = p.lowerRow(std::nextafter(x1, std::numeric_limits<double>::infinity()));
        if (begin >= end) { // a narrow drag between two samples: the nearest one
            begin = p.nearestRow((x0 + x1) / 2);
            end = begin + 1;
        }
    }
    if (erase) {
        Q_EMIT eraseRequested(m_series->id, begin, end);
        return;
    }
    core::Label label;
    label.seriesId = m_series->id;
    label.begin = begin;
    label.end = end;
    label.channel = core::kAllChannels;
    label.classId = m_class;
    label.source = core::LabelSource::Human;
    label.confidence = 1.0;
    label.time = QDateTime::currentMSecsSinceEpoch();
    Q_EMIT labelRequested(label);
}

void SeriesChart::syncOverviewMargins()
{
    const QMargins m = m_plot->axisRect()->margins();
    m_overview->setPlotMargins(m.left(), m.right());
}

bool SeriesChart::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::Resize) {
        scheduleRefresh(); // a wider plot can show more columns
        m_focusFrame->setGeometry(m_plot->rect());
    }
    if (watched == m_plot &&
        (event->type() == QEvent::FocusIn || event->type() == QEvent::FocusOut)) {
        m_focusFrame->raise();
        m_focusFrame->update();
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace vigil::ui
