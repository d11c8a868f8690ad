// SPDX-License-Identifier: MIT
#include "docks/detections_dock.h"

#include "docks/column_fitter.h"
#include "models/detection_table_model.h"
#include "shortcuts.h"
#include "workers/job_runner.h"
#include "workers/project_jobs.h"

#include <QAction>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace vigil::ui {

DetectionsDock::DetectionsDock(QWidget* parent)
    : QDockWidget(tr("Detections"), parent)
    , m_model(new DetectionTableModel(this))
    , m_proxy(new DetectionFilterModel(this))
    , m_runner(new JobRunner(QStringLiteral("vigil-detections"), this))
{
    setObjectName(QStringLiteral("detectionsDock"));
    m_proxy->setSourceModel(m_model);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel(body);
    m_summary->setObjectName(QStringLiteral("detectionsSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* filters = new QHBoxLayout;
    m_filter = new QLineEdit(body);
    m_filter->setPlaceholderText(tr("Filter (series, range, status)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter detections"));
    filters->addWidget(m_filter, 1);
    auto* peakLabel = new QLabel(tr("Peak ≥"), body);
    filters->addWidget(peakLabel);
    m_minPeak = new QDoubleSpinBox(body);
    peakLabel->setBuddy(m_minPeak); // names the field for screen readers
    m_minPeak->setAccessibleName(tr("Lowest peak score shown"));
    m_minPeak->setRange(0.0, 1.0);
    m_minPeak->setSingleStep(0.05);
    m_minPeak->setDecimals(2);
    filters->addWidget(m_minPeak);
    layout->addLayout(filters);
    m_view = new QTableView(body);
    m_view->setTabKeyNavigation(false); // Tab moves on to the next widget, not the next cell
    m_view->setObjectName(QStringLiteral("detectionsView"));
    m_view->setAccessibleName(tr("Detections"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DetectionTableModel::PeakColumn, Qt::DescendingOrder); // worst first
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_fitter = new ColumnFitter(m_view, DetectionTableModel::SeriesColumn,
                                DetectionTableModel::RangeColumn, -1);
    layout->addWidget(m_view, 1);
    m_keys = new QLabel(body);
    m_keys->setObjectName(QStringLiteral("detectionsKeys"));
    m_keys->setEnabled(false); // a hint, drawn dimmed
    layout->addWidget(m_keys);
    setWidget(body);

    addKey(tr("Confirm detection as &anomaly"), QStringLiteral("detections.confirm"),
           [this] { answer(core::kClassAnomaly); });
    addKey(tr("Reject detection as &normal"), QStringLiteral("detections.reject"),
           [this] { answer(core::kClassNormal); });
    addKey(tr("Next detection"), QStringLiteral("detections.next"), [this] { step(1); });
    addKey(tr("Previous detection"), QStringLiteral("detections.previous"), [this] { step(-1); });
    Shortcuts::keepTypingKeysInFields(widget()); // Enter in a field is not "accept"
    updateKeyHint();
    connect(&Shortcuts::instance(), &Shortcuts::keysChanged, this, [this] {
        updateKeyHint();
        updateSummary(); // it names the retrain key
    });

    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &DetectionFilterModel::setFilterFixedString);
    connect(m_minPeak, &QDoubleSpinBox::valueChanged, m_proxy,
            &DetectionFilterModel::setMinimumPeak);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &DetectionsDock::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &DetectionsDock::updateSummary);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &DetectionsDock::updateSummary);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DetectionsDock::onCurrentChanged);
    connect(m_runner, &JobRunner::started, this,
            [this] { m_summary->setText(tr("Scanning the newest model's scores…")); });
    connect(m_runner, &JobRunner::finished, this, [this](const QVariant& value) {
        m_model->setScan(value.value<DetectionScan>());
        m_fitter->resizeToContents();
        updateSummary();
        if (std::exchange(m_rescan, false)) {
            refresh();
            return;
        }
        Q_EMIT scanned();
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_summary->setText(tr("Could not read the detections: %1").arg(message));
        if (std::exchange(m_rescan, false)) {
            refresh();
        }
    });
    setProject({});
}

DetectionsDock::~DetectionsDock() = default;

void DetectionsDock::addKey(const QString& text, const QString& id,
                            const std::function<void()>& slot)
{
    QAction* a = Shortcuts::instance().addScopedAction(widget(), text, id);
    connect(a, &QAction::triggered, this, slot);
    m_actions << a;
}

void DetectionsDock::updateKeyHint()
{
    const Shortcuts& keys = Shortcuts::instance();
    m_keys->setText(tr("%1 confirm anomaly · %2 normal · %3 next · %4 previous")
                        .arg(keys.keyText(QStringLiteral("detections.confirm")),
                             keys.keyText(QStringLiteral("detections.reject")),
                             keys.keyText(QStringLiteral("detections.next")),
                             keys.keyText(QStringLiteral("detections.previous"))));
}

void DetectionsDock::setProject(const QString& path)
{
    m_path = path;
    m_model->setScan({});
    if (path.isEmpty()) {
        m_summary->setText(tr("No project open."));
        return;
    }
    refresh();
}

void DetectionsDock::refresh()
{
    if (m_path.isEmpty()) {
        return;
    }
    if (m_runner->isRunning()) {
        m_rescan = true; // a scan of older scores is under way: scan again once it is done
        return;
    }
    m_runner->start(makeDetectionsJob(m_path));
}

void DetectionsDock::updateSummary()
{
    const DetectionScan& scan = m_model->scan();
    if (m_path.isEmpty()) {
        return;
    }
    if (scan.modelVersion == 0) {
        m_summary->setText(
            tr("Not trained yet: train a model (Training tab, %1) to see what "
               "it detects.")
                .arg(Shortcuts::instance().keyText(QStringLiteral("model.retrain"))));
        return;
    }
    int open = 0;
    for (const auto& d : scan.detections) {
        open += d.status == DetectionStatus::Open ? 1 : 0;
    }
    QString text = tr("Model v%1 · score ≥ %2 · %n detection(s) (%3 to review, %4 shown)", nullptr,
                      static_cast<int>(scan.detections.size()))
                       .arg(scan.modelVersion)
                       .arg(scan.threshold, 0, 'f', 2)
                       .arg(open)
                       .arg(m_proxy->rowCount());
    if (scan.previousVersion > 0) {
        // What changed since the version before: new ranges are drawn bold in the list.
        const auto fresh = std::count_if(scan.detections.begin(), scan.detections.end(),
                                         [](const Detection& d) { return d.isNew; });
        text += QLatin1Char('\n') + tr("Since v%1: %2 new (bold), %3 no longer flagged")
                                        .arg(scan.previousVersion)
                                        .arg(fresh)
                                        .arg(scan.gone);
    }
    m_summary->setText(text);
}

int DetectionsDock::currentRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

void DetectionsDock::onCurrentChanged(const QModelIndex& proxyIndex)
{
    if (!proxyIndex.isValid()) {
        return;
    }
    const Detection& d = m_model->detection(m_proxy->mapToSource(proxyIndex).row());
    Q_EMIT windowSelected(d.seriesId, d.begin, d.end);
    Q_EMIT explainRequested(d.series, d.peakRow);
}

void DetectionsDock::answer(int classId)
{
    const int row = currentRow();
    if (row < 0) {
        return;
    }
    const int source = m_proxy->mapToSource(m_proxy->index(row, 0)).row();
    const Detection d = m_model->detection(source);
    core::Label label;
    label.seriesId = d.seriesId;
    label.begin = d.begin;
    label.end = d.end;
    label.channel = core::kAllChannels;
    label.classId = classId;
    label.source = core::LabelSource::Human;
    label.confidence = 1.0;
    label.time = QDateTime::currentMSecsSinceEpoch();
    // The label's write reports back through labelsChanged(), which sets the status (so a
    // failed write leaves it open, and undo opens it again). A status change may move the row
    // when sorted by status: find the next one by position.
    Q_EMIT labelRequested(label);
    const QModelIndex now = m_proxy->mapFromSource(m_model->index(source, 0));
    const int at = now.isValid() ? now.row() : row - 1;
    if (at + 1 < m_proxy->rowCount()) {
        m_view->setCurrentIndex(m_proxy->index(at + 1, 0));
    }
    updateSummary();
}

void DetectionsDock::labelsChanged(std::int64_t seriesId, const std::vector<core::Label>& labels)
{
    m_model->updateStatuses(seriesId, labels);
    updateSummary();
}

bool DetectionsDock::showsSeries(std::int64_t seriesId) const
{
    const auto& all = m_model->scan().detections;
    return std::any_of(all.begin(), all.end(),
                       [seriesId](const Detection& d) { return d.seriesId == seriesId; });
}

void DetectionsDock::step(int delta)
{
    if (m_proxy->rowCount() == 0) {
        return;
    }
    const int row = std::clamp(currentRow() + delta, 0, m_proxy->rowCount() - 1);
    m_view->setCurrentIndex(m_proxy->index(row, 0));
}

} // namespace vigil::ui
