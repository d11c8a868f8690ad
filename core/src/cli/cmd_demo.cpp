// SPDX-License-Identifier: MIT
#include "cli_common.h"

#include "vigil/demo.h"

#include <filesystem>

namespace vigil::cli {

void addDemoCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::uint64_t seed = 7;
        bool force = false;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "demo", "Create the demo project: generated series (seasonality, spikes, level shifts, "
                "noise bursts) with their ground-truth labels.");
    cmd->add_option("--project", opts->project, "project file to create (.vigil)")->required();
    cmd->add_option("--seed", opts->seed, "random seed of the generator");
    cmd->add_flag("--force", opts->force, "replace the file if it exists");
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            namespace fs = std::filesystem;
            if (fs::exists(opts->project)) {
                if (!opts->force) {
                    return failWith(ctx, opts->project + " exists (use --force to replace it)");
                }
                std::error_code ec;
                for (const char* suffix : {"", "-wal", "-shm"}) {
                    fs::remove(opts->project + suffix, ec);
                }
            }
            auto project = openProject(ctx, opts->project, core::OpenMode::CreateIfMissing);
            if (!project) {
                return kExitFailure;
            }
            core::DemoOptions demo;
            demo.seed = opts->seed;
            auto ids = project->addSeries(core::makeDemoSeries(demo));
            if (!ids) {
                return failWith(ctx, ids.error().message);
            }
            if (opts->json) {
                printJson(ctx, {{"project", opts->project}, {"series", ids->size()}});
            } else {
                ctx.out << "created demo project " << opts->project << " with " << ids->size()
                        << " series\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
