// SPDX-License-Identifier: MIT
// LLM-written potentials (LLM.md, "Prompts"; METHOD.md §5): the facts Vigil computes about a
// project, the prompts built from them alone, extraction and validation of the untrusted reply,
// one retry carrying the error, the fallback to the builtin analyst, the potential's separation
// (ROC AUC on labelled windows) and its revision when new labels push that below a threshold.
// Also the paper's per-window severity potential (`llm-window`).
//
// Prompt layout: the system message is fixed text (the task, the language, the reply format);
// the user message is a fixed sentence followed by one data block
//   <<<DATA
//   {...JSON computed by Vigil...}
//   DATA>>>
// Everything a user typed or named (series names, the domain line) appears only JSON-escaped
// inside that block, with '<' and '>' escaped too, so it cannot close the block or add messages.
//
// Thread rules: free functions use the Project and provider they are given from the calling
// thread only. LlmWindowPotential serialises its calls to the provider internally.
#pragma once

#include "vigil/engine.h"
#include "vigil/llm.h"
#include "vigil/potential_language.h"
#include "vigil/project.h"
#include "vigil/result.h"
#include "vigil/time_series.h"

#include <cstdint>
#include <limits>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigil::core {

/// Statistics of one series as the prompt states them.
struct SeriesFacts
{
    std::string name;
    std::int64_t length = 0;
    int channels = 0;
    std::string step; ///< "600 s", "1 (numeric)" or "index"
    int period = 0;   ///< estimated seasonal period in rows (0: none)
    double missingFraction = 0.0;
    std::int64_t anomalousRows = 0;
    std::int64_t normalRows = 0;
};

/// How well one candidate term separates anomalous from normal labelled windows.
struct FeatureSeparation
{
    std::string term; ///< a feature name or `abs(name)`
    double auc = 0.5; ///< ROC AUC of the term as a score
    double anomalousMedian = 0.0;
    double normalMedian = 0.0;
};

/// One labelled window summarised by its feature values.
struct WindowExample
{
    std::string series;
    std::int64_t end = 0; ///< row of the window's newest point
    int label = 0;        ///< 1 anomaly, 0 normal (or unlabelled, see PotentialFacts)
    std::vector<std::pair<std::string, double>> features;
};

/// Everything a potential prompt may contain (all computed by Vigil).
struct PotentialFacts
{
    std::string domain; ///< the user's one-line description (optional)
    int window = 25;
    std::vector<SeriesFacts> series;           ///< the first FactOptions::maxSeriesInPrompt
    std::int64_t seriesTotal = 0;              ///< series in the project
    std::vector<FeatureSeparation> separation; ///< candidate terms, best separating first
    std::vector<WindowExample> examples;       ///< a few anomalous, then a few normal
    std::int64_t anomalousWindows = 0;
    std::int64_t normalWindows = 0;
    bool unlabelledAsNormal = false; ///< no normal labels: unlabelled windows stood in for them
    std::string currentExpression;   ///< non-empty when asking for a revision
    double currentAuc = std::numeric_limits<double>::quiet_NaN();
};

/// Options of fact collection.
struct FactOptions
{
    std::string domain;
    int window = 25;
    int examplesPerClass = 4;
    std::int64_t maxSeriesInPrompt = 20; ///< further series are counted, not listed
};

/// Computes the facts of a project (series statistics, feature separation, example windows).
Result<PotentialFacts> collectPotentialFacts(Project& project, const FactOptions& options = {});

/// One series given in memory (benchmarks have no project): values and per-point labels
/// (-1 unlabelled, 0 normal, 1 anomaly; one per row).
struct FactSeries
{
    std::string name;
    const TimeSeries* series = nullptr;
    std::vector<std::int8_t> labels;
};

/// The same facts from series in memory.
Result<PotentialFacts> collectPotentialFacts(const std::vector<FactSeries>& series,
                                             const FactOptions& options = {});

/// The request asking for a potential (a revision when facts.currentExpression is set).
ChatRequest buildPotentialRequest(const PotentialFacts& facts);

/// The same request plus the rejected reply and a user message carrying the error.
ChatRequest buildRetryRequest(const ChatRequest& first, const std::string& reply,
                              const std::string& error);

/// The data block of a request's user messages, parsed (for the builtin analyst and tests).
Result<std::string> extractDataBlock(const ChatRequest& request);

/// The first JSON object in `text` (bare, inside prose, or in a ``` / ```json fence) that
/// parses and, when `requiredKey` is non-empty, has that key. Returns the object's text.
Result<std::string> extractJsonObject(std::string_view text, std::string_view requiredKey = {});

/// One term of a reply: a sub-expression and why it is there.
struct PotentialTermText
{
    std::string expr;
    std::string why;
};

/// A reply that passed extraction, the schema and the potential-language validator.
struct PotentialReply
{
    Expr expr;
    std::string expression; ///< canonical text of expr
    std::vector<PotentialTermText> terms;
    std::string summary;
};

/// Extracts, checks the schema {"potential","terms":[{"expr","why"}],"summary"} and parses the
/// expression. The Error says what was wrong (with the parser's position and hint).
Result<PotentialReply> parsePotentialReply(std::string_view text);

/// A potential with its explanation and provenance.
struct PotentialProposal
{
    std::string expression;
    std::vector<PotentialTermText> terms;
    std::string summary;
    std::string provider;     ///< id of the provider whose answer this is ("builtin" on fallback)
    std::string providerName; ///< display name
    std::string model;
    bool generated = false; ///< text written by a language model
    std::string notice;     ///< non-empty when Vigil fell back, revised or kept an older one
    std::string failure;    ///< why the asked provider's answer was not used (on fallback)
    double auc = std::numeric_limits<double>::quiet_NaN();
    int attempts = 0;          ///< chat requests made (cache hits included)
    std::int64_t tokens = 0;   ///< tokens reported for the requests actually sent
    bool fromCache = false;    ///< every reply used came from the cache
    std::int64_t storedId = 0; ///< id in the project's potentials table (0: not stored)

    /// {"terms":[{"expr","why"}],"summary","generated","notice"} as stored in the project.
    std::string explanationJson() const;
    /// Reads a stored record back.
    static PotentialProposal fromRecord(const PotentialRecord& record);
};

/// Options of one ask.
struct AskOptions
{
    double timeoutSeconds = 60.0;
    int maxTokens = 1024;
    /// When set and cancelled, asking stops with kCancelledMessage: no retry, no built-in
    /// fallback, nothing stored (the provider's own requests stop through its config).
    const CancelToken* cancel = nullptr;
};

/// Asks `provider` once, retries once with the error on a bad reply, then falls back to the
/// builtin analyst with a notice. Fails only if even the builtin cannot answer.
Result<PotentialProposal> askForPotential(LlmProvider& provider, const PotentialFacts& facts,
                                          const AskOptions& options = {});

/// Separation of a potential on a project's labels.
struct PotentialAuc
{
    double auc = std::numeric_limits<double>::quiet_NaN(); ///< NaN: a class is missing
    std::int64_t anomalous = 0;
    std::int64_t normal = 0;
    bool unlabelledAsNormal = false; ///< no normal labels: unlabelled windows counted as normal
};

/// ROC AUC of the expression's φ over every window whose newest row carries an expert label.
Result<PotentialAuc> measurePotentialAuc(Project& project, const Expr& expr, int window = 25);
/// The same AUC of an expression given as text (NaN when a class is missing); an error when it
/// does not parse.
Result<double> aucOfExpression(Project& project, const std::string& expression, int window = 25);

/// Options of proposePotential().
struct ProposeOptions
{
    FactOptions facts;
    AskOptions ask;
    bool fresh = false; ///< ignore the stored potential and ask anew
    /// The provider was not chosen but fell back to the default (the CLI without --provider or
    /// --base-url): a stored potential of another provider (a language model's) is shown and
    /// kept, with a notice, rather than replaced by the default provider's.
    bool keepOtherProvider = false;
    /// AUC below which a stored potential is revised; NaN: the project setting
    /// `llm.revision_auc_threshold` (default 0.6).
    double revisionThreshold = std::numeric_limits<double>::quiet_NaN();
};

/// The project's potential from `provider`: the stored one while its AUC on the current labels
/// stays above the threshold, a revision (kept only if better) when it dropped below, or a new
/// one. Stores what it returns (with its AUC). Pass a CachingProvider to cache exchanges.
Result<PotentialProposal> proposePotential(Project& project, LlmProvider& provider,
                                           const ProposeOptions& options = {});

/// Options of the per-window severity potential.
struct WindowPotentialOptions
{
    int maxCalls = 5000; ///< distinct windows asked at most; the rest use the fallback
    int batchSize = 16;  ///< windows per request (1: the paper's one call per window)
    double timeoutSeconds = 30.0;
    int maxTokens = 32; ///< per window; a batch asks for batchSize times as many
};

/// The paper's LLM potential: each window z-normalised per channel, rounded to 2 decimals and
/// sent as data; the model rates each window's newest row in [0, 1]. Distinct rounded windows
/// are asked once (memoised here; pass a CachingProvider for the project cache), batchSize to a
/// request ({"severities": [...]}, one per window, in order). A batch whose reply is unusable
/// is asked again window by window ({"severity": x}); windows that still fail, or are over
/// maxCalls, get the heuristic potential's value.
class LlmWindowPotential final : public PotentialFunction
{
public:
    explicit LlmWindowPotential(LlmProvider& provider, WindowPotentialOptions options = {});

    Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const override;
    std::string name() const override { return "llm-window"; }

    struct Stats
    {
        int calls = 0;    ///< requests sent to the provider (batches and single retries)
        int asked = 0;    ///< distinct windows sent
        int reused = 0;   ///< windows answered from the memo (duplicates)
        int failures = 0; ///< windows whose answer stayed unusable (they got the fallback)
        int skipped = 0;  ///< windows over maxCalls
    };
    Stats stats() const;

    /// The request for one flattened window (exposed for tests).
    static ChatRequest requestFor(const Eigen::RowVectorXd& window, int channels,
                                  const WindowPotentialOptions& options);
    /// The request for several flattened windows (one row each; exposed for tests).
    static ChatRequest requestForBatch(const Eigen::MatrixXd& windows, int channels,
                                       const WindowPotentialOptions& options);
    /// The severity in a reply, or an Error.
    static Result<double> parseSeverity(std::string_view reply);
    /// The `count` severities of a batch reply, or an Error.
    static Result<std::vector<double>> parseSeverities(std::string_view reply, std::size_t count);

private:
    LlmProvider& m_provider;
    WindowPotentialOptions m_options;
    mutable std::mutex m_mutex;
    mutable std::unordered_map<std::string, double> m_memo;
    mutable Stats m_stats;
};

} // namespace vigil::core
