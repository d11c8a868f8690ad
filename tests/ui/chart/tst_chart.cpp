// SPDX-License-Identifier: MIT
#include "docks/series_dock.h"
#include "docks/training_dock.h"
#include "main_window.h"
#include "models/row_times.h"
#include "models/series_tree_model.h"
#include "plot/chart_series.h"
#include "plot/label_overlay.h"
#include "plot/label_style.h"
#include "plot/overview_strip.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/project.h"

#include <QLabel>
#include <QStatusBar>
#include <QTreeView>
#include <QUndoStack>
#include <QtTest>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>

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

/// Labels as a second connection reads them from the file.
std::vector<core::Label> labelsInFile(const std::string& path, std::int64_t seriesId)
{
    auto project = core::Project::open(path, core::OpenMode::OpenExisting);
    if (!project) {
        return {};
    }
    auto labels = (*project)->labels(seriesId);
    return labels ? std::move(labels).value() : std::vector<core::Label>{};
}

std::vector<core::Label> humanLabels(const std::vector<core::Label>& all)
{
    std::vector<core::Label> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out),
                 [](const core::Label& l) { return l.source == core::LabelSource::Human; });
    std::sort(out.begin(), out.end(),
              [](const core::Label& a, const core::Label& b) { return a.begin < b.begin; });
    return out;
}

/// The human label of `classId` covering `row`, or nullptr.
const core::Label* humanAt(const std::vector<core::Label>& labels, std::int64_t row,
                           int classId = core::kClassAnomaly)
{
    for (const auto& l : labels) {
        if (l.source == core::LabelSource::Human && l.classId == classId && l.begin <= row &&
            row < l.end) {
            return &l;
        }
    }
    return nullptr;
}

QPoint pixelOfRow(ui::SeriesChart* chart, std::int64_t row)
{
    QCustomPlot* plot = chart->plot();
    const double px = plot->xAxis->coordToPixel(chart->xOfRow(row));
    return QPoint(static_cast<int>(std::lround(px)), plot->axisRect()->center().y());
}

void drag(QWidget* widget, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {})
{
    QTest::mousePress(widget, Qt::LeftButton, mods, from);
    QTest::mouseMove(widget, (from + to) / 2);
    QTest::mouseMove(widget, to);
    QTest::mouseRelease(widget, Qt::LeftButton, mods, to);
}

/// Rows the drag is expected to cover: those whose x lies under the dragged pixels.
std::pair<std::int64_t, std::int64_t> rowsUnder(ui::SeriesChart* chart, QPoint a, QPoint b)
{
    const auto& p = chart->series()->pyramid;
    const double x0 = chart->plot()->xAxis->pixelToCoord(std::min(a.x(), b.x()));
    const double x1 = chart->plot()->xAxis->pixelToCoord(std::max(a.x(), b.x()));
    return {p.lowerRow(x0), p.lowerRow(std::nextafter(x1, 1e300))};
}

class Fixture
{
public:
    explicit Fixture(const char* tag)
        : path(makeDemoProject(tag))
    {
        window.resize(1300, 800);
        window.show();
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        ok = !path.empty() && window.openProject(test::qs(path)) &&
             (window.isIdle() || idle.wait(20000)) && QTest::qWaitForWindowExposed(&window);
        chart = window.chart();
        QApplication::processEvents();
        chart->plot()->replot(QCustomPlot::rpImmediateRefresh);
    }

    /// Zooms to rows [r0, r1) so that every row spans at least a pixel.
    void zoomRows(std::int64_t r0, std::int64_t r1)
    {
        chart->setVisibleRange(chart->xOfRow(r0), chart->xOfRow(r1));
        chart->refreshNow();
        chart->plot()->replot(QCustomPlot::rpImmediateRefresh);
    }

    std::string path;
    ui::MainWindow window;
    ui::SeriesChart* chart = nullptr;
    bool ok = false;
};

} // namespace

class TestChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labelModeDragCreatesLabelInFile()
    {
        Fixture f("chart-drag");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        QVERIFY(humanLabels(labelsInFile(f.path, id)).empty());
        f.zoomRows(1800, 2600);
        f.chart->setMode(ui::InteractionMode::Label);
        const QPoint a = pixelOfRow(f.chart, 2000);
        const QPoint b = pixelOfRow(f.chart, 2300);
        const auto [begin, end] = rowsUnder(f.chart, a, b);
        drag(f.chart->plot(), a, b);

        const auto human = humanLabels(labelsInFile(f.path, id));
        QCOMPARE(human.size(), std::size_t(1));
        QCOMPARE(human[0].begin, begin);
        QCOMPARE(human[0].end, end);
        QVERIFY(std::abs(human[0].begin - 2000) <= 1);
        QVERIFY(std::abs(human[0].end - 2301) <= 1);
        QCOMPARE(human[0].classId, core::kClassAnomaly);
        QCOMPARE(f.window.undoStack()->count(), 1);
        // The chart shows what the file holds.
        QCOMPARE(humanLabels(f.chart->labels()).size(), std::size_t(1));

        // Class 2 through its key, drawn over part of the first label.
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QTest::keyClick(f.chart->plot(), Qt::Key_2);
        QCOMPARE(f.chart->currentClass(), core::kClassNormal);
        drag(f.chart->plot(), pixelOfRow(f.chart, 2400), pixelOfRow(f.chart, 2500));
        const auto after = labelsInFile(f.path, id);
        QVERIFY(humanAt(after, 2450, core::kClassNormal) != nullptr);
        QVERIFY(humanAt(after, 2100) != nullptr);
    }

    void shiftDragErasesAndUndoRedoFollowTheFile()
    {
        Fixture f("chart-erase");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        f.zoomRows(1800, 2600);
        f.chart->setMode(ui::InteractionMode::Label);
        drag(f.chart->plot(), pixelOfRow(f.chart, 2000), pixelOfRow(f.chart, 2400));
        QVERIFY(humanAt(labelsInFile(f.path, id), 2200) != nullptr);

        drag(f.chart->plot(), pixelOfRow(f.chart, 2150), pixelOfRow(f.chart, 2250),
             Qt::ShiftModifier);
        auto labels = labelsInFile(f.path, id);
        QVERIFY(humanAt(labels, 2200) == nullptr);
        QVERIFY(humanAt(labels, 2050) != nullptr);
        QVERIFY(humanAt(labels, 2350) != nullptr);
        QCOMPARE(humanLabels(labels).size(), std::size_t(2));
        QCOMPARE(f.window.undoStack()->count(), 2);

        // Erasing where nothing is labelled changes nothing, so it is not an undo step.
        drag(f.chart->plot(), pixelOfRow(f.chart, 1900), pixelOfRow(f.chart, 1950),
             Qt::ShiftModifier);
        QCOMPARE(f.window.undoStack()->count(), 2);

        QUndoStack* stack = f.window.undoStack();
        stack->undo(); // the erase
        QVERIFY(humanAt(labelsInFile(f.path, id), 2200) != nullptr);
        QVERIFY(humanAt(f.chart->labels(), 2200) != nullptr);
        stack->redo();
        QVERIFY(humanAt(labelsInFile(f.path, id), 2200) == nullptr);
        QVERIFY(humanAt(f.chart->labels(), 2200) == nullptr);
        stack->undo();
        stack->undo(); // the label itself
        QVERIFY(humanLabels(labelsInFile(f.path, id)).empty());
        QVERIFY(humanLabels(f.chart->labels()).empty());
        QVERIFY(!stack->canUndo());

        // Ctrl+Shift+Z and Ctrl+Z through the Edit menu's shortcuts.
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QTest::keyClick(f.chart->plot(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(humanAt(labelsInFile(f.path, id), 2200) != nullptr);
        QTest::keyClick(f.chart->plot(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(humanLabels(labelsInFile(f.path, id)).empty());

        // The series list shows the labelled share after each edit.
        auto* list = f.window.findChild<QTreeView*>(QStringLiteral("seriesView"));
        QVERIFY(list != nullptr);
        const QModelIndex labelled = list->model()->index(0, ui::SeriesTreeModel::LabelledColumn);
        const QString before = labelled.data().toString();
        drag(f.chart->plot(), pixelOfRow(f.chart, 2000), pixelOfRow(f.chart, 2400));
        QVERIFY(labelled.data().toString() != before);
    }

    // An erase across an imported label leaves imported pieces; after reopening, its step was
    // named by core's English "erase labels in [b, e)" instead of "Erase labels of rows …".
    void eraseAcrossAnImportedLabelKeepsItsNameAfterReopening()
    {
        Fixture f("chart-reopen-erase-imported");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        const auto before = labelsInFile(f.path, id);
        const auto imported = std::find_if(before.begin(), before.end(), [](const core::Label& l) {
            return l.source == core::LabelSource::Imported && l.end - l.begin >= 40;
        });
        QVERIFY(imported != before.end());
        const std::int64_t mid = (imported->begin + imported->end) / 2;
        f.zoomRows(imported->begin - 100, imported->end + 100);
        f.chart->setMode(ui::InteractionMode::Label);
        drag(f.chart->plot(), pixelOfRow(f.chart, mid - 5), pixelOfRow(f.chart, mid + 5),
             Qt::ShiftModifier);
        QUndoStack* stack = f.window.undoStack();
        QCOMPARE(stack->count(), 1);
        const QString text = stack->text(0);
        QVERIFY2(text.startsWith(QStringLiteral("Erase labels of rows")), qPrintable(text));

        QSignalSpy idle(&f.window, &ui::MainWindow::idle);
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        QCOMPARE(stack->count(), 1);
        QCOMPARE(stack->text(0), text);

        // The same inside a suggestion, whose pieces are suggestions: it read "Propagate labels
        // (2 suggestion(s))" after reopening.
        {
            auto other = core::Project::open(f.path, core::OpenMode::OpenExisting);
            QVERIFY(other.ok());
            core::LabelDiff diff;
            core::Label suggested = test::humanLabel(id, 500, 600);
            suggested.source = core::LabelSource::Propagated;
            suggested.confidence = 0.8;
            diff.added.push_back(suggested);
            QVERIFY((*other)->applyDiff(diff, "propagate", core::EditBy::Analyst).ok());
        }
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        f.zoomRows(400, 700);
        f.chart->setMode(ui::InteractionMode::Label);
        drag(f.chart->plot(), pixelOfRow(f.chart, 540), pixelOfRow(f.chart, 560),
             Qt::ShiftModifier);
        QCOMPARE(stack->count(), 3);
        const QString inside = stack->text(2);
        QVERIFY2(inside.startsWith(QStringLiteral("Erase labels of rows")), qPrintable(inside));
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        QCOMPARE(stack->count(), 3);
        QCOMPARE(stack->text(2), inside);
    }

    // Undo history survives restarts (ARCHITECTURE.md): a reopened project's Undo and Redo go
    // on where they were. The window used to start with an empty stack, so Ctrl+Z did nothing
    // after reopening although `vigil-cli label --undo` could undo the same edits.
    void undoAndRedoGoOnAfterReopening()
    {
        Fixture f("chart-reopen-undo");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        f.zoomRows(1800, 2600);
        f.chart->setMode(ui::InteractionMode::Label);
        drag(f.chart->plot(), pixelOfRow(f.chart, 2000), pixelOfRow(f.chart, 2400));
        drag(f.chart->plot(), pixelOfRow(f.chart, 2150), pixelOfRow(f.chart, 2250),
             Qt::ShiftModifier);
        drag(f.chart->plot(), pixelOfRow(f.chart, 1000), pixelOfRow(f.chart, 1100));
        QUndoStack* stack = f.window.undoStack();
        QCOMPARE(stack->count(), 3);
        const QString labelText = stack->text(0);
        stack->undo(); // the third label: on the redo side when the project closes
        QVERIFY(humanAt(labelsInFile(f.path, id), 1050) == nullptr);

        QSignalSpy idle(&f.window, &ui::MainWindow::idle);
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        QCOMPARE(stack->count(), 3);
        QCOMPARE(stack->index(), 2);
        QVERIFY(stack->canUndo() && stack->canRedo());
        // Named as this session named them (not core's "label [2001, 2400) as class 1").
        QCOMPARE(stack->text(0), labelText);
        QVERIFY2(stack->text(0).startsWith(QStringLiteral("Label rows 20")),
                 qPrintable(stack->text(0)));
        QVERIFY2(stack->text(1).startsWith(QStringLiteral("Erase labels of rows")),
                 qPrintable(stack->text(1)));

        stack->redo(); // the third label again
        QVERIFY(humanAt(labelsInFile(f.path, id), 1050) != nullptr);
        QVERIFY(humanAt(f.chart->labels(), 1050) != nullptr);
        stack->undo();
        stack->undo(); // the erase
        QVERIFY(humanAt(labelsInFile(f.path, id), 2200) != nullptr);
        QVERIFY(humanAt(f.chart->labels(), 2200) != nullptr);
        stack->undo(); // the first label
        QVERIFY(humanLabels(labelsInFile(f.path, id)).empty());
        QVERIFY(!stack->canUndo());
        // Edits from the log count toward the next automatic retrain like any other.
        QVERIFY(f.window.trainingDock()->editsSinceTraining() >= 3);

        // Reopened once more, with everything undone: only Redo, three steps of it.
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        QCOMPARE(stack->count(), 3);
        QCOMPARE(stack->index(), 0);
        stack->redo();
        QVERIFY(humanAt(labelsInFile(f.path, id), 2200) != nullptr);
        // A new edit drops what could be redone, in the stack as in the log.
        drag(f.chart->plot(), pixelOfRow(f.chart, 3000), pixelOfRow(f.chart, 3100));
        QCOMPARE(stack->count(), 2);
        QVERIFY(!stack->canRedo());
        auto project = core::Project::open(f.path, core::OpenMode::OpenExisting);
        QVERIFY(project);
        QVERIFY(!*(*project)->canRedo());

        // Another program labels meanwhile (here a second connection, as vigil-cli would):
        // Ctrl+Z refuses to undo that edit under the name of the window's own; it used to
        // undo the other program's label while saying "Label rows 3000–…".
        core::Label other;
        other.seriesId = id;
        other.begin = 5000;
        other.end = 5010;
        other.classId = core::kClassNormal;
        QVERIFY((*project)->assignLabel(other).ok());
        const QString mine = stack->undoText();
        QVERIFY2(mine.startsWith(QStringLiteral("Label rows 30")), qPrintable(mine));
        stack->undo();
        QVERIFY(humanAt(labelsInFile(f.path, id), 5005, core::kClassNormal) != nullptr);
        QVERIFY(humanAt(labelsInFile(f.path, id), 3050) != nullptr);
        QVERIFY2(f.window.statusBar()->currentMessage().contains(
                     QStringLiteral("another program changed the project's labels")),
                 qPrintable(f.window.statusBar()->currentMessage()));
        // Then Undo and Redo are read from the log again: the other program's step is next.
        QTRY_VERIFY2(stack->undoText().startsWith(QStringLiteral("Label rows 5000")),
                     qPrintable(stack->undoText()));
        QCOMPARE(stack->count(), 3);
        stack->undo();
        QVERIFY(humanAt(labelsInFile(f.path, id), 5005, core::kClassNormal) == nullptr);
        QVERIFY(humanAt(labelsInFile(f.path, id), 3050) != nullptr);

        // A label that merged with a touching one is named by the rows it added, as the
        // session named it (not by the merged range).
        core::Label touching;
        touching.seriesId = id;
        touching.begin = 6010;
        touching.end = 6020;
        touching.classId = core::kClassNormal;
        core::Label first = touching;
        first.begin = 6000;
        first.end = 6010;
        QVERIFY((*project)->assignLabel(first).ok());
        QVERIFY((*project)->assignLabel(touching).ok());
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        QVERIFY2(stack->undoText().startsWith(QStringLiteral("Label rows 6010–6019")),
                 qPrintable(stack->undoText()));
    }

    // The history is read on a pool thread (200 large propagation steps took 230 ms on the GUI
    // thread). A label the analyst draws before it arrives stays on top of the restored steps.
    void labelWhileTheHistoryLoadsStaysOnTop()
    {
        Fixture f("chart-history-race");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        f.zoomRows(1800, 2600);
        f.chart->setMode(ui::InteractionMode::Label);
        drag(f.chart->plot(), pixelOfRow(f.chart, 2000), pixelOfRow(f.chart, 2100));
        drag(f.chart->plot(), pixelOfRow(f.chart, 2300), pixelOfRow(f.chart, 2400));
        QUndoStack* stack = f.window.undoStack();
        QCOMPARE(stack->count(), 2);

        QSignalSpy idle(&f.window, &ui::MainWindow::idle);
        QVERIFY(f.window.openProject(test::qs(f.path)));
        QVERIFY(!f.window.isIdle()); // the series and the history are on their way
        core::Label label;
        label.seriesId = id;
        label.begin = 5000;
        label.end = 5010;
        label.classId = core::kClassNormal;
        Q_EMIT f.chart->labelRequested(label); // pushed at once, before the history arrives
        QVERIFY(humanAt(labelsInFile(f.path, id), 5005, core::kClassNormal) != nullptr);
        QVERIFY(f.window.isIdle() || idle.wait(20000));
        QCOMPARE(stack->count(), 3);
        QCOMPARE(stack->index(), 3);
        QVERIFY2(stack->undoText().startsWith(QStringLiteral("Label rows 5000")),
                 qPrintable(stack->undoText()));
        stack->undo();
        QVERIFY(humanAt(labelsInFile(f.path, id), 5005, core::kClassNormal) == nullptr);
        QVERIFY(humanAt(labelsInFile(f.path, id), 2350) != nullptr);
        stack->undo();
        QVERIFY(humanAt(labelsInFile(f.path, id), 2350) == nullptr);
        QVERIFY(humanAt(labelsInFile(f.path, id), 2050) != nullptr);
    }

    void clickLabelsOnePoint()
    {
        Fixture f("chart-click");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        f.zoomRows(3000, 3200);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QTest::keyClick(f.chart->plot(), Qt::Key_L);
        QCOMPARE(f.chart->mode(), ui::InteractionMode::Label);
        const QPoint at = pixelOfRow(f.chart, 3100);
        QTest::mouseClick(f.chart->plot(), Qt::LeftButton, {}, at);
        const auto human = humanLabels(labelsInFile(f.path, id));
        QCOMPARE(human.size(), std::size_t(1));
        QCOMPARE(human[0].begin, std::int64_t(3100));
        QCOMPARE(human[0].end, std::int64_t(3101));

        // In Explore mode the same gestures never label: a drag zooms to the dragged range.
        QTest::keyClick(f.chart->plot(), Qt::Key_E);
        QCOMPARE(f.chart->mode(), ui::InteractionMode::Explore);
        const QPoint a = pixelOfRow(f.chart, 3050);
        const QPoint b = pixelOfRow(f.chart, 3150);
        drag(f.chart->plot(), a, b);
        QTRY_VERIFY(f.chart->plot()->xAxis->range().size() <
                    f.chart->xOfRow(3160) - f.chart->xOfRow(3040));
        QCOMPARE(humanLabels(labelsInFile(f.path, id)).size(), std::size_t(1));

        // Home fits everything again.
        QTest::keyClick(f.chart->plot(), Qt::Key_Home);
        QVERIFY(f.chart->plot()->xAxis->range().contains(f.chart->xOfRow(0)));
        QVERIFY(f.chart->plot()->xAxis->range().contains(
            f.chart->xOfRow(f.chart->series()->length() - 1)));
    }

    // UX.md: works with a keyboard alone. Zoom and pan with the arrows, Enter labels the visible
    // range with the current class, Delete erases its labels; each is one undo step.
    void keyboardLabelsTheVisibleRange()
    {
        Fixture f("chart-keys");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        f.zoomRows(3000, 3200);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        // Where Enter and Delete will act is visible: a frame in the highlight colour while the
        // plot has the focus, none once it moves on (the plot's pixels do not move for it).
        const QColor highlight = f.chart->palette().color(QPalette::Highlight);
        auto frameShown = [&] {
            const QImage image = f.chart->plot()->grab().toImage();
            return image.pixelColor(0, image.height() / 2) == highlight &&
                   image.pixelColor(image.width() - 1, image.height() / 3) == highlight;
        };
        const double leftPixel = f.chart->plot()->xAxis->coordToPixel(f.chart->xOfRow(3100));
        f.window.seriesDock()->widget()->setFocus(); // the series list
        QTRY_VERIFY(!f.chart->plot()->hasFocus());
        QVERIFY(!frameShown());
        f.chart->plot()->setFocus();
        QTRY_VERIFY(f.chart->plot()->hasFocus());
        QTRY_VERIFY(frameShown());
        QCOMPARE(f.chart->plot()->xAxis->coordToPixel(f.chart->xOfRow(3100)), leftPixel);
        QTest::keyClick(f.chart->plot(), Qt::Key_Up); // zoom in around the centre, 3100
        f.chart->refreshNow();
        const QCPRange visible = f.chart->plot()->xAxis->range();
        QVERIFY(visible.size() < f.chart->xOfRow(3200) - f.chart->xOfRow(3000));
        QTest::keyClick(f.chart->plot(), Qt::Key_Return);
        auto human = humanLabels(labelsInFile(f.path, id));
        QCOMPARE(human.size(), std::size_t(1));
        QCOMPARE(human[0].classId, core::kClassAnomaly);
        QVERIFY(f.chart->xOfRow(human[0].begin) >= visible.lower);
        QVERIFY(f.chart->xOfRow(human[0].begin - 1) < visible.lower);
        QVERIFY(f.chart->xOfRow(human[0].end - 1) <= visible.upper);
        QVERIFY(f.chart->xOfRow(human[0].end) > visible.upper);
        QVERIFY(human[0].begin > 3000 && human[0].end < 3200);
        QCOMPARE(f.window.undoStack()->count(), 1);

        QTest::keyClick(f.chart->plot(), Qt::Key_Delete);
        QVERIFY(humanLabels(labelsInFile(f.path, id)).empty());
        QCOMPARE(f.window.undoStack()->count(), 2);
        f.window.undoStack()->undo();
        QCOMPARE(humanLabels(labelsInFile(f.path, id)).size(), std::size_t(1));
    }

    void failedEditShowsErrorAndKeepsLabels()
    {
        Fixture f("chart-fail");
        QVERIFY(f.ok);
        const std::int64_t id = f.chart->seriesId();
        {
            // Another connection removes the series under the window's feet.
            auto other = core::Project::open(f.path, core::OpenMode::OpenExisting);
            QVERIFY(other.ok());
            QVERIFY((*other)->removeSeries(id).ok());
        }
        QSignalSpy failed(&f.window, &ui::MainWindow::labelEditFailed);
        f.chart->setMode(ui::InteractionMode::Label);
        drag(f.chart->plot(), pixelOfRow(f.chart, 100), pixelOfRow(f.chart, 400));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QCOMPARE(f.window.undoStack()->count(), 0);
        QVERIFY(humanLabels(f.chart->labels()).empty());
        // The status bar no longer claims the work is saved, until an edit is written again.
        auto* status = f.window.findChild<QLabel*>(QStringLiteral("projectStatus"));
        QVERIFY(status != nullptr);
        QVERIFY2(status->text().endsWith(QStringLiteral("last edit not saved")),
                 qPrintable(status->text()));
        // The tooltip has the whole path (the label may shorten it) and the reason.
        QVERIFY(status->toolTip().startsWith(test::qs(f.path)));
        QVERIFY(status->toolTip().endsWith(failed.first().first().toString()));
        std::int64_t other = -1;
        {
            auto project = core::Project::open(f.path, core::OpenMode::OpenExisting);
            QVERIFY(project.ok());
            auto list = (*project)->listSeries();
            QVERIFY(list.ok() && !list->empty());
            other = list->front().id;
        }
        core::Label label;
        label.seriesId = other;
        label.begin = 10;
        label.end = 20;
        label.classId = core::kClassAnomaly;
        label.source = core::LabelSource::Human;
        Q_EMIT f.chart->labelRequested(label);
        QCOMPARE(f.window.undoStack()->count(), 1);
        QVERIFY2(status->text().endsWith(QStringLiteral("saved")) &&
                     !status->text().contains(QStringLiteral("not saved")),
                 qPrintable(status->text()));
    }

    void wheelZoomsAtTheCursorAndOverviewPans()
    {
        Fixture f("chart-wheel");
        QVERIFY(f.ok);
        QCustomPlot* plot = f.chart->plot();
        const QPoint at = pixelOfRow(f.chart, 5000);
        const double xBefore = plot->xAxis->pixelToCoord(at.x());
        const double sizeBefore = plot->xAxis->range().size();
        QWheelEvent wheel(at, plot->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &wheel);
        QVERIFY(plot->xAxis->range().size() < sizeBefore);
        QVERIFY(std::abs(plot->xAxis->pixelToCoord(at.x()) - xBefore) < sizeBefore * 1e-3);

        // Over the score axis (right) the wheel zooms the scores only.
        plot->yAxis2->setVisible(true);
        plot->replot();
        const QCPRange time = plot->xAxis->range();
        const QCPRange scores = plot->yAxis2->range();
        const QPoint right(plot->axisRect()->right() + 10, plot->axisRect()->center().y());
        QWheelEvent overScores(right, plot->mapToGlobal(right), QPoint(), QPoint(0, 120),
                               Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(plot, &overScores);
        QVERIFY(plot->yAxis2->range().size() < scores.size());
        QCOMPARE(plot->xAxis->range().lower, time.lower);
        QCOMPARE(plot->xAxis->range().upper, time.upper);

        // Dragging the overview's window moves the visible range by the same amount of time.
        f.zoomRows(1000, 2000);
        QApplication::processEvents();
        ui::OverviewStrip* strip = f.chart->overview();
        const QCPRange w = strip->window();
        const QCPRange visible = plot->xAxis->range();
        QCOMPARE(w.lower, visible.lower);
        const int y = strip->axisRect()->center().y();
        const QPoint from(static_cast<int>(strip->xAxis->coordToPixel(w.center())), y);
        drag(strip, from, from + QPoint(100, 0));
        const double moved = plot->xAxis->range().lower - visible.lower;
        QVERIFY(moved > 0);
        QVERIFY(std::abs(plot->xAxis->range().size() - visible.size()) < visible.size() * 1e-6);
    }

    void millionPointsNeverMoreThanTwoPerPixel()
    {
        const std::int64_t n = 1'000'000;
        core::TimeSeries s;
        s.name = "long";
        s.channelNames = {"a", "b"};
        s.values.resize(n, 2);
        for (std::int64_t t = 0; t < n; ++t) {
            s.values(t, 0) = std::sin(static_cast<double>(t) * 1e-3) + ((t % 9973) ? 0.0 : 4.0);
            s.values(t, 1) = (t / 50000) % 7 == 3 ? std::nan("") : static_cast<double>(t % 101);
        }
        ui::SeriesChart chart;
        chart.resize(1200, 600);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setSeries(ui::ChartSeries::make(1, s), {});
        auto check = [&] {
            chart.refreshNow();
            const int width = chart.plot()->axisRect()->width();
            for (int g = 0; g < chart.plot()->graphCount(); ++g) {
                const int count = chart.plot()->graph(g)->dataCount();
                QVERIFY2(count > 0 && count <= 2 * width + 2,
                         qPrintable(QStringLiteral("%1 points on %2 px").arg(count).arg(width)));
            }
        };
        check();
        // The spikes reach the top of the value axis even when zoomed out.
        QVERIFY(chart.plot()->yAxis->range().upper >= 4.5);
        QCOMPARE(chart.plot()->graph(0)->scatterStyle().shape(), QCPScatterStyle::ssNone);
        {
            // A lone point is drawn (as a dot: it has no line).
            core::TimeSeries one;
            one.name = "one";
            one.channelNames = {"v"};
            one.values = Eigen::MatrixXd::Constant(1, 1, 5.0);
            ui::SeriesChart other;
            other.resize(800, 400);
            other.setSeries(ui::ChartSeries::make(3, one), {});
            other.refreshNow();
            QCOMPARE(other.plot()->graph(0)->dataCount(), 1);
            QCOMPARE(other.plot()->graph(0)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
            // Sparse data, every 7th of 500 values set: each value stands alone between gaps,
            // and the chart drew nothing (dots only came for 64 samples or fewer).
            core::TimeSeries sparse;
            sparse.name = "sparse";
            sparse.channelNames = {"v"};
            sparse.values = Eigen::MatrixXd::Constant(500, 1, std::nan(""));
            for (int t = 0; t < 500; t += 7) {
                sparse.values(t, 0) = std::sin(t * 0.1);
            }
            other.setSeries(ui::ChartSeries::make(4, sparse), {});
            other.refreshNow();
            QVERIFY(other.plot()->graph(0)->dataCount() > 64);
            QCOMPARE(other.plot()->graph(0)->scatterStyle().shape(), QCPScatterStyle::ssDisc);
            // A dense series again: no dots.
            core::TimeSeries dense = sparse;
            dense.values = Eigen::MatrixXd::Constant(500, 1, 1.0);
            other.setSeries(ui::ChartSeries::make(5, dense), {});
            other.refreshNow();
            QCOMPARE(other.plot()->graph(0)->scatterStyle().shape(), QCPScatterStyle::ssNone);
        }
        {
            // Switching series keeps none of the previous one's ranges: an all-NaN series kept
            // the value range of the one before, and a 1-point series the overview's time range.
            core::TimeSeries wide;
            wide.name = "wide";
            wide.channelNames = {"v"};
            wide.values = Eigen::VectorXd::LinSpaced(500, 100.0, 200.0);
            core::TimeSeries gaps = wide;
            gaps.values = Eigen::MatrixXd::Constant(50, 1, std::nan(""));
            core::TimeSeries single = wide;
            single.values = Eigen::MatrixXd::Constant(1, 1, 7.0);
            ui::SeriesChart chart2;
            chart2.resize(800, 400);
            QVERIFY(!chart2.plot()->legend->visible()); // no empty legend box without a series
            chart2.setSeries(ui::ChartSeries::make(7, wide), {});
            QVERIFY(chart2.plot()->legend->visible());
            chart2.refreshNow();
            QVERIFY(chart2.plot()->yAxis->range().upper > 150.0);
            chart2.setSeries(ui::ChartSeries::make(8, gaps), {});
            chart2.refreshNow();
            QVERIFY2(chart2.plot()->yAxis->range().upper < 50.0,
                     qPrintable(QString::number(chart2.plot()->yAxis->range().upper)));
            QVERIFY(chart2.overview()->yAxis->range().upper < 50.0);
            chart2.setSeries(ui::ChartSeries::make(9, single), {});
            chart2.refreshNow();
            const QCPRange ox = chart2.overview()->xAxis->range();
            QVERIFY2(ox.lower < 0.0 && ox.upper > 0.0 && ox.size() <= 1.0,
                     qPrintable(QStringLiteral("%1..%2").arg(ox.lower).arg(ox.upper)));
            chart2.setSeries(nullptr, {});
            QVERIFY(!chart2.plot()->legend->visible());
            // A long channel name is shortened in its middle in the legend; a short one is not.
            core::TimeSeries named = wide;
            named.channelNames = {QStringLiteral("datacenter-eu-west-1.rack-17.node-042.cpu.user"
                                                 "_percent_p99")
                                      .toStdString()};
            chart2.setSeries(ui::ChartSeries::make(10, named), {});
            const QString shown = chart2.plot()->graph(0)->name();
            QVERIFY2(shown.size() < 50 && shown.contains(QChar(0x2026)) &&
                         shown.startsWith(QStringLiteral("datacenter")) &&
                         shown.endsWith(QStringLiteral("p99")),
                     qPrintable(shown));
            chart2.setSeries(ui::ChartSeries::make(11, wide), {});
            QCOMPARE(chart2.plot()->graph(0)->name(), QStringLiteral("v"));
        }
        {
            // Per-second data: ticks show seconds once the view spans under ten minutes.
            core::TimeSeries secs;
            secs.name = "secs";
            secs.channelNames = {"v"};
            secs.values = Eigen::MatrixXd::Constant(3600, 1, 1.0);
            secs.timeKind = core::TimeKind::EpochMillis;
            for (std::int64_t t = 0; t < 3600; ++t) {
                secs.timestamps.push_back(1772359200000 + 1000 * t); // 2026-03-01 10:00:00
            }
            ui::SeriesChart dated;
            dated.resize(800, 400);
            dated.setSeries(ui::ChartSeries::make(6, secs), {});
            dated.refreshNow();
            auto ticker =
                qSharedPointerDynamicCast<QCPAxisTickerDateTime>(dated.plot()->xAxis->ticker());
            QVERIFY(ticker);
            QVERIFY(!ticker->dateTimeFormat().contains(QStringLiteral("ss")));
            const double from = dated.plot()->xAxis->range().lower;
            dated.plot()->xAxis->setRange(from, from + 300.0);
            dated.refreshNow();
            QVERIFY2(ticker->dateTimeFormat().contains(QStringLiteral("HH:mm:ss")),
                     qPrintable(ticker->dateTimeFormat()));
            // The tables' ranges show seconds too where a time is not on a whole minute.
            const double start = 1772359200.0;
            QCOMPARE(ui::dateRangeText(start + 37, start + 58),
                     QStringLiteral("2026-03-01 10:00:37–10:00:58"));
            QCOMPARE(ui::dateRangeText(start, start + 600),
                     QStringLiteral("2026-03-01 10:00–10:10"));
            QCOMPARE(ui::dateTimeText(start + 1.5), QStringLiteral("2026-03-01 10:00:01"));
        }
        {
            // Values at the ends of the double range: the axis still fits (their span
            // overflows a double; QCustomPlot's axes span at most 1e250).
            core::TimeSeries huge;
            huge.name = "huge";
            huge.channelNames = {"v"};
            huge.values = Eigen::MatrixXd::Zero(200, 1);
            huge.values(20, 0) = 1e308;
            huge.values(120, 0) = -1e308;
            ui::SeriesChart other;
            other.resize(800, 400);
            other.setSeries(ui::ChartSeries::make(2, huge), {});
            other.refreshNow();
            const QCPRange r = other.plot()->yAxis->range();
            QVERIFY2(r.upper >= 4e249 && r.lower <= -4e249,
                     qPrintable(QStringLiteral("%1 .. %2").arg(r.lower).arg(r.upper)));
            // Every value beyond the axis' end: that end is shown.
            huge.values.col(0).setLinSpaced(200, 1e300, 1.49e300);
            other.setSeries(ui::ChartSeries::make(4, huge), {});
            other.refreshNow();
            const QCPRange high = other.plot()->yAxis->range();
            QVERIFY2(high.lower > 0.0 && high.upper >= 4e249,
                     qPrintable(QStringLiteral("%1 .. %2").arg(high.lower).arg(high.upper)));
        }
        const auto& p = chart.series()->pyramid;
        for (double span : {500000.0, 20000.0, 3000.0, 50.0}) {
            chart.setVisibleRange(400000.0, 400000.0 + span);
            check();
        }
        // Gaps (NaN) are drawn as gaps, never as zeros.
        chart.setVisibleRange(140000.0, 210000.0);
        chart.refreshNow();
        const auto data = chart.plot()->graph(1)->data();
        int nans = 0;
        for (auto it = data->constBegin(); it != data->constEnd(); ++it) {
            nans += std::isnan(it->value) ? 1 : 0;
        }
        QVERIFY(nans > 0);
        QCOMPARE(p.length(), n);
    }

    // Thousands of labels narrower than a pixel, classes alternating, zoomed out: one rectangle
    // per pixel column, not one per label (5000 cost 50-80 ms of the GUI thread per wheel
    // step), and an anomaly still shows in its column; zoomed in, every label is its own.
    void tinyLabelsOfOtherLooksShareAPixelColumn()
    {
        core::TimeSeries s;
        s.name = "long";
        s.channelNames = {"v"};
        s.values = Eigen::MatrixXd::Zero(1'000'000, 1);
        std::vector<core::Label> labels;
        for (int i = 0; i < 5000; ++i) {
            core::Label l;
            l.seriesId = 1;
            l.begin = 100 + 200 * i;
            l.end = l.begin + 20;
            l.classId = i % 2 == 0 ? core::kClassNormal : core::kClassAnomaly;
            labels.push_back(l);
        }
        ui::SeriesChart chart;
        chart.resize(1200, 600);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setSeries(ui::ChartSeries::make(1, s), labels);
        chart.refreshNow();
        const int width = chart.plot()->axisRect()->width();
        QVERIFY2(chart.visibleLabelCount() <= width + 4,
                 qPrintable(QStringLiteral("%1 rectangles on %2 px")
                                .arg(chart.visibleLabelCount())
                                .arg(width)));
        int anomalyColumns = 0;
        for (int i = 0; i < chart.plot()->itemCount(); ++i) {
            auto* rect = qobject_cast<QCPItemRect*>(chart.plot()->item(i));
            if (rect != nullptr && rect->visible() &&
                rect->brush().color() == ui::LabelStyle::fill(core::kClassAnomaly).color()) {
                ++anomalyColumns;
            }
        }
        QVERIFY2(anomalyColumns > chart.visibleLabelCount() / 2,
                 qPrintable(QString::number(anomalyColumns)));
        chart.setVisibleRange(0.0, 4000.0);
        chart.refreshNow();
        QCOMPARE(chart.visibleLabelCount(), 20); // rows 100..3920: each label wider than a pixel
    }

    // Every pixel column of a long series holds a column of points after switching series: the
    // value axis' labels narrow (1e6 → 0.5), the plot widens without the widget resizing, and
    // the columns decimated for the narrower plot left pixel columns crossed only by slanted
    // joins, drawn as false gaps.
    void everyPixelColumnIsDrawnAfterSwitchingSeries()
    {
        const auto make = [](const char* name, double scale) {
            core::TimeSeries s;
            s.name = name;
            s.channelNames = {"v"};
            s.values.resize(300000, 1);
            for (Eigen::Index t = 0; t < s.values.rows(); ++t) {
                s.values(t, 0) = scale * (1.0 + std::sin(static_cast<double>(t) * 0.37));
            }
            return s;
        };
        ui::SeriesChart chart;
        chart.resize(1200, 600);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setSeries(ui::ChartSeries::make(1, make("wide", 1234567.0)), {});
        chart.refreshNow();
        QTest::qWait(50);
        const int wideLabels = chart.plot()->axisRect()->width();
        chart.setSeries(ui::ChartSeries::make(2, make("narrow", 0.5)), {});
        const auto missingColumns = [&chart] {
            const QCPGraph* graph = chart.plot()->graph(0);
            std::set<int> columns;
            for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
                columns.insert(
                    static_cast<int>(std::floor(graph->keyAxis()->coordToPixel(it->key))));
            }
            const QRect rect = chart.plot()->axisRect()->rect();
            int missing = 0;
            for (int x = rect.left() + 1; x < rect.right() - 1; ++x) {
                missing += columns.count(x) == 0 ? 1 : 0;
            }
            return missing;
        };
        // "0.2" is narrower than "1.5e+06": the plot widens once it is laid out.
        QTRY_VERIFY(chart.plot()->axisRect()->width() > wideLabels);
        QTRY_COMPARE(missingColumns(), 0);
    }

    // A label of one channel is a strip along the bottom, not the full height an all-channel
    // label has, and it is not drawn while its channel is hidden (it used to look exactly like
    // an all-channel label, hidden channel or not).
    void channelLabelsAreStripsOfTheirChannel()
    {
        core::TimeSeries s;
        s.name = "pump";
        s.channelNames = {"a", "b", "c"};
        s.values = Eigen::MatrixXd::Zero(100, 3);
        ui::SeriesChart chart;
        chart.resize(900, 500);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        auto make = [](std::int64_t b, std::int64_t e, int channel) {
            core::Label l;
            l.seriesId = 1;
            l.begin = b;
            l.end = e;
            l.channel = channel;
            l.classId = core::kClassAnomaly;
            return l;
        };
        chart.setSeries(ui::ChartSeries::make(1, s),
                        {make(10, 20, core::kAllChannels), make(40, 50, 2), make(60, 70, 0)});
        chart.setVisibleRange(0.0, 99.0);
        chart.refreshNow();
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        auto shown = [&] {
            std::vector<std::pair<double, double>> out; // (top, bottom) of each rectangle
            for (int i = 0; i < chart.plot()->itemCount(); ++i) {
                auto* rect = qobject_cast<QCPItemRect*>(chart.plot()->item(i));
                if (rect != nullptr && rect->visible() &&
                    rect->layer()->name() == QStringLiteral("labels")) {
                    out.emplace_back(rect->topLeft->coords().y(), rect->bottomRight->coords().y());
                }
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        QCOMPARE(chart.visibleLabelCount(), 3);
        const auto c0 = ui::LabelOverlay::band(0, 3);
        const auto c2 = ui::LabelOverlay::band(2, 3);
        QVERIFY(c2.first < c2.second && c2.second <= c0.first && c0.second == 1.0);
        QVERIFY(c2.second - c2.first <= 0.1 + 1e-12);
        // The only channel of a series: its labels span the height, as all-channel ones do.
        QCOMPARE(ui::LabelOverlay::band(0, 1), (std::pair<double, double>{0.0, 1.0}));
        QCOMPARE(shown(), (std::vector<std::pair<double, double>>{{0.0, 1.0}, c2, c0}));
        chart.setChannelVisible(2, false);
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(chart.visibleLabelCount(), 2);
        QCOMPARE(shown(), (std::vector<std::pair<double, double>>{{0.0, 1.0}, c0}));
        chart.setChannelVisible(0, false);
        chart.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(shown(), (std::vector<std::pair<double, double>>{{0.0, 1.0}}));
    }
};

QTEST_MAIN(TestChart)
#include "tst_chart.moc"
