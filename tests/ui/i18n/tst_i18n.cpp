// SPDX-License-Identifier: MIT
// Translations: the language choice (setting, --lang, system), the German main window, English
// plural forms, and the German .ts file keeping placeholders and accelerators.
#include "core_text.h"
#include "docks/queue_dock.h"
#include "i18n.h"
#include "main_window.h"
#include "models/detection_table_model.h"
#include "models/query_table_model.h"
#include "plot/series_chart.h"
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/phrases.h"
#include "vigil/project.h"
#include "workers/job_runner.h"

#include <QAbstractItemModelTester>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>
#include <QXmlStreamReader>
#include <QtTest>

#include <sqlite3.h>

#include <map>

using namespace vigil;
namespace i18n = vigil::ui::i18n;

namespace {

QStringList titles(const QList<QAction*>& actions)
{
    QStringList out;
    for (const QAction* a : actions) {
        if (!a->isSeparator()) {
            out << a->text();
        }
    }
    return out;
}

/// The accelerator key of a text ("&Bearbeiten" -> 'b'), or a null QChar.
QChar accelerator(const QString& text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == QLatin1Char('&')) {
            if (text[i + 1] == QLatin1Char('&')) {
                ++i; // "&&" is a literal ampersand
                continue;
            }
            return text[i + 1].toLower();
        }
    }
    return {};
}

/// Fails the test when two entries of `menu` (or of one of its submenus) share an accelerator.
void checkAccelerators(const QString& where, const QList<QAction*>& actions)
{
    std::map<QChar, QString> seen;
    for (const QAction* a : actions) {
        if (a->isSeparator()) {
            continue;
        }
        const QChar key = accelerator(a->text());
        if (!key.isNull()) {
            const auto [it, fresh] = seen.emplace(key, a->text());
            QVERIFY2(fresh, qPrintable(QStringLiteral("%1: \"%2\" and \"%3\" share &%4")
                                           .arg(where, it->second, a->text(), QString(key))));
        }
        if (a->menu() != nullptr) {
            checkAccelerators(a->text(), a->menu()->actions());
        }
    }
}

/// The placeholders of a text, without the L of %L1: "%L2 of %1" -> {"%1", "%2"}.
QStringList placeholders(const QString& text)
{
    static const QRegularExpression re(QStringLiteral("%L?(\\d+|n)"));
    QStringList out;
    for (const auto& m : re.globalMatch(text)) {
        out << QLatin1Char('%') + m.captured(1);
    }
    out.sort();
    return out;
}

} // namespace

class TestI18n : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // The language setting goes to a scratch folder, never the user's own settings.
        m_settingsDir = test::makeTempDir("i18n-settings");
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                           QString::fromStdString(m_settingsDir));
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_i18n"));
    }

    void cleanup()
    {
        QSettings().remove(QLatin1String(i18n::kLanguageKey));
        i18n::installTranslators(QStringLiteral("en"));
    }

    void choosesLanguage()
    {
        QCOMPARE(i18n::resolveLanguage(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(i18n::resolveLanguage(QStringLiteral("en")), QStringLiteral("en"));
        // "system" and anything unknown follow the system locale, which is English or German
        // here: the two languages Vigil has.
        const QString system = i18n::resolveLanguage(QStringLiteral("system"));
        QVERIFY(system == QLatin1String("en") || system == QLatin1String("de"));
        QCOMPARE(i18n::resolveLanguage(QStringLiteral("xx")), system);
        QVERIFY(i18n::isKnownLanguage(QStringLiteral("system")));
        QVERIFY(i18n::isKnownLanguage(QStringLiteral("de")));
        QVERIFY(!i18n::isKnownLanguage(QStringLiteral("fr")));
        QCOMPARE(i18n::languageChoices().size(), std::size_t(3));
        QCOMPARE(i18n::languageChoices().front().code, QStringLiteral("system"));

        const QString app = QStringLiteral("vigil");
        QCOMPARE(i18n::languageFromArguments({app, QStringLiteral("--lang"), QStringLiteral("de"),
                                              QStringLiteral("p.vigil")}),
                 QStringLiteral("de"));
        QCOMPARE(i18n::languageFromArguments({app, QStringLiteral("--lang=en")}),
                 QStringLiteral("en"));
        QCOMPARE(i18n::languageFromArguments({app, QStringLiteral("p.vigil")}), QString());
        QCOMPARE(i18n::languageFromArguments(
                     {app, QStringLiteral("--"), QStringLiteral("--lang"), QStringLiteral("de")}),
                 QString());
    }

    void settingChoosesLanguage()
    {
        QSettings().setValue(QLatin1String(i18n::kLanguageKey), QStringLiteral("de"));
        QCOMPARE(i18n::installTranslators(), QStringLiteral("de"));
        QCOMPARE(ui::QueryTableModel::statusText(core::QueryStatus::Skipped),
                 QStringLiteral("übersprungen"));
        // An explicit choice (--lang) wins over the setting.
        QCOMPARE(i18n::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(ui::QueryTableModel::statusText(core::QueryStatus::Skipped),
                 QStringLiteral("skipped"));
    }

    void germanMainWindow()
    {
        QCOMPARE(i18n::installTranslators(QStringLiteral("de")), QStringLiteral("de"));
        QCOMPARE(QLocale().language(), QLocale::German);
        ui::MainWindow window;
        QCOMPARE(titles(window.menuBar()->actions()),
                 QStringList({QStringLiteral("&Datei"), QStringLiteral("&Bearbeiten"),
                              QStringLiteral("Dia&gramm"), QStringLiteral("&Modell"),
                              QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")}));
        checkAccelerators(QStringLiteral("menu bar"), window.menuBar()->actions());
        QStringList docks;
        for (const QDockWidget* d : window.findChildren<QDockWidget*>()) {
            docks << d->windowTitle();
        }
        docks.sort();
        QCOMPARE(docks, QStringList({QStringLiteral("Erkennungen"), QStringLiteral("Erklärung"),
                                     QStringLiteral("Training"), QStringLiteral("Vorschläge"),
                                     QStringLiteral("Warteschlange"),
                                     QStringLiteral("Zeitreihen")}));
        auto* queueModel = window.queueDock()->findChild<ui::QueryTableModel*>();
        QVERIFY(queueModel != nullptr);
        QCOMPARE(
            queueModel->headerData(ui::QueryTableModel::ReasonColumn, Qt::Horizontal).toString(),
            QStringLiteral("Grund"));

        // A label edit: the undo action names it in German.
        const std::string dir = test::makeTempDir("i18n-window");
        const std::string path = dir + "/demo.vigil";
        {
            auto project = core::Project::open(path);
            QVERIFY(project.ok());
            QVERIFY((*project)->addSeries(core::makeDemoSeries()).ok());
        }
        QSignalSpy idle(&window, &ui::MainWindow::idle);
        QVERIFY(window.openProject(test::qs(path)));
        QVERIFY(idle.wait(10000));
        // The queue fills itself on opening: core's reasons and note read in German too.
        QTRY_VERIFY_WITH_TIMEOUT(queueModel->rowCount() > 0, 10000);
        for (int row = 0; row < queueModel->rowCount(); ++row) {
            const QString reason =
                queueModel->index(row, ui::QueryTableModel::ReasonColumn).data().toString();
            QVERIFY2(reason.contains(QStringLiteral("Residuum")) &&
                         !reason.contains(QStringLiteral("residual")),
                     qPrintable(reason));
        }
        QStringList notes;
        for (const QLabel* l : window.queueDock()->findChildren<QLabel*>()) {
            notes << l->text();
        }
        QVERIFY2(notes.join(QLatin1Char('\n')).contains(QStringLiteral("noch kein Modell")),
                 qPrintable(notes.join(QLatin1Char('|'))));
        QAction* undo = nullptr;
        QMenu* edit = nullptr;
        for (QAction* m : window.menuBar()->actions()) {
            if (m->text() == QStringLiteral("&Bearbeiten")) {
                edit = m->menu();
            }
        }
        QVERIFY(edit != nullptr);
        for (QAction* a : edit->actions()) {
            if (a->text().startsWith(QStringLiteral("&Rückgängig"))) {
                undo = a;
            }
        }
        QVERIFY(undo != nullptr);
        QVERIFY(!undo->isEnabled());
        core::Label label;
        label.seriesId = window.chart()->seriesId();
        label.begin = 10;
        label.end = 20;
        label.channel = core::kAllChannels;
        label.classId = core::kClassAnomaly;
        label.source = core::LabelSource::Human;
        label.confidence = 1.0;
        Q_EMIT window.chart()->labelRequested(label);
        QCOMPARE(window.undoStack()->count(), 1);
        QVERIFY(undo->isEnabled());
        QCOMPARE(undo->text(),
                 QStringLiteral("&Rückgängig: Zeilen 10–19 als Anomalie kennzeichnen"));
        window.undoStack()->undo();
        QCOMPARE(undo->text(), QStringLiteral("&Rückgängig"));
    }

    // Core's sentences (vigil/phrases.h) found in its English text and put into German, with
    // their arguments in German number format; text no pattern covers stays as it is.
    void coreSentencesInGerman()
    {
        const std::string reason = core::phrases::fill(core::phrases::kNoModelDiversity) + " " +
                                   core::phrases::fill(core::phrases::kResidual, {"6.8"}) +
                                   core::phrases::kAnd +
                                   core::phrases::fill(core::phrases::kUndecidedP, {"0.45"}) +
                                   "; " + core::phrases::kUnlike;
        QCOMPARE(ui::coreText(reason), QString::fromStdString(reason)); // English: untouched
        i18n::installTranslators(QStringLiteral("de"));
        QCOMPARE(ui::coreText(reason),
                 QStringLiteral("noch kein Modell, daher nach Residuum und Vielfalt: Residuum "
                                "6,8σ: der Wert springt von seinem jüngsten Median weg, und der "
                                "Detektor ist hier unentschieden (p 0,45); anders als alles "
                                "bisher Gekennzeichnete oder Gefragte"));
        QCOMPARE(ui::coreText(core::phrases::fill(core::phrases::kStopHere,
                                                  {"3", "0.01", "0.812", "0.815"})),
                 QStringLiteral("die letzten 3 Kennzeichnungsrunden haben das geschätzte F1 um "
                                "weniger als 0,01 verändert (0,812 → 0,815): Weitere "
                                "Kennzeichnungen helfen nicht mehr; hören Sie hier auf oder "
                                "kennzeichnen Sie eine andere Art von Ereignis"));
        QCOMPARE(ui::coreText(core::phrases::fill(core::phrases::kEstimateTrend,
                                                  {"0.700", "1200", "-0.012"})),
                 QStringLiteral("geschätztes F1 0,700 auf 1200 gekennzeichneten Punkten (-0,012 "
                                "seit der vorigen Runde); weitere Kennzeichnungen helfen noch"));
        // The longer of two patterns that share a beginning is taken whole.
        QCOMPARE(ui::coreText(std::string(core::phrases::kNoModelQueriesDiversity)),
                 QStringLiteral("noch kein Modell: die Anfragen kommen aus dem Residuum zum "
                                "gleitenden Median und der Vielfalt"));
        // The built-in analyst's reason for a term: a family, then why; a feature name with
        // brackets is one argument.
        const std::string why =
            std::string(core::phrases::kLevelShifts) + ": " +
            core::phrases::fill(core::phrases::kSeparatesFromUnlabelled,
                                {"abs(slope)", "300", "3945", "0.682", "0.933", "0.707"});
        QCOMPARE(ui::coreText(why),
                 QStringLiteral("Niveauverschiebungen (das letzte Drittel des Fensters hat sich "
                                "vom Rest entfernt): abs(slope) trennt die 300 als anomal "
                                "gekennzeichneten Fenster von den 3945 nicht gekennzeichneten "
                                "(noch keine normalen Kennzeichnungen) (AUC 0,682; Median 0,933 "
                                "gegenüber 0,707)."));
        // An import error keeps its place (file, line, column) and its cell, also one with a
        // space in it at the sentence's end (the rest of the text follows the first word).
        QCOMPARE(ui::coreText("data.csv:3:2: " +
                              core::phrases::fill(core::phrases::kExpectedNumber, {"\"abc\""})),
                 QStringLiteral("data.csv:3:2: Zahl erwartet, gefunden: \"abc\""));
        const std::string spaced =
            "data.csv:3:2: " + core::phrases::fill(core::phrases::kExpectedNumber, {"\"a b\""});
        QCOMPARE(ui::coreText(spaced),
                 QStringLiteral("data.csv:3:2: Zahl erwartet, gefunden: \"a b\""));
        // Inside a sentence, an argument with a space leaves that sentence English.
        const std::string inside = core::phrases::fill(core::phrases::kInfiniteValue, {"\"in f\""});
        QCOMPARE(ui::coreText(inside), QString::fromStdString(inside));
        // An LLM endpoint's failure: the URL (colons and all) is the argument, Qt's or the
        // server's words after the colon stay as they were.
        QCOMPARE(ui::coreText(core::phrases::fill(core::phrases::kLlmCannotReach,
                                                  {"http://127.0.0.1:9/v1/chat/completions"}) +
                              " Connection refused"),
                 QStringLiteral("http://127.0.0.1:9/v1/chat/completions ist nicht erreichbar: "
                                "Connection refused"));
        QCOMPARE(ui::coreText(core::phrases::fill(core::phrases::kLlmNoReply,
                                                  {"http://h:8080/v1/models", "30"})),
                 QStringLiteral("keine Antwort von http://h:8080/v1/models innerhalb von 30 s"));
        const std::string error = "could not read residual.csv: line 3";
        QCOMPARE(ui::coreText(error), QString::fromStdString(error));
        // Every pattern is found in its own English text, arguments and all.
        for (const char* pattern : core::phrases::kAll) {
            const std::string english =
                core::phrases::fill(pattern, {"1.5", "42", "+0.25", "0.75", "z_max", "-3"});
            const QString german = ui::coreText(english);
            QVERIFY2(german != QString::fromStdString(english), pattern);
            const QString source = QString::fromUtf8(pattern);
            const std::pair<const char*, const char*> arguments[] = {
                {"%1", "1,5"},  {"%2", "42"},    {"%3", "+0,25"},
                {"%4", "0,75"}, {"%5", "z_max"}, {"%6", "-3"}};
            for (const auto& [placeholder, shown] : arguments) {
                if (source.contains(QLatin1String(placeholder))) {
                    QVERIFY2(german.contains(QLatin1String(shown)),
                             qPrintable(german + QStringLiteral(" lacks ") + QLatin1String(shown)));
                }
            }
        }
    }

    // Why a project does not open, in German: the path stays, the sentence is translated, and
    // a quoted SQLite message stays English.
    void projectErrorsInGerman()
    {
        i18n::installTranslators(QStringLiteral("de"));
        const std::string dir = test::makeTempDir("i18n-open");
        const std::string text = dir + "/notes.vigil";
        {
            QFile f(QString::fromStdString(text));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("this is not a database, only a note that ends in .vigil\n");
        }
        auto notProject = core::Project::open(text, core::OpenMode::OpenExisting);
        QVERIFY(!notProject);
        const QString german = ui::coreText(notProject.error().message);
        QVERIFY2(german.startsWith(QString::fromStdString(text) +
                                   QStringLiteral(" ist kein Vigil-Projekt (keine "
                                                  "SQLite-Datenbank: ")),
                 qPrintable(german));
        auto folder = core::Project::open(dir, core::OpenMode::OpenExisting);
        QVERIFY(!folder);
        QCOMPARE(ui::coreText(folder.error().message),
                 QString::fromStdString(dir) +
                     QStringLiteral(" ist ein Ordner, keine Vigil-Projektdatei"));
        auto missing = core::Project::open(dir + "/none.vigil", core::OpenMode::OpenExisting);
        QVERIFY(!missing);
        QCOMPARE(ui::coreText(missing.error().message),
                 QString::fromStdString(dir) +
                     QStringLiteral("/none.vigil: Projektdatei nicht gefunden"));
        // A label outside its series (another program edited the file): the count is an argument.
        const std::string edited = dir + "/edited.vigil";
        {
            auto p = core::Project::open(edited);
            QVERIFY(p);
            core::ImportedSeries one;
            one.series.name = "pump";
            one.series.channelNames = {"v"};
            one.series.values = Eigen::MatrixXd::Zero(10, 1);
            auto ids = (*p)->addSeries({one});
            QVERIFY(ids);
            core::Label l;
            l.seriesId = ids->front();
            l.begin = 2;
            l.end = 4;
            l.classId = core::kClassAnomaly;
            QVERIFY((*p)->assignLabel(l));
        }
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(edited.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db, "UPDATE labels SET end_row = 99", nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        auto unfit = core::Project::open(edited, core::OpenMode::OpenExisting);
        QVERIFY(!unfit);
        const QString unfitGerman = ui::coreText(unfit.error().message);
        QVERIFY2(unfitGerman.contains(
                     QStringLiteral(" ist beschädigt: 1 seiner Kennzeichnungen sind ungültig")),
                 qPrintable(unfitGerman));
        QVERIFY2(unfitGerman.contains(QStringLiteral("Öffnen Sie eine Sicherungskopie")),
                 qPrintable(unfitGerman));
        // A worker's error reaches the docks in German (JobRunner translates what it reports).
        ui::JobRunner runner(QStringLiteral("i18n-job"));
        QSignalSpy failed(&runner, &ui::JobRunner::failed);
        QVERIFY(runner.start([text](const core::ProgressSink&, const core::CancelToken&) {
            ui::JobOutcome out;
            out.error = QString::fromStdString(
                core::Project::open(text, core::OpenMode::OpenExisting).error().message);
            return out;
        }));
        QVERIFY(failed.wait(10000));
        QVERIFY2(
            failed.front().front().toString().contains(QStringLiteral("ist kein Vigil-Projekt")),
            qPrintable(failed.front().front().toString()));
        // The window's status bar says it in German too.
        ui::MainWindow window;
        QVERIFY(!window.openProject(QString::fromStdString(text)));
        QVERIFY2(
            window.statusBar()->currentMessage().contains(QStringLiteral("ist kein Vigil-Projekt")),
            qPrintable(window.statusBar()->currentMessage()));
    }

    void germanNumbersAndPlurals()
    {
        i18n::installTranslators(QStringLiteral("de"));
        ui::Detection one;
        one.begin = 4;
        one.end = 5;
        ui::Detection many = one;
        many.end = 16;
        QCOMPARE(ui::DetectionTableModel::durationText(one), QStringLiteral("1 Punkt"));
        QCOMPARE(ui::DetectionTableModel::durationText(many), QStringLiteral("12 Punkte"));
        ui::DetectionTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ui::DetectionScan scan;
        many.peak = 0.9;
        scan.detections = {many};
        model.setScan(scan);
        QCOMPARE(model.index(0, ui::DetectionTableModel::PeakColumn).data().toString(),
                 QStringLiteral("0,900")); // decimal comma
        QCOMPARE(model.headerData(ui::DetectionTableModel::PeakColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Spitze"));
    }

    void englishPluralsAndMenus()
    {
        QCOMPARE(i18n::installTranslators(QStringLiteral("en")), QStringLiteral("en"));
        ui::Detection d;
        d.begin = 0;
        d.end = 1;
        QCOMPARE(ui::DetectionTableModel::durationText(d), QStringLiteral("1 point"));
        d.end = 2;
        QCOMPARE(ui::DetectionTableModel::durationText(d), QStringLiteral("2 points"));
        d.dates = true; // on a time axis: from the first row's time to the last one's
        d.xBegin = 1.7e9;
        d.xEnd = d.xBegin + 600.0;
        QCOMPARE(ui::DetectionTableModel::durationText(d), QStringLiteral("10 min"));
        d.end = 1; // one row has no duration of its own
        d.xEnd = d.xBegin;
        QCOMPARE(ui::DetectionTableModel::durationText(d), QStringLiteral("1 point"));
        ui::MainWindow window;
        QCOMPARE(titles(window.menuBar()->actions()),
                 QStringList({QStringLiteral("&File"), QStringLiteral("&Edit"),
                              QStringLiteral("&Chart"), QStringLiteral("&Model"),
                              QStringLiteral("&View"), QStringLiteral("&Help")}));
        checkAccelerators(QStringLiteral("menu bar"), window.menuBar()->actions());
    }

    void qtOwnTranslationsWhenInstalled()
    {
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        if (!QFile::exists(qtDir + QStringLiteral("/qtbase_de.qm"))) {
            QSKIP("qtbase_de.qm is not installed (Debian package qt6-translations-l10n)");
        }
        i18n::installTranslators(QStringLiteral("de"));
        // The standard button texts of Qt's dialogs.
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"),
                 QStringLiteral("Abbrechen"));
        i18n::installTranslators(QStringLiteral("en"));
        QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
    }

    void germanKeepsPlaceholdersAndAccelerators()
    {
        QFile file(QStringLiteral(VIGIL_TS_DE));
        QVERIFY2(file.open(QIODevice::ReadOnly), VIGIL_TS_DE);
        QXmlStreamReader xml(&file);
        QString context;
        QString source;
        QStringList forms; // the translation, or its plural forms
        bool finished = true;
        bool numerus = false;
        int messages = 0;
        auto check = [&] {
            const QString where = context + QStringLiteral(": ") + source;
            QVERIFY2(finished, qPrintable(where + QStringLiteral(" is not finished")));
            QVERIFY2(!forms.isEmpty(), qPrintable(where + QStringLiteral(" has no translation")));
            for (const QString& t : forms) {
                QVERIFY2(!t.isEmpty(), qPrintable(where + QStringLiteral(" is empty")));
                QVERIFY2(placeholders(t) == placeholders(source),
                         qPrintable(where + QStringLiteral(" -> ") + t +
                                    QStringLiteral(": placeholders differ")));
                QVERIFY2(accelerator(t).isNull() == accelerator(source).isNull(),
                         qPrintable(where + QStringLiteral(" -> ") + t +
                                    QStringLiteral(": accelerator added or lost")));
            }
        };
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                const auto name = xml.name();
                if (name == QLatin1String("name")) {
                    context = xml.readElementText();
                } else if (name == QLatin1String("message")) {
                    source.clear();
                    forms.clear();
                    finished = true;
                    numerus =
                        xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
                } else if (name == QLatin1String("source")) {
                    source = xml.readElementText();
                } else if (name == QLatin1String("translation")) {
                    finished = xml.attributes().value(QLatin1String("type")).isEmpty();
                    if (!numerus) {
                        forms << xml.readElementText();
                    }
                } else if (name == QLatin1String("numerusform")) {
                    forms << xml.readElementText();
                }
            } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
                check();
                if (QTest::currentTestFailed()) {
                    return;
                }
                ++messages;
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(messages > 100);
    }

private:
    std::string m_settingsDir;
};

QTEST_MAIN(TestI18n)
#include "tst_i18n.moc"
