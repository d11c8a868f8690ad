// SPDX-License-Identifier: MIT
#include "main_window.h"

#include "commands/label_command.h"
#include "core_text.h"
#include "dialogs/settings_dialog.h"
#include "dialogs/shortcut_sheet.h"
#include "docks/detections_dock.h"
#include "docks/explanation_dock.h"
#include "docks/queue_dock.h"
#include "docks/series_dock.h"
#include "docks/suggestions_dock.h"
#include "docks/training_dock.h"
#include "models/detection_table_model.h"
#include "models/series_tree_model.h"
#include "plot/chart_series.h"
#include "plot/label_style.h"
#include "plot/palette.h"
#include "plot/score_track.h"
#include "plot/series_chart.h"
#include "shortcuts.h"
#include "vigil/class_names.h"
#include "vigil/llm.h"
#include "vigil/project_models.h"
#include "workers/project_jobs.h"

#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QtConcurrent>

#include <algorithm>

namespace vigil::ui {
namespace {

/// The newest model's scores of a chart's series (pool thread, own connection); nullptr when
/// nothing was trained or scored for it.
std::shared_ptr<const ScoreTrack> loadScoreTrack(core::Project& project, const ChartSeries& chart)
{
    auto models = project.listModels(); // no blobs
    if (!models || models->empty()) {
        return nullptr;
    }
    const core::ModelRecord& newest = models->back();
    auto scores = project.loadScores(newest.version, chart.id);
    if (!scores || !scores->has_value()) {
        return nullptr;
    }
    return ScoreTrack::make(chart, newest.version, core::modelDecisionThreshold(newest), **scores);
}

std::shared_ptr<const ScoreTrack> reloadScoreTrack(const QString& path,
                                                   std::shared_ptr<const ChartSeries> chart)
{
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project || !chart) {
        return nullptr;
    }
    return loadScoreTrack(**project, *chart);
}

/// What the status bar calls the LLM provider the project is set up for (LLM.md settings).
QString llmProviderText(const core::Project& project)
{
    auto get = [&](const char* key) {
        auto v = project.setting(key);
        return v && v->has_value() ? QString::fromStdString(**v) : QString();
    };
    QString provider = get("llm.provider");
    const QString baseUrl = get("llm.base_url");
    const QString model = get("llm.model");
    if (provider.isEmpty()) {
        provider =
            baseUrl.isEmpty() ? QStringLiteral("builtin") : QStringLiteral("openai-compatible");
    }
    if (provider == QLatin1String("builtin")) {
        return MainWindow::tr("built-in (no LLM)"); // core::kBuiltinDisplayName, translated
    }
    return model.isEmpty() ? provider : QStringLiteral("%1 (%2)").arg(provider, model);
}

/// Runs on a pool thread: its own connection, never the GUI's. Building the pyramid of a long
/// series takes longer than a frame, so it happens here too.
LoadedSeries loadSeries(const QString& path, core::SeriesInfo info)
{
    LoadedSeries out;
    out.info = std::move(info);
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        out.error = QString::fromStdString(project.error().message);
        return out;
    }
    auto series = (*project)->loadSeries(out.info.id);
    auto labels = (*project)->labels(out.info.id);
    if (!series || !labels) {
        out.error =
            QString::fromStdString(!series ? series.error().message : labels.error().message);
        return out;
    }
    out.chart = ChartSeries::make(out.info.id, *series);
    out.labels = std::move(labels).value();
    out.scores = loadScoreTrack(**project, *out.chart);
    return out;
}

/// Runs on a pool thread with its own connection.
LoadedHistory loadHistory(const QString& path, int generation, std::size_t steps)
{
    LoadedHistory out;
    out.generation = generation;
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        out.error = QString::fromStdString(project.error().message);
        return out;
    }
    auto history = (*project)->undoHistory(steps);
    if (!history) {
        out.error = QString::fromStdString(history.error().message);
        return out;
    }
    out.history = std::move(history).value();
    return out;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_seriesDock(new SeriesDock(this))
    , m_chart(new SeriesChart(this))
    , m_undoStack(new QUndoStack(this))
    , m_projectLabel(new QLabel(this))
    , m_modeLabel(new QLabel(this))
    , m_labelsLabel(new QLabel(this))
    , m_modelLabel(new QLabel(this))
    , m_llmLabel(new QLabel(this))
{
    setWindowTitle(tr("Vigil"));
    setCentralWidget(m_chart);
    addDockWidget(Qt::LeftDockWidgetArea, m_seriesDock);
    m_projectLabel->setObjectName(QStringLiteral("projectStatus"));
    statusBar()->addWidget(m_projectLabel, 1);
    statusBar()->addPermanentWidget(m_modeLabel);
    statusBar()->addPermanentWidget(m_labelsLabel);
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_llmLabel);
    for (QLabel* l : {m_modeLabel, m_labelsLabel, m_modelLabel, m_llmLabel}) {
        l->setContentsMargins(8, 0, 8, 0); // permanent widgets otherwise touch each other
    }
    createDocks();
    createMenus();
    connect(m_seriesDock, &SeriesDock::seriesSelected, this, &MainWindow::showSeries);
    connect(m_seriesDock, &SeriesDock::channelVisibilityChanged, this,
            [this](qint64 seriesId, int channel, bool visible) {
                if (m_chart->series() != nullptr && m_chart->seriesId() == seriesId) {
                    m_chart->setChannelVisible(channel, visible);
                }
            });
    connect(&m_loader, &QFutureWatcher<LoadedSeries>::finished, this, &MainWindow::onSeriesLoaded);
    connect(&m_historyLoader, &QFutureWatcher<LoadedHistory>::finished, this,
            &MainWindow::onHistoryLoaded);
    connect(m_chart, &SeriesChart::labelRequested, this, &MainWindow::onLabelRequested);
    connect(m_chart, &SeriesChart::eraseRequested, this, &MainWindow::onEraseRequested);
    connect(m_chart, &SeriesChart::modeChanged, this, &MainWindow::updateModeStatus);
    connect(m_chart, &SeriesChart::currentClassChanged, this, &MainWindow::updateModeStatus);
    // The mode text names a key and shows the class colour.
    connect(&Shortcuts::instance(), &Shortcuts::keysChanged, this, &MainWindow::updateModeStatus);
    connect(&Palette::instance(), &Palette::changed, this, &MainWindow::updateModeStatus);
    connect(m_chart, &SeriesChart::rowPicked, this, [this](qint64 seriesId, qint64 row) {
        m_explanationDock->raise();
        explainRow(seriesId, row);
    });
    connect(&m_scoreLoader, &QFutureWatcher<std::shared_ptr<const ScoreTrack>>::finished, this,
            [this] {
                m_chart->setScores(m_scoreLoader.result());
                Q_EMIT scoresChanged();
            });
    updateModeStatus();
    updateStatus();
}

MainWindow::~MainWindow()
{
    m_loader.waitForFinished();
    m_scoreLoader.waitForFinished();
    m_historyLoader.waitForFinished();
    m_undoStack->clear(); // commands refer to m_project
}

void MainWindow::createDocks()
{
    m_queueDock = new QueueDock(this);
    m_detectionsDock = new DetectionsDock(this);
    m_explanationDock = new ExplanationDock(this);
    m_trainingDock = new TrainingDock(this);
    m_suggestionsDock = new SuggestionsDock(this);
    addDockWidget(Qt::RightDockWidgetArea, m_queueDock);
    tabifyDockWidget(m_queueDock, m_detectionsDock);
    tabifyDockWidget(m_detectionsDock, m_suggestionsDock);
    tabifyDockWidget(m_suggestionsDock, m_explanationDock);
    tabifyDockWidget(m_explanationDock, m_trainingDock);
    m_queueDock->raise();
    resizeDocks({m_seriesDock, m_queueDock}, {350, 430}, Qt::Horizontal);
    // A dock behind another's tab keeps its widgets in the Tab order (Qt moves it out of sight
    // rather than hiding it): Tab or an Alt+letter reached its fields and buttons unseen, and a
    // Space there started training. Focus arriving in such a dock brings its tab to the front.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        for (QWidget* w = now; w != nullptr && w != this; w = w->parentWidget()) {
            if (auto* dock = qobject_cast<QDockWidget*>(w)) {
                if (dock->parentWidget() == this && !tabifiedDockWidgets(dock).isEmpty() &&
                    dock->visibleRegion().isEmpty()) {
                    dock->raise();
                }
                return;
            }
        }
    });

    auto labelFromDock = [this](const core::Label& label) { onLabelRequested(label); };
    connect(m_queueDock, &QueueDock::windowSelected, this, &MainWindow::showWindow);
    connect(m_queueDock, &QueueDock::answerRequested, this, &MainWindow::onQueryAnswered);
    m_queueDock->setSuggestionHandler([this](qint64 series, qint64 begin, qint64 end, bool accept) {
        return m_suggestionsDock->decideInRange(series, begin, end, accept);
    });
    connect(m_queueDock, &QueueDock::explainRequested, m_explanationDock,
            &ExplanationDock::explain);
    connect(m_detectionsDock, &DetectionsDock::windowSelected, this, &MainWindow::showWindow);
    connect(m_detectionsDock, &DetectionsDock::labelRequested, this, labelFromDock);
    connect(m_detectionsDock, &DetectionsDock::explainRequested, m_explanationDock,
            &ExplanationDock::explain);
    connect(m_trainingDock, &TrainingDock::modelTrained, this, &MainWindow::onModelTrained);
    // The series list counts the detections of the newest model (scanned after each training).
    connect(m_detectionsDock, &DetectionsDock::scanned, this,
            [this] { m_seriesDock->setDetections(m_detectionsDock->model()->scan()); });
    m_suggestionsDock->setUndoStack(m_undoStack, labelHooks());
    connect(m_suggestionsDock, &SuggestionsDock::windowSelected, this, &MainWindow::showWindow);
    connect(m_explanationDock, &ExplanationDock::potentialChanged, this,
            [this](const QString& text) { statusBar()->showMessage(text, 10000); });
}

void MainWindow::createMenus()
{
    createFileMenu();
    Shortcuts& keys = Shortcuts::instance(); // every key below follows Settings → Keys
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_undoStack->createUndoAction(this, tr("&Undo"));
    keys.bind(undo, QStringLiteral("edit.undo"));
    QAction* redo = m_undoStack->createRedoAction(this, tr("&Redo"));
    keys.bind(redo, QStringLiteral("edit.redo"));
    // "&Undo %1" lets a translation place the command's text ("&Rückgängig: %1"); the stack's
    // own action only appends it to the prefix. Connected after the stack's, so it wins.
    connect(m_undoStack, &QUndoStack::undoTextChanged, undo, [undo](const QString& text) {
        undo->setText(text.isEmpty() ? tr("&Undo") : tr("&Undo %1").arg(text));
    });
    connect(m_undoStack, &QUndoStack::redoTextChanged, redo, [redo](const QString& text) {
        redo->setText(text.isEmpty() ? tr("&Redo") : tr("&Redo %1").arg(text));
    });
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* settings = edit->addAction(tr("&Settings…"));
    settings->setMenuRole(QAction::PreferencesRole);
    keys.bind(settings, QStringLiteral("app.settings"));
    connect(settings, &QAction::triggered, this, [this] { showSettings(); });

    QMenu* chart = menuBar()->addMenu(tr("&Chart"));
    chart->addActions(m_chart->modeActions());
    chart->addSeparator();
    QMenu* classes = chart->addMenu(tr("Label &class"));
    classes->addActions(m_chart->classActions());
    classes->addSeparator();
    m_renameClassAction = classes->addAction(tr("&Rename the current class…"));
    connect(m_renameClassAction, &QAction::triggered, this, &MainWindow::askClassName);
    chart->addSeparator();
    chart->addActions(m_chart->viewActions());

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    QAction* retrain = model->addAction(tr("&Retrain now"));
    keys.bind(retrain, QStringLiteral("model.retrain"));
    connect(retrain, &QAction::triggered, m_trainingDock, &TrainingDock::train);
    QAction* cancel = model->addAction(tr("&Cancel training"));
    connect(cancel, &QAction::triggered, m_trainingDock, &TrainingDock::cancel);
    cancel->setEnabled(m_trainingDock->isTraining());
    connect(m_trainingDock, &TrainingDock::runningChanged, cancel, &QAction::setEnabled);
    QAction* propagate = model->addAction(tr("Propa&gate labels"));
    keys.bind(propagate, QStringLiteral("model.propagate"));
    connect(propagate, &QAction::triggered, this, [this] {
        // Focus left in the dock this one now covers would act out of sight, and the next Tab
        // would bring that dock back (focus follows into a hidden dock): it moves here too.
        QWidget* focus = QApplication::focusWidget();
        const auto covered = tabifiedDockWidgets(m_suggestionsDock);
        const bool focusCovered =
            focus != nullptr && std::any_of(covered.cbegin(), covered.cend(),
                                            [&](QDockWidget* d) { return d->isAncestorOf(focus); });
        m_suggestionsDock->raise();
        if (focusCovered) {
            m_suggestionsDock->view()->setFocus(Qt::OtherFocusReason);
        }
        m_suggestionsDock->propagate();
    });
    QAction* queue = model->addAction(tr("Refresh &queue"));
    connect(queue, &QAction::triggered, m_queueDock, &QueueDock::refresh);
    QAction* potential = model->addAction(tr("Ask for a &potential function"));
    connect(potential, &QAction::triggered, m_explanationDock,
            [this] { m_explanationDock->askPotential(true); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* d : findChildren<QDockWidget*>()) {
        view->addAction(d->toggleViewAction());
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* sheet = help->addAction(tr("&Keyboard shortcuts"));
    keys.bind(sheet, QStringLiteral("help.shortcuts"));
    connect(sheet, &QAction::triggered, this, [this] { showShortcutSheet(); });
    QAction* about = help->addAction(tr("&About Vigil"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

SettingsDialog* MainWindow::showSettings()
{
    if (m_settings) {
        m_settings->raise();
        m_settings->activateWindow();
        return m_settings;
    }
    auto* dialog = new SettingsDialog(m_project.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::applied, this, &MainWindow::updateModelStatus);
    m_settings = dialog;
    dialog->open(); // window-modal: the project cannot change under it
    return dialog;
}

ShortcutSheet* MainWindow::showShortcutSheet()
{
    if (!m_sheet) {
        auto* sheet = new ShortcutSheet(this);
        sheet->setAttribute(Qt::WA_DeleteOnClose);
        connect(sheet, &ShortcutSheet::changeKeysRequested, this,
                [this] { showSettings()->showPage(SettingsDialog::KeysPage); });
        m_sheet = sheet;
    }
    m_sheet->show();
    m_sheet->raise();
    m_sheet->activateWindow();
    return m_sheet;
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Vigil"),
        tr("<h3>Vigil %1</h3><p>Label and detect anomalies in time series: an active-learning "
           "detector that asks about the windows it is least sure of, explains its scores, and "
           "keeps every label in the project file.</p><p>Press %2 for the keyboard shortcuts."
           "</p><p>MIT licence.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(),
                 Shortcuts::instance().keyText(QStringLiteral("help.shortcuts")).toHtmlEscaped()));
}

void MainWindow::reloadSeriesList()
{
    if (!m_project) {
        return;
    }
    auto list = m_project->listSeries();
    if (!list) {
        statusBar()->showMessage(QString::fromStdString(list.error().message));
        return;
    }
    const std::int64_t shown = m_chart->series() != nullptr ? m_chart->seriesId() : -1;
    m_series = std::move(list).value();
    m_queueDock->setProject(m_projectPath, m_project.get(), m_series);
    m_suggestionsDock->setProject(m_projectPath, m_project.get(), m_series);
    m_detectionsDock->refresh();
    int row = 0;
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        if (m_series[i].id == shown) {
            row = static_cast<int>(i);
        }
    }
    {
        const QSignalBlocker block(m_seriesDock); // selects the shown series without reloading
        m_seriesDock->setSeries(m_series);
        if (!m_series.empty()) {
            m_seriesDock->setCurrentSeries(row);
        }
    }
    updateStatus();
    if (shown < 0 && !m_series.empty()) {
        showSeries(row); // nothing was drawn yet: draw the first series
    }
}

bool MainWindow::openProject(const QString& path)
{
    // Reading the series list is one small query; the values are loaded off the GUI thread.
    auto project = core::Project::open(path.toStdString(), core::OpenMode::OpenExisting);
    if (!project) {
        statusBar()->showMessage(coreText(project.error().message));
        return false;
    }
    auto list = (*project)->listSeries();
    if (!list) {
        statusBar()->showMessage(coreText(list.error().message));
        return false;
    }
    m_loader.waitForFinished();
    delete m_settings.data(); // it edits the previous project
    m_undoStack->clear();     // its commands belong to the previous project
    m_project = std::move(project).value();
    m_projectPath = path;
    m_lastEditError.clear();
    m_series = std::move(list).value();
    restoreUndoHistory();
    m_pendingWindow.reset();
    setWindowTitle(m_project->readOnly()
                       ? tr("%1 (read-only) – Vigil").arg(QFileInfo(path).fileName())
                       : tr("%1 – Vigil").arg(QFileInfo(path).fileName()));
    loadClassNames(); // before the docks, which name classes too
    m_queueDock->setProject(path, m_project.get(), m_series);
    m_suggestionsDock->setProject(path, m_project.get(), m_series);
    m_detectionsDock->setProject(path);
    m_explanationDock->setProject(path);
    m_trainingDock->setProject(path, m_project.get(), !m_series.empty());
    updateModelStatus();
    const QSignalBlocker block(m_seriesDock);
    m_seriesDock->setSeries({}); // forget the previous project's check states and counts
    m_seriesDock->setDetections({});
    m_seriesDock->setSeries(m_series);
    updateStatus();
    if (m_series.empty()) {
        m_chart->clear();
        m_seriesLoading = false;
        emitIdleIfDone();
    } else {
        m_seriesDock->setCurrentSeries(0);
        showSeries(0);
    }
    return true;
}

bool MainWindow::isIdle() const
{
    return !m_seriesLoading && !m_historyLoading;
}

void MainWindow::emitIdleIfDone()
{
    if (isIdle()) {
        Q_EMIT idle();
    }
}

void MainWindow::showSeries(int row)
{
    if (row < 0 || row >= static_cast<int>(m_series.size())) {
        return;
    }
    m_seriesLoading = true;
    m_loadingSeriesId = m_series[static_cast<size_t>(row)].id;
    m_loadingLabelsStale = false;
    m_loadingScoresStale = false;
    m_loader.setFuture(
        QtConcurrent::run(loadSeries, m_projectPath, m_series[static_cast<size_t>(row)]));
}

void MainWindow::onSeriesLoaded()
{
    LoadedSeries loaded = m_loader.result();
    if (!loaded.error.isEmpty()) {
        statusBar()->showMessage(coreText(loaded.error)); // here: coreText is GUI-thread only
    } else {
        if (m_loadingLabelsStale && loaded.info.id == m_loadingSeriesId) {
            // Edited while it was read: the file's labels, not the read's (one small indexed
            // query on the GUI thread's connection, as after every edit).
            auto labels = m_project->labels(loaded.info.id);
            if (labels) {
                loaded.labels = std::move(labels).value();
            } else {
                statusBar()->showMessage(QString::fromStdString(labels.error().message));
            }
        }
        m_chart->setSeries(std::move(loaded.chart), std::move(loaded.labels),
                           std::move(loaded.scores));
        if (m_loadingScoresStale) {
            reloadScores(); // the newest version's, read off this thread
        }
        // The channels unchecked in the series list stay hidden.
        m_chart->setVisibleChannels(m_seriesDock->model()->visibleChannels(m_chart->seriesId()));
        if (m_pendingWindow && (*m_pendingWindow)[0] == m_chart->seriesId()) {
            const auto w = *m_pendingWindow;
            m_pendingWindow.reset();
            showWindow(w[0], w[1], w[2]);
        }
        Q_EMIT scoresChanged();
    }
    updateStatus();
    m_seriesLoading = false;
    emitIdleIfDone();
}

void MainWindow::showWindow(qint64 seriesId, qint64 begin, qint64 end)
{
    if (m_chart->seriesId() == seriesId && m_chart->series() != nullptr) {
        m_chart->showRows(begin, end);
        m_chart->setHighlight(begin, end);
        return;
    }
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        if (m_series[i].id == seriesId) {
            m_pendingWindow = std::array<qint64, 3>{seriesId, begin, end};
            m_seriesDock->setCurrentSeries(static_cast<int>(i)); // loads it, then the window
            return;
        }
    }
}

void MainWindow::explainRow(qint64 seriesId, qint64 row)
{
    for (const auto& s : m_series) {
        if (s.id == seriesId) {
            m_explanationDock->explain(QString::fromStdString(s.name), row);
            return;
        }
    }
}

void MainWindow::reloadScores()
{
    if (m_projectPath.isEmpty() || m_chart->series() == nullptr) {
        return;
    }
    m_scoreLoader.setFuture(
        QtConcurrent::run(reloadScoreTrack, m_projectPath, m_chart->sharedSeries()));
}

void MainWindow::onModelTrained()
{
    // A series being read may bring back the previous version's scores; read them again then.
    m_loadingScoresStale = m_seriesLoading;
    // Everything that shows model output follows the new version; each reads off this thread.
    reloadScores();
    m_detectionsDock->refresh();
    m_explanationDock->refresh();
    m_queueDock->refresh();
    m_suggestionsDock->refreshAfterTraining();
    updateModelStatus();
}

void MainWindow::updateModelStatus()
{
    if (!m_project) {
        m_modelLabel->clear();
        m_llmLabel->clear();
        return;
    }
    auto models = m_project->listModels(); // small: no blobs
    if (models && !models->empty()) {
        m_modelLabel->setText(tr("model v%1").arg(models->back().version));
    } else {
        m_modelLabel->setText(tr("not trained yet"));
    }
    m_llmLabel->setText(tr("LLM: %1").arg(llmProviderText(*m_project)));
}

void MainWindow::restoreUndoHistory()
{
    // The label log keeps every step; the newest ones come back as commands, so Undo and Redo
    // go on where they were before the project was closed (ARCHITECTURE.md: undo history
    // survives restarts). Reading them parses each step's diff: 200 steps of a 750-suggestion
    // propagation took 230 ms, so a pool thread does it and Undo waits for it.
    constexpr std::size_t kSteps = 200;
    m_undoStack->clear();
    m_historyLoading = true;
    m_historyLoader.setFuture(
        QtConcurrent::run(loadHistory, m_projectPath, ++m_historyGeneration, kSteps));
}

void MainWindow::onHistoryLoaded()
{
    LoadedHistory loaded = m_historyLoader.result();
    if (loaded.generation != m_historyGeneration || !m_project) {
        return; // another project, or a newer request, is on its way
    }
    if (!loaded.error.isEmpty()) {
        statusBar()->showMessage(
            tr("The undo history could not be read: %1").arg(coreText(loaded.error)));
    } else if (m_undoStack->count() > 0) {
        // The analyst labelled while it loaded: those steps are in the log now, below nothing
        // the stack can hold. Read again, with them on top.
        restoreUndoHistory();
        return;
    } else {
        for (const core::LogStep& step : loaded.history.undo) {
            m_undoStack->push(new LoggedStepCommand(*m_project, step, false, labelHooks()));
        }
        for (auto it = loaded.history.redo.rbegin(); it != loaded.history.redo.rend(); ++it) {
            m_undoStack->push(new LoggedStepCommand(*m_project, *it, true, labelHooks()));
        }
        m_undoStack->setIndex(static_cast<int>(loaded.history.undo.size()));
    }
    m_historyLoading = false;
    emitIdleIfDone();
}

LabelCommandHooks MainWindow::labelHooks()
{
    return {
        [this](std::int64_t id) { onLabelsChanged(id); },
        [this](const QString& message) { onLabelEditFailed(message); },
        [this](std::int64_t id, core::QueryStatus status) { m_queueDock->showStatus(id, status); },
        [this](std::int64_t id) { onLabelsChanged(id, false); }};
}

void MainWindow::onLabelRequested(const core::Label& label)
{
    if (!m_project) {
        return;
    }
    LabelCommandHooks hooks = labelHooks();
    m_undoStack->push(new AssignLabelCommand(*m_project, label, std::move(hooks)));
}

void MainWindow::onQueryAnswered(const core::Label& label, qint64 queryId, core::QueryStatus before)
{
    if (!m_project) {
        return;
    }
    LabelCommandHooks hooks = labelHooks();
    m_undoStack->push(new AnswerQueryCommand(*m_project, label, queryId, before, std::move(hooks)));
}

void MainWindow::onEraseRequested(std::int64_t seriesId, std::int64_t begin, std::int64_t end)
{
    if (!m_project) {
        return;
    }
    LabelCommandHooks hooks = labelHooks();
    m_undoStack->push(new EraseLabelsCommand(*m_project, seriesId, begin, end, core::kAllChannels,
                                             std::move(hooks)));
}

void MainWindow::onLabelsChanged(std::int64_t seriesId, bool byAnalyst)
{
    m_lastEditError.clear(); // an edit, undo or redo was written
    m_suggestionsDock->labelsChanged();
    if (byAnalyst) {
        m_trainingDock->noteLabelEdit();
    }
    if (m_seriesLoading && seriesId == m_loadingSeriesId) {
        m_loadingLabelsStale = true; // read again once the series has loaded
    }
    // Both reads are small indexed queries on the GUI thread's own connection.
    const bool shown = m_chart->seriesId() == seriesId;
    if (shown || m_detectionsDock->showsSeries(seriesId)) {
        auto labels = m_project->labels(seriesId);
        if (labels) {
            m_detectionsDock->labelsChanged(seriesId, *labels);
            if (shown) {
                m_chart->setLabels(std::move(labels).value());
            }
        } else {
            statusBar()->showMessage(QString::fromStdString(labels.error().message));
        }
    }
    for (std::size_t i = 0; i < m_series.size(); ++i) {
        if (m_series[i].id != seriesId) {
            continue;
        }
        auto info = m_project->seriesInfo(seriesId);
        if (info) {
            m_series[i] = std::move(info).value();
            updateSeriesItem(static_cast<int>(i));
        }
    }
    updateStatus();
}

void MainWindow::onLabelEditFailed(const QString& message)
{
    // The file holds what it held before the edit; the bar says so until an edit succeeds.
    m_lastEditError = message;
    updateStatus();
    statusBar()->showMessage(message, 15000);
    Q_EMIT labelEditFailed(message);
    // The label log is the truth: after a failed step (another program may have edited the
    // labels) Undo and Redo are read from it again, once the stack has finished this step.
    if (!m_undoResyncQueued) {
        m_undoResyncQueued = true; // several failures in one go (Undo of many steps): once
        QTimer::singleShot(0, this, [this] {
            m_undoResyncQueued = false;
            if (m_project) {
                restoreUndoHistory();
            }
        });
    }
}

void MainWindow::updateSeriesItem(int row)
{
    if (row >= 0 && row < static_cast<int>(m_series.size())) {
        m_seriesDock->updateSeries(row, m_series[static_cast<std::size_t>(row)]);
    }
}

void MainWindow::updateModeStatus()
{
    const int cls = m_chart->currentClass();
    const QString swatch = QStringLiteral("<span style=\"color:%1\">■</span>")
                               .arg(LabelStyle::classColour(cls).name());
    if (m_chart->mode() == InteractionMode::Label) {
        m_modeLabel->setText(tr("<b>Label mode</b> · %1 %2 %3 · Shift+drag erases")
                                 .arg(swatch)
                                 .arg(cls)
                                 .arg(LabelStyle::className(cls).toHtmlEscaped()));
    } else {
        m_modeLabel->setText(
            tr("Explore mode · %1 to label with %2 %3 %4")
                .arg(Shortcuts::instance().keyText(QStringLiteral("chart.mode.label")))
                .arg(swatch)
                .arg(cls)
                .arg(LabelStyle::className(cls).toHtmlEscaped()));
    }
}

bool MainWindow::renameClass(int classId, const QString& name)
{
    if (!m_project) {
        return false;
    }
    if (auto st = core::setClassName(*m_project, classId, name.toStdString()); !st) {
        statusBar()->showMessage(tr("Class %1 keeps its name: %2")
                                     .arg(classId)
                                     .arg(QString::fromStdString(st.error().message)),
                                 15000);
        return false;
    }
    loadClassNames();
    return true;
}

void MainWindow::loadClassNames()
{
    QHash<int, QString> names;
    if (m_project) {
        auto stored = core::classNames(*m_project);
        if (stored) {
            for (const auto& [id, text] : *stored) {
                names.insert(id, QString::fromStdString(text));
            }
        } else {
            statusBar()->showMessage(QString::fromStdString(stored.error().message));
        }
    }
    LabelStyle::setClassNames(names);
    m_chart->updateClassNames();
    updateModeStatus();
}

void MainWindow::askClassName()
{
    if (!m_project) {
        return;
    }
    const int cls = m_chart->currentClass();
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("renameClassDialog"));
    dialog->setWindowTitle(tr("Rename class %1").arg(cls));
    dialog->setLabelText(
        tr("Name of class %1 in this project (empty: the default name):").arg(cls));
    dialog->setTextValue(LabelStyle::className(cls));
    connect(dialog, &QInputDialog::textValueSelected, this,
            [this, cls](const QString& text) { renameClass(cls, text); });
    dialog->open(); // window-modal, the event loop keeps running
}

void MainWindow::updateStatus()
{
    m_exportAction->setEnabled(m_project != nullptr);
    m_reportAction->setEnabled(m_project != nullptr);
    m_saveCopyAction->setEnabled(m_project != nullptr);
    if (m_projectPath.isEmpty()) {
        m_projectLabel->setText(tr("No project open"));
        m_labelsLabel->clear();
        return;
    }
    std::int64_t labelled = 0;
    std::int64_t anomalous = 0;
    for (const auto& s : m_series) {
        labelled += s.labeledPoints;
        anomalous += s.anomalousPoints;
    }
    // A long path is shortened in its middle: the file name and the state after it stay in
    // view (the status bar cut them off). The tooltip has the whole path.
    const QString path =
        m_projectLabel->fontMetrics().elidedText(m_projectPath, Qt::ElideMiddle, 420);
    if (m_project && m_project->readOnly()) {
        m_projectLabel->setText(tr("%1 · read-only").arg(path));
        m_projectLabel->setToolTip(
            m_projectPath + QStringLiteral("\n") +
            tr("The project's file or folder cannot be written: it can be viewed and exported, "
               "not edited."));
    } else if (m_lastEditError.isEmpty()) {
        m_projectLabel->setText(tr("%1 · saved").arg(path));
        m_projectLabel->setToolTip(m_projectPath);
    } else {
        m_projectLabel->setText(tr("%1 · last edit not saved").arg(path));
        m_projectLabel->setToolTip(m_projectPath + QStringLiteral("\n") + m_lastEditError);
    }
    m_labelsLabel->setText(tr("%n series · %1 labelled points · %2 anomalous", nullptr,
                              static_cast<int>(m_series.size()))
                               .arg(QLocale().toString(static_cast<qlonglong>(labelled)))
                               .arg(QLocale().toString(static_cast<qlonglong>(anomalous))));
}

} // namespace vigil::ui
