// SPDX-License-Identifier: MIT
#include "docks/suggestions_dock.h"

#include "core_text.h"
#include "docks/column_fitter.h"
#include "models/row_times.h"
#include "models/suggestion_table_model.h"
#include "plot/label_style.h"
#include "shortcuts.h"
#include "vigil/active_learning.h"
#include "vigil/engine.h"
#include "workers/job_runner.h"
#include "workers/project_jobs.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace vigil::ui {
namespace {

/// The confidence from which suggestions train the model (core's EngineConfig).
double trainingThreshold()
{
    return core::EngineConfig::defaults().propagatedMinConfidence;
}

// User settings of the propagation row.
const QString kMethodKey = QStringLiteral("propagation/method");
const QString kNeighboursKey = QStringLiteral("propagation/neighbours");
const QString kMinConfidenceKey = QStringLiteral("propagation/min_confidence");
const QString kPerSeriesKey = QStringLiteral("propagation/per_series");

QString phaseText(const QString& phase)
{
    if (phase.startsWith(QLatin1String("propagating "))) {
        return SuggestionsDock::tr("propagating %1").arg(phase.mid(12));
    }
    if (phase == QLatin1String("opening project")) {
        return SuggestionsDock::tr("opening the project");
    }
    if (phase == QLatin1String("done")) {
        return SuggestionsDock::tr("done");
    }
    return phase;
}

} // namespace

SuggestionsDock::SuggestionsDock(QWidget* parent)
    : QDockWidget(tr("Suggestions"), parent)
    , m_model(new SuggestionTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_runner(new JobRunner(QStringLiteral("vigil-propagate"), this))
{
    setObjectName(QStringLiteral("suggestionsDock"));
    m_times = new RowTimesLoader(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SuggestionTableModel::SortRole);
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* top = new QHBoxLayout;
    m_propagate = new QPushButton(tr("Propagate labels"), body);
    m_propagate->setToolTip(
        tr("Spread your labels to similar windows as suggestions (on a background thread)"));
    top->addWidget(m_propagate);
    m_progress = new QProgressBar(body);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    top->addWidget(m_progress, 1);
    m_cancel = new QPushButton(tr("Cancel"), body);
    top->addWidget(m_cancel);
    top->addStretch(0);
    layout->addLayout(top);

    // How to propagate; kept in the user's settings.
    const core::PropagationOptions defaults;
    QSettings settings;
    auto* how = new QGridLayout;
    m_method = new QComboBox(body);
    m_method->setObjectName(QStringLiteral("propagationMethod"));
    m_method->addItem(tr("kNN graph"), QStringLiteral("knn"));
    m_method->addItem(tr("Dense (paper)"), QStringLiteral("dense"));
    m_method->setToolTip(
        tr("kNN graph: spreads over each window's nearest neighbours and scales "
           "to millions of points. Dense: the paper's RBF spreading over all "
           "window pairs, the surest windows of each series; memory grows with "
           "the square of a series' length, so series longer than %1 windows "
           "are skipped")
            .arg(QLocale().toString(static_cast<qlonglong>(defaults.dense.maxSamples))));
    const int method = m_method->findData(settings.value(kMethodKey).toString());
    m_method->setCurrentIndex(method >= 0 ? method : 0);
    auto* methodLabel = new QLabel(tr("Me&thod"), body);
    methodLabel->setBuddy(m_method);
    m_neighbours = new QSpinBox(body);
    m_neighbours->setObjectName(QStringLiteral("propagationNeighbours"));
    m_neighbours->setRange(2, 100);
    m_neighbours->setValue(
        std::clamp(settings.value(kNeighboursKey, defaults.knn.graph.k).toInt(), 2, 100));
    m_neighbours->setToolTip(tr("Neighbours of each window in the kNN graph"));
    auto* neighboursLabel = new QLabel(tr("&Neighbours"), body);
    neighboursLabel->setBuddy(m_neighbours);
    m_minConfidence = new QDoubleSpinBox(body);
    m_minConfidence->setObjectName(QStringLiteral("propagationMinConfidence"));
    m_minConfidence->setRange(0.0, 0.99);
    m_minConfidence->setSingleStep(0.05);
    m_minConfidence->setDecimals(2);
    m_minConfidence->setValue(std::clamp(
        settings.value(kMinConfidenceKey, defaults.minConfidence).toDouble(), 0.0, 0.99));
    m_minConfidence->setToolTip(tr("Windows the spreading is less sure of get no suggestion "
                                   "(suggestions from %1 on also train the model)")
                                    .arg(QLocale().toString(trainingThreshold(), 'f', 2)));
    auto* confidenceLabel = new QLabel(tr("Lowest c&onfidence"), body);
    confidenceLabel->setBuddy(m_minConfidence);
    m_perSeries = new QSpinBox(body);
    m_perSeries->setObjectName(QStringLiteral("propagationPerSeries"));
    m_perSeries->setRange(1, 100000);
    m_perSeries->setValue(
        std::clamp(settings.value(kPerSeriesKey, static_cast<int>(defaults.lowestEntropy)).toInt(),
                   1, 100000));
    m_perSeries->setToolTip(tr("Dense: the surest windows of each series that get a suggestion"));
    auto* perSeriesLabel = new QLabel(tr("&Per series"), body);
    perSeriesLabel->setBuddy(m_perSeries);
    // Two short rows, so the dock stays narrow: the method and dense's count, then kNN's two.
    how->addWidget(methodLabel, 0, 0);
    how->addWidget(m_method, 0, 1);
    how->addWidget(perSeriesLabel, 0, 2);
    how->addWidget(m_perSeries, 0, 3);
    how->addWidget(neighboursLabel, 1, 0);
    how->addWidget(m_neighbours, 1, 1);
    how->addWidget(confidenceLabel, 1, 2);
    how->addWidget(m_minConfidence, 1, 3);
    how->setColumnStretch(4, 1);
    layout->addLayout(how);
    updateSettingsEnabled();

    m_summary = new QLabel(body);
    m_summary->setObjectName(QStringLiteral("suggestionsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    layout->addWidget(m_summary);

    // Reviewing is easier one class at a time: most suggestions are long normal stretches.
    auto* filterRow = new QHBoxLayout;
    m_classFilter = new QComboBox(body);
    m_classFilter->setObjectName(QStringLiteral("suggestionsClassFilter"));
    m_classFilter->addItem(QString(), -1);
    m_classFilter->addItem(QString(), core::kClassAnomaly);
    m_classFilter->addItem(QString(), core::kClassNormal);
    m_classFilter->setToolTip(tr("Which suggestions the table lists; \"Accept all above "
                                 "confidence…\" accepts only those"));
    auto* filterLabel = new QLabel(tr("&Show"), body);
    filterLabel->setBuddy(m_classFilter);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_classFilter);
    filterRow->addStretch(1);
    layout->addLayout(filterRow);
    m_proxy->setFilterKeyColumn(SuggestionTableModel::ClassColumn);
    m_proxy->setFilterRole(SuggestionTableModel::SortRole); // the class id
    connect(m_classFilter, &QComboBox::currentIndexChanged, this,
            [this] { showClass(shownClass()); });

    m_view = new QTableView(body);
    m_view->setTabKeyNavigation(false); // Tab moves on to the next widget, not the next cell
    m_view->setObjectName(QStringLiteral("suggestionsView"));
    m_view->setAccessibleName(tr("Suggestions"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    // Surest first: the quickest to review.
    m_view->sortByColumn(SuggestionTableModel::ConfidenceColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_fitter = new ColumnFitter(m_view, SuggestionTableModel::SeriesColumn,
                                SuggestionTableModel::RangeColumn, -1);
    layout->addWidget(m_view, 1);
    connect(m_times, &RowTimesLoader::loaded, this, [this](const RowTimes& times) {
        m_model->setTimes(times);
        m_fitter->fit();
    });

    auto* buttons = new QHBoxLayout;
    m_accept = new QPushButton(tr("Accept"), body);
    m_reject = new QPushButton(tr("Reject"), body);
    m_acceptAbove = new QPushButton(tr("Accept all above confidence…"), body);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_reject);
    buttons->addWidget(m_acceptAbove);
    buttons->addStretch(1);
    layout->addLayout(buttons);

    m_hint = new QLabel(body);
    m_hint->setObjectName(QStringLiteral("suggestionsHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_keys = new QLabel(body);
    m_keys->setObjectName(QStringLiteral("suggestionsKeys"));
    m_keys->setEnabled(false); // a hint, drawn dimmed
    layout->addWidget(m_keys);
    setWidget(body);

    // The keys belong to this list only while it has focus (Enter and Backspace mean other
    // things elsewhere).
    addKey(tr("Accept suggestion"), QStringLiteral("suggestions.accept"),
           [this] { acceptSelected(); });
    addKey(tr("Reject suggestion"), QStringLiteral("suggestions.reject"),
           [this] { rejectSelected(); });
    updateHint();
    updateKeyHint();
    Shortcuts::keepTypingKeysInFields(widget()); // Enter in a field is not "accept"
    connect(&Shortcuts::instance(), &Shortcuts::keysChanged, this, [this] {
        updateKeyHint();
        if (m_model->rowCount() == 0 && !m_runner->isRunning() && m_project != nullptr) {
            reload(); // the empty-list text names the propagate key
        }
    });

    connect(m_propagate, &QPushButton::clicked, this, &SuggestionsDock::propagate);
    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateSettingsEnabled();
        saveSettings();
    });
    connect(m_neighbours, &QSpinBox::valueChanged, this, [this] { saveSettings(); });
    connect(m_minConfidence, &QDoubleSpinBox::valueChanged, this, [this] { saveSettings(); });
    connect(m_perSeries, &QSpinBox::valueChanged, this, [this] { saveSettings(); });
    connect(m_cancel, &QPushButton::clicked, this, &SuggestionsDock::cancel);
    connect(m_accept, &QPushButton::clicked, this, &SuggestionsDock::acceptSelected);
    connect(m_reject, &QPushButton::clicked, this, &SuggestionsDock::rejectSelected);
    connect(m_acceptAbove, &QPushButton::clicked, this, [this] { askAcceptAbove(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SuggestionsDock::onCurrentChanged);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SuggestionsDock::updateButtons);

    connect(m_runner, &JobRunner::started, this, [this] { setRunning(true); });
    connect(m_runner, &JobRunner::progress, this, [this](double fraction, const QString& phase) {
        m_progress->setValue(static_cast<int>(fraction * 1000.0));
        m_progress->setFormat(QStringLiteral("%1 · %p%").arg(phaseText(phase)));
    });
    connect(m_runner, &JobRunner::finished, this, &SuggestionsDock::onFinished);
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        setRunning(false);
        if (std::exchange(m_explicitAfter, false)) {
            startPropagation(false);
            return;
        }
        m_summary->setText(tr("Could not propagate the labels: %1").arg(message));
        Q_EMIT propagated();
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        setRunning(false);
        if (std::exchange(m_explicitAfter, false)) {
            startPropagation(false); // the update made way for the analyst's own propagation
            return;
        }
        m_summary->setText(tr("Propagation cancelled; the suggestions are as they were."));
        Q_EMIT propagated();
    });
    setRunning(false);
    setProject({}, nullptr, {});
}

SuggestionsDock::~SuggestionsDock() = default;

void SuggestionsDock::addKey(const QString& text, const QString& id,
                             const std::function<void()>& slot)
{
    QAction* a = Shortcuts::instance().addScopedAction(widget(), text, id);
    connect(a, &QAction::triggered, this, slot);
    m_actions << a;
}

void SuggestionsDock::updateHint()
{
    m_hint->setText(tr("Suggestions are spread from your labels to similar windows and drawn "
                       "dashed on the chart. They are never expert labels: they do not count as "
                       "ground truth and train the model only from confidence %1. Accept one to "
                       "make it your own label.")
                        .arg(QLocale().toString(trainingThreshold(), 'f', 2)));
}

void SuggestionsDock::updateKeyHint()
{
    const Shortcuts& keys = Shortcuts::instance();
    m_keys->setText(tr("%1 accept · %2 reject · %3 propagate · %4 undo")
                        .arg(keys.keyText(QStringLiteral("suggestions.accept")),
                             keys.keyText(QStringLiteral("suggestions.reject")),
                             keys.keyText(QStringLiteral("model.propagate")),
                             keys.keyText(QStringLiteral("edit.undo"))));
}

void SuggestionsDock::setUndoStack(QUndoStack* stack, LabelCommandHooks hooks)
{
    if (m_undoStack != nullptr) {
        disconnect(m_undoStack, &QUndoStack::indexChanged, this, nullptr);
    }
    m_undoStack = stack;
    m_hooks = std::move(hooks);
    if (m_undoStack != nullptr) {
        // "Accepted 1 suggestion…" describes the step just made: an undo or redo past it makes
        // it stale (it stayed after Ctrl+Z took the labels back).
        connect(m_undoStack, &QUndoStack::indexChanged, this, [this](int index) {
            if (m_decisionIndex >= 0 && index != m_decisionIndex) {
                m_summary->clear();
                m_decisionIndex = -1;
            }
        });
    }
}

void SuggestionsDock::setProject(const QString& path, core::Project* project,
                                 const std::vector<core::SeriesInfo>& series)
{
    if (path != m_path || project != m_project) {
        m_runner->cancel(); // its plan belongs to the previous project; onFinished drops it
        m_summary->clear();
        m_model->setNewSuggestions({});
        m_model->setTimes({}); // row ids of another project
        m_explicitAfter = false;
    }
    m_path = path;
    m_project = project;
    m_times->setProject(path, series);
    m_names.clear();
    for (const auto& s : series) {
        m_names.insert(s.id, QString::fromStdString(s.name));
    }
    reload();
    updateButtons();
}

bool SuggestionsDock::isPropagating() const
{
    return m_runner->isRunning();
}

void SuggestionsDock::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    if (running) {
        m_progress->setValue(0);
        m_progress->setFormat(tr("starting…"));
    }
    updateButtons();
}

void SuggestionsDock::updateButtons()
{
    const bool open = m_project != nullptr && m_undoStack != nullptr;
    m_propagate->setEnabled(open && !m_runner->isRunning());
    const bool chosen =
        m_view->selectionModel()->hasSelection() || m_view->currentIndex().isValid();
    m_accept->setEnabled(open && chosen);
    m_reject->setEnabled(open && chosen);
    m_acceptAbove->setEnabled(open && m_proxy->rowCount() > 0);
}

void SuggestionsDock::labelsChanged()
{
    ++m_generation;
    if (m_reloadPending) {
        return;
    }
    // A bulk step reports every series it touched: read the list once, after all of them.
    m_reloadPending = true;
    QTimer::singleShot(0, this, [this] {
        if (m_reloadPending) {
            reload();
        }
    });
}

void SuggestionsDock::reload()
{
    m_reloadPending = false;
    std::optional<core::Label> current;
    const int currentRow = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    if (currentRow >= 0) {
        current = m_model->suggestion(m_proxy->mapToSource(m_view->currentIndex()).row());
    }
    std::vector<core::Label> rows;
    if (m_project != nullptr) {
        // One query on the GUI connection; the list holds runs of points, not points.
        auto listed = core::listSuggestions(*m_project);
        if (listed) {
            rows = std::move(listed).value();
        } else {
            m_summary->setText(coreText(listed.error().message));
        }
    }
    m_model->setSuggestions(std::move(rows), m_names);
    m_times->request(m_model->rowsWanted(m_times->timedSeries()));
    updateClassFilterTexts();
    m_fitter->resizeToContents();
    if (current) {
        // Keep the same suggestion selected, without moving the chart; an update after a
        // retrain writes it again with a new time.
        int row = m_model->rowOf(*current);
        if (row < 0) {
            row = m_model->rowOfRange(*current);
        }
        m_restoring = true;
        if (row >= 0) {
            m_view->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
        }
        m_restoring = false;
    }
    if (m_project == nullptr) {
        m_summary->setText(tr("No project open."));
    } else if (m_model->rowCount() == 0 && m_summary->text().isEmpty()) {
        m_summary->setText(
            tr("No suggestions. Label a few windows of both classes (anomaly and normal), then "
               "press \"Propagate labels\" (%1).")
                .arg(Shortcuts::instance().keyText(QStringLiteral("model.propagate"))));
    }
    updateButtons();
}

void SuggestionsDock::propagate()
{
    startPropagation(false);
}

void SuggestionsDock::refreshAfterTraining()
{
    if (m_model->rowCount() == 0) {
        return;
    }
    if (!waitsForRedo()) {
        startPropagation(true);
    }
}

bool SuggestionsDock::waitsForRedo()
{
    if (m_undoStack == nullptr || !m_undoStack->canRedo()) {
        return false;
    }
    // A new step would drop what the analyst can still redo.
    m_summary->setText(tr("The suggestions were not updated after retraining, so that you "
                          "can still redo what you undid. Propagate (%1) when you are done.")
                           .arg(Shortcuts::instance().keyText(QStringLiteral("model.propagate"))));
    return true;
}

void SuggestionsDock::startPropagation(bool refresh)
{
    if (m_path.isEmpty() || m_project == nullptr || m_undoStack == nullptr) {
        return;
    }
    if (m_runner->isRunning()) {
        if (!refresh && m_jobRefresh) {
            // An automatic update is under way: it makes way for the analyst's propagation,
            // which reads the settings as they are now.
            m_explicitAfter = true;
            m_runner->cancel();
        }
        return;
    }
    m_jobPath = m_path;
    m_jobGeneration = m_generation;
    m_jobRefresh = refresh;
    m_summary->setText(refresh ? tr("Updating the suggestions after retraining…")
                               : tr("Propagating the labels…"));
    m_runner->start(makePropagateJob(m_path, propagationOptions()));
}

core::PropagationOptions SuggestionsDock::propagationOptions() const
{
    core::PropagationOptions o;
    o.method = m_method->currentData().toString() == QLatin1String("dense")
                   ? core::PropagationMethod::Dense
                   : core::PropagationMethod::Knn;
    o.knn.graph.k = m_neighbours->value();
    o.minConfidence = m_minConfidence->value();
    o.lowestEntropy = m_perSeries->value();
    return o;
}

void SuggestionsDock::setPropagationOptions(const core::PropagationOptions& options)
{
    m_method->setCurrentIndex(m_method->findData(options.method == core::PropagationMethod::Dense
                                                     ? QStringLiteral("dense")
                                                     : QStringLiteral("knn")));
    m_neighbours->setValue(options.knn.graph.k);
    m_minConfidence->setValue(options.minConfidence);
    m_perSeries->setValue(static_cast<int>(std::min<std::int64_t>(options.lowestEntropy, 100000)));
    saveSettings();
}

void SuggestionsDock::saveSettings()
{
    QSettings settings;
    settings.setValue(kMethodKey, m_method->currentData().toString());
    settings.setValue(kNeighboursKey, m_neighbours->value());
    settings.setValue(kMinConfidenceKey, m_minConfidence->value());
    settings.setValue(kPerSeriesKey, m_perSeries->value());
}

void SuggestionsDock::updateSettingsEnabled()
{
    const bool knn = m_method->currentData().toString() != QLatin1String("dense");
    m_neighbours->setEnabled(knn);
    m_minConfidence->setEnabled(knn);
    m_perSeries->setEnabled(!knn);
}

void SuggestionsDock::cancel()
{
    m_runner->cancel();
}

void SuggestionsDock::onFinished(const QVariant& value)
{
    setRunning(false);
    if (m_jobPath != m_path || m_project == nullptr || m_undoStack == nullptr) {
        m_explicitAfter = false;
        return; // another project was opened meanwhile
    }
    if (std::exchange(m_explicitAfter, false)) {
        startPropagation(false); // asked for while the update ran: the analyst's replaces it
        return;
    }
    if (m_jobGeneration != m_generation) {
        // The plan was made from labels that have changed since: make it again from the new
        // ones (applying it would fail, or suggest over a range just labelled).
        m_summary->setText(tr("The labels changed while propagating; propagating again…"));
        startPropagation(m_jobRefresh);
        return;
    }
    auto plan = value.value<core::PropagationPlan>();
    const core::PropagationSummary& s = plan.summary;
    if (m_jobRefresh && plan.diff.empty()) { // the same suggestions again
        m_summary->setText(tr("The suggestions are up to date after retraining."));
        m_model->setNewSuggestions({}); // nothing changed since the previous model
        Q_EMIT propagated();
        return;
    }
    if (m_jobRefresh && waitsForRedo()) { // the analyst undid something meanwhile
        Q_EMIT propagated();
        return;
    }
    QStringList lines;
    // What changed: the suggestions the update adds (bold in the table), and how many went.
    std::vector<core::Label> fresh;
    if (m_jobRefresh) {
        std::set<SuggestionTableModel::Key> before;
        for (const auto& l : plan.diff.removed) {
            before.insert(SuggestionTableModel::keyOf(l));
        }
        std::size_t kept = 0;
        for (const auto& l : plan.diff.added) {
            if (before.count(SuggestionTableModel::keyOf(l)) > 0) {
                ++kept;
            } else {
                fresh.push_back(l);
            }
        }
        lines << tr("Suggestions updated after retraining: %n new (in bold), %1 gone.", nullptr,
                    static_cast<int>(fresh.size()))
                     .arg(plan.diff.removed.size() - kept);
    }
    m_model->setNewSuggestions(fresh);
    if (s.suggestions > 0) {
        lines << tr("%n suggestion(s) on %1 series: %2 anomalous and %3 normal points, "
                    "confidence %4 to %5 (mean %6).",
                    nullptr, static_cast<int>(s.suggestions))
                     .arg(s.seriesPropagated)
                     .arg(s.anomalyPoints)
                     .arg(s.normalPoints)
                     .arg(QLocale().toString(s.minConfidence, 'f', 2),
                          QLocale().toString(s.maxConfidence, 'f', 2),
                          QLocale().toString(s.meanConfidence, 'f', 2));
    } else {
        lines << tr("No suggestions: nothing could be propagated.");
    }
    if (s.removed > 0) {
        lines << tr("%n earlier suggestion(s) replaced.", nullptr, static_cast<int>(s.removed));
    }
    if (s.kept > 0) {
        lines << tr("%n suggestion(s) kept as they were.", nullptr, static_cast<int>(s.kept));
    }
    if (s.declinedPoints > 0) {
        lines << tr("%n point(s) not suggested again: you turned their suggestion down.", nullptr,
                    static_cast<int>(s.declinedPoints));
    }
    for (const auto& why : s.skipped) {
        lines << tr("Skipped %1").arg(coreText(why));
    }
    const QString text = lines.join(QLatin1Char('\n'));
    if (!plan.diff.empty()) {
        const int n = static_cast<int>(s.suggestions);
        auto* command = new ApplyDiffCommand(
            *m_project, std::move(plan.diff), plan.description,
            m_jobRefresh ? tr("Update suggestions (%n suggestion(s))", nullptr, n)
                         : tr("Propagate labels (%n suggestion(s))", nullptr, n),
            commandHooks(), m_jobRefresh ? core::EditBy::Vigil : core::EditBy::Analyst);
        m_summary->clear();
        push(command);
    }
    if (m_summary->text().isEmpty()) { // push() shows a failure there
        m_summary->setText(text);
    }
    reload();
    Q_EMIT propagated();
}

int SuggestionsDock::decideInRange(qint64 seriesId, qint64 begin, qint64 end, bool accept)
{
    if (m_project == nullptr || m_undoStack == nullptr) {
        return 0;
    }
    auto listed = core::listSuggestions(*m_project); // one query on the GUI connection
    if (!listed) {
        m_summary->setText(coreText(listed.error().message));
        return 0;
    }
    std::vector<core::Label> chosen;
    for (auto& s : *listed) {
        if (s.seriesId == seriesId && s.begin < end && begin < s.end) {
            chosen.push_back(std::move(s));
        }
    }
    if (chosen.empty()) {
        return 0;
    }
    const int n = static_cast<int>(chosen.size());
    m_summary->clear();
    const bool done =
        push(new DecideSuggestionsCommand(*m_project, std::move(chosen),
                                          accept ? DecideSuggestionsCommand::Verdict::Accept
                                                 : DecideSuggestionsCommand::Verdict::Reject,
                                          commandHooks()));
    reload();
    return done ? n : 0;
}

bool SuggestionsDock::push(LabelCommand* command)
{
    // A step that was written moves the stack's index up by one. (Its count can fall: the push
    // drops the steps that could be redone, which the count compared against used to miss.)
    const int before = m_undoStack->index();
    m_undoStack->push(command); // the stack deletes a command that failed or changed nothing
    const bool done = m_undoStack->index() == before + 1;
    if (!done && m_summary->text().isEmpty()) {
        m_summary->setText(tr("Nothing was changed."));
    }
    return done;
}

LabelCommandHooks SuggestionsDock::commandHooks()
{
    // The owner's hooks (status bar, chart), and a failure shown here as well. The window
    // clears its undo stack before its docks go, but a guard costs nothing.
    LabelCommandHooks hooks = m_hooks;
    hooks.failed = [outer = m_hooks.failed,
                    summary = QPointer<QLabel>(m_summary)](const QString& message) {
        if (outer) {
            outer(message);
        }
        if (summary) {
            summary->setText(message);
        }
    };
    return hooks;
}

void SuggestionsDock::decide(bool accept)
{
    if (m_project == nullptr || m_undoStack == nullptr) {
        return;
    }
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() && m_view->currentIndex().isValid()) {
        rows << m_view->currentIndex();
    }
    if (rows.isEmpty()) {
        return;
    }
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    const int first = rows.front().row();
    std::vector<core::Label> chosen;
    chosen.reserve(static_cast<size_t>(rows.size()));
    for (const QModelIndex& index : rows) {
        chosen.push_back(m_model->suggestion(m_proxy->mapToSource(index).row()));
    }
    const int n = static_cast<int>(chosen.size());
    m_summary->clear();
    push(new DecideSuggestionsCommand(*m_project, std::move(chosen),
                                      accept ? DecideSuggestionsCommand::Verdict::Accept
                                             : DecideSuggestionsCommand::Verdict::Reject,
                                      commandHooks()));
    if (m_summary->text().isEmpty()) {
        m_summary->setText(accept ? tr("Accepted %n suggestion(s) as your labels.", nullptr, n)
                                  : tr("Rejected %n suggestion(s).", nullptr, n));
        m_decisionIndex = m_undoStack->index();
    }
    m_view->clearSelection();
    m_view->setCurrentIndex({});
    reload();
    // The next one takes the place of the first decided: review goes on with the keys.
    selectProxyRow(std::min(first, m_proxy->rowCount() - 1));
}

void SuggestionsDock::acceptSelected()
{
    decide(true);
}

void SuggestionsDock::rejectSelected()
{
    decide(false);
}

int SuggestionsDock::shownClass() const
{
    return m_classFilter->currentData().toInt();
}

void SuggestionsDock::showClass(int classId)
{
    const int index = m_classFilter->findData(classId);
    if (index >= 0 && index != m_classFilter->currentIndex()) {
        m_classFilter->setCurrentIndex(index); // comes back here through the signal
        return;
    }
    m_proxy->setFilterRegularExpression(classId < 0 ? QString()
                                                    : QStringLiteral("^%1$").arg(classId));
    updateButtons();
}

void SuggestionsDock::updateClassFilterTexts()
{
    m_classFilter->setItemText(0, tr("all classes"));
    for (int i = 1; i < m_classFilter->count(); ++i) {
        m_classFilter->setItemText(i, LabelStyle::className(m_classFilter->itemData(i).toInt()));
    }
}

int SuggestionsDock::acceptAbove(double minConfidence)
{
    if (m_project == nullptr || m_undoStack == nullptr) {
        return 0;
    }
    std::vector<core::Label> chosen;
    const int shown = shownClass();
    for (const auto& l : m_model->suggestions()) {
        if (l.confidence >= minConfidence && (shown < 0 || l.classId == shown)) {
            chosen.push_back(l);
        }
    }
    const QString at = QLocale().toString(minConfidence, 'f', 2);
    if (chosen.empty()) {
        m_summary->setText(tr("No suggestion has a confidence of %1 or more.").arg(at));
        return 0;
    }
    const int n = static_cast<int>(chosen.size());
    m_summary->clear();
    push(new DecideSuggestionsCommand(*m_project, std::move(chosen),
                                      DecideSuggestionsCommand::Verdict::Accept, commandHooks()));
    const bool done = m_summary->text().isEmpty();
    if (done) {
        m_summary->setText(
            tr("Accepted %n suggestion(s) with confidence %1 or more as one step (%2 undoes it).",
               nullptr, n)
                .arg(at, Shortcuts::instance().keyText(QStringLiteral("edit.undo"))));
        m_decisionIndex = m_undoStack->index();
    }
    reload();
    return done ? n : 0;
}

QInputDialog* SuggestionsDock::askAcceptAbove()
{
    if (m_ask) {
        m_ask->raise();
        return m_ask;
    }
    auto* dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Accept suggestions"));
    dialog->setLabelText(tr("Accept every suggestion with a confidence of at least:"));
    dialog->setInputMode(QInputDialog::DoubleInput);
    dialog->setDoubleRange(0.0, 1.0);
    dialog->setDoubleDecimals(2);
    dialog->setDoubleStep(0.05);
    dialog->setDoubleValue(trainingThreshold());
    connect(dialog, &QInputDialog::doubleValueSelected, this,
            [this](double value) { acceptAbove(value); });
    m_ask = dialog;
    dialog->open();
    return dialog;
}

void SuggestionsDock::selectProxyRow(int row)
{
    if (row >= 0 && row < m_proxy->rowCount()) {
        m_view->setCurrentIndex(m_proxy->index(row, 0));
    }
}

void SuggestionsDock::onCurrentChanged(const QModelIndex& proxyIndex)
{
    updateButtons();
    if (m_restoring || !proxyIndex.isValid()) {
        return;
    }
    const core::Label& l = m_model->suggestion(m_proxy->mapToSource(proxyIndex).row());
    Q_EMIT windowSelected(l.seriesId, l.begin, l.end);
}

} // namespace vigil::ui
