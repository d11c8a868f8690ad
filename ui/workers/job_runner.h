// SPDX-License-Identifier: MIT
// Runs one long core job at a time on a thread of its own (ARCHITECTURE.md rule 3): the job gets
// a ProgressSink and a CancelToken; its result and failure come back to the owner's thread as
// queued signals, its progress through a slot the owner's thread polls (see ProgressSlot). A job
// must open its own Project: it runs on the worker thread.
//
// Thread rules: create, start, cancel and destroy a JobRunner on one thread (normally the GUI
// thread); its signals arrive on that thread. The Job itself runs on the runner's QThread.
#pragma once

#include "vigil/progress.h"

#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVariant>

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

namespace vigil::ui {

class JobWorker;

/// The newest progress of a job, written by the worker and read by the owner's thread with a
/// timer. Not a queued signal: its event and text would be allocated by the worker thread and
/// freed by the GUI thread, and once such memory circulates through the GUI thread's malloc
/// cache, the GUI thread's own allocations take the worker's arena lock. The worker runs at a
/// lower priority, so on a busy machine the GUI thread then waited 30–80 ms at a time for a
/// worker that held the lock and waited for a CPU (measured with strace in tst_training).
/// The reader only try-locks, so it never waits for the worker.
struct ProgressSlot
{
    std::mutex mutex;
    std::uint64_t sequence = 0; ///< counts writes
    double fraction = 0.0;
    std::array<char, 192> phase{}; ///< UTF-8, NUL-terminated, cut at a character boundary
};

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
    /// The newest report, ten times a second at most (a phase shorter than that may not show),
    /// and the last one before the job's result.
    void progress(double fraction, const QString& phase);
    void finished(const QVariant& result);
    /// The job's error, with core's phrases (vigil/phrases.h) in the user's language.
    void failed(const QString& message);
    void cancelled();

private:
    /// Emits progress() when the slot holds a newer report; `wait` takes the lock even when the
    /// worker holds it (only once the job has returned).
    void pollProgress(bool wait);
    void onDone(quint64 ticket, const QVariant& value, const QString& error);

    QThread m_thread;
    JobWorker* m_worker = nullptr; ///< lives on m_thread
    core::CancelToken m_cancel;    ///< set here, read by the job on m_thread
    quint64 m_ticket = 0;          ///< the running job's number; stale reports are dropped
    bool m_running = false;
    std::shared_ptr<ProgressSlot> m_slot; ///< the running job's; a new one per job
    std::uint64_t m_seenSequence = 0;
    QTimer m_poll; ///< reads m_slot while a job runs
};

} // namespace vigil::ui
