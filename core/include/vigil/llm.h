// SPDX-License-Identifier: MIT
// LLM providers (LLM.md, "Providers"): one chat interface with three implementations:
// `openai-compatible` (HTTP, through an HttpTransport that core only knows as an interface, so
// core stays Qt-free; the Qt Network transport lives in core/net), `builtin` (an offline,
// deterministic analyst) and `replay` (answers from a project's cache only). CachingProvider
// wraps any of them so that every exchange is stored in the project, keyed by
// (provider, model, prompt hash). Provider output is untrusted text; see llm_potential.h.
//
// Thread rules: OpenAiCompatibleProvider and BuiltinAnalyst may be called from several threads
// at once (the former limits concurrent requests itself). ReplayProvider and CachingProvider use
// a Project and so belong to the thread that opened it. HttpTransport implementations say their
// own rules.
#pragma once

#include "vigil/progress.h"
#include "vigil/result.h"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::core {

class Project;

/// What the UI and reports call the builtin provider (never just "builtin").
inline constexpr std::string_view kBuiltinDisplayName = "built-in (no LLM)";

/// One chat message; role is "system", "user" or "assistant".
struct ChatMessage
{
    std::string role;
    std::string content;
};

/// A chat request; temperature is always 0 (replies must be reproducible where models allow).
struct ChatRequest
{
    std::vector<ChatMessage> messages; ///< system first, then user (and assistant on a retry)
    bool wantJson = true;              ///< ask the server for a JSON object reply
    int maxTokens = 1024;
    double temperature = 0.0;
    double timeoutSeconds = 60.0; ///< per HTTP attempt
    /// Whether a reply is usable (it parses as the answer asked for). A cache keeps only usable
    /// replies and answers only with them, so a rejected reply is asked for again next time.
    /// Empty: every reply is.
    std::function<bool(const std::string&)> usable;

    /// The usual shape: one system and one user message.
    static ChatRequest make(std::string system, std::string user);
};

/// A reply with its token counts (0 when the server does not report them).
struct ChatReply
{
    std::string text;
    std::int64_t promptTokens = 0;
    std::int64_t completionTokens = 0;
    bool fromCache = false;
};

/// Why a chat failed.
enum class LlmErrorKind {
    Unreachable,    ///< connection refused, DNS, TLS, no endpoint configured
    Timeout,        ///< no complete reply within the timeout
    HttpStatus,     ///< a non-2xx status other than 429
    RateLimited,    ///< 429 after the retries
    MalformedReply, ///< not the chat-completions JSON
    Cancelled,      ///< the caller's CancelToken stopped the exchange
    NotCached       ///< replay: no answer to this prompt in the project's cache (or unreadable)
};

/// A typed chat failure.
struct LlmError
{
    LlmErrorKind kind = LlmErrorKind::Unreachable;
    int httpStatus = 0; ///< HttpStatus / RateLimited: the last status
    std::string message;
};

/// "unreachable", "timeout", "http-status", "rate-limited", "malformed-reply", "cancelled",
/// "not-cached".
std::string_view llmErrorKindName(LlmErrorKind kind);

/// A ChatReply or an LlmError.
class ChatResult
{
public:
    ChatResult(ChatReply reply) // NOLINT(google-explicit-constructor): like Result
        : m_reply(std::move(reply))
    {}
    ChatResult(LlmError error) // NOLINT(google-explicit-constructor)
        : m_error(std::move(error))
    {}
    bool ok() const { return m_reply.has_value(); }
    explicit operator bool() const { return ok(); }
    const ChatReply& value() const { return *m_reply; }
    ChatReply& value() { return *m_reply; }
    const ChatReply* operator->() const { return &*m_reply; }
    const LlmError& error() const { return m_error; }

private:
    std::optional<ChatReply> m_reply;
    LlmError m_error;
};

/// A chat model, local or remote.
class LlmProvider
{
public:
    virtual ~LlmProvider() = default;
    /// "builtin", "openai-compatible" or "replay" (the cache key's provider part).
    virtual std::string id() const = 0;
    /// What a user sees ("built-in (no LLM)", "openai-compatible (llama3.2)").
    virtual std::string displayName() const = 0;
    /// Model name (the cache key's model part); "builtin" for the builtin analyst.
    virtual std::string model() const = 0;
    /// True when replies are written by a language model (shown as "generated").
    virtual bool generatesText() const = 0;
    /// Sends one request; never throws.
    virtual ChatResult chat(const ChatRequest& request) = 0;
    /// Records `reply` as the answer to `request` (a cache keeps it; others ignore it): the
    /// first request of an ask answered only by its retry gets the retry's reply, so asking
    /// again, or replaying, finds it.
    virtual void remember(const ChatRequest& /*request*/, const ChatReply& /*reply*/) {}
};

// --- HTTP transport (implemented over Qt Network in core/net) ---

/// One HTTP request.
struct HttpRequest
{
    std::string method = "GET"; ///< "GET" or "POST"
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    double timeoutSeconds = 60.0; ///< whole exchange, connect to last byte
    /// When set, the transport aborts the exchange soon after it is cancelled (Failure::Cancelled).
    const CancelToken* cancel = nullptr;
};

/// One HTTP response, or why none arrived.
struct HttpResponse
{
    enum class Failure { None, Unreachable, Timeout, Cancelled };
    Failure failure = Failure::None;
    std::string failureMessage;
    int status = 0; ///< valid when failure == None
    std::vector<std::pair<std::string, std::string>> headers; ///< names lower-case
    std::string body;

    /// First header of that (lower-case) name, or empty.
    std::string header(std::string_view lowerName) const;
};

/// Sends HTTP requests synchronously. Implementations must be callable from any thread.
class HttpTransport
{
public:
    virtual ~HttpTransport() = default;
    /// Blocks until the response, a failure, or the request's timeout.
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

// --- providers ---

/// Settings of the openai-compatible client. The API key is held in memory only.
struct OpenAiCompatibleConfig
{
    std::string baseUrl = "http://localhost:11434/v1"; ///< without /chat/completions
    std::string model;
    std::string apiKey; ///< sent as a bearer token when non-empty; never stored or logged
    double timeoutSeconds = 60.0;
    int maxRetries = 3;             ///< extra attempts after a 429 or 5xx
    double backoffSeconds = 1.0;    ///< first backoff; doubles per retry
    double maxRetryAfterSeconds = 10.0; ///< a larger Retry-After is not waited for
    int maxConcurrent = 2;              ///< requests in flight at once through this provider
    /// How to wait between retries (tests shorten it); default sleeps the thread.
    std::function<void(double seconds)> sleep;
    /// When set, every request stops soon after it is cancelled (LlmErrorKind::Cancelled): the
    /// request in flight is aborted and no retry follows. Must outlive the provider's use.
    const CancelToken* cancel = nullptr;
};

/// The API key from $VIGIL_LLM_API_KEY (empty when unset).
std::string apiKeyFromEnvironment();

/// POST {base}/chat/completions and GET {base}/models against Ollama, llama-server, vLLM,
/// LM Studio or a hosted OpenAI-compatible service.
class OpenAiCompatibleProvider final : public LlmProvider
{
public:
    OpenAiCompatibleProvider(OpenAiCompatibleConfig config, HttpTransport& transport);

    std::string id() const override { return "openai-compatible"; }
    std::string displayName() const override;
    std::string model() const override { return m_config.model; }
    bool generatesText() const override { return true; }
    ChatResult chat(const ChatRequest& request) override;

    /// Model ids the server offers (GET {base}/models).
    Result<std::vector<std::string>> listModels();

    const OpenAiCompatibleConfig& config() const { return m_config; }

private:
    /// One exchange with retries on 429/5xx and the concurrency limit.
    HttpResponse exchange(const HttpRequest& request, LlmError* error);

    OpenAiCompatibleConfig m_config;
    HttpTransport& m_transport;
    std::mutex m_mutex;
    std::condition_variable m_slotFree;
    int m_inFlight = 0;
};

/// The offline analyst: reads the data block of Vigil's own prompts (llm_potential.h) and
/// answers deterministically: potential programs from the labelled windows' feature values,
/// window severities from the window's z-scores. Unrecognised prompts get MalformedReply.
class BuiltinAnalyst final : public LlmProvider
{
public:
    std::string id() const override { return "builtin"; }
    std::string displayName() const override { return std::string(kBuiltinDisplayName); }
    std::string model() const override { return "builtin"; }
    bool generatesText() const override { return false; }
    ChatResult chat(const ChatRequest& request) override;
};

/// Stable hash of a request (messages, JSON flag, max tokens): FNV-1a 64, 16 hex digits.
/// Never includes an API key (requests do not hold one).
std::string promptHash(const ChatRequest& request);

/// The text stored as the cache entry's prompt: every message with its role.
std::string promptText(const ChatRequest& request);

/// Answers only from a project's cache; a miss (or a cache that cannot be read) is a NotCached
/// error saying so.
class ReplayProvider final : public LlmProvider
{
public:
    /// `provider`/`model` narrow the lookup; empty matches any (the newest entry wins).
    ReplayProvider(Project& project, std::string provider = {}, std::string model = {});

    std::string id() const override { return "replay"; }
    std::string displayName() const override;
    std::string model() const override { return m_model.empty() ? "any" : m_model; }
    bool generatesText() const override;
    ChatResult chat(const ChatRequest& request) override;

    /// The provider id and model of the entry the last successful chat() replayed (who wrote
    /// the answer).
    const std::string& lastProvider() const { return m_lastProvider; }
    const std::string& lastModel() const { return m_lastModel; }

private:
    Project& m_project;
    std::string m_provider;
    std::string m_model;
    std::string m_lastProvider;
    std::string m_lastModel;
};

/// Looks every request up in the project's cache first and stores every new reply there.
class CachingProvider final : public LlmProvider
{
public:
    CachingProvider(LlmProvider& inner, Project& project);

    std::string id() const override { return m_inner.id(); }
    std::string displayName() const override { return m_inner.displayName(); }
    std::string model() const override { return m_inner.model(); }
    bool generatesText() const override { return m_inner.generatesText(); }
    ChatResult chat(const ChatRequest& request) override;
    void remember(const ChatRequest& request, const ChatReply& reply) override;

    int hits() const { return m_hits; }
    int misses() const { return m_misses; }

private:
    LlmProvider& m_inner;
    Project& m_project;
    int m_hits = 0;
    int m_misses = 0;
};

} // namespace vigil::core
