// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/importers.h"

#include <filesystem>
#include <optional>

namespace vigil::cli {
namespace {

/// A delimiter as the command line gives it: one character, or "tab" / "space".
std::optional<char> delimiterOf(const std::string& v)
{
    if (v == "tab" || v == "\\t") {
        return '\t';
    }
    if (v == "space") {
        return ' ';
    }
    if (v.size() == 1 && v[0] != '"' && v[0] != '\n' && v[0] != '\r') {
        return v[0];
    }
    return std::nullopt;
}

/// The series a note is for: "real_1", or "real_1, real_10, real_11 and 64 more series".
std::string namesOf(const std::vector<std::string>& series)
{
    constexpr std::size_t kShown = 3;
    std::string out;
    for (std::size_t i = 0; i < series.size() && i < kShown; ++i) {
        out += (i == 0 ? "" : ", ") + series[i];
    }
    if (series.size() > kShown) {
        out += " and " + std::to_string(series.size() - kShown) + " more series";
    }
    return out;
}

} // namespace

void addImportCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string format = "auto";
        std::vector<std::string> paths;
        bool json = false;
        std::string delimiter;
        bool noHeader = false;
        std::optional<std::string> timeColumn;
        bool noTimeColumn = false;
        std::optional<std::string> labelColumn;
        bool noLabelColumn = false;
        std::vector<std::string> valueColumns;
        std::string dateOrder;
        bool numericTime = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("import", "Add series from files or folders to a project "
                                             "(created if missing). All or nothing.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--format", opts->format, "auto|csv|yahoo|smd|nab|ucr")
        ->check(CLI::IsMember({"auto", "csv", "yahoo", "smd", "nab", "ucr"}));
    cmd->add_option("paths", opts->paths, "files or folders to import")->required();
    cmd->add_flag("--json", opts->json, "print a JSON document");
    // How generic CSV files are read, where detection is not what the analyst wants (the import
    // wizard's options). Other formats have fixed layouts and ignore them.
    cmd->add_option("--delimiter", opts->delimiter,
                    "CSV: the field delimiter, one character, or tab or space (detected if "
                    "not given)")
        ->check([](const std::string& v) -> std::string {
            return delimiterOf(v) ? std::string() : "expected one character, tab or space";
        });
    cmd->add_flag("--no-header", opts->noHeader, "CSV: the first line is data, not column names");
    auto* time = cmd->add_option("--time-column", opts->timeColumn,
                                 "CSV: the column of timestamps or date-times");
    cmd->add_flag("--no-time-column", opts->noTimeColumn,
                  "CSV: no column is the time; rows are numbered")
        ->excludes(time);
    cmd->add_flag("--numeric-time", opts->numericTime,
                  "CSV: keep whole Unix seconds or milliseconds in the time column as the numbers "
                  "the file wrote (they are read as date-times otherwise)")
        ->excludes("--no-time-column");
    auto* label =
        cmd->add_option("--label-column", opts->labelColumn, "CSV: the column of 0/1 labels");
    cmd->add_flag("--no-label-column", opts->noLabelColumn, "CSV: no column holds labels")
        ->excludes(label);
    cmd->add_option("--value-column", opts->valueColumns,
                    "CSV: a column to read as a channel (repeat for more; every other numeric "
                    "column if not given)")
        ->expected(1)
        ->allow_extra_args(false) // one name per --value-column; the paths follow
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    cmd->add_option("--date-order", opts->dateOrder,
                    "CSV: how dates such as 03/04/2026 are read: dmy (day first) or mdy "
                    "(month first); detected if not given")
        ->check(CLI::IsMember({"dmy", "mdy"}));
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts] {
            const auto format = core::parseDataFormat(opts->format).value_or(core::DataFormat::Auto);
            core::CsvOptions csv;
            csv.delimiter = opts->delimiter.empty() ? 0 : *delimiterOf(opts->delimiter);
            if (opts->noHeader) {
                csv.hasHeader = false;
            }
            csv.timeColumn = opts->noTimeColumn ? std::optional<std::string>("") : opts->timeColumn;
            csv.labelColumn =
                opts->noLabelColumn ? std::optional<std::string>("") : opts->labelColumn;
            csv.valueColumns = opts->valueColumns;
            csv.unixTimesAsDates = !opts->numericTime;
            if (!opts->dateOrder.empty()) {
                csv.dateOrder =
                    opts->dateOrder == "dmy" ? core::DateOrder::Dmy : core::DateOrder::Mdy;
            }
            ctx.err << "reading " << opts->paths.size() << " path(s)…\n";
            auto batch = core::importPaths(opts->paths, format, csv);
            if (!batch) {
                return failWith(ctx, batch.error().message + " (nothing was imported)");
            }
            if (batch->empty()) {
                return failWith(ctx, "no series found in the given paths (nothing was imported)");
            }
            for (const auto& note : core::groupImportNotes(*batch)) {
                ctx.err << "note: " << namesOf(note.series) << ": " << note.text << "\n";
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
