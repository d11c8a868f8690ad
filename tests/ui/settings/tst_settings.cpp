// SPDX-License-Identifier: MIT
// Settings, key remapping, palette and the shortcut sheet: a remapped key triggers its action
// on the chart and in the queue (and the old key no longer does), clashes are shown and block
// saving, the sheet shows the current keys, the API key never reaches the project file, the
// palette recolours the chart at once (and the colour-blind one survives simulated colour
// blindness), and "Test connection" talks to a local fake server on a worker thread.
#include "dialogs/settings_dialog.h"
#include "dialogs/shortcut_sheet.h"
#include "docks/queue_dock.h"
#include "llm_settings.h"
#include "main_window.h"
#include "models/query_table_model.h"
#include "models/shortcut_model.h"
#include "plot/chart_series.h"
#include "plot/label_style.h"
#include "plot/overview_strip.h"
#include "plot/palette.h"
#include "plot/series_chart.h"
#include "shortcuts.h"
#include "test_util.h"
#include "vigil/active_learning.h"
#include "vigil/demo.h"
#include "vigil/project.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThreadPool>
#include <QTreeView>
#include <QTreeWidget>
#include <QtTest>
#include <qcustomplot.h>

#include <array>
#include <cmath>
#include <memory>

using namespace vigil;

namespace {

std::unique_ptr<core::Project> openFile(const std::string& path)
{
    auto p = core::Project::open(path, core::OpenMode::OpenExisting);
    return p ? std::move(p).value() : nullptr;
}

/// The demo project, with a fake scored model (so the chart shows a score) and, when asked,
/// a labelled anomaly and a few queries.
std::string makeProject(const char* tag, bool withQueries = false)
{
    const std::string path = test::makeTempDir(tag) + "/demo.vigil";
    {
        auto project = core::Project::open(path);
        if (!project || !(*project)->addSeries(core::makeDemoSeries())) {
            return {};
        }
    }
    auto project = openFile(path);
    if (!project) {
        return {};
    }
    auto series = project->listSeries();
    if (!series || series->empty()) {
        return {};
    }
    const auto& s = (*series)[0];
    auto version = project->addModel("default", "{}", {}, "{\"in_sample_f1\":0.5}");
    std::vector<double> scores(static_cast<size_t>(s.length), 0.1);
    for (std::int64_t t = 3000; t < 3050 && t < s.length; ++t) {
        scores[static_cast<size_t>(t)] = 0.9;
    }
    if (!version || !project->saveScores(*version, s.id, scores)) {
        return {};
    }
    core::Label label;
    label.seriesId = s.id;
    label.begin = 3000;
    label.end = 3050;
    label.classId = core::kClassAnomaly;
    label.source = core::LabelSource::Human;
    if (!project->assignLabel(label)) {
        return {};
    }
    if (withQueries) {
        core::ProjectQueryOptions options;
        options.k = 6;
        auto queries = core::computeProjectQueries(*project, options);
        if (!queries || queries->queries.size() < 4) {
            return {};
        }
    }
    return path;
}

class WindowFixture
{
public:
    explicit WindowFixture(const std::string& projectPath)
        : path(projectPath)
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

    /// Opens Settings through its menu action's key (Ctrl+,).
    ui::SettingsDialog* openSettings()
    {
        QTest::keyClick(chart->plot(), Qt::Key_Comma, Qt::ControlModifier);
        auto* dialog = window.findChild<ui::SettingsDialog*>();
        return dialog != nullptr && dialog->isVisible() ? dialog : nullptr;
    }

    std::string path;
    ui::MainWindow window;
    ui::SeriesChart* chart = nullptr;
    bool ok = false;
};

/// A tests-only OpenAI-compatible server on 127.0.0.1: GET /models lists two models; it can
/// also never answer (Stall). Runs on the test's (GUI) thread, so it only answers while that
/// thread's event loop runs.
class FakeModelServer
{
public:
    enum class Mode { Good, Stall };

    explicit FakeModelServer(Mode mode = Mode::Good)
        : m_mode(mode)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] { accept(); });
        listening = m_server.listen(QHostAddress::LocalHost, 0);
    }
    ~FakeModelServer()
    {
        for (QTcpSocket* s : m_sockets) {
            s->abort();
            delete s;
        }
    }

    QString baseUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort());
    }

    bool listening = false;
    QStringList requests;     ///< request lines, e.g. "GET /v1/models HTTP/1.1"
    QByteArray authorization; ///< the last Authorization header

private:
    void accept()
    {
        while (QTcpSocket* s = m_server.nextPendingConnection()) {
            m_sockets.push_back(s);
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(s, &QTcpSocket::readyRead, [this, s, buffer] {
                *buffer += s->readAll();
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0) {
                    return;
                }
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                requests << QString::fromLatin1(lines.value(0).trimmed());
                for (const QByteArray& line : lines) {
                    if (line.toLower().startsWith("authorization:")) {
                        authorization = line.mid(line.indexOf(':') + 1).trimmed();
                    }
                }
                buffer->clear();
                if (m_mode == Mode::Stall) {
                    return; // never answers
                }
                const QByteArray body =
                    R"({"object":"list","data":[{"id":"test-model"},{"id":"other-model"}]})";
                const QByteArray reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                         "Content-Length: " +
                                         QByteArray::number(body.size()) +
                                         "\r\nConnection: close\r\n\r\n" + body;
                s->write(reply);
                s->disconnectFromHost();
            });
        }
    }

    Mode m_mode;
    QTcpServer m_server;
    std::vector<QTcpSocket*> m_sockets;
};

/// A port nothing listens on (bound, then released).
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        return 1;
    }
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// --- colour-blindness simulation (Machado, Oliveira & Fernandes 2009, severity 1) ---

using Mat3 = std::array<std::array<double, 3>, 3>;
constexpr Mat3 kProtan = {{{0.152286, 1.052583, -0.204868},
                           {0.114503, 0.786281, 0.099216},
                           {-0.003882, -0.048116, 1.051998}}};
constexpr Mat3 kDeutan = {{{0.367322, 0.860646, -0.227968},
                           {0.280085, 0.672501, 0.047413},
                           {-0.011820, 0.042940, 0.968881}}};
constexpr Mat3 kTritan = {{{1.255528, -0.076749, -0.178779},
                           {-0.078411, 0.930809, 0.147602},
                           {0.004733, 0.691367, 0.303900}}};
constexpr Mat3 kNormal = {{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}};

std::array<double, 3> simulatedLab(const QColor& c, const Mat3& m)
{
    auto lin = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const std::array<double, 3> rgb = {lin(c.redF()), lin(c.greenF()), lin(c.blueF())};
    std::array<double, 3> s{};
    for (int i = 0; i < 3; ++i) {
        double v = 0;
        for (int j = 0; j < 3; ++j) {
            v += m[static_cast<size_t>(i)][static_cast<size_t>(j)] * rgb[static_cast<size_t>(j)];
        }
        s[static_cast<size_t>(i)] = std::clamp(v, 0.0, 1.0);
    }
    const double x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
    const double y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
    const double z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
    auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
    return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

/// The smallest CIELAB distance between any two of `colours` under any of the simulations.
double worstDistance(const QList<QColor>& colours)
{
    double worst = 1e9;
    for (const Mat3* m : {&kNormal, &kProtan, &kDeutan, &kTritan}) {
        for (qsizetype i = 0; i < colours.size(); ++i) {
            for (qsizetype j = i + 1; j < colours.size(); ++j) {
                const auto a = simulatedLab(colours[i], *m);
                const auto b = simulatedLab(colours[j], *m);
                worst = std::min(worst, std::hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]));
            }
        }
    }
    return worst;
}

QString fileBytesOf(const std::string& path)
{
    // The project is SQLite in WAL mode: recent writes may still sit in the -wal file.
    return QString::fromLatin1(
        QByteArray::fromStdString(test::readFile(path) + test::readFile(path + "-wal")));
}

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Keep every QSettings write of this binary in a temporary directory.
        const QString dir = test::qs(test::makeTempDir("settings-qsettings"));
        QCoreApplication::setOrganizationName(QStringLiteral("VigilTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_settings"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
        qunsetenv("VIGIL_LLM_API_KEY");
    }

    void init()
    {
        QSettings().clear();
        ui::Shortcuts::instance().reload();
        ui::Palette::instance().reload();
    }

    void registryIsConsistent()
    {
        const ui::Shortcuts& keys = ui::Shortcuts::instance();
        QSet<QString> ids;
        for (const ui::ShortcutDef& def : keys.definitions()) {
            QVERIFY2(!ids.contains(def.id), qPrintable(def.id));
            ids.insert(def.id);
            QVERIFY(!ui::Shortcuts::description(def).isEmpty());
            QVERIFY(!ui::Shortcuts::categoryName(def).isEmpty());
            QVERIFY(!def.defaultKey.isEmpty());
            QCOMPARE(keys.key(def.id), def.defaultKey);
        }
        // Everything UX.md names that the app implements.
        for (const char* id :
             {"chart.mode.label", "chart.mode.explore", "chart.class.1", "chart.class.9",
              "queue.anomalous", "queue.normal", "queue.skip", "queue.next", "queue.previous",
              "chart.fit", "model.retrain", "help.shortcuts", "edit.undo", "edit.redo"}) {
            QVERIFY2(ids.contains(QLatin1String(id)), id);
        }
        QCOMPARE(keys.key(QStringLiteral("help.shortcuts")), QKeySequence(Qt::Key_Question));
        // The defaults share keys only where scopes keep them apart (A in queue and detections).
        QVERIFY(keys.conflicts().isEmpty());
        QCOMPARE(ui::Shortcuts::keyText(QKeySequence(Qt::SHIFT | Qt::Key_Left)),
                 QStringLiteral("Shift+←"));
        // A reserved key saved before it was refused gives way to the default when read (kept,
        // it would block saving any setting until found).
        QSettings().setValue(QStringLiteral("keys/chart.fit"), QStringLiteral("Space"));
        QSettings().setValue(QStringLiteral("keys/queue.next"), QStringLiteral("."));
        ui::Shortcuts::instance().reload();
        QCOMPARE(keys.key(QStringLiteral("chart.fit")), QKeySequence(Qt::Key_Home));
        QCOMPARE(keys.key(QStringLiteral("queue.next")), QKeySequence(Qt::Key_Period));
        QSettings().remove(QStringLiteral("keys"));
        ui::Shortcuts::instance().reload();
        QVERIFY(keys.conflicts().isEmpty());
    }

    void remappedChartKeyTriggersActionAndOldKeyDoesNot()
    {
        WindowFixture f(makeProject("settings-chart-keys"));
        QVERIFY(f.ok);
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        ui::SettingsDialog* dialog = f.openSettings();
        QVERIFY(dialog != nullptr);
        dialog->showPage(ui::SettingsDialog::KeysPage);
        ui::ShortcutModel* model = dialog->shortcutModel();

        // Through the key editor, as a keyboard user does it: the row is current (its Action
        // cell, where the arrow keys leave it), F2 edits its key, then J.
        QTreeView* view = dialog->shortcutView();
        const QModelIndex cell =
            model->indexOf(QStringLiteral("chart.mode.label"), ui::ShortcutModel::KeyColumn);
        QVERIFY(cell.isValid());
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        view->setFocus();
        view->setCurrentIndex(cell.siblingAtColumn(ui::ShortcutModel::ActionColumn));
        QTRY_COMPARE(view->currentIndex(), cell);
        QTest::keyClick(view, Qt::Key_F2);
        auto* editor = view->findChild<QKeySequenceEdit*>(QStringLiteral("keyEditor"));
        QVERIFY(editor != nullptr);
        QTest::keyClick(editor, Qt::Key_J);
        QCOMPARE(model->pendingKey(QStringLiteral("chart.mode.label")), QKeySequence(Qt::Key_J));
        QTRY_VERIFY(view->findChild<QKeySequenceEdit*>(QStringLiteral("keyEditor")) == nullptr);
        QCOMPARE(cell.data().toString(), QStringLiteral("J"));
        // Not applied yet: L still switches to Label mode.
        QCOMPARE(ui::Shortcuts::instance().key(QStringLiteral("chart.mode.label")),
                 QKeySequence(Qt::Key_L));

        QVERIFY(model->setPendingKey(QStringLiteral("chart.class.2"), QKeySequence(Qt::Key_0)));
        auto* box = dialog->findChild<QDialogButtonBox*>();
        QVERIFY(box != nullptr);
        QTest::mouseClick(box->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY(f.window.findChild<ui::SettingsDialog*>() == nullptr); // closed and deleted
        QCOMPARE(QSettings().value(QStringLiteral("keys/chart.mode.label")).toString(),
                 QStringLiteral("J"));

        f.window.activateWindow(); // offscreen, closing the dialog activates nothing
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QCOMPARE(f.chart->mode(), ui::InteractionMode::Explore);
        QTest::keyClick(f.chart->plot(), Qt::Key_L); // the old key: nothing
        QCOMPARE(f.chart->mode(), ui::InteractionMode::Explore);
        QTest::keyClick(f.chart->plot(), Qt::Key_J);
        QCOMPARE(f.chart->mode(), ui::InteractionMode::Label);
        QTest::keyClick(f.chart->plot(), Qt::Key_E);
        QCOMPARE(f.chart->mode(), ui::InteractionMode::Explore);

        QCOMPARE(f.chart->currentClass(), core::kClassAnomaly);
        QTest::keyClick(f.chart->plot(), Qt::Key_2);
        QCOMPARE(f.chart->currentClass(), core::kClassAnomaly);
        QTest::keyClick(f.chart->plot(), Qt::Key_0);
        QCOMPARE(f.chart->currentClass(), core::kClassNormal);

        // The status bar's hint names the new key.
        bool named = false;
        for (QLabel* l : f.window.statusBar()->findChildren<QLabel*>()) {
            named = named || l->text().contains(QStringLiteral("J to label"));
        }
        QVERIFY(named);

        // The registry survives a restart: a second registry read of QSettings gives J.
        ui::Shortcuts::instance().reload();
        QCOMPARE(ui::Shortcuts::instance().key(QStringLiteral("chart.mode.label")),
                 QKeySequence(Qt::Key_J));
    }

    void remappedQueueKeyAnswersAndOldKeyDoesNot()
    {
        const std::string path = makeProject("settings-queue-keys", true);
        WindowFixture f(path);
        QVERIFY(f.ok);
        ui::QueueDock* dock = f.window.queueDock();
        QTableView* view = dock->view();
        QVERIFY(dock->model()->rowCount() >= 4);

        ui::Shortcuts::instance().setKeys(
            {{QStringLiteral("queue.skip"), QKeySequence(Qt::Key_K)},
             {QStringLiteral("queue.next"), QKeySequence(Qt::Key_Period)}});
        auto* hint = dock->findChild<QLabel*>(QStringLiteral("queueKeys"));
        QVERIFY(hint != nullptr);
        QVERIFY(hint->text().contains(QStringLiteral("K skip")));
        QVERIFY(hint->text().contains(QStringLiteral(". next")));

        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        view->setFocus();
        view->setCurrentIndex(dock->model()->index(0, 0));
        QCOMPARE(dock->model()->query(0).status, core::QueryStatus::Viewed);
        QTest::keyClick(view, Qt::Key_S); // the old key: no longer skips
        QCOMPARE(dock->model()->query(0).status, core::QueryStatus::Viewed);
        QCOMPARE(view->currentIndex().row(), 0);
        QTest::keyClick(view, Qt::Key_K);
        QCOMPARE(dock->model()->query(0).status, core::QueryStatus::Skipped);
        QCOMPARE(view->currentIndex().row(), 1);
        auto file = openFile(path);
        QVERIFY(file);
        auto stored = file->queries();
        QVERIFY(stored.ok());
        bool skipped = false;
        for (const auto& q : *stored) {
            skipped = skipped || (q.id == dock->model()->query(0).id &&
                                  q.status == core::QueryStatus::Skipped);
        }
        QVERIFY(skipped);

        QTest::keyClick(view, Qt::Key_Right); // the old "next" key
        QCOMPARE(view->currentIndex().row(), 1);
        QTest::keyClick(view, Qt::Key_Period);
        QCOMPARE(view->currentIndex().row(), 2);
    }

    void conflictsAreShownAndBlockSaving()
    {
        ui::SettingsDialog dialog(nullptr);
        ui::ShortcutModel* model = dialog.shortcutModel();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model->conflicts().isEmpty());
        QVERIFY(dialog.conflictLabel()->isHidden());
        dialog.show();

        // Same scope: the queue's "next" on A clashes with its "anomalous".
        QSignalSpy changed(model, &ui::ShortcutModel::conflictsChanged);
        model->setPendingKey(QStringLiteral("queue.next"), QKeySequence(Qt::Key_A));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(model->conflicts().size(), 1);
        QVERIFY(model->isConflicting(QStringLiteral("queue.next")));
        QVERIFY(model->isConflicting(QStringLiteral("queue.anomalous")));
        QVERIFY(!model->isConflicting(QStringLiteral("detections.confirm"))); // another scope
        QVERIFY(!dialog.conflictLabel()->isHidden());
        QVERIFY(dialog.conflictLabel()->text().contains(QStringLiteral("Next query")));
        QVERIFY(
            dialog.conflictLabel()->text().contains(QStringLiteral("Mark the query anomalous")));
        const QModelIndex row = model->indexOf(QStringLiteral("queue.next"));
        QVERIFY(row.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Conflict")));
        QVERIFY(row.data(Qt::ForegroundRole).isValid());

        // A window-wide key clashes with every scope: Ctrl+R on the chart's "pan left".
        model->setPendingKey(QStringLiteral("chart.pan.left"), QKeySequence(Qt::CTRL | Qt::Key_R));
        QCOMPARE(model->conflicts().size(), 2);
        QVERIFY(model->isConflicting(QStringLiteral("model.retrain")));
        // Redo's alternate (Ctrl+Y) counts while redo keeps its default.
        model->setPendingKey(QStringLiteral("chart.fit"), QKeySequence(Qt::CTRL | Qt::Key_Y));
        QVERIFY(model->isConflicting(QStringLiteral("edit.redo")));

        // Saving is refused and nothing is written.
        QVERIFY(!dialog.apply());
        QVERIFY(!dialog.applyError().isEmpty());
        QCOMPARE(dialog.tabs()->currentIndex(), int(ui::SettingsDialog::KeysPage));
        QCOMPARE(ui::Shortcuts::instance().key(QStringLiteral("queue.next")),
                 QKeySequence(Qt::Key_Right));
        QVERIFY(QSettings().childGroups().isEmpty() ||
                !QSettings().childGroups().contains(QStringLiteral("keys")));

        // Keys the widgets need are refused whatever else has them: Space (it stopped ticking
        // channels once "fit" had it), Tab, and Alt with a letter (the menus' and fields' keys).
        QTest::mouseClick(dialog.restoreDefaultsButton(), Qt::LeftButton);
        QVERIFY(model->conflicts().isEmpty());
        for (const QKeySequence& reserved :
             {QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_Tab),
              QKeySequence(Qt::ALT | Qt::Key_F), QKeySequence(Qt::ALT | Qt::Key_3)}) {
            model->setPendingKey(QStringLiteral("chart.fit"), reserved);
            QCOMPARE(model->conflicts().size(), 1);
            QVERIFY(model->isConflicting(QStringLiteral("chart.fit")));
            QVERIFY2(dialog.conflictLabel()->text().contains(QStringLiteral("needed by the lists")),
                     qPrintable(dialog.conflictLabel()->text()));
            QVERIFY(model->indexOf(QStringLiteral("chart.fit"))
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(QStringLiteral("choose another key")));
            QVERIFY(!dialog.apply());
        }
        // Modified forms of them stay free: Ctrl+Space, Alt+Left, Ctrl+Alt+F.
        for (const QKeySequence& free :
             {QKeySequence(Qt::CTRL | Qt::Key_Space), QKeySequence(Qt::ALT | Qt::Key_Left),
              QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F)}) {
            model->setPendingKey(QStringLiteral("chart.fit"), free);
            QVERIFY2(model->conflicts().isEmpty(), qPrintable(free.toString()));
        }

        // Restore defaults clears the clashes; a clean remap saves.
        QTest::mouseClick(dialog.restoreDefaultsButton(), Qt::LeftButton);
        QVERIFY(model->conflicts().isEmpty());
        QVERIFY(dialog.conflictLabel()->isHidden());
        model->setPendingKey(QStringLiteral("queue.next"), QKeySequence(Qt::Key_Period));
        QVERIFY(dialog.apply());
        QCOMPARE(ui::Shortcuts::instance().key(QStringLiteral("queue.next")),
                 QKeySequence(Qt::Key_Period));
        model->reset();
        QCOMPARE(model->pendingKey(QStringLiteral("queue.next")), QKeySequence(Qt::Key_Period));
        model->restoreDefaults();
        QVERIFY(dialog.apply());
        QVERIFY(!QSettings().contains(QStringLiteral("keys/queue.next")));
    }

    void sheetListsCurrentKeys()
    {
        WindowFixture f(makeProject("settings-sheet"));
        QVERIFY(f.ok);
        ui::Shortcuts::instance().setKey(QStringLiteral("model.retrain"),
                                         QKeySequence(Qt::CTRL | Qt::Key_T));
        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        QTest::keyClick(f.chart->plot(), Qt::Key_Question);
        auto* sheet = f.window.findChild<ui::ShortcutSheet*>();
        QVERIFY(sheet != nullptr);
        QVERIFY(sheet->isVisible());
        QCOMPARE(sheet->shownKey(QStringLiteral("model.retrain")), QStringLiteral("Ctrl+T"));
        QCOMPARE(sheet->shownKey(QStringLiteral("queue.next")), QStringLiteral("→"));
        QCOMPARE(sheet->shownKey(QStringLiteral("edit.redo")),
                 QStringLiteral("Ctrl+Shift+Z or Ctrl+Y"));
        // Every registry action is listed, under its category.
        int listed = 0;
        for (int g = 0; g < sheet->tree()->topLevelItemCount(); ++g) {
            listed += sheet->tree()->topLevelItem(g)->childCount();
        }
        QVERIFY(listed >= static_cast<int>(ui::Shortcuts::instance().definitions().size()));
        for (const ui::ShortcutDef& def : ui::Shortcuts::instance().definitions()) {
            QVERIFY2(!sheet->shownKey(def.id).isEmpty(), qPrintable(def.id));
        }
        // It follows a remap while open.
        ui::Shortcuts::instance().setKey(QStringLiteral("model.retrain"), QKeySequence());
        QCOMPARE(sheet->shownKey(QStringLiteral("model.retrain")), QStringLiteral("none"));
        // The filter narrows the list.
        sheet->filterEdit()->setText(QStringLiteral("skip"));
        int visible = 0;
        for (int g = 0; g < sheet->tree()->topLevelItemCount(); ++g) {
            QTreeWidgetItem* group = sheet->tree()->topLevelItem(g);
            for (int i = 0; i < group->childCount(); ++i) {
                visible += group->isHidden() || group->child(i)->isHidden() ? 0 : 1;
            }
        }
        QCOMPARE(visible, 1);
        // The Help menu's action opens the same sheet.
        QCOMPARE(f.window.showShortcutSheet(), sheet);
    }

    void apiKeyStaysOutOfTheProjectFile()
    {
        const std::string path = makeProject("settings-api-key");
        const QString secret = QStringLiteral("sk-vigil-test-7f3a9c1e5b2d4f60");
        {
            WindowFixture f(path);
            QVERIFY(f.ok);
            QVERIFY(QTest::qWaitForWindowActive(&f.window));
            ui::SettingsDialog* dialog = f.openSettings();
            QVERIFY(dialog != nullptr);
            QVERIFY(dialog->apiKeyEdit()->isEnabled());
            dialog->providerBox()->setCurrentIndex(
                dialog->providerBox()->findData(QStringLiteral("openai-compatible")));
            dialog->baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:9/v1"));
            dialog->modelBox()->setEditText(QStringLiteral("llama-test-model"));
            dialog->apiKeyEdit()->setText(secret);
            dialog->timeoutBox()->setValue(42);
            QVERIFY(dialog->apply());
            // The status bar follows at once.
            bool shown = false;
            for (QLabel* l : f.window.statusBar()->findChildren<QLabel*>()) {
                shown = shown ||
                        l->text() == QStringLiteral("LLM: openai-compatible (llama-test-model)");
            }
            QVERIFY(shown);
            dialog->reject();
        }
        // The project holds provider, URL and model; the user's settings hold the key.
        auto project = openFile(path);
        QVERIFY(project);
        const ui::LlmProjectSettings stored = ui::loadLlmProjectSettings(*project);
        QCOMPARE(stored.provider, QStringLiteral("openai-compatible"));
        QCOMPARE(stored.baseUrl, QStringLiteral("http://127.0.0.1:9/v1"));
        QCOMPARE(stored.model, QStringLiteral("llama-test-model"));
        project.reset();
        QCOMPARE(ui::storedApiKey(), secret);
        QCOMPARE(QSettings().value(QStringLiteral("llm/api_key")).toString(), secret);
        QCOMPARE(ui::llmTimeoutSeconds(), 42.0);
        const QString bytes = fileBytesOf(path);
        QVERIFY(bytes.contains(QStringLiteral("llama-test-model"))); // the grep can see settings
        QVERIFY(!bytes.contains(secret));
        QVERIFY(!bytes.contains(QStringLiteral("7f3a9c1e5b2d4f60")));

        // The environment variable wins over the field, and the dialog says so.
        qputenv("VIGIL_LLM_API_KEY", "sk-from-environment");
        {
            auto p = openFile(path);
            ui::SettingsDialog dialog(p.get());
            QVERIFY(!dialog.apiKeyEdit()->isEnabled());
            QVERIFY(dialog.apiKeyEdit()->text().isEmpty());
            bool said = false;
            for (QLabel* l : dialog.findChildren<QLabel*>()) {
                said = said || l->text().contains(QStringLiteral("VIGIL_LLM_API_KEY is set"));
            }
            QVERIFY(said);
            QCOMPARE(ui::effectiveApiKey(), QStringLiteral("sk-from-environment"));
            QVERIFY(dialog.apply());
            QCOMPARE(ui::storedApiKey(), secret); // untouched by a save
        }
        qunsetenv("VIGIL_LLM_API_KEY");
        QVERIFY(!fileBytesOf(path).contains(QStringLiteral("sk-from-environment")));
    }

    void badBaseUrlIsRefused()
    {
        const std::string path = makeProject("settings-bad-url");
        auto project = openFile(path);
        QVERIFY(project);
        ui::SettingsDialog dialog(project.get());
        dialog.providerBox()->setCurrentIndex(
            dialog.providerBox()->findData(QStringLiteral("openai-compatible")));
        dialog.baseUrlEdit()->setText(QStringLiteral("localhost:11434"));
        QVERIFY(!dialog.apply());
        QVERIFY(dialog.applyError().contains(QStringLiteral("http://")));
        QVERIFY(dialog.testResultLabel()->text().contains(QStringLiteral("http://")));
        QCOMPARE(ui::loadLlmProjectSettings(*project).provider, QStringLiteral("builtin"));

        // A port out of range is named as such, not as a missing "http://".
        dialog.baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:99999/v1"));
        QVERIFY(!dialog.apply());
        QVERIFY2(dialog.applyError().contains(QStringLiteral("port")),
                 qPrintable(dialog.applyError()));

        // Back to the built-in analyst: the greyed-out URL no longer blocks saving (OK and
        // Apply were refused, pointing at a field that could not be edited).
        dialog.providerBox()->setCurrentIndex(
            dialog.providerBox()->findData(QStringLiteral("builtin")));
        QVERIFY2(dialog.apply(), qPrintable(dialog.applyError()));
        // The refusal shown before is gone once an apply succeeds.
        QVERIFY(dialog.testResultLabel()->text().isEmpty());
        QCOMPARE(ui::loadLlmProjectSettings(*project).provider, QStringLiteral("builtin"));

        // A good URL after a refused one: saved, and the red text is gone.
        dialog.providerBox()->setCurrentIndex(
            dialog.providerBox()->findData(QStringLiteral("openai-compatible")));
        dialog.baseUrlEdit()->setText(QStringLiteral("localhost:11434"));
        QVERIFY(!dialog.apply());
        dialog.baseUrlEdit()->setText(QStringLiteral("http://localhost:11434/v1"));
        QVERIFY2(dialog.apply(), qPrintable(dialog.applyError()));
        QVERIFY(dialog.testResultLabel()->text().isEmpty());
        QCOMPARE(ui::loadLlmProjectSettings(*project).baseUrl,
                 QStringLiteral("http://localhost:11434/v1"));
    }

    void withoutProjectTheProjectFieldsAreDisabled()
    {
        ui::SettingsDialog dialog(nullptr);
        QVERIFY(!dialog.providerBox()->isEnabled());
        QVERIFY(!dialog.testButton()->isEnabled());
        QVERIFY(dialog.apiKeyEdit()->isEnabled()); // the key is the user's, not the project's
        dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(QStringLiteral("de")));
        QVERIFY(dialog.apply());
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("de"));
        ui::SettingsDialog again(nullptr);
        QCOMPARE(again.languageBox()->currentData().toString(), QStringLiteral("de"));
    }

    void paletteSwitchRecoloursTheChart()
    {
        WindowFixture f(makeProject("settings-palette"));
        QVERIFY(f.ok);
        QCustomPlot* plot = f.chart->plot();
        QVERIFY(plot->graphCount() >= 1);
        QTRY_VERIFY(f.chart->scoreGraph() != nullptr);
        f.chart->showRows(2900, 3100);
        f.chart->refreshNow();
        QVERIFY(f.chart->visibleLabelCount() >= 1);
        auto labelRect = [&]() -> QCPItemRect* {
            for (int i = 0; i < plot->itemCount(); ++i) {
                auto* r = qobject_cast<QCPItemRect*>(plot->item(i));
                if (r && r->visible() && r->layer()->name() == QLatin1String("labels")) {
                    return r;
                }
            }
            return nullptr;
        };
        QVERIFY(labelRect() != nullptr);
        const QColor channel0 = plot->graph(0)->pen().color();
        const QColor score = f.chart->scoreGraph()->pen().color();
        const QColor anomalyEdge = labelRect()->pen().color();
        QCOMPARE(channel0, ui::Palette::channel(ui::PaletteKind::Default, 0));
        QCOMPARE(score, ui::Palette::score(ui::PaletteKind::Default));
        QCOMPARE(anomalyEdge.rgb(), ui::Palette::labelClass(ui::PaletteKind::Default, 1).rgb());

        QVERIFY(QTest::qWaitForWindowActive(&f.window));
        ui::SettingsDialog* dialog = f.openSettings();
        QVERIFY(dialog != nullptr);
        dialog->showPage(ui::SettingsDialog::AppearancePage);
        QVERIFY(!dialog->colourBlindBox()->isChecked());
        dialog->colourBlindBox()->setChecked(true);
        QCOMPARE(plot->graph(0)->pen().color(), channel0); // nothing before Apply
        QVERIFY(dialog->apply());
        QCOMPARE(QSettings().value(QStringLiteral("ui/palette")).toString(),
                 QStringLiteral("colourblind"));

        // At once, no reload: channels, score line and band, labels, axis, class icons.
        const auto safe = ui::PaletteKind::ColourBlind;
        QCOMPARE(plot->graph(0)->pen().color(), ui::Palette::channel(safe, 0));
        for (int c = 1; c < f.chart->series()->channels(); ++c) {
            QCOMPARE(plot->graph(c)->pen().color(), ui::Palette::channel(safe, c));
        }
        QVERIFY(plot->graph(0)->pen().color() != channel0);
        QCOMPARE(f.chart->scoreGraph()->pen().color(), ui::Palette::score(safe));
        QVERIFY(f.chart->scoreGraph()->pen().color() != score);
        // The score strip's ramp ends in the score colour.
        QCOMPARE(QColor::fromRgba(f.chart->scoreStrip()->gradient().color(1.0, QCPRange(0.0, 1.0)))
                     .rgb(),
                 ui::Palette::score(safe).rgb());
        QCOMPARE(plot->yAxis2->labelColor(), ui::Palette::score(safe));
        QCOMPARE(labelRect()->pen().color().rgb(), ui::Palette::labelClass(safe, 1).rgb());
        QCOMPARE(labelRect()->brush().color(), ui::LabelStyle::fill(1).color());
        QCOMPARE(f.chart->classActions()[1]->icon().pixmap(12, 12).toImage().pixelColor(6, 6),
                 ui::Palette::labelClass(safe, 2));
        const auto overviewGraphs = f.chart->overview()->graphCount();
        QVERIFY(overviewGraphs >= 1);
        QCOMPARE(f.chart->overview()->graph(0)->pen().color().rgb(),
                 ui::Palette::channel(safe, 0).rgb());
        dialog->reject();

        // And back.
        ui::Palette::instance().setKind(ui::PaletteKind::Default);
        QCOMPARE(plot->graph(0)->pen().color(), channel0);
        QCOMPARE(f.chart->scoreGraph()->pen().color(), score);
    }

    void colourBlindPaletteSurvivesSimulation()
    {
        // What the palette promises: the first channels and the score stay apart, and anomaly
        // and normal stay far apart, under protanopia, deuteranopia and tritanopia.
        const auto safe = ui::PaletteKind::ColourBlind;
        QList<QColor> lines;
        for (int c = 0; c < 4; ++c) {
            lines << ui::Palette::channel(safe, c);
        }
        lines << ui::Palette::score(safe);
        QVERIFY2(worstDistance(lines) >= 30.0, qPrintable(QString::number(worstDistance(lines))));
        const QList<QColor> classes = {ui::Palette::labelClass(safe, 1),
                                       ui::Palette::labelClass(safe, 2)};
        QVERIFY(worstDistance(classes) >= 80.0);
        // The reason it exists: under deuteranopia the default's score and first channel merge.
        QList<QColor> defaults;
        for (int c = 0; c < 4; ++c) {
            defaults << ui::Palette::channel(ui::PaletteKind::Default, c);
        }
        defaults << ui::Palette::score(ui::PaletteKind::Default);
        QVERIFY(worstDistance(defaults) < worstDistance(lines));
    }

    void testConnectionSucceedsAgainstLocalServer()
    {
        FakeModelServer server;
        QVERIFY(server.listening);
        const std::string path = makeProject("settings-test-ok");
        auto project = openFile(path);
        QVERIFY(project);
        ui::SettingsDialog dialog(project.get());
        dialog.show();
        dialog.providerBox()->setCurrentIndex(
            dialog.providerBox()->findData(QStringLiteral("openai-compatible")));
        QVERIFY(dialog.testButton()->isEnabled());
        dialog.baseUrlEdit()->setText(server.baseUrl());
        dialog.apiKeyEdit()->setText(QStringLiteral("sk-probe"));
        dialog.modelBox()->setEditText(QStringLiteral("missing-model"));
        QSignalSpy finished(&dialog, &ui::SettingsDialog::probeFinished);
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        // The click returned at once; the server (on this thread) can only answer because the
        // request runs elsewhere.
        QVERIFY(dialog.isProbing());
        QVERIFY(!dialog.testButton()->isEnabled());
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), true);
        const QString text = dialog.testResultLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("Connected in")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Models found: 2.")));
        QVERIFY(text.contains(QStringLiteral("test-model")));
        QVERIFY(text.contains(QStringLiteral("“missing-model” is not among them")));
        QCOMPARE(server.requests.value(0), QStringLiteral("GET /v1/models HTTP/1.1"));
        QCOMPARE(server.authorization, QByteArray("Bearer sk-probe"));
        QVERIFY(dialog.modelBox()->findText(QStringLiteral("other-model")) >= 0);
        QCOMPARE(dialog.modelBox()->currentText(), QStringLiteral("missing-model")); // kept
        QVERIFY(dialog.testButton()->isEnabled());

        // Refresh models lists them too.
        dialog.modelBox()->clear();
        finished.clear();
        QTest::mouseClick(dialog.refreshModelsButton(), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(dialog.modelBox()->count(), 2);
        QVERIFY(dialog.testResultLabel()->text().startsWith(QStringLiteral("Models found: 2.")));
    }

    void testConnectionReportsErrorsWithoutBlocking()
    {
        const std::string path = makeProject("settings-test-fail");
        auto project = openFile(path);
        QVERIFY(project);
        ui::SettingsDialog dialog(project.get());
        dialog.show();
        dialog.providerBox()->setCurrentIndex(
            dialog.providerBox()->findData(QStringLiteral("openai-compatible")));
        QSignalSpy finished(&dialog, &ui::SettingsDialog::probeFinished);

        // Nothing listens: a clear error.
        dialog.baseUrlEdit()->setText(QStringLiteral("http://127.0.0.1:%1/v1").arg(closedPort()));
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), false);
        QString text = dialog.testResultLabel()->text();
        QVERIFY2(text.startsWith(QStringLiteral("Connection failed: cannot reach")),
                 qPrintable(text));

        // A server that never answers: the GUI thread keeps running until the timeout.
        FakeModelServer stalling(FakeModelServer::Mode::Stall);
        QVERIFY(stalling.listening);
        dialog.baseUrlEdit()->setText(stalling.baseUrl());
        dialog.timeoutBox()->setValue(1);
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start(20);
        finished.clear();
        QElapsedTimer clock;
        clock.start();
        QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
        QVERIFY(clock.elapsed() < 500); // the click did not wait for the server
        QVERIFY(dialog.isProbing());
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(clock.elapsed() >= 900);
        QVERIFY2(ticks >= 20, qPrintable(QString::number(ticks))); // ~50 expected in 1 s
        text = dialog.testResultLabel()->text();
        QVERIFY2(text.contains(QStringLiteral("no reply")), qPrintable(text));
        QVERIFY(!stalling.requests.isEmpty());
    }

    // Closing the dialog (or quitting) during a test stops the probe: it used to run on until
    // its timeout, and quitting then hung in QThreadPool::waitForDone for good.
    void closingStopsTheConnectionTest()
    {
        const std::string path = makeProject("settings-test-close");
        auto project = openFile(path);
        QVERIFY(project);
        FakeModelServer stalling(FakeModelServer::Mode::Stall);
        QVERIFY(stalling.listening);
        auto* dialog = new ui::SettingsDialog(project.get());
        dialog->show();
        dialog->providerBox()->setCurrentIndex(
            dialog->providerBox()->findData(QStringLiteral("openai-compatible")));
        dialog->baseUrlEdit()->setText(stalling.baseUrl());
        dialog->timeoutBox()->setValue(60);
        QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
        QVERIFY(dialog->isProbing());
        QTRY_VERIFY(!stalling.requests.isEmpty()); // the request is in flight
        QElapsedTimer clock;
        clock.start();
        delete dialog;
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(QThreadPool::globalInstance()->waitForDone(2000)); // nothing left running
    }
};

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
