// SPDX-License-Identifier: MIT
#include "docks/training_dock.h"
#include "main_window.h"
#include "plot/chart_series.h"
#include "plot/label_style.h"
#include "plot/score_track.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/project.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTreeView>
#include <QtTest>
#include <qcustomplot.h>

using namespace vigil;

namespace {

/// Creates a project file at `path` holding the demo series.
bool writeDemoProject(const std::string& path)
{
    auto project = core::Project::open(path);
    return project.ok() && (*project)->addSeries(core::makeDemoSeries()).ok();
}

/// Waits, without running the event loop, until the window's series read has finished on its
/// pool thread: the window takes its result only once the loop runs again.
bool readFinishesUnseen(const ui::MainWindow& window)
{
    QElapsedTimer timer;
    timer.start();
    while (!window.seriesReadDone()) {
        if (timer.elapsed() > 20000) {
            return false;
        }
        QThread::msleep(5);
    }
    return true;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportsAReport()
    {
        const std::string dir = test::makeTempDir("ui-report");
        const std::string path = dir + "/demo.vigil";
        QVERIFY(writeDemoProject(path));
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

    // A long report can be stopped from the status bar: nothing is written.
    void reportCanBeCancelled()
    {
        const std::string dir = test::makeTempDir("ui-report-cancel");
        const std::string path = dir + "/many.vigil";
        {
            auto project = core::Project::open(path);
            QVERIFY(project.ok());
            for (int copy = 0; copy < 40; ++copy) { // enough series to take a while
                auto series = core::makeDemoSeries();
                for (auto& s : series) {
                    s.series.name += "-" + std::to_string(copy);
                }
                QVERIFY((*project)->addSeries(series).ok());
            }
        }
        ui::MainWindow window;
        QVERIFY(window.openProject(test::qs(path)));
        QVERIFY(window.exportReport(test::qs(dir + "/r.md")));
        auto* cancel = window.findChild<QPushButton*>(QStringLiteral("cancelReport"));
        QVERIFY(cancel != nullptr);
        QVERIFY(!cancel->isHidden());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(cancel->isHidden(), 20000);
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("cancelled")),
                 qPrintable(window.statusBar()->currentMessage()));
        QVERIFY(!QFileInfo::exists(test::qs(dir + "/r.md")));
        QVERIFY(!QFileInfo::exists(test::qs(dir + "/r-1.svg")));
    }

    // File ▸ Save a copy as: the copy is written on a worker and opens with the same series; the
    // window keeps working in the original; a taken name is refused and left as it was.
    void savesACopyAndKeepsTheOriginalOpen()
    {
        const std::string dir = test::makeTempDir("ui-copy");
        const std::string path = dir + "/demo.vigil";
        QVERIFY(writeDemoProject(path));
        ui::MainWindow window;
        auto* action = window.findChild<QAction*>(QStringLiteral("fileSaveCopy"));
        QVERIFY(action != nullptr);
        QVERIFY(!action->isEnabled());
        QVERIFY(!window.saveCopy(test::qs(dir + "/copy.vigil"))); // no project yet
        QVERIFY(window.openProject(test::qs(path)));
        QVERIFY(action->isEnabled());
        QVERIFY(window.saveCopy(test::qs(dir + "/copy.vigil")));
        QTRY_VERIFY_WITH_TIMEOUT(
            window.statusBar()->currentMessage().contains(QStringLiteral("A copy was saved")),
            20000);
        {
            auto copy = core::Project::open(dir + "/copy.vigil", core::OpenMode::OpenExisting);
            QVERIFY2(copy.ok(), copy.ok() ? "" : copy.error().message.c_str());
            QCOMPARE((*copy)->listSeries()->size(), core::makeDemoSeries().size());
        }
        QVERIFY(window.windowTitle().contains(QStringLiteral("demo.vigil"))); // still the original

        const std::string before = test::readFile(dir + "/copy.vigil");
        QVERIFY(!window.saveCopy(test::qs(dir + "/copy.vigil")));
        QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("already exists")),
                 qPrintable(window.statusBar()->currentMessage()));
        QCOMPARE(test::readFile(dir + "/copy.vigil"), before);

        // A folder that cannot be made: the error is shown, the window stays.
        QVERIFY(window.saveCopy(test::qs(dir + "/no/such/copy.vigil")));
        QTRY_VERIFY_WITH_TIMEOUT(
            window.statusBar()->currentMessage().contains(QStringLiteral("The copy was not saved")),
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
        QVERIFY(writeDemoProject(path));
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
        // pixel column. The check waits for a refresh still queued (a 0 ms timer): on a busy
        // machine the score axis can narrow the plot after the last one ran.
        QVERIFY(chart->plot()->graph(0)->dataCount() > 0);
        QTRY_VERIFY(chart->plot()->graph(0)->dataCount() <=
                    2 * chart->plot()->axisRect()->width() + 2);
        QCOMPARE(chart->series()->length(), std::int64_t(8064));
        QVERIFY(chart->visibleLabelCount() >= 8); // its ground-truth labels as rectangles

        list->setCurrentIndex(list->model()->index(1, 0)); // pump-sensors: three channels
        QVERIFY(idle.wait(10000));
        QCOMPARE(chart->plot()->graphCount(), 3);
    }

    // An answer or undo right after switching series (→ in the queue to a query of another
    // series, then A) reached the file but not the chart: the read begun by the switch brought
    // back the labels from before the edit, and the chart kept them until the next edit.
    void editDuringASeriesLoadIsDrawn()
    {
        const std::string dir = test::makeTempDir("ui-main-load");
        const std::string path = dir + "/demo.vigil";
        QVERIFY(writeDemoProject(path));
        ui::MainWindow window;
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        QVERIFY(window.openProject(test::qs(path)));
        QVERIFY(idle.wait(10000));
        auto* list = window.findChild<QTreeView*>(QStringLiteral("seriesView"));
        QVERIFY(list != nullptr);
        ui::SeriesChart* chart = window.chart();
        const std::int64_t first = chart->seriesId();
        auto second = core::Project::open(path, core::OpenMode::OpenExisting);
        QVERIFY(second.ok());
        auto infos = (*second)->listSeries();
        QVERIFY(infos.ok() && infos->size() == 2);
        const std::int64_t other = (*infos)[0].id == first ? (*infos)[1].id : (*infos)[0].id;
        auto fileLabels = [&](std::int64_t id) {
            auto l = (*second)->labels(id);
            return l ? std::move(l).value() : std::vector<core::Label>{};
        };
        const core::Label label = test::humanLabel(other, 400, 600);

        // A label while the other series is read: the read finishes (its labels are from
        // before the edit) before the window hears of it.
        list->setCurrentIndex(list->model()->index(1, 0));
        QVERIFY(readFinishesUnseen(window));
        Q_EMIT chart->labelRequested(label);
        QVERIFY(idle.wait(10000));
        QCOMPARE(chart->seriesId(), other);
        QCOMPARE(chart->labels().size(), fileLabels(other).size());
        QVERIFY(chart->labels() == fileLabels(other));

        // An undo the same way.
        list->setCurrentIndex(list->model()->index(0, 0));
        QVERIFY(idle.wait(10000));
        list->setCurrentIndex(list->model()->index(1, 0));
        QVERIFY(readFinishesUnseen(window));
        window.undoStack()->undo();
        QVERIFY(idle.wait(10000));
        QVERIFY(chart->labels() == fileLabels(other));
        QCOMPARE(chart->labels().size(), fileLabels(other).size());

        // A model trained while the series is read: its scores are drawn, not the previous
        // version's (here none).
        list->setCurrentIndex(list->model()->index(0, 0));
        QVERIFY(idle.wait(10000));
        QVERIFY(chart->scores() == nullptr);
        list->setCurrentIndex(list->model()->index(1, 0));
        QVERIFY(readFinishesUnseen(window));
        std::map<std::int64_t, std::vector<double>> scores;
        for (const auto& info : *infos) {
            scores[info.id] = std::vector<double>(static_cast<std::size_t>(info.length), 0.25);
        }
        auto version = (*second)->addModel("default", "{}", {}, "{}", scores);
        QVERIFY(version.ok());
        Q_EMIT window.findChild<ui::TrainingDock*>()->modelTrained(*version);
        QVERIFY(idle.wait(10000));
        QCOMPARE(chart->seriesId(), other);
        QTRY_VERIFY(chart->scores() != nullptr);
        QCOMPARE(chart->scores()->modelVersion, *version);
    }

    // UX.md: classes are editable. A name shows in the class menu, the status bar (as text,
    // never markup) and label edits, stays with the project, and an empty name resets it.
    void classesCanBeRenamed()
    {
        const std::string path = test::makeTempDir("ui-classes") + "/demo.vigil";
        QVERIFY(writeDemoProject(path));
        auto classAction = [](ui::MainWindow& w, int c) {
            return w.findChild<ui::SeriesChart*>()->classActions().at(c - 1)->text();
        };
        {
            ui::MainWindow window;
            QVERIFY(window.openProject(test::qs(path)));
            QCOMPARE(classAction(window, 3), QStringLiteral("Class 3: class 3"));
            QVERIFY(window.renameClass(3, QStringLiteral("level shift")));
            QCOMPARE(classAction(window, 3), QStringLiteral("Class 3: level shift"));
            QCOMPARE(ui::LabelStyle::className(3), QStringLiteral("level shift"));
            QVERIFY(!window.renameClass(3, QStringLiteral("two\nlines")));
            QCOMPARE(ui::LabelStyle::className(3), QStringLiteral("level shift"));
            QVERIFY(window.renameClass(1, QStringLiteral("<b>outage</b>")));
            QList<QLabel*> labels = window.statusBar()->findChildren<QLabel*>();
            bool escaped = false;
            for (QLabel* l : labels) {
                escaped = escaped || l->text().contains(QStringLiteral("&lt;b&gt;outage"));
            }
            QVERIFY(escaped);
        }
        // Kept in the project: a new window shows them; an empty name gives the default back.
        ui::MainWindow again;
        QVERIFY(again.openProject(test::qs(path)));
        QCOMPARE(classAction(again, 3), QStringLiteral("Class 3: level shift"));
        QVERIFY(again.renameClass(3, QString()));
        QCOMPARE(classAction(again, 3), QStringLiteral("Class 3: class 3"));
        QVERIFY(again.renameClass(1, QString()));
        QCOMPARE(ui::LabelStyle::className(1), QStringLiteral("anomaly"));
        // Another project has its own names (here none).
        const std::string other = test::makeTempDir("ui-classes-other") + "/demo.vigil";
        {
            auto project = core::Project::open(other);
            QVERIFY(project.ok());
            QVERIFY((*project)->addSeries(core::makeDemoSeries()).ok());
        }
        QVERIFY(again.renameClass(4, QStringLiteral("sensor fault")));
        QVERIFY(again.openProject(test::qs(other)));
        QCOMPARE(classAction(again, 4), QStringLiteral("Class 4: class 4"));
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
