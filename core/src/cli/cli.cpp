// SPDX-License-Identifier: MIT
#include "cli.h"

#include "cli_common.h"
#include "vigil/decision.h"

#include <cmath>
#include <iomanip>
#include <memory>
#include <optional>
#include <ostream>

namespace vigil::cli {

std::unique_ptr<core::Project> openProject(Context& ctx, const std::string& path,
                                           core::OpenMode mode)
{
    auto project = core::Project::open(path, mode);
    if (!project) {
        ctx.err << "vigil-cli: " << project.error().message << "\n";
        return nullptr;
    }
    return std::move(project).value();
}

int failWith(Context& ctx, const std::string& message)
{
    ctx.err << "vigil-cli: " << message << "\n";
    return kExitFailure;
}

namespace {
/// A finite number >= 0 (the whole text).
std::optional<double> parseNonNegative(const std::string& text)
{
    try {
        size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size() && std::isfinite(v) && v >= 0.0) {
            return v;
        }
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

/// "auto" or a finite number >= 0, as kAutoIncidentBudget or the number.
std::optional<double> parseIncidentBudget(const std::string& text)
{
    return text == "auto" ? std::optional<double>(core::kAutoIncidentBudget)
                          : parseNonNegative(text);
}
} // namespace

CLI::Validator nonNegativeNumber()
{
    // Not CLI::NonNegativeNumber: its message quotes the largest double in full.
    return CLI::Validator(
        [](std::string& text) {
            return parseNonNegative(text) ? std::string() : "expected a number >= 0, not " + text;
        },
        "F", "number >= 0");
}

void addIncidentBudgetOption(CLI::App* cmd, double& budget)
{
    cmd->add_option_function<std::string>(
           "--incident-budget",
           [&budget](const std::string& text) { budget = *parseIncidentBudget(text); },
           "stacked decision (default preset): at most this many detected runs per 1000 points "
           "of a series, those with the highest logit; auto (the default) chooses it on the "
           "labels among 0 (none), 10, 5, 3, 2, 1.5 and 1")
        ->check(CLI::Validator(
            [](std::string& text) {
                return parseIncidentBudget(text) ? std::string()
                                                 : "expected auto or a number >= 0, not " + text;
            },
            "auto|F", "incident budget"));
}

CLI::Option* addSmoothingOption(CLI::App* cmd, int& span)
{
    return cmd
        ->add_option("--smoothing", span,
                     "stacked decision (default preset): the expected anomaly length in points; "
                     "the decision's logit is averaged over this many points centred on each, so "
                     "an incident that lasts minutes is flagged whole, not in pieces, and a stray "
                     "point is not flagged; 1 (the default) for point anomalies")
        ->check(CLI::Validator(
            [](std::string& text) {
                return core::parseSmoothing(text)
                           ? std::string()
                           : "expected a whole number of points from 1 to " +
                                 std::to_string(core::kMaxDecisionSmoothing) + ", not " + text;
            },
            "N", "points"));
}

core::ProgressSink stderrProgress(Context& ctx)
{
    // One line per change of what is shown: long phases report often at the same percentage.
    auto last = std::make_shared<std::pair<int, std::string>>(-1, std::string());
    return core::ProgressSink{[&ctx, last](double f, const std::string& phase) {
        const int percent = static_cast<int>(f * 100.0);
        if (percent == last->first && phase == last->second) {
            return;
        }
        *last = {percent, phase};
        ctx.err << "[" << std::setw(3) << percent << "%] " << phase << "\n";
    }};
}

void printJson(Context& ctx, const nlohmann::ordered_json& doc)
{
    ctx.out << doc.dump(2) << "\n";
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    Context ctx{out, err, {}};
    CLI::App app{"vigil-cli: label and detect anomalies in time series, headless.\n"
                 "Every command takes --help; --json prints one JSON document on stdout.",
                 "vigil-cli"};
    app.set_version_flag("--version", std::string("vigil-cli ") + VIGIL_VERSION);
    app.require_subcommand(1);
    addImportCommand(app, ctx);
    addInfoCommand(app, ctx);
    addLabelCommand(app, ctx);
    addExportCommand(app, ctx);
    addReportCommand(app, ctx);
    addDemoCommand(app, ctx);
    addTrainCommand(app, ctx);
    addScoreCommand(app, ctx);
    addBenchCommand(app, ctx);
    addPotentialCommand(app, ctx);
    addExplainCommand(app, ctx);
    addQueriesCommand(app, ctx);
    addPropagateCommand(app, ctx);
    addSuggestionsCommand(app, ctx);

    // CLI11 wants argv order reversed when given a vector.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    try {
        app.parse(reversed);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e, out, err);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e, out, err);
    } catch (const CLI::ParseError& e) {
        app.exit(e, out, err);
        return kExitUsage;
    }
    if (!ctx.action) {
        err << "vigil-cli: no command given (try --help)\n";
        return kExitUsage;
    }
    try {
        return ctx.action();
    } catch (const UsageError& e) {
        err << "vigil-cli: " << e.message << "\n";
        return kExitUsage;
    } catch (const std::exception& e) {
        // Core reports errors as values; this is a last line of defence, never a crash.
        err << "vigil-cli: internal error: " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace vigil::cli
