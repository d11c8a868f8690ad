// SPDX-License-Identifier: MIT
#include "cli_common.h"

#include "vigil/report.h"

namespace vigil::cli {

void addReportCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string out;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "report", "Write a short report: labels, the newest model's flags, the potential "
                  "function and a plot per series. Markdown with SVG plots beside it, or one "
                  "self-contained HTML page when --out ends in .html.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--out", opts->out,
                    "report file: .md (plots go beside it as SVG) or .html (one page)")
        ->required();
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            core::ReportOptions o;
            o.path = opts->out;
            auto written = [&] {
                const InterruptScope interrupt; // Ctrl+C writes no file
                return core::writeReport(*project, o, stderrProgress(ctx), InterruptScope::token());
            }();
            if (!written) {
                return failWith(ctx, written.error().message);
            }
            if (opts->json) {
                printJson(ctx, {{"files", written->files}});
            } else {
                ctx.out << "wrote " << opts->out;
                if (written->files.size() > 1) {
                    ctx.out << " and " << written->files.size() - 1 << " plot(s)";
                }
                ctx.out << "\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
