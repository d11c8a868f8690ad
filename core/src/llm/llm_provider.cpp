// SPDX-License-Identifier: MIT
// The provider plumbing shared by every implementation: request hashing, the project cache and
// replay from it.
#include "vigil/llm.h"

#include "vigil/project.h"

#include <cstdio>
#include <cstdlib>

namespace vigil::core {

ChatRequest ChatRequest::make(std::string system, std::string user)
{
    ChatRequest r;
    r.messages.push_back({"system", std::move(system)});
    r.messages.push_back({"user", std::move(user)});
    return r;
}

std::string_view llmErrorKindName(LlmErrorKind kind)
{
    switch (kind) {
    case LlmErrorKind::Unreachable:
        return "unreachable";
    case LlmErrorKind::Timeout:
        return "timeout";
    case LlmErrorKind::HttpStatus:
        return "http-status";
    case LlmErrorKind::RateLimited:
        return "rate-limited";
    case LlmErrorKind::MalformedReply:
        return "malformed-reply";
    case LlmErrorKind::Cancelled:
        return "cancelled";
    case LlmErrorKind::NotCached:
        return "not-cached";
    }
    return "unreachable";
}

std::string HttpResponse::header(std::string_view lowerName) const
{
    for (const auto& [name, value] : headers) {
        if (name == lowerName) {
            return value;
        }
    }
    return {};
}

std::string apiKeyFromEnvironment()
{
    const char* key = std::getenv("VIGIL_LLM_API_KEY");
    return key != nullptr ? std::string(key) : std::string();
}

namespace {

// FNV-1a 64: stable across platforms and builds, which is all a cache key needs (the prompt
// itself is stored beside it, so a collision would be visible).
void fnv(std::uint64_t& h, std::string_view bytes)
{
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
}

} // namespace

std::string promptHash(const ChatRequest& request)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const ChatMessage& m : request.messages) {
        // Lengths make the encoding unambiguous ("ab"+"c" differs from "a"+"bc").
        fnv(h, std::to_string(m.role.size()) + ":" + m.role + ";");
        fnv(h, std::to_string(m.content.size()) + ":");
        fnv(h, m.content);
    }
    fnv(h, request.wantJson ? "json" : "text");
    fnv(h, std::to_string(request.maxTokens));
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

std::string promptText(const ChatRequest& request)
{
    std::string text;
    for (const ChatMessage& m : request.messages) {
        text += "[" + m.role + "]\n" + m.content + "\n";
    }
    return text;
}

// --- replay ---

ReplayProvider::ReplayProvider(Project& project, std::string provider, std::string model)
    : m_project(project)
    , m_provider(std::move(provider))
    , m_model(std::move(model))
{
}

std::string ReplayProvider::displayName() const
{
    return "replay from the project cache";
}

bool ReplayProvider::generatesText() const
{
    // The replayed text was written by whoever answered first; only builtin is not a model.
    return m_lastProvider != "builtin";
}

ChatResult ReplayProvider::chat(const ChatRequest& request)
{
    const std::string hash = promptHash(request);
    auto hit = m_project.findLlmReply(m_provider, m_model, hash, true);
    if (!hit) {
        return LlmError{LlmErrorKind::NotCached, 0, hit.error().message};
    }
    if (!hit->has_value()) {
        std::string scope;
        if (!m_provider.empty() || !m_model.empty()) {
            scope = " for " + (m_provider.empty() ? std::string("any provider") : m_provider) +
                    " / " + (m_model.empty() ? std::string("any model") : m_model);
        }
        return LlmError{LlmErrorKind::NotCached, 0,
                        "replay: no cached reply for this prompt" + scope + " (hash " + hash +
                            "); ask a live provider once to fill the cache"};
    }
    m_lastProvider = (*hit)->provider;
    m_lastModel = (*hit)->model;
    ChatReply reply;
    reply.text = (*hit)->reply;
    reply.completionTokens = (*hit)->tokens;
    reply.fromCache = true;
    return reply;
}

// --- cache ---

CachingProvider::CachingProvider(LlmProvider& inner, Project& project)
    : m_inner(inner)
    , m_project(project)
{
}

ChatResult CachingProvider::chat(const ChatRequest& request)
{
    const std::string hash = promptHash(request);
    const auto usable = [&](const std::string& text) {
        return !request.usable || request.usable(text);
    };
    // A stored reply that is not usable (cached before replies were checked) is asked again.
    if (auto hit = m_project.findLlmReply(m_inner.id(), m_inner.model(), hash);
        hit && hit->has_value() && usable((*hit)->reply)) {
        ++m_hits;
        ChatReply reply;
        reply.text = (*hit)->reply;
        reply.completionTokens = (*hit)->tokens;
        reply.fromCache = true;
        return reply;
    }
    ++m_misses;
    ChatResult result = m_inner.chat(request);
    if (result && !result->fromCache && usable(result->text)) {
        remember(request, result.value());
    }
    return result;
}

void CachingProvider::remember(const ChatRequest& request, const ChatReply& reply)
{
    LlmCacheEntry e;
    e.provider = m_inner.id();
    e.model = m_inner.model();
    e.promptHash = promptHash(request);
    e.prompt = promptText(request);
    e.reply = reply.text;
    e.tokens = reply.promptTokens + reply.completionTokens;
    // A cache that cannot be written costs money later but must not lose this answer.
    (void)m_project.putLlmReply(e);
}

} // namespace vigil::core
