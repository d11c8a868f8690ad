// SPDX-License-Identifier: MIT
// The openai-compatible chat client. It speaks only the common subset that Ollama, llama.cpp's
// llama-server, vLLM and LM Studio implement: POST /chat/completions with model, messages,
// temperature, max_tokens and response_format {"type":"json_object"}; the reply's
// choices[0].message.content and usage.{prompt,completion}_tokens. HTTP goes through the
// HttpTransport so this file stays Qt-free.
#include "data/loader_util.h"
#include "vigil/llm.h"
#include "vigil/phrases.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <thread>

namespace vigil::core {

namespace {

/// `path` appended to the base URL's path, before its query (Azure's endpoints carry
/// "?api-version=…"); a fragment is never sent. "http://h/v1?x=1" used to become
/// "http://h/v1?x=1/chat/completions".
std::string joinUrl(const std::string& base, const std::string& path)
{
    std::string b = base.substr(0, base.find('#'));
    const std::size_t q = b.find('?');
    const std::string query = q == std::string::npos ? std::string() : b.substr(q);
    b.resize(std::min(q, b.size()));
    while (!b.empty() && b.back() == '/') {
        b.pop_back();
    }
    return b + path + query;
}

/// The URL as names and messages show it: without credentials ("user:password@") and without
/// the query (some services take their key there), which a project's potential record and a
/// terminal must not keep.
std::string shownUrl(const std::string& url)
{
    std::string u = url.substr(0, url.find_first_of("?#"));
    const bool cut = u.size() < url.size();
    const std::size_t scheme = u.find("://");
    const std::size_t host = scheme == std::string::npos ? 0 : scheme + 3;
    const std::size_t path = u.find('/', host);
    const std::size_t at = u.rfind('@', path == std::string::npos ? std::string::npos : path);
    if (at != std::string::npos && at >= host) {
        u.erase(host, at + 1 - host);
    }
    return cut ? u + "?..." : u;
}

/// Seconds of a Retry-After header given as delta-seconds; negative when absent or a date.
double retryAfterSeconds(const std::string& value)
{
    if (value.empty()) {
        return -1.0;
    }
    char* end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || !std::isfinite(v) || v < 0.0) {
        return -1.0;
    }
    return v;
}

/// The first ~200 bytes of a reply for an error message: valid UTF-8 whatever the server sent
/// (a stray byte, or a character cut at the limit, becomes '?'), since messages end up in JSON.
std::string bodyExcerpt(const std::string& body)
{
    std::string_view rest = std::string_view(body).substr(0, 200);
    std::string s;
    while (!rest.empty()) {
        const std::size_t bad = detail::findInvalidUtf8(rest);
        if (bad == std::string_view::npos) {
            s.append(rest);
            break;
        }
        s.append(rest.substr(0, bad));
        s += '?';
        rest.remove_prefix(bad + 1);
    }
    std::replace(s.begin(), s.end(), '\n', ' ');
    std::replace(s.begin(), s.end(), '\0', ' ');
    return s;
}

} // namespace

OpenAiCompatibleProvider::OpenAiCompatibleProvider(OpenAiCompatibleConfig config,
                                                   HttpTransport& transport)
    : m_config(std::move(config))
    , m_transport(transport)
{
    m_config.maxConcurrent = std::max(1, m_config.maxConcurrent);
    m_config.maxRetries = std::clamp(m_config.maxRetries, 0, 10);
    if (!m_config.sleep) {
        // In slices, so that a cancel does not wait out a backoff.
        m_config.sleep = [cancel = m_config.cancel](double seconds) {
            const auto end =
                std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
            while (std::chrono::steady_clock::now() < end &&
                   (cancel == nullptr || !cancel->isCancelled())) {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        };
    }
}

std::string OpenAiCompatibleProvider::displayName() const
{
    return "openai-compatible (" +
           (m_config.model.empty() ? std::string("default model") : m_config.model) + " at " +
           shownUrl(m_config.baseUrl) + ")";
}

HttpResponse OpenAiCompatibleProvider::exchange(const HttpRequest& request, LlmError* error)
{
    // The concurrency limit: local servers run one or two requests at a time and queue (or
    // reject) the rest, so more in flight only adds timeouts.
    {
        std::unique_lock lock(m_mutex);
        m_slotFree.wait(lock, [this] { return m_inFlight < m_config.maxConcurrent; });
        ++m_inFlight;
    }
    struct Release
    {
        OpenAiCompatibleProvider* self;
        ~Release()
        {
            {
                std::lock_guard lock(self->m_mutex);
                --self->m_inFlight;
            }
            self->m_slotFree.notify_one();
        }
    } release{this};

    double backoff = std::max(0.0, m_config.backoffSeconds);
    HttpResponse response;
    HttpRequest sent = request;
    if (sent.cancel == nullptr) {
        sent.cancel = m_config.cancel;
    }
    const auto cancelled = [&] { return sent.cancel != nullptr && sent.cancel->isCancelled(); };
    for (int attempt = 0;; ++attempt) {
        if (cancelled()) {
            *error = {LlmErrorKind::Cancelled, 0, std::string(kCancelledMessage)};
            response.failure = HttpResponse::Failure::Cancelled;
            return response;
        }
        response = m_transport.send(sent);
        if (response.failure == HttpResponse::Failure::Cancelled || cancelled()) {
            *error = {LlmErrorKind::Cancelled, 0, std::string(kCancelledMessage)};
            response.failure = HttpResponse::Failure::Cancelled;
            return response;
        }
        if (response.failure == HttpResponse::Failure::Timeout) {
            *error = {LlmErrorKind::Timeout, 0,
                      phrases::fill(
                          phrases::kLlmNoReply,
                          {shownUrl(request.url),
                           std::to_string(static_cast<int>(std::ceil(request.timeoutSeconds)))})};
            return response;
        }
        if (response.failure == HttpResponse::Failure::Unreachable) {
            *error = {LlmErrorKind::Unreachable, 0,
                      phrases::fill(phrases::kLlmCannotReach, {shownUrl(request.url)}) + " " +
                          response.failureMessage};
            return response;
        }
        const int status = response.status;
        if (status >= 200 && status < 300) {
            return response;
        }
        const bool retryable = status == 429 || status >= 500;
        if (!retryable || attempt >= m_config.maxRetries) {
            if (status == 429) {
                *error = {LlmErrorKind::RateLimited, status,
                          phrases::fill(phrases::kLlmRateLimited,
                                        {shownUrl(request.url), std::to_string(attempt + 1)})};
            } else {
                *error = {LlmErrorKind::HttpStatus, status,
                          phrases::fill(phrases::kLlmHttpStatus,
                                        {std::to_string(status), shownUrl(request.url)}) +
                              " " + bodyExcerpt(response.body)};
            }
            return response;
        }
        double wait = backoff;
        const double hinted = retryAfterSeconds(response.header("retry-after"));
        if (hinted >= 0.0) {
            if (hinted > m_config.maxRetryAfterSeconds) {
                // Waiting minutes inside a labelling session is worse than failing now.
                *error = {LlmErrorKind::RateLimited, status,
                          phrases::fill(
                              phrases::kLlmAsksToWait,
                              {shownUrl(request.url), std::to_string(static_cast<int>(hinted))})};
                return response;
            }
            wait = hinted;
        }
        m_config.sleep(wait);
        backoff *= 2.0;
    }
}

ChatResult OpenAiCompatibleProvider::chat(const ChatRequest& request)
{
    nlohmann::json body;
    if (!m_config.model.empty()) {
        body["model"] = m_config.model;
    }
    body["messages"] = nlohmann::json::array();
    for (const ChatMessage& m : request.messages) {
        body["messages"].push_back({{"role", m.role}, {"content", m.content}});
    }
    body["temperature"] = request.temperature;
    body["max_tokens"] = request.maxTokens;
    body["stream"] = false;
    if (request.wantJson) {
        body["response_format"] = {{"type", "json_object"}};
    }
    HttpRequest http;
    http.method = "POST";
    http.url = joinUrl(m_config.baseUrl, "/chat/completions");
    http.headers.emplace_back("Content-Type", "application/json");
    http.headers.emplace_back("Accept", "application/json");
    if (!m_config.apiKey.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + m_config.apiKey);
    }
    // A prompt quotes series names, the user's domain text and a rejected reply: invalid UTF-8
    // there is replaced, never a reason to throw.
    http.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    http.timeoutSeconds = request.timeoutSeconds > 0.0 ? request.timeoutSeconds
                                                       : m_config.timeoutSeconds;
    LlmError error;
    const HttpResponse response = exchange(http, &error);
    if (response.failure != HttpResponse::Failure::None || response.status < 200 ||
        response.status >= 300) {
        return error;
    }
    const auto doc = nlohmann::json::parse(response.body, nullptr, false);
    const auto malformed = [&](const std::string& what) {
        return LlmError{LlmErrorKind::MalformedReply, response.status,
                        "the server's reply is not a chat completion (" + what + "): " +
                            bodyExcerpt(response.body)};
    };
    if (doc.is_discarded() || !doc.is_object()) {
        return malformed("not JSON");
    }
    if (!doc.contains("choices") || !doc["choices"].is_array() || doc["choices"].empty()) {
        return malformed("no choices");
    }
    const auto& choice = doc["choices"][0];
    if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) {
        return malformed("no message");
    }
    const auto& content = choice["message"].value("content", nlohmann::json());
    if (!content.is_string()) {
        return malformed("message content is not text");
    }
    ChatReply reply;
    reply.text = content.get<std::string>();
    if (doc.contains("usage") && doc["usage"].is_object()) {
        const auto& usage = doc["usage"];
        if (usage.contains("prompt_tokens") && usage["prompt_tokens"].is_number_integer()) {
            reply.promptTokens = usage["prompt_tokens"].get<std::int64_t>();
        }
        if (usage.contains("completion_tokens") &&
            usage["completion_tokens"].is_number_integer()) {
            reply.completionTokens = usage["completion_tokens"].get<std::int64_t>();
        }
    }
    return reply;
}

Result<std::vector<std::string>> OpenAiCompatibleProvider::listModels()
{
    HttpRequest http;
    http.method = "GET";
    http.url = joinUrl(m_config.baseUrl, "/models");
    http.headers.emplace_back("Accept", "application/json");
    if (!m_config.apiKey.empty()) {
        http.headers.emplace_back("Authorization", "Bearer " + m_config.apiKey);
    }
    http.timeoutSeconds = m_config.timeoutSeconds;
    LlmError error;
    const HttpResponse response = exchange(http, &error);
    if (response.failure != HttpResponse::Failure::None || response.status < 200 ||
        response.status >= 300) {
        return fail(error.message);
    }
    const auto doc = nlohmann::json::parse(response.body, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("data") ||
        !doc["data"].is_array()) {
        return fail("the model list from " + shownUrl(http.url) + " is not {\"data\": [...]}");
    }
    std::vector<std::string> out;
    for (const auto& m : doc["data"]) {
        if (m.is_object() && m.contains("id") && m["id"].is_string()) {
            out.push_back(m["id"].get<std::string>());
        }
    }
    return out;
}

} // namespace vigil::core
