// SPDX-License-Identifier: MIT
#include "workers/job_runner.h"

#include <QElapsedTimer>

#include <exception>

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

} // namespace

/// Lives on the runner's thread and runs what it is handed there.
class JobWorker : public QObject
{
    Q_OBJECT

public:
    void run(quint64 ticket, const Job& job, const core::CancelToken& cancel)
    {
        QElapsedTimer sinceEmit;
        sinceEmit.start();
        QString lastPhase;
        bool first = true;
        // Training reports every batch; a queued signal per batch would keep the GUI loop busy
        // for nothing, so only phase changes, completion and ~8 updates a second get through.
        const core::ProgressSink sink{[&](double fraction, const std::string& phase) {
            const QString p = QString::fromStdString(phase);
            if (first || p != lastPhase || fraction >= 1.0 || sinceEmit.elapsed() >= 120) {
                first = false;
                lastPhase = p;
                sinceEmit.restart();
                Q_EMIT progressed(ticket, fraction, p);
            }
        }};
        JobOutcome outcome;
        try {
            outcome = job(sink, cancel);
        } catch (const std::exception& e) { // core promises not to throw; a bug must not kill us
            outcome.error = tr("Internal error: %1").arg(QString::fromUtf8(e.what()));
        }
        Q_EMIT done(ticket, outcome.value, outcome.error);
    }

Q_SIGNALS:
    void progressed(quint64 ticket, double fraction, const QString& phase);
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
    connect(m_worker, &JobWorker::progressed, this, &JobRunner::onProgress);
    connect(m_worker, &JobWorker::done, this, &JobRunner::onDone);
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
    QMetaObject::invokeMethod(
        m_worker,
        [worker, ticket, cancel, job = std::move(job)] { worker->run(ticket, job, *cancel); },
        Qt::QueuedConnection);
    Q_EMIT started();
    return true;
}

void JobRunner::cancel()
{
    if (m_running) {
        m_cancel.requestCancel();
    }
}

void JobRunner::onProgress(quint64 ticket, double fraction, const QString& phase)
{
    if (ticket == m_ticket && m_running) {
        Q_EMIT progress(fraction, phase);
    }
}

void JobRunner::onDone(quint64 ticket, const QVariant& value, const QString& error)
{
    if (ticket != m_ticket) {
        return;
    }
    m_running = false;
    if (error.isEmpty()) {
        Q_EMIT finished(value);
    } else if (m_cancel.isCancelled()) {
        // Whatever the job said after a cancel request (core says "cancelled"), the user asked.
        Q_EMIT cancelled();
    } else {
        Q_EMIT failed(error);
    }
}

} // namespace vigil::ui

#include "job_runner.moc"
