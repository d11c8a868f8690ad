// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/project_models.h"
#include "vigil/project_training.h"

#include <iomanip>

namespace vigil::cli {

void addTrainCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string preset = "default";
        std::uint64_t seed = 0;
        int threads = 0;
        int episodes = 0;
        double incidentBudget = core::kAutoIncidentBudget;
        int smoothing = 0;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("train", "Train a new model version from the project's labels "
                                            "(Ctrl+C cancels; nothing is stored then).");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--preset", opts->preset, "paper|default")
        ->check(CLI::IsMember({"paper", "default"}));
    cmd->add_option("--seed", opts->seed, "random seed");
    addTrainingRunOptions(cmd, opts->threads, opts->episodes);
    addIncidentBudgetOption(cmd, opts->incidentBudget);
    addSmoothingOption(cmd, opts->smoothing)
        ->description("stacked decision: the expected anomaly length in points (the project "
                      "remembers it; default: the project's, 1 when never set); the decision's "
                      "logit is averaged over this many points centred on each");
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            core::ProjectTrainOptions o;
            o.preset = opts->preset == "paper" ? core::EnginePreset::Paper
                                               : core::EnginePreset::Default;
            o.seed = opts->seed;
            o.threads = opts->threads;
            o.episodes = opts->episodes;
            o.incidentBudget = opts->incidentBudget;
            o.smoothing = opts->smoothing;
            auto r = [&] {
                const InterruptScope interrupt;
                return core::trainProjectModel(*project, o, stderrProgress(ctx),
                                               InterruptScope::token());
            }();
            if (!r) {
                return failWith(ctx, "training failed: " + r.error().message);
            }
            if (opts->json) {
                printJson(ctx, {{"version", r->version},
                                {"preset", opts->preset},
                                {"labelled_points", r->labelledPoints},
                                // No labelled point, no F1 (it read 0.0, as if measured).
                                {"in_sample_f1", r->labelledPoints > 0
                                                     ? nlohmann::ordered_json(r->inSampleF1)
                                                     : nlohmann::ordered_json(nullptr)},
                                {"q_updates", r->qUpdates},
                                {"skipped", r->skipped},
                                {"potential", r->potential},
                                {"seconds", r->seconds},
                                {"metrics", nlohmann::ordered_json::parse(r->metricsJson)}});
            } else {
                ctx.out << "model version " << r->version << " (" << opts->preset << ") trained on "
                        << r->labelledPoints << " labelled points in " << std::fixed
                        << std::setprecision(1) << r->seconds << " s; ";
                if (r->labelledPoints > 0) {
                    ctx.out << "F1 on those points " << std::setprecision(3) << r->inSampleF1
                            << " (in-sample)";
                } else {
                    ctx.out << "no F1 to measure (it scores with the VAE and the residual "
                               "evidence alone)";
                }
                ctx.out << "; potential " << r->potential << "\n";
            }
            if (const int span = core::modelSmoothing(r->metricsJson);
                span > 1 && core::modelFlagsNoLabelledAnomaly(r->metricsJson)) {
                ctx.err << "vigil-cli: note: with anomalies lasting about " << span
                        << " points the model flags none of the labelled anomalies; if they are "
                           "shorter, train with a smaller --smoothing\n";
            }
            if (const int suggested = core::modelSuggestedSmoothing(r->metricsJson);
                suggested > 0) {
                ctx.err << "vigil-cli: note: the labelled anomalies are stretches of "
                        << r->anomalyLabelMedian
                        << " points (median); if they are incidents rather than spikes, "
                           "--smoothing "
                        << suggested << " may suit them (README, \"Expected anomaly length\")\n";
            }
            for (const auto& note : r->skipped) {
                ctx.err << "vigil-cli: note: left out " << note << "\n";
            }
            if (r->qUpdates == 0) {
                ctx.err << "vigil-cli: note: no Q-network update ran: the replay memory never "
                           "reached its warm-up (too few windows or episodes; `paper` counts "
                           "labelled windows only), so the agent is untrained; more labels, "
                           "data or --episodes give it something to learn\n";
            }
            return kExitOk;
        };
    });
}

void addScoreCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("score", "Score every series with the newest model version.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            auto r = [&] {
                const InterruptScope interrupt;
                return core::scoreProject(*project, stderrProgress(ctx), InterruptScope::token());
            }();
            if (!r) {
                return failWith(ctx, "scoring failed: " + r.error().message);
            }
            if (opts->json) {
                printJson(ctx, {{"version", r->version},
                                {"series", r->series},
                                {"points", r->points},
                                {"skipped", r->skipped},
                                {"seconds", r->seconds}});
            } else {
                ctx.out << "scored " << r->series << " series (" << r->points
                        << " points) with model version " << r->version << "\n";
            }
            for (const auto& note : r->skipped) {
                ctx.err << "vigil-cli: note: not scored " << note << "\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
