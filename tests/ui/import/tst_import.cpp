// SPDX-License-Identifier: MIT
// The File side of the GUI: import wizard, export dialog, File menu and `vigil DATAFILE`.
#include "dialogs/export_dialog.h"
#include "dialogs/import_wizard.h"
#include "i18n.h"
#include "launch_arguments.h"
#include "main_window.h"
#include "models/import_preview_model.h"
#include "recent_projects.h"
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/project.h"
#include "workers/file_jobs.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace vigil;
using Role = ui::ImportPreviewModel::ColumnRole;

namespace {

/// timestamp,value,label with `rows` rows; rows [100, 120) are labelled 1.
std::string goodCsv(int rows)
{
    std::ostringstream out;
    out << "timestamp,value,label\n";
    for (int i = 0; i < rows; ++i) {
        out << (1700000000 + 60 * i) << ',' << std::sin(0.1 * i) + (i >= 100 && i < 120 ? 5 : 0)
            << ',' << (i >= 100 && i < 120 ? 1 : 0) << '\n';
    }
    return out.str();
}

/// Like goodCsv, with a word where line 7 (the 6th data row) has its value.
std::string brokenCsv()
{
    std::string text;
    std::istringstream in(goodCsv(40));
    std::string line;
    for (int lineNo = 1; std::getline(in, line); ++lineNo) {
        if (lineNo == 7) {
            line = "1700000300,oops,0";
        }
        text += line + '\n';
    }
    return text;
}

std::string createProjectWithDemo(const std::string& dir)
{
    const std::string path = dir + "/p.vigil";
    auto project = core::Project::open(path);
    if (!project || !(*project)->addSeries(core::makeDemoSeries())) {
        return {};
    }
    core::Label human;
    human.seriesId = (*project)->listSeries()->front().id;
    human.begin = 10;
    human.end = 30;
    human.classId = core::kClassNormal;
    if (!(*project)->assignLabel(human, "test")) {
        return {};
    }
    return path;
}

/// What must not change when an import fails.
struct Snapshot
{
    std::vector<std::tuple<std::int64_t, std::string, std::int64_t, std::string, std::int64_t>>
        series;
    std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t, int, int>> labels;
    std::string bytes;
    std::string walBytes;

    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(const std::string& path)
{
    Snapshot s;
    {
        auto project = core::Project::open(path, core::OpenMode::OpenExisting);
        if (!project) {
            return s;
        }
        const auto list = (*project)->listSeries();
        const auto labels = (*project)->allLabels();
        if (!list || !labels) {
            return s;
        }
        for (const auto& info : *list) {
            s.series.emplace_back(info.id, info.name, info.length, info.contentHash,
                                  info.labeledPoints);
        }
        for (const auto& l : *labels) {
            s.labels.emplace_back(l.seriesId, l.begin, l.end, l.classId,
                                  static_cast<int>(l.source));
        }
    } // closed: SQLite checkpoints the WAL into the file
    s.bytes = test::readFile(path);
    s.walBytes = test::readFile(path + "-wal");
    return s;
}

/// Drives a wizard to its preview page and waits for detection.
bool toPreview(ui::ImportWizard& wizard, const QStringList& paths)
{
    wizard.setPaths(paths);
    wizard.show();
    QSignalSpy ready(&wizard, &ui::ImportWizard::previewReady);
    wizard.next();
    if (wizard.currentId() != ui::ImportWizard::PreviewPageId) {
        return false;
    }
    return ready.wait(10000);
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // recent projects go to a test config
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_import"));
        ui::clearRecentProjects();
    }

    void previewModelFollowsLayout()
    {
        ui::ImportPreviewModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        const std::string text = "time;a;b;note;label\n1;1.5;2;x;0\n2;1.6;;y;1\n3;1.7;4;z;0\n";
        auto layout = core::detectCsvLayout(text, "t.csv");
        QVERIFY2(layout.ok(), layout.ok() ? "" : layout.error().message.c_str());
        model.setLayout(*layout);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.data(model.index(1, 1)).toString(), QStringLiteral("1.6"));
        QCOMPARE(model.data(model.index(1, 2)).toString(), QString()); // a missing cell
        QCOMPARE(model.columnRole(0), Role::Time);
        QCOMPARE(model.columnRole(1), Role::Value);
        QCOMPARE(model.columnRole(2), Role::Value);
        QCOMPARE(model.columnRole(3), Role::Ignored); // text is no channel
        QCOMPARE(model.columnRole(4), Role::Label);
        QVERIFY(model.headerData(0, Qt::Horizontal).toString().startsWith(QStringLiteral("time")));
        QCOMPARE(
            model.headerData(4, Qt::Horizontal, ui::ImportPreviewModel::ColumnRoleRole).toInt(),
            static_cast<int>(Role::Label));
        // A ragged preview row is shown as it is, not cut.
        core::CsvLayout ragged = *layout;
        ragged.previewRows.push_back({"4", "1", "2", "w", "0", "extra"});
        model.setLayout(ragged);
        QCOMPARE(model.columnCount(), 6);
        QCOMPARE(model.data(model.index(3, 5)).toString(), QStringLiteral("extra"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }

    void wizardImportsGoodCsv()
    {
        const std::string dir = test::makeTempDir("ui-import-good");
        const std::string projectPath = createProjectWithDemo(dir);
        QVERIFY(!projectPath.empty());
        test::writeFile(dir + "/sensor.csv", goodCsv(500));

        ui::ImportWizard wizard(test::qs(projectPath));
        QAbstractItemModelTester tester(wizard.previewModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(toPreview(wizard, {test::qs(dir + "/sensor.csv")}));
        QCOMPARE(wizard.errorText(), QString());
        QCOMPARE(wizard.items().size(), std::size_t(1));
        QCOMPARE(wizard.items().front().format, core::DataFormat::Csv);
        const ui::ImportPreviewModel* preview = wizard.previewModel();
        QVERIFY(preview->rowCount() >= 10);
        QCOMPARE(preview->columnCount(), 3);
        QCOMPARE(preview->columnRole(0), Role::Time);
        QCOMPARE(preview->columnRole(1), Role::Value);
        QCOMPARE(preview->columnRole(2), Role::Label);
        QCOMPARE(preview->data(preview->index(0, 0)).toString(), QStringLiteral("1700000000"));
        QVERIFY(wizard.currentPage()->isComplete());

        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(ui::ImportWizard::RunPageId));
        QVERIFY(imported.wait(20000));
        QTRY_VERIFY(wizard.currentPage()->isComplete());
        QCOMPARE(wizard.summary().series, QStringList{QStringLiteral("sensor")});
        QCOMPARE(wizard.summary().points, std::int64_t(500));

        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        QVERIFY(project.ok());
        auto info = (*project)->seriesByName("sensor");
        QVERIFY2(info.ok(), info.ok() ? "" : info.error().message.c_str());
        QCOMPARE(info->length, std::int64_t(500));
        QCOMPARE(info->channels, 1);
        QCOMPARE(info->anomalousPoints, std::int64_t(20)); // rows 100..119 from the label column
        QCOMPARE((*project)->listSeries()->size(), std::size_t(3)); // the demo's two + this
        auto series = (*project)->loadSeries(info->id);
        QVERIFY(series.ok());
        QCOMPARE(series->timeKind, core::TimeKind::EpochMillis); // Unix seconds: dates
        QCOMPARE(series->timestamps.front(), std::int64_t(1700000000000));
        QVERIFY(std::abs(series->values(3, 0) - std::sin(0.3)) < 1e-5); // 6 digits in the file
    }

    void wizardColumnChoiceIsUsed()
    {
        const std::string dir = test::makeTempDir("ui-import-cols");
        const std::string projectPath = dir + "/p.vigil";
        QVERIFY(core::Project::open(projectPath).ok());
        std::string text = "when,a,b,flag\n";
        for (int i = 0; i < 50; ++i) {
            text += std::to_string(i * 10) + ',' + std::to_string(i) + ',' +
                    std::to_string(100 + i) + ',' + (i >= 5 && i < 8 ? "1" : "0") + '\n';
        }
        test::writeFile(dir + "/two.csv", text);
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/two.csv")}));
        // Only b as values; flag as the label; no timestamp column.
        wizard.setTimeColumn(QString());
        wizard.setLabelColumn(QStringLiteral("flag"));
        wizard.setValueColumns({QStringLiteral("b")});
        QCOMPARE(wizard.errorText(), QString());
        QCOMPARE(wizard.previewModel()->columnRole(0), Role::Ignored);
        QCOMPARE(wizard.previewModel()->columnRole(1), Role::Ignored);
        QCOMPARE(wizard.previewModel()->columnRole(2), Role::Value);
        QCOMPARE(wizard.previewModel()->columnRole(3), Role::Label);
        const core::CsvOptions options = wizard.csvOptions();
        QCOMPARE(options.valueColumns, std::vector<std::string>{"b"});
        // No value column at all is refused before anything runs.
        wizard.setValueColumns({});
        QVERIFY(!wizard.errorText().isEmpty());
        QVERIFY(!wizard.currentPage()->isComplete());
        wizard.setValueColumns({QStringLiteral("b")});
        QVERIFY(wizard.currentPage()->isComplete());

        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(20000));
        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        auto info = (*project)->seriesByName("two");
        QVERIFY(info.ok());
        QCOMPARE(info->channels, 1);
        QCOMPARE(info->channelNames, std::vector<std::string>{"b"});
        QCOMPARE(info->timeKind, core::TimeKind::Index);
        QCOMPARE(info->anomalousPoints, std::int64_t(3));
        auto series = (*project)->loadSeries(info->id);
        QCOMPARE(series->values(0, 0), 100.0);
    }

    // Dates such as 05/06/2026 read either way; the Dates choice decides (the reader's guess
    // for slashes is month first, and its note says how to read them the other way).
    void wizardReadsTheChosenDateOrder()
    {
        const std::string dir = test::makeTempDir("ui-import-dates");
        const std::string projectPath = dir + "/p.vigil";
        QVERIFY(core::Project::open(projectPath).ok());
        test::writeFile(dir + "/day.csv", "time,v\n05/06/2026 10:00,1\n05/06/2026 11:00,2\n");
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/day.csv")}));
        auto* dates = wizard.findChild<QComboBox*>(QStringLiteral("importDateOrder"));
        QVERIFY(dates != nullptr);
        QVERIFY(!wizard.csvOptions().dateOrder.has_value());
        dates->setCurrentIndex(dates->findData(static_cast<int>(core::DateOrder::Dmy)));
        QCOMPARE(wizard.csvOptions().dateOrder, std::optional(core::DateOrder::Dmy));
        QCOMPARE(wizard.errorText(), QString());
        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(20000));
        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        auto info = (*project)->seriesByName("day");
        QVERIFY(info.ok());
        QCOMPARE(info->timeKind, core::TimeKind::EpochMillis);
        auto series = (*project)->loadSeries(info->id);
        QCOMPARE(series->timestamps.front(), *core::parseIso8601("2026-06-05 10:00"));
    }

    // Whole Unix seconds are read as date-times; the Dates choice can keep them as numbers.
    void wizardKeepsUnixTimesAsNumbersWhenAsked()
    {
        const std::string dir = test::makeTempDir("ui-import-unix");
        const std::string projectPath = dir + "/p.vigil";
        QVERIFY(core::Project::open(projectPath).ok());
        test::writeFile(dir + "/unix.csv", "ts,v\n1733047200,1\n1733047260,2\n");
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/unix.csv")}));
        auto* dates = wizard.findChild<QComboBox*>(QStringLiteral("importDateOrder"));
        QVERIFY(dates != nullptr);
        QVERIFY(wizard.csvOptions().unixTimesAsDates);
        dates->setCurrentIndex(dates->count() - 1);
        QVERIFY(!wizard.csvOptions().unixTimesAsDates);
        QVERIFY(!wizard.csvOptions().dateOrder.has_value());
        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(20000));
        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        auto info = (*project)->seriesByName("unix");
        QVERIFY(info.ok());
        QCOMPARE(info->timeKind, core::TimeKind::Numeric);
        auto series = (*project)->loadSeries(info->id);
        QCOMPARE(series->timestamps.back(), std::int64_t(1733047260));
    }

    // One column, one role: ticking the timestamp column as values makes it no timestamp (it
    // stayed both and imported an unwritten channel); a name two columns share is chosen by
    // position (the first "a" was imported when the second was ticked).
    void wizardTickedColumnsKeepOneRoleEach()
    {
        const std::string dir = test::makeTempDir("ui-import-roles");
        const std::string projectPath = dir + "/p.vigil";
        QVERIFY(core::Project::open(projectPath).ok());
        std::string text = "timestamp,a,a,label\n";
        for (int i = 0; i < 40; ++i) {
            text += std::to_string(1000 + i) + ',' + std::to_string(i) + ',' +
                    std::to_string(500 + i) + ",0\n";
        }
        test::writeFile(dir + "/dup.csv", text);
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/dup.csv")}));
        auto* values = wizard.findChild<QListWidget*>(QStringLiteral("importValueColumns"));
        QVERIFY(values != nullptr);
        QCOMPARE(values->count(), 4);
        QCOMPARE(values->item(1)->data(Qt::UserRole).toString(), QStringLiteral("col2"));
        QCOMPARE(values->item(2)->data(Qt::UserRole).toString(), QStringLiteral("col3"));
        QCOMPARE(values->item(0)->checkState(), Qt::Unchecked); // it is the timestamp
        values->item(1)->setCheckState(Qt::Unchecked);          // as a click does
        QCOMPARE(wizard.csvOptions().valueColumns, std::vector<std::string>{"col3"});
        QCOMPARE(wizard.csvOptions().timeColumn.value_or("?"), std::string("timestamp"));
        values->item(0)->setCheckState(Qt::Checked);
        QCOMPARE(wizard.csvOptions().timeColumn.value_or("?"), std::string());
        QCOMPARE(wizard.csvOptions().valueColumns, (std::vector<std::string>{"timestamp", "col3"}));
        QCOMPARE(wizard.previewModel()->columnRole(0), Role::Value);
        QCOMPARE(wizard.errorText(), QString());

        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(20000));
        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        auto info = (*project)->seriesByName("dup");
        QVERIFY(info.ok());
        QCOMPARE(info->channels, 2);
        QCOMPARE(info->timeKind, core::TimeKind::Index);
        auto series = (*project)->loadSeries(info->id);
        QCOMPARE(series->values(3, 0), 1003.0);
        QCOMPARE(series->values(3, 1), 503.0); // the second "a"
    }

    // Previewing a file of a fixed format (Yahoo) keeps the user's CSV column choice (it was
    // replaced by the Yahoo file's columns), and a Yahoo A3/A4 file previews the one channel
    // its loader reads.
    void wizardKeepsTheChoiceAcrossFormats()
    {
        const std::string dir = test::makeTempDir("ui-import-formats");
        const std::string projectPath = dir + "/p.vigil";
        QVERIFY(core::Project::open(projectPath).ok());
        std::string csv = "t,value,extra\n";
        std::string a3 = "timestamps,value,anomaly,changepoint,trend,noise\n";
        for (int i = 0; i < 30; ++i) {
            csv +=
                std::to_string(i) + ',' + std::to_string(i) + ',' + std::to_string(90 + i) + '\n';
            a3 += std::to_string(i) + ",1.5,0,0,0.1,0.2\n";
        }
        test::writeFile(dir + "/data/a.csv", csv);
        test::writeFile(dir + "/data/b3.csv", a3);
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/data")}));
        auto* files = wizard.findChild<QTreeWidget*>(QStringLiteral("importFiles"));
        QVERIFY(files != nullptr);
        QCOMPARE(files->topLevelItemCount(), 2);
        QVERIFY(files->topLevelItem(0)->text(0).endsWith(QStringLiteral("a.csv")));
        wizard.setValueColumns({QStringLiteral("extra")});
        files->setCurrentItem(files->topLevelItem(1)); // the Yahoo A3 file
        int valueColumns = 0;
        for (int c = 0; c < wizard.previewModel()->columnCount(); ++c) {
            valueColumns += wizard.previewModel()->columnRole(c) == Role::Value ? 1 : 0;
        }
        QCOMPARE(valueColumns, 1);
        QCOMPARE(wizard.previewModel()->columnRole(1), Role::Value);
        QCOMPARE(wizard.csvOptions().valueColumns, std::vector<std::string>{"extra"});
        files->setCurrentItem(files->topLevelItem(0));
        QCOMPARE(wizard.csvOptions().valueColumns, std::vector<std::string>{"extra"});

        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QVERIFY(imported.wait(20000));
        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        auto info = (*project)->seriesByName("a");
        QVERIFY(info.ok());
        QCOMPARE(info->channelNames, std::vector<std::string>{"extra"});
        QCOMPARE((*project)->seriesByName("b3")->channels, 1);
    }

    // A file whose header and first row pass the first 64 KiB previews (it said "a header but
    // no data rows" and could not be imported from the wizard).
    void wizardPreviewsAVeryWideFile()
    {
        const std::string dir = test::makeTempDir("ui-import-wide");
        const std::string projectPath = dir + "/p.vigil";
        QVERIFY(core::Project::open(projectPath).ok());
        std::string header = "t";
        std::string row;
        for (int c = 0; c < 8000; ++c) {
            header += ",channel_" + std::to_string(c);
        }
        std::string text = header + "\n";
        for (int r = 0; r < 4; ++r) {
            text += std::to_string(r);
            for (int c = 0; c < 8000; ++c) {
                text += "," + std::to_string(c % 10);
            }
            text += "\n";
        }
        QVERIFY(text.size() > 2 * 64 * 1024);
        test::writeFile(dir + "/wide.csv", text);
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/wide.csv")}));
        QCOMPARE(wizard.errorText(), QString());
        QCOMPARE(wizard.previewModel()->rowCount(), 4);
        QVERIFY(wizard.currentPage()->isComplete());
    }

    void brokenFileShowsLineAndChangesNothing()
    {
        const std::string dir = test::makeTempDir("ui-import-broken");
        const std::string projectPath = createProjectWithDemo(dir);
        QVERIFY(!projectPath.empty());
        test::writeFile(dir + "/good.csv", goodCsv(100));
        test::writeFile(dir + "/broken.csv", brokenCsv());
        const Snapshot before = snapshot(projectPath);
        QCOMPARE(before.series.size(), std::size_t(2));
        QVERIFY(!before.labels.empty());

        // The good file first: it is read, then the broken one stops the whole import.
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(toPreview(wizard, {test::qs(dir + "/good.csv"), test::qs(dir + "/broken.csv")}));
        QCOMPARE(wizard.items().size(), std::size_t(2));
        QSignalSpy failed(&wizard, &ui::ImportWizard::importFailed);
        QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
        wizard.next();
        QVERIFY(failed.wait(20000));
        QCOMPARE(imported.count(), 0);
        const QString error = wizard.errorText();
        QVERIFY2(error.contains(QStringLiteral("broken.csv:7:2")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("oops")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("unchanged")), qPrintable(error));
        QVERIFY(!wizard.currentPage()->isComplete()); // no Finish on a failed import
        // The page shows it too, not only the API.
        bool shown = false;
        for (const QLabel* label : wizard.currentPage()->findChildren<QLabel*>()) {
            shown = shown || label->text().contains(QStringLiteral("broken.csv:7:2"));
        }
        QVERIFY(shown);
        QCOMPARE(snapshot(projectPath), before);

        // Back, drop the broken file, and the good one imports.
        wizard.back();
        QCOMPARE(wizard.currentId(), int(ui::ImportWizard::PreviewPageId));
        wizard.back();
        QSignalSpy ready(&wizard, &ui::ImportWizard::previewReady);
        wizard.setPaths({test::qs(dir + "/good.csv")});
        wizard.next();
        QVERIFY(ready.wait(10000));
        wizard.next();
        QVERIFY(imported.wait(20000));
        QCOMPARE(snapshot(projectPath).series.size(), std::size_t(3));
    }

    void duplicateNameChangesNothing()
    {
        // The failure comes from the project's transaction this time, not from the reader.
        const std::string dir = test::makeTempDir("ui-import-dup");
        const std::string projectPath = createProjectWithDemo(dir);
        test::writeFile(dir + "/new.csv", goodCsv(30));
        test::writeFile(dir + "/web-latency.csv", goodCsv(30)); // the demo has this name
        const Snapshot before = snapshot(projectPath);
        ui::ImportWizard wizard(test::qs(projectPath));
        QVERIFY(
            toPreview(wizard, {test::qs(dir + "/new.csv"), test::qs(dir + "/web-latency.csv")}));
        QSignalSpy failed(&wizard, &ui::ImportWizard::importFailed);
        wizard.next();
        QVERIFY(failed.wait(20000));
        QVERIFY2(wizard.errorText().contains(QStringLiteral("already exists")),
                 qPrintable(wizard.errorText()));
        QCOMPARE(snapshot(projectPath), before);
    }

    void failedImportCreatesNoProject()
    {
        const std::string dir = test::makeTempDir("ui-import-new");
        test::writeFile(dir + "/broken.csv", brokenCsv());
        const QString target = ui::newProjectPathFor(test::qs(dir + "/broken.csv"));
        ui::ImportWizard wizard(target, true);
        QVERIFY(toPreview(wizard, {test::qs(dir + "/broken.csv")}));
        QSignalSpy failed(&wizard, &ui::ImportWizard::importFailed);
        wizard.next();
        QVERIFY(failed.wait(20000));
        QVERIFY(!QFileInfo::exists(target));

        // Also when reading works and the project refuses the batch (two series named "x"):
        // the file the import created for it is removed again.
        test::writeFile(dir + "/a/x.csv", goodCsv(20));
        test::writeFile(dir + "/b/x.csv", goodCsv(20));
        ui::ImportWizard twice(target, true);
        QVERIFY(toPreview(twice, {test::qs(dir + "/a/x.csv"), test::qs(dir + "/b/x.csv")}));
        QSignalSpy failedTwice(&twice, &ui::ImportWizard::importFailed);
        twice.next();
        QVERIFY(failedTwice.wait(20000));
        QVERIFY2(twice.errorText().contains(QStringLiteral("twice")),
                 qPrintable(twice.errorText()));
        QVERIFY(!QFileInfo::exists(target));
        QVERIFY(!QFileInfo::exists(target + QStringLiteral("-wal")));
    }

    void cancelledImportWritesNothing()
    {
        const std::string dir = test::makeTempDir("ui-import-cancel");
        test::writeFile(dir + "/a.csv", goodCsv(50));
        const std::string target = dir + "/new.vigil";
        auto items = core::planImport({dir + "/a.csv"});
        QVERIFY(items.ok());
        const ui::Job job = ui::makeImportJob(test::qs(target), true, *items, {});
        core::CancelToken cancel;
        cancel.requestCancel();
        const ui::JobOutcome outcome = job(core::ProgressSink{}, cancel);
        QVERIFY(!outcome.error.isEmpty());
        QVERIFY(!std::filesystem::exists(target));
        // Without the cancel it works, reporting progress on the way.
        core::CancelToken go;
        int reports = 0;
        const ui::JobOutcome ok =
            job(core::ProgressSink{[&](double, const std::string&) { ++reports; }}, go);
        QVERIFY2(ok.error.isEmpty(), qPrintable(ok.error));
        QVERIFY(reports >= 2);
        QVERIFY(ok.value.value<ui::ImportSummary>().createdProject);
    }

    void smdFolderIsPreviewed()
    {
        // (planImport itself is tested in tst_loaders.)
        const std::string dir = test::makeTempDir("ui-import-folder");
        test::writeFile(dir + "/smd/test/machine-1-1.txt", "1,2\n3,4\n");
        test::writeFile(dir + "/smd/test_label/machine-1-1.txt", "0\n1\n");
        // The wizard previews the SMD machine file when the SMD folder is selected alone.
        ui::ImportWizard wizard(test::qs(dir + "/p.vigil"), true);
        QVERIFY(toPreview(wizard, {test::qs(dir + "/smd")}));
        QCOMPARE(wizard.items().size(), std::size_t(1));
        QCOMPARE(wizard.previewModel()->rowCount(), 2);
        QCOMPARE(wizard.errorText(), QString());
    }

    void smdFolderIsNotCountedAsAFile()
    {
        const std::string dir = test::makeTempDir("ui-import-count");
        test::writeFile(dir + "/smd/test/machine-1-1.txt", "1,2\n3,4\n");
        test::writeFile(dir + "/smd/test_label/machine-1-1.txt", "0\n1\n");
        test::writeFile(dir + "/extra.csv", "value\n1\n2\n");
        ui::i18n::installTranslators(QStringLiteral("en")); // the English plural forms
        const auto summaryFor = [&](const QStringList& paths) {
            ui::ImportWizard wizard(test::qs(dir + "/p.vigil"), true);
            if (!toPreview(wizard, paths)) {
                return QStringLiteral("(no preview)");
            }
            auto* summary = wizard.findChild<QLabel*>(QStringLiteral("importSummary"));
            return summary != nullptr ? summary->text() : QStringLiteral("(no summary)");
        };
        QCOMPARE(summaryFor({test::qs(dir + "/smd")}),
                 QStringLiteral("1 SMD folder to import, one series per machine."));
        QCOMPARE(summaryFor({test::qs(dir + "/smd"), test::qs(dir + "/extra.csv")}),
                 QStringLiteral("1 SMD folder to import, one series per machine. And 1 file."));
        QCOMPARE(summaryFor({test::qs(dir + "/extra.csv")}), QStringLiteral("1 file to import."));
    }

    void exportWritesWideCsvThatReimports()
    {
        const std::string dir = test::makeTempDir("ui-export");
        const std::string projectPath = createProjectWithDemo(dir);
        QVERIFY(!projectPath.empty());
        std::vector<core::SeriesInfo> series;
        std::vector<core::TimeSeries> values;
        std::vector<std::vector<core::Label>> labels;
        {
            auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
            series = *(*project)->listSeries();
            for (const auto& s : series) {
                values.push_back(*(*project)->loadSeries(s.id));
                labels.push_back(*(*project)->labels(s.id));
            }
        }
        const std::string out = dir + "/out";
        ui::ExportDialog dialog(test::qs(projectPath), series, series.front().id);
        dialog.setFormat(core::ExportFormat::WideCsv);
        dialog.setOutputFolder(test::qs(out));
        dialog.setSelectedSeries({});
        QSignalSpy exported(&dialog, &ui::ExportDialog::exported);
        QVERIFY(dialog.startExport());
        QVERIFY(exported.wait(20000));
        QCOMPARE(dialog.writtenFiles().size(), 2);
        QCOMPARE(dialog.errorText(), QString());

        // Re-import every written file; values and labels come back unchanged.
        for (std::size_t i = 0; i < series.size(); ++i) {
            const std::string file = out + "/" + series[i].name + ".csv";
            auto back = core::importPaths({file});
            QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
            const core::TimeSeries& a = values[i];
            const core::TimeSeries& b = back->front().series;
            QCOMPARE(b.length(), a.length());
            QCOMPARE(b.channels(), a.channels());
            QVERIFY(b.timestamps == a.timestamps);
            for (Eigen::Index r = 0; r < a.values.rows(); ++r) {
                for (Eigen::Index c = 0; c < a.values.cols(); ++c) {
                    QVERIFY(sameValue(a.values(r, c), b.values(r, c)));
                }
            }
            auto key = [](const std::vector<core::Label>& ls) {
                std::vector<std::tuple<std::int64_t, std::int64_t, int, int>> k;
                for (const auto& l : ls) {
                    k.emplace_back(l.begin, l.end, l.classId, static_cast<int>(l.source));
                }
                std::sort(k.begin(), k.end());
                return k;
            };
            QVERIFY(!labels[i].empty());
            QVERIFY(key(back->front().labels) == key(labels[i]));
        }

        // Only the chosen series, in another format.
        dialog.setFormat(core::ExportFormat::Yahoo);
        dialog.setOutputFolder(test::qs(dir + "/yahoo"));
        dialog.setSelectedSeries({series.back().id});
        QVERIFY(dialog.startExport());
        QVERIFY(exported.wait(20000));
        QCOMPARE(dialog.writtenFiles().size(), series.back().channels);
    }

    void exportFailureIsClear()
    {
        const std::string dir = test::makeTempDir("ui-export-bad");
        const std::string projectPath = createProjectWithDemo(dir);
        test::writeFile(dir + "/file", "x");
        auto project = core::Project::open(projectPath, core::OpenMode::OpenExisting);
        ui::ExportDialog dialog(test::qs(projectPath), *(*project)->listSeries());
        dialog.setOutputFolder(test::qs(dir + "/file/sub"));
        QSignalSpy failed(&dialog, &ui::ExportDialog::exportFailed);
        QVERIFY(dialog.startExport());
        QVERIFY(failed.wait(20000));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("file/sub")),
                 qPrintable(dialog.errorText()));
        // A file where the folder should be is refused before anything runs.
        dialog.setOutputFolder(test::qs(dir + "/file"));
        QVERIFY(!dialog.startExport());
        QVERIFY(dialog.errorText().contains(QStringLiteral("not a folder")));
    }

    void newProjectPathBesideTheData()
    {
        const std::string dir = test::makeTempDir("ui-launch");
        const QString d = test::qs(dir);
        auto at = [&](const char* rel) { return d + QString::fromUtf8(rel); };
        test::writeFile(dir + "/data.csv", "1\n2\n");
        QCOMPARE(ui::newProjectPathFor(at("/data.csv")), at("/data.vigil"));
        test::writeFile(dir + "/data.vigil", "someone's project");
        QCOMPARE(ui::newProjectPathFor(at("/data.csv")), at("/data-2.vigil"));
        test::writeFile(dir + "/data-2.vigil", "");
        QCOMPARE(ui::newProjectPathFor(at("/data.csv")), at("/data-3.vigil"));
        QCOMPARE(test::readFile(dir + "/data.vigil"), std::string("someone's project"));
        // A folder names the project after itself, beside it; a trailing slash changes nothing.
        test::writeFile(dir + "/yahoo/A1/real_1.csv", "1\n");
        QCOMPARE(ui::newProjectPathFor(at("/yahoo/A1/")), at("/yahoo/A1.vigil"));
        // Multi-dot names keep all but the last suffix; relative paths resolve.
        QCOMPARE(ui::newProjectPathFor(at("/x.2024.csv")), at("/x.2024.vigil"));
        QVERIFY(QFileInfo(ui::newProjectPathFor(QStringLiteral("rel.csv"))).isAbsolute());
    }

    void launchArgumentsSplitProjectAndData_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("project");
        QTest::addColumn<bool>("create");
        QTest::addColumn<int>("data");
        QTest::addColumn<bool>("error");
        const QString d = QDir::tempPath();
        auto at = [&](const char* rel) { return d + QString::fromUtf8(rel); };
        QTest::newRow("none") << QStringList{} << QString() << false << 0 << false;
        QTest::newRow("project") << QStringList{at("/a.vigil")} << at("/a.vigil") << false << 0
                                 << false;
        QTest::newRow("upper-case suffix")
            << QStringList{at("/A.VIGIL")} << at("/A.VIGIL") << false << 0 << false;
        QTest::newRow("data only") << QStringList{at("/nosuchdir-vigil/x.csv"), at("/y.csv")}
                                   << at("/nosuchdir-vigil/x.vigil") << true << 2 << false;
        QTest::newRow("new project and data")
            << QStringList{at("/nosuchdir-vigil/n.vigil"), at("/x.csv")}
            << at("/nosuchdir-vigil/n.vigil") << true << 1 << false;
        QTest::newRow("two projects")
            << QStringList{at("/a.vigil"), at("/b.vigil")} << QString() << false << 0 << true;
    }

    void launchArgumentsSplitProjectAndData()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, project);
        QFETCH(bool, create);
        QFETCH(int, data);
        QFETCH(bool, error);
        const ui::LaunchRequest r = ui::parseLaunchArguments(args);
        QCOMPARE(!r.error.isEmpty(), error);
        if (error) {
            return;
        }
        QCOMPARE(r.project, project);
        QCOMPARE(r.createProject, create);
        QCOMPARE(r.data.size(), data);
    }

    void mainWindowImportsDataIntoNewProject()
    {
        // `vigil data.csv`: the wizard opens on the file; the import creates the project and the
        // window opens it.
        const std::string dir = test::makeTempDir("ui-main-import");
        test::writeFile(dir + "/meter.csv", goodCsv(300));
        const ui::LaunchRequest request = ui::parseLaunchArguments({test::qs(dir + "/meter.csv")});
        QVERIFY(request.createProject);
        ui::MainWindow window;
        window.show();
        ui::ImportWizard* wizard = window.importData(request.data, request.project);
        QVERIFY(wizard != nullptr);
        QCOMPARE(wizard->currentId(), int(ui::ImportWizard::PreviewPageId));
        QTRY_VERIFY(wizard->currentPage()->isComplete());
        QVERIFY(!QFileInfo::exists(request.project)); // nothing written before Import
        QSignalSpy imported(wizard, &ui::ImportWizard::imported);
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        wizard->next();
        QVERIFY(imported.wait(20000));
        QVERIFY(QFileInfo::exists(request.project));
        auto* list = window.findChild<QTreeView*>(QStringLiteral("seriesView"));
        QVERIFY(list != nullptr);
        QCOMPARE(list->model()->rowCount(), 1);
        QVERIFY(window.windowTitle().contains(QStringLiteral("meter.vigil")));
        QVERIFY(ui::recentProjects().contains(QFileInfo(request.project).absoluteFilePath()));
        QVERIFY(idle.wait(10000) || window.isIdle());
        wizard->accept(); // Finish

        // A second import into the open project refreshes the list in place.
        test::writeFile(dir + "/meter2.csv", goodCsv(100));
        ui::ImportWizard* second = window.importData({test::qs(dir + "/meter2.csv")});
        QVERIFY(second != nullptr);
        QCOMPARE(second->projectPath(), request.project);
        QVERIFY(!second->createsProject());
        QTRY_VERIFY(second->currentPage()->isComplete());
        QSignalSpy imported2(second, &ui::ImportWizard::imported);
        second->next();
        QVERIFY(imported2.wait(20000));
        QCOMPARE(list->model()->rowCount(), 2);
        QCOMPARE(list->currentIndex().row(), 0); // the shown series stays shown
        QVERIFY(!list->currentIndex().parent().isValid());
        second->accept();
    }

    void fileMenuHasItsActions()
    {
        ui::MainWindow window;
        const QList<QAction*> menus = window.menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        QCOMPARE(menus.front()->text(), QStringLiteral("&File"));
        auto shortcut = [&](const char* name) {
            auto* a = window.findChild<QAction*>(QLatin1String(name));
            return a != nullptr ? a->shortcut() : QKeySequence();
        };
        QCOMPARE(shortcut("fileOpenProject"), QKeySequence(Qt::CTRL | Qt::Key_O));
        QCOMPARE(shortcut("fileImportData"), QKeySequence(Qt::CTRL | Qt::Key_I));
        QCOMPARE(shortcut("fileQuit"), QKeySequence(Qt::CTRL | Qt::Key_Q));
        QCOMPARE(shortcut("fileNewProject"), QKeySequence(Qt::CTRL | Qt::Key_N));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("fileNewProject")) != nullptr);
        auto* exportAction = window.findChild<QAction*>(QStringLiteral("fileExport"));
        QVERIFY(exportAction != nullptr);
        QVERIFY(!exportAction->isEnabled()); // nothing to export without a project
        QVERIFY(window.exportData() == nullptr);
    }
};

QTEST_MAIN(TestImport)
#include "tst_import.moc"
