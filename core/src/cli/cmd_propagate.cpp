// SPDX-License-Identifier: MIT
#include "cli_common.h"

#include "vigil/active_learning.h"

#include <iomanip>

namespace vigil::cli {

void addPropagateCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string method = "knn";
        double minConfidence = 0.5;
        std::int64_t lowest = 200;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "propagate",
        "Spread each series' expert labels over similar windows and store the result as "
        "suggestions with a confidence (replacing earlier suggestions; one undoable step). "
        "Suggestions turned down before (rejected or erased, not undone) are not made again. "
        "Suggestions train the model above its confidence threshold but are never expert "
        "labels; review them with the suggestions command.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--method", opts->method,
                    "knn (default: sparse k-nearest-neighbour graph) or dense (the paper's RBF "
                    "label spreading, lowest-entropy windows only)")
        ->check(CLI::IsMember({"knn", "dense"}));
    cmd->add_option("--min-confidence", opts->minConfidence,
                    "knn: no suggestion below this confidence")
        ->check(unitInterval());
    cmd->add_option("--lowest-entropy", opts->lowest, "dense: suggestions per series (200)")
        ->check(CLI::Range(std::int64_t(1), std::int64_t(1) << 40));
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            core::PropagationOptions o;
            o.method = opts->method == "dense" ? core::PropagationMethod::Dense
                                               : core::PropagationMethod::Knn;
            o.minConfidence = opts->minConfidence;
            o.lowestEntropy = opts->lowest;
            auto r = [&] {
                const InterruptScope interrupt; // Ctrl+C leaves the suggestions as they were
                return core::propagateProject(*project, o, stderrProgress(ctx),
                                              InterruptScope::token());
            }();
            if (!r) {
                return failWith(ctx, r.error().message);
            }
            if (opts->json) {
                printJson(ctx, {{"method", opts->method},
                                {"series_propagated", r->seriesPropagated},
                                {"skipped", r->skipped},
                                {"suggestions", r->suggestions},
                                {"replaced", r->removed},
                                {"kept", r->kept},
                                {"declined_points", r->declinedPoints},
                                {"anomaly_points", r->anomalyPoints},
                                {"normal_points", r->normalPoints},
                                {"confidence",
                                 {{"mean", r->meanConfidence},
                                  {"min", r->minConfidence},
                                  {"max", r->maxConfidence}}},
                                {"training_threshold", r->trainingThreshold},
                                {"training_points", r->trainingPoints}});
                return kExitOk;
            }
            ctx.out << r->suggestions << " suggestions on " << r->seriesPropagated << " series ("
                    << r->anomalyPoints << " anomalous and " << r->normalPoints
                    << " normal points; " << r->removed << " earlier suggestions replaced, "
                    << r->kept << " kept as they were)\n";
            if (r->suggestions > 0) {
                ctx.out << std::fixed << std::setprecision(3) << "confidence mean "
                        << r->meanConfidence << ", min " << r->minConfidence << ", max "
                        << r->maxConfidence << "; " << r->trainingPoints
                        << " points reach the training threshold " << r->trainingThreshold << "\n";
            }
            if (r->declinedPoints > 0) {
                ctx.out << r->declinedPoints
                        << " points not suggested again: their suggestion was turned down "
                           "(undo that to have them back)\n";
            }
            // A few reasons one by one; on a project of many series, a count and the first
            // few (--json lists every one).
            constexpr std::size_t kListed = 10;
            for (std::size_t i = 0; i < std::min(r->skipped.size(), kListed); ++i) {
                ctx.out << "skipped " << r->skipped[i] << "\n";
            }
            if (r->skipped.size() > kListed) {
                ctx.out << "… and " << r->skipped.size() - kListed
                        << " more series skipped (--json lists them all)\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
