// SPDX-License-Identifier: MIT
#include "docks/queue_dock.h"

#include "core_text.h"
#include "docks/column_fitter.h"
#include "models/query_table_model.h"
#include "models/row_times.h"
#include "shortcuts.h"
#include "vigil/active_learning.h"
#include "workers/job_runner.h"
#include "workers/project_jobs.h"

#include <QAction>
#include <QDateTime>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <utility>

namespace vigil::ui {

namespace {
constexpr int kReasonWidth = 60; ///< the reason column's least width: sentences, elided
} // namespace

QueueDock::QueueDock(QWidget* parent)
    : QDockWidget(tr("Queue"), parent)
    , m_model(new QueryTableModel(this))
    , m_runner(new JobRunner(QStringLiteral("vigil-queries"), this))
{
    setObjectName(QStringLiteral("queueDock"));
    m_times = new RowTimesLoader(this);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* top = new QHBoxLayout;
    m_refresh = new QPushButton(tr("Refresh queue"), body);
    m_refresh->setToolTip(tr("Pick the next windows to label (on a background thread)"));
    top->addWidget(m_refresh);
    m_progress = new QProgressBar(body);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_progress->setVisible(false);
    top->addWidget(m_progress, 100); // the row's width while it shows, not half of it
    m_cancel = new QPushButton(tr("Cancel"), body);
    m_cancel->setObjectName(QStringLiteral("cancelQueue"));
    m_cancel->setToolTip(tr("Stop computing queries; the queue stays as it was"));
    m_cancel->setVisible(false);
    top->addWidget(m_cancel);
    top->addStretch(1);
    layout->addLayout(top);
    m_note = new QLabel(body);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    layout->addWidget(m_note);
    m_view = new QTableView(body);
    m_view->setTabKeyNavigation(false); // Tab moves on to the next widget, not the next cell
    m_view->setObjectName(QStringLiteral("queueView"));
    m_view->setAccessibleName(tr("Queries to answer"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    // Shown after the status, so the status stays in view in a narrow dock.
    m_view->horizontalHeader()->moveSection(QueryTableModel::StatusColumn,
                                            QueryTableModel::ReasonColumn);
    m_view->setWordWrap(false);
    m_fitter = new ColumnFitter(m_view, QueryTableModel::SeriesColumn, QueryTableModel::RangeColumn,
                                kReasonWidth);
    layout->addWidget(m_view, 1);
    m_reason = new QLabel(body);
    m_reason->setObjectName(QStringLiteral("queueReason"));
    m_reason->setWordWrap(true);
    m_reason->setTextFormat(Qt::PlainText);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reason->setVisible(false);
    layout->addWidget(m_reason);
    connect(m_times, &RowTimesLoader::loaded, this, [this](const RowTimes& times) {
        m_model->setTimes(times);
        m_fitter->fit();
    });
    m_keys = new QLabel(body);
    m_keys->setObjectName(QStringLiteral("queueKeys"));
    m_keys->setEnabled(false); // a hint, drawn dimmed
    layout->addWidget(m_keys);
    setWidget(body);

    // The keys belong to the queue only while it has focus; elsewhere ←/→ pan the chart.
    addKey(tr("Mark query &anomalous"), QStringLiteral("queue.anomalous"),
           [this] { answer(core::kClassAnomaly); });
    addKey(tr("Mark query &normal"), QStringLiteral("queue.normal"),
           [this] { answer(core::kClassNormal); });
    addKey(tr("&Skip query"), QStringLiteral("queue.skip"), [this] { skip(); });
    addKey(tr("Next query"), QStringLiteral("queue.next"), [this] { step(1); });
    addKey(tr("Previous query"), QStringLiteral("queue.previous"), [this] { step(-1); });
    Shortcuts::keepTypingKeysInFields(widget()); // Enter in a field is not "accept"
    addKey(tr("A&ccept suggestions in the window"), QStringLiteral("queue.accept"),
           [this] { decideSuggestions(true); });
    addKey(tr("&Reject suggestions in the window"), QStringLiteral("queue.reject"),
           [this] { decideSuggestions(false); });
    updateKeyHint();
    connect(&Shortcuts::instance(), &Shortcuts::keysChanged, this, &QueueDock::updateKeyHint);

    connect(m_refresh, &QPushButton::clicked, this, &QueueDock::refresh);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                showReason(current.row());
                onCurrentChanged(current.row());
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showReason(currentRow()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_refreshAfter = false; // the analyst's cancel also drops a refresh asked meanwhile
        m_runner->cancel();
    });
    connect(m_runner, &JobRunner::started, this, [this] {
        setRunning(true);
        m_note->setText(tr("Computing queries…"));
    });
    connect(m_runner, &JobRunner::progress, this, [this](double fraction, const QString& phase) {
        m_progress->setValue(static_cast<int>(fraction * 1000.0));
        // The phase names the series ("choosing queries in big3m"): elided to the bar, whole in
        // its tooltip (it wrapped onto two lines, cut, in a narrow dock).
        const QString text = phaseText(phase);
        const QFontMetrics metrics(m_progress->font());
        const int room = m_progress->width() -
                         metrics.horizontalAdvance(QStringLiteral(" · 100%")) -
                         metrics.averageCharWidth() * 3;
        m_progress->setFormat(
            QStringLiteral("%1 · %p%")
                .arg(metrics.elidedText(text, Qt::ElideMiddle,
                                        std::max(room, metrics.averageCharWidth() * 4))));
        m_progress->setToolTip(text);
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        if (!jobEnded()) {
            return;
        }
        m_note->setText(tr("Cancelled; the queue is as it was."));
        reload(true);
    });
    connect(m_runner, &JobRunner::finished, this, [this](const QVariant& value) {
        if (!jobEnded()) {
            return;
        }
        const auto result = value.value<core::ProjectQueriesResult>();
        showNotes(result.note, result.stopping.message);
        reload(true);
        Q_EMIT refreshed();
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        if (!jobEnded()) {
            return;
        }
        m_note->setText(tr("Could not compute queries: %1").arg(message));
    });
    setProject({}, nullptr, {});
}

QueueDock::~QueueDock() = default;

void QueueDock::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_cancel->setEnabled(running);
    if (running) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("starting…"));
    }
    m_refresh->setEnabled(!running && m_project != nullptr);
}

bool QueueDock::jobEnded()
{
    setRunning(false);
    if (std::exchange(m_refreshAfter, false)) {
        // Asked for while this one ran (a newer model, another project): after this result.
        QTimer::singleShot(0, this, &QueueDock::refresh);
    }
    return m_jobPath == m_path;
}

QString QueueDock::phaseText(const QString& phase)
{
    if (phase.startsWith(QLatin1String("reading "))) {
        return tr("reading %1").arg(phase.mid(8));
    }
    if (phase.startsWith(QLatin1String("choosing queries in "))) {
        return tr("choosing queries in %1").arg(phase.mid(20));
    }
    if (phase == QLatin1String("opening project")) {
        return tr("opening the project");
    }
    if (phase == QLatin1String("storing the queue")) {
        return tr("storing the queue");
    }
    if (phase == QLatin1String("done")) {
        return tr("done");
    }
    return phase;
}

QString QueueDock::noteText() const
{
    return m_note->text();
}

void QueueDock::addKey(const QString& text, const QString& id, const std::function<void()>& slot)
{
    QAction* a = Shortcuts::instance().addScopedAction(widget(), text, id);
    connect(a, &QAction::triggered, this, slot);
    m_actions << a;
}

void QueueDock::updateKeyHint()
{
    const Shortcuts& keys = Shortcuts::instance();
    m_keys->setText(tr("%1 anomaly · %2 normal · %3 skip · %4 next · %5 previous")
                        .arg(keys.keyText(QStringLiteral("queue.anomalous")),
                             keys.keyText(QStringLiteral("queue.normal")),
                             keys.keyText(QStringLiteral("queue.skip")),
                             keys.keyText(QStringLiteral("queue.next")),
                             keys.keyText(QStringLiteral("queue.previous"))));
}

void QueueDock::setProject(const QString& path, core::Project* project,
                           const std::vector<core::SeriesInfo>& series)
{
    if (path != m_path || project != m_project) {
        m_model->setTimes({}); // row ids of another project
    }
    m_path = path;
    m_project = project;
    m_times->setProject(path, series);
    m_names.clear();
    for (const auto& s : series) {
        m_names.insert(s.id, QString::fromStdString(s.name));
    }
    m_refresh->setEnabled(project != nullptr && !m_runner->isRunning());
    m_note->setText(project ? QString() : tr("No project open."));
    const bool stale = project != nullptr && restoreNotes();
    reload();
    // UX.md's loop: an opened project shows queries at once. Without an open query stored, or
    // with one chosen before the newest model, the queue is computed in the background (from
    // the newest model, or the residual).
    const bool wanted =
        project != nullptr && !series.empty() && (stale || m_model->nextOpenRow(-1) < 0);
    if (m_runner->isRunning() && m_jobPath != m_path) {
        m_runner->cancel(); // it computes another project's queue
        m_refreshAfter = wanted;
    } else if (wanted && !m_runner->isRunning()) {
        refresh();
    }
}

void QueueDock::showNotes(const std::string& note, const std::string& stopping)
{
    QStringList notes;
    if (!note.empty()) {
        notes << coreText(note);
    }
    if (!stopping.empty()) {
        notes << coreText(stopping);
    }
    m_note->setText(notes.join(QLatin1Char('\n')));
}

bool QueueDock::restoreNotes()
{
    // Two small reads on the GUI connection: the notes the stored queue was computed with, and
    // the newest model's version (listed without its weights).
    auto notes = core::storedQueueNotes(*m_project);
    auto models = m_project->listModels();
    if (!notes || !models) {
        m_note->setText(coreText(!notes ? notes.error().message : models.error().message));
        return false;
    }
    const std::int64_t newest = models->empty() ? 0 : models->back().version;
    if (!notes->has_value()) {
        return false; // a project from before the notes were kept: its queue stays as stored
    }
    if ((*notes)->modelVersion != newest) {
        return true; // chosen before the newest model (trained elsewhere): choose again
    }
    showNotes((*notes)->note, (*notes)->stopping);
    return false;
}

void QueueDock::reload(bool keepPlace)
{
    // The analyst's place in the queue: a recomputed queue (after a retrain, with new ids) keeps
    // the current query where its window is asked again. Another project's queue starts afresh.
    std::optional<core::QueryRecord> was;
    if (const int row = currentRow(); keepPlace && row >= 0) {
        was = m_model->query(row);
    }
    std::vector<core::QueryRecord> rows;
    if (m_project) {
        // One small indexed query on the GUI connection; computing queries is the slow part.
        auto stored = m_project->queries();
        if (stored) {
            rows = std::move(stored).value();
        } else {
            m_note->setText(coreText(stored.error().message));
        }
    }
    // Open queries first (best first, as stored), the answered ones after them as history.
    std::stable_partition(rows.begin(), rows.end(), [](const core::QueryRecord& q) {
        return q.status == core::QueryStatus::New || q.status == core::QueryStatus::Viewed;
    });
    m_model->setQueries(std::move(rows), m_names);
    m_times->request(m_model->rowsWanted(m_times->timedSeries()));
    // Reasons are sentences: the last (stretched, elided) column; the tooltip has the rest.
    m_fitter->resizeToContents();
    if (m_project && m_model->rowCount() == 0 && m_note->text().isEmpty()) {
        // An empty project has nothing to query: Refresh queue would only fail.
        m_note->setText(m_names.isEmpty()
                            ? tr("No series yet: import data (File, Import data…, Ctrl+I) to "
                                 "get queries.")
                            : tr("No queries yet: press \"Refresh queue\"."));
    }
    if (!was) {
        return;
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const core::QueryRecord& q = m_model->query(row);
        if (q.seriesId == was->seriesId && q.begin == was->begin && q.end == was->end) {
            // The same window (stored again as new): back to it, still viewed, without moving
            // the chart or asking for its explanation again.
            m_restoring = true;
            m_view->setCurrentIndex(m_model->index(row, 0));
            m_restoring = false;
            if (q.status == core::QueryStatus::New && was->status != core::QueryStatus::New) {
                setStatus(row, core::QueryStatus::Viewed);
            }
            return;
        }
    }
    // Gone (no longer chosen): no current query, and the chart stays where the analyst is
    // (a retrain must not pull it away). The next A, N or S shows the best open query first.
}

bool QueueDock::showBestOpenQuery()
{
    if (currentRow() >= 0) {
        return false;
    }
    const int next = m_model->nextOpenRow(-1);
    if (next < 0) {
        return false;
    }
    m_view->setCurrentIndex(m_model->index(next, 0));
    m_note->setText(tr("This is the queue's best open query. Press the key again to answer "
                       "it."));
    return true;
}

void QueueDock::refresh()
{
    if (m_path.isEmpty()) {
        return;
    }
    if (m_runner->isRunning()) {
        m_refreshAfter = true; // it may read an older model or labels: choose again after it
        return;
    }
    if (m_runner->start(makeQueriesJob(m_path, core::ProjectQueryOptions{}))) {
        m_jobPath = m_path;
    }
}

int QueueDock::currentRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

void QueueDock::onCurrentChanged(int row)
{
    if (m_restoring || row < 0 || row >= m_model->rowCount()) {
        return;
    }
    const core::QueryRecord& q = m_model->query(row);
    if (q.status == core::QueryStatus::New) {
        setStatus(row, core::QueryStatus::Viewed);
    }
    Q_EMIT windowSelected(q.seriesId, q.begin, q.end);
    Q_EMIT explainRequested(m_names.value(q.seriesId), q.end - 1);
}

void QueueDock::showReason(int row)
{
    const QString reason =
        row >= 0 && row < m_model->rowCount()
            ? m_model->data(m_model->index(row, QueryTableModel::ReasonColumn)).toString()
            : QString();
    m_reason->setText(reason.isEmpty() ? QString() : tr("Why: %1").arg(reason));
    m_reason->setVisible(!reason.isEmpty());
}

void QueueDock::setStatus(int row, core::QueryStatus status)
{
    if (!m_project) {
        return;
    }
    if (auto st = m_project->setQueryStatus(m_model->query(row).id, status); !st) {
        m_note->setText(coreText(st.error().message));
        return;
    }
    m_model->setStatus(row, status);
}

void QueueDock::answer(int classId)
{
    if (!m_project || showBestOpenQuery()) {
        return;
    }
    const int row = currentRow();
    if (row < 0) {
        return;
    }
    const core::QueryRecord& q = m_model->query(row);
    core::Label label;
    label.seriesId = q.seriesId;
    label.begin = q.begin;
    label.end = q.end;
    label.channel = core::kAllChannels;
    label.classId = classId;
    label.source = core::LabelSource::Human;
    label.confidence = 1.0;
    label.time = QDateTime::currentMSecsSinceEpoch();
    // The owner pushes one undo step for the label and the status (AnswerQueryCommand); the
    // status comes back through showStatus() once both are written.
    Q_EMIT answerRequested(label, q.id, q.status);
    if (m_model->query(row).status == core::QueryStatus::Labelled) {
        advanceFrom(row); // on failure the query stays current, the error in the status bar
    }
}

void QueueDock::decideSuggestions(bool accept)
{
    if (showBestOpenQuery()) {
        return;
    }
    const int row = currentRow();
    if (row < 0 || !m_suggestionHandler) {
        return;
    }
    const core::QueryRecord& q = m_model->query(row);
    const int n = m_suggestionHandler(q.seriesId, q.begin, q.end, accept);
    if (n > 0) {
        m_note->setText(accept ? tr("Accepted %n suggestion(s) in this window.", nullptr, n)
                               : tr("Rejected %n suggestion(s) in this window.", nullptr, n));
    } else {
        m_note->setText(tr("No suggestion to decide in this window (Model → Propagate labels, "
                           "%1, makes suggestions).")
                            .arg(Shortcuts::instance().keyText(QStringLiteral("model.propagate"))));
    }
}

void QueueDock::showStatus(qint64 queryId, core::QueryStatus status)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->query(row).id == queryId) {
            m_model->setStatus(row, status);
            return;
        }
    }
}

void QueueDock::skip()
{
    if (showBestOpenQuery()) {
        return;
    }
    const int row = currentRow();
    if (row < 0) {
        return;
    }
    if (m_model->query(row).status == core::QueryStatus::Labelled) {
        // Its window holds the answer; "skipped" beside it would contradict the label.
        m_note->setText(tr("This query is answered; %1 undoes the answer.")
                            .arg(Shortcuts::instance().keyText(QStringLiteral("edit.undo"))));
        return;
    }
    setStatus(row, core::QueryStatus::Skipped);
    advanceFrom(row);
}

void QueueDock::advanceFrom(int row)
{
    // The next query still open. With none left, no row stays current: the answered one did,
    // and the next A or S answered or skipped it again without a word.
    const int next = m_model->nextOpenRow(row);
    if (next >= 0) {
        m_view->setCurrentIndex(m_model->index(next, 0));
        return;
    }
    m_view->selectionModel()->clear();
    m_note->setText(tr("Every query is answered. Retrain (%1) or press \"Refresh queue\" for "
                       "new ones.")
                        .arg(Shortcuts::instance().keyText(QStringLiteral("model.retrain"))));
}

void QueueDock::step(int delta)
{
    if (m_model->rowCount() == 0) {
        return;
    }
    const int row = std::clamp(currentRow() + delta, 0, m_model->rowCount() - 1);
    m_view->setCurrentIndex(m_model->index(row, 0));
}

} // namespace vigil::ui
