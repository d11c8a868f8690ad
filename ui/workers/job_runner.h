// SPDX-License-Identifier: MIT
// Runs one long core job at a time on a thread of its own (ARCHITECTURE.md rule 3): the job gets
// a ProgressSink and a CancelToken, and its progress, result and failure come back to the owner's
// thread as queued signals. A job must open its own Project: it runs on the worker thread.
//
// Thread rules: create, start, cancel and destroy a JobRunner on one thread (normally the GUI
// thread); its signals arrive on that thread. The Job itself runs on the runner's QThread.
#pragma once

#include <QObject>
#include <QString>
#include <QThread>
#include <QVariant>

#include "vigil/progress.h"

#include <cstdint>
#include <functional>

namespace vigil::ui {

class JobWorker;

/// What a job hands back: a value on success, or the error in words for the user.
struct JobOutcome
{
    QVariant value;
    QString error; ///< empty on success; core::kCancelledMessage when it stopped on request
};

/// A long job: runs on the worker thread, reports through the sink, checks the token.
using Job = std::function<JobOutcome(const core::ProgressSink&, const core::CancelToken&)>;

/// A QObject facade over a worker living on its own QThread.
class JobRunner : public QObject
{
    Q_OBJECT

public:
    explicit JobRunner(const QString& name, QObject* parent = nullptr);
    ~JobRunner() override; ///< cancels a running job and waits for it to return

    /// Starts `job` unless one is running (then returns false and does nothing).
    bool start(Job job);
    /// Asks the running job to stop at its next check; `cancelled` follows.
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void started();
    /// Throttled to a few per second (and every phase change) so the GUI loop never floods.
    void progress(double fraction, const QString& phase);
    void finished(const QVariant& result);
    void failed(const QString& message);
    void cancelled();

private:
    void onProgress(quint64 ticket, double fraction, const QString& phase);
    void onDone(quint64 ticket, const QVariant& value, const QString& error);

    QThread m_thread;
    JobWorker* m_worker = nullptr; ///< lives on m_thread
    core::CancelToken m_cancel;    ///< set here, read by the job on m_thread
    quint64 m_ticket = 0;          ///< the running job's number; stale reports are dropped
    bool m_running = false;
};

} // namespace vigil::ui
