// SPDX-License-Identifier: MIT
// `vigil-cli potential`: ask for (or show) the project's potential function, and
// `vigil-cli explain`: why one window scores as it does.
#include "cli_common.h"
#include "vigil/explain.h"
#include "vigil/llm.h"
#include "vigil/llm_potential.h"
#include "vigil/net/provider_factory.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace vigil::cli {
namespace {

nlohmann::ordered_json numberOrNull(double v)
{
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

std::string fixed(double v, int digits = 3)
{
    if (!std::isfinite(v)) {
        return "n/a";
    }
    std::ostringstream s;
    s << std::fixed << std::setprecision(digits) << v;
    return s.str();
}

} // namespace

void addPotentialCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string provider;
        std::string baseUrl;
        std::string model;
        double timeout = 60.0;
        std::string domain;
        bool fresh = false;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "potential",
        "Ask for (or show) the potential function: an expression over window features that "
        "guides the detector, with a reason per term and its AUC on the labelled windows. "
        "Without an endpoint the built-in (no LLM) analyst answers; the API key is read from "
        "$VIGIL_LLM_API_KEY only and never stored.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--provider", opts->provider,
                    "builtin|openai-compatible|replay (default: the project setting "
                    "llm.provider, openai-compatible when llm.base_url is set, else builtin)")
        ->check(CLI::IsMember({"builtin", "openai-compatible", "replay"}));
    cmd->add_option("--base-url", opts->baseUrl,
                    "OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (Ollama)")
        ->check(CLI::Validator(
            [](std::string& url) -> std::string {
                // A mistyped URL is a usage error, not an endpoint to fall back from.
                const auto scheme = url.find("://");
                const std::string name = scheme == std::string::npos ? "" : url.substr(0, scheme);
                const std::string rest = scheme == std::string::npos ? "" : url.substr(scheme + 3);
                const std::string host = rest.substr(0, rest.find('/'));
                const bool bracketsClosed =
                    host.empty() || host.front() != '[' || host.find(']') != std::string::npos;
                if ((name != "http" && name != "https") || host.empty() || !bracketsClosed ||
                    host.find_first_of(" \t") != std::string::npos) {
                    return "not an http(s) URL such as http://localhost:11434/v1: " + url;
                }
                // The port, when one is given, is 1 to 65535 (99999 passed, to fail later as
                // an endpoint that cannot be reached).
                const std::string hostPort = host.substr(host.find('@') + 1);
                const auto close = hostPort.rfind(']');
                const auto colon = hostPort.rfind(':');
                if (colon != std::string::npos && (close == std::string::npos || colon > close)) {
                    const std::string port = hostPort.substr(colon + 1);
                    const bool digits = !port.empty() && port.size() <= 5 &&
                                        port.find_first_not_of("0123456789") == std::string::npos;
                    if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535) {
                        return "the port of " + url + " is not a number from 1 to 65535";
                    }
                }
                return {};
            },
            "URL"));
    cmd->add_option("--model", opts->model, "model name, e.g. llama3.2");
    cmd->add_option("--timeout", opts->timeout, "seconds per HTTP attempt (default 60)")
        ->check(nonNegativeNumber()) // CLI::Range lets "nan" through
        ->check(CLI::Range(0.1, 3600.0));
    cmd->add_option("--domain", opts->domain, "one line describing the data (sent as data)");
    cmd->add_flag("--fresh", opts->fresh, "ask anew even when a stored potential still fits");
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            net::ProviderSettings settings;
            settings.provider = opts->provider;
            settings.baseUrl = opts->baseUrl;
            settings.model = opts->model;
            settings.timeoutSeconds = opts->timeout;
            auto stack = net::makeProvider(*project, settings);
            if (!stack) {
                if (opts->provider.empty()) {
                    // The project's stored llm.provider, not this command line, is at fault.
                    return failWith(ctx,
                                    "potential: " + stack.error().message + ", or pass --provider");
                }
                throw UsageError{stack.error().message};
            }
            core::LlmProvider* provider = &(*stack)->provider();
            core::ProposeOptions options;
            options.facts.domain = opts->domain;
            options.ask.timeoutSeconds = opts->timeout;
            options.fresh = opts->fresh;
            options.keepOtherProvider =
                opts->provider.empty() && opts->baseUrl.empty() && provider->id() == "builtin";
            auto p = core::proposePotential(*project, *provider, options);
            if (!p) {
                return failWith(ctx, "potential: " + p.error().message);
            }
            if (opts->json) {
                nlohmann::ordered_json doc;
                doc["provider"] = p->provider;
                doc["model"] = p->model;
                doc["expression"] = p->expression;
                doc["terms"] = nlohmann::ordered_json::array();
                for (const auto& t : p->terms) {
                    doc["terms"].push_back({{"expr", t.expr}, {"why", t.why}});
                }
                doc["summary"] = p->summary;
                doc["auc"] = numberOrNull(p->auc);
                if (!p->notice.empty()) {
                    doc["notice"] = p->notice;
                }
                printJson(ctx, doc);
            } else {
                ctx.out << "potential from " << p->providerName
                        << (p->generated ? " (text generated by a model)" : "") << ":\n  "
                        << p->expression << "\n";
                if (!p->terms.empty()) {
                    ctx.out << "terms:\n";
                    for (const auto& t : p->terms) {
                        ctx.out << "  " << t.expr << "\n      why: " << t.why << "\n";
                    }
                }
                if (!p->summary.empty()) {
                    ctx.out << "summary: " << p->summary << "\n";
                }
                ctx.out << "AUC on labelled windows: " << fixed(p->auc) << "\n";
                if (!p->notice.empty()) {
                    ctx.out << "notice: " << p->notice << "\n";
                }
            }
            return kExitOk;
        };
    });
}

void addExplainCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string series;
        std::int64_t at = -1;
        int window = 25;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "explain", "Why the window ending at row T scores as it does: potential terms, VAE "
                   "error per channel, Q-values and score, nearest labelled windows.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--series", opts->series, "series name")->required();
    cmd->add_option("--at", opts->at, "row of the window's newest point (0-based)")->required();
    cmd->add_option("--window", opts->window, "window length W (default 25)")
        ->check(CLI::Range(3, 10000));
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            core::ExplainOptions o;
            o.window = opts->window;
            auto e = core::explainWindow(*project, opts->series, opts->at, o);
            if (!e) {
                return failWith(ctx, "explain: " + e.error().message);
            }
            if (opts->json) {
                nlohmann::ordered_json doc;
                doc["series"] = e->series;
                doc["at"] = e->at;
                doc["window"] = e->window;
                if (!e->dataNote.empty()) {
                    doc["data_note"] = e->dataNote;
                }
                nlohmann::ordered_json pot;
                pot["expression"] = e->expression;
                pot["value"] = e->potential;
                pot["provider"] = e->provider;
                pot["provider_name"] = e->providerName;
                pot["model"] = e->model;
                pot["generated"] = e->generated;
                pot["auc"] = numberOrNull(e->potentialAuc);
                pot["summary"] = e->summary;
                pot["terms"] = nlohmann::ordered_json::array();
                for (const auto& t : e->terms) {
                    pot["terms"].push_back({{"expr", t.expr},
                                            {"sign", t.sign},
                                            {"contribution", t.contribution},
                                            {"why", t.why},
                                            {"generated", e->generated && !t.why.empty()}});
                }
                if (!e->potentialNote.empty()) {
                    pot["note"] = e->potentialNote;
                }
                doc["potential"] = pot;
                nlohmann::ordered_json features = nlohmann::ordered_json::object();
                for (const auto& [name, value] : e->features) {
                    features[name] = numberOrNull(value);
                }
                doc["features"] = features;
                nlohmann::ordered_json model;
                model["available"] = e->modelAvailable;
                if (e->modelAvailable) {
                    model["version"] = e->modelVersion;
                    model["probability"] = numberOrNull(e->probability);
                    model["q0"] = numberOrNull(e->q0);
                    model["q1"] = numberOrNull(e->q1);
                    model["reconstruction_error"] = numberOrNull(e->reconstructionError);
                    nlohmann::ordered_json ch = nlohmann::ordered_json::array();
                    for (std::size_t c = 0; c < e->channelError.size(); ++c) {
                        ch.push_back({{"channel", c < e->channelNames.size() ? e->channelNames[c]
                                                                             : std::to_string(c)},
                                      {"error", numberOrNull(e->channelError[c])}});
                    }
                    model["channel_error"] = ch;
                } else {
                    model["note"] = e->modelNote;
                }
                doc["model"] = model;
                doc["nearest"] = nlohmann::ordered_json::array();
                for (const auto& n : e->nearest) {
                    doc["nearest"].push_back({{"series", n.series},
                                              {"end", n.end},
                                              {"label", n.label == 1 ? "anomaly" : "normal"},
                                              {"distance", n.distance}});
                }
                printJson(ctx, doc);
                return kExitOk;
            }
            auto& o2 = ctx.out;
            o2 << e->series << ", window ending at row " << e->at << " (W = " << e->window << ")\n";
            if (!e->dataNote.empty()) {
                o2 << "note: " << e->dataNote << "\n";
            }
            o2 << "potential " << fixed(e->potential) << " from " << e->providerName
               << " (AUC on labels " << fixed(e->potentialAuc) << ")\n  " << e->expression << "\n";
            if (!e->potentialNote.empty()) {
                o2 << "  note: " << e->potentialNote << "\n";
            }
            o2 << "terms (contribution computed by Vigil):\n";
            for (const auto& t : e->terms) {
                o2 << "  " << (t.sign < 0 ? "- " : "+ ") << t.expr << " = " << fixed(t.contribution)
                   << "\n";
                if (!t.why.empty()) {
                    o2 << "      why" << (e->generated ? " (generated)" : "") << ": " << t.why
                       << "\n";
                }
            }
            if (!e->summary.empty()) {
                o2 << "summary" << (e->generated ? " (generated)" : "") << ": " << e->summary
                   << "\n";
            }
            if (e->modelAvailable) {
                o2 << "model version " << e->modelVersion << ": score " << fixed(e->probability)
                   << ", Q(normal) " << fixed(e->q0) << ", Q(anomaly) " << fixed(e->q1)
                   << ", VAE error " << fixed(e->reconstructionError, 4) << "\n";
                for (std::size_t c = 0; c < e->channelError.size(); ++c) {
                    o2 << "  VAE error "
                       << (c < e->channelNames.size() ? e->channelNames[c] : std::to_string(c))
                       << ": " << fixed(e->channelError[c], 4) << "\n";
                }
            } else {
                o2 << "model: " << e->modelNote << "\n";
            }
            o2 << "nearest labelled windows:\n";
            if (e->nearest.empty()) {
                o2 << "  none (no labelled window of the same channel count)\n";
            }
            for (const auto& n : e->nearest) {
                o2 << "  " << n.series << " row " << n.end << " ("
                   << (n.label == 1 ? "anomaly" : "normal") << "), distance " << fixed(n.distance)
                   << "\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
