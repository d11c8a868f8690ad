// SPDX-License-Identifier: MIT
#include <QAction>
#include <QMessageBox>
#include <QStatusBar>
#include <QTreeView>
#include <QtTest>

#include "main_window.h"
#include "plot/chart_series.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/project.h"

#include <qcustomplot.h>

using namespace vigil;

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportsAReport()
    {
        const std::string dir = test::makeTempDir("ui-report");
        const std::string path = dir + "/demo.vigil";
        {
            auto project = core::Project::open(path);
            QVERIFY(project.ok());
            QVERIFY((*project)->addSeries(core::makeDemoSeries()).ok());
        }
        ui::MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("fileExportReport"));
        QVERIFY(action != nullptr);
        QVERIFY(!action->isEnabled());
        QVERIFY(!window.exportReport(test::qs(dir + "/r.md"))); // no project yet
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        QVERIFY(window.openProject(test::qs(path)));
        QVERIFY(action->isEnabled());
        QVERIFY(window.exportReport(test::qs(dir + "/r.md")));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(test::qs(dir + "/r-2.svg")) &&
                                     QFileInfo::exists(test::qs(dir + "/r.md")),
                                 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                     QStringLiteral("Report written")),
                                 20000);
        const std::string md = test::readFile(dir + "/r.md");
        QVERIFY(md.find("## web-latency") != std::string::npos);
        QVERIFY(md.find("## pump-sensors") != std::string::npos);

        // An .html path gives one page with the plots inline.
        QVERIFY(window.exportReport(test::qs(dir + "/r.html")));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(test::qs(dir + "/r.html")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage() ==
                                     QStringLiteral("Report written to %1")
                                         .arg(QDir::toNativeSeparators(test::qs(dir + "/r.html"))),
                                 20000);
        const std::string page = test::readFile(dir + "/r.html");
        QVERIFY(page.find("<h2>web-latency</h2>") != std::string::npos);
        QVERIFY(page.find("<svg") != std::string::npos);

        // A folder that cannot be made: the error is shown, the window stays.
        test::writeFile(dir + "/file", "x");
        QVERIFY(window.exportReport(test::qs(dir + "/file/sub/r.md")));
        QTRY_VERIFY_WITH_TIMEOUT(window.statusBar()->currentMessage().contains(
                                     QStringLiteral("not written")),
                                 20000);
        const auto boxes = window.findChildren<QMessageBox*>();
        for (QMessageBox* box : boxes) {
            box->close();
        }
    }

    void opensDemoProjectAndPlotsIt()
    {
        const std::string dir = test::makeTempDir("ui-main");
        const std::string path = dir + "/demo.vigil";
        {
            auto project = core::Project::open(path);
            QVERIFY(project.ok());
            QVERIFY((*project)->addSeries(core::makeDemoSeries()).ok());
        }
        ui::MainWindow window;
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        QVERIFY(window.openProject(test::qs(path)));
        QVERIFY(idle.wait(10000));
        auto* list = window.findChild<QTreeView*>(QStringLiteral("seriesView"));
        QVERIFY(list != nullptr);
        QCOMPARE(list->model()->rowCount(), 2);
        auto* chart = window.findChild<ui::SeriesChart*>();
        QVERIFY(chart != nullptr);
        QCOMPARE(chart->plot()->graphCount(), 1); // web-latency has one channel
        // Drawn from the min/max pyramid: the whole series, but never more than ~2 points per
        // pixel column.
        QVERIFY(chart->plot()->graph(0)->dataCount() > 0);
        QVERIFY(chart->plot()->graph(0)->dataCount() <= 2 * chart->plot()->axisRect()->width() + 2);
        QCOMPARE(chart->series()->length(), std::int64_t(8064));
        QVERIFY(chart->visibleLabelCount() >= 8); // its ground-truth labels as rectangles

        list->setCurrentIndex(list->model()->index(1, 0)); // pump-sensors: three channels
        QVERIFY(idle.wait(10000));
        QCOMPARE(chart->plot()->graphCount(), 3);
    }

    void brokenProjectShowsErrorAndKeepsWindow()
    {
        const std::string dir = test::makeTempDir("ui-broken");
        test::writeFile(dir + "/bad.vigil", "this is not a database");
        ui::MainWindow window;
        QVERIFY(!window.openProject(test::qs(dir + "/bad.vigil")));
        QCOMPARE(test::readFile(dir + "/bad.vigil"), std::string("this is not a database"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
