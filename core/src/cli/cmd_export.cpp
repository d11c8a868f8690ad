// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/exporters.h"
#include "vigil/phrases.h"

#include <algorithm>

namespace vigil::cli {

void addExportCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string format = "csv";
        std::string out;
        std::vector<std::string> series;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("export", "Write the labelled dataset: wide CSV, NAB-style "
                                             "windows, or Yahoo-style CSV per series.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--format", opts->format, "csv|nab|yahoo")
        ->check(CLI::IsMember({"csv", "nab", "yahoo"}));
    cmd->add_option("--out", opts->out, "output folder (created if missing)")
        ->required()
        ->check(CLI::Validator(
            [](const std::string& v) {
                return v.empty() ? std::string("give an output folder") : std::string();
            },
            "FOLDER"));
    cmd->add_option("--series", opts->series, "only these series (default: all)");
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            auto list = project->listSeries();
            if (!list) {
                return failWith(ctx, list.error().message);
            }
            for (const auto& wanted : opts->series) {
                const bool known = std::any_of(list->begin(), list->end(),
                                               [&](const auto& i) { return i.name == wanted; });
                if (!known) { // a typo must not shrink the export silently
                    return failWith(ctx, "no series named '" + wanted + "' in " + opts->project);
                }
            }
            std::vector<core::LabelledSeries> batch;
            for (const auto& info : *list) {
                if (!opts->series.empty() && std::find(opts->series.begin(), opts->series.end(),
                                                       info.name) == opts->series.end()) {
                    continue;
                }
                auto series = project->loadSeries(info.id);
                if (!series) {
                    return failWith(ctx, series.error().message);
                }
                auto labels = project->labels(info.id);
                if (!labels) {
                    return failWith(ctx, labels.error().message);
                }
                batch.push_back({std::move(series).value(), std::move(labels).value()});
            }
            if (batch.empty()) {
                return failWith(ctx, "nothing to export: no matching series in " + opts->project);
            }
            const auto format =
                core::parseExportFormat(opts->format).value_or(core::ExportFormat::WideCsv);
            // Never the project itself (a project named like an export file became CSV) nor
            // the source of a series left out of the export.
            auto keep = core::filesAProjectKeeps(*project, core::phrases::kIsSourceFile);
            if (!keep) {
                return failWith(ctx, keep.error().message);
            }
            auto files = [&] {
                const InterruptScope interrupt; // Ctrl+C leaves the folder as it was
                return core::exportSeries(batch, format, opts->out, &InterruptScope::token(),
                                          *keep);
            }();
            if (!files) {
                return failWith(ctx, files.error().message);
            }
            if (opts->json) {
                printJson(ctx, {{"format", opts->format}, {"files", *files}});
            } else {
                ctx.out << "wrote " << files->size() << " file(s) to " << opts->out << "\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
