// SPDX-License-Identifier: MIT
#include "cli_common.h"

#include "vigil/exporters.h"

#include <charconv>
#include <cstdlib>

namespace vigil::cli {
namespace {

/// "START:END", both row indices, END inclusive (so "5:5" is the single point 5).
bool parseRange(const std::string& text, std::int64_t* begin, std::int64_t* endInclusive)
{
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        return false;
    }
    auto parse = [](std::string_view s, std::int64_t* v) {
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
        return ec == std::errc() && p == s.data() + s.size() && !s.empty();
    };
    const std::string_view sv(text);
    return parse(sv.substr(0, colon), begin) && parse(sv.substr(colon + 1), endInclusive);
}

nlohmann::ordered_json diffJson(const core::LabelDiff& diff)
{
    auto list = [](const std::vector<core::Label>& labels) {
        nlohmann::ordered_json a = nlohmann::ordered_json::array();
        for (const auto& l : labels) {
            a.push_back({{"series_id", l.seriesId},
                         {"start", l.begin},
                         {"end", l.end - 1},
                         {"channel", l.channel},
                         {"class", core::className(l.classId)},
                         {"source", core::toString(l.source)}});
        }
        return a;
    };
    return {{"removed", list(diff.removed)}, {"added", list(diff.added)}};
}

} // namespace

void addLabelCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string series;
        std::string range;
        std::string cls = "anomaly";
        int channel = core::kAllChannels;
        std::string author;
        bool remove = false;
        bool undo = false;
        bool redo = false;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "label", "Label a range of a series (END inclusive), remove labels, or undo/redo the last "
                 "label edit. Every edit is saved at once and can be undone later, even after "
                 "reopening.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    cmd->add_option("--series", opts->series, "series name");
    cmd->add_option("--range", opts->range, "START:END row indices, END inclusive");
    auto* cls = cmd->add_option("--class", opts->cls, "anomaly|normal|class<N>");
    auto* channel =
        cmd->add_option("--channel", opts->channel, "channel index (default: every channel)")
            ->check(nonNegativeNumber());
    auto* author = cmd->add_option("--author", opts->author, "who labelled (default: $USER)");
    auto* remove =
        cmd->add_flag("--remove", opts->remove, "erase the labels in the range, of every class");
    // --remove erases every class: a --class beside it was ignored and erased the others too.
    remove->excludes(cls);
    auto* undo = cmd->add_flag("--undo", opts->undo, "undo the last label edit");
    auto* redo = cmd->add_flag("--redo", opts->redo, "redo the last undone edit");
    undo->excludes(redo);
    remove->excludes(undo);
    remove->excludes(redo);
    // Undo and redo replay the log: a --class, --channel or --author beside them was ignored.
    for (auto* history : {undo, redo}) {
        for (auto* edit : {cls, channel, author}) {
            history->excludes(edit);
        }
    }
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts] {
        ctx.action = [&ctx, opts]() -> int {
            const bool history = opts->undo || opts->redo;
            if (history && (!opts->series.empty() || !opts->range.empty())) {
                throw UsageError{"--undo/--redo take no --series or --range"};
            }
            std::int64_t first = 0;
            std::int64_t last = 0;
            std::optional<int> classId;
            if (!history) {
                if (opts->series.empty() || opts->range.empty()) {
                    throw UsageError{"label needs --series NAME and --range START:END "
                                     "(or --undo / --redo)"};
                }
                if (!parseRange(opts->range, &first, &last) || first < 0 || last < first) {
                    throw UsageError{"--range must be START:END with 0 <= START <= END, got \"" +
                                     opts->range + "\""};
                }
                classId = core::parseClassName(opts->cls);
                if (!classId) {
                    throw UsageError{"--class must be anomaly, normal or class<N>, got \"" +
                                     opts->cls + "\""};
                }
            }
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            if (history) {
                auto done = opts->undo ? project->undo() : project->redo();
                if (!done) {
                    return failWith(ctx, done.error().message);
                }
                const char* verb = opts->undo ? "undone" : "redone";
                if (opts->json) {
                    nlohmann::ordered_json doc = {{verb, done->has_value()}};
                    if (done->has_value()) {
                        doc["diff"] = diffJson(**done);
                    }
                    printJson(ctx, doc);
                } else if (done->has_value()) {
                    ctx.out << "label edit " << verb << "\n";
                } else {
                    ctx.out << "nothing to " << (opts->undo ? "undo" : "redo") << "\n";
                }
                return kExitOk;
            }
            auto info = project->seriesByName(opts->series);
            if (!info) {
                return failWith(ctx, info.error().message);
            }
            if (last >= info->length) {
                return failWith(ctx, "range " + opts->range + " lies outside series " +
                                         info->name + " (rows 0:" +
                                         std::to_string(info->length - 1) + ")");
            }
            if (opts->channel != core::kAllChannels &&
                (opts->channel < 0 || opts->channel >= info->channels)) {
                return failWith(ctx, "series " + info->name + " has no channel " +
                                         std::to_string(opts->channel));
            }
            core::Result<core::LabelDiff> diff = core::LabelDiff{};
            if (opts->remove) {
                diff = project->eraseLabels(info->id, first, last + 1, opts->channel,
                                            "erase " + opts->range + " (cli)");
            } else {
                core::Label label;
                label.seriesId = info->id;
                label.begin = first;
                label.end = last + 1;
                label.channel = opts->channel;
                label.classId = *classId;
                label.source = core::LabelSource::Human;
                label.author = opts->author;
                diff = project->assignLabel(label, "label " + opts->range + " as " + opts->cls +
                                                       " (cli)");
            }
            if (!diff) {
                return failWith(ctx, diff.error().message);
            }
            auto after = project->seriesInfo(info->id);
            if (!after) {
                return failWith(ctx, after.error().message);
            }
            if (opts->json) {
                nlohmann::ordered_json doc = diffJson(*diff);
                doc["series"] = info->name;
                doc["labeled_points"] = after->labeledPoints;
                doc["anomalous_points"] = after->anomalousPoints;
                printJson(ctx, doc);
            } else if (diff->empty()) {
                // Nothing changed: say so, rather than "erased" or "labelled".
                if (opts->remove) {
                    ctx.out << "nothing to erase in " << info->name << " rows " << first << ".."
                            << last;
                    if (opts->channel != core::kAllChannels) {
                        ctx.out << " on channel " << opts->channel
                                << " (a label of all channels is erased without --channel)";
                    }
                } else {
                    ctx.out << info->name << " rows " << first << ".." << last
                            << " already hold that label";
                }
                ctx.out << "; nothing changed\n";
            } else {
                ctx.out << (opts->remove ? "erased " : "labelled ") << info->name << " rows "
                        << first << ".." << last;
                if (!opts->remove) {
                    ctx.out << " as " << opts->cls;
                }
                ctx.out << " (" << after->labeledPoints << " labelled, " << after->anomalousPoints
                        << " anomalous points now)\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
