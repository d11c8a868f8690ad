// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QWidget>

#include "plot/interaction_mode.h"
#include "plot/label_overlay.h"
#include "vigil/label.h"

#include <memory>
#include <vector>

class QAction;
class QCustomPlot;
class QCPAxisRect;
class QCPColorMap;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPRange;

namespace vigil::core {
struct DecimatedPoints;
}

namespace vigil::ui {

class ChartInteraction;
class OverviewStrip;
struct ChartSeries;
struct ScoreTrack;

/// The chart: every channel of one series in its own colour (gaps drawn as gaps), labels as
/// translucent rectangles in their class colour, and the overview strip below. Draws from the
/// series' min/max pyramid for the visible range only, so it holds at most ~2 points per pixel
/// column per channel whatever the length. Range changes are coalesced into one refresh and one
/// queued replot per event-loop pass.
///
/// The chart never edits labels: it emits labelRequested / eraseRequested and the owner pushes
/// an undo command, then calls setLabels() with what the project now holds.
/// GUI thread only.
class SeriesChart : public QWidget
{
    Q_OBJECT

public:
    explicit SeriesChart(QWidget* parent = nullptr);
    ~SeriesChart() override;

    /// Shows a series (made on a pool thread) with its labels (and the anomaly score of a model
    /// version when given) and fits everything.
    void setSeries(std::shared_ptr<const ChartSeries> series, std::vector<core::Label> labels,
                   std::shared_ptr<const ScoreTrack> scores = {});
    /// Shows (or, with nullptr, hides) the anomaly score of the shown series as a band and a
    /// line on the right-hand axis; a track of another series is ignored.
    void setScores(std::shared_ptr<const ScoreTrack> scores);
    const ScoreTrack* scores() const { return m_scores.get(); }
    /// The score line, or nullptr when no score is shown.
    QCPGraph* scoreGraph() const { return m_scoreGraph; }
    /// The score as a colour ramp in a thin strip under the plot, one cell per pixel column
    /// (the highest score in it); empty without scores.
    QCPColorMap* scoreStrip() const { return m_scoreStrip; }
    /// Outlines rows [begin, end) of the shown series (the current query or detection).
    void setHighlight(std::int64_t begin, std::int64_t end);
    void clearHighlight();
    /// Shows rows [begin, end) with `context` times their width on each side.
    void showRows(std::int64_t begin, std::int64_t end, double context = 3.0);
    /// Replaces the labels drawn (after an edit, undo or redo).
    void setLabels(std::vector<core::Label> labels);
    void clear();

    const ChartSeries* series() const { return m_series.get(); }
    std::shared_ptr<const ChartSeries> sharedSeries() const { return m_series; }
    std::int64_t seriesId() const;
    const std::vector<core::Label>& labels() const { return m_overlay.labels(); }
    QCustomPlot* plot() const { return m_plot; }
    OverviewStrip* overview() const { return m_overview; }
    /// Position of `row` on the x axis (seconds for dates).
    double xOfRow(std::int64_t row) const;

    InteractionMode mode() const { return m_mode; }
    void setMode(InteractionMode mode);
    int currentClass() const { return m_class; }
    void setCurrentClass(int classId);
    /// The class actions' texts follow LabelStyle::className() again (after a rename).
    void updateClassNames();

    /// Shows [lower, upper] of the x axis (clamped to the data).
    void setVisibleRange(double lower, double upper);
    /// Home: the whole series, and the value axis fitted again.
    void fitAll();
    /// Labels every row of the visible time range with the current class (or, with `erase`,
    /// erases its labels): keyboard labelling after zooming and panning to a range.
    void labelVisibleRange(bool erase);
    /// Queries the pyramid for the visible range and updates graphs, labels, value axis and
    /// overview window now, without replotting (the benchmark and tests call it; normally a
    /// coalesced timer does).
    void refreshNow();
    /// Draws, or stops drawing, channel `channel` of the shown series now (the value axis then
    /// fits the channels drawn). A new series starts with every channel drawn.
    void setChannelVisible(int channel, bool visible);
    bool isChannelVisible(int channel) const;
    /// Per channel of the shown series: drawn or not.
    const std::vector<bool>& visibleChannels() const { return m_channelVisible; }
    /// Sets every channel's state at once (missing entries: drawn).
    void setVisibleChannels(const std::vector<bool>& visible);
    /// Number of rectangles drawn for the labels in the visible range.
    int visibleLabelCount() const { return m_overlay.visibleCount(); }

    /// Mode (L, E), class (1–9) and Home actions, for the owner's menu. Their keys come from
    /// the Shortcuts registry and follow it.
    QList<QAction*> modeActions() const;
    QList<QAction*> classActions() const;
    QList<QAction*> viewActions() const;

Q_SIGNALS:
    /// The user asked to paint `label` (Label mode drag or click).
    void labelRequested(const vigil::core::Label& label);
    /// The user asked to erase rows [begin, end) of the shown series (Shift+drag).
    void eraseRequested(std::int64_t seriesId, std::int64_t begin, std::int64_t end);
    void modeChanged(vigil::ui::InteractionMode mode);
    /// Explore mode: the user clicked row `row` of the shown series (to explain it).
    void rowPicked(qint64 seriesId, qint64 row);
    void currentClassChanged(int classId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createActions();
    void scheduleRefresh();
    void onRangeChanged(const QCPRange& range);
    void onLabelGesture(double x0, double x1, bool erase, bool click);
    void syncOverviewMargins();
    void ensureScoreGraph();
    /// Recolours everything after the palette changed (see Palette).
    void applyPalette();
    void applyChannelPens();
    /// Names the drawn channels (at most a few) and the score in the legend.
    void updateLegend();
    /// Shows the channels of m_channelVisible and lists only those in the legend.
    void applyChannelVisibility();
    void applyScorePens();
    /// Fills the score strip for the visible range [lower, upper], `width` cells across, from
    /// the score decimated to that range.
    void refreshScoreStrip(const core::DecimatedPoints& d, double lower, double upper, int width);
    void panBy(double fraction);
    void zoomBy(double factor);
    int plotWidthPx() const;

    QCustomPlot* m_plot = nullptr;
    /// Drawn over the plot while it has the keyboard focus (Enter labels and Delete erases the
    /// visible range then, so where the keys go must be visible).
    QWidget* m_focusFrame = nullptr;
    OverviewStrip* m_overview = nullptr;
    ChartInteraction* m_interaction = nullptr;
    LabelOverlay m_overlay;
    std::shared_ptr<const ChartSeries> m_series;
    std::shared_ptr<const ScoreTrack> m_scores;
    std::vector<bool> m_channelVisible; ///< one per channel of m_series
    QCPGraph* m_scoreGraph = nullptr;   ///< on yAxis2, layer "scores"; owned by the plot
    QCPAxisRect* m_stripRect = nullptr; ///< the score strip's row under the plot
    QCPColorMap* m_scoreStrip = nullptr; ///< owned by the plot
    QCPItemStraightLine* m_thresholdLine = nullptr;
    QCPItemRect* m_highlight = nullptr;
    std::int64_t m_highlightBegin = -1;
    std::int64_t m_highlightEnd = -1;
    QTimer m_refreshTimer;
    int m_refreshedWidth = 0; ///< the plot width in px the drawn columns were decimated for
    int m_layoutRefreshes = 0; ///< refreshes in a row asked for by a layout of another width
    InteractionMode m_mode = InteractionMode::Explore;
    int m_class = core::kClassAnomaly;
    bool m_yFixed = false;
    bool m_clamping = false;
    QList<QAction*> m_modeActions;
    QList<QAction*> m_classActions;
    QList<QAction*> m_viewActions;
};

} // namespace vigil::ui
