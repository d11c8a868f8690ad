// SPDX-License-Identifier: MIT
#include "cli.h"

#include "cli_common.h"
#include "vigil/decision.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <iomanip>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string_view>
#include <unistd.h>

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
core::CancelToken& interruptToken()
{
    static core::CancelToken token;
    return token;
}

extern "C" void onInterrupt(int /*signal*/)
{
    interruptToken().requestCancel(); // an atomic store: safe in a signal handler
}
} // namespace

InterruptScope::InterruptScope()
{
    interruptToken().reset();
    m_previous = std::signal(SIGINT, onInterrupt);
}

InterruptScope::~InterruptScope()
{
    std::signal(SIGINT, m_previous);
}

const core::CancelToken& InterruptScope::token()
{
    return interruptToken();
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

void addTrainingRunOptions(CLI::App* cmd, int& threads, int& episodes)
{
    cmd->add_option("--threads", threads,
                    "torch threads (0, the default: automatic, 1 for the small default network, "
                    "every core for paper)")
        ->check(CLI::Range(0, 1024));
    cmd->add_option("--episodes", episodes, "override the preset's episode count")
        ->check(CLI::Range(1, 100000));
}

CLI::Validator unitInterval()
{
    return CLI::Validator(
        [](std::string& text) {
            const auto v = parseNonNegative(text);
            return v && *v <= 1.0 ? std::string() : "expected a number from 0 to 1, not " + text;
        },
        "F", "number in [0, 1]");
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

namespace {

/// What a progress sink last showed; a drawn bar is ended with a line break when the last copy
/// of its sink goes away, so what follows starts on a line of its own.
struct ProgressState
{
    explicit ProgressState(std::ostream& stream)
        : err(stream)
    {
    }
    ProgressState(const ProgressState&) = delete;
    ProgressState& operator=(const ProgressState&) = delete;
    ~ProgressState()
    {
        if (width > 0) {
            err << "\n" << std::flush;
        }
    }

    std::ostream& err;
    int percent = -1;
    std::string phase;
    std::size_t width = 0; ///< characters of the bar line drawn, 0 before the first
};

constexpr std::size_t kBarCells = 30;

} // namespace

core::ProgressSink stderrProgress(Context& ctx)
{
    // One line (or one redraw) per change of what is shown: long phases report often at the
    // same percentage.
    auto state = std::make_shared<ProgressState>(ctx.err);
    const bool bar = ctx.progress == ProgressStyle::Bar;
    return core::ProgressSink{[state, bar](double f, const std::string& phase) {
        const double clamped = std::isfinite(f) ? std::clamp(f, 0.0, 1.0) : 0.0;
        const int percent = static_cast<int>(clamped * 100.0);
        if (percent == state->percent && phase == state->phase) {
            return;
        }
        state->percent = percent;
        state->phase = phase;
        std::ostringstream shown; // "[ 42%] phase", or "[####......]  42% phase" as a bar
        if (bar) {
            const auto filled = static_cast<std::size_t>(clamped * kBarCells + 0.5);
            shown << '[' << std::string(filled, '#') << std::string(kBarCells - filled, '.') << "] "
                  << std::setw(3) << percent << "% " << phase;
        } else {
            shown << '[' << std::setw(3) << percent << "%] " << phase << '\n';
        }
        std::string line = shown.str();
        if (!bar) {
            state->err << line;
            return;
        }
        const std::size_t width = line.size();
        if (width < state->width) {
            line.append(state->width - width, ' '); // wipe the rest of a longer line
        }
        state->width = width;
        state->err << '\r' << line << std::flush;
    }};
}

ProgressStyle stderrProgressStyle()
{
    const char* term = std::getenv("TERM");
    const bool dumb = term != nullptr && std::string_view(term) == "dumb";
    return ::isatty(STDERR_FILENO) == 1 && !dumb ? ProgressStyle::Bar : ProgressStyle::Lines;
}

void printJson(Context& ctx, const nlohmann::ordered_json& doc)
{
    // Replace, never throw on, invalid UTF-8 (text from files or providers).
    ctx.out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        ProgressStyle progress)
{
    Context ctx{out, err, {}, progress};
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

    // A first word that names no command: say so (CLI11 would only ask for a subcommand).
    const auto commands = app.get_subcommands({});
    if (!args.empty() && !args.front().empty() && args.front().front() != '-' &&
        std::none_of(commands.begin(), commands.end(),
                     [&](CLI::App* sub) { return sub->check_name(args.front()); })) {
        std::string names;
        for (const CLI::App* sub : commands) {
            names += (names.empty() ? "" : ", ") + sub->get_name();
        }
        err << "vigil-cli: unknown command '" << args.front() << "'; the commands are " << names
            << " (try --help)\n";
        return kExitUsage;
    }
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
    } catch (const StateError& e) {
        err << "vigil-cli: " << e.message << "\n";
        return kExitFailure;
    } catch (const std::exception& e) {
        // Core reports errors as values; this is a last line of defence, never a crash.
        err << "vigil-cli: internal error: " << e.what() << "\n";
        return kExitFailure;
    }
}

} // namespace vigil::cli
