// SPDX-License-Identifier: MIT
// The review docks: the query queue and the detections list answer with A / N through the undo
// path (the label is in the file afterwards) and advance; their models pass
// QAbstractItemModelTester.
#include "docks/column_fitter.h"
#include "docks/detections_dock.h"
#include "docks/explanation_dock.h"
#include "docks/queue_dock.h"
#include "docks/suggestions_dock.h"
#include "docks/training_dock.h"
#include "main_window.h"
#include "models/detection_table_model.h"
#include "models/query_table_model.h"
#include "plot/score_track.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/active_learning.h"
#include "vigil/demo.h"
#include "vigil/project.h"
#include "vigil/project_models.h"
#include "workers/project_jobs.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QFont>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTcpServer>
#include <QTextBrowser>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace vigil;

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

/// A demo project whose LLM endpoint is http://127.0.0.1:PORT/v1; empty on failure.
std::string makeLlmProject(const char* tag, quint16 port)
{
    const std::string path = makeDemoProject(tag);
    auto project = core::Project::open(path, core::OpenMode::OpenExisting);
    if (path.empty() || !project ||
        !(*project)->setSetting("llm.provider", "openai-compatible").ok() ||
        !(*project)
             ->setSetting("llm.base_url", "http://127.0.0.1:" + std::to_string(port) + "/v1")
             .ok()) {
        return {};
    }
    return path;
}

std::unique_ptr<core::Project> openFile(const std::string& path)
{
    auto p = core::Project::open(path, core::OpenMode::OpenExisting);
    return p ? std::move(p).value() : nullptr;
}

/// The human label of `classId` covering exactly [begin, end) in the file, if any.
bool humanLabelInFile(const std::string& path, std::int64_t seriesId, std::int64_t begin,
                      std::int64_t end, int classId)
{
    auto project = openFile(path);
    if (!project) {
        return false;
    }
    auto labels = project->labels(seriesId);
    if (!labels) {
        return false;
    }
    for (const auto& l : *labels) {
        if (l.source == core::LabelSource::Human && l.classId == classId && l.begin <= begin &&
            end <= l.end) {
            return true;
        }
    }
    return false;
}

core::QueryStatus statusInFile(const std::string& path, std::int64_t queryId)
{
    auto project = openFile(path);
    auto all = project ? project->queries()
                       : core::Result<std::vector<core::QueryRecord>>(core::fail("cannot open"));
    if (all) {
        for (const auto& q : *all) {
            if (q.id == queryId) {
                return q.status;
            }
        }
    }
    return core::QueryStatus::New;
}

/// A fake model version (no detector bytes) whose stored scores hold known runs: the detections
/// list only reads listModels() and loadScores(), so this pins its rows down exactly.
using Runs = std::vector<std::array<double, 3>>; // [begin, end) and the score there

bool addScoredModel(const std::string& path,
                    const Runs& first = {{3000, 3050, 0.95}, {100, 120, 0.9}, {500, 510, 0.7}},
                    const Runs& second = {{200, 230, 0.8}})
{
    auto project = openFile(path);
    if (!project) {
        return false;
    }
    auto series = project->listSeries();
    if (!series || series->size() != 2) {
        return false;
    }
    auto version = project->addModel("default", "{}", {}, "{\"in_sample_f1\":0.5}");
    if (!version) {
        return false;
    }
    auto runs = [](std::int64_t n, const Runs& r) {
        std::vector<double> s(static_cast<size_t>(n), 0.1);
        for (const auto& [b, e, v] : r) {
            for (auto t = static_cast<std::int64_t>(b); t < static_cast<std::int64_t>(e); ++t) {
                s[static_cast<size_t>(t)] = v;
            }
        }
        return s;
    };
    const auto& a = (*series)[0];
    const auto& b = (*series)[1];
    return project->saveScores(*version, a.id, runs(a.length, first)).ok() &&
           project->saveScores(*version, b.id, runs(b.length, second)).ok();
}

class WindowFixture
{
public:
    explicit WindowFixture(const std::string& projectPath)
        : path(projectPath)
    {
        window.resize(1400, 900);
        window.show();
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        QSignalSpy scanned(window.detectionsDock(), &ui::DetectionsDock::scanned);
        ok = !path.empty() && window.openProject(test::qs(path)) &&
             (window.isIdle() || idle.wait(20000)) && QTest::qWaitForWindowExposed(&window) &&
             (scanned.count() > 0 || scanned.wait(20000));
    }

    std::string path;
    ui::MainWindow window;
    bool ok = false;
};

} // namespace

class TestDocks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The tables format numbers in the default locale; the expected texts are English.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void columnsStayInViewInANarrowDock()
    {
        // A range over midnight pushed the suggestions' confidence (German "Konfidenz") out of
        // a narrow dock; the range now gives way, elided, and grows back in a wider one.
        QStandardItemModel model(3, 4);
        model.setHorizontalHeaderLabels({QStringLiteral("Reihe"), QStringLiteral("Bereich"),
                                         QStringLiteral("Klasse"), QStringLiteral("Konfidenz")});
        for (int r = 0; r < 3; ++r) {
            model.setItem(r, 0, new QStandardItem(QStringLiteral("pump-sensors")));
            model.setItem(
                r, 1,
                new QStandardItem(r == 1 ? QStringLiteral("2026-02-16 23:20 – 2026-02-17 00:40")
                                         : QStringLiteral("2026-02-08 09:10")));
            model.setItem(r, 2, new QStandardItem(QStringLiteral("Anomalie")));
            model.setItem(r, 3, new QStandardItem(QStringLiteral("0,992")));
        }
        QTableView view;
        view.setModel(&model);
        view.horizontalHeader()->setStretchLastSection(true);
        auto* fitter = new vigil::ui::ColumnFitter(&view, 0, 1, -1);
        view.resize(380, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        fitter->resizeToContents();
        QHeaderView* header = view.horizontalHeader();
        const int fullRange = header->sectionSize(1);
        QTRY_VERIFY(header->length() <= view.viewport()->width());
        QVERIFY2(header->sectionSize(3) >= header->sectionSizeHint(3),
                 qPrintable(QString::number(header->sectionSize(3))));
        QVERIFY(header->sectionSize(1) >= 90);
        // Wider: the range gets its whole text back, and the last column the rest.
        view.resize(900, 200);
        QTRY_VERIFY(header->sectionSize(1) > fullRange);
        QTRY_COMPARE(header->length(), view.viewport()->width());
        // Narrow again: it gives way again.
        view.resize(380, 200);
        QTRY_VERIFY(header->length() <= view.viewport()->width());
    }

    void findDetectionsFindsRunsAndPeaks()
    {
        const std::vector<double> s = {0.1, 0.6, 0.9, 0.5, std::nan(""), 0.7, 0.2, 0.8};
        const auto d = ui::findDetections(s, 0.5);
        QCOMPARE(d.size(), std::size_t(3));
        QCOMPARE(d[0].begin, std::int64_t(1));
        QCOMPARE(d[0].end, std::int64_t(4)); // 0.5 counts: at or above the threshold
        QCOMPARE(d[0].peakRow, std::int64_t(2));
        QCOMPARE(d[0].peak, 0.9);
        QCOMPARE(d[1].begin, std::int64_t(5)); // NaN ends a run
        QCOMPARE(d[1].end, std::int64_t(6));
        QCOMPARE(d[2].begin, std::int64_t(7));
        QCOMPARE(d[2].end, std::int64_t(8)); // a run reaching the end
        QVERIFY(ui::findDetections({}, 0.5).empty());
    }

    void modelThresholdReadsStoredThreshold()
    {
        core::ModelRecord m;
        QCOMPARE(core::modelDecisionThreshold(m), 0.5);
        m.metricsJson = "{\"decision_threshold\":0.35}";
        QCOMPARE(core::modelDecisionThreshold(m), 0.35);
        m.metricsJson = "not json";
        m.configJson = "{\"threshold\":0.2}";
        QCOMPARE(core::modelDecisionThreshold(m), 0.2);
        m.configJson = "{\"threshold\":7}"; // outside (0, 1): ignored
        QCOMPARE(core::modelDecisionThreshold(m), 0.5);
    }

    void modelDecisionReadsTheMetrics()
    {
        using core::ModelDecisionKind;
        QCOMPARE(core::modelDecisionKind(""), ModelDecisionKind::Greedy);
        QCOMPARE(core::modelDecisionKind("not json"), ModelDecisionKind::Greedy);
        QCOMPARE(core::modelDecisionKind(R"({"groups":[{"channels":1}]})"),
                 ModelDecisionKind::Greedy);
        QCOMPARE(core::modelDecisionKind(R"({"groups":[{"channels":1,"decision_note":"x"}]})"),
                 ModelDecisionKind::DetectorAlone);
        core::StackedDecision d;
        d.weight = {1.0, 2.0, 3.0};
        d.cut = 0.25;
        const std::string fitted = R"({"groups":[{"channels":3,"decision_note":"x"},)"
                                   R"({"channels":1,"decision":)" +
                                   d.toJson() + R"(,"decision_normals":"labelled"}]})";
        QCOMPARE(core::modelDecisionKind(fitted), ModelDecisionKind::Fitted);
        std::string standIns = fitted;
        standIns.replace(standIns.find("\"labelled\""), 10, "\"unlabelled\"");
        QCOMPARE(core::modelDecisionKind(standIns), ModelDecisionKind::FittedStandIns);

        const auto read = core::modelDecisions(fitted);
        QVERIFY(read.ok());
        QCOMPARE(read->size(), size_t(1));
        QCOMPARE(read->at(1).weight[2], 3.0);
        QCOMPARE(read->at(1).cut, 0.25);
        QVERIFY(core::modelDecisions("")->empty());
        QVERIFY(core::modelDecisions("{}")->empty());
        QVERIFY(!core::modelDecisions("not json").ok());
        QVERIFY(!core::modelDecisions(R"({"groups":[{"channels":1,"decision":{"cut":1}}]})").ok());

        // The incident budget: none on a decision stored without one, the largest otherwise.
        QCOMPARE(core::modelIncidentBudget(fitted), 0.0);
        QCOMPARE(core::modelIncidentBudget("not json"), 0.0);
        core::StackedDecision b = d;
        b.incidentsPerThousand = 2.0;
        const std::string budgeted = R"({"groups":[{"channels":3,"decision":)" + d.toJson() +
                                     R"(},{"channels":1,"decision":)" + b.toJson() + "}]}";
        QCOMPARE(core::modelIncidentBudget(budgeted), 2.0);

        // The smoothing span and what the metrics suggest for it: half the median labelled
        // stretch from 6 points on, only while the decision does not smooth; a zero in-sample
        // F1 on labelled points says the model flags none of the labelled anomalies.
        QCOMPARE(core::modelSmoothing(fitted), 1);
        const auto withMetrics = [&](const core::StackedDecision& decision, const char* extra) {
            return R"({"groups":[{"channels":1,"decision":)" + decision.toJson() + "}]," + extra +
                   "}";
        };
        QCOMPARE(
            core::modelSuggestedSmoothing(withMetrics(d, R"("anomaly_label_median_length":47)")),
            23);
        QCOMPARE(
            core::modelAnomalyLabelMedian(withMetrics(d, R"("anomaly_label_median_length":47)")),
            std::int64_t(47));
        QCOMPARE(
            core::modelSuggestedSmoothing(withMetrics(d, R"("anomaly_label_median_length":5)")), 0);
        QCOMPARE(core::modelSuggestedSmoothing(R"({"anomaly_label_median_length":47})"), 0);
        core::StackedDecision smooth = d;
        smooth.smoothing = 20;
        QCOMPARE(core::modelSmoothing(withMetrics(smooth, R"("anomaly_label_median_length":47)")),
                 20);
        QCOMPARE(core::modelSuggestedSmoothing(
                     withMetrics(smooth, R"("anomaly_label_median_length":47)")),
                 0);
        QVERIFY(core::modelFlagsNoLabelledAnomaly(
            withMetrics(smooth, R"("in_sample_f1":0.0,"labelled_points":30)")));
        QVERIFY(!core::modelFlagsNoLabelledAnomaly(
            withMetrics(smooth, R"("in_sample_f1":0.4,"labelled_points":30)")));
        QVERIFY(!core::modelFlagsNoLabelledAnomaly(
            withMetrics(smooth, R"("in_sample_f1":0.0,"labelled_points":0)")));
        QVERIFY(!core::modelFlagsNoLabelledAnomaly("not json"));
    }

    void queryModelPassesModelTester()
    {
        ui::QueryTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<core::QueryRecord> rows(3);
        for (int i = 0; i < 3; ++i) {
            rows[static_cast<size_t>(i)].id = i + 1;
            rows[static_cast<size_t>(i)].seriesId = 1;
            rows[static_cast<size_t>(i)].begin = 100 * i;
            rows[static_cast<size_t>(i)].end = 100 * i + 25;
            rows[static_cast<size_t>(i)].score = 0.5 + 0.1 * i;
            rows[static_cast<size_t>(i)].reason = "margin";
        }
        model.setQueries(rows, {{1, QStringLiteral("web-latency")}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(ui::QueryTableModel::ColumnCount));
        QCOMPARE(model.index(1, ui::QueryTableModel::RangeColumn).data().toString(),
                 QStringLiteral("100–124"));
        model.setStatus(0, core::QueryStatus::Labelled);
        QCOMPARE(model.index(0, ui::QueryTableModel::StatusColumn).data().toString(),
                 QStringLiteral("labelled"));
        QCOMPARE(model.nextOpenRow(0), 1);
        model.setQueries({}, {});
        QCOMPARE(model.rowCount(), 0);
    }

    void detectionModelsPassModelTester()
    {
        ui::DetectionTableModel model;
        ui::DetectionFilterModel proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ui::DetectionScan scan;
        scan.modelVersion = 2;
        const std::vector<double> s = {0.1, 0.6, 0.9, 0.1, 0.7, 0.1, 0.55, 0.55};
        scan.detections = ui::findDetections(s, 0.5);
        for (auto& d : scan.detections) {
            d.series = d.begin < 4 ? QStringLiteral("alpha") : QStringLiteral("beta");
        }
        model.setScan(scan);
        QCOMPARE(model.rowCount(), 3);
        proxy.sort(ui::DetectionTableModel::PeakColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, ui::DetectionTableModel::PeakColumn).data().toString(),
                 QStringLiteral("0.900"));
        proxy.setFilterFixedString(QStringLiteral("beta"));
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setMinimumPeak(0.6);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString({});
        QCOMPARE(proxy.rowCount(), 2);
        model.setStatus(0, ui::DetectionStatus::Confirmed);
        proxy.setMinimumPeak(0.0);
        QCOMPARE(proxy.rowCount(), 3);
        model.setScan({});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void queueKeysLabelAndAdvance()
    {
        const std::string path = makeDemoProject("ui-queue");
        QVERIFY(!path.empty());
        {
            auto project = openFile(path);
            QVERIFY(project);
            core::ProjectQueryOptions options;
            options.k = 6;
            auto queries = core::computeProjectQueries(*project, options);
            QVERIFY2(queries.ok(), queries.ok() ? "" : queries.error().message.c_str());
            QVERIFY(queries->queries.size() >= 4);
        }
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::QueueDock* dock = f.window.queueDock();
        QAbstractItemModelTester tester(dock->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView* view = dock->view();
        QVERIFY(dock->model()->rowCount() >= 4);
        QVERIFY(dock->isVisible());
        QVERIFY(QTest::qWaitForWindowActive(&f.window));

        view->setFocus();
        view->setCurrentIndex(dock->model()->index(0, 0));
        const core::QueryRecord q0 = dock->model()->query(0);
        const core::QueryRecord q1 = dock->model()->query(1);
        const core::QueryRecord q2 = dock->model()->query(2);
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Viewed);
        // Selecting a query shows its series zoomed to the window.
        QTRY_COMPARE_WITH_TIMEOUT(f.window.chart()->seriesId(), q0.seriesId, 20000);

        // The current query's reason is shown in full under the table (its column is elided).
        auto* reason = dock->findChild<QLabel*>(QStringLiteral("queueReason"));
        QVERIFY(reason != nullptr);
        const auto reasonOf = [&](int row) {
            return dock->model()
                ->data(dock->model()->index(row, ui::QueryTableModel::ReasonColumn))
                .toString();
        };
        QVERIFY(!reasonOf(0).isEmpty());
        QVERIFY(reason->isVisible());
        QCOMPARE(reason->text(), QStringLiteral("Why: ") + reasonOf(0));
        QTest::keyClick(view, Qt::Key_A);
        QVERIFY(humanLabelInFile(path, q0.seriesId, q0.begin, q0.end, core::kClassAnomaly));
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Labelled);
        QCOMPARE(view->currentIndex().row(), 1);
        QCOMPARE(reason->text(), QStringLiteral("Why: ") + reasonOf(1));
        QCOMPARE(f.window.undoStack()->count(), 1);

        QTest::keyClick(view, Qt::Key_N);
        QVERIFY(humanLabelInFile(path, q1.seriesId, q1.begin, q1.end, core::kClassNormal));
        QCOMPARE(statusInFile(path, q1.id), core::QueryStatus::Labelled);
        QCOMPARE(view->currentIndex().row(), 2);

        QTest::keyClick(view, Qt::Key_S);
        QCOMPARE(statusInFile(path, q2.id), core::QueryStatus::Skipped);
        QCOMPARE(view->currentIndex().row(), 3);
        QVERIFY(!humanLabelInFile(path, q2.seriesId, q2.begin, q2.end, core::kClassAnomaly));

        QTest::keyClick(view, Qt::Key_Left);
        QCOMPARE(view->currentIndex().row(), 2);
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(view->currentIndex().row(), 3);

        // An answer is one undo step: the label and the query's status go back together, so
        // the query is open again (as viewed, its status before the answer).
        f.window.undoStack()->undo();
        QVERIFY(!humanLabelInFile(path, q1.seriesId, q1.begin, q1.end, core::kClassNormal));
        QVERIFY(humanLabelInFile(path, q0.seriesId, q0.begin, q0.end, core::kClassAnomaly));
        QCOMPARE(statusInFile(path, q1.id), core::QueryStatus::Viewed);
        QCOMPARE(dock->model()->query(1).status, core::QueryStatus::Viewed);
        QCOMPARE(dock->model()->nextOpenRow(0), 1);
        f.window.undoStack()->redo();
        QVERIFY(humanLabelInFile(path, q1.seriesId, q1.begin, q1.end, core::kClassNormal));
        QCOMPARE(statusInFile(path, q1.id), core::QueryStatus::Labelled);
        QCOMPARE(dock->model()->query(1).status, core::QueryStatus::Labelled);
        f.window.undoStack()->undo();
        f.window.undoStack()->undo();
        QVERIFY(!humanLabelInFile(path, q0.seriesId, q0.begin, q0.end, core::kClassAnomaly));
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Viewed);
        QCOMPARE(dock->model()->query(0).status, core::QueryStatus::Viewed);

        // After reopening, undoing an answer opens its query again too (the label log does
        // not hold the query: its window decides), and redo closes it.
        f.window.undoStack()->redo();
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Labelled);
        QVERIFY(f.window.openProject(QString::fromStdString(path)));
        QTRY_VERIFY_WITH_TIMEOUT(f.window.isIdle(), 20000); // the history loads off the GUI thread
        f.window.undoStack()->undo();
        QVERIFY(!humanLabelInFile(path, q0.seriesId, q0.begin, q0.end, core::kClassAnomaly));
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Viewed);
        f.window.undoStack()->redo();
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Labelled);
    }

    // A refresh (each retrain starts one) stores a new queue with new ids before the dock
    // reloads it. An answer given in between said "no query with id 1", and the window came
    // back as an open query; a window labelled while the queue was computed was asked again.
    void answerWhileTheQueueIsRecomputed()
    {
        const std::string path = makeDemoProject("ui-queue-race");
        QVERIFY(!path.empty());
        core::ProjectQueryOptions options;
        options.k = 6;
        {
            auto project = openFile(path);
            QVERIFY(project);
            QVERIFY(core::computeProjectQueries(*project, options).ok());
        }
        WindowFixture f(path);
        QVERIFY(f.ok);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        ui::QueueDock* dock = f.window.queueDock();
        QTableView* view = dock->view();
        view->setFocus();
        view->setCurrentIndex(dock->model()->index(0, 0));
        const core::QueryRecord q0 = dock->model()->query(0);
        const core::QueryRecord q1 = dock->model()->query(1);

        // Another connection (the refresh's worker) stores the queue again: new ids.
        core::QueryRecord stored0;
        {
            auto project = openFile(path);
            QVERIFY(project);
            QVERIFY(core::computeProjectQueries(*project, options).ok());
            const auto all = project->queries();
            QVERIFY(all.ok());
            for (const auto& q : *all) {
                if (q.seriesId == q0.seriesId && q.begin == q0.begin && q.end == q0.end &&
                    q.status != core::QueryStatus::Labelled) {
                    stored0 = q;
                }
            }
        }
        QVERIFY(stored0.id != 0 && stored0.id != q0.id); // the same window, a new id
        QTest::keyClick(view, Qt::Key_A);                // the dock still holds the old ids
        QVERIFY(humanLabelInFile(path, q0.seriesId, q0.begin, q0.end, core::kClassAnomaly));
        QVERIFY2(!f.window.statusBar()->currentMessage().contains(QStringLiteral("no query")),
                 qPrintable(f.window.statusBar()->currentMessage()));
        QCOMPARE(statusInFile(path, stored0.id), core::QueryStatus::Labelled);
        QCOMPARE(dock->model()->query(0).status, core::QueryStatus::Labelled);
        QCOMPARE(view->currentIndex().row(), 1); // on to the next, as always
        // Undo opens it again, as the analyst had seen it (viewed).
        f.window.undoStack()->undo();
        QCOMPARE(statusInFile(path, stored0.id), core::QueryStatus::Viewed);
        f.window.undoStack()->redo();
        QCOMPARE(statusInFile(path, stored0.id), core::QueryStatus::Labelled);
        // Once the dock holds the stored ids, undo and redo show there too.
        QSignalSpy refreshed(dock, &ui::QueueDock::refreshed);
        dock->refresh();
        QVERIFY(refreshed.wait(20000));
        int row = -1;
        for (int r = 0; r < dock->model()->rowCount(); ++r) {
            row = dock->model()->query(r).id == stored0.id ? r : row;
        }
        QVERIFY(row >= 0);
        QCOMPARE(dock->model()->query(row).status, core::QueryStatus::Labelled);
        f.window.undoStack()->undo();
        QCOMPARE(dock->model()->query(row).status, core::QueryStatus::Viewed);
        f.window.undoStack()->redo();
        QCOMPARE(dock->model()->query(row).status, core::QueryStatus::Labelled);

        // Labelled while a queue was computed: that queue does not ask the window.
        {
            auto project = openFile(path);
            QVERIFY(project);
            auto before = core::computeProjectQueries(*project, options);
            QVERIFY(before.ok());
            core::Label answer;
            answer.seriesId = q1.seriesId;
            answer.begin = q1.begin;
            answer.end = q1.end;
            answer.classId = core::kClassNormal;
            answer.author = "analyst";
            QVERIFY(project->assignLabel(answer).ok());
            // What a queue chosen before that label would store.
            const auto open = project->queries(q1.seriesId, core::QueryStatus::New);
            QVERIFY(open.ok());
            std::vector<core::QueryRecord> stale = *open;
            core::QueryRecord again = q1;
            again.status = core::QueryStatus::New;
            stale.push_back(again);
            // Another open window labelled at its centre only (a point anomaly there) is not
            // asked again either, as the choice leaves it out.
            const auto other = std::find_if(stale.begin(), stale.end(), [&](const auto& q) {
                return q.end <= q1.begin || q1.end <= q.begin;
            });
            QVERIFY(other != stale.end());
            const core::QueryRecord pointed = *other;
            core::Label point;
            point.seriesId = pointed.seriesId;
            point.begin = pointed.begin + (pointed.end - pointed.begin) / 2;
            point.end = point.begin + 1;
            point.classId = core::kClassAnomaly;
            point.author = "analyst";
            QVERIFY(project->assignLabel(point).ok());
            auto ids = project->replaceOpenQueries(q1.seriesId, stale);
            QVERIFY(ids.ok());
            const auto asked = std::count_if(stale.begin(), stale.end(), [&](const auto& q) {
                return (q.begin == q1.begin && q.end == q1.end) ||
                       (q.begin == pointed.begin && q.end == pointed.end);
            });
            QVERIFY(asked >= 2);
            QCOMPARE(ids->size(), stale.size() - static_cast<std::size_t>(asked));
            const auto after = project->queries(q1.seriesId);
            QVERIFY(after.ok());
            for (const auto& q : *after) {
                const bool isOpen =
                    q.status == core::QueryStatus::New || q.status == core::QueryStatus::Viewed;
                QVERIFY(!(isOpen && q.begin == q1.begin && q.end == q1.end));
            }
        }
    }

    // After the last open query is answered no row stays current: the answered one did, and
    // the next A replaced its label and S marked it skipped beside its label, without a word.
    void lastAnswerLeavesNoQueryCurrent()
    {
        const std::string path = makeDemoProject("ui-queue-end");
        QVERIFY(!path.empty());
        {
            auto project = openFile(path);
            QVERIFY(project);
            core::ProjectQueryOptions options;
            options.k = 2;
            QVERIFY(core::computeProjectQueries(*project, options).ok());
        }
        WindowFixture f(path);
        QVERIFY(f.ok);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        ui::QueueDock* dock = f.window.queueDock();
        QTableView* view = dock->view();
        QCOMPARE(dock->model()->nextOpenRow(-1), 0);
        view->setFocus();
        view->setCurrentIndex(dock->model()->index(0, 0));
        const core::QueryRecord q0 = dock->model()->query(0);
        const core::QueryRecord q1 = dock->model()->query(1);
        QTest::keyClick(view, Qt::Key_N);
        QCOMPARE(view->currentIndex().row(), 1);
        QTest::keyClick(view, Qt::Key_N);
        QVERIFY(!view->currentIndex().isValid());
        QVERIFY2(dock->noteText().contains(QStringLiteral("Every query is answered")),
                 qPrintable(dock->noteText()));
        const int steps = f.window.undoStack()->count();
        QTest::keyClick(view, Qt::Key_A); // nothing open: nothing answered
        QCOMPARE(f.window.undoStack()->count(), steps);
        QVERIFY(humanLabelInFile(path, q1.seriesId, q1.begin, q1.end, core::kClassNormal));
        // An answered query chosen again: S does not mark it skipped beside its label.
        view->setCurrentIndex(dock->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_S);
        QCOMPARE(statusInFile(path, q0.id), core::QueryStatus::Labelled);
        QVERIFY(dock->noteText().contains(QStringLiteral("answered")));
        // A deliberate A on it changes the answer (one undo step).
        QTest::keyClick(view, Qt::Key_A);
        QVERIFY(humanLabelInFile(path, q0.seriesId, q0.begin, q0.end, core::kClassAnomaly));
        QCOMPARE(f.window.undoStack()->count(), steps + 1);
    }

    // A series with integer timestamps lists its queries in those units, as the chart's axis
    // shows them (the queue said rows 1197–1221 beside an axis of 105000–115000).
    void queueShowsIntegerTimestamps()
    {
        const std::string path = test::makeTempDir("ui-int-times") + "/ints.vigil";
        auto project = core::Project::open(path);
        QVERIFY(project.ok());
        core::TimeSeries s;
        s.name = "ints";
        s.channelNames = {"v"};
        s.values.resize(600, 1);
        s.timeKind = core::TimeKind::Numeric;
        for (int t = 0; t < 600; ++t) {
            s.values(t, 0) = std::sin(t * 0.2) + (t == 300 ? 8.0 : 0.0);
            s.timestamps.push_back(100000 + 10 * t);
        }
        core::ImportedSeries imported;
        imported.series = s;
        QVERIFY((*project)->addSeries({imported}).ok());
        core::ProjectQueryOptions options;
        options.k = 3;
        QVERIFY(core::computeProjectQueries(**project, options).ok());
        auto list = (*project)->listSeries();
        QVERIFY(list.ok());
        ui::QueueDock dock;
        dock.setProject(test::qs(path), project->get(), *list);
        QVERIFY(dock.model()->rowCount() > 0);
        const core::QueryRecord q = dock.model()->query(0);
        const QString expected =
            QStringLiteral("%1–%2").arg(100000 + 10 * q.begin).arg(100000 + 10 * (q.end - 1));
        const auto range = [&] {
            return dock.model()
                ->data(dock.model()->index(0, ui::QueryTableModel::RangeColumn))
                .toString();
        };
        QTRY_COMPARE(range(), expected);
        const QString tip =
            dock.model()
                ->data(dock.model()->index(0, ui::QueryTableModel::RangeColumn), Qt::ToolTipRole)
                .toString();
        QVERIFY2(tip.contains(QStringLiteral("rows %1").arg(q.begin)), qPrintable(tip));
    }

    // An empty project's queue says to import data; "press Refresh queue" only led to "the
    // project has no series to query".
    void emptyProjectQueueSaysToImport()
    {
        const std::string path = test::makeTempDir("ui-empty-queue") + "/empty.vigil";
        auto project = core::Project::open(path);
        QVERIFY(project.ok());
        ui::QueueDock dock;
        dock.setProject(test::qs(path), project->get(), {});
        QVERIFY2(dock.noteText().contains(QStringLiteral("import data")),
                 qPrintable(dock.noteText()));
        QVERIFY(!dock.noteText().contains(QStringLiteral("Refresh queue")));
    }

    // A project this user may only read does not train: Train is disabled and Ctrl+R says why
    // at once. It used to train for a minute and fail only when storing the model.
    void readOnlyProjectDoesNotTrain()
    {
        if (::geteuid() != 0) {
            QSKIP("a read-only open needs another user (run as root to switch to nobody)");
        }
        namespace fs = std::filesystem;
        const std::string path = makeDemoProject("ui-train-read-only");
        QVERIFY(!path.empty());
        fs::permissions(fs::path(path).parent_path(),
                        fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
        fs::permissions(path,
                        fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        if ((fs::status(fs::temp_directory_path()).permissions() & fs::perms::others_exec) ==
            fs::perms::none) {
            QSKIP("user nobody cannot reach the temporary folder");
        }
        QVERIFY(::seteuid(65534) == 0);
        auto opened = core::Project::open(path, core::OpenMode::OpenExisting);
        QVERIFY(::seteuid(0) == 0);
        QVERIFY2(opened.ok(), opened.ok() ? "" : opened.error().message.c_str());
        QVERIFY((*opened)->readOnly());
        ui::TrainingDock dock;
        dock.setProject(test::qs(path), opened->get(), true);
        QPushButton* train = nullptr;
        for (auto* b : dock.findChildren<QPushButton*>()) {
            if (b->text() == QStringLiteral("Train")) {
                train = b;
            }
        }
        QVERIFY(train != nullptr);
        QVERIFY(!train->isEnabled());
        auto* result = dock.findChild<QLabel*>(QStringLiteral("trainingResult"));
        QVERIFY(result != nullptr);
        QVERIFY2(result->text().contains(QStringLiteral("read-only")), qPrintable(result->text()));
        result->clear();
        dock.train(); // Ctrl+R
        QVERIFY(!dock.isTraining());
        QVERIFY2(result->text().contains(QStringLiteral("save a copy")),
                 qPrintable(result->text()));
        auto models = (*opened)->listModels();
        QVERIFY(models.ok() && models->empty());
    }

    // Tab (or an Alt+letter) into a dock behind another's tab brings that tab to the front: its
    // fields and buttons were reached unseen, and Space on the hidden Train button trained.
    void focusInADockBehindATabBringsItForward()
    {
        const std::string path = makeDemoProject("ui-dock-focus");
        QVERIFY(!path.empty());
        WindowFixture f(path);
        QVERIFY(f.ok);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        ui::QueueDock* queue = f.window.queueDock();
        ui::TrainingDock* training = f.window.trainingDock();
        QTRY_VERIFY(!queue->visibleRegion().isEmpty());
        QVERIFY(training->visibleRegion().isEmpty()); // behind the queue's tab
        auto* every = training->findChild<QSpinBox*>(QStringLiteral("retrainEvery"));
        QVERIFY(every != nullptr);
        every->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(!training->visibleRegion().isEmpty());
        QVERIFY(queue->visibleRegion().isEmpty());
        // Focus moving within the front dock, or to the chart, raises nothing else.
        queue->view()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(!queue->visibleRegion().isEmpty());
        f.window.chart()->setFocus(Qt::TabFocusReason);
        QTest::qWait(50);
        QVERIFY(!queue->visibleRegion().isEmpty());
        // Ctrl+P from the queue raises the suggestions and takes the focus along, so no key
        // acts in the covered queue and the next Tab does not bring it back.
        queue->view()->setFocus(Qt::TabFocusReason);
        QTRY_VERIFY(queue->view()->hasFocus());
        ui::SuggestionsDock* suggestions = f.window.suggestionsDock();
        QSignalSpy propagated(suggestions, &ui::SuggestionsDock::propagated);
        QTest::keyClick(queue->view(), Qt::Key_P, Qt::ControlModifier);
        QTRY_VERIFY(!suggestions->visibleRegion().isEmpty());
        QVERIFY(queue->visibleRegion().isEmpty());
        QVERIFY(suggestions->view()->hasFocus());
        QVERIFY(propagated.count() > 0 || propagated.wait(60000));
    }

    // A retrain recomputes the queue (new ids). The analyst's current query must survive it:
    // a bug hunt found A, N and S doing nothing after every retrain, as no row was current.
    void queueKeepsItsPlaceAcrossARefresh()
    {
        const std::string path = makeDemoProject("ui-queue-place");
        QVERIFY(!path.empty());
        {
            auto project = openFile(path);
            QVERIFY(project);
            core::ProjectQueryOptions options;
            options.k = 6;
            QVERIFY(core::computeProjectQueries(*project, options).ok());
        }
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::QueueDock* dock = f.window.queueDock();
        QTableView* view = dock->view();
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        view->setFocus();
        view->setCurrentIndex(dock->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(view->currentIndex().row(), 1);
        const core::QueryRecord current = dock->model()->query(1);

        QSignalSpy refreshed(dock, &ui::QueueDock::refreshed);
        QSignalSpy moved(dock, &ui::QueueDock::windowSelected);
        dock->refresh();
        QVERIFY(refreshed.wait(60000));
        QCOMPARE(moved.count(), 0); // the chart stays where the analyst is
        core::QueryRecord now;
        if (view->currentIndex().isValid()) {
            // The same window, chosen again: still current, still viewed.
            now = dock->model()->query(view->currentIndex().row());
            QVERIFY(now.seriesId == current.seriesId && now.begin == current.begin &&
                    now.end == current.end);
            QVERIFY(now.id != current.id); // the open queries were stored again
            QVERIFY(now.status == core::QueryStatus::Viewed);
            QVERIFY(statusInFile(path, now.id) == core::QueryStatus::Viewed);
        } else {
            // Not chosen again: the first key shows the best open query and answers nothing.
            const int steps = f.window.undoStack()->count();
            QTest::keyClick(view, Qt::Key_N);
            QCOMPARE(f.window.undoStack()->count(), steps);
            QVERIFY(view->currentIndex().isValid());
            QCOMPARE(view->currentIndex().row(), dock->model()->nextOpenRow(-1));
            QCOMPARE(moved.count(), 1);
            now = dock->model()->query(view->currentIndex().row());
        }

        const int steps = f.window.undoStack()->count();
        QTest::keyClick(view, Qt::Key_N);
        QCOMPARE(f.window.undoStack()->count(), steps + 1);
        QVERIFY(humanLabelInFile(path, now.seriesId, now.begin, now.end, core::kClassNormal));
        QCOMPARE(statusInFile(path, now.id), core::QueryStatus::Labelled);

        // Another project opened: nothing of the first one's place is carried over (it used to
        // mark a query of the new project viewed and move the chart).
        const std::string other = makeDemoProject("ui-queue-place-other");
        {
            auto project = openFile(other);
            QVERIFY(project);
            core::ProjectQueryOptions options;
            options.k = 4;
            QVERIFY(core::computeProjectQueries(*project, options).ok());
        }
        QVERIFY(view->currentIndex().isValid());
        QSignalSpy movedAgain(dock, &ui::QueueDock::windowSelected);
        QVERIFY(f.window.openProject(QString::fromStdString(other)));
        QCOMPARE(movedAgain.count(), 0);
        QVERIFY(!view->currentIndex().isValid());
        for (int row = 0; row < dock->model()->rowCount(); ++row) {
            QCOMPARE(statusInFile(other, dock->model()->query(row).id), core::QueryStatus::New);
        }
        QVERIFY(f.window.openProject(QString::fromStdString(path)));
        view->setFocus();
        view->setCurrentIndex(dock->model()->index(dock->model()->nextOpenRow(-1), 0));

        // Tab leaves the table (keyboard-only use); it used to walk its cells for ever, marking
        // every query it passed as viewed.
        const int row = view->currentIndex().row();
        QVERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Tab);
        QVERIFY(!view->hasFocus());
        QCOMPARE(view->currentIndex().row(), row);
    }

    void refreshQueueRunsOffThread()
    {
        // A project without stored queries fills its queue by itself when it opens (UX.md's
        // loop), off the GUI thread; "Refresh queue" computes it again.
        const std::string path = makeDemoProject("ui-queue-refresh");
        {
            auto project = openFile(path);
            QVERIFY(project);
            auto stored = project->queries();
            QVERIFY(stored.ok() && stored->empty());
        }
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::QueueDock* dock = f.window.queueDock();
        QTRY_VERIFY_WITH_TIMEOUT(dock->model()->rowCount() > 0, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(dock->refreshButton()->isEnabled(), 60000);
        const auto first = dock->model()->query(0).id;
        QSignalSpy refreshed(dock, &ui::QueueDock::refreshed);
        dock->refresh();
        QVERIFY(refreshed.wait(60000));
        QVERIFY(dock->model()->rowCount() > 0);
        QVERIFY(dock->model()->query(0).id != first); // a new batch replaced the open queries
        // The demo's series have calendar timestamps: the Range column shows the window's
        // dates (read off the GUI thread), as Detections does, and its tooltip the rows.
        {
            const core::QueryRecord& q = dock->model()->query(0);
            const QModelIndex range = dock->model()->index(0, ui::QueryTableModel::RangeColumn);
            const QRegularExpression date(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"));
            QTRY_VERIFY2(date.match(range.data().toString()).hasMatch(),
                         qPrintable(range.data().toString()));
            const QString tip = range.data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(QStringLiteral("rows %1–%2").arg(q.begin).arg(q.end - 1)),
                     qPrintable(tip));
            // 10-minute steps from the demo's start (2026-01-01 00:00 UTC).
            QDateTime start = QDateTime::fromString(range.data().toString().left(16),
                                                    QStringLiteral("yyyy-MM-dd HH:mm"));
            start.setTimeSpec(Qt::UTC);
            QVERIFY(start.isValid());
            const core::DemoOptions demo;
            QCOMPARE(start.toMSecsSinceEpoch(), demo.startMillis + q.begin * demo.stepMillis);
        }
        const QString notes = dock->noteText();
        QVERIFY2(notes.contains(QStringLiteral("no model yet")), qPrintable(notes));
        // Reopened with open queries stored, the queue shows them with the notes it was
        // computed with, and computes nothing.
        QSignalSpy again(dock, &ui::QueueDock::refreshed);
        QVERIFY(f.window.openProject(QString::fromStdString(path)));
        QVERIFY(dock->model()->rowCount() > 0);
        QCOMPARE(dock->noteText(), notes);
        QVERIFY(!again.wait(1500));
        // A model trained elsewhere since (here: the CLI's way, straight into the file) makes
        // the stored queue stale: reopening chooses it again from the newest model.
        {
            auto project = openFile(path);
            QVERIFY(project);
            auto v = project->addModel("default", "{}", {}, "{}");
            QVERIFY(v.ok());
        }
        QSignalSpy stale(dock, &ui::QueueDock::refreshed);
        QVERIFY(f.window.openProject(QString::fromStdString(path)));
        QVERIFY(stale.wait(60000));
        QVERIFY2(!dock->noteText().contains(QStringLiteral("no model yet")),
                 qPrintable(dock->noteText()));
    }

    // Computing the queue shows its progress and can be cancelled: the stored queue stays as it
    // was. Opening another project meanwhile stops the old computation and computes the new
    // project's queue afterwards.
    void queueRefreshCanBeCancelled()
    {
        const std::string path = makeDemoProject("ui-queue-cancel");
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::QueueDock* dock = f.window.queueDock();
        QTRY_VERIFY_WITH_TIMEOUT(dock->model()->rowCount() > 0, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(dock->refreshButton()->isEnabled(), 60000);
        const auto before = openFile(path)->queries();
        QVERIFY(before.ok() && !before->empty());
        QVERIFY(!dock->cancelButton()->isVisible());

        QSignalSpy cancelled(dock->runner(), &ui::JobRunner::cancelled);
        dock->refreshButton()->click();
        QVERIFY(dock->cancelButton()->isVisible());
        QVERIFY(!dock->refreshButton()->isEnabled());
        dock->cancelButton()->click();
        QVERIFY(cancelled.wait(60000));
        QVERIFY(!dock->cancelButton()->isVisible());
        QVERIFY(dock->refreshButton()->isEnabled());
        QVERIFY2(dock->noteText().contains(QStringLiteral("Cancelled")),
                 qPrintable(dock->noteText()));
        const auto after = openFile(path)->queries();
        QVERIFY(after.ok());
        QCOMPARE(after->size(), before->size());
        for (std::size_t i = 0; i < after->size(); ++i) {
            QCOMPARE((*after)[i].id, (*before)[i].id);
        }

        // Another project opens while the queue of this one is computed.
        const std::string other = makeDemoProject("ui-queue-cancel-other");
        QSignalSpy refreshed(dock, &ui::QueueDock::refreshed);
        dock->refresh();
        QVERIFY(dock->runner()->isRunning());
        QVERIFY(f.window.openProject(QString::fromStdString(other)));
        QVERIFY(refreshed.wait(60000));
        QTRY_VERIFY(!dock->runner()->isRunning());
        auto otherQueue = openFile(other)->queries();
        QVERIFY(otherQueue.ok() && !otherQueue->empty()); // computed for the project now open
        QCOMPARE(dock->model()->rowCount(), int(otherQueue->size()));

        // Asked again while it runs (a model trained meanwhile): it computes once more after.
        QSignalSpy twice(dock, &ui::QueueDock::refreshed);
        dock->refresh();
        QVERIFY(dock->runner()->isRunning());
        dock->refresh();
        QTRY_COMPARE_WITH_TIMEOUT(twice.count(), 2, 60000);
        QTRY_VERIFY(!dock->runner()->isRunning());
    }

    void detectionsShowWhatChanged()
    {
        // Version 2 keeps one range of version 1, adds one and drops three: the list marks the
        // new one (bold, "new", a tooltip) and the summary counts both.
        const std::string path = makeDemoProject("ui-detections-changed");
        QVERIFY(addScoredModel(path));
        QVERIFY(addScoredModel(path, {{3000, 3040, 0.9}, {700, 720, 0.8}}, {}));
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::DetectionsDock* dock = f.window.detectionsDock();
        const ui::DetectionScan& scan = dock->model()->scan();
        QCOMPARE(scan.modelVersion, std::int64_t(2));
        QCOMPARE(scan.previousVersion, std::int64_t(1));
        QCOMPARE(scan.gone, std::int64_t(3)); // 100-120 and 500-510, and 200-230 of the other
        QCOMPARE(scan.detections.size(), size_t(2));
        for (int row = 0; row < dock->model()->rowCount(); ++row) {
            const ui::Detection& d = dock->model()->detection(row);
            QCOMPARE(d.isNew, d.begin == 700);
            const auto status =
                dock->model()->index(row, ui::DetectionTableModel::StatusColumn).data().toString();
            QCOMPARE(status.contains(QStringLiteral("new")), d.isNew);
            const auto font = dock->model()->index(row, 0).data(Qt::FontRole);
            QCOMPARE(font.isValid() && font.value<QFont>().bold(), d.isNew);
        }
        auto* summary = dock->findChild<QLabel*>(QStringLiteral("detectionsSummary"));
        QVERIFY(summary);
        QVERIFY2(summary->text().contains(QStringLiteral("Since v1: 1 new (bold), 3 no longer")),
                 qPrintable(summary->text()));
    }

    void detectionKeysLabelAndAdvance()
    {
        const std::string path = makeDemoProject("ui-detections");
        QVERIFY(!path.empty());
        QVERIFY(addScoredModel(path));
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::DetectionsDock* dock = f.window.detectionsDock();
        QAbstractItemModelTester tester(dock->proxy(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dock->model()->scan().modelVersion, std::int64_t(1));
        QCOMPARE(dock->proxy()->rowCount(), 4);
        // The chart shows the score of that version on its second axis.
        QVERIFY(f.window.chart()->scores() != nullptr);
        QCOMPARE(f.window.chart()->scores()->modelVersion, std::int64_t(1));

        dock->raise();
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QTableView* view = dock->view();
        QTRY_VERIFY(view->isVisible());
        view->setFocus();
        view->setCurrentIndex(dock->proxy()->index(0, 0)); // sorted by peak, highest first
        const ui::Detection d0 =
            dock->model()->detection(dock->proxy()->mapToSource(dock->proxy()->index(0, 0)).row());
        const ui::Detection d1 =
            dock->model()->detection(dock->proxy()->mapToSource(dock->proxy()->index(1, 0)).row());
        QCOMPARE(d0.begin, std::int64_t(3000));
        QCOMPARE(d0.end, std::int64_t(3050));
        QCOMPARE(d1.begin, std::int64_t(100));

        QTest::keyClick(view, Qt::Key_A);
        QVERIFY(humanLabelInFile(path, d0.seriesId, d0.begin, d0.end, core::kClassAnomaly));
        QCOMPARE(view->currentIndex().row(), 1);
        QCOMPARE(dock->model()
                     ->detection(dock->proxy()->mapToSource(dock->proxy()->index(0, 0)).row())
                     .status,
                 ui::DetectionStatus::Confirmed);

        QTest::keyClick(view, Qt::Key_N);
        QVERIFY(humanLabelInFile(path, d1.seriesId, d1.begin, d1.end, core::kClassNormal));
        QCOMPARE(view->currentIndex().row(), 2);
        QCOMPARE(f.window.undoStack()->count(), 2);
        // The status follows the labels: undo opens the detection again, redo closes it (it
        // used to stay "normal", greyed out, with the summary one short).
        auto statusOf = [&](const ui::Detection& d) {
            for (const auto& e : dock->model()->scan().detections) {
                if (e.seriesId == d.seriesId && e.begin == d.begin) {
                    return e.status;
                }
            }
            return ui::DetectionStatus::Open;
        };
        QCOMPARE(statusOf(d1), ui::DetectionStatus::Rejected);
        const QString answered = dock->summary()->text();
        f.window.undoStack()->undo();
        QCOMPARE(statusOf(d1), ui::DetectionStatus::Open);
        QCOMPARE(statusOf(d0), ui::DetectionStatus::Confirmed);
        QVERIFY(dock->summary()->text() != answered);
        f.window.undoStack()->redo();
        QCOMPARE(statusOf(d1), ui::DetectionStatus::Rejected);
        QCOMPARE(dock->summary()->text(), answered);
        // A label drawn on the chart over a detection's peak answers it too.
        QVERIFY(dock->proxy()->rowCount() >= 3);
        const ui::Detection d2 =
            dock->model()->detection(dock->proxy()->mapToSource(dock->proxy()->index(2, 0)).row());
        QCOMPARE(statusOf(d2), ui::DetectionStatus::Open);
        core::Label over;
        over.seriesId = d2.seriesId;
        over.begin = d2.peakRow;
        over.end = d2.peakRow + 1;
        over.classId = core::kClassAnomaly;
        Q_EMIT f.window.chart()->labelRequested(over);
        QCOMPARE(statusOf(d2), ui::DetectionStatus::Confirmed);
        f.window.undoStack()->undo();
        QCOMPARE(statusOf(d2), ui::DetectionStatus::Open);
        QCOMPARE(f.window.undoStack()->count(), 3);
        // The chart zoomed to the selected detection (with context around it).
        const auto* chart = f.window.chart();
        QTRY_VERIFY_WITH_TIMEOUT(chart->plot()->xAxis->range().size() <
                                     (chart->xOfRow(8000) - chart->xOfRow(0)) / 4,
                                 20000);

        // Filtering narrows the list; rescanning reads the answers back from the labels.
        QSignalSpy scanned(dock, &ui::DetectionsDock::scanned);
        dock->refresh();
        QVERIFY(scanned.wait(20000));
        int confirmed = 0;
        int rejected = 0;
        for (const auto& d : dock->model()->scan().detections) {
            confirmed += d.status == ui::DetectionStatus::Confirmed ? 1 : 0;
            rejected += d.status == ui::DetectionStatus::Rejected ? 1 : 0;
        }
        QVERIFY(confirmed >= 1);
        QCOMPARE(rejected, 1);
        dock->proxy()->setFilterFixedString(QStringLiteral("pump"));
        QCOMPARE(dock->proxy()->rowCount(), 1);
    }

    void explanationSaysNotTrainedYet()
    {
        const std::string path = makeDemoProject("ui-explain");
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::ExplanationDock* dock = f.window.explanationDock();
        QSignalSpy explained(dock, &ui::ExplanationDock::explained);
        dock->explain(QStringLiteral("web-latency"), 500);
        QVERIFY(explained.wait(60000));
        const QString text = dock->browser()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Not trained yet")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("built-in (no LLM)")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Nearest labelled windows")));
        // The header names the window by the series' time, as the chart's axis does.
        const QString title = dock->title()->text();
        QVERIFY2(title.contains(QStringLiteral(" UTC (row 500)")) &&
                     title.contains(QStringLiteral("window ending at 20")),
                 qPrintable(title));
        QVERIFY(ui::ExplanationDock::titleOf(QStringLiteral("s"), 7, core::TimeKind::Numeric, 1200)
                    .endsWith(QStringLiteral("ending at 1200 (row 7)")));
        QVERIFY(!text.contains(QStringLiteral("no observed value")));
    }

    /// Model → Ask for a potential: off the GUI thread, through the project's provider (the
    /// built-in analyst here: no endpoint is set), stored in the file, shown in the dock.
    void askForPotentialStoresAndShowsIt()
    {
        const std::string path = makeDemoProject("ui-potential");
        WindowFixture f(path);
        QVERIFY(f.ok);
        {
            auto project = openFile(path);
            QVERIFY(project && project->listPotentials()->empty());
        }
        ui::ExplanationDock* dock = f.window.explanationDock();
        QSignalSpy explained(dock, &ui::ExplanationDock::explained);
        dock->explain(QStringLiteral("web-latency"), 500);
        QVERIFY(explained.wait(60000));
        const QString before = dock->browser()->toPlainText();
        QVERIFY2(before.contains(QStringLiteral("No potential stored yet")), qPrintable(before));

        QSignalSpy changed(dock, &ui::ExplanationDock::potentialChanged);
        QSignalSpy reexplained(dock, &ui::ExplanationDock::explained);
        dock->askPotential(true);
        QVERIFY(dock->potentialRunner()->isRunning()); // the GUI thread did not do the work
        QVERIFY(changed.wait(60000));
        const QString line = changed.first().first().toString();
        QVERIFY2(line.contains(QStringLiteral("built-in (no LLM)")), qPrintable(line));
        QCOMPARE(dock->potentialStatus()->text(), line);

        auto project = openFile(path);
        QVERIFY(project);
        const auto stored = project->listPotentials();
        QVERIFY(stored && stored->size() == 1);
        // The explanation is redone with the new potential: its expression and terms appear.
        QVERIFY(reexplained.count() > 0 || reexplained.wait(60000));
        const QString text = dock->browser()->toPlainText();
        QVERIFY2(text.contains(QString::fromStdString(stored->front().expression)),
                 qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("No potential stored yet")));
    }

    // An endpoint that never answers: Cancel stops the request at once (no 60 s wait), the
    // dock says so and nothing is stored.
    void askForPotentialCanBeCancelled()
    {
        QTcpServer silent; // connections wait in its backlog: requests are never answered
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const std::string path = makeLlmProject("ui-potential-cancel", silent.serverPort());
        QVERIFY(!path.empty());
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::ExplanationDock* dock = f.window.explanationDock();
        auto* cancel = dock->findChild<QPushButton*>(QStringLiteral("cancelPotential"));
        auto* ask = dock->findChild<QPushButton*>(QStringLiteral("askPotential"));
        QVERIFY(cancel != nullptr && ask != nullptr);
        QVERIFY(cancel->isHidden());
        QSignalSpy cancelled(dock->potentialRunner(), &ui::JobRunner::cancelled);
        dock->askPotential(true);
        QVERIFY(dock->potentialRunner()->isRunning());
        QVERIFY(!cancel->isHidden() && cancel->isEnabled());
        QVERIFY(!ask->isEnabled());
        QTest::qWait(300); // the request is on its way
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(cancelled.wait(10000));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(dock->potentialStatus()->text().startsWith(QStringLiteral("Cancelled")),
                 qPrintable(dock->potentialStatus()->text()));
        QVERIFY(cancel->isHidden());
        QVERIFY(ask->isEnabled());
        auto project = openFile(path);
        QVERIFY(project);
        QVERIFY(project->listPotentials()->empty()); // no built-in fallback was stored either
    }

    // The request waits as long as Settings → LLM → Timeout says (it waited the built-in 60 s),
    // and the status line shows the server's words as text, never as HTML.
    void askForPotentialHonoursTheTimeoutSetting()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const std::string path = makeLlmProject("ui-potential-timeout", silent.serverPort());
        QVERIFY(!path.empty());
        QSettings().setValue(QStringLiteral("llm/timeout_seconds"), 1);
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::ExplanationDock* dock = f.window.explanationDock();
        QCOMPARE(dock->potentialStatus()->textFormat(), Qt::PlainText);
        QSignalSpy changed(dock, &ui::ExplanationDock::potentialChanged);
        QElapsedTimer clock;
        clock.start();
        dock->askPotential(true);
        const bool answered = changed.wait(30000);
        QSettings().remove(QStringLiteral("llm/timeout_seconds"));
        QVERIFY(answered);
        QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
        const QString line = changed.first().first().toString();
        QVERIFY2(line.contains(QStringLiteral("no reply")) && line.contains(QStringLiteral("1 s")),
                 qPrintable(line));
    }
};

QTEST_MAIN(TestDocks)
#include "tst_docks.moc"
