// SPDX-License-Identifier: MIT
#include "vigil/net/provider_factory.h"

#include "vigil/net/qt_http_transport.h"

namespace vigil::net {
namespace {

std::string settingOr(const core::Project& project, const std::string& key,
                      const std::string& fallback)
{
    auto s = project.setting(key);
    return s && s->has_value() ? **s : fallback;
}

} // namespace

core::Result<std::unique_ptr<ProviderStack>> makeProvider(core::Project& project,
                                                          ProviderSettings settings)
{
    if (settings.baseUrl.empty()) {
        settings.baseUrl = settingOr(project, "llm.base_url", std::string());
    }
    const bool stored = settings.provider.empty(); // the project's setting decides
    if (settings.provider.empty()) {
        settings.provider = settingOr(project, "llm.provider",
                                      settings.baseUrl.empty() ? "builtin" : "openai-compatible");
    }
    if (settings.model.empty()) {
        settings.model = settingOr(project, "llm.model", std::string());
    }
    auto stack = std::make_unique<ProviderStack>();
    stack->m_id = settings.provider;
    if (settings.provider == "builtin") {
        stack->m_inner = std::make_unique<core::BuiltinAnalyst>();
    } else if (settings.provider == "openai-compatible") {
        core::OpenAiCompatibleConfig config;
        if (!settings.baseUrl.empty()) {
            config.baseUrl = settings.baseUrl;
        }
        config.model = settings.model;
        config.apiKey = settings.apiKey.empty() ? core::apiKeyFromEnvironment() : settings.apiKey;
        config.timeoutSeconds = settings.timeoutSeconds;
        config.cancel = settings.cancel;
        stack->m_transport = std::make_unique<QtHttpTransport>();
        stack->m_inner =
            std::make_unique<core::OpenAiCompatibleProvider>(config, *stack->m_transport);
    } else if (settings.provider == "replay") {
        stack->m_inner =
            std::make_unique<core::ReplayProvider>(project, std::string(), settings.model);
    } else if (stored) {
        // A project written by a newer Vigil, or edited by hand: say where the name comes from.
        return core::fail("the project's setting llm.provider names an unknown LLM provider '" +
                          settings.provider +
                          "' (builtin, openai-compatible or replay); choose one in Edit, "
                          "Settings…, LLM");
    } else {
        return core::fail("unknown LLM provider '" + settings.provider +
                          "' (builtin, openai-compatible or replay)");
    }
    stack->m_top = stack->m_inner.get();
    if (settings.provider != "replay") {
        stack->m_cached = std::make_unique<core::CachingProvider>(*stack->m_inner, project);
        stack->m_top = stack->m_cached.get();
    }
    return stack;
}

} // namespace vigil::net
