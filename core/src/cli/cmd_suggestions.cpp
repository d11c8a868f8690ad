// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/active_learning.h"

#include <algorithm>
#include <iomanip>
#include <map>
#include <sstream>

namespace vigil::cli {
namespace {

// "all" or a comma-separated list of 1-based ids from the listing.
std::vector<core::Label> pick(const std::vector<core::Label>& all, const std::string& spec,
                              double minConfidence, const char* option)
{
    std::vector<core::Label> out;
    if (spec.find_first_not_of(" \t") == std::string::npos) {
        // An empty id list (a script's unset variable) used to list and succeed.
        throw UsageError{std::string(option) + " expects all or ids (got nothing)"};
    }
    if (spec == "all") {
        for (const auto& l : all) {
            if (l.confidence >= minConfidence) {
                out.push_back(l);
            }
        }
        return out;
    }
    if (all.empty()) {
        throw StateError{std::string(option) + ": the project has no suggestions (run propagate "
                                               "first)"};
    }
    std::stringstream in(spec);
    std::string item;
    std::vector<long long> seen;
    while (std::getline(in, item, ',')) {
        // " 1" was read and "1 " refused: spaces around an id do not count.
        const auto first = item.find_first_not_of(" \t");
        item = first == std::string::npos
                   ? std::string()
                   : item.substr(first, item.find_last_not_of(" \t") + 1 - first);
        std::size_t used = 0;
        long long id = 0;
        try {
            id = std::stoll(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used != item.size() || id < 1) {
            throw UsageError{std::string(option) + " expects all or ids from 1 to " +
                             std::to_string(all.size()) + " (got \"" + item + "\")"};
        }
        if (id > static_cast<long long>(all.size())) {
            throw StateError{std::string(option) + ": no suggestion " + item +
                             "; the project has " + std::to_string(all.size()) + " (ids 1 to " +
                             std::to_string(all.size()) + "); nothing was decided"};
        }
        if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
            continue; // "1,1" decides suggestion 1 once
        }
        seen.push_back(id);
        out.push_back(all[static_cast<size_t>(id - 1)]);
    }
    return out;
}

} // namespace

void addSuggestionsCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        std::string accept;
        std::string reject;
        bool markNormal = false;
        double minConfidence = 0.0;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "suggestions",
        "List the suggestions written by propagate, or accept (turn into human labels) or reject "
        "them one by one or in bulk. Each accept or reject is one undoable step (label --undo).");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    auto* acc = cmd->add_option("--accept", opts->accept, "all or ids (1,4,7) from the listing");
    auto* rej = cmd->add_option("--reject", opts->reject, "all or ids (1,4,7) from the listing");
    acc->excludes(rej);
    cmd->add_flag("--mark-normal", opts->markNormal,
                  "with --reject: label the rejected ranges as normal (human)")
        ->needs(rej);
    auto* minConfidence =
        cmd->add_option("--min-confidence", opts->minConfidence,
                        "with --accept all or --reject all: only suggestions at or above this "
                        "confidence")
            ->check(unitInterval());
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts, minConfidence, acc, rej] {
        ctx.action = [&ctx, opts, minConfidence, acc, rej] {
            // It used to be ignored without "all" (the command only listed, or decided ids).
            if (minConfidence->count() > 0 && opts->accept != "all" && opts->reject != "all") {
                throw UsageError{"--min-confidence goes with --accept all or --reject all"};
            }
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            auto all = core::listSuggestions(*project);
            if (!all) {
                return failWith(ctx, all.error().message);
            }
            auto series = project->listSeries();
            if (!series) {
                return failWith(ctx, series.error().message);
            }
            std::map<std::int64_t, std::string> names;
            for (const auto& s : *series) {
                names[s.id] = s.name;
            }
            std::string action = "list";
            std::size_t changed = 0;
            if (acc->count() > 0 || rej->count() > 0) {
                const bool accept = acc->count() > 0;
                const auto chosen = pick(*all, accept ? opts->accept : opts->reject,
                                         opts->minConfidence, accept ? "--accept" : "--reject");
                auto diff = accept ? core::acceptSuggestions(*project, chosen)
                                   : core::rejectSuggestions(*project, chosen, opts->markNormal);
                if (!diff) {
                    return failWith(ctx, diff.error().message);
                }
                action = accept ? "accept" : "reject";
                changed = chosen.size();
                auto after = core::listSuggestions(*project);
                if (!after) {
                    return failWith(ctx, after.error().message);
                }
                all = std::move(after);
            }
            if (opts->json) {
                nlohmann::ordered_json list = nlohmann::ordered_json::array();
                for (std::size_t i = 0; i < all->size(); ++i) {
                    const auto& l = (*all)[i];
                    list.push_back({{"id", i + 1},
                                    {"series", names[l.seriesId]},
                                    {"begin", l.begin},
                                    {"end", l.end},
                                    {"class", l.classId == core::kClassAnomaly ? "anomaly"
                                                                               : "normal"},
                                    {"confidence", l.confidence}});
                }
                printJson(ctx, {{"action", action}, {"changed", changed}, {"suggestions", list}});
                return kExitOk;
            }
            if (action != "list") {
                ctx.out << action << "ed " << changed << " suggestion" << (changed == 1 ? "" : "s")
                        << "\n";
            }
            for (std::size_t i = 0; i < all->size(); ++i) {
                const auto& l = (*all)[i];
                ctx.out << std::setw(5) << i + 1 << "  " << names[l.seriesId] << " [" << l.begin
                        << ", " << l.end << ")  "
                        << (l.classId == core::kClassAnomaly ? "anomaly" : "normal ")
                        << "  confidence " << std::fixed << std::setprecision(3) << l.confidence
                        << "\n";
            }
            ctx.out << all->size() << " suggestion" << (all->size() == 1 ? "" : "s") << "\n";
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
