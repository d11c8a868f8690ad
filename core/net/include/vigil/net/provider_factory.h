// SPDX-License-Identifier: MIT
// One place that turns the project's LLM settings (llm.provider, llm.base_url, llm.model) and
// the caller's API key into a ready provider stack: the CLI's `potential` and the GUI's
// "ask for a potential" build it the same way. Qt-free header (the transport lives in vigil_net).
//
// Thread rules: build and use a ProviderStack on one thread; it refers to `project`, which must
// outlive it and belong to that thread.
#pragma once

#include "vigil/llm.h"
#include "vigil/project.h"
#include "vigil/result.h"

#include <memory>
#include <string>

namespace vigil::net {

/// Which provider to use and how to reach it. Empty fields take the project's settings.
struct ProviderSettings
{
    std::string provider; ///< builtin | openai-compatible | replay; empty: from the project
    std::string baseUrl;
    std::string model;
    std::string apiKey; ///< never stored; empty: $VIGIL_LLM_API_KEY
    double timeoutSeconds = 60.0;
    /// Stops the provider's requests soon after it is cancelled; must outlive the stack.
    const core::CancelToken* cancel = nullptr;
};

/// The provider asked through the project's cache (replay reads the cache directly).
class ProviderStack
{
public:
    core::LlmProvider& provider() { return *m_top; }
    /// "builtin", "openai-compatible" or "replay".
    const std::string& id() const { return m_id; }

private:
    friend core::Result<std::unique_ptr<ProviderStack>> makeProvider(core::Project&,
                                                                     ProviderSettings);
    std::string m_id;
    std::unique_ptr<core::HttpTransport> m_transport;
    std::unique_ptr<core::LlmProvider> m_inner;
    std::unique_ptr<core::CachingProvider> m_cached;
    core::LlmProvider* m_top = nullptr;
};

/// Fills the empty fields of `settings` from the project (provider: llm.provider, else
/// openai-compatible when llm.base_url is set, else builtin) and builds the stack. Errors name
/// an unknown provider.
core::Result<std::unique_ptr<ProviderStack>> makeProvider(core::Project& project,
                                                          ProviderSettings settings);

} // namespace vigil::net
