// SPDX-License-Identifier: MIT
#include "docks/training_dock.h"

#include "core_text.h"
#include "plot/palette.h"
#include "plot/series_colours.h"
#include "shortcuts.h"
#include "vigil/project_models.h"
#include "vigil/project_training.h"
#include "workers/job_runner.h"
#include "workers/project_jobs.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <utility>

namespace vigil::ui {
namespace {

QCustomPlot* makeSmallPlot(QWidget* parent, const QString& name)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setMinimumHeight(150);
    QFont small = plot->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QCPAxis* a : {plot->xAxis, plot->yAxis, plot->yAxis2}) {
        a->setTickLabelFont(small);
        a->setLabelFont(small);
    }
    plot->legend->setFont(small);
    plot->legend->setVisible(true);
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    // Right, half way down: rewards mostly rise over the episodes and λ sits at a bound, so the
    // top and bottom corners are where the lines are.
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignVCenter | Qt::AlignRight);
    return plot;
}

/// A training phase as core or the job reports it ("vae", "episode 3", ...), in the user's
/// language; a phase this list does not know is shown as it came.
QString phaseText(const QString& phase)
{
    if (phase == QLatin1String("opening project")) {
        return TrainingDock::tr("opening the project");
    }
    if (phase == QLatin1String("vae")) {
        return TrainingDock::tr("training the VAE");
    }
    if (phase.startsWith(QLatin1String("episode "))) {
        return TrainingDock::tr("episode %1").arg(phase.mid(8));
    }
    if (phase == QLatin1String("calibrate")) {
        return TrainingDock::tr("calibrating");
    }
    if (phase == QLatin1String("saving model")) {
        return TrainingDock::tr("saving the model");
    }
    if (phase == QLatin1String("done")) {
        return TrainingDock::tr("done");
    }
    return phase;
}

/// The smoothing and incident budget of a fitted decision, in words (empty without either).
QString budgetText(const std::string& metricsJson)
{
    QString out;
    if (const int span = core::modelSmoothing(metricsJson); span > 1) {
        out +=
            QLatin1Char(' ') +
            TrainingDock::tr("It weighs the evidence over %1 points around each point.").arg(span);
        if (core::modelFlagsNoLabelledAnomaly(metricsJson)) {
            out += QLatin1Char(' ') +
                   TrainingDock::tr("It flags none of your anomaly labels: if they are shorter "
                                    "than %1 points, lower \"Anomalies last about\".")
                       .arg(span);
        }
    }
    if (const int suggested = core::modelSuggestedSmoothing(metricsJson); suggested > 0) {
        out += QLatin1Char(' ') +
               TrainingDock::tr("Your anomaly labels are stretches of %1 points (median): if "
                                "anomalies here are incidents rather than spikes, try \"Anomalies "
                                "last about\" %2.")
                   .arg(core::modelAnomalyLabelMedian(metricsJson))
                   .arg(suggested);
    }
    const double budget = core::modelIncidentBudget(metricsJson);
    if (budget > 0.0) {
        out += QLatin1Char(' ') +
               TrainingDock::tr("Of its detections it keeps at most %1 per 1000 points of a "
                                "series, the strongest.")
                   .arg(QLocale().toString(budget, 'g', 3));
    }
    return out;
}

/// How a model version flags, in words (empty for the greedy rule, which says nothing new).
QString decisionText(const std::string& metricsJson)
{
    switch (core::modelDecisionKind(metricsJson)) {
    case core::ModelDecisionKind::FittedStandIns:
        return TrainingDock::tr("It flags with a decision fitted on your anomaly labels "
                                "(unlabelled points counted as normal).") +
               budgetText(metricsJson);
    case core::ModelDecisionKind::Fitted:
        return TrainingDock::tr("It flags with a decision fitted on your labels.") +
               budgetText(metricsJson);
    case core::ModelDecisionKind::DetectorAlone:
        return TrainingDock::tr("It flags with the detector alone: label an anomaly to fit a "
                                "decision on the residual evidence too.");
    case core::ModelDecisionKind::Greedy:
        break;
    }
    return {};
}

/// The series a version left out and why (core's notes, in the user's language); the first
/// few by name.
QString skippedText(const std::vector<std::string>& skipped)
{
    if (skipped.empty()) {
        return {};
    }
    constexpr std::size_t kNamed = 4;
    QStringList notes;
    for (std::size_t i = 0; i < std::min(skipped.size(), kNamed); ++i) {
        notes << coreText(skipped[i]);
    }
    QString out =
        QLatin1Char(' ') + TrainingDock::tr("Left out: %1.").arg(notes.join(QStringLiteral("; ")));
    if (skipped.size() > kNamed) {
        out += QLatin1Char(' ') +
               TrainingDock::tr("And %n more.", nullptr, static_cast<int>(skipped.size() - kNamed));
    }
    return out;
}

} // namespace

TrainingDock::TrainingDock(QWidget* parent)
    : QDockWidget(tr("Training"), parent)
    , m_runner(new JobRunner(QStringLiteral("vigil-train"), this))
{
    setObjectName(QStringLiteral("trainingDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* buttons = new QHBoxLayout;
    m_train = new QPushButton(tr("Train"), body);
    m_cancel = new QPushButton(tr("Cancel"), body);
    buttons->addWidget(m_train);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    auto* everyRow = new QHBoxLayout;
    auto* everyLabel = new QLabel(tr("Retrain &automatically after"), body);
    m_every = new QSpinBox(body);
    m_every->setObjectName(QStringLiteral("retrainEvery"));
    m_train->setObjectName(QStringLiteral("trainButton"));
    m_cancel->setObjectName(QStringLiteral("cancelTrainingButton"));
    m_every->setRange(0, 1000);
    m_every->setSuffix(tr(" label edits"));
    m_every->setSpecialValueText(tr("never (only on request)"));
    m_every->setToolTip(tr("After this many label edits a new model version is trained in the "
                           "background; 0 = only when you ask"));
    everyLabel->setBuddy(m_every);
    everyRow->addWidget(everyLabel);
    everyRow->addWidget(m_every);
    everyRow->addStretch(1);
    layout->addLayout(everyRow);
    auto* lengthRow = new QHBoxLayout;
    auto* lengthLabel = new QLabel(tr("Anomalies &last about"), body);
    m_length = new QSpinBox(body);
    m_length->setObjectName(QStringLiteral("anomalyLength"));
    m_length->setRange(1, core::kMaxDecisionSmoothing);
    m_length->setKeyboardTracking(false); // one change per value typed, not per digit
    m_length->setSuffix(tr(" points"));
    m_length->setSpecialValueText(tr("1 point (spikes)"));
    m_length->setToolTip(
        tr("How long an anomaly of this project usually lasts. Above 1 the decision weighs the "
           "evidence over that many points around each point: incidents lasting minutes are "
           "flagged whole, and single stray points are not. Kept in the project; used from the "
           "next training on."));
    lengthLabel->setBuddy(m_length);
    lengthRow->addWidget(lengthLabel);
    lengthRow->addWidget(m_length);
    lengthRow->addStretch(1);
    layout->addLayout(lengthRow);
    m_progress = new QProgressBar(body);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    layout->addWidget(m_progress);
    m_phase = new QLabel(body);
    m_phase->setObjectName(QStringLiteral("trainingPhase"));
    m_phase->setWordWrap(true); // a failure's message must not widen the dock over the chart
    layout->addWidget(m_phase);
    m_result = new QLabel(body);
    m_result->setObjectName(QStringLiteral("trainingResult"));
    m_result->setWordWrap(true);
    layout->addWidget(m_result);

    m_episodePlot = makeSmallPlot(body, QStringLiteral("episodePlot"));
    m_episodePlot->xAxis->setLabel(tr("episode"));
    m_episodePlot->yAxis->setLabel(tr("reward"));
    m_episodePlot->yAxis2->setLabel(tr("λ"));
    m_episodePlot->yAxis2->setVisible(true);
    m_episodePlot->setAccessibleName(tr("Reward and λ per episode"));
    layout->addWidget(m_episodePlot, 1);
    m_f1Plot = makeSmallPlot(body, QStringLiteral("f1Plot"));
    m_f1Plot->xAxis->setLabel(tr("model version"));
    m_f1Plot->yAxis->setLabel(tr("F1 (in-sample)"));
    m_f1Plot->yAxis->setRange(0.0, 1.05);
    m_f1Plot->legend->setVisible(false);
    m_f1Plot->setAccessibleName(tr("F1 per model version"));
    layout->addWidget(m_f1Plot, 1);
    setWidget(body);

    m_tick.setInterval(500);
    connect(&m_tick, &QTimer::timeout, this, &TrainingDock::updateElapsed);
    // The plots use the palette's colours and the hint names the retrain key.
    connect(&Palette::instance(), &Palette::changed, this, &TrainingDock::reloadModels);
    auto updateKeys = [this] {
        m_train->setToolTip(
            tr("Train a new model version on every series and label (%1)")
                .arg(Shortcuts::instance().keyText(QStringLiteral("model.retrain"))));
        reloadModels();
    };
    connect(&Shortcuts::instance(), &Shortcuts::keysChanged, this, updateKeys);
    m_train->setToolTip(tr("Train a new model version on every series and label (%1)")
                            .arg(Shortcuts::instance().keyText(QStringLiteral("model.retrain"))));
    connect(m_train, &QPushButton::clicked, this, &TrainingDock::train);
    m_retrainEvery = std::clamp(
        QSettings().value(QStringLiteral("training/retrain_every"), m_retrainEvery).toInt(), 0,
        1000);
    m_every->setValue(m_retrainEvery);
    connect(m_every, &QSpinBox::valueChanged, this, &TrainingDock::setRetrainEvery);
    connect(m_cancel, &QPushButton::clicked, this, &TrainingDock::cancel);
    connect(m_length, &QSpinBox::valueChanged, this, &TrainingDock::setAnomalyLength);
    connect(m_runner, &JobRunner::progress, this, [this](double fraction, const QString& phase) {
        m_progress->setValue(static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 1000.0));
        m_lastPhase = phaseText(phase);
        updateElapsed();
    });
    connect(m_runner, &JobRunner::finished, this, [this](const QVariant& value) {
        if (m_runPath != m_path) {
            runEnded(); // trained a project no longer open (it finished before it could stop)
            return;
        }
        markUnfinished(false);
        setRunning(false);
        const auto r = value.value<core::ProjectTrainResult>();
        m_progress->setValue(1000);
        m_phase->setText(tr("Done in %1 s").arg(r.seconds, 0, 'f', 1));
        m_result->setText(
            ((r.labelledPoints > 0
                  ? tr("Model v%1: %2 labelled points, %3 suggested points used; "
                       "in-sample F1 %4 (optimistic: measured on the training labels).")
                        .arg(r.version)
                        .arg(r.labelledPoints)
                        .arg(r.propagatedPoints)
                        .arg(r.inSampleF1, 0, 'f', 3)
                  // No labelled point, no F1 to measure (it read 0.000).
                  : tr("Model v%1: no labelled points; it scores with the VAE and the residual "
                       "evidence alone.")
                        .arg(r.version)) +
             QLatin1Char(' ') + decisionText(r.metricsJson) +
             (r.qUpdates == 0
                  ? QLatin1Char(' ') + tr("No Q-network update ran: too few windows for the "
                                          "replay memory (the paper preset counts labelled "
                                          "windows only), so the agent is untrained.")
                  : QString()) +
             skippedText(r.skipped))
                .trimmed());
        reloadModels();
        Q_EMIT modelTrained(r.version);
        if (m_retrainPending) {
            // Labels changed enough while this version trained: train once more, from the
            // event loop so the slots of modelTrained see this version first.
            QTimer::singleShot(0, this, [this] {
                if (m_retrainPending && !isTraining()) {
                    train();
                }
            });
        }
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        markUnfinished(false); // a failure would fail again: not restarted on reopen
        runEnded();
        if (m_runPath != m_path) {
            return;
        }
        m_phase->setText(tr("Training failed: %1").arg(message));
        m_retrainPending = false; // it would fail the same way
        // No "scores appear when it is done" or "Training again after this run" beside it.
        m_result->clear();
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        runEnded();
        if (m_runPath != m_path) {
            return; // the previous project's run, stopped when this one opened
        }
        m_progress->setValue(0);
        m_phase->setText(m_hasModel
                             ? tr("Cancelled; the previous model version stays in use.")
                             : tr("Cancelled; no model was stored, so there are no scores yet."));
        m_result->clear(); // no "scores appear when it is done" beside it
    });
    setRunning(false);
    setProject({}, nullptr);
}

TrainingDock::~TrainingDock() = default;

bool TrainingDock::isTraining() const
{
    return m_runner->isRunning();
}

void TrainingDock::setProject(const QString& path, core::Project* project, bool hasSeries)
{
    if (isTraining() && path != m_runPath) {
        // Another project opens while this one trains: its run stops, and its file keeps the
        // unfinished mark, so it trains again when it is next opened.
        m_runner->cancel();
    }
    m_deferredTrain.clear();
    m_path = path;
    m_project = project;
    m_readOnly = project != nullptr && project->readOnly();
    m_editsSinceTraining = 0;
    m_retrainPending = false;
    m_train->setEnabled(project != nullptr && !isTraining() && !m_readOnly);
    m_result->clear();
    m_progress->setValue(0);
    m_phase->setText(project ? tr("Idle") : tr("No project open."));
    const auto models = reloadModels();
    {
        const QSignalBlocker quiet(m_length);
        m_length->setEnabled(project != nullptr && !m_readOnly);
        m_length->setValue(1);
        if (project != nullptr) {
            if (auto span = core::projectSmoothing(*project)) {
                m_length->setValue(*span);
            } else {
                m_result->setText(coreText(span.error().message));
            }
        }
    }
    if (project == nullptr) {
        return;
    }
    if (m_readOnly) {
        // Training stores a model version: refused at once, not after a minute of training.
        m_result->setText(readOnlyText());
        return;
    }
    // The analyst's edits the newest model has not seen still count toward the automatic
    // retrain, and as many as it waits for restart training now: a run cut short by closing
    // the window, or edits made since, are not forgotten (UX.md: training resumes or restarts
    // on reopen). Vigil's own steps (the suggestions' update after a retrain) do not count, as
    // they do not while the window is open.
    // Counted from when the newest model read the labels: the edits made while it trained
    // were logged before it was stored, and counting from then forgot them.
    const std::int64_t since = models.empty() ? 0 : core::modelLabelsReadAt(models.back());
    if (auto pending = project->analystEditsSince(since); pending) {
        m_editsSinceTraining = static_cast<int>(std::min<std::int64_t>(*pending, 1 << 20));
    }
    if (m_retrainEvery <= 0) {
        return; // automatic training is off: only Train / Ctrl+R train
    }
    // UX.md's loop: a project scores its data at once with what it has. One without a model
    // trains its first version (labels are not needed: the VAE and the residual score alone),
    // and a run cut short (the window closed, the process ended) starts again.
    QString why;
    if (m_trainOnOpen) {
        auto unfinished = project->setting(kUnfinishedKey);
        if (models.empty() && hasSeries) {
            why = tr("Training the first model in the background: scores appear when it is done.");
        } else if (unfinished && unfinished->value_or(std::string()) == "1") {
            why = tr("Training restarted: the previous run did not finish.");
        }
    }
    if (why.isEmpty() && m_editsSinceTraining >= m_retrainEvery) {
        why = tr("Training restarted: %n label edit(s) since the newest model.", nullptr,
                 m_editsSinceTraining);
    }
    if (!why.isEmpty()) {
        QTimer::singleShot(0, this, [this, why] { trainBecause(why); });
    }
}

void TrainingDock::trainBecause(const QString& why)
{
    if (m_project == nullptr) {
        return;
    }
    if (isTraining()) {
        m_deferredTrain = why; // the previous project's run is still stopping
        return;
    }
    train();
    m_result->setText(why);
}

void TrainingDock::runEnded()
{
    setRunning(false);
    if (m_runPath != m_path && m_project != nullptr && m_deferredTrain.isEmpty()) {
        // The previous project's run has stopped: show the open project's models, which
        // setProject could not while that run was still going.
        m_progress->setValue(0);
        m_phase->setText(tr("Idle"));
        reloadModels();
    }
    if (!m_deferredTrain.isEmpty()) {
        QTimer::singleShot(0, this, [this, why = std::exchange(m_deferredTrain, QString())] {
            trainBecause(why);
        });
    }
}

void TrainingDock::markUnfinished(bool unfinished)
{
    if (m_project == nullptr || m_runPath != m_path) {
        return; // the run belonged to a project no longer open
    }
    if (auto st = m_project->setSetting(kUnfinishedKey, unfinished ? "1" : ""); !st) {
        m_result->setText(coreText(st.error().message));
    }
}

void TrainingDock::noteLabelEdit()
{
    if (m_project == nullptr) {
        return;
    }
    ++m_editsSinceTraining;
    if (m_retrainEvery <= 0 || m_editsSinceTraining < m_retrainEvery) {
        return;
    }
    if (isTraining()) {
        // Said, as Retrain now during a run says it.
        m_retrainPending = true;
        m_result->setText(tr("Training again after this run, with the %n label edit(s) "
                             "made since it started.",
                             nullptr, m_editsSinceTraining));
        return;
    }
    train();
}

void TrainingDock::setRetrainEvery(int edits)
{
    edits = std::clamp(edits, 0, 1000);
    if (edits == m_retrainEvery) {
        return;
    }
    m_retrainEvery = edits;
    QSettings().setValue(QStringLiteral("training/retrain_every"), edits);
    if (m_every->value() != edits) {
        m_every->setValue(edits);
    }
}

void TrainingDock::setAnomalyLength(int points)
{
    if (m_length->value() != points) {
        m_length->setValue(points); // comes back here through valueChanged
        return;
    }
    if (m_project == nullptr) {
        return;
    }
    if (auto st = core::setProjectSmoothing(*m_project, points); !st) {
        m_result->setText(
            tr("The anomaly length was not saved: %1").arg(coreText(st.error().message)));
        return;
    }
    m_result->setText(points > 1 ? tr("Anomalies last about %1 points: the next training uses "
                                      "this.")
                                       .arg(points)
                                 : tr("Anomalies are single points: the next training uses this."));
}

int TrainingDock::anomalyLength() const
{
    return m_length->value();
}

QString TrainingDock::readOnlyText() const
{
    return tr("This project is read-only, and training stores a model version in it: save a "
              "copy (File, Save a copy as…) to train.");
}

void TrainingDock::train()
{
    if (m_path.isEmpty()) {
        return;
    }
    if (m_readOnly) {
        m_result->setText(readOnlyText());
        return;
    }
    if (isTraining()) {
        if (m_runPath != m_path) {
            // The previous project's run is still stopping: train this one when it has.
            m_deferredTrain = tr("Training starts when the previous project's run has stopped.");
            m_result->setText(m_deferredTrain);
            return;
        }
        // Retrain now during a run: the labels changed since it started train once more after
        // it (it used to be dropped, and those labels waited for the next N edits).
        if (m_editsSinceTraining > 0) {
            m_retrainPending = true;
            m_result->setText(tr("Training again after this run, with the %n label edit(s) "
                                 "made since it started.",
                                 nullptr, m_editsSinceTraining));
        } else {
            m_result->setText(tr("Already training on the current labels."));
        }
        return;
    }
    // Edits made from here on count toward the next automatic retrain.
    m_editsSinceTraining = 0;
    m_retrainPending = false;
    core::ProjectTrainOptions options;
    options.episodes = m_episodes;
    // Leave a core to the GUI thread so the window stays responsive while torch is busy.
    options.threads = std::max(1, QThread::idealThreadCount() - 1);
    m_lastPhase = tr("starting");
    m_progress->setValue(0);
    m_result->clear();
    if (m_runner->start(makeTrainJob(m_path, options))) {
        m_runPath = m_path;
        setRunning(true);
        markUnfinished(true); // cleared when the run ends or the analyst cancels it
    }
}

void TrainingDock::cancel()
{
    if (!isTraining()) {
        return; // nothing to cancel (it used to leave "Cancelling…" on screen for good)
    }
    markUnfinished(false); // cancelled on purpose: not restarted on reopen
    m_retrainPending = false;
    m_runner->cancel();
    m_phase->setText(tr("Cancelling…"));
}

void TrainingDock::setRunning(bool running)
{
    // The clicked button disables itself: focus goes to the other one, not down the chain
    // into "Retrain automatically after", where the next 1-9 meant for the class set the
    // retrain count (and was saved) instead.
    QPushButton* const enabled = running ? m_cancel : m_train;
    QPushButton* const disabled = running ? m_train : m_cancel;
    enabled->setEnabled(running || (m_project != nullptr && !m_readOnly));
    if (disabled->hasFocus() && enabled->isEnabled()) {
        enabled->setFocus(Qt::OtherFocusReason);
    }
    disabled->setEnabled(false);
    Q_EMIT runningChanged(running);
    if (running) {
        m_clock.start();
        m_tick.start();
        updateElapsed();
    } else {
        m_tick.stop();
    }
}

void TrainingDock::updateElapsed()
{
    if (!isTraining() || m_runPath != m_path) {
        return; // a previous project's run, stopping: the dock shows the open project
    }
    m_phase->setText(tr("%1 · %2 s").arg(m_lastPhase).arg(m_clock.elapsed() / 1000));
}

std::vector<core::ModelRecord> TrainingDock::reloadModels()
{
    std::vector<core::ModelRecord> models;
    if (m_project) {
        // Without blobs: configuration and metrics JSON only, a few kB per version.
        auto list = m_project->listModels();
        if (list) {
            models = std::move(list).value();
        } else {
            m_result->setText(coreText(list.error().message));
        }
    }
    m_hasModel = !models.empty();
    plotModels(models);
    return models;
}

void TrainingDock::plotModels(const std::vector<core::ModelRecord>& models)
{
    m_episodePlot->clearGraphs();
    m_f1Plot->clearGraphs();
    m_f1Plot->clearPlottables();
    // No empty legend box over a plot without lines.
    m_episodePlot->legend->setVisible(!models.empty());
    if (models.empty()) {
        m_episodePlot->xAxis->setRange(0, 1);
        m_episodePlot->replot(QCustomPlot::rpQueuedReplot);
        m_f1Plot->replot(QCustomPlot::rpQueuedReplot);
        if (m_project && !isTraining()) {
            m_phase->setText(
                tr("Not trained yet: press Train (%1).")
                    .arg(Shortcuts::instance().keyText(QStringLiteral("model.retrain"))));
        }
        return;
    }
    // Episodes of the newest version, one pair of lines per detector (channel count).
    const QJsonObject metrics =
        QJsonDocument::fromJson(QByteArray::fromStdString(models.back().metricsJson)).object();
    const QJsonArray groups = metrics.value(QLatin1String("groups")).toArray();
    // Episodes count from 0 (the engine's first episode); the axis shows every one.
    double minEpisode = 0.0;
    double maxEpisode = 1.0;
    bool anyEpisode = false;
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const QJsonObject group = groups[g].toObject();
        const int channels = group.value(QLatin1String("channels")).toInt();
        QVector<double> x;
        QVector<double> reward;
        QVector<double> lambda;
        for (const QJsonValue& v : group.value(QLatin1String("episodes")).toArray()) {
            const QJsonObject e = v.toObject();
            x << e.value(QLatin1String("episode")).toDouble();
            reward << e.value(QLatin1String("reward")).toDouble();
            lambda << e.value(QLatin1String("lambda")).toDouble();
        }
        if (!x.isEmpty()) {
            minEpisode = anyEpisode ? std::min(minEpisode, x.front()) : x.front();
            maxEpisode = anyEpisode ? std::max(maxEpisode, x.back()) : x.back();
            anyEpisode = true;
        }
        const QColor colour = SeriesColours::channel(static_cast<int>(g));
        auto* r = m_episodePlot->addGraph();
        r->setName(tr("reward (%n ch)", nullptr, channels));
        r->setPen(QPen(colour, 1.5));
        r->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        r->setData(x, reward, true);
        auto* l = m_episodePlot->addGraph(m_episodePlot->xAxis, m_episodePlot->yAxis2);
        l->setName(tr("λ (%n ch)", nullptr, channels));
        l->setPen(QPen(colour, 1.2, Qt::DashLine));
        l->setData(x, lambda, true);
    }
    m_episodePlot->rescaleAxes();
    m_episodePlot->xAxis->setRange(minEpisode - 0.5, std::max(maxEpisode, minEpisode + 1) + 0.5);
    // A little room above and below, so a line that stays level (λ at its bound) is not drawn
    // on the axis itself.
    for (QCPAxis* axis : {m_episodePlot->yAxis, m_episodePlot->yAxis2}) {
        const QCPRange r = axis->range();
        const double pad =
            r.size() > 1e-9 ? 0.06 * r.size() : std::max(0.5, 0.06 * std::abs(r.center()));
        axis->setRange(r.lower - pad, r.upper + pad);
    }
    m_episodePlot->replot(QCustomPlot::rpQueuedReplot);

    // In-sample F1 of every version.
    QVector<double> versions;
    QVector<double> f1;
    for (const auto& m : models) {
        const QJsonObject o =
            QJsonDocument::fromJson(QByteArray::fromStdString(m.metricsJson)).object();
        // A version trained on no labelled point has no F1 to show (it read 0.0).
        if (o.contains(QLatin1String("in_sample_f1")) &&
            o.value(QLatin1String("labelled_points")).toDouble(1.0) > 0.0) {
            versions << static_cast<double>(m.version);
            f1 << o.value(QLatin1String("in_sample_f1")).toDouble();
        }
    }
    auto* g = m_f1Plot->addGraph();
    g->setPen(QPen(SeriesColours::channel(2), 1.5));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
    g->setData(versions, f1, true);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_f1Plot->xAxis->setTicker(ticker);
    m_f1Plot->xAxis->setRange(0.5, static_cast<double>(models.back().version) + 0.5);
    m_f1Plot->yAxis->setRange(0.0, 1.05);
    m_f1Plot->replot(QCustomPlot::rpQueuedReplot);
    if (m_project && !isTraining() && m_result->text().isEmpty()) {
        m_result->setText((tr("Newest: model v%1 (%2).")
                               .arg(models.back().version)
                               .arg(QString::fromStdString(models.back().preset)) +
                           QLatin1Char(' ') + decisionText(models.back().metricsJson))
                              .trimmed());
    }
}

} // namespace vigil::ui
