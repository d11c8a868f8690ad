// SPDX-License-Identifier: MIT
#include "workers/job_runner.h"

#include "core_text.h"

#include <algorithm>
#include <cstring>
#include <exception>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace vigil::ui {
namespace {

/// Lowers the calling thread's scheduling weight (nice +10 on Linux, where nice is per thread
/// and inherited by the threads it creates, such as torch's OpenMP pool). Without it the job's
/// threads share the process's CPU share equally with the GUI thread, and on two busy cores
/// the event loop waited up to ~0.8 s between timer ticks during training. QThread's
/// priorities map to nothing (or to SCHED_IDLE, which starves the job) for SCHED_OTHER.
void lowerThisThreadPriority()
{
#ifdef Q_OS_LINUX
    const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, 10);
#endif
}

/// Hands the heap's free pages back to the system after a job, on the job's own thread.
/// glibc keeps what a job freed: choosing queries on a 3-million-point series peaked at
/// 1.1 GB and the window then stayed at 807 MB for good (251 MB once trimmed).
void releaseFreedMemory()
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

} // namespace

/// Lives on the runner's thread and runs what it is handed there.
class JobWorker : public QObject
{
    Q_OBJECT

public:
    void run(quint64 ticket, const Job& job, const core::CancelToken& cancel,
             const std::shared_ptr<ProgressSlot>& slot)
    {
        // Training reports every batch: a short lock and a copy each time; the owner reads the
        // newest a few times a second.
        const core::ProgressSink sink{[&slot](double fraction, const std::string& phase) {
            std::size_t n = std::min(phase.size(), slot->phase.size() - 1);
            while (n > 0 && n < phase.size() &&
                   (static_cast<unsigned char>(phase[n]) & 0xC0) == 0x80) {
                --n; // do not cut a UTF-8 character in two
            }
            const std::lock_guard<std::mutex> lock(slot->mutex);
            slot->fraction = fraction;
            std::memcpy(slot->phase.data(), phase.data(), n);
            slot->phase[n] = '\0';
            ++slot->sequence;
        }};
        JobOutcome outcome;
        try {
            outcome = job(sink, cancel);
        } catch (const std::exception& e) { // core promises not to throw; a bug must not kill us
            outcome.error = tr("Internal error: %1").arg(QString::fromUtf8(e.what()));
        }
        Q_EMIT done(ticket, outcome.value, outcome.error);
        releaseFreedMemory();
    }

Q_SIGNALS:
    void done(quint64 ticket, const QVariant& value, const QString& error);
};

JobRunner::JobRunner(const QString& name, QObject* parent)
    : QObject(parent)
    , m_worker(new JobWorker)
{
    m_thread.setObjectName(name);
    m_worker->moveToThread(&m_thread);
    // Direct: runs on the new thread itself, before any job.
    connect(&m_thread, &QThread::started, m_worker, &lowerThisThreadPriority,
            Qt::DirectConnection);
    // The worker lives on another thread: these connections are queued.
    connect(m_worker, &JobWorker::done, this, &JobRunner::onDone);
    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, [this] { pollProgress(false); });
    m_thread.start();
}

JobRunner::~JobRunner()
{
    m_cancel.requestCancel();
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread has stopped: no event of it can still run
}

bool JobRunner::start(Job job)
{
    if (m_running) {
        return false;
    }
    m_running = true;
    m_cancel.reset();
    const quint64 ticket = ++m_ticket;
    JobWorker* worker = m_worker;
    const core::CancelToken* cancel = &m_cancel;
    m_slot = std::make_shared<ProgressSlot>();
    m_seenSequence = 0;
    QMetaObject::invokeMethod(
        m_worker,
        [worker, ticket, cancel, slot = m_slot, job = std::move(job)] {
            worker->run(ticket, job, *cancel, slot);
        },
        Qt::QueuedConnection);
    m_poll.start();
    Q_EMIT started();
    return true;
}

void JobRunner::cancel()
{
    if (m_running) {
        m_cancel.requestCancel();
    }
}

void JobRunner::pollProgress(bool wait)
{
    if (!m_running || !m_slot) {
        return;
    }
    double fraction = 0.0;
    QString phase;
    {
        std::unique_lock<std::mutex> lock(m_slot->mutex, std::defer_lock);
        if (wait) {
            lock.lock();
        } else if (!lock.try_lock()) {
            return; // the worker is writing: read it next time
        }
        if (m_slot->sequence == m_seenSequence) {
            return;
        }
        m_seenSequence = m_slot->sequence;
        fraction = m_slot->fraction;
        phase = QString::fromUtf8(m_slot->phase.data());
    }
    Q_EMIT progress(fraction, phase);
}

void JobRunner::onDone(quint64 ticket, const QVariant& value, const QString& error)
{
    if (ticket != m_ticket) {
        return;
    }
    pollProgress(true); // the last report, before the result
    m_poll.stop();
    m_running = false;
    m_slot.reset();
    if (error.isEmpty()) {
        Q_EMIT finished(value);
    } else if (m_cancel.isCancelled()) {
        // Whatever the job said after a cancel request (core says "cancelled"), the user asked.
        Q_EMIT cancelled();
    } else {
        Q_EMIT failed(coreText(error)); // core's phrases in the user's language
    }
}

} // namespace vigil::ui

#include "job_runner.moc"
