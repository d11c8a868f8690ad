// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/importers.h"

#include <filesystem>

namespace vigil::cli {

void addImportCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string format = "auto";
        std::vector<std::string> paths;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("import", "Add series from files or folders to a project "
                                             "(created if missing). All or nothing.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--format", opts->format, "auto|csv|yahoo|smd|nab|ucr")
        ->check(CLI::IsMember({"auto", "csv", "yahoo", "smd", "nab", "ucr"}));
    cmd->add_option("paths", opts->paths, "files or folders to import")->required();
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            const auto format = core::parseDataFormat(opts->format).value_or(core::DataFormat::Auto);
            ctx.err << "reading " << opts->paths.size() << " path(s)…\n";
            auto batch = core::importPaths(opts->paths, format);
            if (!batch) {
                return failWith(ctx, batch.error().message + " (nothing was imported)");
            }
            if (batch->empty()) {
                return failWith(ctx, "no series found in the given paths (nothing was imported)");
            }
            for (const auto& item : *batch) {
                for (const auto& note : item.notes) {
                    ctx.err << "note: " << item.series.name << ": " << note << "\n";
                }
            }
            std::error_code ec;
            const bool existed = std::filesystem::exists(opts->project, ec);
            // All or nothing: a project this import created goes again when it fails, whether
            // creating it failed (a full disk) or adding the series did.
            const auto removeCreated = [&] {
                if (!existed) {
                    for (const char* end : {"", "-wal", "-shm"}) {
                        std::filesystem::remove(opts->project + end, ec);
                    }
                }
            };
            // Ctrl+C while the series are written stops between chunks and rolls back; it used
            // to kill the process and leave a created project with no series in it.
            const InterruptScope interrupt;
            auto project = openProject(ctx, opts->project, core::OpenMode::CreateIfMissing);
            if (!project) {
                removeCreated();
                return kExitFailure;
            }
            ctx.err << "writing " << batch->size() << " series…\n";
            auto ids = project->addSeries(*batch, &InterruptScope::token());
            if (!ids) {
                project.reset();
                removeCreated();
                return failWith(ctx, ids.error().message + " (nothing was imported)");
            }
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            std::int64_t points = 0;
            for (std::size_t k = 0; k < ids->size(); ++k) {
                auto info = project->seriesInfo((*ids)[k]);
                if (!info) {
                    return failWith(ctx, info.error().message);
                }
                points += info->length;
                list.push_back({{"name", info->name},
                                {"length", info->length},
                                {"channels", info->channels},
                                {"labeled_points", info->labeledPoints},
                                {"anomalous_points", info->anomalousPoints},
                                {"notes", (*batch)[k].notes}});
            }
            if (opts->json) {
                printJson(ctx, {{"project", opts->project}, {"imported", list}});
            } else {
                ctx.out << "imported " << ids->size() << " series (" << points << " points) into "
                        << opts->project << "\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
