// SPDX-License-Identifier: MIT
// Shared plumbing of the vigil-cli subcommands.
#pragma once

#include "cli.h"
#include "vigil/progress.h"
#include "vigil/project.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

namespace vigil::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

/// Streams and the action chosen on the command line.
struct Context
{
    std::ostream& out;
    std::ostream& err;
    std::function<int()> action; ///< set by the subcommand that was given
    ProgressStyle progress = ProgressStyle::Lines;
};

/// Thrown inside an action for bad usage found after parsing (mapped to exit code 2).
struct UsageError
{
    std::string message;
};

/// Thrown from a command's action when well-formed arguments do not fit the project's state
/// (an id it does not hold): the message on stderr, exit 1.
struct StateError
{
    std::string message;
};

/// Opens the project or prints why not; nullptr on failure.
std::unique_ptr<core::Project> openProject(Context& ctx, const std::string& path,
                                           core::OpenMode mode);

/// Prints "vigil-cli: <message>" on stderr and returns kExitFailure.
int failWith(Context& ctx, const std::string& message);

/// Ctrl+C as a cancel while it lives: SIGINT sets token() instead of ending the process, so
/// the command stops at its next check and leaves nothing half-written.
class InterruptScope
{
public:
    InterruptScope();
    ~InterruptScope();
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;
    static const core::CancelToken& token();

private:
    void (*m_previous)(int) = nullptr;
};

/// Progress on stderr, in the context's style: plain lines "[ 42%] phase", or one bar redrawn
/// in place that ends with a line break when the last copy of the sink is destroyed (at the
/// end of the call it was passed to).
core::ProgressSink stderrProgress(Context& ctx);

/// Prints a JSON document on stdout (one document per command).
void printJson(Context& ctx, const nlohmann::ordered_json& doc);

/// A check for an option that takes a finite number >= 0, with a short message naming the value.
CLI::Validator nonNegativeNumber();
/// `--threads N` (0 = automatic) and `--episodes E` (>= 1), shared by train and bench.
void addTrainingRunOptions(CLI::App* cmd, int& threads, int& episodes);
/// A check for a finite number in [0, 1] (CLI::Range lets "nan" through).
CLI::Validator unitInterval();

/// `--incident-budget auto|F` (flagged runs per 1000 points, F >= 0) on `cmd`, stored in
/// `budget` as core::kAutoIncidentBudget or F.
void addIncidentBudgetOption(CLI::App* cmd, double& budget);
/// `--smoothing N` on `cmd`: the stacked decision's expected anomaly length in points
/// (StackedDecision::smoothing), a whole number from 1 to core::kMaxDecisionSmoothing.
CLI::Option* addSmoothingOption(CLI::App* cmd, int& span);

void addImportCommand(CLI::App& app, Context& ctx);
void addInfoCommand(CLI::App& app, Context& ctx);
void addLabelCommand(CLI::App& app, Context& ctx);
void addExportCommand(CLI::App& app, Context& ctx);
void addReportCommand(CLI::App& app, Context& ctx);
void addDemoCommand(CLI::App& app, Context& ctx);
void addBenchCommand(CLI::App& app, Context& ctx);
void addTrainCommand(CLI::App& app, Context& ctx);
void addScoreCommand(CLI::App& app, Context& ctx);
void addPotentialCommand(CLI::App& app, Context& ctx);
void addExplainCommand(CLI::App& app, Context& ctx);
// active learning (issue #5)
void addQueriesCommand(CLI::App& app, Context& ctx);
void addPropagateCommand(CLI::App& app, Context& ctx);
void addSuggestionsCommand(CLI::App& app, Context& ctx);

} // namespace vigil::cli
