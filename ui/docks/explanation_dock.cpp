// SPDX-License-Identifier: MIT
#include "docks/explanation_dock.h"

#include "core_text.h"
#include "llm_settings.h"
#include "models/row_times.h"
#include "shortcuts.h"
#include "vigil/llm.h"
#include "workers/job_runner.h"
#include "workers/project_jobs.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vigil::ui {
namespace {

QString esc(const std::string& s)
{
    return QString::fromStdString(s).toHtmlEscaped();
}

QString num(double v, int digits = 3)
{
    return std::isfinite(v) ? QLocale().toString(v, 'f', digits) : QStringLiteral("–");
}

} // namespace

ExplanationDock::ExplanationDock(QWidget* parent)
    : QDockWidget(tr("Explanation"), parent)
    , m_runner(new JobRunner(QStringLiteral("vigil-explain"), this))
    , m_potentialRunner(new JobRunner(QStringLiteral("vigil-potential"), this))
{
    setObjectName(QStringLiteral("explanationDock"));
    auto* body = new QWidget(this);
    auto* layout = new QVBoxLayout(body);
    layout->setContentsMargins(4, 4, 4, 4);
    m_title = new QLabel(body);
    m_title->setWordWrap(true);
    layout->addWidget(m_title);
    m_text = new QTextBrowser(body);
    m_text->setObjectName(QStringLiteral("explanationText"));
    m_text->setAccessibleName(tr("Explanation"));
    m_text->setOpenLinks(false);
    layout->addWidget(m_text, 1);
    auto* potentialRow = new QHBoxLayout;
    m_ask = new QPushButton(tr("Ask for a potential function"), body);
    m_ask->setObjectName(QStringLiteral("askPotential"));
    m_ask->setToolTip(tr("Ask the LLM provider set in Settings (the built-in analyst when none is "
                         "configured) to write a potential function from the labels, and store "
                         "it with its AUC"));
    connect(m_ask, &QPushButton::clicked, this, [this] { askPotential(true); });
    potentialRow->addWidget(m_ask);
    m_cancelAsk = new QPushButton(tr("Cancel"), body);
    m_cancelAsk->setObjectName(QStringLiteral("cancelPotential"));
    m_cancelAsk->setToolTip(tr("Stop waiting for the LLM; the stored potential stays in use"));
    m_cancelAsk->setVisible(false);
    connect(m_cancelAsk, &QPushButton::clicked, this, &ExplanationDock::cancelPotential);
    potentialRow->addWidget(m_cancelAsk);
    m_potentialStatus = new QLabel(body);
    m_potentialStatus->setObjectName(QStringLiteral("potentialStatus"));
    m_potentialStatus->setWordWrap(true);
    m_potentialStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_potentialStatus->setTextFormat(Qt::PlainText); // it quotes servers, whose errors can be HTML
    potentialRow->addWidget(m_potentialStatus, 1);
    layout->addLayout(potentialRow);
    setWidget(body);

    connect(m_potentialRunner, &JobRunner::progress, this,
            [this](double, const QString&) { m_potentialStatus->setText(tr("Asking…")); });
    connect(m_potentialRunner, &JobRunner::finished, this, [this](const QVariant& value) {
        const auto p = value.value<core::PotentialProposal>();
        QString line = tr("Potential from %1%2 · AUC on labelled windows %3")
                           .arg(QString::fromStdString(p.providerName),
                                p.generated ? tr(" (model-written)") : QString(), num(p.auc));
        if (!p.notice.empty()) {
            line += QStringLiteral(" · ") + coreText(p.notice);
        }
        m_potentialStatus->setText(line);
        setAsking(false);
        refresh();
        Q_EMIT potentialChanged(line);
    });
    connect(m_potentialRunner, &JobRunner::failed, this, [this](const QString& message) {
        m_potentialStatus->setText(tr("No new potential: %1").arg(message));
        setAsking(false);
    });
    connect(m_potentialRunner, &JobRunner::cancelled, this, [this] {
        m_potentialStatus->setText(tr("Cancelled; the stored potential stays in use."));
        setAsking(false);
    });

    connect(m_runner, &JobRunner::finished, this, [this](const QVariant& value) {
        const auto e = value.value<core::WindowExplanation>();
        m_text->setHtml(toHtml(e));
        if (m_pending) {
            startNext();
            return;
        }
        // The row is known at once; the series' time for it only now (the chart's units).
        m_title->setText(titleOf(QString::fromStdString(e.series), e.at, e.timeKind, e.time));
        Q_EMIT explained();
    });
    connect(m_runner, &JobRunner::cancelled, this, [this] {
        if (m_pending) {
            startNext();
        }
    });
    connect(m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_text->setPlainText(tr("Could not explain this window: %1").arg(message));
        if (m_pending) {
            startNext();
        }
    });
    setProject({});
}

ExplanationDock::~ExplanationDock() = default;

void ExplanationDock::setProject(const QString& path)
{
    m_path = path;
    m_series.clear();
    m_row = -1;
    m_title->setText(path.isEmpty() ? tr("No project open.")
                                    : tr("Select a query or a detection, or click the chart in "
                                         "Explore mode, to see why it scores as it does."));
    m_text->clear();
    if (m_potentialRunner->isRunning()) {
        m_potentialRunner->cancel(); // it asked for the previous project
    }
    setAsking(m_potentialRunner->isRunning());
    m_potentialStatus->clear();
}

void ExplanationDock::setAsking(bool asking)
{
    m_ask->setEnabled(!asking && !m_path.isEmpty());
    m_cancelAsk->setVisible(asking);
    m_cancelAsk->setEnabled(asking);
}

void ExplanationDock::cancelPotential()
{
    if (m_potentialRunner->isRunning()) {
        m_potentialRunner->cancel();
        m_cancelAsk->setEnabled(false);
        m_potentialStatus->setText(tr("Cancelling…"));
    }
}

void ExplanationDock::askPotential(bool fresh)
{
    if (m_path.isEmpty()) {
        return;
    }
    if (m_potentialRunner->start(
            makePotentialJob(m_path, effectiveApiKey(), llmTimeoutSeconds(), fresh))) {
        setAsking(true);
        m_potentialStatus->setText(tr("Asking…"));
    }
}

void ExplanationDock::explain(const QString& series, qint64 row)
{
    if (m_path.isEmpty() || series.isEmpty() || row < 0) {
        return;
    }
    m_series = series;
    // The window ending at `row` must be whole: the first rows explain the first full window.
    m_row = std::max<qint64>(row, core::ExplainOptions{}.window - 1);
    m_title->setText(titleOf(series, m_row, core::TimeKind::Index, 0));
    m_pending = true;
    if (!m_runner->isRunning()) {
        startNext();
    } else {
        m_runner->cancel(); // the newer window is the one wanted: stop scoring the older one
    }
}

void ExplanationDock::refresh()
{
    if (m_row >= 0) {
        explain(m_series, m_row);
    }
}

void ExplanationDock::startNext()
{
    m_pending = false;
    m_text->setPlainText(tr("Explaining…"));
    m_runner->start(makeExplainJob(m_path, m_series, m_row));
}

QString ExplanationDock::titleOf(const QString& series, qint64 row, core::TimeKind kind,
                                 std::int64_t time)
{
    const QString name = series.toHtmlEscaped();
    switch (kind) {
    case core::TimeKind::EpochMillis:
        return tr("<b>%1</b>, window ending at %2 UTC (row %3)")
            .arg(name, dateTimeText(static_cast<double>(time) / 1000.0))
            .arg(row);
    case core::TimeKind::Numeric:
        return tr("<b>%1</b>, window ending at %2 (row %3)").arg(name).arg(time).arg(row);
    case core::TimeKind::Index:
        break;
    }
    return tr("<b>%1</b>, window ending at row %2").arg(name).arg(row);
}

QString ExplanationDock::toHtml(const core::WindowExplanation& e)
{
    QString h;
    if (!e.dataNote.empty()) {
        h += QStringLiteral("<p><b>%1</b></p>")
                 .arg(tr("This window has no observed value (all missing): every data feature "
                         "is 0, so the potential below is its value on no data, not evidence."));
    }
    // --- the model ---
    h += QStringLiteral("<h3>%1</h3>").arg(tr("Model"));
    if (!e.modelAvailable) {
        // Core's note names the CLI; in the app the Training tab is the way.
        const bool untrained = e.modelNote.rfind("not trained yet", 0) == 0;
        h += QStringLiteral("<p><i>%1</i></p>")
                 .arg(untrained ? tr("Not trained yet: train a model in the Training tab "
                                     "(%1) to see its score, Q-values and VAE error.")
                                      .arg(Shortcuts::instance()
                                               .keyText(QStringLiteral("model.retrain"))
                                               .toHtmlEscaped())
                                : esc(e.modelNote));
    } else {
        h += QStringLiteral("<p>%1</p>")
                 .arg(tr("Model v%1: anomaly score <b>%2</b> (Q normal %3, Q anomaly %4)")
                          .arg(e.modelVersion)
                          .arg(num(e.probability), num(e.q0), num(e.q1)));
        h += QStringLiteral("<p>%1</p>")
                 .arg(tr("VAE reconstruction error %1").arg(num(e.reconstructionError)));
        if (!e.channelError.empty()) {
            h += QStringLiteral("<table cellspacing='0' cellpadding='2'><tr><th align='left'>%1"
                                "</th><th align='right'>%2</th></tr>")
                     .arg(tr("Channel"), tr("VAE error"));
            for (std::size_t c = 0; c < e.channelError.size(); ++c) {
                const QString name =
                    c < e.channelNames.size() ? esc(e.channelNames[c]) : tr("channel %1").arg(c);
                h += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td></tr>")
                         .arg(name, num(e.channelError[c]));
            }
            h += QStringLiteral("</table>");
        }
    }
    // The provider's text (the terms' reasons, the summary) is always attributed.
    const std::string who = e.providerName.empty() ? e.provider : e.providerName;
    // core::kBuiltinDisplayName is English; the UI names the built-in analyst itself.
    const bool builtin = who.empty() || who == core::kBuiltinDisplayName;
    const QString by =
        e.generated ? tr("Generated by %1 (model-written text: check it against the data)")
                          .arg(esc(who + (e.model.empty() ? std::string() : " · " + e.model)))
                    : tr("Written by the %1 analyst (deterministic rules, no language model)")
                          .arg(builtin ? tr("built-in (no LLM)") : esc(who));
    // --- the potential ---
    h += QStringLiteral("<h3>%1</h3>").arg(tr("Potential"));
    if (e.expression.empty()) {
        h += QStringLiteral("<p><i>%1</i> %2</p>")
                 .arg(tr("No potential yet."), esc(e.potentialNote));
    } else {
        // Core's note names the CLI; in the app the button below the explanation is the way.
        if (e.potentialNote.rfind("no potential stored yet", 0) == 0) {
            h += QStringLiteral("<p><i>%1</i></p>")
                     .arg(tr("No potential stored yet; showing the built-in (no LLM) potential. "
                             "“Ask for a potential function” below stores one."));
        } else if (!e.potentialNote.empty()) {
            h += QStringLiteral("<p><i>%1</i></p>").arg(esc(e.potentialNote));
        }
        h += QStringLiteral("<p><code>%1</code></p>").arg(esc(e.expression));
        h += QStringLiteral("<p>%1</p>")
                 .arg(tr("Value %1 at this window · AUC on labelled windows %2")
                          .arg(num(e.potential), num(e.potentialAuc)));
        if (!e.terms.empty()) {
            h += QStringLiteral("<table cellspacing='0' cellpadding='2'><tr><th align='left'>%1"
                                "</th><th align='right'>%2</th><th align='left'>%3</th></tr>")
                     .arg(tr("Term"), tr("Contribution"), tr("Why"));
            for (const auto& t : e.terms) {
                h += QStringLiteral("<tr><td><code>%1%2</code></td><td align='right'>%3</td>"
                                    "<td>%4</td></tr>")
                         .arg(t.sign < 0 ? QStringLiteral("−") : QString(), esc(t.expr),
                              num(t.contribution), coreText(t.why).toHtmlEscaped());
            }
            h += QStringLiteral("</table>");
            const bool reasons = std::any_of(e.terms.begin(), e.terms.end(),
                                             [](const auto& t) { return !t.why.empty(); });
            if (reasons && e.summary.empty()) {
                // Without a summary (which carries the attribution) the reasons carry it.
                h += QStringLiteral("<p style='color:#666'><small>%1</small></p>").arg(by);
            }
        }
    }
    // --- the provider's text, always attributed ---
    if (!e.summary.empty()) {
        h += QStringLiteral("<h3>%1</h3><p>%2</p><p style='color:#666'><small>%3</small></p>")
                 .arg(tr("Summary"), coreText(e.summary).toHtmlEscaped(), by);
    }
    // --- nearest labelled windows ---
    h += QStringLiteral("<h3>%1</h3>").arg(tr("Nearest labelled windows"));
    if (e.nearest.empty()) {
        h += QStringLiteral("<p><i>%1</i></p>").arg(tr("No labelled windows to compare with."));
    } else {
        h += QStringLiteral("<table cellspacing='0' cellpadding='2'><tr><th align='left'>%1</th>"
                            "<th align='right'>%2</th><th align='left'>%3</th>"
                            "<th align='right'>%4</th></tr>")
                 .arg(tr("Series"), tr("Ends at row"), tr("Label"), tr("Distance"));
        for (const auto& n : e.nearest) {
            h += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td>%3</td>"
                                "<td align='right'>%4</td></tr>")
                     .arg(esc(n.series))
                     .arg(n.end)
                     .arg(n.label == 1 ? tr("anomaly") : tr("normal"))
                     .arg(num(n.distance));
        }
        h += QStringLiteral("</table>");
    }
    return h;
}

} // namespace vigil::ui
