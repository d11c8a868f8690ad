// SPDX-License-Identifier: MIT
// The Series dock: its tree model and search proxy pass QAbstractItemModelTester; the search
// keeps series whose name or channel matches; channel check boxes show and hide graphs on the
// chart at once; selecting a series (mouse or keys) loads it; the labelled share follows label
// edits through the undo path and the anomalies found follow the newest model's scan.
#include "docks/detections_dock.h"
#include "docks/series_dock.h"
#include "docks/training_dock.h"
#include "main_window.h"
#include "models/series_tree_model.h"
#include "plot/overview_strip.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/project.h"
#include "workers/project_jobs.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>

using namespace vigil;
using ui::SeriesTreeModel;

namespace {

std::string makeDemoProject(const char* tag)
{
    const std::string path = test::makeTempDir(tag) + "/demo.vigil";
    auto project = core::Project::open(path);
    if (!project || !(*project)->addSeries(core::makeDemoSeries())) {
        return {};
    }
    return path;
}

core::SeriesInfo info(std::int64_t id, const char* name, int channels,
                      std::vector<std::string> channelNames = {})
{
    core::SeriesInfo s;
    s.id = id;
    s.name = name;
    s.length = 1000;
    s.channels = channels;
    s.channelNames = std::move(channelNames);
    return s;
}

/// A fake model version whose stored scores hold `runs[i]` runs above its threshold in series i
/// (no scores at all for a series with runs[i] < 0).
bool addScoredModel(const std::string& path, const std::vector<int>& runs)
{
    auto project = core::Project::open(path, core::OpenMode::OpenExisting);
    if (!project) {
        return false;
    }
    auto series = (*project)->listSeries();
    auto version = (*project)->addModel("default", "{}", {}, "{\"in_sample_f1\":0.5}");
    if (!series || !version || series->size() != runs.size()) {
        return false;
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (runs[i] < 0) {
            continue;
        }
        const auto& s = (*series)[i];
        std::vector<double> scores(static_cast<std::size_t>(s.length), 0.1);
        for (int r = 0; r < runs[i]; ++r) {
            for (int t = 0; t < 10; ++t) {
                scores[static_cast<std::size_t>(100 + 200 * r + t)] = 0.9;
            }
        }
        if (!(*project)->saveScores(*version, s.id, scores)) {
            return false;
        }
    }
    return true;
}

class WindowFixture
{
public:
    explicit WindowFixture(const std::string& projectPath)
        : path(projectPath)
    {
        window.resize(1400, 860);
        window.show();
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        QSignalSpy scanned(window.detectionsDock(), &ui::DetectionsDock::scanned);
        ok = !path.empty() && window.openProject(test::qs(path)) &&
             (window.isIdle() || idle.wait(20000)) && QTest::qWaitForWindowExposed(&window) &&
             (scanned.count() > 0 || scanned.wait(20000));
        dock = window.seriesDock();
        model = dock->model();
        view = dock->view();
        chart = window.chart();
    }

    /// The proxy index of series `row`'s column 0 (or of its channel).
    QModelIndex proxyIndex(int row, int channel = -1) const
    {
        const QModelIndex source =
            channel < 0 ? model->seriesIndex(row) : model->channelIndex(row, channel);
        return dock->proxy()->mapFromSource(source);
    }

    std::string path;
    ui::MainWindow window;
    ui::SeriesDock* dock = nullptr;
    SeriesTreeModel* model = nullptr;
    QTreeView* view = nullptr;
    ui::SeriesChart* chart = nullptr;
    bool ok = false;
};

} // namespace

class TestSeries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Numbers are formatted in the default locale; the expected texts are English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void modelAndProxyPassModelTester()
    {
        SeriesTreeModel model;
        ui::SeriesFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy toggled(&model, &SeriesTreeModel::channelVisibilityChanged);

        core::SeriesInfo web = info(7, "web-latency", 1, {"latency_ms"});
        web.labeledPoints = 125;
        model.setSeries({web, info(9, "pump-sensors", 3, {"pressure_bar", "flow_l_min", ""}),
                         info(11, "meter", 2, {"kw", "kvar"})});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(SeriesTreeModel::ColumnCount));
        QCOMPARE(model.rowCount(model.seriesIndex(0)), 0); // univariate: no channel rows
        QCOMPARE(model.rowCount(model.seriesIndex(1)), 3);
        QCOMPARE(model.rowCount(model.seriesIndex(1, SeriesTreeModel::LengthColumn)), 0);
        QVERIFY(model.flags(model.seriesIndex(0)).testFlag(Qt::ItemNeverHasChildren));
        QCOMPARE(model.seriesIndex(0).data().toString(), QStringLiteral("web-latency"));
        QCOMPARE(model.seriesIndex(0, SeriesTreeModel::LengthColumn).data().toString(),
                 QStringLiteral("1,000"));
        QCOMPARE(model.seriesIndex(1, SeriesTreeModel::ChannelsColumn).data().toString(),
                 QStringLiteral("3"));
        QCOMPARE(model.seriesIndex(0, SeriesTreeModel::LabelledColumn).data().toString(),
                 QStringLiteral("12.5%"));
        QCOMPARE(model.seriesIndex(0, SeriesTreeModel::FoundColumn).data().toString(),
                 QStringLiteral("–")); // nothing scored yet

        const QModelIndex flow = model.channelIndex(1, 1);
        QCOMPARE(flow.data().toString(), QStringLiteral("flow_l_min"));
        QCOMPARE(model.channelIndex(1, 2).data().toString(), QStringLiteral("channel 3"));
        QCOMPARE(flow.parent(), model.seriesIndex(1));
        QCOMPARE(flow.data(SeriesTreeModel::SeriesIdRole).toLongLong(), qint64(9));
        QCOMPARE(flow.data(SeriesTreeModel::SeriesRowRole).toInt(), 1);
        QCOMPARE(flow.data(SeriesTreeModel::ChannelRole).toInt(), 1);
        QVERIFY(model.flags(flow).testFlag(Qt::ItemIsUserCheckable));
        QVERIFY(!model.flags(model.seriesIndex(1)).testFlag(Qt::ItemIsUserCheckable));
        QCOMPARE(flow.data(Qt::CheckStateRole).toInt(), int(Qt::Checked));

        // Unchecking tells the chart; the state survives a reload of the list.
        QVERIFY(model.setData(flow, Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(toggled.count(), 1);
        QCOMPARE(toggled.at(0).at(0).toLongLong(), qint64(9));
        QCOMPARE(toggled.at(0).at(1).toInt(), 1);
        QCOMPARE(toggled.at(0).at(2).toBool(), false);
        QCOMPARE(model.visibleChannels(9), (std::vector<bool>{true, false, true}));
        QVERIFY(!model.setData(model.seriesIndex(1), Qt::Unchecked, Qt::CheckStateRole));
        model.setSeries({info(11, "meter", 2, {"kw", "kvar"}),
                         info(9, "pump-sensors", 3, {"pressure_bar", "flow_l_min", ""}), web});
        QCOMPARE(model.rowOfSeries(9), 1);
        QVERIFY(!model.isChannelVisible(1, 1));
        QCOMPARE(model.channelIndex(1, 1).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
        QVERIFY(model.isChannelVisible(0, 1));
        {
            SeriesTreeModel other; // an empty list in between forgets them (another project)
            other.setSeries({info(9, "pump-sensors", 3)});
            QVERIFY(other.setChannelVisible(0, 2, false));
            other.setSeries({});
            other.setSeries({info(9, "pump-sensors", 3)});
            QVERIFY(other.isChannelVisible(0, 2));
        }

        // Label edits update the numbers of a row in place.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        web.labeledPoints = 500;
        model.updateSeries(2, web);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model.seriesIndex(2, SeriesTreeModel::LabelledColumn).data().toString(),
                 QStringLiteral("50.0%"));

        // Detections: counted per scored series; a series the model did not score shows "–".
        ui::DetectionScan scan;
        scan.modelVersion = 3;
        scan.scoredSeries = {7, 9};
        ui::Detection d;
        d.seriesId = 7;
        scan.detections = {d, d};
        model.setDetections(scan);
        QCOMPARE(model.anomaliesFound(2), std::optional<int>(2));
        QCOMPARE(model.anomaliesFound(1), std::optional<int>(0));
        QCOMPARE(model.anomaliesFound(0), std::nullopt);
        QCOMPARE(model.seriesIndex(2, SeriesTreeModel::FoundColumn).data().toString(),
                 QStringLiteral("2"));
        QCOMPARE(model.seriesIndex(0, SeriesTreeModel::FoundColumn).data().toString(),
                 QStringLiteral("–"));
        QVERIFY(model.seriesIndex(0)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("not scored")));

        // The proxy: case-insensitive, series or channel names.
        proxy.setFilterFixedString(QStringLiteral("PUMP"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 3); // the matching series keeps its channels
        proxy.setFilterFixedString(QStringLiteral("kvar"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("meter"));
        QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1); // only the matching channel
        QCOMPARE(proxy.index(0, 0, proxy.index(0, 0)).data().toString(), QStringLiteral("kvar"));
        proxy.setFilterFixedString(QStringLiteral("nothing like it"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterFixedString({});
        QCOMPARE(proxy.rowCount(), 3);

        model.setSeries({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void searchFiltersTheDock()
    {
        WindowFixture f(makeDemoProject("ui-series-search"));
        QVERIFY(f.ok);
        QAbstractItemModelTester tester(f.dock->proxy(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(f.view->model()->rowCount(), 2);
        const std::int64_t shown = f.chart->seriesId();
        QSignalSpy selected(f.dock, &ui::SeriesDock::seriesSelected);
        QVERIFY(f.view->isExpanded(f.proxyIndex(1))); // a small tree starts expanded
        f.view->collapse(f.proxyIndex(1));

        QTest::keyClicks(f.dock->searchEdit(), QStringLiteral("Web"));
        QCOMPARE(f.view->model()->rowCount(), 1);
        QCOMPARE(f.view->model()->index(0, 0).data().toString(), QStringLiteral("web-latency"));

        f.dock->searchEdit()->setText(QStringLiteral("temperature")); // a channel of pump-sensors
        QCOMPARE(f.view->model()->rowCount(), 1);
        const QModelIndex pump = f.view->model()->index(0, 0);
        QCOMPARE(pump.data().toString(), QStringLiteral("pump-sensors"));
        QCOMPARE(f.view->model()->rowCount(pump), 1);
        QVERIFY(f.view->isExpanded(pump)); // the matching channel is in sight
        QCOMPARE(f.view->model()->index(0, 0, pump).data().toString(),
                 QStringLiteral("temperature_c"));

        // Typing hid the shown series but loaded nothing else.
        QCOMPARE(selected.count(), 0);
        QCOMPARE(f.chart->seriesId(), shown);

        f.dock->searchEdit()->clear();
        QCOMPARE(f.view->model()->rowCount(), 2);
        QVERIFY(!f.view->isExpanded(f.proxyIndex(1))); // as it was before the search
        QCOMPARE(f.dock->currentSeries(), 0);
        QCOMPARE(f.view->currentIndex().data(SeriesTreeModel::SeriesRowRole).toInt(), 0);
    }

    void selectingASeriesLoadsIt()
    {
        WindowFixture f(makeDemoProject("ui-series-select"));
        QVERIFY(f.ok);
        QCOMPARE(f.chart->seriesId(), f.model->series(0).id);
        QSignalSpy idle(&f.window, &ui::MainWindow::idle);

        // A click on the row, as a user does.
        const QModelIndex pump = f.proxyIndex(1);
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {},
                          f.view->visualRect(pump).center());
        QVERIFY(idle.wait(10000));
        QCOMPARE(f.chart->seriesId(), f.model->series(1).id);
        QCOMPARE(f.chart->plot()->graphCount(), 3);

        // A channel row belongs to its series: selecting it loads nothing.
        f.view->setCurrentIndex(f.proxyIndex(1, 2));
        QTest::qWait(50);
        QVERIFY(f.window.isIdle());
        QCOMPARE(f.chart->seriesId(), f.model->series(1).id);

        // Through the search: the list still names the right series.
        f.dock->searchEdit()->setText(QStringLiteral("web"));
        f.view->setCurrentIndex(f.view->model()->index(0, 0));
        QVERIFY(idle.wait(10000));
        QCOMPARE(f.chart->seriesId(), f.model->series(0).id);
        QCOMPARE(f.chart->plot()->graphCount(), 1);
    }

    void arrowKeysMoveAndSpaceToggles()
    {
        WindowFixture f(makeDemoProject("ui-series-keys"));
        QVERIFY(f.ok);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        f.view->setFocus();
        QCOMPARE(f.view->currentIndex(), f.proxyIndex(0));
        QSignalSpy idle(&f.window, &ui::MainWindow::idle);
        QTest::keyClick(f.view, Qt::Key_Down);
        QVERIFY(idle.wait(10000));
        QCOMPARE(f.chart->seriesId(), f.model->series(1).id);
        QVERIFY(f.view->isExpanded(f.proxyIndex(1))); // a small tree starts expanded
        QTest::keyClick(f.view, Qt::Key_Down);        // its first channel
        QCOMPARE(f.view->currentIndex().data(SeriesTreeModel::ChannelRole).toInt(), 0);
        QTest::keyClick(f.view, Qt::Key_Space);
        QVERIFY(!f.model->isChannelVisible(1, 0));
        QVERIFY(!f.chart->plot()->graph(0)->visible());
        QTest::keyClick(f.view, Qt::Key_Space);
        QVERIFY(f.chart->plot()->graph(0)->visible());
        QTest::keyClick(f.view, Qt::Key_Up);
        QTest::keyClick(f.view, Qt::Key_Up);
        QVERIFY(idle.wait(10000));
        QCOMPARE(f.chart->seriesId(), f.model->series(0).id);

        // Down from the search field goes into the list.
        f.dock->searchEdit()->setFocus();
        QTest::keyClick(f.dock->searchEdit(), Qt::Key_Down);
        QVERIFY(f.view->hasFocus());
    }

    void channelCheckBoxesShowAndHideGraphs()
    {
        WindowFixture f(makeDemoProject("ui-series-channels"));
        QVERIFY(f.ok);
        QSignalSpy idle(&f.window, &ui::MainWindow::idle);
        f.dock->setCurrentSeries(1); // pump-sensors: three channels
        QVERIFY(idle.wait(10000));
        QCustomPlot* plot = f.chart->plot();
        QCOMPARE(plot->graphCount(), 3);
        QVERIFY(!f.chart->scoreStrip()->visible()); // no model yet: an empty strip
        for (int c = 0; c < 3; ++c) {
            QVERIFY(plot->graph(c)->visible());
        }
        const int legendBefore = plot->legend->itemCount();
        const double yMaxBefore = plot->yAxis->range().upper;

        // A click on the check box, as a user does.
        const QModelIndex flow = f.proxyIndex(1, 1);
        QVERIFY(flow.isValid());
        const QRect row = f.view->visualRect(flow);
        QStyleOptionViewItem option;
        option.initFrom(f.view);
        option.rect = row;
        option.features |= QStyleOptionViewItem::HasCheckIndicator;
        const QRect box =
            f.view->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, f.view);
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {}, box.center());
        QVERIFY(!f.model->isChannelVisible(1, 1));
        QVERIFY(!plot->graph(1)->visible()); // at once
        QVERIFY(plot->graph(0)->visible());
        QVERIFY(!f.chart->isChannelVisible(1));
        QCOMPARE(plot->legend->itemCount(), legendBefore - 1);
        QVERIFY(!f.chart->overview()->graph(1)->visible());

        // Value axis autoscaling ignores hidden channels: hide all but the smallest one.
        double smallestMax = 1e300;
        int smallest = 0;
        for (int c = 0; c < 3; ++c) {
            double hi = -1e300;
            for (auto it = plot->graph(c)->data()->constBegin();
                 c != 1 && it != plot->graph(c)->data()->constEnd(); ++it) {
                if (!std::isnan(it->value)) {
                    hi = std::max(hi, it->value);
                }
            }
            if (c != 1 && hi < smallestMax) {
                smallestMax = hi;
                smallest = c;
            }
        }
        const int other = smallest == 0 ? 2 : 0;
        QVERIFY(f.model->setChannelVisible(1, other, false));
        QVERIFY(!plot->graph(other)->visible());
        QVERIFY(plot->yAxis->range().upper < yMaxBefore);
        QVERIFY(plot->yAxis->range().upper < smallestMax * 1.2 + 1.0);

        // The choice stays with the series when another one is shown in between.
        f.dock->setCurrentSeries(0);
        QVERIFY(idle.wait(10000));
        QVERIFY(plot->graph(0)->visible());
        f.dock->setCurrentSeries(1);
        QVERIFY(idle.wait(10000));
        QVERIFY(!plot->graph(1)->visible());
        QVERIFY(!plot->graph(other)->visible());

        // Checking again shows them, with their points.
        QTest::mouseClick(f.view->viewport(), Qt::LeftButton, {}, box.center());
        QVERIFY(f.model->isChannelVisible(1, 1));
        QVERIFY(plot->graph(1)->visible());
        QVERIFY(plot->graph(1)->dataCount() > 0);
        QVERIFY(f.model->setChannelVisible(1, other, true));
        QVERIFY(plot->graph(other)->visible());
        QCOMPARE(plot->legend->itemCount(), legendBefore);
        QCOMPARE(plot->yAxis->range().upper, yMaxBefore);
    }

    void manyChannelsKeepTheLegendOffTheChart()
    {
        // Twelve channels (server metrics): the legend names none of them, which would cover
        // the chart, and the score is drawn over their lines; with eight or fewer drawn the
        // legend names each again and the score goes back under them.
        const std::string path = test::makeTempDir("ui-series-wide") + "/wide.vigil";
        {
            auto project = core::Project::open(path);
            QVERIFY(project.ok());
            core::ImportedSeries wide;
            wide.series.name = "wide";
            wide.series.values = Eigen::MatrixXd::Random(500, 12);
            for (int c = 0; c < 12; ++c) {
                wide.series.channelNames.push_back("m" + std::to_string(c));
            }
            QVERIFY((*project)->addSeries({wide}).ok());
        }
        QVERIFY(addScoredModel(path, {1}));
        WindowFixture f(path);
        QVERIFY(f.ok);
        QCustomPlot* plot = f.chart->plot();
        QCPGraph* score = f.chart->scoreGraph();
        QVERIFY(score != nullptr);
        QCOMPARE(plot->graphCount(), 13);
        QCOMPARE(plot->legend->itemCount(), 1);
        QVERIFY(plot->legend->hasItemWithPlottable(score));
        const auto layerOf = [](QCPGraph* g) { return g->layer()->name(); };
        QCOMPARE(layerOf(score), QStringLiteral("scoresOver"));
        // The score strip under the plot: one cell per pixel column, the highest score in it;
        // the fake model scores rows 100-109 at 0.9 and the rest at 0.1.
        QCPColorMap* strip = f.chart->scoreStrip();
        QVERIFY(strip->visible());
        QVERIFY(strip->data()->keySize() >= 100);
        const auto cellAt = [strip](double x) {
            int key = 0;
            int value = 0;
            strip->data()->coordToCell(x, 0.5, &key, &value);
            return strip->data()->cell(key, 0);
        };
        QCOMPARE(cellAt(105.0), 0.9);
        QCOMPARE(cellAt(300.0), 0.1);
        f.chart->setVisibleRange(250.0, 400.0); // zoomed: the strip follows the view
        f.chart->refreshNow();
        QCOMPARE(strip->data()->keyRange().lower, 250.0);
        QCOMPARE(cellAt(300.0), 0.1);
        for (int c = 0; c < 4; ++c) {
            QVERIFY(f.model->setChannelVisible(0, c, false));
        }
        QCOMPARE(plot->legend->itemCount(), 8 + 1);
        QCOMPARE(layerOf(score), QStringLiteral("scores"));
        QVERIFY(f.model->setChannelVisible(0, 0, true));
        QCOMPARE(plot->legend->itemCount(), 1);
        QCOMPARE(layerOf(score), QStringLiteral("scoresOver"));
        QVERIFY(plot->graph(0)->visible()); // drawn, only not named
    }

    void labelledShareFollowsUndoPath()
    {
        WindowFixture f(makeDemoProject("ui-series-labelled"));
        QVERIFY(f.ok);
        const QModelIndex cell = f.model->seriesIndex(0, SeriesTreeModel::LabelledColumn);
        const double before = f.model->labelledPercent(0);
        const QString beforeText = cell.data().toString();
        const std::int64_t length = f.model->series(0).length;

        // Rows 400–600 of web-latency carry no ground-truth label in the demo.
        core::Label label;
        label.seriesId = f.chart->seriesId();
        label.begin = 400;
        label.end = 600;
        label.channel = core::kAllChannels;
        label.classId = core::kClassAnomaly;
        label.source = core::LabelSource::Human;
        label.confidence = 1.0;
        Q_EMIT f.chart->labelRequested(label); // the window pushes an undo command
        QCOMPARE(f.window.undoStack()->count(), 1);
        const double after = f.model->labelledPercent(0);
        QVERIFY2(after > before, qPrintable(QStringLiteral("%1 → %2").arg(before).arg(after)));
        QVERIFY(std::abs(after - before - 100.0 * 200.0 / static_cast<double>(length)) < 1e-9);
        QVERIFY(cell.data().toString() != beforeText);

        f.window.undoStack()->undo();
        QCOMPARE(f.model->labelledPercent(0), before);
        QCOMPARE(cell.data().toString(), beforeText);
        f.window.undoStack()->redo();
        QCOMPARE(f.model->labelledPercent(0), after);
    }

    void anomaliesFoundFollowTheNewestModel()
    {
        const std::string path = makeDemoProject("ui-series-found");
        QVERIFY(addScoredModel(path, {3, -1})); // pump-sensors not scored by this version
        WindowFixture f(path);
        QVERIFY(f.ok);
        QCOMPARE(f.model->anomaliesFound(0), std::optional<int>(3));
        QCOMPARE(f.model->anomaliesFound(1), std::nullopt);
        QCOMPARE(f.model->seriesIndex(0, SeriesTreeModel::FoundColumn).data().toString(),
                 QStringLiteral("3"));
        QCOMPARE(f.model->seriesIndex(1, SeriesTreeModel::FoundColumn).data().toString(),
                 QStringLiteral("–"));

        // A new version (as training stores it) is counted once the detections are rescanned.
        QVERIFY(addScoredModel(path, {1, 2}));
        QSignalSpy scanned(f.window.detectionsDock(), &ui::DetectionsDock::scanned);
        Q_EMIT f.window.trainingDock()->modelTrained(2);
        QVERIFY(scanned.wait(20000));
        QCOMPARE(f.model->anomaliesFound(0), std::optional<int>(1));
        QCOMPARE(f.model->anomaliesFound(1), std::optional<int>(2));
        QCOMPARE(f.model->seriesIndex(1, SeriesTreeModel::FoundColumn).data().toString(),
                 QStringLiteral("2"));
    }
};

QTEST_MAIN(TestSeries)
#include "tst_series.moc"
