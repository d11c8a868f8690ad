// SPDX-License-Identifier: MIT
// Label propagation from the GUI: the propagate job runs off the GUI thread and writes its
// suggestions as one undo step; the Suggestions dock lists what the project file holds, Enter
// accepts (a human label in the file), Backspace rejects, Ctrl+Z restores, a bulk accept is one
// undo step; the chart draws the suggestions; the model passes QAbstractItemModelTester.
#include "docks/queue_dock.h"
#include "docks/series_dock.h"
#include "docks/suggestions_dock.h"
#include "docks/training_dock.h"
#include "main_window.h"
#include "models/query_table_model.h"
#include "models/series_tree_model.h"
#include "models/suggestion_table_model.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/active_learning.h"
#include "vigil/demo.h"
#include "vigil/project.h"
#include "workers/job_runner.h"

#include <QAbstractItemModelTester>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFont>
#include <QInputDialog>
#include <QLabel>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

using namespace vigil;

namespace {

core::Label human(std::int64_t series, std::int64_t begin, std::int64_t end, int classId)
{
    core::Label l;
    l.seriesId = series;
    l.begin = begin;
    l.end = end;
    l.classId = classId;
    l.source = core::LabelSource::Human;
    return l;
}

/// The demo project with a few human labels of both classes on each series (its imported
/// ground truth is anomalies only; propagation needs both classes).
std::string makeLabelledDemo(const char* tag)
{
    const std::string path = test::makeTempDir(tag) + "/demo.vigil";
    auto project = core::Project::open(path);
    if (!project || !(*project)->addSeries(core::makeDemoSeries())) {
        return {};
    }
    auto series = (*project)->listSeries();
    if (!series || series->size() != 2) {
        return {};
    }
    const std::int64_t web = (*series)[0].id;
    const std::int64_t pump = (*series)[1].id;
    for (const core::Label& l :
         {human(web, 2661, 2700, core::kClassAnomaly), human(web, 100, 500, core::kClassNormal),
          human(web, 3000, 3400, core::kClassNormal), human(pump, 200, 700, core::kClassNormal),
          human(pump, 4500, 4900, core::kClassNormal)}) {
        if (!(*project)->assignLabel(l)) {
            return {};
        }
    }
    return path;
}

std::unique_ptr<core::Project> openFile(const std::string& path)
{
    auto p = core::Project::open(path, core::OpenMode::OpenExisting);
    return p ? std::move(p).value() : nullptr;
}

std::vector<core::Label> suggestionsInFile(const std::string& path)
{
    auto project = openFile(path);
    if (!project) {
        return {};
    }
    auto listed = core::listSuggestions(*project);
    return listed ? std::move(listed).value() : std::vector<core::Label>{};
}

bool isSuggestionInFile(const std::string& path, const core::Label& s)
{
    const auto all = suggestionsInFile(path);
    return std::find(all.begin(), all.end(), s) != all.end();
}

/// A human label of `classId` covering all of [begin, end) of the series, in the file.
bool humanCovers(const std::string& path, const core::Label& s)
{
    auto project = openFile(path);
    auto labels = project ? project->labels(s.seriesId)
                          : core::Result<std::vector<core::Label>>(core::fail("cannot open"));
    if (!labels) {
        return false;
    }
    return std::any_of(labels->begin(), labels->end(), [&](const core::Label& l) {
        return l.source == core::LabelSource::Human && l.classId == s.classId &&
               l.begin <= s.begin && s.end <= l.end;
    });
}

/// Any label of the series overlapping [begin, end) in the file.
bool anyLabelOver(const std::string& path, const core::Label& s)
{
    auto project = openFile(path);
    auto labels = project ? project->labels(s.seriesId)
                          : core::Result<std::vector<core::Label>>(core::fail("cannot open"));
    return !labels || std::any_of(labels->begin(), labels->end(), [&](const core::Label& l) {
        return l.begin < s.end && s.begin < l.end;
    });
}

std::vector<core::Label> sorted(std::vector<core::Label> v)
{
    std::sort(v.begin(), v.end(), [](const core::Label& a, const core::Label& b) {
        return std::tie(a.seriesId, a.begin, a.channel) < std::tie(b.seriesId, b.begin, b.channel);
    });
    return v;
}

/// The suggestion shown in proxy row `row`.
core::Label shown(ui::SuggestionsDock* dock, int row)
{
    return dock->model()->suggestion(
        dock->proxy()->mapToSource(dock->proxy()->index(row, 0)).row());
}

QAction* actionWithKeyId(QWidget* root, const QString& id)
{
    for (QAction* a : root->findChildren<QAction*>()) {
        if (a->property("vigilShortcutId").toString() == id) {
            return a;
        }
    }
    return nullptr;
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
        ok = !path.empty() && window.openProject(test::qs(path)) &&
             (window.isIdle() || idle.wait(20000)) && QTest::qWaitForWindowExposed(&window);
    }

    /// Starts propagation through the Model menu's action and waits until it is written.
    bool propagate(bool* wasRunning)
    {
        ui::SuggestionsDock* dock = window.suggestionsDock();
        QSignalSpy done(dock, &ui::SuggestionsDock::propagated);
        QAction* action = actionWithKeyId(&window, QStringLiteral("model.propagate"));
        if (action == nullptr) {
            return false;
        }
        action->trigger();
        *wasRunning = dock->runner()->isRunning(); // the GUI thread did not do the work
        return done.wait(120000);
    }

    std::string path;
    ui::MainWindow window;
    bool ok = false;
};

} // namespace

class TestSuggestions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QSettings().remove(QStringLiteral("propagation")); // every test starts from the defaults
    }

    void cleanupTestCase() { QSettings().remove(QStringLiteral("propagation")); }

    void modelPassesModelTester()
    {
        ui::SuggestionTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ui::SuggestionTableModel::SortRole);
        QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::vector<core::Label> rows;
        for (int i = 0; i < 4; ++i) {
            core::Label l = human(1 + i % 2, 100 * i, 100 * i + 10,
                                  i % 2 == 0 ? core::kClassAnomaly : core::kClassNormal);
            l.source = core::LabelSource::Propagated;
            l.confidence = 0.5 + 0.1 * i;
            rows.push_back(l);
        }
        model.setSuggestions(rows, {{1, QStringLiteral("alpha")}, {2, QStringLiteral("beta")}});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(ui::SuggestionTableModel::ColumnCount));
        QCOMPARE(model.index(1, ui::SuggestionTableModel::SeriesColumn).data().toString(),
                 QStringLiteral("beta"));
        QCOMPARE(model.index(1, ui::SuggestionTableModel::RangeColumn).data().toString(),
                 QStringLiteral("100–109"));
        QCOMPARE(model.index(0, ui::SuggestionTableModel::ClassColumn).data().toString(),
                 QStringLiteral("anomaly"));
        QCOMPARE(model.index(1, ui::SuggestionTableModel::ClassColumn).data().toString(),
                 QStringLiteral("normal"));
        QCOMPARE(model.index(3, ui::SuggestionTableModel::ConfidenceColumn).data().toString(),
                 QStringLiteral("0.800"));
        QCOMPARE(model.rowOf(rows[2]), 2);
        proxy.sort(ui::SuggestionTableModel::ConfidenceColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, ui::SuggestionTableModel::ConfidenceColumn).data().toString(),
                 QStringLiteral("0.800"));
        proxy.sort(ui::SuggestionTableModel::SeriesColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("alpha"));
        model.setSuggestions({}, {});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void propagateAcceptRejectUndo()
    {
        const std::string path = makeLabelledDemo("ui-suggestions");
        QVERIFY(!path.empty());
        WindowFixture f(path);
        QVERIFY(f.ok);
        // The five labels makeLabelledDemo wrote are undo steps too (read from the label log).
        const int base = f.window.undoStack()->count();
        QCOMPARE(base, 5);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        QAbstractItemModelTester t1(dock->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(dock->proxy(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dock->model()->rowCount(), 0);
        QVERIFY(dock->hint()->text().contains(QStringLiteral("never expert labels")));
        QUndoStack* undo = f.window.undoStack();
        QCOMPARE(undo->count(), base);

        ui::SeriesTreeModel* seriesList = f.window.seriesDock()->model();
        QCOMPARE(seriesList->rowCount(), 2);
        auto labelledText = [&] {
            return seriesList->seriesIndex(0, ui::SeriesTreeModel::LabelledColumn)
                .data()
                .toString();
        };
        const QString webBefore = labelledText();
        QVERIFY(!webBefore.isEmpty());

        bool wasRunning = false;
        QVERIFY(f.propagate(&wasRunning));
        QVERIFY(wasRunning);
        // Suggestions are not labelled data: the series list's "labelled" share stays.
        QCOMPARE(labelledText(), webBefore);
        // The dock lists exactly what the file holds, and the propagation is one undo step.
        const auto inFile = suggestionsInFile(path);
        QVERIFY2(inFile.size() >= 4, qPrintable(dock->summary()->text()));
        QCOMPARE(sorted(dock->model()->suggestions()), sorted(inFile));
        QCOMPARE(undo->count(), base + 1);
        QVERIFY(dock->summary()->text().contains(QStringLiteral("suggestion")));
        // The chart draws the suggestions of the shown series (dashed: source Propagated).
        const std::int64_t shownSeries = f.window.chart()->seriesId();
        const bool hasShown = std::any_of(inFile.begin(), inFile.end(),
                                          [&](const auto& l) { return l.seriesId == shownSeries; });
        QVERIFY(hasShown);
        QTRY_VERIFY(std::any_of(
            f.window.chart()->labels().begin(), f.window.chart()->labels().end(),
            [](const core::Label& l) { return l.source == core::LabelSource::Propagated; }));

        dock->raise();
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QTableView* view = dock->view();
        QTRY_VERIFY(view->isVisible());
        view->setFocus();

        // Enter accepts the selected suggestion: a human label of its class and range.
        view->setCurrentIndex(dock->proxy()->index(0, 0));
        const core::Label first = shown(dock, 0);
        const core::Label second = shown(dock, 1);
        // Not from the dock's number fields, though: there Enter confirms the typed value and
        // Backspace edits it (Enter in "Lowest confidence" accepted the selected suggestion).
        for (const char* name : {"propagationMinConfidence", "propagationNeighbours"}) {
            auto* field = dock->findChild<QAbstractSpinBox*>(QLatin1String(name));
            QVERIFY(field != nullptr);
            field->setFocus();
            QTRY_VERIFY(field->hasFocus());
            QTest::keyClick(field, Qt::Key_Backspace);
            QTest::keyClick(field, Qt::Key_Return);
            QVERIFY(isSuggestionInFile(path, first));
            QVERIFY(!humanCovers(path, first));
            QCOMPARE(undo->count(), base + 1);
            field->setFocus();
            QTest::keyClick(field, Qt::Key_Z, Qt::ControlModifier); // undo of the field's edit
            QCOMPARE(undo->count(), base + 1);
        }
        view->setFocus();
        // Selecting one shows it on the chart.
        QTRY_COMPARE_WITH_TIMEOUT(f.window.chart()->seriesId(), first.seriesId, 20000);
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(!isSuggestionInFile(path, first));
        QVERIFY(humanCovers(path, first));
        QCOMPARE(undo->count(), base + 2);
        QCOMPARE(dock->model()->rowOf(first), -1);
        QCOMPARE(int(dock->model()->suggestions().size()), int(inFile.size()) - 1);
        // The next one took its place and is current.
        QCOMPARE(shown(dock, view->currentIndex().row()), second);

        // Backspace rejects: the suggestion is gone and nothing labels its range.
        QTest::keyClick(view, Qt::Key_Backspace);
        QVERIFY(!isSuggestionInFile(path, second));
        QVERIFY(!anyLabelOver(path, second));
        QCOMPARE(undo->count(), base + 3);
        QCOMPARE(dock->model()->rowOf(second), -1);
        QVERIFY(dock->summary()->text().startsWith(QStringLiteral("Rejected 1")));

        // Ctrl+Z restores it, in the file and in the list, and the note about the step goes
        // (it stayed, saying what was undone).
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(undo->index(), base + 2);
        QVERIFY2(dock->summary()->text().isEmpty(), qPrintable(dock->summary()->text()));
        QVERIFY(isSuggestionInFile(path, second));
        QTRY_VERIFY(dock->model()->rowOf(second) >= 0);
        // And once more: the accepted one is a suggestion again.
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(isSuggestionInFile(path, first));
        QVERIFY(!humanCovers(path, first));
        QTRY_VERIFY(dock->model()->rowOf(first) >= 0);
        QCOMPARE(sorted(dock->model()->suggestions()), sorted(inFile));

        // Two selected rows: one Enter accepts both, as one step.
        view->clearSelection();
        view->selectionModel()->select(dock->proxy()->index(0, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        view->selectionModel()->select(dock->proxy()->index(2, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const core::Label a = shown(dock, 0);
        const core::Label c = shown(dock, 2);
        QTest::keyClick(view, Qt::Key_Enter); // the keypad Enter works too
        QVERIFY(humanCovers(path, a) && humanCovers(path, c));
        QVERIFY(!isSuggestionInFile(path, a) && !isSuggestionInFile(path, c));
        // The two undone steps were dropped from the stack, as from the label log's redo list.
        QCOMPARE(undo->count(), base + 2);
        QCOMPARE(undo->index(), base + 2);
        undo->undo();
        QVERIFY(isSuggestionInFile(path, a) && isSuggestionInFile(path, c));
        QCOMPARE(suggestionsInFile(path).size(), inFile.size());
    }

    void bulkAcceptIsOneUndoStep()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-bulk");
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        bool wasRunning = false;
        QVERIFY(f.propagate(&wasRunning));
        QVERIFY(wasRunning);
        const auto before = suggestionsInFile(path);
        QVERIFY(before.size() >= 4);
        // A threshold that picks some but not all of them.
        std::vector<double> conf;
        for (const auto& s : before) {
            conf.push_back(s.confidence);
        }
        std::sort(conf.begin(), conf.end());
        const double at = std::round(conf[conf.size() / 2] * 100.0) / 100.0; // as the prompt
        std::vector<core::Label> expected;
        for (const auto& s : before) {
            if (s.confidence >= at) {
                expected.push_back(s);
            }
        }
        QVERIFY(expected.size() >= 2 && expected.size() < before.size());
        QUndoStack* undo = f.window.undoStack();
        const int steps = undo->count();

        // "Accept all above confidence…" asks for the threshold.
        QInputDialog* ask = dock->askAcceptAbove();
        QVERIFY(ask != nullptr && ask->isVisible());
        ask->setDoubleValue(at);
        QCOMPARE(ask->doubleValue(), at);
        ask->accept();
        QCOMPARE(undo->count(), steps + 1);
        for (const auto& s : expected) {
            QVERIFY(!isSuggestionInFile(path, s));
            QVERIFY(humanCovers(path, s));
        }
        QCOMPARE(suggestionsInFile(path).size(), before.size() - expected.size());
        QTRY_COMPARE(dock->model()->rowCount(), int(before.size() - expected.size()));

        // One undo restores every one of them.
        undo->undo();
        QCOMPARE(sorted(suggestionsInFile(path)), sorted(before));
        QTRY_COMPARE(dock->model()->rowCount(), int(before.size()));
        for (const auto& s : expected) {
            QVERIFY(!humanCovers(path, s));
        }
        // Redo accepts them all again.
        undo->redo();
        QCOMPARE(suggestionsInFile(path).size(), before.size() - expected.size());
        // Nothing above 1: nothing accepted, no step.
        QCOMPARE(dock->acceptAbove(1.01), 0);
        QCOMPARE(undo->count(), steps + 1);
    }

    // The table can show one class at a time, and "Accept all above confidence…" then accepts
    // only the suggestions shown.
    void classFilterShowsOneClass()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-filter");
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        bool wasRunning = false;
        QVERIFY(f.propagate(&wasRunning));
        const auto before = suggestionsInFile(path);
        const auto anomalies =
            static_cast<int>(std::count_if(before.begin(), before.end(), [](const auto& l) {
                return l.classId == core::kClassAnomaly;
            }));
        const int normals = static_cast<int>(before.size()) - anomalies;
        QVERIFY(anomalies > 0 && normals > 0);
        QCOMPARE(dock->proxy()->rowCount(), int(before.size()));

        dock->showClass(core::kClassAnomaly);
        QCOMPARE(dock->classFilter()->currentText(), QStringLiteral("anomaly"));
        QCOMPARE(dock->proxy()->rowCount(), anomalies);
        for (int row = 0; row < dock->proxy()->rowCount(); ++row) {
            QCOMPARE(shown(dock, row).classId, core::kClassAnomaly);
        }
        QCOMPARE(dock->acceptAbove(0.0), anomalies);
        const auto after = suggestionsInFile(path);
        QCOMPARE(int(after.size()), normals);
        QVERIFY(std::all_of(after.begin(), after.end(),
                            [](const auto& l) { return l.classId == core::kClassNormal; }));
        QCOMPARE(dock->proxy()->rowCount(), 0);
        dock->classFilter()->setCurrentIndex(dock->classFilter()->findData(-1)); // as a click
        QCOMPARE(dock->proxy()->rowCount(), normals);
    }

    /// UX.md's queue keys: Enter accepts the suggested labels in the current query's window,
    /// Backspace rejects them, each as one undo step; a window without suggestions says so.
    void queueEnterAndBackspaceDecideTheWindowsSuggestions()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-queue");
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::QueueDock* queue = f.window.queueDock();
        QTRY_VERIFY_WITH_TIMEOUT(queue->refreshButton()->isEnabled(), 60000); // first fill done
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        QSignalSpy done(dock, &ui::SuggestionsDock::propagated);
        dock->propagate();
        QVERIFY(done.wait(120000));
        const auto before = suggestionsInFile(path);
        QVERIFY(!before.empty());
        const core::Label target = before.front();
        // A query over the suggestion's window (and one far from any), as the queue stores them.
        core::QueryRecord over;
        over.seriesId = target.seriesId;
        over.begin = target.begin;
        over.end = target.end;
        over.reason = "test window";
        over.score = 0.9;
        core::QueryRecord empty = over;
        empty.begin = 0;
        empty.end = 0;
        // Clear of suggestions, and of expert labels (a window the analyst labelled is not
        // stored as a query).
        std::vector<core::Label> labels;
        {
            auto project = openFile(path);
            QVERIFY(project);
            const auto all = project->labels(target.seriesId);
            QVERIFY(all.ok());
            for (const core::Label& x : *all) {
                if (x.source == core::LabelSource::Human ||
                    x.source == core::LabelSource::Imported) {
                    labels.push_back(x);
                }
            }
        }
        // Short windows: spreading reaches nearly every window of the demo now.
        for (std::int64_t b = 0; b + 10 <= 8000 && empty.end == 0; b += 5) {
            const auto overlaps = [&](const auto& x) {
                return x.seriesId == target.seriesId && x.begin < b + 10 && b < x.end;
            };
            const bool clear = std::none_of(labels.begin(), labels.end(), overlaps) &&
                               std::none_of(before.begin(), before.end(), overlaps);
            if (clear) {
                empty.begin = b;
                empty.end = b + 10;
            }
        }
        QVERIFY(empty.end > 0);
        empty.score = 0.1;
        {
            auto project = openFile(path);
            QVERIFY(project);
            QVERIFY(project->replaceOpenQueries(target.seriesId, {over, empty}).ok());
        }
        QVERIFY(f.window.openProject(QString::fromStdString(path)));
        QTableView* view = queue->view();
        int overRow = -1;
        int emptyRow = -1;
        for (int r = 0; r < queue->model()->rowCount(); ++r) {
            const auto& q = queue->model()->query(r);
            if (q.seriesId == target.seriesId && q.begin == over.begin && q.end == over.end) {
                overRow = r;
            }
            if (q.seriesId == target.seriesId && q.begin == empty.begin && q.end == empty.end) {
                emptyRow = r;
            }
        }
        QVERIFY(overRow >= 0 && emptyRow >= 0);
        const auto inWindow = [&](const std::vector<core::Label>& all) {
            return std::count_if(all.begin(), all.end(), [&](const core::Label& x) {
                return x.seriesId == target.seriesId && x.begin < over.end && over.begin < x.end;
            });
        };
        const auto n = inWindow(before);
        QVERIFY(n >= 1);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        view->setFocus();
        view->setCurrentIndex(queue->model()->index(overRow, 0));
        QUndoStack* undo = f.window.undoStack();
        const int steps = undo->count();
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(undo->count(), steps + 1);
        QCOMPARE(inWindow(suggestionsInFile(path)), 0);
        QVERIFY(humanCovers(path, target));
        QVERIFY2(queue->noteText().startsWith(QStringLiteral("Accepted")),
                 qPrintable(queue->noteText()));
        undo->undo();
        QCOMPARE(inWindow(suggestionsInFile(path)), n);
        QVERIFY(!humanCovers(path, target));

        view->setCurrentIndex(queue->model()->index(overRow, 0));
        QTest::keyClick(view, Qt::Key_Backspace);
        QCOMPARE(undo->count(), steps + 1);
        QCOMPARE(inWindow(suggestionsInFile(path)), 0);
        QVERIFY(!humanCovers(path, target));
        QCOMPARE(suggestionsInFile(path).size(), before.size() - static_cast<std::size_t>(n));

        view->setCurrentIndex(queue->model()->index(emptyRow, 0));
        QTest::keyClick(view, Qt::Key_Return);
        QCOMPARE(undo->count(), steps + 1);
        QVERIFY2(queue->noteText().startsWith(QStringLiteral("No suggestion")),
                 qPrintable(queue->noteText()));
    }

    /// A label made while the propagation runs: the plan is made again from the new labels,
    /// so no suggestion lands on it and undo follows the label log's order.
    void labelsChangedWhilePropagatingArePropagatedAgain()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-stale");
        WindowFixture f(path);
        QVERIFY(f.ok);
        // The five labels makeLabelledDemo wrote are undo steps too (read from the label log).
        const int base = f.window.undoStack()->count();
        QCOMPARE(base, 5);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        QSignalSpy done(dock, &ui::SuggestionsDock::propagated);
        dock->propagate();
        QVERIFY(dock->isPropagating());
        const core::Label mine =
            human(f.window.chart()->seriesId(), 1000, 1100, core::kClassNormal);
        Q_EMIT f.window.chart()->labelRequested(mine);
        QCOMPARE(f.window.undoStack()->count(), base + 1);
        QVERIFY(done.wait(120000));
        QCOMPARE(f.window.undoStack()->count(), base + 2);
        const auto inFile = suggestionsInFile(path);
        QVERIFY(!inFile.empty());
        for (const auto& s : inFile) {
            QVERIFY(s.seriesId != mine.seriesId || s.end <= mine.begin || mine.end <= s.begin);
        }
        // Undo takes back the propagation first, then the label, as the log has them.
        f.window.undoStack()->undo();
        QVERIFY(suggestionsInFile(path).empty());
        QVERIFY(humanCovers(path, mine));
        f.window.undoStack()->undo();
        QVERIFY(!humanCovers(path, mine));
    }

    // UX.md's loop, step 4: a retrain updates the suggestions from the labels as they are now,
    // as one undo step; a rejected suggestion stays out; a project without suggestions gets
    // none, and an unchanged result writes nothing.
    void suggestionsFollowARetrain()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-retrain");
        WindowFixture f(path);
        QVERIFY(f.ok);
        // The five labels makeLabelledDemo wrote are undo steps too (read from the label log).
        const int base = f.window.undoStack()->count();
        QCOMPARE(base, 5);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        QUndoStack* undo = f.window.undoStack();
        QSignalSpy done(dock, &ui::SuggestionsDock::propagated);
        Q_EMIT f.window.trainingDock()->modelTrained(1);
        QVERIFY(!dock->isPropagating()); // nothing to update
        QCOMPARE(undo->count(), base);

        bool wasRunning = false;
        QVERIFY(f.propagate(&wasRunning));
        QCOMPARE(undo->count(), base + 1);
        const auto first = suggestionsInFile(path);
        QVERIFY(first.size() >= 3);

        // Labels unchanged: the update finds the same suggestions and writes nothing.
        done.clear();
        Q_EMIT f.window.trainingDock()->modelTrained(2);
        QVERIFY(dock->isPropagating());
        QVERIFY(done.wait(120000));
        QCOMPARE(undo->count(), base + 1);
        QCOMPARE(sorted(suggestionsInFile(path)), sorted(first));
        QVERIFY2(dock->summary()->text().contains(QStringLiteral("up to date")),
                 qPrintable(dock->summary()->text()));

        // The analyst rejects one suggestion and labels over another, then the model retrains.
        dock->view()->setCurrentIndex(dock->proxy()->index(0, 0));
        const core::Label rejected = shown(dock, 0);
        dock->rejectSelected();
        QCOMPARE(undo->count(), base + 2);
        const core::Label other = first.back();
        QVERIFY(!(other == rejected));
        const core::Label mine =
            human(other.seriesId, other.begin, other.end,
                  other.classId == core::kClassAnomaly ? core::kClassNormal : core::kClassAnomaly);
        Q_EMIT f.window.chart()->labelRequested(mine);
        QCOMPARE(undo->count(), base + 3);
        done.clear();
        const int edits = f.window.trainingDock()->editsSinceTraining();
        Q_EMIT f.window.trainingDock()->modelTrained(3);
        QVERIFY(done.wait(120000));
        QCOMPARE(undo->count(), base + 4);
        // Vigil's own update is not an edit of the analyst's: it brings no retrain nearer.
        QCOMPARE(f.window.trainingDock()->editsSinceTraining(), edits);
        QVERIFY2(undo->text(base + 3).contains(QStringLiteral("Update suggestions")),
                 qPrintable(undo->text(base + 3)));
        const auto updated = suggestionsInFile(path);
        QVERIFY(!updated.empty());
        for (const auto& s : updated) {
            // Nothing over the new label, and the rejected one does not come back.
            QVERIFY(s.seriesId != mine.seriesId || s.end <= mine.begin || mine.end <= s.begin);
            QVERIFY(s.seriesId != rejected.seriesId || s.classId != rejected.classId ||
                    s.end <= rejected.begin || rejected.end <= s.begin);
        }
        QCOMPARE(sorted(dock->model()->suggestions()), sorted(updated));
        // What changed shows: the suggestions the update added are bold, the kept ones not.
        int fresh = 0;
        for (int row = 0; row < dock->model()->rowCount(); ++row) {
            const core::Label& s = dock->model()->suggestion(row);
            const bool before = std::any_of(first.begin(), first.end(), [&](const auto& old) {
                return old.seriesId == s.seriesId && old.begin == s.begin && old.end == s.end &&
                       old.classId == s.classId;
            });
            const QFont font = dock->model()->index(row, 0).data(Qt::FontRole).value<QFont>();
            QCOMPARE(dock->model()->isNew(row), !before);
            QCOMPARE(font.bold(), !before);
            fresh += before ? 0 : 1;
        }
        QVERIFY(fresh > 0);
        QVERIFY2(dock->summary()->text().contains(QStringLiteral("%1 new").arg(fresh)),
                 qPrintable(dock->summary()->text()));
        // One Ctrl+Z takes the update back; the analyst's label stays.
        undo->undo();
        QVERIFY(humanCovers(path, mine));
        QVERIFY(!isSuggestionInFile(path, rejected));
        QCOMPARE(suggestionsInFile(path).size(), first.size() - 2);

        // Reopened, the project still tells Vigil's update (and its undo) from the analyst's
        // edits: the 5 labels made with it, the propagation, the reject and the label count.
        const auto log = openFile(path)->labelLog();
        QVERIFY(log && log->size() == 10);
        QCOMPARE((*log)[8].author, core::Project::automaticAuthor());
        f.window.trainingDock()->setRetrainEvery(0); // count only, train nothing
        QVERIFY(f.window.openProject(test::qs(path)));
        QCOMPARE(f.window.trainingDock()->editsSinceTraining(), 8);
    }

    // The automatic update keeps the analyst's place in the table, never drops what they can
    // still redo, and makes way for their own propagation (Ctrl+P) asked for while it runs.
    void automaticUpdateRespectsTheAnalyst()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-respect");
        WindowFixture f(path);
        QVERIFY(f.ok);
        // The five labels makeLabelledDemo wrote are undo steps too (read from the label log).
        const int base = f.window.undoStack()->count();
        QCOMPARE(base, 5);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        QUndoStack* undo = f.window.undoStack();
        bool wasRunning = false;
        QVERIFY(f.propagate(&wasRunning));
        QCOMPARE(undo->count(), base + 1);
        auto series = openFile(path)->listSeries();
        QVERIFY(series.ok() && series->size() == 2);
        const std::int64_t web = (*series)[0].id;
        const std::int64_t pump = (*series)[1].id;

        // The current row is a suggestion of the other series than the new label: propagation
        // spreads within a series, so the update leaves it as it was.
        int pick = -1;
        for (int row = 0; row < dock->proxy()->rowCount() && pick < 0; ++row) {
            pick = shown(dock, row).seriesId == pump ? row : -1;
        }
        QVERIFY(pick >= 0);
        dock->view()->setCurrentIndex(dock->proxy()->index(pick, 0));
        const core::Label current = shown(dock, pick);
        Q_EMIT f.window.chart()->labelRequested(human(web, 5000, 5100, core::kClassNormal));
        QCOMPARE(undo->count(), base + 2);
        QSignalSpy done(dock, &ui::SuggestionsDock::propagated);
        Q_EMIT f.window.trainingDock()->modelTrained(2);
        QVERIFY(done.wait(120000));
        QCOMPARE(undo->count(), base + 3);
        QVERIFY(dock->view()->currentIndex().isValid());
        const core::Label after = shown(dock, dock->view()->currentIndex().row());
        QCOMPARE(after.seriesId, current.seriesId);
        QCOMPARE(after.begin, current.begin);
        QCOMPARE(after.end, current.end);

        // With a step to redo, a retrain does not update (a new step would drop the redo).
        undo->undo();
        QVERIFY(undo->canRedo());
        Q_EMIT f.window.trainingDock()->modelTrained(3);
        QVERIFY(!dock->isPropagating());
        QVERIFY2(dock->summary()->text().contains(QStringLiteral("redo")),
                 qPrintable(dock->summary()->text()));
        QCOMPARE(undo->count(), base + 3);
        undo->redo();

        // Ctrl+P while an update runs: the analyst's propagation replaces it, with the
        // settings as they are then (only sure suggestions, so it changes something).
        done.clear();
        Q_EMIT f.window.trainingDock()->modelTrained(4);
        QVERIFY(dock->isPropagating());
        auto* confidence =
            dock->findChild<QDoubleSpinBox*>(QStringLiteral("propagationMinConfidence"));
        QVERIFY(confidence);
        confidence->setValue(0.95);
        dock->propagate();
        QTRY_VERIFY_WITH_TIMEOUT(done.count() >= 1 && !dock->isPropagating(), 120000);
        QCOMPARE(undo->count(), base + 4);
        QVERIFY2(undo->text(base + 3).startsWith(QStringLiteral("Propagate labels")),
                 qPrintable(undo->text(base + 3)));
        for (const core::Label& l : suggestionsInFile(path)) {
            QVERIFY(l.confidence >= 0.95);
        }
        confidence->setValue(core::PropagationOptions{}.minConfidence);
    }

    void settingsChooseWhatIsSuggested()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-settings");
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        auto* method = dock->findChild<QComboBox*>(QStringLiteral("propagationMethod"));
        auto* neighbours = dock->findChild<QSpinBox*>(QStringLiteral("propagationNeighbours"));
        auto* confidence =
            dock->findChild<QDoubleSpinBox*>(QStringLiteral("propagationMinConfidence"));
        auto* perSeries = dock->findChild<QSpinBox*>(QStringLiteral("propagationPerSeries"));
        QVERIFY(method && neighbours && confidence && perSeries);
        // The defaults are core's.
        const core::PropagationOptions defaults;
        QVERIFY(dock->propagationOptions().method == core::PropagationMethod::Knn);
        QCOMPARE(neighbours->value(), defaults.knn.graph.k);
        QCOMPARE(confidence->value(), defaults.minConfidence);
        QVERIFY(neighbours->isEnabled() && confidence->isEnabled() && !perSeries->isEnabled());

        // A high lowest confidence: only sure suggestions are written.
        confidence->setValue(0.9);
        bool wasRunning = false;
        QVERIFY(f.propagate(&wasRunning));
        const auto sure = suggestionsInFile(path);
        QVERIFY2(!sure.empty(), qPrintable(dock->summary()->text()));
        for (const core::Label& l : sure) {
            QVERIFY(l.confidence >= 0.9);
        }
        // Lowered again: the same labels reach at least as many windows, some less surely.
        confidence->setValue(0.5);
        QVERIFY(f.propagate(&wasRunning));
        const auto all = suggestionsInFile(path);
        std::int64_t surePoints = 0, allPoints = 0;
        for (const core::Label& l : sure) {
            surePoints += l.end - l.begin;
        }
        double lowest = 1.0;
        for (const core::Label& l : all) {
            QVERIFY(l.confidence >= 0.5);
            allPoints += l.end - l.begin;
            lowest = std::min(lowest, l.confidence);
        }
        QVERIFY2(allPoints > surePoints,
                 qPrintable(QStringLiteral("%1 vs %2 points").arg(allPoints).arg(surePoints)));
        QVERIFY(lowest < 0.9);

        // Dense spreading takes a count per series instead.
        method->setCurrentIndex(method->findData(QStringLiteral("dense")));
        QVERIFY(!neighbours->isEnabled() && !confidence->isEnabled() && perSeries->isEnabled());
        neighbours->setValue(7); // kept for when kNN is chosen again
        perSeries->setValue(50);
        const auto chosen = dock->propagationOptions();
        QVERIFY(chosen.method == core::PropagationMethod::Dense);
        QCOMPARE(chosen.lowestEntropy, std::int64_t(50));
        QCOMPARE(chosen.knn.graph.k, 7);
        QCOMPARE(chosen.minConfidence, 0.5);

        // Kept in the user's settings: a new dock starts with them.
        ui::SuggestionsDock again;
        const auto kept = again.propagationOptions();
        QVERIFY(kept.method == core::PropagationMethod::Dense);
        QCOMPARE(kept.lowestEntropy, std::int64_t(50));
        QCOMPARE(kept.knn.graph.k, 7);
        QCOMPARE(kept.minConfidence, 0.5);
        again.setPropagationOptions(core::PropagationOptions{});
        QVERIFY(dock->propagationOptions().method == core::PropagationMethod::Dense); // its own
        ui::SuggestionsDock reset;
        QVERIFY(reset.propagationOptions().method == core::PropagationMethod::Knn);
        QCOMPARE(reset.propagationOptions().knn.graph.k, defaults.knn.graph.k);
    }

    void cancelWritesNothing()
    {
        const std::string path = makeLabelledDemo("ui-suggestions-cancel");
        WindowFixture f(path);
        QVERIFY(f.ok);
        // The five labels makeLabelledDemo wrote are undo steps too (read from the label log).
        const int base = f.window.undoStack()->count();
        QCOMPARE(base, 5);
        ui::SuggestionsDock* dock = f.window.suggestionsDock();
        QSignalSpy cancelled(dock->runner(), &ui::JobRunner::cancelled);
        QSignalSpy done(dock, &ui::SuggestionsDock::propagated);
        dock->propagate();
        QVERIFY(dock->isPropagating());
        dock->cancel();
        QVERIFY(done.wait(120000));
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(suggestionsInFile(path).empty());
        QCOMPARE(f.window.undoStack()->count(), base);
        QVERIFY(dock->summary()->text().contains(QStringLiteral("cancelled")));
    }
};

QTEST_MAIN(TestSuggestions)
#include "tst_suggestions.moc"
