// SPDX-License-Identifier: MIT
#include "llm_settings.h"

#include "vigil/llm.h"
#include "vigil/net/qt_http_transport.h"
#include "vigil/project.h"

#include <QSettings>

#include <algorithm>
#include <chrono>

namespace vigil::ui {
namespace {

const QString kApiKey = QStringLiteral("llm/api_key");
const QString kTimeout = QStringLiteral("llm/timeout_seconds");
constexpr double kDefaultTimeout = 60.0;

QString projectSetting(const core::Project& project, const char* key)
{
    auto v = project.setting(key);
    return v && v->has_value() ? QString::fromStdString(**v) : QString();
}

} // namespace

QString defaultLlmBaseUrl()
{
    return QString::fromStdString(core::OpenAiCompatibleConfig{}.baseUrl);
}

LlmProjectSettings loadLlmProjectSettings(const core::Project& project)
{
    LlmProjectSettings out;
    out.baseUrl = projectSetting(project, "llm.base_url");
    out.model = projectSetting(project, "llm.model");
    const QString provider = projectSetting(project, "llm.provider");
    if (!provider.isEmpty()) {
        out.provider = provider;
    } else if (!out.baseUrl.isEmpty()) {
        out.provider = QStringLiteral("openai-compatible");
    }
    return out;
}

QString saveLlmProjectSettings(core::Project& project, const LlmProjectSettings& settings)
{
    const std::pair<const char*, const QString*> values[] = {{"llm.provider", &settings.provider},
                                                             {"llm.base_url", &settings.baseUrl},
                                                             {"llm.model", &settings.model}};
    for (const auto& [key, value] : values) {
        if (auto st = project.setSetting(key, value->trimmed().toStdString()); !st) {
            return QString::fromStdString(st.error().message);
        }
    }
    return {};
}

bool apiKeyFromEnvironmentSet()
{
    return !core::apiKeyFromEnvironment().empty();
}

QString storedApiKey()
{
    return QSettings().value(kApiKey).toString();
}

void storeApiKey(const QString& key)
{
    QSettings settings;
    if (key.isEmpty()) {
        settings.remove(kApiKey);
    } else {
        settings.setValue(kApiKey, key);
    }
}

QString effectiveApiKey()
{
    const std::string env = core::apiKeyFromEnvironment();
    return env.empty() ? storedApiKey() : QString::fromStdString(env);
}

double llmTimeoutSeconds()
{
    bool ok = false;
    const double v = QSettings().value(kTimeout, kDefaultTimeout).toDouble(&ok);
    return ok && v > 0.0 ? v : kDefaultTimeout;
}

void storeLlmTimeoutSeconds(double seconds)
{
    QSettings().setValue(kTimeout, seconds);
}

LlmProbeResult probeLlmEndpoint(const QString& baseUrl, const QString& apiKey,
                                double timeoutSeconds,
                                std::shared_ptr<const core::CancelToken> cancel)
{
    core::OpenAiCompatibleConfig config;
    if (!baseUrl.trimmed().isEmpty()) {
        config.baseUrl = baseUrl.trimmed().toStdString();
    }
    config.apiKey = apiKey.toStdString();
    config.timeoutSeconds = std::max(timeoutSeconds, 0.1);
    config.maxRetries = 0; // a test says how the server answers now, not after backing off
    config.cancel = cancel.get();
    net::QtHttpTransport transport;
    core::OpenAiCompatibleProvider provider(config, transport);
    const auto start = std::chrono::steady_clock::now();
    auto models = provider.listModels();
    LlmProbeResult out;
    out.latencyMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    if (!models) {
        out.error = QString::fromStdString(models.error().message);
        return out;
    }
    out.ok = true;
    for (const auto& m : *models) {
        out.models << QString::fromStdString(m);
    }
    return out;
}

} // namespace vigil::ui
