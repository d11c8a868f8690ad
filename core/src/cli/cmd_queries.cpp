// SPDX-License-Identifier: MIT
#include "cli_common.h"
#include "vigil/active_learning.h"

#include <algorithm>
#include <iomanip>
#include <map>

namespace vigil::cli {
namespace {

nlohmann::ordered_json queryJson(const core::QueryRecord& q, const std::string& series)
{
    return {{"id", q.id},
            {"series", series},
            {"series_id", q.seriesId},
            {"begin", q.begin},
            {"end", q.end},
            {"score", q.score},
            {"status", core::toString(q.status)},
            {"reason", q.reason}};
}

} // namespace

void addQueriesCommand(CLI::App& app, Context& ctx)
{
    struct Options
    {
        std::string project;
        int k = 10;
        std::string strategy = "default";
        std::uint64_t seed = 0;
        std::vector<std::string> marks;
        bool list = false;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand(
        "queries",
        "Compute, store and print the next active-learning queries (windows to label), each with "
        "its reason, plus the stopping signal (cross-validated F1 and its trend). Uses the newest "
        "model's stored scores when there are any; without a model, the rolling-median residual.");
    cmd->add_option("--project", opts->project, "project file (.vigil)")->required();
    auto* k = cmd->add_option("-k", opts->k, "number of queries")->check(CLI::Range(1, 100000));
    auto* strategy =
        cmd->add_option("--strategy", opts->strategy, "default|margin|random|residual-top")
            ->check(CLI::IsMember({"default", "margin", "random", "residual-top"}));
    auto* seed = cmd->add_option("--seed", opts->seed, "random seed (random strategy)");
    cmd->add_option("--mark", opts->marks,
                    "ID=STATUS (new|viewed|skipped|labelled): set a stored query's status "
                    "instead of computing new ones; repeatable");
    cmd->add_flag("--list", opts->list, "print the stored queue without computing new queries");
    cmd->add_flag("--json", opts->json, "print a JSON document");
    cmd->callback([&ctx, opts, k, strategy, seed] {
        ctx.action = [&ctx, opts, k, strategy, seed] {
            if ((opts->list || !opts->marks.empty()) &&
                k->count() + strategy->count() + seed->count() > 0) {
                // They were ignored without a word.
                ctx.err << "note: -k, --strategy and --seed choose new queries; --list and "
                           "--mark show the stored queue as it is\n";
            }
            std::vector<std::pair<std::int64_t, core::QueryStatus>> marks;
            for (const auto& m : opts->marks) {
                const auto eq = m.find('=');
                core::QueryStatus status{};
                std::int64_t id = 0;
                try {
                    std::size_t used = 0;
                    id = eq == std::string::npos ? 0 : std::stoll(m.substr(0, eq), &used);
                    if (used != eq) {
                        id = 0; // "3x=viewed", "2.9=skipped": not an id
                    }
                } catch (const std::exception&) {
                    id = 0;
                }
                if (id <= 0 || !core::parseQueryStatus(m.substr(eq + 1), &status)) {
                    throw UsageError{"--mark expects ID=STATUS with STATUS new, viewed, skipped "
                                     "or labelled (got \"" + m + "\")"};
                }
                marks.emplace_back(id, status);
            }
            auto project = openProject(ctx, opts->project, core::OpenMode::OpenExisting);
            if (!project) {
                return kExitFailure;
            }
            auto series = project->listSeries();
            if (!series) {
                return failWith(ctx, series.error().message);
            }
            std::map<std::int64_t, std::string> names;
            for (const auto& s : *series) {
                names[s.id] = s.name;
            }
            std::vector<core::QueryRecord> queries;
            std::optional<core::ProjectQueriesResult> computed;
            if (!marks.empty() || opts->list) {
                // All or nothing: every id is checked before any status changes.
                auto before = project->queries();
                if (!before) {
                    return failWith(ctx, before.error().message);
                }
                for (const auto& m : marks) {
                    const std::int64_t id = m.first;
                    if (std::none_of(before->begin(), before->end(),
                                     [id](const core::QueryRecord& q) { return q.id == id; })) {
                        return failWith(ctx, "no query with id " + std::to_string(id) +
                                                 "; nothing was marked");
                    }
                }
                for (const auto& [id, status] : marks) {
                    if (auto st = project->setQueryStatus(id, status); !st) {
                        return failWith(ctx, st.error().message);
                    }
                }
                auto stored = project->queries();
                if (!stored) {
                    return failWith(ctx, stored.error().message);
                }
                queries = std::move(stored).value();
            } else {
                core::ProjectQueryOptions o;
                core::parseQueryStrategy(opts->strategy, &o.strategy);
                o.k = opts->k;
                o.seed = opts->seed;
                auto r = [&] {
                    const InterruptScope interrupt; // Ctrl+C leaves the queue as it was
                    return core::computeProjectQueries(*project, o, stderrProgress(ctx),
                                                       InterruptScope::token());
                }();
                if (!r) {
                    return failWith(ctx, r.error().message);
                }
                queries = r->queries;
                computed = std::move(r).value();
            }
            if (opts->json) {
                nlohmann::ordered_json doc;
                doc["strategy"] = computed ? opts->strategy : "stored";
                if (computed) {
                    doc["model_version"] = computed->modelVersion;
                    doc["note"] = computed->note;
                }
                doc["queries"] = nlohmann::ordered_json::array();
                for (const auto& q : queries) {
                    doc["queries"].push_back(queryJson(q, names[q.seriesId]));
                }
                if (computed) {
                    const auto& s = computed->stopping;
                    nlohmann::ordered_json h = nlohmann::ordered_json::array();
                    for (const auto& p : s.history) {
                        h.push_back({{"labelled", p.labelledPoints}, {"f1", p.f1}});
                    }
                    doc["stopping"] = {{"estimated_f1", s.estimatedF1},
                                       {"scorer", s.scorer},
                                       {"stop", s.stop},
                                       {"message", s.message},
                                       {"history", h}};
                }
                printJson(ctx, doc);
                return kExitOk;
            }
            if (computed && !computed->note.empty()) {
                ctx.out << computed->note << "\n";
            }
            for (const auto& q : queries) {
                ctx.out << "#" << q.id << "  " << names[q.seriesId] << " [" << q.begin << ", "
                        << q.end << ")  " << core::toString(q.status) << "  priority " << std::fixed
                        << std::setprecision(3) << q.score << "\n    " << q.reason << "\n";
            }
            // A computed empty queue said why in its note.
            if (queries.empty() && !computed) {
                ctx.out << "no queries stored (run queries without --list to choose some)\n";
            }
            if (computed) {
                ctx.out << "stopping signal: " << computed->stopping.message << "\n";
            }
            return kExitOk;
        };
    });
}

} // namespace vigil::cli
