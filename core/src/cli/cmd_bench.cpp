// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/benchmark.h"
#include "vigil/interactive_benchmark.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <set>
#include <unistd.h>

namespace vigil::cli {
namespace {

/// Checks that `jsonOut` can be written and `dumpDir` is (or becomes) a folder, creating the
/// missing folders; a path that is the wrong kind is a usage error.
core::Status prepareOutputs(const std::string& jsonOut, const std::string& dumpDir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    // Both kinds are checked before either folder is made.
    if (!jsonOut.empty() && fs::is_directory(jsonOut, ec)) {
        throw UsageError{"--json: " + jsonOut + " is a folder; give a file name"};
    }
    if (!dumpDir.empty() && fs::exists(dumpDir, ec) && !fs::is_directory(dumpDir, ec)) {
        throw UsageError{"--dump-scores: " + dumpDir + " is a file; give a folder"};
    }
    if (!jsonOut.empty()) {
        const fs::path parent = fs::absolute(jsonOut, ec).parent_path();
        if (!fs::exists(parent, ec) && !fs::create_directories(parent, ec)) {
            return core::fail("cannot write " + jsonOut + ": cannot create " + parent.string() +
                              " (" + ec.message() + ")");
        }
        if (::access(parent.c_str(), W_OK) != 0) {
            return core::fail("cannot write " + jsonOut + ": " + parent.string() +
                              " is not writable");
        }
    }
    if (!dumpDir.empty()) {
        if (!fs::exists(dumpDir, ec) && !fs::create_directories(dumpDir, ec)) {
            return core::fail("cannot create " + dumpDir + " (" + ec.message() + ")");
        }
        if (::access(dumpDir.c_str(), W_OK) != 0) {
            return core::fail("cannot write into " + dumpDir + ": not writable");
        }
    }
    return {};
}

} // namespace

void addBenchCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string format;
        std::string train;
        std::string test;
        std::string split;
        std::string protocol;
        std::string preset = "default";
        std::string potential; // empty: the preset's (default: builtin-program, paper: heuristic)
        double budget = 0.05;
        std::uint64_t seed = 0;
        int threads = 0;
        int rounds = 3;
        int episodes = 0;
        std::string jsonOut;
        std::string engine;
        std::string dumpDir;
        int warmEpisodes = -1;
        bool greedy = false;
        std::string decision = "stacked";
        std::string decisionScale = "pool";
        std::string decisionFit = "pooled";
        bool referenceLeaks = false;
        bool noVaeColumn = false;
        std::string residualColumn = "jump";
        double incidentBudget = core::kAutoIncidentBudget;
        double peakMargin = core::kDecisionPeakMargin;
        std::string rankRuns = "peak";
        int smoothing = 1;
        std::string queryRule = "margin";
        std::string propagation = "dense";
        // --protocol interactive (issue #5)
        int queries = 10;
        int batch = 1;
        std::string strategy = "default";
        std::string model;
        int maxSeries = 0;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "bench", "Offline benchmark (METHOD.md §7): train with a simulated oracle under a label "
                 "budget, score the test series, and print the preset beside two baselines.");
    cmd->add_option("--format", opts->format, "yahoo|smd")
        ->required()
        ->check(CLI::IsMember({"yahoo", "smd"}));
    cmd->add_option("--train", opts->train, "training folder")->required();
    auto* test = cmd->add_option("--test", opts->test, "holdout test folder");
    auto* split = cmd->add_option("--split", opts->split, "paper|half")
                      ->check(CLI::IsMember({"paper", "half"}));
    test->excludes(split);
    cmd->add_option("--protocol", opts->protocol, "offline (default) or interactive");
    cmd->add_option("--preset", opts->preset, "paper|default")
        ->check(CLI::IsMember({"paper", "default"}));
    cmd->add_option("--potential", opts->potential,
                    "heuristic|zero|builtin-program|builtin-window (builtin-program: the "
                    "built-in analyst's potential function, written from the labels revealed by "
                    "the warm-up, the default of `default`; builtin-window: the paper's "
                    "per-window severity, answered by the built-in analyst; `paper` uses "
                    "heuristic)")
        ->check(CLI::IsMember({"heuristic", "zero", "builtin-program", "builtin-window"}));
    cmd->add_option("--label-budget", opts->budget, "largest fraction of pool points revealed")
        ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--seed", opts->seed, "random seed");
    addTrainingRunOptions(cmd, opts->threads, opts->episodes);
    cmd->add_option("--rounds", opts->rounds,
                    "default: query rounds after the warm-up (paper, as the reference, runs one "
                    "before each of its episodes after the first: --episodes sets them)")
        ->check(CLI::Range(0, 1000));
    cmd->add_option("--engine", opts->engine,
                    "engine configuration fields as a JSON object merged over the preset, e.g. "
                    "'{\"lstmHidden\": 64}' (experiments; report them with the result)");
    cmd->add_flag("--greedy", opts->greedy,
                  "default: decide with the greedy rule Q1 >= Q0 instead of a threshold chosen on "
                  "the revealed training labels");
    cmd->add_option("--decision", opts->decision,
                    "default: stacked (the detector's margin, the jump score, the multi-scale "
                    "surprise and the VAE's reconstruction error, each scaled per "
                    "series and combined by a logistic regression on the revealed training "
                    "labels) or margin (a cut on Q1 - Q0 alone)")
        ->check(CLI::IsMember({"stacked", "margin"}));
    cmd->add_option("--decision-scale", opts->decisionScale,
                    "stacked decision, --split half: pool (a series' test half is scaled with the "
                    "median and max of its training half, where the decision was fitted) or own "
                    "(with its own)")
        ->check(CLI::IsMember({"pool", "own"}));
    cmd->add_option("--decision-fit", opts->decisionFit,
                    "stacked decision, --split half: pooled (one decision fitted on every "
                    "training series' revealed labels) or per-series (a series with at least " +
                        std::to_string(core::kOwnDecisionMinLabels) +
                        " revealed anomalies and as many normals gets its own)")
        ->check(CLI::IsMember({"pooled", "per-series"}));
    cmd->add_flag("--no-vae-column", opts->noVaeColumn,
                  "stacked decision: leave out its fourth column, the VAE's reconstruction "
                  "error (the three-column decision of earlier versions)");
    cmd->add_option("--residual-column", opts->residualColumn,
                    "stacked decision, second column: jump (how unusual each step's change is, "
                    "in units of its recent usual size, capped at 10) or level (the rolling-"
                    "median residual of the min-max scaled values, the decision of sessions 5-9)")
        ->check(CLI::IsMember({"jump", "level"}));
    addIncidentBudgetOption(cmd, opts->incidentBudget);
    cmd->add_option("--peak-margin", opts->peakMargin,
                    "stacked decision: a detected run is kept only if its peak logit reaches the "
                    "cut + this (default ln 3: a score of 0.75 somewhere in the run); 0 keeps "
                    "every run that crosses the cut")
        ->check(nonNegativeNumber());
    cmd->add_option("--rank-runs", opts->rankRuns,
                    "stacked decision: which detected runs the incident budget keeps, those with "
                    "the highest peak logit (peak, the default) or the largest area of logit "
                    "above the cut (area: a long anomaly outranks a short burst; tried in "
                    "session 33, not adopted)")
        ->check(CLI::IsMember({"area", "peak"}));
    cmd->add_option("--smoothing", opts->smoothing,
                    "stacked decision (default preset): the expected anomaly length in points "
                    "(the decision's logit is averaged over this many points centred on each; "
                    "1, the default, for point anomalies), or auto: a tenth of the label budget "
                    "asks the oracle how far the revealed anomalies reach, and half their median "
                    "length is used when it flags the revealed labels better than 1")
        ->transform(CLI::Validator(
            [](std::string& text) { // checks, then writes auto as kAutoSmoothing
                if (text == "auto") {
                    text = std::to_string(core::kAutoSmoothing);
                    return std::string();
                }
                return core::parseSmoothing(text)
                           ? std::string()
                           : "expected auto or a whole number of points from 1 to " +
                                 std::to_string(core::kMaxDecisionSmoothing) + ", not " + text;
            },
            "auto|N", "points"));
    cmd->add_flag("--reference-leaks", opts->referenceLeaks,
                  "paper with --split paper, a fidelity check only: reproduce the reference "
                  "code's leaks (its warm-up also labels the test series, propagated windows "
                  "train on their ground truth, the reward is the ground truth alone)");
    cmd->add_option("--query-rule", opts->queryRule,
                    "default: margin (the paper's rule, one point per query), margin-shared "
                    "(the same, each series' share in proportion to its pool) or default "
                    "(Vigil's query strategy, one window per query)")
        ->check(CLI::IsMember({"margin", "margin-shared", "default"}));
    cmd->add_option("--propagation", opts->propagation,
                    "label propagation between rounds: dense (the paper's RBF spreading, the "
                    "200 surest windows per series) or knn (sparse kNN spreading, every window "
                    "it reaches, with its confidence)")
        ->check(CLI::IsMember({"dense", "knn"}));
    cmd->add_option("--warm-episodes", opts->warmEpisodes,
                    "default: episodes of each later round, continued from the previous weights "
                    "(0: retrain from scratch)")
        ->check(CLI::Range(0, 1000));
    cmd->add_option("--json", opts->jsonOut, "also write the JSON report to this file");
    cmd->add_option("--dump-scores", opts->dumpDir,
                    "write each labelled series' final scores (t, truth, revealed, margin, p) "
                    "as CSV into this folder, for analysis");
    // --- --protocol interactive (issue #5) ---
    cmd->add_option("--queries", opts->queries, "interactive: queries per series (K)")
        ->check(CLI::Range(0, 100000));
    cmd->add_option("--strategy", opts->strategy, "interactive: default|margin|random|residual-top")
        ->check(CLI::IsMember({"default", "margin", "random", "residual-top"}));
    cmd->add_option("--batch", opts->batch, "interactive: queries answered between refits (1)")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--model", opts->model,
                    "interactive: residual (rolling-median residual, threshold tuned on the "
                    "revealed points), multiscale (the same rule on short- and long-window "
                    "residuals and flat-lining) or detector (the engine on a small budget, "
                    "retrained after each batch); default: multiscale for default, detector "
                    "for margin, residual for random and residual-top")
        ->check(CLI::IsMember({"residual", "multiscale", "detector"}));
    cmd->add_option("--max-series", opts->maxSeries,
                    "interactive: only the first N series by name (quick runs; 0: all)")
        ->check(CLI::Range(0, 1000000));
    cmd->callback([&ctx, opts, cmd] {
        ctx.action = [&ctx, opts, cmd]() -> int {
            if (!opts->protocol.empty() && opts->protocol != "offline") {
                if (opts->protocol == "interactive") {
                    // The offline protocol's choices do nothing here: say so, not silently.
                    // Every option given that this protocol does not read.
                    static const std::set<std::string> used{
                        "--format",     "--train", "--protocol", "--queries", "--strategy",
                        "--batch",      "--model", "--seed",     "--threads", "--episodes",
                        "--max-series", "--json",  "--help"};
                    for (const CLI::Option* option : cmd->get_options()) {
                        const std::string name = option->get_name(false, true);
                        if (option->count() > 0 && used.count(name) == 0) {
                            ctx.err << "vigil-cli: note: " << name
                                    << " has no effect with --protocol interactive\n";
                        }
                    }
                    core::InteractiveOptions io;
                    io.format = opts->format;
                    io.trainDir = opts->train;
                    core::parseQueryStrategy(opts->strategy, &io.strategy);
                    io.model = opts->model;
                    io.queries = opts->queries;
                    io.batch = opts->batch;
                    io.seed = opts->seed;
                    io.threads = opts->threads;
                    io.maxSeries = opts->maxSeries;
                    if (opts->episodes > 0) {
                        io.detector.episodes = opts->episodes;
                    }
                    // The outputs are checked before minutes of work, not after (and after
                    // the usage checks, so a refused command makes no folder).
                    if (auto st = prepareOutputs(opts->jsonOut, {}); !st) {
                        return failWith(ctx, st.error().message);
                    }
                    auto report = core::runInteractiveBenchmark(io, stderrProgress(ctx));
                    if (!report) {
                        return failWith(ctx, report.error().message);
                    }
                    ctx.out << core::interactiveReportTable(*report);
                    if (!opts->jsonOut.empty()) {
                        std::ofstream out(opts->jsonOut, std::ios::trunc);
                        out << core::interactiveReportJson(*report) << "\n";
                        if (!out) {
                            return failWith(ctx, "cannot write " + opts->jsonOut);
                        }
                    }
                    return kExitOk;
                }
                throw UsageError{"--protocol must be offline or interactive"};
            }
            core::BenchOptions o;
            o.format = opts->format;
            o.trainDir = opts->train;
            o.testDir = opts->test;
            if (!opts->test.empty()) {
                std::error_code ec;
                if (std::filesystem::equivalent(opts->test, opts->train, ec)) {
                    throw UsageError{"--test is the --train folder: the test series must be "
                                     "ones the method never saw"};
                }
                o.protocol = core::BenchProtocol::Holdout;
            } else if (opts->split == "half") {
                o.protocol = core::BenchProtocol::Half;
            } else if (opts->split == "paper") {
                o.protocol = core::BenchProtocol::PaperSplit;
            } else {
                throw UsageError{"give --split paper|half or --test DIR"};
            }
            o.preset =
                opts->preset == "paper" ? core::EnginePreset::Paper : core::EnginePreset::Default;
            o.potential = !opts->potential.empty()                ? opts->potential
                          : o.preset == core::EnginePreset::Paper ? "heuristic"
                                                                  : "builtin-program";
            o.labelBudget = opts->budget;
            o.seed = opts->seed;
            o.threads = opts->threads;
            o.rounds = std::max(0, opts->rounds);
            o.episodesOverride = opts->episodes;
            if (!opts->engine.empty()) {
                if (auto st = core::EngineConfig::checkOverrides(opts->engine); !st) {
                    throw UsageError{"--engine: " + st.error().message};
                }
            }
            o.engineOverrides = opts->engine;
            o.dumpDir = opts->dumpDir;
            o.calibrateThreshold = !opts->greedy;
            o.decision = opts->decision;
            o.decisionScale = opts->decisionScale;
            o.decisionFit = opts->decisionFit;
            o.referenceLeaks = opts->referenceLeaks;
            o.decisionVae = !opts->noVaeColumn;
            o.residualColumn = opts->residualColumn == "level" ? core::ResidualColumn::Level
                                                               : core::ResidualColumn::Jump;
            o.incidentBudget = opts->incidentBudget;
            o.peakMargin = opts->peakMargin;
            o.runRanking =
                opts->rankRuns == "peak" ? core::RunRanking::Peak : core::RunRanking::Area;
            o.smoothing = opts->smoothing;
            o.queries = opts->queryRule;
            o.propagation = opts->propagation;
            if (opts->warmEpisodes >= 0) {
                o.warmEpisodes = opts->warmEpisodes;
            }
            // The outputs are checked before minutes of work, not after (and after the usage
            // checks, so a refused command makes no folder).
            if (auto st = prepareOutputs(opts->jsonOut, opts->dumpDir); !st) {
                return failWith(ctx, st.error().message);
            }
            auto report = core::runBenchmark(o, stderrProgress(ctx));
            if (!report) {
                return failWith(ctx, report.error().message);
            }
            ctx.out << core::benchReportTable(*report);
            if (!opts->jsonOut.empty()) {
                std::ofstream out(opts->jsonOut, std::ios::trunc);
                out << core::benchReportJson(*report) << "\n";
                if (!out) {
                    return failWith(ctx, "cannot write " + opts->jsonOut);
                }
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
