// SPDX-License-Identifier: MIT
// Where the LLM settings live (LLM.md "Providers"): the provider, base URL and model belong to
// the project (settings llm.provider, llm.base_url, llm.model, which the CLI reads too); the API
// key and the timeout belong to the user (QSettings llm/api_key, llm/timeout_seconds), so a key
// never travels inside a project file. $VIGIL_LLM_API_KEY overrides the stored key.
#pragma once

#include "vigil/progress.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>

namespace vigil::core {
class Project;
}

namespace vigil::ui {

/// The per-project part of the LLM settings.
struct LlmProjectSettings
{
    QString provider = QStringLiteral("builtin"); ///< builtin | openai-compatible | replay
    QString baseUrl;                              ///< empty: the client's default (Ollama)
    QString model;
};

/// The endpoint used when the base URL is left empty (Ollama's).
QString defaultLlmBaseUrl();

/// Reads the project's settings; an unset provider is openai-compatible when a base URL is
/// set, else builtin (as the CLI decides). Errors leave the defaults.
LlmProjectSettings loadLlmProjectSettings(const core::Project& project);
/// Writes them into the project; returns the error in words, or an empty string.
QString saveLlmProjectSettings(core::Project& project, const LlmProjectSettings& settings);

/// True when $VIGIL_LLM_API_KEY is set (it then wins over the stored key).
bool apiKeyFromEnvironmentSet();
/// The key stored in the user's settings (not the environment's).
QString storedApiKey();
void storeApiKey(const QString& key);
/// The key a request would send: the environment's, else the stored one.
QString effectiveApiKey();

/// Seconds per HTTP attempt (user setting, default 60).
double llmTimeoutSeconds();
void storeLlmTimeoutSeconds(double seconds);

/// What a connection test found.
struct LlmProbeResult
{
    bool ok = false;
    QStringList models;   ///< model ids the server offers
    qint64 latencyMs = 0; ///< of the GET /models exchange
    QString error;        ///< when !ok
};

/// GET {baseUrl}/models once (no retries) through the Qt HTTP transport of core/net. Blocks for
/// up to `timeoutSeconds`: call it on a worker thread, never on the GUI thread. Safe on any
/// thread once a QCoreApplication exists. `cancel` (shared: the caller may go first) stops it
/// within about 50 ms.
LlmProbeResult probeLlmEndpoint(const QString& baseUrl, const QString& apiKey,
                                double timeoutSeconds,
                                std::shared_ptr<const core::CancelToken> cancel = {});

} // namespace vigil::ui

Q_DECLARE_METATYPE(vigil::ui::LlmProbeResult)
