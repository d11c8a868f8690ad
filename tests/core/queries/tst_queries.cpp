// SPDX-License-Identifier: MIT
// Active learning: query strategies on data with known answers, label propagation into
// suggestions (accept/reject/undo through the project), the query queue in the project file,
// the stopping signal, the interactive protocol (no leak of unrevealed labels) and the CLI.
#include "cli.h"
#include "test_util.h"
#include "vigil/active_learning.h"
#include "vigil/baselines.h"
#include "vigil/demo.h"
#include "vigil/exporters.h"
#include "vigil/importers.h"
#include "vigil/interactive_benchmark.h"
#include "vigil/project.h"
#include "vigil/project_training.h"
#include "vigil/query_strategies.h"

#include <QtTest>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace vigil::core;

namespace {

Eigen::MatrixXd noise(std::int64_t n, double sd, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, sd);
    Eigen::MatrixXd x(n, 1);
    for (std::int64_t t = 0; t < n; ++t) {
        x(t, 0) = normal(rng);
    }
    return x;
}

Label lab(std::int64_t series, std::int64_t begin, std::int64_t end, int classId)
{
    Label l;
    l.seriesId = series;
    l.begin = begin;
    l.end = end;
    l.classId = classId;
    return l;
}

bool contains(const Query& q, std::int64_t t)
{
    return q.begin <= t && t < q.end;
}

bool noOverlap(const std::vector<Query>& qs)
{
    for (size_t i = 0; i < qs.size(); ++i) {
        for (size_t j = i + 1; j < qs.size(); ++j) {
            if (qs[i].begin < qs[j].end && qs[j].begin < qs[i].end) {
                return false;
            }
        }
    }
    return true;
}

// Repeating pattern with square bumps (the anomalies) at `bumps`, each 30 points long.
ImportedSeries bumpySeries(const std::string& name, std::int64_t n,
                           const std::vector<std::int64_t>& bumps)
{
    ImportedSeries s;
    s.series.name = name;
    s.series.channelNames = {"value"};
    s.series.values = noise(n, 0.05, 7);
    for (std::int64_t t = 0; t < n; ++t) {
        s.series.values(t, 0) += std::sin(double(t) * 2.0 * M_PI / 50.0);
    }
    for (auto b : bumps) {
        for (std::int64_t t = b; t < b + 30; ++t) {
            s.series.values(t, 0) += 6.0;
        }
    }
    return s;
}

/// A project in a new folder named after `tag` holding bumpySeries("bumps", 1800, four bumps)
/// labelled with both classes (an anomaly at 200–229, normal at 300–499), ready to propagate.
/// `project` is null when it could not be made.
struct LabelledBumps
{
    std::string path;
    std::unique_ptr<Project> project;
    std::int64_t series = 0;
};

LabelledBumps labelledBumps(const char* tag)
{
    LabelledBumps out;
    out.path = vigil::test::makeTempDir(tag) + "/p.vigil";
    auto p = Project::open(out.path);
    if (!p) {
        return out;
    }
    auto ids = (*p)->addSeries({bumpySeries("bumps", 1800, {200, 600, 1000, 1400})});
    if (!ids || ids->empty() ||
        !(*p)->assignLabel(lab(ids->front(), 200, 230, kClassAnomaly)).ok() ||
        !(*p)->assignLabel(lab(ids->front(), 300, 500, kClassNormal)).ok()) {
        return out;
    }
    out.series = ids->front();
    out.project = std::move(p).value();
    return out;
}

struct CliRun
{
    int code = -1;
    std::string out;
    std::string err;
    nlohmann::json json() const { return nlohmann::json::parse(out); }
};

CliRun cli(const std::vector<std::string>& args)
{
    std::ostringstream out;
    std::ostringstream err;
    CliRun r;
    r.code = vigil::cli::run(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

// A model double: it decides "anomaly" exactly where a revealed label says so, and records
// every revealed vector it is given, so a test can prove what it saw.
class RecordingModel final : public InteractiveModel
{
public:
    Status fit(const Eigen::MatrixXd& values, const std::vector<std::int8_t>& revealed) override
    {
        m_seen.push_back(revealed);
        m_values = values;
        return {};
    }
    std::vector<std::uint8_t> decisions() const override
    {
        std::vector<std::uint8_t> d(m_seen.back().size(), 0);
        for (size_t t = 0; t < d.size(); ++t) {
            d[t] = m_seen.back()[t] == 1 ? 1 : 0;
        }
        return d;
    }
    void fillQueryInput(QueryInput& /*input*/) const override {}
    std::string name() const override { return "recording"; }

    std::vector<std::vector<std::int8_t>> m_seen;
    Eigen::MatrixXd m_values;
};

} // namespace

class TestQueries : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strategyNamesRoundTrip()
    {
        for (auto s : {QueryStrategy::Margin, QueryStrategy::Default, QueryStrategy::Random,
                       QueryStrategy::ResidualTop}) {
            QueryStrategy back{};
            QVERIFY(parseQueryStrategy(toString(s), &back));
            QCOMPARE(back, s);
        }
        QVERIFY(!parseQueryStrategy("entropy", nullptr));
    }

    void residualTopFindsPlantedSpikes()
    {
        QueryInput in;
        in.values = noise(2000, 0.1, 1);
        const std::vector<std::int64_t> spikes = {300, 777, 1210, 1650};
        for (auto t : spikes) {
            in.values(t, 0) += 5.0;
        }
        QueryOptions o;
        o.strategy = QueryStrategy::ResidualTop;
        o.k = 4;
        auto qs = selectQueries(in, o);
        QVERIFY(qs.ok());
        QCOMPARE(qs->size(), size_t(4));
        QVERIFY(noOverlap(*qs));
        for (auto t : spikes) {
            QVERIFY(std::any_of(qs->begin(), qs->end(),
                                [&](const Query& q) { return contains(q, t) && q.at == t; }));
        }
        for (const auto& q : *qs) {
            QCOMPARE(q.end - q.begin, std::int64_t(25));
            QVERIFY(q.reason.find("residual") != std::string::npos);
        }
    }

    // A constant series has no residual anywhere: its queries must not say the value jumps.
    void constantSeriesReasonsSayNothingJumps()
    {
        QueryInput in;
        in.values = Eigen::MatrixXd::Constant(200, 1, 4.2);
        for (const QueryStrategy strategy : {QueryStrategy::ResidualTop, QueryStrategy::Default}) {
            QueryOptions o;
            o.strategy = strategy;
            o.k = 3;
            auto qs = selectQueries(in, o);
            QVERIFY(qs.ok());
            QVERIFY(!qs->empty());
            for (const auto& q : *qs) {
                QVERIFY2(q.reason.find("jumps") == std::string::npos, q.reason.c_str());
                QVERIFY2(q.reason.find("stays at its recent median") != std::string::npos ||
                             q.reason.find("residual") == std::string::npos,
                         q.reason.c_str());
            }
        }
    }

    // On a ramp the residual is steady except at the start, where it is below the usual: a
    // query there said "residual -13.0σ: the value jumps away from its recent median".
    void rampReasonsSayNothingJumpsBelowOneSigma()
    {
        QueryInput in;
        in.values = Eigen::MatrixXd(200, 1);
        for (Eigen::Index t = 0; t < 200; ++t) {
            in.values(t, 0) = double(t);
        }
        QueryOptions o;
        o.k = 4;
        auto qs = selectQueries(in, o);
        QVERIFY(qs.ok());
        QVERIFY(!qs->empty());
        bool sawSmall = false;
        for (const auto& q : *qs) {
            const auto at = q.reason.find("residual ");
            QVERIFY2(at != std::string::npos, q.reason.c_str());
            const double z = std::stod(q.reason.substr(at + 9));
            if (z < 1.0) {
                sawSmall = true;
                QVERIFY2(q.reason.find("jumps") == std::string::npos, q.reason.c_str());
                QVERIFY2(q.reason.find("keeps near its recent median") != std::string::npos ||
                             q.reason.find("stays at its recent median") != std::string::npos,
                         q.reason.c_str());
            }
        }
        QVERIFY(sawSmall);
    }

    void marginPicksTheDecisionBoundary()
    {
        // p rises linearly from 0 to 1: the boundary p = 0.5 is at t = 500.
        QueryInput in;
        in.values = noise(1001, 1.0, 2);
        in.probability.resize(1001);
        for (int t = 0; t < 1001; ++t) {
            in.probability[size_t(t)] = t / 1000.0;
        }
        QueryOptions o;
        o.strategy = QueryStrategy::Margin;
        o.k = 3;
        auto qs = selectQueries(in, o);
        QVERIFY(qs.ok());
        QCOMPARE(qs->size(), size_t(3));
        QCOMPARE((*qs)[0].at, std::int64_t(500));
        QVERIFY(contains((*qs)[0], 500));
        QVERIFY(noOverlap(*qs));
        // The next windows sit right beside it, on either side of the boundary.
        for (const auto& q : *qs) {
            QVERIFY(std::abs(q.at - 500) <= 60);
            QVERIFY(q.reason.find("undecided") != std::string::npos);
        }
        // With Q-values the reason quotes the paper's margin |Q1 - Q0|.
        in.q0.assign(1001, 0.0);
        in.q1.resize(1001);
        for (int t = 0; t < 1001; ++t) {
            in.q1[size_t(t)] = (t - 500) / 100.0;
        }
        auto withQ = selectQueries(in, o);
        QVERIFY(withQ.ok());
        QCOMPARE((*withQ)[0].at, std::int64_t(500));
        QVERIFY((*withQ)[0].reason.find("margin 0.00") != std::string::npos);
    }

    void diversitySpreadsTheBatch()
    {
        // One long event [500, 700) where the detector is undecided throughout, and four short
        // distinct events where it is a little less undecided. Margin asks five times about the
        // long one; default's k-center covers the distinct events.
        QueryInput in;
        in.values = noise(2400, 0.1, 3);
        in.probability.assign(2400, 0.02);
        for (int t = 500; t < 700; ++t) {
            in.values(t, 0) += 4.0;
            in.probability[size_t(t)] = 0.5;
        }
        const std::vector<std::int64_t> events = {1000, 1400, 1800, 2200};
        for (size_t i = 0; i < events.size(); ++i) {
            for (auto t = events[i]; t < events[i] + 3; ++t) {
                in.values(t, 0) += (i % 2 == 0 ? -3.0 : 3.0) * double(i + 1);
                in.probability[size_t(t)] = 0.4;
            }
        }
        QueryOptions o;
        o.k = 5;
        o.strategy = QueryStrategy::Margin;
        auto margin = selectQueries(in, o);
        QVERIFY(margin.ok());
        QCOMPARE(margin->size(), size_t(5));
        for (const auto& q : *margin) {
            QVERIFY(q.at >= 490 && q.at < 710);
        }
        o.strategy = QueryStrategy::Default;
        auto def = selectQueries(in, o);
        QVERIFY(def.ok());
        QCOMPARE(def->size(), size_t(5));
        QVERIFY(noOverlap(*def));
        int onLong = 0;
        for (const auto& q : *def) {
            onLong += q.at >= 490 && q.at < 710 ? 1 : 0;
        }
        QVERIFY2(onLong <= 2, qPrintable(QString::number(onLong)));
        int covered = 0;
        for (auto e : events) {
            covered += std::any_of(def->begin(), def->end(),
                                   [&](const Query& q) { return contains(q, e + 1); })
                           ? 1
                           : 0;
        }
        QVERIFY2(covered >= 3, qPrintable(QString::number(covered)));
    }

    void batchesAvoidOverlapAndLabelledPoints_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::newRow("margin") << int(QueryStrategy::Margin);
        QTest::newRow("default") << int(QueryStrategy::Default);
        QTest::newRow("random") << int(QueryStrategy::Random);
        QTest::newRow("residual-top") << int(QueryStrategy::ResidualTop);
    }
    void batchesAvoidOverlapAndLabelledPoints()
    {
        QFETCH(int, strategy);
        QueryInput in;
        in.values = noise(1500, 1.0, 4);
        in.probability.resize(1500);
        in.reconstructionError.resize(1500);
        std::mt19937_64 rng(5);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (size_t t = 0; t < 1500; ++t) {
            in.probability[t] = u(rng);
            in.reconstructionError[t] = u(rng);
        }
        in.labelled.assign(1500, 0);
        std::fill(in.labelled.begin() + 200, in.labelled.begin() + 600, 1);
        QueryOptions o;
        o.strategy = static_cast<QueryStrategy>(strategy);
        o.k = 20;
        auto qs = selectQueries(in, o);
        QVERIFY(qs.ok());
        QCOMPARE(qs->size(), size_t(20));
        QVERIFY(noOverlap(*qs));
        for (const auto& q : *qs) {
            QVERIFY(in.labelled[size_t(q.at)] == 0);
            QVERIFY(!(q.begin >= 200 && q.end <= 600));
            QVERIFY(!q.reason.empty());
        }
    }

    void randomIsSeeded()
    {
        QueryInput in;
        in.values = noise(3000, 1.0, 6);
        QueryOptions o;
        o.strategy = QueryStrategy::Random;
        o.k = 5;
        o.seed = 11;
        auto a = selectQueries(in, o);
        auto b = selectQueries(in, o);
        o.seed = 12;
        auto c = selectQueries(in, o);
        QVERIFY(a.ok() && b.ok() && c.ok());
        std::vector<std::int64_t> pa, pb, pc;
        for (size_t i = 0; i < 5; ++i) {
            pa.push_back((*a)[i].at);
            pb.push_back((*b)[i].at);
            pc.push_back((*c)[i].at);
        }
        QVERIFY(pa == pb);
        QVERIFY(pa != pc);
    }

    void defaultWithoutModelSaysSo()
    {
        QueryInput in;
        in.values = noise(800, 0.1, 8);
        in.values(400, 0) += 3.0;
        QueryOptions o;
        o.k = 2;
        auto qs = selectQueries(in, o);
        QVERIFY(qs.ok());
        QVERIFY(!qs->empty());
        QVERIFY(contains((*qs)[0], 400));
        QVERIFY((*qs)[0].reason.find("no model yet") != std::string::npos);
    }

    // Rows without an observed value are never the reason for a query: an all-missing series
    // used to be queried as "residual 0.0σ", and a gap inside a series counted as residual 0.
    void missingRowsAreNotQueried()
    {
        QueryInput empty;
        empty.values = Eigen::MatrixXd::Constant(300, 2, std::nan(""));
        for (auto strategy : {QueryStrategy::Default, QueryStrategy::ResidualTop}) {
            QueryOptions o;
            o.strategy = strategy;
            o.k = 3;
            auto qs = selectQueries(empty, o);
            QVERIFY(qs.ok());
            QVERIFY2(qs->empty(), qs->empty() ? "" : (*qs)[0].reason.c_str());
        }
        QueryInput gaps;
        gaps.values = Eigen::MatrixXd::Constant(600, 1, 1.0);
        gaps.values.block(200, 0, 100, 1).setConstant(std::nan(""));
        gaps.values(450, 0) = 4.0;
        QueryOptions o;
        o.strategy = QueryStrategy::ResidualTop;
        o.k = 5;
        auto qs = selectQueries(gaps, o);
        QVERIFY(qs.ok());
        QVERIFY(!qs->empty());
        QVERIFY(contains((*qs)[0], 450));
        for (const auto& q : *qs) {
            QVERIFY2(q.at < 200 || q.at >= 300, std::to_string(q.at).c_str());
        }
    }

    void defaultSearchesUntilAnAnomalyIsConfirmed()
    {
        // A clear spike at 200 that the detector is sure of, and a smaller one at 600 where it is
        // undecided.
        QueryInput in;
        in.values = noise(800, 0.1, 9);
        in.values(200, 0) += 1.0;
        in.values(600, 0) += 0.5;
        in.probability.assign(800, 0.001);
        in.probability[200] = 0.999;
        in.probability[600] = 0.5;
        QueryOptions o;
        o.k = 1;
        auto first = selectQueries(in, o);
        QVERIFY(first.ok() && first->size() == 1);
        QVERIFY(contains((*first)[0], 200));
        QVERIFY((*first)[0].reason.find("no anomaly confirmed yet") != std::string::npos);

        // Only normal labels so far: still searching.
        in.labelled.assign(800, 0);
        in.known.assign(800, -1);
        for (std::int64_t t = 20; t < 45; ++t) {
            in.labelled[static_cast<size_t>(t)] = 1;
            in.known[static_cast<size_t>(t)] = 0;
        }
        auto stillSearching = selectQueries(in, o);
        QVERIFY(stillSearching.ok() && stillSearching->size() == 1);
        QVERIFY(contains((*stillSearching)[0], 200));

        // Once an anomaly is confirmed (a spike-free one at 400..405, inside the labels), the
        // undecided point wins over the likely one.
        for (std::int64_t t = 390; t < 415; ++t) {
            in.labelled[static_cast<size_t>(t)] = 1;
            in.known[static_cast<size_t>(t)] = (t >= 400 && t < 405) ? 1 : 0;
        }
        auto refining = selectQueries(in, o);
        QVERIFY(refining.ok() && refining->size() == 1);
        QVERIFY2(contains((*refining)[0], 600), (*refining)[0].reason.c_str());
    }

    void badInputIsAnError()
    {
        QueryInput in;
        in.values = noise(100, 1.0, 9);
        in.probability.assign(50, 0.5);
        QVERIFY(!selectQueries(in, {}).ok());
    }

    // A model is stored with its scores in one step; stored scores that are damaged make that
    // series count as unscored (the queue's note says to run score) instead of failing the
    // whole queue with a bare codec error.
    void damagedStoredScoresDoNotBlockTheQueue()
    {
        const std::string path = vigil::test::makeTempDir("queries-damaged") + "/p.vigil";
        {
            auto p = Project::open(path);
            QVERIFY(p.ok());
            auto ids =
                (*p)->addSeries({bumpySeries("a", 900, {300}), bumpySeries("b", 900, {500})});
            QVERIFY(ids.ok());
            std::map<std::int64_t, std::vector<double>> scores;
            for (const auto id : *ids) {
                scores[id] = std::vector<double>(900, 0.1);
            }
            auto version =
                (*p)->addModel("default", "{}", {}, R"({"groups":[{"channels":1}]})", scores);
            QVERIFY(version.ok());
            for (const auto id : *ids) {
                auto loaded = (*p)->loadScores(*version, id);
                QVERIFY(loaded.ok() && loaded->has_value());
                QCOMPARE((*loaded)->size(), size_t(900));
            }
        }
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
            QCOMPARE(sqlite3_exec(db,
                                  "UPDATE scores SET data = zeroblob(40) WHERE series_id = "
                                  "(SELECT id FROM series WHERE name = 'a')",
                                  nullptr, nullptr, nullptr),
                     SQLITE_OK);
            sqlite3_close(db);
        }
        auto p = Project::open(path, OpenMode::OpenExisting);
        QVERIFY(p.ok());
        const auto a = (*p)->seriesByName("a");
        const auto damaged = (*p)->loadScores(1, a->id);
        QVERIFY(!damaged.ok());
        QVERIFY2(damaged.error().message.find("run score") != std::string::npos,
                 damaged.error().message.c_str());
        ProjectQueryOptions o;
        o.k = 3;
        auto r = computeProjectQueries(**p, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->queries.size(), size_t(3));
        QVERIFY2(r->note.find("run score") != std::string::npos, r->note.c_str());
    }

    // The queues of every series and their notes are one write: when the last part fails (here
    // a trigger refuses the notes setting; in use a busy or damaged project), the analyst keeps
    // the queue they had, not one series' new queue beside another's old one.
    void aFailedQueueWriteKeepsTheOldQueue()
    {
        const std::string path = vigil::test::makeTempDir("queries-atomic") + "/p.vigil";
        std::vector<std::int64_t> before;
        {
            auto p = Project::open(path);
            QVERIFY(p.ok());
            QVERIFY(
                (*p)->addSeries({bumpySeries("a", 900, {300}), bumpySeries("b", 900, {500})}).ok());
            ProjectQueryOptions o;
            o.k = 4;
            auto r = computeProjectQueries(**p, o);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            for (const auto& q : r->queries) {
                before.push_back(q.id);
            }
            QCOMPARE(before.size(), size_t(4));
        }
        {
            sqlite3* db = nullptr;
            QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
            QCOMPARE(
                sqlite3_exec(
                    db,
                    "CREATE TRIGGER refuse_notes BEFORE UPDATE ON settings WHEN "
                    "new.key = 'active_learning.queue_notes' BEGIN SELECT RAISE(ABORT, 'refused "
                    "by test'); END",
                    nullptr, nullptr, nullptr),
                SQLITE_OK);
            sqlite3_close(db);
        }
        auto p = Project::open(path, OpenMode::OpenExisting);
        QVERIFY(p.ok());
        ProjectQueryOptions o;
        o.k = 2; // a different queue: two windows, ids above the old ones
        auto r = computeProjectQueries(**p, o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("refused by test") != std::string::npos,
                 r.error().message.c_str());
        auto open = (*p)->queries(0, QueryStatus::New);
        QVERIFY(open.ok());
        std::vector<std::int64_t> after;
        for (const auto& q : *open) {
            after.push_back(q.id);
        }
        std::sort(before.begin(), before.end());
        std::sort(after.begin(), after.end());
        QCOMPARE(after, before);
        // The project still takes edits after the rolled-back batch.
        QVERIFY((*p)->setQueryStatus(before.front(), QueryStatus::Skipped).ok());
    }

    void queryStatusPersists()
    {
        const std::string dir = vigil::test::makeTempDir("queries");
        const std::string path = dir + "/q.vigil";
        std::int64_t id = 0;
        {
            auto p = Project::open(path);
            QVERIFY(p.ok());
            auto s = bumpySeries("bumps", 1200, {300, 800});
            auto ids = (*p)->addSeries({s});
            QVERIFY(ids.ok());
            ProjectQueryOptions o;
            o.k = 4;
            auto r = computeProjectQueries(**p, o);
            QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
            QCOMPARE(r->queries.size(), size_t(4));
            QCOMPARE(r->modelVersion, std::int64_t(0));
            QVERIFY(r->note.find("no model yet") != std::string::npos);
            id = r->queries[1].id;
            // The notes beside the queue are kept with it, for a reopened project.
            auto notes = storedQueueNotes(**p);
            QVERIFY(notes.ok() && notes->has_value());
            QCOMPARE((*notes)->modelVersion, std::int64_t(0));
            QCOMPARE((*notes)->note, r->note);
            QCOMPARE((*notes)->stopping, r->stopping.message);
            QVERIFY(!(*notes)->stopping.empty());
            QVERIFY((*p)->setQueryStatus(id, QueryStatus::Skipped).ok());
            QVERIFY(!(*p)->setQueryStatus(999999, QueryStatus::Viewed).ok());
        }
        auto p = Project::open(path, OpenMode::OpenExisting);
        QVERIFY(p.ok());
        auto skipped = (*p)->queries(0, QueryStatus::Skipped);
        QVERIFY(skipped.ok());
        QCOMPARE(skipped->size(), size_t(1));
        QCOMPARE(skipped->front().id, id);
        QVERIFY(!skipped->front().reason.empty());
        // A new batch replaces the open queue but keeps the skipped query as history.
        ProjectQueryOptions o;
        o.k = 3;
        QVERIFY(computeProjectQueries(**p, o).ok());
        auto all = (*p)->queries();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), size_t(4));
        auto fresh = (*p)->queries(0, QueryStatus::New);
        QCOMPARE(fresh->size(), size_t(3));
        // The skipped window is not asked again (a refresh used to queue it anew beside the
        // skipped row), and no id is given twice (id 3 used to name another window).
        for (const auto& q : *fresh) {
            QVERIFY(!(q.seriesId == skipped->front().seriesId &&
                      q.begin == skipped->front().begin && q.end == skipped->front().end));
            QVERIFY2(q.id > 4, qPrintable(QString::number(q.id)));
        }
        // A window the analyst has viewed stays viewed when the refresh asks it again (it
        // became "new" again, as if never shown).
        QVERIFY((*p)->setQueryStatus(fresh->front().id, QueryStatus::Viewed).ok());
        QVERIFY(computeProjectQueries(**p, o).ok());
        auto again = (*p)->queries(0, QueryStatus::New);
        QCOMPARE(again->size(), size_t(2));
        for (const auto& q : *again) {
            QVERIFY2(q.id > 7, qPrintable(QString::number(q.id)));
        }
        auto seen = (*p)->queries(0, QueryStatus::Viewed);
        QCOMPARE(seen->size(), size_t(1));
        QCOMPARE(seen->front().begin, fresh->front().begin);
        QCOMPARE(seen->front().end, fresh->front().end);
        QVERIFY(seen->front().id > 7);
        // Unreadable stored notes are as none: the next computation writes them again.
        QVERIFY((*p)->setSetting("active_learning.queue_notes", "{not json").ok());
        auto garbled = storedQueueNotes(**p);
        QVERIFY(garbled.ok() && !garbled->has_value());
        QVERIFY((*p)->setSetting("active_learning.queue_notes", R"({"note":3})").ok());
        QVERIFY(storedQueueNotes(**p).ok() && !storedQueueNotes(**p)->has_value());
        QVERIFY(computeProjectQueries(**p, o).ok());
        QVERIFY(storedQueueNotes(**p)->has_value());
    }

    void projectQueriesFollowOnlyTheAnalystsAnomalies()
    {
        const std::string dir = vigil::test::makeTempDir("follow");
        auto p = Project::open(dir + "/f.vigil");
        QVERIFY(p.ok());
        auto ids = (*p)->addSeries({bumpySeries("bumps", 1200, {300, 800})});
        QVERIFY(ids.ok());
        const auto sid = ids->front();
        Label imported = lab(sid, 100, 120, kClassAnomaly); // ground truth, whole anomalies
        imported.source = LabelSource::Imported;
        QVERIFY((*p)->assignLabel(imported).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 500, 520, kClassNormal)).ok());  // the analyst's
        QVERIFY((*p)->assignLabel(lab(sid, 520, 525, kClassAnomaly)).ok()); // window
        ProjectQueryOptions o;
        o.k = 3;
        auto r = computeProjectQueries(**p, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QVERIFY(!r->queries.empty());
        int follows = 0;
        for (const auto& q : r->queries) {
            if (q.reason.find("go on") != std::string::npos) {
                ++follows;
                QCOMPARE(q.begin, std::int64_t(525)); // past the analyst's anomaly, not row 120
            }
        }
        QCOMPARE(follows, 1);
    }

    void propagationFindsTheOtherCluster()
    {
        const std::string dir = vigil::test::makeTempDir("propagate");
        auto p = Project::open(dir + "/p.vigil");
        QVERIFY(p.ok());
        const std::vector<std::int64_t> bumps = {200, 600, 1000, 1400};
        auto ids = (*p)->addSeries({bumpySeries("bumps", 1800, bumps)});
        QVERIFY(ids.ok());
        const auto sid = ids->front();
        // The expert labels one bump as anomalous and some ordinary stretches as normal.
        QVERIFY((*p)->assignLabel(lab(sid, 200, 230, kClassAnomaly)).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 300, 500, kClassNormal)).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 1500, 1700, kClassNormal)).ok());
        auto before = (*p)->labels(sid);
        QVERIFY(before.ok());

        PropagationOptions o;
        auto r = propagateProject(**p, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->seriesPropagated, std::int64_t(1));
        QVERIFY(r->suggestions > 0);
        QVERIFY(r->anomalyPoints > 0 && r->normalPoints > 0);
        QVERIFY(r->trainingPoints > 0);
        QVERIFY(r->maxConfidence <= 1.0 && r->minConfidence >= o.minConfidence);

        auto labels = (*p)->labels(sid);
        QVERIFY(labels.ok());
        std::vector<int> suggested(1800, -1);
        for (const auto& l : *labels) {
            if (l.source != LabelSource::Propagated) {
                continue;
            }
            QCOMPARE(l.author, std::string("propagation"));
            QVERIFY(l.confidence >= 0.5 && l.confidence <= 1.0);
            for (auto t = l.begin; t < l.end; ++t) {
                suggested[size_t(t)] = l.classId;
            }
        }
        // The unlabelled bumps are suggested anomalous for most of their length (the first
        // points' windows still look mostly normal), the ordinary stretches normal.
        for (auto b : {600, 1000, 1400}) {
            int anomalous = 0;
            for (int t = b; t < b + 30; ++t) {
                anomalous += suggested[size_t(t)] == kClassAnomaly ? 1 : 0;
            }
            QVERIFY2(anomalous >= 15,
                     qPrintable(QStringLiteral("bump %1: %2").arg(b).arg(anomalous)));
        }
        int normalOk = 0;
        for (int t = 800; t < 950; ++t) {
            normalOk += suggested[size_t(t)] == kClassNormal ? 1 : 0;
        }
        QVERIFY(normalOk >= 140);
        // Suggestions never touch expert labels, nor count as expert labels.
        QCOMPARE(expertPointLabels(*labels, 1800), expertPointLabels(*before, 1800));
        for (int t = 300; t < 500; ++t) {
            QCOMPARE(suggested[size_t(t)], -1);
        }
        // One undoable step.
        auto undone = (*p)->undo();
        QVERIFY(undone.ok() && undone->has_value());
        auto afterUndo = (*p)->labels(sid);
        QCOMPARE(afterUndo->size(), before->size());
        QVERIFY((*p)->redo().ok());
        // Propagating again makes the same suggestions: they stay as they were (no pile-up,
        // and nothing is written).
        const auto logSize = (*p)->labelLog()->size();
        const auto suggestionsBefore = listSuggestions(**p).value();
        auto again = propagateProject(**p, o);
        QVERIFY(again.ok());
        QCOMPARE(again->removed, std::int64_t(0));
        QCOMPARE(again->kept, r->suggestions);
        QCOMPARE(again->suggestions, r->suggestions);
        QCOMPARE(listSuggestions(**p).value(), suggestionsBefore);
        QCOMPARE((*p)->labelLog()->size(), logSize);
        // The expert calls the bump at 1400 normal: the suggestions there change, the others
        // stay untouched, and the propagation's step holds only what changed.
        QVERIFY((*p)->assignLabel(lab(sid, 1400, 1440, kClassNormal)).ok());
        const auto logMid = (*p)->labelLog()->size();
        auto third = propagateProject(**p, o);
        QVERIFY(third.ok());
        QCOMPARE((*p)->labelLog()->size(), logMid + 1);
        const auto step = (*p)->labelLog()->back();
        QVERIFY(third->removed > 0 && third->kept > 0);
        QCOMPARE(std::int64_t(step.diff.removed.size()), third->removed);
        QCOMPARE(std::int64_t(step.diff.added.size()), third->suggestions - third->kept);
        QCOMPARE(listSuggestions(**p)->size(), size_t(third->suggestions));
        for (const Label& l : step.diff.added) {
            QVERIFY(std::find(suggestionsBefore.begin(), suggestionsBefore.end(), l) ==
                    suggestionsBefore.end());
        }
    }

    /// planPropagation writes nothing; applying its diff is what propagateProject does, and a
    /// plan made before the labels changed no longer applies (nothing is written then).
    void propagationPlanAppliesLikePropagate()
    {
        auto bumps = labelledBumps("propagate-plan");
        QVERIFY(bumps.project);
        auto& p = bumps.project;
        const auto sid = bumps.series;
        const auto logBefore = p->labelLog()->size();
        auto plan = planPropagation(*p, {});
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().message.c_str());
        QVERIFY(plan->summary.suggestions > 0);
        QCOMPARE(plan->diff.added.size(), size_t(plan->summary.suggestions));
        QVERIFY(plan->diff.removed.empty());
        QCOMPARE(listSuggestions(*p)->size(), size_t(0)); // nothing written
        QCOMPARE(p->labelLog()->size(), logBefore);
        const auto infoBefore = *p->seriesInfo(sid);
        QVERIFY(p->applyDiff(plan->diff, plan->description).ok());
        QCOMPARE(listSuggestions(*p)->size(), size_t(plan->summary.suggestions));
        // Suggestions are not labelled data: the series' coverage counts expert labels only.
        QCOMPARE(p->seriesInfo(sid)->labeledPoints, infoBefore.labeledPoints);
        QCOMPARE(p->seriesInfo(sid)->anomalousPoints, infoBefore.anomalousPoints);

        // A second plan with the labels unchanged keeps every suggestion and changes nothing.
        auto same = planPropagation(*p, {});
        QVERIFY(same.ok());
        QVERIFY(same->diff.empty());
        QCOMPARE(same->summary.kept, plan->summary.suggestions);
        // After a new label, a plan changes some; it is stale once those changed.
        QVERIFY(p->assignLabel(lab(sid, 1400, 1440, kClassNormal)).ok());
        auto again = planPropagation(*p, {});
        QVERIFY(again.ok());
        QVERIFY(!again->diff.removed.empty());
        QVERIFY(rejectSuggestions(*p, {again->diff.removed.front()}).ok());
        const auto before = *p->labels(sid);
        QVERIFY(!p->applyDiff(again->diff, again->description).ok());
        QCOMPARE(*p->labels(sid), before);
    }

    // Suggestions brought back by a wide CSV round trip (author lost on the way) are the same
    // suggestions: the next propagation keeps them instead of rewriting them all.
    void importedSuggestionsAreKept()
    {
        auto bumps = labelledBumps("suggest-roundtrip");
        QVERIFY(bumps.project);
        auto& p = bumps.project;
        auto first = propagateProject(*p, {});
        QVERIFY(first.ok() && first->suggestions > 0);
        const std::string dir = vigil::test::makeTempDir("suggest-roundtrip-out");
        LabelledSeries ls{p->loadSeries(bumps.series).value(), p->labels(bumps.series).value()};
        auto files = exportSeries({ls}, ExportFormat::WideCsv, dir);
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        auto copy = Project::open(dir + "/copy.vigil");
        QVERIFY(copy.ok());
        auto back = loadCsv(files->front());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QVERIFY((*copy)->addSeries({*back}).ok());
        QCOMPARE(listSuggestions(**copy)->size(), size_t(first->suggestions));
        auto again = propagateProject(**copy, {});
        QVERIFY(again.ok());
        QCOMPARE(again->kept, first->suggestions);
        QCOMPARE(again->removed, std::int64_t(0));
    }

    // Touching suggestions of one class are split only where the confidence crosses the
    // training threshold, so each trains exactly when its points would, and the points that
    // reach it are as many as the summary says. On the demo, bins of 0.05 split 1 963 of 2 222.
    void suggestionsSplitOnlyAtTheTrainingThreshold()
    {
        const std::string dir = vigil::test::makeTempDir("propagate-runs");
        auto p = Project::open(dir + "/p.vigil");
        auto ids = (*p)->addSeries(makeDemoSeries());
        QVERIFY(ids.ok() && ids->size() == 2);
        const auto web = (*ids)[0];
        const auto pump = (*ids)[1];
        QVERIFY((*p)->assignLabel(lab(web, 100, 500, kClassNormal)).ok());
        QVERIFY((*p)->assignLabel(lab(pump, 200, 700, kClassNormal)).ok());
        auto plan = planPropagation(**p, {});
        QVERIFY2(plan.ok(), plan.ok() ? "" : plan.error().message.c_str());
        QVERIFY(plan->summary.suggestions > 10);
        std::int64_t trainingPoints = 0;
        const double threshold = plan->summary.trainingThreshold;
        const auto& added = plan->diff.added;
        for (std::size_t i = 0; i < added.size(); ++i) {
            const Label& a = added[i];
            trainingPoints += a.confidence >= threshold ? a.end - a.begin : 0;
            if (i + 1 < added.size()) {
                const Label& b = added[i + 1];
                if (a.seriesId == b.seriesId && a.end == b.begin && a.classId == b.classId) {
                    QVERIFY2((a.confidence >= threshold) != (b.confidence >= threshold),
                             (std::to_string(a.begin) + " " + std::to_string(a.confidence) + " / " +
                              std::to_string(b.confidence))
                                 .c_str());
                }
            }
        }
        QCOMPARE(trainingPoints, plan->summary.trainingPoints);
    }

    void propagationNeedsBothClasses()
    {
        const std::string dir = vigil::test::makeTempDir("propagate1");
        auto p = Project::open(dir + "/p.vigil");
        auto ids = (*p)->addSeries({bumpySeries("only-anomaly", 600, {200})});
        QVERIFY((*p)->assignLabel(lab(ids->front(), 200, 230, kClassAnomaly)).ok());
        auto r = propagateProject(**p, {});
        QVERIFY(r.ok());
        QCOMPARE(r->seriesPropagated, std::int64_t(0));
        QCOMPARE(r->skipped.size(), size_t(1));
        QCOMPARE(r->suggestions, std::int64_t(0));

        // A series without an observed value has nothing to spread over, labels or not.
        auto empty = bumpySeries("empty", 300, {});
        empty.series.values.setConstant(std::numeric_limits<double>::quiet_NaN());
        auto emptyId = (*p)->addSeries({empty});
        QVERIFY(emptyId.ok());
        QVERIFY((*p)->assignLabel(lab(emptyId->front(), 100, 110, kClassAnomaly)).ok());
        QVERIFY((*p)->assignLabel(lab(emptyId->front(), 0, 50, kClassNormal)).ok());
        r = propagateProject(**p, {});
        QVERIFY(r.ok());
        QCOMPARE(r->suggestions, std::int64_t(0));
        QCOMPARE(r->skipped.back(), std::string("empty: no observed value in the channels used"));

        // A gap in the data (rows with no observed value) gets no suggestion: it was suggested
        // "normal" at confidence 1 like the rows around it.
        auto gappy = bumpySeries("gappy", 600, {300});
        gappy.series.values.middleRows(100, 40).setConstant(
            std::numeric_limits<double>::quiet_NaN());
        auto gappyId = (*p)->addSeries({gappy});
        QVERIFY(gappyId.ok());
        QVERIFY((*p)->assignLabel(lab(gappyId->front(), 295, 310, kClassAnomaly)).ok());
        QVERIFY((*p)->assignLabel(lab(gappyId->front(), 0, 80, kClassNormal)).ok());
        r = propagateProject(**p, {});
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        auto labels = (*p)->labels(gappyId->front());
        QVERIFY(labels.ok());
        std::int64_t suggested = 0;
        for (const auto& l : *labels) {
            if (l.source != LabelSource::Propagated) {
                continue;
            }
            suggested += l.end - l.begin;
            QVERIFY2(l.end <= 100 || l.begin >= 140,
                     qPrintable(QStringLiteral("suggestion [%1, %2) covers the gap [100, 140)")
                                    .arg(l.begin)
                                    .arg(l.end)));
        }
        QVERIFY(suggested > 100); // the rows around the gap still get suggestions
    }

    // An accepted suggestion is the analyst's label: it merges with their own touching label
    // of the same class (since labels of two authors stay apart, an accepted one with no
    // author had stayed a separate row beside each of them).
    void acceptedSuggestionMergesWithTheAnalystsLabel()
    {
        auto bumps = labelledBumps("suggest-merge");
        QVERIFY(bumps.project);
        auto& p = bumps.project;
        Label suggestion = lab(bumps.series, 500, 520, kClassNormal);
        suggestion.source = LabelSource::Propagated;
        suggestion.confidence = 0.95;
        LabelDiff add;
        add.added = {suggestion};
        QVERIFY(p->applyDiff(add, "a suggestion").ok());
        auto listed = listSuggestions(*p);
        QVERIFY(listed.ok() && listed->size() == 1);
        QVERIFY(acceptSuggestions(*p, *listed).ok());
        const auto labels = p->labels(bumps.series);
        QVERIFY(labels.ok());
        std::vector<Label> normals;
        for (const auto& l : labels.value()) {
            if (l.classId == kClassNormal) {
                normals.push_back(l);
            }
        }
        QCOMPARE(normals.size(), std::size_t(1));
        QCOMPARE(normals[0].begin, std::int64_t(300));
        QCOMPARE(normals[0].end, std::int64_t(520));
        QCOMPARE(normals[0].author, Project::analystAuthor());
    }

    // A suggestion never writes over the analyst's label of one channel: drawing it cuts the
    // suggestion (as propagation leaves such rows alone), and accepting or rejecting as normal
    // a suggestion that still spans one (a project of an older version) keeps it.
    void suggestionsKeepTheAnalystsChannelLabels()
    {
        for (const bool drawnAfter : {true, false}) {
            for (const bool asNormal : {false, true}) {
                auto bumps = labelledBumps(asNormal ? "suggest-channel-n" : "suggest-channel");
                QVERIFY(bumps.project);
                auto& p = bumps.project;
                Label suggestion = lab(bumps.series, 600, 700, kClassAnomaly);
                suggestion.source = LabelSource::Propagated;
                suggestion.confidence = 0.95;
                Label own = lab(bumps.series, 640, 650, kClassNormal);
                own.channel = 0;
                own.source = LabelSource::Human;
                LabelDiff add;
                add.added = {suggestion};
                if (drawnAfter) {
                    QVERIFY(p->applyDiff(add, "a suggestion").ok());
                    QVERIFY(p->assignLabel(own).ok());
                } else {
                    add.added.push_back(own);
                    QVERIFY(p->applyDiff(add, "an older project's labels").ok());
                }
                auto listed = listSuggestions(*p);
                QVERIFY(listed.ok());
                QCOMPARE(listed->size(), std::size_t(drawnAfter ? 2 : 1));
                QVERIFY(asNormal ? rejectSuggestions(*p, *listed, true).ok()
                                 : acceptSuggestions(*p, *listed).ok());
                QCOMPARE(listSuggestions(*p)->size(), std::size_t(0));
                const auto labels = p->labels(bumps.series);
                QVERIFY(labels.ok());
                std::vector<std::pair<std::int64_t, std::int64_t>> decided;
                bool ownKept = false;
                for (const auto& l : *labels) {
                    if (l.channel == 0) {
                        ownKept = l.begin == 640 && l.end == 650 && l.classId == kClassNormal &&
                                  l.source == LabelSource::Human;
                    } else if (l.begin >= 600 && l.end <= 700) {
                        QCOMPARE(l.classId, asNormal ? kClassNormal : kClassAnomaly);
                        QCOMPARE(l.source, LabelSource::Human);
                        decided.emplace_back(l.begin, l.end);
                    }
                }
                QVERIFY(ownKept);
                std::sort(decided.begin(), decided.end());
                const std::vector<std::pair<std::int64_t, std::int64_t>> expected{{600, 640},
                                                                                  {650, 700}};
                QCOMPARE(decided, expected);
            }
        }
    }

    // propagate's confidence summary describes the suggestions as listed: each point at its
    // suggestion's confidence (a point's own had promised more than any listed one).
    void propagationSummaryMatchesTheSuggestions()
    {
        // Three channels, one of them noise: the spreading's confidence varies within a run.
        auto p = Project::open(vigil::test::makeTempDir("suggest-summary") + "/p.vigil");
        QVERIFY(p.ok());
        ImportedSeries s;
        s.series.name = "mc";
        s.series.channelNames = {"temp", "pressure", "flow"};
        s.series.values = Eigen::MatrixXd(1000, 3);
        s.series.values.col(2) = noise(1000, 1.0, 2).col(0);
        for (std::int64_t t = 0; t < 1000; ++t) {
            s.series.values(t, 0) = std::sin(double(t) / 10.0);
            s.series.values(t, 1) = 3.0 * std::cos(double(t) / 15.0);
        }
        auto ids = (*p)->addSeries({s});
        QVERIFY(ids.ok());
        QVERIFY((*p)->assignLabel(lab(ids->front(), 300, 311, kClassAnomaly)).ok());
        QVERIFY((*p)->assignLabel(lab(ids->front(), 100, 110, kClassNormal)).ok());
        auto r = propagateProject(**p, {});
        QVERIFY(r.ok());
        auto listed = listSuggestions(**p);
        QVERIFY(listed.ok() && !listed->empty());
        double lo = 1.0;
        double hi = 0.0;
        double sum = 0.0;
        double points = 0.0;
        for (const auto& l : *listed) {
            lo = std::min(lo, l.confidence);
            hi = std::max(hi, l.confidence);
            sum += l.confidence * double(l.end - l.begin);
            points += double(l.end - l.begin);
        }
        QCOMPARE(r->minConfidence, lo);
        QCOMPARE(r->maxConfidence, hi);
        QVERIFY(std::abs(r->meanConfidence - sum / points) < 1e-12);
        QCOMPARE(points, double(r->anomalyPoints + r->normalPoints));
    }

    void suggestionsAcceptRejectUndo()
    {
        auto bumps = labelledBumps("suggest");
        QVERIFY(bumps.project);
        auto& p = bumps.project;
        const auto sid = bumps.series;
        QVERIFY(propagateProject(*p, {}).ok());
        auto sugg = listSuggestions(*p);
        QVERIFY(sugg.ok() && sugg->size() >= 3);
        const auto expertBefore = expertPointLabels(*p->labels(sid), 1800);

        // Accept one anomaly suggestion: it becomes a human label of the same range.
        auto it = std::find_if(sugg->begin(), sugg->end(),
                               [](const Label& l) { return l.classId == kClassAnomaly; });
        QVERIFY(it != sugg->end());
        const Label one = *it;
        QVERIFY(acceptSuggestions(*p, {one}).ok());
        auto after = listSuggestions(*p);
        QCOMPARE(after->size(), sugg->size() - 1);
        auto expert = expertPointLabels(*p->labels(sid), 1800);
        for (auto t = one.begin; t < one.end; ++t) {
            QCOMPARE(int(expert[size_t(t)]), 1);
        }
        // Accepting it again fails and changes nothing.
        QVERIFY(!acceptSuggestions(*p, {one}).ok());
        QCOMPARE(listSuggestions(*p)->size(), after->size());
        // Undo restores the suggestion and the expert labels.
        QVERIFY(p->undo().ok());
        QCOMPARE(listSuggestions(*p)->size(), sugg->size());
        QCOMPARE(expertPointLabels(*p->labels(sid), 1800), expertBefore);

        // Reject all anomaly suggestions as normal in bulk: one step, human normal labels.
        std::vector<Label> anomalies;
        for (const auto& l : *sugg) {
            if (l.classId == kClassAnomaly) {
                anomalies.push_back(l);
            }
        }
        QVERIFY(rejectSuggestions(*p, anomalies, true).ok());
        expert = expertPointLabels(*p->labels(sid), 1800);
        for (const auto& l : anomalies) {
            QCOMPARE(int(expert[size_t(l.begin)]), 0);
        }
        QCOMPARE(listSuggestions(*p)->size(), sugg->size() - anomalies.size());
        QVERIFY(p->undo().ok());
        QCOMPARE(listSuggestions(*p)->size(), sugg->size());
        // Plain reject of everything removes the suggestions and leaves the expert labels.
        QVERIFY(rejectSuggestions(*p, *sugg).ok());
        QCOMPARE(listSuggestions(*p)->size(), size_t(0));
        QCOMPARE(expertPointLabels(*p->labels(sid), 1800), expertBefore);
        // Only suggestions can be accepted.
        QVERIFY(!acceptSuggestions(*p, {lab(sid, 0, 5, kClassAnomaly)}).ok());
    }

    // A rejected (or erased) suggestion is not made again by the next propagation, until the
    // edit that turned it down is undone; a propagation's own replacements do not count.
    void rejectedSuggestionsStayRejected()
    {
        auto bumps = labelledBumps("suggest-declined");
        QVERIFY(bumps.project);
        auto& p = bumps.project;
        const auto sid = bumps.series;
        QVERIFY(propagateProject(*p, {}).ok());
        const auto first = *listSuggestions(*p);
        auto it = std::find_if(first.begin(), first.end(),
                               [](const Label& l) { return l.classId == kClassAnomaly; });
        QVERIFY(it != first.end());
        const Label rejected = *it;
        const auto anomalyAt = [&](std::int64_t t) {
            const auto now = *listSuggestions(*p);
            return std::any_of(now.begin(), now.end(), [&](const Label& l) {
                return l.classId == kClassAnomaly && l.begin <= t && t < l.end;
            });
        };
        const std::int64_t mid = (rejected.begin + rejected.end) / 2;
        QVERIFY(turnedDownSuggestions(*p)->empty()); // a propagation replaces, declines nothing

        QVERIFY(rejectSuggestions(*p, {rejected}).ok());
        QCOMPARE(turnedDownSuggestions(*p)->size(), size_t(1));
        auto again = propagateProject(*p, {});
        QVERIFY(again.ok());
        QCOMPARE(again->declinedPoints, rejected.end - rejected.begin);
        QVERIFY(!anomalyAt(mid));
        const auto second = *listSuggestions(*p);
        QCOMPARE(second.size(), first.size() - 1); // the others are made again

        // Undo the propagation and the reject: the next propagation suggests it again.
        QVERIFY(p->undo().ok());
        QVERIFY(p->undo().ok());
        QVERIFY(turnedDownSuggestions(*p)->empty());
        auto third = propagateProject(*p, {});
        QVERIFY(third.ok());
        QCOMPARE(third->declinedPoints, std::int64_t(0));
        QVERIFY(anomalyAt(mid));

        // Erasing a suggested range turns it down too.
        QVERIFY(p->eraseLabels(sid, rejected.begin, rejected.end, kAllChannels).ok());
        QVERIFY(!anomalyAt(mid));
        QVERIFY(propagateProject(*p, {}).ok());
        QVERIFY(!anomalyAt(mid));
        p.reset(); // the command line sees the same memory
        auto r = cli({"propagate", "--project", bumps.path, "--json"});
        QVERIFY2(r.code == 0, r.err.c_str());
        QCOMPARE(r.json()["declined_points"].get<std::int64_t>(), rejected.end - rejected.begin);
    }

    // On a project of many unlabelled series, propagate printed one "skipped" line per series
    // (1996 lines on 2000 series) and a confidence summary of zeros for no suggestions.
    void propagateSummarisesManySkippedSeries()
    {
        const std::string dir = vigil::test::makeTempDir("propagate-many");
        std::vector<std::string> args{"import", "--project", dir + "/p.vigil"};
        for (int i = 0; i < 12; ++i) {
            std::string csv = "t,v\n";
            for (int t = 0; t < 60; ++t) {
                csv += std::to_string(t) + "," + std::to_string((t * (i + 3)) % 11) + "\n";
            }
            const std::string file = dir + "/s" + std::to_string(i) + ".csv";
            vigil::test::writeFile(file, csv);
            args.push_back(file);
        }
        auto imported = cli(args);
        QVERIFY2(imported.code == 0, imported.err.c_str());
        auto r = cli({"propagate", "--project", dir + "/p.vigil"});
        QVERIFY2(r.code == 0, r.err.c_str());
        std::size_t lines = 0;
        for (std::size_t at = r.out.find("\nskipped "); at != std::string::npos;
             at = r.out.find("\nskipped ", at + 1)) {
            ++lines;
        }
        QCOMPARE(lines, std::size_t(10));
        QVERIFY2(r.out.find("… and 2 more series skipped") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find("confidence mean") == std::string::npos, r.out.c_str());
        auto json = cli({"propagate", "--project", dir + "/p.vigil", "--json"});
        QVERIFY2(json.code == 0, json.err.c_str());
        QCOMPARE(json.json()["skipped"].size(), std::size_t(12));
    }

    // Only what an edit takes away is turned down: erasing three points inside a long
    // suggestion declines those three, not the pieces left standing; a label of the same class
    // over part of one, or an accept (even if its label is erased later), declines nothing.
    void editsTurnDownOnlyWhatTheyTake()
    {
        auto bumps = labelledBumps("suggest-partial");
        QVERIFY(bumps.project);
        auto& p = bumps.project;
        const auto sid = bumps.series;
        QVERIFY(propagateProject(*p, {}).ok());
        auto longest = [&] {
            const auto all = *listSuggestions(*p);
            return *std::max_element(all.begin(), all.end(), [](const Label& a, const Label& b) {
                return a.end - a.begin < b.end - b.begin;
            });
        };
        const Label big = longest();
        QVERIFY2(big.end - big.begin >= 20, std::to_string(big.end - big.begin).c_str());
        const std::int64_t mid = (big.begin + big.end) / 2;

        QVERIFY(p->eraseLabels(sid, mid, mid + 3, kAllChannels).ok());
        auto declined = turnedDownSuggestions(*p);
        QCOMPARE(declined->size(), size_t(1));
        QCOMPARE(declined->front().begin, mid);
        QCOMPARE(declined->front().end, mid + 3);
        const auto logSize = p->labelLog()->size();
        auto again = propagateProject(*p, {});
        QVERIFY(again.ok());
        QCOMPARE(again->declinedPoints, std::int64_t(3));
        // The pieces the erase left are made again as they are: nothing to write.
        QCOMPARE(again->removed, std::int64_t(0));
        QCOMPARE(p->labelLog()->size(), logSize);
        QVERIFY(p->undo().ok()); // the erase
        QVERIFY(turnedDownSuggestions(*p)->empty());

        // A label of the suggestion's own class over part of it: agreement, not a turn-down.
        QVERIFY(p->assignLabel(lab(sid, mid, mid + 5, big.classId)).ok());
        QVERIFY(turnedDownSuggestions(*p)->empty());
        QVERIFY(p->undo().ok());
        // An accept whose label is erased later: not turned down either.
        QVERIFY(acceptSuggestions(*p, {longest()}).ok());
        QVERIFY(p->eraseLabels(sid, big.begin, big.end, kAllChannels).ok());
        QVERIFY(turnedDownSuggestions(*p)->empty());
        auto third = propagateProject(*p, {});
        QVERIFY(third.ok());
        QCOMPARE(third->declinedPoints, std::int64_t(0));
    }

    void crossValidatedF1AndStoppingAdvice()
    {
        // A score that separates the labels perfectly: cross-validated F1 is 1.
        std::vector<double> score(1000, 0.0);
        std::vector<std::int8_t> labels(1000, -1);
        for (int t = 0; t < 1000; ++t) {
            labels[size_t(t)] = t < 600 ? 0 : -1;
        }
        for (int b : {100, 300, 500, 700, 900}) {
            for (int t = b; t < b + 5; ++t) {
                labels[size_t(t)] = 1;
                score[size_t(t)] = 1.0;
            }
        }
        const std::vector<std::vector<double>> s{score};
        const std::vector<std::vector<std::int8_t>> l{labels};
        QCOMPARE(crossValidatedF1(s, l), 1.0);
        // A useless score: F1 far below.
        std::vector<double> useless(1000, 0.5);
        const std::vector<std::vector<double>> u{useless};
        QVERIFY(crossValidatedF1(u, l) < 0.2);
        // One anomaly only: not estimable.
        std::vector<std::int8_t> single(1000, 0);
        single[10] = 1;
        const std::vector<std::vector<std::int8_t>> one{single};
        QVERIFY(std::isnan(crossValidatedF1(s, one)));

        auto rising = stoppingAdvice({{100, 0.5}, {150, 0.6}, {200, 0.7}, {250, 0.8}});
        QVERIFY(!rising.stop);
        QCOMPARE(rising.estimatedF1, 0.8);
        auto flat =
            stoppingAdvice({{100, 0.5}, {150, 0.8}, {200, 0.805}, {250, 0.81}, {300, 0.812}});
        QVERIFY(flat.stop);
        QVERIFY(flat.message.find("stopped helping") != std::string::npos);
        QVERIFY(!stoppingAdvice({{100, 0.8}, {150, 0.8}}).stop); // too short to judge
    }

    void stoppingHistoryGrowsPerBatch()
    {
        const std::string dir = vigil::test::makeTempDir("stopping");
        auto p = Project::open(dir + "/p.vigil");
        auto ids = (*p)->addSeries({bumpySeries("bumps", 1800, {200, 600, 1000, 1400})});
        const auto sid = ids->front();
        QVERIFY((*p)->assignLabel(lab(sid, 150, 260, kClassNormal)).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 200, 230, kClassAnomaly)).ok());
        auto s1 = updateStoppingSignal(**p);
        QVERIFY(s1.ok());
        QVERIFY(std::isnan(s1->estimatedF1)); // one anomaly region only
        QVERIFY((*p)->assignLabel(lab(sid, 550, 660, kClassNormal)).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 600, 630, kClassAnomaly)).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 950, 1060, kClassNormal)).ok());
        QVERIFY((*p)->assignLabel(lab(sid, 1000, 1030, kClassAnomaly)).ok());
        auto s2 = updateStoppingSignal(**p);
        QVERIFY(s2.ok());
        QVERIFY(std::isfinite(s2->estimatedF1));
        QCOMPARE(s2->scorer, std::string("residual"));
        QCOMPARE(s2->history.size(), size_t(1));
        // Same labels: no new batch in the history.
        QCOMPARE(updateStoppingSignal(**p)->history.size(), size_t(1));
    }

    void interactiveProtocolNeverLeaksUnrevealedLabels()
    {
        // Adversarial truth: a long anomalous stretch in a flat, quiet region that no query is
        // drawn to, plus spikes that are labelled normal. A protocol that handed the model the
        // truth would let the double "find" the stretch; the real one must not.
        const std::int64_t n = 1500;
        Eigen::MatrixXd values = noise(n, 0.01, 21);
        std::vector<std::uint8_t> truth(size_t(n), 0);
        for (std::int64_t t = 1000; t < 1300; ++t) {
            truth[size_t(t)] = 1;
        }
        for (std::int64_t t : {200, 400, 600, 800}) {
            values(t, 0) += 5.0;
            truth[size_t(t + 1)] = 1; // an anomaly beside each spike: revealed with it
        }
        InteractiveOptions o;
        o.strategy = QueryStrategy::ResidualTop;
        o.queries = 4;
        RecordingModel model;
        auto r = runInteractiveSeries("adversarial", values, truth, model, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->f1Curve.size(), size_t(5));
        QCOMPARE(r->revealed.size(), size_t(4));
        QCOMPARE(model.m_seen.size(), size_t(5)); // fit before the first query, then per batch
        for (size_t i = 0; i < model.m_seen.size(); ++i) {
            const auto& seen = model.m_seen[i];
            QCOMPARE(seen.size(), size_t(n));
            for (std::int64_t t = 0; t < n; ++t) {
                bool inQueried = false;
                for (size_t q = 0; q < i && q < r->revealed.size(); ++q) {
                    inQueried =
                        inQueried || (r->revealed[q].first <= t && t < r->revealed[q].second);
                }
                if (inQueried) {
                    QCOMPARE(int(seen[size_t(t)]), int(truth[size_t(t)]));
                } else {
                    QCOMPARE(int(seen[size_t(t)]), -1);
                }
            }
        }
        // The double only knows revealed anomalies, so it finds none of the unrevealed stretch.
        QCOMPARE(r->f1Unrevealed, 0.0);
        QCOMPARE(r->revealedPoints, std::int64_t(100));
        QVERIFY(r->f1 < 0.1);
        // The curve rises as revealed anomalies enter the exported labelling.
        QCOMPARE(r->f1Curve.front(), 0.0);
        QVERIFY(r->f1Curve.back() > 0.0);
    }

    void interactiveResidualModelLearnsThreshold()
    {
        // Spikes of growing size are anomalies; revealing the largest ones tunes a threshold
        // that catches the unrevealed ones.
        const std::int64_t n = 3000;
        Eigen::MatrixXd values = noise(n, 0.1, 31);
        std::vector<std::uint8_t> truth(size_t(n), 0);
        for (int i = 0; i < 12; ++i) {
            const std::int64_t t = 150 + i * 230;
            values(t, 0) += 2.0 + 0.2 * i;
            truth[size_t(t)] = 1;
        }
        InteractiveOptions o;
        o.strategy = QueryStrategy::ResidualTop;
        o.queries = 3;
        auto model = makeResidualModel(25);
        auto r = runInteractiveSeries("spikes", values, truth, *model, o);
        QVERIFY(r.ok());
        QVERIFY2(r->f1 > 0.9, qPrintable(QString::number(r->f1)));
        QVERIFY(r->f1Unrevealed > 0.9);
        QCOMPARE(r->f1Curve.size(), size_t(4));
    }

    void multiScaleScoreSeesSpikesShiftsAndDropouts()
    {
        // A seasonal series with a spike at 400, a level shift over [900, 980) and a dropout
        // (flat at zero) over [1500, 1560): the short residual alone forgets the shift after a
        // few points and never sees the flat stretch; the multi-scale score keeps both up.
        const std::int64_t n = 2000;
        Eigen::MatrixXd values = noise(n, 0.05, 41);
        for (std::int64_t t = 0; t < n; ++t) {
            values(t, 0) += 5.0 + std::sin(2.0 * M_PI * double(t) / 50.0);
        }
        values(400, 0) += 4.0;
        for (std::int64_t t = 900; t < 980; ++t) {
            values(t, 0) += 6.0;
        }
        for (std::int64_t t = 1500; t < 1560; ++t) {
            values(t, 0) = 0.0;
        }
        auto score = multiScaleScore(values);
        QVERIFY(score.ok());
        QCOMPARE(score->size(), Eigen::Index(n));
        auto minOver = [&](std::int64_t b, std::int64_t e) {
            double m = std::numeric_limits<double>::infinity();
            for (auto t = b; t < e; ++t) {
                m = std::min(m, (*score)[t]);
            }
            return m;
        };
        std::vector<double> quiet;
        for (std::int64_t t = 250; t < 850; ++t) {
            if (t < 390 || t > 430) {
                quiet.push_back((*score)[t]);
            }
        }
        std::sort(quiet.begin(), quiet.end());
        const double q99 = quiet[quiet.size() * 99 / 100];
        QVERIFY2(q99 < 5.0, qPrintable(QString::number(q99)));
        QVERIFY((*score)[400] > 2.0 * q99);
        QVERIFY2(minOver(900, 980) > q99, qPrintable(QString::number(minOver(900, 980))));
        QVERIFY2(minOver(1509, 1560) > q99, qPrintable(QString::number(minOver(1509, 1560))));
        // Unit-free: the same series in other units scores the same.
        auto scaled = multiScaleScore((values.array() * 1000.0 + 7.0).matrix());
        QVERIFY(scaled.ok());
        for (std::int64_t t = 0; t < n; ++t) {
            const double a = (*score)[t];
            const double b = (*scaled)[t];
            QVERIFY(std::isnan(a) == std::isnan(b));
            QVERIFY(std::isnan(a) || std::abs(a - b) < 1e-6 * std::max(1.0, std::abs(a)));
        }
        QVERIFY(std::isnan((*score)[0])); // nothing is defined before the first window
        QVERIFY(!multiScaleScore(values, {.flatWindow = 1}).ok());
    }

    void defaultFollowsAnAnomalyPastTheLabelledEdge()
    {
        QueryInput in;
        in.values = noise(1000, 0.1, 51);
        in.labelled.assign(1000, 0);
        in.known.assign(1000, -1);
        for (int t = 500; t < 525; ++t) { // a labelled window whose last 5 points are anomalous
            in.labelled[size_t(t)] = 1;
            in.known[size_t(t)] = t >= 520 ? 1 : 0;
        }
        QueryOptions o;
        o.strategy = QueryStrategy::Default;
        o.k = 3;
        auto qs = selectQueries(in, o);
        QVERIFY(qs.ok());
        QCOMPARE(qs->size(), size_t(3));
        QCOMPARE(qs->front().begin, std::int64_t(525)); // right after the labelled window
        QVERIFY(qs->front().reason.find("go on") != std::string::npos);
        QVERIFY(noOverlap(*qs));
        // Past the edge lies a gap in the data: nothing there to judge, so it is not asked
        // (the first two queries used to be windows of NaN only).
        QueryInput gap = in;
        gap.values.middleRows(525, 100).setConstant(std::nan(""));
        auto gapped = selectQueries(gap, o);
        QVERIFY(gapped.ok());
        for (const auto& q : *gapped) {
            QVERIFY2(q.begin < 525 || q.begin >= 600, std::to_string(q.begin).c_str());
            QVERIFY(q.reason.find("go on") == std::string::npos || q.end <= 500);
        }
        // Without what the labels say, nothing is followed.
        in.known.clear();
        auto plain = selectQueries(in, o);
        QVERIFY(plain.ok());
        QVERIFY(std::none_of(plain->begin(), plain->end(), [](const Query& q) {
            return q.reason.find("go on") != std::string::npos;
        }));
    }

    void interactiveMultiScaleModelFindsADropout()
    {
        // Three dropouts to zero in a seasonal series: revealing one tunes a threshold on the
        // flat-lining term that catches the others, which the short residual cannot see.
        const std::int64_t n = 3000;
        Eigen::MatrixXd values = noise(n, 0.05, 61);
        std::vector<std::uint8_t> truth(size_t(n), 0);
        for (std::int64_t t = 0; t < n; ++t) {
            values(t, 0) += 5.0 + std::sin(2.0 * M_PI * double(t) / 50.0);
        }
        for (std::int64_t start : {700, 1600, 2400}) {
            for (std::int64_t t = start; t < start + 40; ++t) {
                values(t, 0) = 0.0;
                truth[size_t(t)] = 1;
            }
        }
        InteractiveOptions o;
        o.strategy = QueryStrategy::Default;
        o.queries = 3;
        auto multi = makeMultiScaleModel(25);
        auto r = runInteractiveSeries("dropouts", values, truth, *multi, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        auto residual = makeResidualModel(25);
        auto base = runInteractiveSeries("dropouts", values, truth, *residual, o);
        QVERIFY(base.ok());
        QVERIFY2(r->f1 > 0.8, qPrintable(QString::number(r->f1)));
        QVERIFY2(r->f1 > base->f1 + 0.2,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r->f1).arg(base->f1)));
        QCOMPARE(defaultInteractiveModel(QueryStrategy::Default), std::string("multiscale"));
    }

    void cliQueriesPropagateSuggestions()
    {
        const std::string dir = vigil::test::makeTempDir("clial");
        const std::string path = dir + "/c.vigil";
        {
            auto p = Project::open(path);
            auto ids = (*p)->addSeries({bumpySeries("bumps", 1800, {200, 600, 1000, 1400})});
            const auto sid = ids->front();
            QVERIFY((*p)->assignLabel(lab(sid, 200, 230, kClassAnomaly)).ok());
            QVERIFY((*p)->assignLabel(lab(sid, 300, 500, kClassNormal)).ok());
        }
        auto q = cli({"queries", "--project", path, "-k", "3", "--json"});
        QVERIFY2(q.code == 0, q.err.c_str());
        const auto qj = q.json();
        QCOMPARE(qj["queries"].size(), size_t(3));
        for (const auto& e : qj["queries"]) {
            QCOMPARE(e["series"].get<std::string>(), std::string("bumps"));
            QCOMPARE(e["end"].get<int>() - e["begin"].get<int>(), 25);
            QCOMPARE(e["status"].get<std::string>(), std::string("new"));
            QVERIFY(!e["reason"].get<std::string>().empty());
        }
        QVERIFY(qj.contains("stopping"));
        const auto firstId = qj["queries"][0]["id"].get<std::int64_t>();
        auto mark = cli({"queries", "--project", path, "--mark",
                         std::to_string(firstId) + "=viewed", "--json"});
        QVERIFY2(mark.code == 0, mark.err.c_str());
        QCOMPARE(mark.json()["queries"][0]["status"].get<std::string>(), std::string("viewed"));
        QCOMPARE(cli({"queries", "--project", path, "--mark", "x=done"}).code, 2);
        // All or nothing: an unknown id marks none of them.
        const auto secondId = qj["queries"][1]["id"].get<std::int64_t>();
        auto partly = cli({"queries", "--project", path, "--mark",
                           std::to_string(secondId) + "=skipped", "--mark", "999999=viewed"});
        QCOMPARE(partly.code, 1);
        QVERIFY2(partly.err.find("no query with id 999999; nothing was marked") !=
                     std::string::npos,
                 partly.err.c_str());
        for (const char* junk : {"3x=viewed", "2.9=skipped", "=viewed"}) {
            QCOMPARE(cli({"queries", "--project", path, "--mark", junk}).code, 2);
        }
        auto stored = cli({"queries", "--project", path, "--list", "--json"});
        QVERIFY2(stored.code == 0, stored.err.c_str());
        QCOMPARE(stored.json()["queries"][1]["status"].get<std::string>(), std::string("new"));
        // The text form calls the ranking a priority, as the GUI's queue does.
        auto text = cli({"queries", "--project", path, "--list"});
        QVERIFY2(text.code == 0, text.err.c_str());
        QVERIFY2(text.err.find("note:") == std::string::npos, text.err.c_str());
        // -k beside --list chooses nothing, and says so.
        auto listK = cli({"queries", "--project", path, "--list", "-k", "1"});
        QVERIFY2(listK.code == 0, listK.err.c_str());
        QCOMPARE(listK.out, text.out);
        QVERIFY2(listK.err.find("note: -k, --strategy and --seed choose new queries") !=
                     std::string::npos,
                 listK.err.c_str());
        QVERIFY2(text.out.find("  priority ") != std::string::npos, text.out.c_str());
        QCOMPARE(cli({"queries", "--project", path, "--strategy", "entropy"}).code, 2);

        auto pr = cli({"propagate", "--project", path, "--json"});
        QVERIFY2(pr.code == 0, pr.err.c_str());
        const auto pj = pr.json();
        QCOMPARE(pj["series_propagated"].get<int>(), 1);
        QVERIFY(pj["suggestions"].get<int>() > 0);
        QVERIFY(pj["anomaly_points"].get<int>() > 0);
        QVERIFY(pj["confidence"]["mean"].get<double>() >= 0.5);

        auto list = cli({"suggestions", "--project", path, "--json"});
        QVERIFY2(list.code == 0, list.err.c_str());
        const auto n = list.json()["suggestions"].size();
        QCOMPARE(n, size_t(pj["suggestions"].get<int>()));
        // --remove erases every class, so a --class beside it is bad usage (it was ignored).
        QCOMPARE(cli({"label", "--project", path, "--series", "bumps", "--range", "200:210",
                      "--remove", "--class", "anomaly"})
                     .code,
                 2);
        // An id beyond the list is the project's state (exit 1), a malformed one bad usage.
        auto beyond =
            cli({"suggestions", "--project", path, "--accept", "1," + std::to_string(n + 1)});
        QCOMPARE(beyond.code, 1);
        QVERIFY2(beyond.err.find("nothing was decided") != std::string::npos, beyond.err.c_str());
        QCOMPARE(cli({"suggestions", "--project", path, "--accept", "x"}).code, 2);
        // An empty id list (a script's unset variable) is bad usage; it used to list and pass.
        QCOMPARE(cli({"suggestions", "--project", path, "--accept", ""}).code, 2);
        QCOMPARE(cli({"suggestions", "--project", path, "--reject", " ", "--mark-normal"}).code, 2);
        QCOMPARE(list.json()["suggestions"].size(),
                 cli({"suggestions", "--project", path, "--json"}).json()["suggestions"].size());
        // Spaces around an id do not count, after it as before it.
        auto acc = cli({"suggestions", "--project", path, "--accept", "1 ", "--json"});
        QVERIFY2(acc.code == 0, acc.err.c_str());
        QCOMPARE(acc.json()["suggestions"].size(), n - 1);
        QCOMPARE(cli({"suggestions", "--project", path, "--accept", "0"}).code, 2);
        auto undo = cli({"label", "--project", path, "--undo"});
        QVERIFY2(undo.code == 0, undo.err.c_str());
        // A repeated id decides that suggestion once (it used to say "no longer there").
        auto twice = cli({"suggestions", "--project", path, "--accept", "1,1", "--json"});
        QVERIFY2(twice.code == 0, twice.err.c_str());
        QCOMPARE(twice.json()["suggestions"].size(), n - 1);
        QVERIFY(cli({"label", "--project", path, "--undo"}).code == 0);
        auto rej = cli({"suggestions", "--project", path, "--reject", "all", "--json"});
        QVERIFY2(rej.code == 0, rej.err.c_str());
        QCOMPARE(rej.json()["changed"].get<std::size_t>(), n);
        QCOMPARE(rej.json()["suggestions"].size(), size_t(0));
        // Nothing left to decide: said so, as a failure (the project's state, not the usage).
        auto none = cli({"suggestions", "--project", path, "--accept", "1"});
        QCOMPARE(none.code, 1);
        QVERIFY2(none.err.find("no suggestions") != std::string::npos, none.err.c_str());
    }

    // A project with nothing to ask says why, and an empty stored queue says how to fill it.
    void cliNoQueriesSaysWhy()
    {
        const std::string path = vigil::test::makeTempDir("clinoq") + "/c.vigil";
        {
            auto p = Project::open(path);
            QVERIFY(p.ok());
            QVERIFY((*p)->addSeries({bumpySeries("short", 10, {})}).ok());
        }
        auto listed = cli({"queries", "--project", path, "--list"});
        QVERIFY2(listed.code == 0, listed.err.c_str());
        QVERIFY2(listed.out.find("no queries stored (run queries without --list") !=
                     std::string::npos,
                 listed.out.c_str());
        auto q = cli({"queries", "--project", path, "-k", "3"});
        QVERIFY2(q.code == 0, q.err.c_str());
        QVERIFY2(q.out.find("no queries: no series has an unlabelled window to ask about (a "
                            "query is 25 rows") != std::string::npos,
                 q.out.c_str());
    }

    // A queue emptied by skipping says so, not that no window is left unlabelled.
    void skippingEveryWindowSaysSo()
    {
        const std::string path = vigil::test::makeTempDir("allskipped") + "/s.vigil";
        auto p = Project::open(path);
        QVERIFY(p.ok());
        QVERIFY((*p)->addSeries({bumpySeries("one-window", 40, {})}).ok());
        ProjectQueryOptions o;
        o.k = 3;
        auto first = computeProjectQueries(**p, o);
        QVERIFY2(first.ok(), first.ok() ? "" : first.error().message.c_str());
        QCOMPARE(first->queries.size(), size_t(1));
        QVERIFY((*p)->setQueryStatus(first->queries[0].id, QueryStatus::Skipped).ok());
        auto again = computeProjectQueries(**p, o);
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().message.c_str());
        QVERIFY(again->queries.empty());
        QCOMPARE(again->note, std::string("no queries: the only windows left to ask about are "
                                          "ones the analyst skipped (1), and a skipped window is "
                                          "not asked again; label them on the chart instead"));
        // The reopened project shows the same note beside its empty queue.
        auto notes = storedQueueNotes(**p);
        QVERIFY(notes.ok() && notes->has_value());
        QCOMPARE((*notes)->note, again->note);
    }

    void cliInteractiveBenchJson()
    {
        // Two small Yahoo-format series with planted spikes.
        const std::string dir = vigil::test::makeTempDir("interactive");
        for (int s = 0; s < 2; ++s) {
            std::string csv = "timestamp,value,is_anomaly\n";
            const auto v = noise(600, 0.1, 40 + std::uint64_t(s));
            for (int t = 0; t < 600; ++t) {
                const bool a = t % 150 == 100;
                csv += std::to_string(t + 1) + "," + std::to_string(v(t, 0) + (a ? 4.0 : 0.0)) +
                       "," + (a ? "1" : "0") + "\n";
            }
            vigil::test::writeFile(dir + "/data/real_" + std::to_string(s + 1) + ".csv", csv);
        }
        const std::string out = dir + "/out.json";
        auto r = cli({"bench", "--protocol", "interactive", "--format", "yahoo", "--train",
                      dir + "/data", "--queries", "3", "--strategy", "residual-top", "--seed", "0",
                      "--json", out});
        QVERIFY2(r.code == 0, r.err.c_str());
        QVERIFY(r.out.find("mean F1") != std::string::npos);
        const auto j = nlohmann::json::parse(vigil::test::readFile(out));
        std::vector<std::string> keys;
        for (auto it = j.begin(); it != j.end(); ++it) {
            keys.push_back(it.key());
        }
        std::sort(keys.begin(), keys.end());
        QCOMPARE(keys, (std::vector<std::string>{"mean", "mean_curve", "queries", "seconds", "seed",
                                                 "series", "strategy"}));
        QCOMPARE(j["strategy"].get<std::string>(), std::string("residual-top"));
        QCOMPARE(j["queries"].get<int>(), 3);
        QCOMPARE(j["mean_curve"].size(), size_t(4));
        QCOMPARE(j["series"].size(), size_t(2));
        for (const auto& s : j["series"]) {
            QCOMPARE(s["f1_curve"].size(), size_t(4));
            QVERIFY(s.contains("name") && s.contains("f1") && s.contains("f1_unrevealed"));
            QVERIFY(s["f1"].get<double>() > 0.9);
        }
        QVERIFY(j["mean"]["f1"].get<double>() > 0.9);
        // Unknown model names are bad usage.
        QCOMPARE(cli({"bench", "--protocol", "interactive", "--format", "yahoo", "--train",
                      dir + "/data", "--model", "oracle"})
                     .code,
                 2);
    }
};

QTEST_GUILESS_MAIN(TestQueries)
#include "tst_queries.moc"
