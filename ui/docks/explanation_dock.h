// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/explain.h"

#include <QDockWidget>

#include <cstdint>
#include <optional>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace vigil::ui {

class JobRunner;

/// Why a window scores as it does: the potential and its terms, the provider's text (marked as
/// generated when a language model wrote it), the VAE error per channel, the RL Q-values and
/// score, and the nearest labelled windows. Says plainly when there is no model or potential
/// yet. explainWindow() loads the model, so it runs on a worker thread; the newest request wins.
/// GUI thread only.
class ExplanationDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit ExplanationDock(QWidget* parent = nullptr);
    ~ExplanationDock() override;

    void setProject(const QString& path);
    /// Explains the window of `series` whose newest row is `row`.
    void explain(const QString& series, qint64 row);
    /// Explains the last window again (after training or a new potential).
    void refresh();
    /// Asks the project's LLM provider (built-in without an endpoint) for a potential function
    /// on a worker thread; `fresh` asks anew even while the stored one still fits the labels.
    void askPotential(bool fresh = true);
    /// Stops a potential request: the request in flight is aborted, nothing is stored.
    void cancelPotential();

    QTextBrowser* browser() const { return m_text; }
    JobRunner* runner() const { return m_runner; }
    JobRunner* potentialRunner() const { return m_potentialRunner; }
    /// One line about the last potential request: who answered, the AUC, any notice or error.
    QLabel* potentialStatus() const { return m_potentialStatus; }
    /// The HTML shown for an explanation (public for tests).
    static QString toHtml(const core::WindowExplanation& e);
    /// The header line: the series and the window's newest row, at its time when it has one.
    static QString titleOf(const QString& series, qint64 row, core::TimeKind kind,
                           std::int64_t time);
    QLabel* title() const { return m_title; }

Q_SIGNALS:
    void explained();
    /// A potential was stored (or kept); the text is the line shown in the dock.
    void potentialChanged(const QString& text);

private:
    void startNext();
    /// Ask disabled and Cancel shown while a potential request runs.
    void setAsking(bool asking);

    QString m_path;
    QString m_series;
    qint64 m_row = -1;
    bool m_pending = false; ///< a request arrived while the worker was busy
    QLabel* m_title = nullptr;
    QTextBrowser* m_text = nullptr;
    JobRunner* m_runner = nullptr;
    QPushButton* m_ask = nullptr;
    QPushButton* m_cancelAsk = nullptr;
    QLabel* m_potentialStatus = nullptr;
    JobRunner* m_potentialRunner = nullptr;
};

} // namespace vigil::ui
