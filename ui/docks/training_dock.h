// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>
#include <QElapsedTimer>
#include <QTimer>

#include "vigil/project.h"

#include <vector>

class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace vigil::ui {

class JobRunner;

/// Background training: Train and Cancel, progress with its phase and elapsed time, and plots
/// of the newest model's episode reward and λ and of the in-sample F1 per model version (from
/// the metrics trainProjectModel stores). Training and scoring run on the runner's thread.
/// GUI thread only.
class TrainingDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit TrainingDock(QWidget* parent = nullptr);
    ~TrainingDock() override;

    /// Shows the models of `project` (GUI connection, read once here); workers open `path`.
    /// `hasSeries`: the project holds series (a first model is trained on opening only then).
    void setProject(const QString& path, core::Project* project, bool hasSeries = false);
    /// Starts training a new model version. During a run it trains once more after it, if
    /// labels changed since the run started (Retrain now, Ctrl+R, in the middle of a run).
    void train();
    /// Cancels the run, and the retrain queued after it; nothing when no run is going.
    void cancel();
    /// > 0 overrides the preset's episodes (tests and quick looks).
    void setEpisodes(int episodes) { m_episodes = episodes; }
    bool isTraining() const;
    /// The analyst changed labels (one edit, undo and redo included). After retrainEvery()
    /// edits a new version is trained in the background; during a training run the retrain
    /// waits for it to finish.
    void noteLabelEdit();
    /// Edits between automatic retrains; 0 = only on request (Ctrl+R). Kept in user settings.
    /// Above 0, opening a project also trains when it has no model yet or its last run did not
    /// finish (see setTrainOnOpen).
    void setRetrainEvery(int edits);
    int retrainEvery() const { return m_retrainEvery; }
    int editsSinceTraining() const { return m_editsSinceTraining; }
    /// Whether setProject() trains a project without a model, or one whose last run did not
    /// finish (with automatic training on). On by default; the environment variable
    /// VIGIL_TRAIN_ON_OPEN=0 turns it off (the test suite; `vigil --screenshot` turns it off
    /// itself).
    void setTrainOnOpen(bool on) { m_trainOnOpen = on; }
    bool trainOnOpen() const { return m_trainOnOpen; }
    /// The project setting that is "1" while a run started here has not ended.
    static constexpr const char* kUnfinishedKey = "training.unfinished";
    /// The project's expected anomaly length in points (core::setProjectSmoothing()), stored
    /// at once and used by the next training; 1 = point anomalies.
    void setAnomalyLength(int points);
    int anomalyLength() const;

    JobRunner* runner() const { return m_runner; }
    QCustomPlot* episodePlot() const { return m_episodePlot; }
    QCustomPlot* f1Plot() const { return m_f1Plot; }

Q_SIGNALS:
    /// A new model version was stored together with the scores of every series.
    void modelTrained(qint64 version);
    /// A training run started or ended (Model → Cancel training follows it).
    void runningChanged(bool running);

private:
    /// Why a read-only project does not train.
    QString readOnlyText() const;
    /// Reads the model versions (without blobs), plots them and returns them.
    std::vector<core::ModelRecord> reloadModels();
    bool m_hasModel = false; ///< the open project has a model version (as last read)
    void plotModels(const std::vector<core::ModelRecord>& models);
    void setRunning(bool running);
    void updateElapsed();
    /// Writes kUnfinishedKey on the GUI connection (a small write), for the open project's
    /// own run only.
    void markUnfinished(bool unfinished);
    /// Trains now and says why, or as soon as a run that is stopping has ended.
    void trainBecause(const QString& why);
    /// A run ended (finished, failed or cancelled): a deferred training starts.
    void runEnded();

    QString m_path;
    QString m_runPath;       ///< the project the newest run trains (or trained)
    QString m_deferredTrain; ///< why to train once the running job has ended
    core::Project* m_project = nullptr;
    bool m_readOnly = false; ///< the open project cannot be written: nothing trains
    int m_episodes = 0;
    int m_retrainEvery = 10;
    int m_editsSinceTraining = 0;
    bool m_retrainPending = false;
    bool m_trainOnOpen = qEnvironmentVariable("VIGIL_TRAIN_ON_OPEN") != QLatin1String("0");
    QSpinBox* m_every = nullptr;
    QSpinBox* m_length = nullptr;
    QPushButton* m_train = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_phase = nullptr;
    QLabel* m_result = nullptr;
    QCustomPlot* m_episodePlot = nullptr;
    QCustomPlot* m_f1Plot = nullptr;
    JobRunner* m_runner = nullptr;
    QElapsedTimer m_clock;
    QTimer m_tick; ///< refreshes the elapsed time while training
    QString m_lastPhase;
};

} // namespace vigil::ui
