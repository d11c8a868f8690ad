// SPDX-License-Identifier: MIT
#pragma once

#include "llm_settings.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTreeView;

namespace vigil::core {
class Project;
}

namespace vigil::ui {

class ShortcutModel;

/// Settings, in three pages:
/// - LLM: provider, base URL and model of the open project (stored in the project), the API key
///   and timeout (stored in the user's settings only), "Refresh models" and "Test connection",
///   which call the endpoint on a pool thread;
/// - Keys: every remappable action of the Shortcuts registry, clashes marked;
/// - Appearance: language (read at start-up) and the colour-blind-safe palette.
/// Nothing is saved until OK or Apply; a clash or a bad URL is shown and nothing is saved.
/// GUI thread only; the project (may be null) must outlive the dialog.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    enum Page { LlmPage, KeysPage, AppearancePage };

    explicit SettingsDialog(core::Project* project, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    void showPage(Page page);
    /// Saves every page; false (with the reason shown, and nothing saved) on a clash or a bad
    /// value.
    bool apply();
    /// The last reason apply() refused, or an empty string.
    QString applyError() const { return m_applyError; }
    /// True while a connection test or a model refresh is under way.
    bool isProbing() const { return m_probe.isRunning(); }

    // For tests and the screenshot.
    QTabWidget* tabs() const { return m_tabs; }
    QComboBox* providerBox() const { return m_provider; }
    QLineEdit* baseUrlEdit() const { return m_baseUrl; }
    QComboBox* modelBox() const { return m_model; }
    QLineEdit* apiKeyEdit() const { return m_apiKey; }
    QDoubleSpinBox* timeoutBox() const { return m_timeout; }
    QPushButton* testButton() const { return m_test; }
    QPushButton* refreshModelsButton() const { return m_refreshModels; }
    QLabel* testResultLabel() const { return m_testResult; }
    ShortcutModel* shortcutModel() const { return m_keys; }
    QTreeView* shortcutView() const { return m_keyView; }
    QLabel* conflictLabel() const { return m_conflicts; }
    QPushButton* restoreDefaultsButton() const { return m_restoreKeys; }
    QComboBox* languageBox() const { return m_language; }
    QCheckBox* colourBlindBox() const { return m_colourBlind; }

Q_SIGNALS:
    /// Settings were saved (the LLM ones of the project among them).
    void applied();
    /// A connection test or model refresh finished (its result is on the page).
    void probeFinished(bool ok);

private:
    QWidget* createLlmPage();
    QWidget* createKeysPage();
    QWidget* createAppearancePage();
    void updateLlmEnabled();
    void startProbe(bool listOnly);
    void onProbeFinished();
    void updateConflicts();
    QString providerValue() const;

    core::Project* m_project = nullptr;
    QTabWidget* m_tabs = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QString m_applyError;

    QComboBox* m_provider = nullptr;
    QLabel* m_providerNote = nullptr;
    QLineEdit* m_baseUrl = nullptr;
    QComboBox* m_model = nullptr;
    QPushButton* m_refreshModels = nullptr;
    QLineEdit* m_apiKey = nullptr;
    QLabel* m_apiKeyNote = nullptr;
    QDoubleSpinBox* m_timeout = nullptr;
    QPushButton* m_test = nullptr;
    QLabel* m_testResult = nullptr;
    QFutureWatcher<LlmProbeResult> m_probe;
    /// Stops the probe when the dialog goes (the application may be quitting: a probe left
    /// running kept the process alive in QThreadPool::waitForDone).
    std::shared_ptr<core::CancelToken> m_probeCancel;
    bool m_probeListOnly = false;

    ShortcutModel* m_keys = nullptr;
    QTreeView* m_keyView = nullptr;
    QLabel* m_conflicts = nullptr;
    QPushButton* m_resetKey = nullptr;
    QPushButton* m_clearKey = nullptr;
    QPushButton* m_restoreKeys = nullptr;

    QComboBox* m_language = nullptr;
    QLabel* m_languageNote = nullptr;
    QCheckBox* m_colourBlind = nullptr;
    QWidget* m_palettePreview = nullptr;
};

} // namespace vigil::ui
