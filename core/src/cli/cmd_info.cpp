// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "common/utf8.h"

#include <iomanip>

namespace vigil::cli {

void addInfoCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("info", "List the series of a project with their labels.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            auto series = project->listSeries();
            if (!series) {
                return failWith(ctx, series.error().message);
            }
            if (opts->json) {
                nlohmann::ordered_json list = nlohmann::ordered_json::array();
                for (const auto& s : *series) {
                    list.push_back({{"name", s.name},
                                    {"length", s.length},
                                    {"channels", s.channels},
                                    {"labeled_points", s.labeledPoints},
                                    {"anomalous_points", s.anomalousPoints}});
                }
                printJson(ctx, {{"series", list}});
                return kExitOk;
            }
            // Names pad by characters, not bytes, so non-ASCII names keep the columns aligned.
            size_t nameWidth = 6;
            for (const auto& s : *series) {
                nameWidth = std::max(nameWidth, core::utf8CharacterCount(s.name));
            }
            ctx.out << std::left << std::setw(static_cast<int>(nameWidth)) << "series" << std::right
                    << std::setw(10) << "length" << std::setw(10) << "channels" << std::setw(10)
                    << "labelled" << std::setw(11) << "anomalous" << "\n";
            for (const auto& s : *series) {
                ctx.out << s.name << std::string(nameWidth - core::utf8CharacterCount(s.name), ' ')
                        << std::right << std::setw(10) << s.length << std::setw(10) << s.channels
                        << std::setw(10) << s.labeledPoints << std::setw(11) << s.anomalousPoints
                        << "\n";
            }
            ctx.out << series->size() << " series in " << opts->project << "\n";
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
