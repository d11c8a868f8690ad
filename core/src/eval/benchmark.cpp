// SPDX-License-Identifier: MIT
#include "vigil/benchmark.h"

#include "vigil/baselines.h"
#include "vigil/decision.h"
#include "vigil/importers.h"
#include "vigil/isolation_forest.h"
#include "vigil/knn_spreading.h"
#include "vigil/label_spreading.h"
#include "vigil/llm.h"
#include "vigil/llm_potential.h"
#include "vigil/program_potential.h"
#include "vigil/query_strategies.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>
#include <thread>

namespace vigil::core {
namespace fs = std::filesystem;

const char* toString(BenchProtocol protocol)
{
    switch (protocol) {
    case BenchProtocol::PaperSplit:
        return "paper";
    case BenchProtocol::Half:
        return "half";
    case BenchProtocol::Holdout:
        return "holdout";
    }
    return "paper";
}

namespace {

/// One series as the benchmark sees it: values, ground truth, where the oracle may look and
/// where it is scored.
struct Item
{
    std::string name;
    Eigen::MatrixXd values;
    std::vector<std::uint8_t> truth; // empty: unlabelled training data (SMD train files)
    bool train = false;
    std::int64_t trainEnd = 0; // rows [0, trainEnd) are training data
    std::int64_t poolBegin = 0;
    std::int64_t poolEnd = 0; // oracle pool [poolBegin, poolEnd)
    bool test = false;
    /// --reference-leaks: a test series the warm-up also labels, as the reference code's does
    bool leak = false;
    std::int64_t testBegin = 0;
    std::int64_t testEnd = 0;
    // Oracle state of the training rows.
    std::vector<std::int8_t> revealed;   // -1 unknown, 0/1 revealed ground truth
    std::vector<std::int8_t> propagated; // -1 none
    std::vector<double> propagatedConfidence;
};

std::vector<std::uint8_t> truthOf(const ImportedSeries& s)
{
    std::vector<std::uint8_t> truth(static_cast<size_t>(s.series.length()), 0);
    for (const auto& l : s.labels) {
        if (l.classId != kClassAnomaly) {
            continue;
        }
        for (auto i = std::max<std::int64_t>(0, l.begin); i < std::min(l.end, s.series.length());
             ++i) {
            truth[static_cast<size_t>(i)] = 1;
        }
    }
    return truth;
}

struct Loaded
{
    std::vector<Item> labelled;
    std::vector<Item> unlabelled; // SMD train files
};

Result<Loaded> loadDir(const std::string& dir, const std::string& format)
{
    Loaded out;
    if (format == "yahoo") {
        auto all = importPaths({dir}, DataFormat::Yahoo);
        if (!all) {
            return all.error();
        }
        for (auto& s : *all) {
            Item it;
            it.name = s.series.name;
            it.truth = truthOf(s);
            it.values = std::move(s.series.values);
            out.labelled.push_back(std::move(it));
        }
    } else if (format == "smd") {
        std::vector<std::string> machines;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(fs::path(dir) / "test", ec)) {
            if (e.path().extension() == ".txt") {
                machines.push_back(e.path().stem().string());
            }
        }
        if (ec || machines.empty()) {
            return fail(dir + ": not an SMD folder (expected test/*.txt and test_label/*.txt)");
        }
        std::sort(machines.begin(), machines.end());
        for (const auto& m : machines) {
            auto s = loadSmdMachine(dir, m);
            if (!s) {
                return s.error();
            }
            Item it;
            it.name = m;
            it.truth = truthOf(*s);
            it.values = std::move(s->series.values);
            out.labelled.push_back(std::move(it));
            if (fs::exists(fs::path(dir) / "train" / (m + ".txt"))) {
                auto t = loadSmdTrain(dir, m);
                if (!t) {
                    return t.error();
                }
                Item u;
                u.name = t->name;
                u.values = std::move(t->values);
                out.unlabelled.push_back(std::move(u));
            }
        }
    } else {
        return fail("unknown dataset format \"" + format + "\" (expected yahoo or smd)");
    }
    if (out.labelled.empty()) {
        return fail(dir + ": no series found");
    }
    return out;
}

void makeTrain(Item& it, std::int64_t end, bool pool)
{
    it.train = true;
    it.trainEnd = end;
    it.poolBegin = 0;
    it.poolEnd = pool ? end : 0;
    it.revealed.assign(static_cast<size_t>(end), -1);
    it.propagated.assign(static_cast<size_t>(end), -1);
    it.propagatedConfidence.assign(static_cast<size_t>(end), 0.0);
}

Result<std::vector<Item>> prepare(const BenchOptions& o)
{
    auto train = loadDir(o.trainDir, o.format);
    if (!train) {
        return train.error();
    }
    std::vector<Item> items;
    switch (o.protocol) {
    case BenchProtocol::PaperSplit: {
        auto& all = train->labelled;
        std::sort(all.begin(), all.end(),
                  [](const Item& a, const Item& b) { return a.name < b.name; });
        const auto n = all.size();
        const auto nTrain = std::min(n, static_cast<size_t>(std::floor(0.9 * double(n))) + 1);
        if (nTrain >= n) {
            return fail("the paper split of " + std::to_string(n) +
                        " series leaves no test series (use --split half or --test DIR)");
        }
        for (size_t i = 0; i < n; ++i) {
            Item& it = all[i];
            if (i < nTrain) {
                makeTrain(it, it.values.rows(), true);
            } else {
                if (o.referenceLeaks) {
                    makeTrain(it, it.values.rows(), true);
                    it.leak = true;
                }
                it.test = true;
                it.testBegin = 0;
                it.testEnd = it.values.rows();
            }
            items.push_back(std::move(it));
        }
        break;
    }
    case BenchProtocol::Half:
        for (auto& it : train->labelled) {
            const auto half = it.values.rows() / 2;
            makeTrain(it, half, true);
            it.test = true;
            it.testBegin = half;
            it.testEnd = it.values.rows();
            items.push_back(std::move(it));
        }
        break;
    case BenchProtocol::Holdout: {
        auto test = loadDir(o.testDir, o.format);
        if (!test) {
            return test.error();
        }
        for (auto& it : train->labelled) {
            makeTrain(it, it.values.rows(), true);
            items.push_back(std::move(it));
        }
        for (auto& it : test->labelled) {
            it.name = "test/" + it.name;
            it.test = true;
            it.testBegin = 0;
            it.testEnd = it.values.rows();
            items.push_back(std::move(it));
        }
        break;
    }
    }
    for (auto& u : train->unlabelled) { // unlabelled training data (SMD train files)
        makeTrain(u, u.values.rows(), false);
        items.push_back(std::move(u));
    }
    return items;
}

/// The simulated expert: reveals ground truth of pool rows until the budget is spent.
class Oracle
{
public:
    explicit Oracle(std::int64_t budget)
        : m_budget(budget)
    {
    }
    bool reveal(Item& it, std::int64_t t)
    {
        if (t < it.poolBegin || t >= it.poolEnd || m_used >= m_budget ||
            it.revealed[static_cast<size_t>(t)] >= 0) {
            return false;
        }
        it.revealed[static_cast<size_t>(t)] =
            static_cast<std::int8_t>(it.truth[static_cast<size_t>(t)]);
        ++m_used;
        return true;
    }
    std::int64_t used() const { return m_used; }
    std::int64_t remaining() const { return m_budget - m_used; }
    std::int64_t budget() const { return m_budget; }

private:
    std::int64_t m_budget;
    std::int64_t m_used = 0;
};

/// Windows (rows = window ending at step t, t in [from, to)) of a z-normalised copy of the
/// series: the warm-up forest and label spreading compare shapes, not levels.
Eigen::MatrixXd shapeWindows(const Eigen::MatrixXd& values, std::int64_t from, std::int64_t to,
                             int window)
{
    const auto c = values.cols();
    from = std::max<std::int64_t>(from, window - 1);
    const auto n = std::max<std::int64_t>(0, to - from);
    Eigen::MatrixXd out(n, window * c);
    for (std::int64_t r = 0; r < n; ++r) {
        const auto t = from + r;
        for (int k = 0; k < window; ++k) {
            for (Eigen::Index ch = 0; ch < c; ++ch) {
                const double v = values(t - window + 1 + k, ch);
                out(r, k * c + ch) = std::isnan(v) ? 0.0 : v;
            }
        }
    }
    return out;
}

Eigen::MatrixXd zNormalised(const Eigen::MatrixXd& values, std::int64_t rows)
{
    Eigen::MatrixXd out = values.topRows(rows);
    for (Eigen::Index c = 0; c < out.cols(); ++c) {
        double sum = 0;
        double sq = 0;
        std::int64_t n = 0;
        for (Eigen::Index t = 0; t < out.rows(); ++t) {
            if (!std::isnan(out(t, c))) {
                sum += out(t, c);
                sq += out(t, c) * out(t, c);
                ++n;
            }
        }
        const double mean = n > 0 ? sum / double(n) : 0.0;
        const double sd = n > 1 ? std::sqrt(std::max(0.0, sq / double(n) - mean * mean)) : 1.0;
        out.col(c) = ((out.col(c).array() - mean) / (sd > 1e-12 ? sd : 1.0)).matrix();
    }
    return out;
}

/// Warm-up (METHOD.md §6): an isolation forest over the training windows; per series its
/// `perSide` most normal and most anomalous windows are revealed (their newest point). For
/// `paper` the forest sees the newest value of each window only, as the reference's does.
Status warmUp(std::vector<Item>& items, Oracle& oracle, const BenchOptions& o, int window)
{
    // --reference-leaks: the test series' warm-up labels are outside the budget (the reference
    // has none) and the only labels they get.
    Oracle unbudgeted(std::numeric_limits<std::int64_t>::max());
    std::vector<Eigen::MatrixXd> perSeries(items.size());
    std::int64_t rows = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        Item& it = items[i];
        if (!it.train || it.poolEnd <= it.poolBegin) {
            continue;
        }
        // paper: the reference's forest sees each window's newest min-max scaled value, so its
        // most anomalous windows end on an extreme point; default: the whole z-scored window.
        const auto first = std::max<std::int64_t>(it.poolBegin, window - 1);
        perSeries[i] =
            o.preset == EnginePreset::Paper
                ? shapeWindows(minMaxScaledColumns(it.values), first, it.poolEnd, 1)
                : shapeWindows(zNormalised(it.values, it.trainEnd), first, it.poolEnd, window);
        rows += perSeries[i].rows();
    }
    if (rows == 0) {
        return fail("no training windows for the warm-up");
    }
    // The forest subsamples 256 rows per tree anyway; a strided sample keeps memory small.
    const std::int64_t stride = std::max<std::int64_t>(1, rows / 20000);
    Eigen::MatrixXd fit(0, 0);
    {
        std::vector<const Eigen::MatrixXd*> parts;
        std::int64_t n = 0;
        Eigen::Index cols = 0;
        for (const auto& m : perSeries) {
            if (m.rows() > 0) {
                n += (m.rows() + stride - 1) / stride;
                cols = m.cols();
            }
        }
        fit.resize(n, cols);
        std::int64_t r = 0;
        for (const auto& m : perSeries) {
            for (Eigen::Index k = 0; k < m.rows(); k += stride) {
                if (m.cols() == cols) {
                    fit.row(r++) = m.row(k);
                }
            }
        }
        fit.conservativeResize(r, cols);
    }
    IsolationForestConfig fc;
    fc.seed = o.seed;
    IsolationForest forest(fc);
    if (auto st = forest.fit(fit); !st) {
        return st.error();
    }
    for (size_t i = 0; i < items.size(); ++i) {
        if (perSeries[i].rows() == 0) {
            continue;
        }
        auto scores = forest.scores(perSeries[i]);
        if (!scores) {
            return scores.error();
        }
        std::vector<Eigen::Index> order(static_cast<size_t>(scores->size()));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
            return (*scores)(a) < (*scores)(b);
        });
        const auto first = std::max<std::int64_t>(items[i].poolBegin, window - 1);
        const auto k = std::min<size_t>(static_cast<size_t>(o.warmupPerSide), order.size());
        Oracle& revealing = items[i].leak ? unbudgeted : oracle;
        for (size_t j = 0; j < k; ++j) {
            revealing.reveal(items[i], first + order[j]);
            revealing.reveal(items[i], first + order[order.size() - 1 - j]);
        }
    }
    for (auto& it : items) {
        if (it.leak) {
            it.poolEnd = it.poolBegin; // no queries and no propagation there
        }
    }
    return {};
}

TrainingSet trainingSet(const std::vector<Item>& items)
{
    TrainingSet set;
    for (const auto& it : items) {
        if (!it.train) {
            continue;
        }
        TrainingSeries s;
        s.values = it.values.topRows(it.trainEnd);
        s.labels = it.revealed;
        s.propagated = it.propagated;
        s.propagatedConfidence = it.propagatedConfidence;
        set.series.push_back(std::move(s));
    }
    return set;
}

/// Calls fn(index, item, scores) for every training series with an oracle pool, scored by the
/// detector over its training rows; stops at the first error.
template <typename Fn>
Status forEachScoredPool(std::vector<Item>& items, Detector& detector, Fn&& fn)
{
    for (size_t i = 0; i < items.size(); ++i) {
        Item& it = items[i];
        if (!it.train || it.poolEnd <= it.poolBegin) {
            continue;
        }
        auto scores = detector.score(it.values.topRows(it.trainEnd));
        if (!scores) {
            return scores.error();
        }
        if (auto st = fn(i, it, *scores); !st) {
            return st;
        }
    }
    return {};
}

/// Margin queries (paper): the unrevealed pool points where |Q1 - Q0| is smallest. `shared`
/// (--query-rule margin-shared): each series' points are ranked by margin among its own, and
/// a point's key is its rank as a fraction of its series' pool, so every series gets a share of
/// the queries in proportion to its pool, whatever the scale of its margins.
Status queryByMargin(std::vector<Item>& items, Detector& detector, Oracle& oracle,
                     std::int64_t count, bool shared)
{
    struct Candidate
    {
        double margin;
        size_t item;
        std::int64_t t;
    };
    std::vector<Candidate> candidates;
    auto st = forEachScoredPool(items, detector, [&](size_t i, Item& it, const ScoreResult& sc) {
        const auto first = candidates.size();
        for (auto t = it.poolBegin; t < it.poolEnd; ++t) {
            const double m = std::abs(sc.q1(t) - sc.q0(t));
            if (std::isfinite(m) && it.revealed[static_cast<size_t>(t)] < 0) {
                candidates.push_back({m, i, t});
            }
        }
        if (shared) {
            const auto own = candidates.begin() + static_cast<std::ptrdiff_t>(first);
            std::stable_sort(own, candidates.end(), [](const Candidate& a, const Candidate& b) {
                return a.margin < b.margin;
            });
            const double pool = double(it.poolEnd - it.poolBegin);
            for (auto c = own; c != candidates.end(); ++c) {
                c->margin = (double(c - own) + 0.5) / pool;
            }
        }
        return Status{};
    });
    if (!st) {
        return st;
    }
    const auto k = std::min<std::int64_t>(count, static_cast<std::int64_t>(candidates.size()));
    std::partial_sort(candidates.begin(), candidates.begin() + k, candidates.end(),
                      [](const Candidate& a, const Candidate& b) {
                          return a.margin < b.margin || (a.margin == b.margin && a.t < b.t);
                      });
    for (std::int64_t j = 0; j < k; ++j) {
        oracle.reveal(items[candidates[static_cast<size_t>(j)].item],
                      candidates[static_cast<size_t>(j)].t);
    }
    return {};
}

/// Label spreading per training series (dense RBF, METHOD.md §6): the lowest-entropy
/// unrevealed windows take the propagated label, with confidence 1 - entropy / ln 2.
/// `default`'s query rule (METHOD.md §6, query_strategies.h): per training series the windows
/// the `default` strategy ranks first, merged across series by their score; a query reveals the
/// pool points of its window (the analyst answers a window), until `count` points are spent.
Status queryByStrategy(std::vector<Item>& items, Detector& detector, Oracle& oracle,
                       std::int64_t count, int window, std::uint64_t seed)
{
    std::vector<std::pair<size_t, Query>> candidates;
    size_t pools = 0;
    for (const auto& it : items) {
        pools += it.train && it.poolEnd > it.poolBegin ? 1 : 0;
    }
    if (pools == 0 || count <= 0) {
        return {};
    }
    // Enough windows per series that the best ones overall are among them.
    const auto perSeries = static_cast<int>(
        std::clamp<std::int64_t>(count / window / static_cast<std::int64_t>(pools) + 2, 2, 50));
    auto st = forEachScoredPool(items, detector, [&](size_t i, Item& it, const ScoreResult& sc) {
        QueryInput in;
        in.seriesId = static_cast<std::int64_t>(i);
        in.values = it.values.topRows(it.trainEnd);
        in.labelled.assign(static_cast<size_t>(it.trainEnd), 0);
        in.known.assign(it.revealed.begin(), it.revealed.end());
        for (std::int64_t t = 0; t < it.trainEnd; ++t) {
            // Outside the pool counts as labelled: the oracle cannot answer there.
            const bool outside = t < it.poolBegin || t >= it.poolEnd;
            in.labelled[static_cast<size_t>(t)] =
                outside || it.revealed[static_cast<size_t>(t)] >= 0 ? 1 : 0;
        }
        const auto toVector = [](const Eigen::VectorXd& v) {
            return std::vector<double>(v.data(), v.data() + v.size());
        };
        in.probability = toVector(sc.probability);
        in.q0 = toVector(sc.q0);
        in.q1 = toVector(sc.q1);
        in.reconstructionError = toVector(sc.reconstructionError);
        QueryOptions qo;
        qo.strategy = QueryStrategy::Default;
        qo.window = window;
        qo.k = perSeries;
        qo.seed = seed;
        auto chosen = selectQueries(in, qo);
        if (!chosen) {
            return Status{fail(it.name + ": " + chosen.error().message)};
        }
        for (auto& q : *chosen) {
            candidates.emplace_back(i, std::move(q));
        }
        return Status{};
    });
    if (!st) {
        return st;
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.second.score > b.second.score; });
    const auto stop = oracle.used() + count;
    for (const auto& [i, q] : candidates) {
        for (auto t = q.begin; t < q.end && oracle.used() < stop; ++t) {
            oracle.reveal(items[i], t);
        }
        if (oracle.used() >= stop) {
            break;
        }
    }
    return {};
}

/// How long the anomalies are, asked of the oracle (`default`, --smoothing auto): for up to
/// `maxAnomalies` revealed anomalous stretches, taken in turn across the training series (each
/// series' first stretch, then each one's second, ...), the oracle is asked about the points at
/// distances 1, 2, 4, ..., 64 past each end until it answers normal; a stretch inside one
/// already measured is skipped. Returns the measured extents (overlapping ones merged), each
/// from the last anomalous answer on one side to the last on the other. The answers stay as
/// revealed labels; asking stops where the pool ends, and for good when the budget is spent
/// (the anomaly being measured then is left out).
std::vector<std::int64_t> probeAnomalyExtents(std::vector<Item>& items, Oracle& oracle,
                                              int maxAnomalies)
{
    struct Stretch
    {
        size_t item;
        std::int64_t begin;
        std::int64_t end;
    };
    std::vector<std::vector<Stretch>> perItem(items.size());
    size_t longest = 0;
    for (size_t i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        if (!it.train) {
            continue;
        }
        for (auto t = it.poolBegin; t < it.poolEnd; ++t) {
            if (it.revealed[static_cast<size_t>(t)] != 1) {
                continue;
            }
            auto e = t;
            while (e < it.poolEnd && it.revealed[static_cast<size_t>(e)] == 1) {
                ++e;
            }
            perItem[i].push_back({i, t, e});
            t = e;
        }
        longest = std::max(longest, perItem[i].size());
    }
    // Whether the oracle says the point is anomalous (asking only when it is not yet known).
    bool spent = false; // the budget ran out: the anomaly being measured is left unmeasured
    const auto anomalous = [&](Item& it, std::int64_t t) {
        if (t < it.poolBegin || t >= it.poolEnd) {
            return false;
        }
        if (it.revealed[static_cast<size_t>(t)] < 0 && !oracle.reveal(it, t)) {
            spent = true;
            return false;
        }
        return it.revealed[static_cast<size_t>(t)] == 1;
    };
    constexpr std::int64_t kDistances[] = {1, 2, 4, 8, 16, 32, 64};
    std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> measured(items.size());
    int count = 0;
    for (size_t rank = 0; rank < longest && count < maxAnomalies && !spent; ++rank) {
        for (size_t i = 0; i < items.size() && count < maxAnomalies && !spent; ++i) {
            if (rank >= perItem[i].size()) {
                continue;
            }
            const Stretch& s = perItem[i][rank];
            auto& done = measured[i];
            if (std::any_of(done.begin(), done.end(), [&](const auto& m) {
                    return m.first <= s.begin && s.end <= m.second;
                })) {
                continue;
            }
            ++count;
            std::int64_t right = 0;
            std::int64_t left = 0;
            for (const auto d : kDistances) {
                if (!anomalous(items[i], s.end - 1 + d)) {
                    break;
                }
                right = d;
            }
            for (const auto d : kDistances) {
                if (!anomalous(items[i], s.begin - d)) {
                    break;
                }
                left = d;
            }
            if (!spent) {
                done.emplace_back(s.begin - left, s.end + right);
            }
        }
    }
    std::vector<std::int64_t> extents;
    for (auto& done : measured) {
        std::sort(done.begin(), done.end());
        std::int64_t b = 0;
        std::int64_t e = -1;
        for (const auto& [mb, me] : done) {
            if (e >= 0 && mb <= e) {
                e = std::max(e, me);
                continue;
            }
            if (e >= 0) {
                extents.push_back(e - b);
            }
            b = mb;
            e = me;
        }
        if (e >= 0) {
            extents.push_back(e - b);
        }
    }
    return extents;
}

/// `pooled` > 0 (paper): the reference propagates 200 windows per episode, and an episode of
/// its visits one series, so a training of E episodes learns from 200·E propagated windows; here
/// the `pooled` lowest-entropy windows over all series together take the label. 0: the
/// `propagatedPerRound` lowest-entropy windows of every series.
Status propagate(std::vector<Item>& items, const BenchOptions& o, int window, std::int64_t pooled)
{
    struct Spread
    {
        size_t item;
        std::int64_t t;
        std::int8_t label;
        double entropy;
    };
    std::vector<Spread> spreadWindows;
    for (size_t i = 0; i < items.size(); ++i) {
        auto& it = items[i];
        if (!it.train || it.poolEnd <= it.poolBegin) {
            continue;
        }
        const auto first = std::max<std::int64_t>(it.poolBegin, window - 1);
        const Eigen::MatrixXd x =
            shapeWindows(zNormalised(it.values, it.trainEnd), first, it.poolEnd, window);
        std::vector<int> labels(static_cast<size_t>(x.rows()), kUnlabelled);
        bool any = false;
        for (Eigen::Index r = 0; r < x.rows(); ++r) {
            const auto v = it.revealed[static_cast<size_t>(first + r)];
            if (v >= 0) {
                labels[static_cast<size_t>(r)] = v;
                any = true;
            }
        }
        if (!any) {
            continue; // nothing to spread from
        }
        if (o.propagation == "knn") {
            // `default`'s rule (METHOD.md §6): sparse kNN spreading; every window it reaches
            // becomes a suggestion with its confidence (the engine trains on the confident ones).
            KnnSpreadingConfig kc;
            kc.graph.seed = o.seed + 1;
            kc.graph.threads = 1;
            auto spread = spreadLabelsKnn(x / std::sqrt(double(x.cols())), labels, kc);
            if (!spread) {
                return spread.error();
            }
            for (Eigen::Index r = 0; r < x.rows(); ++r) {
                const auto t = static_cast<size_t>(first + r);
                if (labels[static_cast<size_t>(r)] == kUnlabelled && spread->confidence[r] > 0.0) {
                    it.propagated[t] = static_cast<std::int8_t>(
                        spread->spreading.predicted[static_cast<size_t>(r)]);
                    it.propagatedConfidence[t] = spread->confidence[r];
                }
            }
            continue;
        }
        if (x.rows() > 20000) {
            continue; // too large for the dense graph
        }
        LabelSpreadingConfig lc;
        auto spread = spreadLabels(x / std::sqrt(double(x.cols())), labels, lc);
        if (!spread) {
            return spread.error();
        }
        const std::int64_t keep = pooled > 0 ? pooled : o.propagatedPerRound;
        for (const auto r : lowestEntropyUnlabelled(*spread, labels, keep)) {
            spreadWindows.push_back(
                {i, first + r, static_cast<std::int8_t>(spread->predicted[static_cast<size_t>(r)]),
                 spread->entropy(r)});
        }
    }
    if (pooled > 0 && static_cast<std::int64_t>(spreadWindows.size()) > pooled) {
        std::partial_sort(spreadWindows.begin(), spreadWindows.begin() + pooled,
                          spreadWindows.end(), [](const Spread& a, const Spread& b) {
                              return a.entropy < b.entropy ||
                                     (a.entropy == b.entropy &&
                                      (a.item < b.item || (a.item == b.item && a.t < b.t)));
                          });
        spreadWindows.resize(static_cast<size_t>(pooled));
    }
    for (const auto& w : spreadWindows) {
        auto& it = items[w.item];
        const auto t = static_cast<size_t>(w.t);
        it.propagated[t] = w.label;
        it.propagatedConfidence[t] = std::clamp(1.0 - w.entropy / std::log(2.0), 0.0, 1.0);
    }
    return {};
}

/// The stacked decision's VAE column, or zeros for `--no-vae-column` (the three-column decision
/// of sessions 5-7: a constant column gets weight 0).
Eigen::VectorXd vaeColumn(const Eigen::VectorXd& error, const BenchOptions& o)
{
    return o.decisionVae ? error : Eigen::VectorXd::Zero(error.size()).eval();
}

/// Analysis aid (`bench --dump-scores DIR`): one CSV per labelled series with the final model's
/// scores over the whole series, the ground truth, what the oracle revealed and which rows are
/// test rows, the baseline's residual and the VAE's reconstruction error per channel.
Status dumpScores(const std::vector<Item>& items, Detector& detector, const std::string& dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (const auto& it : items) {
        if (it.truth.empty()) {
            continue;
        }
        auto scores = detector.score(it.values);
        if (!scores) {
            return scores.error();
        }
        const int window = RollingMedianConfig{}.window;
        auto residual = decisionResidual(it.values, window, ResidualColumn::Level);
        if (!residual) {
            return residual.error();
        }
        auto jump = decisionResidual(it.values, window, ResidualColumn::Jump);
        if (!jump) {
            return jump.error();
        }
        auto multi = multiScaleScore(it.values);
        if (!multi) {
            return multi.error();
        }
        std::string file = it.name;
        std::replace(file.begin(), file.end(), '/', '_');
        std::ofstream out(fs::path(dir) / (file + ".csv"), std::ios::trunc);
        out << "t,test,truth,revealed,propagated,margin,p,residual,multiscale,vae,jump";
        for (Eigen::Index c = 0; c < scores->channelError.cols(); ++c) {
            out << ",vae_c" << c;
        }
        out << '\n' << std::setprecision(9);
        for (std::int64_t t = 0; t < it.values.rows(); ++t) {
            const auto i = static_cast<size_t>(t);
            const bool inTest = it.test && t >= it.testBegin && t < it.testEnd;
            const int revealed =
                t < static_cast<std::int64_t>(it.revealed.size()) ? it.revealed[i] : -1;
            const int propagated =
                t < static_cast<std::int64_t>(it.propagated.size()) ? it.propagated[i] : -1;
            out << t << ',' << int(inTest) << ',' << int(it.truth[i]) << ',' << revealed << ','
                << propagated << ',' << scores->q1(t) - scores->q0(t) << ','
                << scores->probability(t) << ',' << (*residual)(t) << ',' << (*multi)(t) << ','
                << scores->reconstructionError(t) << ',' << (*jump)(t);
            for (Eigen::Index c = 0; c < scores->channelError.cols(); ++c) {
                out << ',' << scores->channelError(t, c);
            }
            out << '\n';
        }
        if (!out) {
            return fail("cannot write the scores of " + it.name + " into " + dir);
        }
    }
    return {};
}

SeriesResult evaluate(const Item& it, std::span<const std::uint8_t> decision,
                      std::span<const double> score, int window)
{
    SeriesResult r;
    r.name = it.name;
    const auto from = std::max<std::int64_t>(it.testBegin, window);
    const auto len = static_cast<size_t>(it.testEnd);
    const std::span<const std::uint8_t> truth(it.truth.data(), len);
    r.hasAnomaly = std::any_of(it.truth.begin() + from, it.truth.begin() + it.testEnd,
                               [](std::uint8_t v) { return v != 0; });
    if (auto pm = pointMetrics(decision.first(len), truth, from)) {
        r.metrics = *pm;
    }
    if (auto pa = pointAdjustedMetrics(decision.first(len), truth, from)) {
        r.paF1 = pa->f1;
    }
    if (auto ap = averagePrecision(score.first(len), truth, from)) {
        r.aucPr = *ap;
    }
    return r;
}

/// The built-in analyst's `llm-program` potential (LLM.md), written from what the oracle has
/// revealed so far on the training series (never from unrevealed or test labels).
Result<std::unique_ptr<PotentialFunction>> builtinProgramPotential(const std::vector<Item>& items,
                                                                   std::string& expression)
{
    std::vector<TimeSeries> series;
    std::vector<const Item*> from;
    for (const auto& it : items) {
        if (it.train && it.trainEnd > 0) {
            TimeSeries ts;
            ts.name = it.name;
            ts.values = it.values.topRows(it.trainEnd);
            series.push_back(std::move(ts));
            from.push_back(&it);
        }
    }
    std::vector<FactSeries> facts;
    for (std::size_t i = 0; i < series.size(); ++i) {
        facts.push_back({series[i].name, &series[i], from[i]->revealed});
    }
    auto collected = collectPotentialFacts(facts);
    if (!collected) {
        return collected.error();
    }
    BuiltinAnalyst analyst;
    auto proposal = askForPotential(analyst, *collected);
    if (!proposal) {
        return proposal.error();
    }
    auto program = ProgramPotential::parse(proposal->expression);
    if (!program) {
        return program.error();
    }
    expression = proposal->expression;
    return std::unique_ptr<PotentialFunction>(
        std::make_unique<ProgramPotential>(std::move(program).value()));
}

/// The paper's llm-window potential answered by the built-in analyst (no budget: it is local).
class BuiltinWindowPotential final : public PotentialFunction
{
public:
    BuiltinWindowPotential()
        : m_window(m_analyst, {.maxCalls = std::numeric_limits<int>::max()})
    {
    }
    Eigen::VectorXd evaluate(const Eigen::MatrixXd& windows, int channels) const override
    {
        return m_window.evaluate(windows, channels);
    }
    std::string name() const override { return "builtin-window"; }

private:
    BuiltinAnalyst m_analyst;
    LlmWindowPotential m_window;
};

std::unique_ptr<PotentialFunction> makePotential(const std::string& name)
{
    if (name == "zero") {
        return std::make_unique<ZeroPotential>();
    }
    if (name == "builtin-window") {
        return std::make_unique<BuiltinWindowPotential>();
    }
    return std::make_unique<HeuristicPotential>();
}

} // namespace

void summarise(MethodResult& result)
{
    MeanMetrics m;
    int n = 0;
    result.maxF1 = 0.0;
    for (const auto& s : result.series) {
        if (!s.hasAnomaly) {
            continue;
        }
        m.precision += s.metrics.precision;
        m.recall += s.metrics.recall;
        m.f1 += s.metrics.f1;
        m.paF1 += s.paF1;
        m.aucPr += s.aucPr;
        result.maxF1 = std::max(result.maxF1, s.metrics.f1);
        ++n;
    }
    if (n > 0) {
        m.precision /= n;
        m.recall /= n;
        m.f1 /= n;
        m.paF1 /= n;
        m.aucPr /= n;
    }
    result.mean = m;
}

Result<BenchReport> runBenchmark(const BenchOptions& o, ProgressSink progress,
                                 const CancelToken& cancel)
{
    const auto started = std::chrono::steady_clock::now();
    if (o.labelBudget < 0.0 || o.labelBudget > 1.0) {
        return fail("--label-budget must lie in [0, 1]");
    }
    if (o.referenceLeaks &&
        (o.preset != EnginePreset::Paper || o.protocol != BenchProtocol::PaperSplit)) {
        return fail("--reference-leaks reproduces the reference code's paper-split run: it needs "
                    "--preset paper and --split paper");
    }
    progress(0.0, "loading data");
    auto prepared = prepare(o);
    if (!prepared) {
        return prepared.error();
    }
    std::vector<Item>& items = *prepared;
    const bool smd = o.format == "smd";
    EngineConfig config =
        o.preset == EnginePreset::Paper ? EngineConfig::paper(smd) : EngineConfig::defaults(smd);
    if (o.referenceLeaks) {
        // Its training reward is the ground truth alone (RNNBinaryRewardFucTest replaces the
        // shaped, VAE-scaled reward): no shaping, no VAE term.
        config.potentialShaping = false;
        config.vaeRewardWeight = 0.0;
        config.semanticReward = false;
    }
    config.seed = o.seed;
    config.threads = std::max(0, o.threads); // 0: automatic
    if (o.episodesOverride > 0) {
        config.episodes = o.episodesOverride;
    }
    if (!o.engineOverrides.empty()) {
        // Experiments: any configuration field, as a JSON object merged over the preset.
        nlohmann::json merged = nlohmann::json::parse(config.toJson());
        try {
            merged.merge_patch(nlohmann::json::parse(o.engineOverrides));
        } catch (const nlohmann::json::exception& e) {
            return fail(std::string("--engine: not a JSON object: ") + e.what());
        }
        auto patched = EngineConfig::fromJson(merged.dump());
        if (!patched) {
            return patched.error();
        }
        config = *patched;
    }
    // `paper` follows the reference's loop: one agent for the whole run, its E episodes (10 Q
    // updates each) one per training round, a round of margin queries and propagation before
    // every episode after the first; the weights carry over. `default` trains afresh, then
    // continues for o.warmEpisodes episodes after each of its o.rounds query rounds.
    const bool paperLoop = o.preset == EnginePreset::Paper;
    const int trainings = paperLoop ? std::max(1, config.episodes) : o.rounds + 1;
    if (paperLoop) {
        config.episodes = 1;
    }
    const int window = config.window;
    const int channels = static_cast<int>(items.front().values.cols());

    BenchReport report;
    report.engineConfig = config.toJson();
    report.options = o;
    report.dataset = fs::path(o.trainDir).filename().string();
    if (report.dataset.empty()) {
        report.dataset = fs::path(o.trainDir).parent_path().filename().string();
    }
    for (const auto& it : items) {
        if (it.train && !it.leak && it.poolEnd > it.poolBegin) {
            report.poolPoints += it.poolEnd - it.poolBegin;
            report.trainSeries.push_back(it.name);
        }
    }
    Oracle oracle(static_cast<std::int64_t>(std::floor(o.labelBudget * double(report.poolPoints))));

    progress(0.05, "warm-up (isolation forest)");
    if (auto st = warmUp(items, oracle, o, window); !st) {
        return st.error();
    }
    std::unique_ptr<PotentialFunction> potential;
    if (o.potential == "builtin-program") {
        progress(0.08, "built-in analyst: writing the potential from the revealed labels");
        auto made = builtinProgramPotential(items, report.potentialExpression);
        if (!made) {
            return made.error();
        }
        potential = std::move(made).value();
    } else {
        potential = makePotential(o.potential);
    }
    std::unique_ptr<Detector> detector;
    report.rounds = trainings - 1;
    // Auto smoothing keeps a share of the budget back from the query rounds to ask how long
    // the anomalies they found are (probeAnomalyExtents, after the last round).
    const bool probeExtents = o.preset == EnginePreset::Default && o.calibrateThreshold &&
                              o.decision == "stacked" && o.smoothing == kAutoSmoothing;
    const std::int64_t probeReserve =
        probeExtents
            ? static_cast<std::int64_t>(std::floor(kExtentProbeShare * double(oracle.budget())))
            : 0;
    for (int round = 0; round < trainings; ++round) {
        if (cancel.isCancelled()) {
            return fail(std::string(kCancelledMessage));
        }
        // Later rounds continue from the previous round's weights (`default` unless
        // o.warmEpisodes is 0; always for `paper`, one episode per round).
        const bool warm = detector && (paperLoop || o.warmEpisodes > 0);
        const int warmEpisodes = paperLoop ? 1 : o.warmEpisodes;
        if (!warm) {
            auto created = Detector::create(config, channels);
            if (!created) {
                return created.error();
            }
            detector = std::move(created).value();
        }
        const double base = 0.1 + 0.8 * round / trainings;
        ProgressSink inner{[&](double f, const std::string& phase) {
            progress(base + 0.8 / trainings * f, "round " + std::to_string(round + 1) + "/" +
                                                     std::to_string(trainings) + ": " + phase);
        }};
        const auto trainedOk =
            warm ? detector->retrain(trainingSet(items), *potential, warmEpisodes, inner, cancel)
                 : detector->train(trainingSet(items), *potential, inner, cancel);
        if (!trainedOk) {
            return trainedOk.error();
        }
        if (round + 1 == trainings) {
            break;
        }
        const auto rest = trainings - 1 - round;
        const auto count = std::max<std::int64_t>(0, oracle.remaining() - probeReserve) / rest;
        if (count > 0) {
            const bool own = o.preset == EnginePreset::Default && o.queries == "default";
            const auto st = own ? queryByStrategy(items, *detector, oracle, count, window, o.seed)
                                : queryByMargin(items, *detector, oracle, count,
                                                o.preset == EnginePreset::Default &&
                                                    o.queries == "margin-shared");
            if (!st) {
                return st.error();
            }
        }
        const std::int64_t pooled = o.preset == EnginePreset::Paper
                                        ? std::int64_t(o.propagatedPerRound) * config.episodes
                                        : 0;
        if (auto st = propagate(items, o, window, pooled); !st) {
            return st.error();
        }
        if (o.referenceLeaks) {
            // The reference rewards every window it steps from the ground truth, propagated
            // ones included (its env_test = env aliasing).
            for (auto& it : items) {
                for (size_t t = 0; t < it.propagated.size() && t < it.truth.size(); ++t) {
                    if (it.propagated[t] >= 0) {
                        it.propagated[t] = static_cast<std::int8_t>(it.truth[t]);
                        it.propagatedConfidence[t] = 1.0;
                    }
                }
            }
        }
    }
    report.smoothing = std::max(1, o.smoothing);
    if (probeExtents) {
        progress(0.87, "asking how long the revealed anomalies last");
        const auto before = oracle.used();
        auto extents = probeAnomalyExtents(items, oracle, kExtentProbeAnomalies);
        report.extentProbeLabels = oracle.used() - before;
        report.anomaliesMeasured = static_cast<std::int64_t>(extents.size());
        if (!extents.empty()) {
            const auto mid = extents.begin() + static_cast<std::ptrdiff_t>(extents.size() / 2);
            std::nth_element(extents.begin(), mid, extents.end());
            report.anomalyExtentMedian = *mid;
            report.smoothing = std::max(1, suggestedSmoothing(report.anomalyExtentMedian));
            report.measuredSmoothing = report.smoothing;
        }
    }
    if (!o.dumpDir.empty()) {
        if (auto st = dumpScores(items, *detector, o.dumpDir); !st) {
            return st.error();
        }
    }
    report.labelsUsed = oracle.used();
    for (const auto& it : items) {
        report.labelsAnomalous += std::count(it.revealed.begin(), it.revealed.end(), 1);
        report.labelsPropagated += std::count_if(it.propagated.begin(), it.propagated.end(),
                                                 [](std::int8_t v) { return v >= 0; });
    }
    report.labelFraction =
        report.poolPoints > 0 ? double(report.labelsUsed) / double(report.poolPoints) : 0.0;

    // `default` picks its decision threshold from the revealed training labels (the greedy
    // rule flags almost nothing when anomalies are rare); `paper` keeps the greedy p >= 0.5.
    // Both the threshold and AUC-PR use the margin Q1 - Q0: p = sigmoid(margin / T) saturates
    // to exactly 0 or 1 in double precision when T is small, which would tie distinct windows.
    // The best-F1 cut sits exactly on a revealed anomaly's margin; it is moved halfway down to
    // the next revealed margin below, so test windows like the revealed anomalies still pass.
    const bool calibrated = o.preset == EnginePreset::Default && o.calibrateThreshold;
    const bool stacked = calibrated && o.decision == "stacked";
    double marginCut = 0.0;
    double threshold = 0.5;
    StackedDecision decision;
    std::map<size_t, StackedDecision> ownDecisions; ///< --decision-fit per-series, by item
    if (calibrated) {
        progress(0.88, "choosing the decision on revealed training labels");
        std::vector<double> seen;
        std::vector<std::uint8_t> truth;
        std::vector<Eigen::RowVectorXd> featureRows;
        // Each training series' features and revealed labels, for the incident budget.
        std::vector<Eigen::MatrixXd> poolFeatures;
        std::vector<std::vector<std::int8_t>> poolLabels;
        // Per training series: its item and its rows [begin, end) of featureRows and truth.
        struct PoolRows
        {
            size_t item;
            size_t begin;
            size_t end;
        };
        std::vector<PoolRows> poolRows;
        auto st =
            forEachScoredPool(items, *detector, [&](size_t i, Item& it, const ScoreResult& sc) {
                const size_t firstRow = truth.size();
                const Eigen::VectorXd margin = sc.q1 - sc.q0;
                Eigen::MatrixXd features;
                if (stacked) {
                    auto f = decisionFeatures(it.values.topRows(it.trainEnd), margin,
                                              vaeColumn(sc.reconstructionError, o), window,
                                              o.residualColumn, window, it.trainEnd);
                    if (!f) {
                        return Status{f.error()};
                    }
                    features = std::move(f).value();
                }
                for (auto t = std::max<std::int64_t>(it.poolBegin, window); t < it.poolEnd; ++t) {
                    const double m = margin(t);
                    if (it.revealed[static_cast<size_t>(t)] >= 0 && std::isfinite(m)) {
                        seen.push_back(m);
                        truth.push_back(
                            static_cast<std::uint8_t>(it.revealed[static_cast<size_t>(t)]));
                        if (stacked) {
                            featureRows.push_back(features.row(t));
                        }
                    }
                }
                if (stacked) {
                    poolFeatures.push_back(std::move(features));
                    poolLabels.push_back(it.revealed);
                    poolRows.push_back({i, firstRow, truth.size()});
                }
                return Status{};
            });
        if (!st) {
            return st.error();
        }
        marginCut = labelledDecisionCut(seen, truth, 0.0);
        threshold = 1.0 / (1.0 + std::exp(-marginCut / detector->report().temperature));
        if (stacked) {
            Eigen::MatrixXd all(static_cast<Eigen::Index>(featureRows.size()), kDecisionFeatures);
            for (size_t r = 0; r < featureRows.size(); ++r) {
                all.row(static_cast<Eigen::Index>(r)) = featureRows[r];
            }
            auto fitted = fitStackedDecision(all, truth, o.residualColumn);
            if (!fitted) {
                return fail("the decision cannot be fitted: " + fitted.error().message);
            }
            // The fitted weights with the run rules, the span, and the cut and budget chosen on
            // the given series' revealed labels.
            const auto finish = [&](StackedDecision d, int span,
                                    std::span<const Eigen::MatrixXd> features,
                                    std::span<const std::vector<std::int8_t>> labels) {
                d.peakMargin = o.peakMargin;
                d.ranking = o.runRanking;
                d.smoothing = span;
                chooseSmoothedCut(d, features, labels);
                d.incidentsPerThousand =
                    resolveIncidentBudget(d, o.incidentBudget, features, labels);
                return d;
            };
            decision = finish(*fitted, report.smoothing, poolFeatures, poolLabels);
            if (probeExtents && report.smoothing > 1) {
                // A measured span is kept only where it flags the revealed labels better than
                // treating every point on its own (on Yahoo, a few long anomalies can make the
                // measured median look like an incident's).
                const StackedDecision points = finish(*fitted, 1, poolFeatures, poolLabels);
                if (!(labelledF1(decision, poolFeatures, poolLabels) >
                      labelledF1(points, poolFeatures, poolLabels) + 1e-12)) {
                    decision = points;
                    report.smoothing = 1;
                }
            }
            report.decision = decision.toJson();
            report.incidentBudget = decision.incidentsPerThousand;
            if (o.decisionFit == "per-series") {
                // The same fit, cut and budget rules on one series' revealed labels alone, with
                // the pooled decision's span.
                for (size_t k = 0; k < poolRows.size(); ++k) {
                    const auto& rows = poolRows[k];
                    const std::span<const std::uint8_t> own(truth.data() + rows.begin,
                                                            rows.end - rows.begin);
                    const auto anomalies = std::count(own.begin(), own.end(), std::uint8_t{1});
                    const auto normals = static_cast<std::ptrdiff_t>(own.size()) - anomalies;
                    if (!items[rows.item].test ||
                        std::min(anomalies, normals) < kOwnDecisionMinLabels) {
                        continue; // never scored, or too few labels of its own
                    }
                    auto fit =
                        fitStackedDecision(all.middleRows(static_cast<Eigen::Index>(rows.begin),
                                                          static_cast<Eigen::Index>(own.size())),
                                           own, o.residualColumn);
                    if (!fit) {
                        continue; // the pooled decision serves it
                    }
                    ownDecisions.emplace(
                        rows.item,
                        finish(*fit, decision.smoothing,
                               std::span<const Eigen::MatrixXd>(&poolFeatures[k], 1),
                               std::span<const std::vector<std::int8_t>>(&poolLabels[k], 1)));
                    report.ownDecisions.push_back(items[rows.item].name);
                }
            }
        }
    }
    report.decisionThreshold = threshold;
    report.marginThreshold = marginCut;

    progress(0.9, "scoring test series");
    report.preset.name = o.preset == EnginePreset::Paper ? "paper" : "default";
    for (size_t i = 0; i < items.size(); ++i) {
        const Item& it = items[i];
        if (!it.test) {
            continue;
        }
        const auto ownDecision = ownDecisions.find(i);
        const StackedDecision& seriesDecision =
            ownDecision != ownDecisions.end() ? ownDecision->second : decision;
        auto scores = detector->score(it.values);
        if (!scores) {
            return scores.error();
        }
        const Eigen::VectorXd margin = scores->q1 - scores->q0;
        if (stacked) {
            // Half split: the test half on the scale of the same series' training half, where
            // the decision was fitted (its rows [window, trainEnd) above).
            const auto from = std::max<std::int64_t>(it.testBegin, window);
            const bool fromPool = o.decisionScale == "pool" && it.train && it.trainEnd > window &&
                                  it.trainEnd <= from;
            auto f =
                decisionFeatures(it.values, margin, vaeColumn(scores->reconstructionError, o),
                                 window, seriesDecision.residual, from, it.testEnd,
                                 fromPool ? window : from, fromPool ? it.trainEnd : it.testEnd);
            if (!f) {
                return f.error();
            }
            const Eigen::VectorXd logit = seriesDecision.logit(*f);
            const std::span<const double> ls(logit.data(), static_cast<size_t>(logit.size()));
            report.preset.series.push_back(evaluate(it, seriesDecision.flags(logit), ls, window));
            continue;
        }
        const std::span<const double> ms(margin.data(), static_cast<size_t>(margin.size()));
        const Eigen::VectorXd& p = scores->probability;
        const std::span<const double> ps(p.data(), static_cast<size_t>(p.size()));
        const auto flags = calibrated ? flagAtOrAbove(ms, marginCut) : flagAtOrAbove(ps, 0.5);
        report.preset.series.push_back(evaluate(it, flags, ms, window));
    }
    summarise(report.preset);

    progress(0.95, "baselines");
    // Rolling-median residual with one threshold tuned on the training labels (all of them:
    // the baseline is not limited by the oracle's budget), and an isolation forest on windows.
    {
        MethodResult rm;
        rm.name = "rolling-median residual";
        rm.note = "per-series min-max scaled; one threshold tuned on all training labels";
        std::vector<double> trainScore;
        std::vector<std::uint8_t> trainTruth;
        for (const auto& it : items) {
            if (!it.train || it.poolEnd <= it.poolBegin) {
                continue;
            }
            auto r = rollingMedianResidual(minMaxScaledColumns(it.values).topRows(it.trainEnd));
            if (!r) {
                return r.error();
            }
            for (auto t = std::max<std::int64_t>(it.poolBegin, window); t < it.poolEnd; ++t) {
                trainScore.push_back((*r)(t));
                trainTruth.push_back(it.truth[static_cast<size_t>(t)]);
            }
        }
        auto choice = bestF1Threshold(trainScore, trainTruth);
        if (!choice) {
            return choice.error();
        }
        MethodResult forest;
        forest.name = "isolation forest";
        forest.note = "windows, 1% contamination";
        std::vector<Eigen::MatrixXd> fitSeries;
        for (const auto& it : items) {
            if (it.train && !it.leak) {
                fitSeries.push_back(zNormalised(it.values, it.trainEnd));
            }
        }
        IForestBaselineConfig fc;
        fc.window = window;
        fc.forest.seed = o.seed;
        for (const auto& it : items) {
            if (!it.test) {
                continue;
            }
            auto r = rollingMedianResidual(minMaxScaledColumns(it.values));
            if (!r) {
                return r.error();
            }
            const std::span<const double> rs(r->data(), static_cast<size_t>(r->size()));
            const auto flags = flagAtOrAbove(rs, choice->threshold);
            rm.series.push_back(evaluate(it, flags, rs, window));
            auto f = iforestBaseline(fitSeries, zNormalised(it.values, it.values.rows()), fc);
            if (!f) {
                return f.error();
            }
            forest.series.push_back(evaluate(
                it, f->flags,
                std::span<const double>(f->score.data(), static_cast<size_t>(f->score.size())),
                window));
        }
        summarise(rm);
        summarise(forest);
        report.baselines.push_back(std::move(rm));
        report.baselines.push_back(std::move(forest));
    }
    report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    progress(1.0, "done");
    return report;
}

namespace {
nlohmann::ordered_json methodJson(const MethodResult& m)
{
    nlohmann::ordered_json series = nlohmann::ordered_json::array();
    for (const auto& s : m.series) {
        nlohmann::ordered_json j = {{"name", s.name},
                                    {"precision", s.metrics.precision},
                                    {"recall", s.metrics.recall},
                                    {"f1", s.metrics.f1},
                                    {"pa_f1", s.paF1},
                                    {"auc_pr", s.aucPr},
                                    {"has_anomaly", s.hasAnomaly}};
        if (!s.hasAnomaly) {
            j["false_positive_rate"] = s.metrics.falsePositiveRate();
        }
        series.push_back(j);
    }
    return {{"series", series},
            {"mean",
             {{"precision", m.mean.precision},
              {"recall", m.mean.recall},
              {"f1", m.mean.f1},
              {"pa_f1", m.mean.paF1},
              {"auc_pr", m.mean.aucPr}}},
            {"max_f1", m.maxF1}};
}
} // namespace

std::string benchReportJson(const BenchReport& r)
{
    nlohmann::ordered_json doc;
    doc["preset"] = r.preset.name;
    doc["dataset"] = r.dataset;
    doc["protocol"] = toString(r.options.protocol);
    doc["seed"] = r.options.seed;
    doc["label_budget"] = r.options.labelBudget;
    doc["labels_used"] = r.labelsUsed;
    doc["label_fraction"] = r.labelFraction;
    doc["labels_anomalous"] = r.labelsAnomalous;
    doc["labels_propagated"] = r.labelsPropagated;
    doc["seconds"] = r.seconds;
    if (r.options.referenceLeaks) {
        doc["reference_leaks"] = true;
    }
    doc["potential"] = r.options.potential;
    // paper always asks at the smallest margins over all series (the reference's rule).
    doc["query_rule"] = r.options.preset == EnginePreset::Paper ? "margin" : r.options.queries;
    if (!r.potentialExpression.empty()) {
        doc["potential_expression"] = r.potentialExpression;
    }
    doc["decision_threshold"] = r.decisionThreshold;
    doc["margin_threshold"] = r.marginThreshold;
    if (!r.decision.empty()) {
        doc["decision"] = nlohmann::ordered_json::parse(r.decision);
        doc["decision_scale"] = r.options.decisionScale;
        doc["decision_fit"] = r.options.decisionFit;
        if (r.options.decisionFit == "per-series") {
            doc["own_decisions"] = r.ownDecisions;
        }
        doc["smoothing"] = r.smoothing;
        if (r.options.smoothing == kAutoSmoothing) {
            doc["anomaly_extent"] = {{"measured", r.anomaliesMeasured},
                                     {"median", r.anomalyExtentMedian},
                                     {"labels", r.extentProbeLabels},
                                     {"suggested_smoothing", std::max(1, r.measuredSmoothing)}};
        }
    }
    const auto main = methodJson(r.preset);
    doc["series"] = main["series"];
    doc["mean"] = main["mean"];
    doc["max_f1"] = main["max_f1"];
    nlohmann::ordered_json baselines = nlohmann::ordered_json::object();
    for (const auto& b : r.baselines) {
        auto j = methodJson(b);
        j["note"] = b.note;
        baselines[b.name] = j;
    }
    doc["baselines"] = baselines;
    doc["train_series"] = r.trainSeries;
    doc["rounds"] = r.rounds;
    doc["warm_episodes"] = r.options.warmEpisodes;
    if (!r.engineConfig.empty()) {
        doc["engine"] = nlohmann::ordered_json::parse(r.engineConfig);
    }
    return doc.dump(2);
}

std::string benchReportTable(const BenchReport& r)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(3);
    out << "dataset " << r.dataset << ", protocol " << toString(r.options.protocol) << ", preset "
        << r.preset.name << ", seed " << r.options.seed << ", budget " << r.options.labelBudget
        << " (used " << r.labelsUsed << " of " << r.poolPoints << " pool points, "
        << r.labelFraction << "), " << std::setprecision(1) << r.seconds << " s\n"
        << std::setprecision(3);
    if (!r.decision.empty()) {
        out << "stacked decision, incident budget ";
        if (r.incidentBudget > 0.0) {
            out << std::defaultfloat << r.incidentBudget << std::fixed << " runs per 1000 points";
        } else {
            out << "none";
        }
        out << (r.options.incidentBudget < 0.0 ? " (chosen on the revealed labels)" : "")
            << ", peak margin " << r.options.peakMargin << ", runs ranked by "
            << (r.options.runRanking == RunRanking::Area ? "area" : "peak");
        if (r.smoothing > 1) {
            out << ", smoothed over " << r.smoothing << " points";
        }
        if (r.options.smoothing == kAutoSmoothing) {
            out << " (anomaly length measured: " << r.anomaliesMeasured << " anomalies, median "
                << r.anomalyExtentMedian << " points, " << r.extentProbeLabels << " labels";
            if (r.measuredSmoothing > 1 && r.smoothing == 1) {
                out << "; a span of " << r.measuredSmoothing
                    << " flagged the revealed labels no better, so none";
            }
            out << ")";
        }
        out << "\n";
        if (r.options.decisionFit == "per-series") {
            out << "decisions of their own (at least " << kOwnDecisionMinLabels
                << " revealed anomalies and normals): ";
            for (size_t i = 0; i < r.ownDecisions.size(); ++i) {
                out << (i ? ", " : "") << r.ownDecisions[i];
            }
            out << (r.ownDecisions.empty() ? "none, every series uses the pooled one\n" : "\n");
        }
    }
    std::vector<const MethodResult*> methods{&r.preset};
    for (const auto& b : r.baselines) {
        methods.push_back(&b);
    }
    out << std::left << std::setw(28) << "series";
    for (const auto* m : methods) {
        out << std::right << std::setw(30) << (m->name + " F1");
    }
    out << "\n";
    for (size_t i = 0; i < r.preset.series.size(); ++i) {
        out << std::left << std::setw(28) << r.preset.series[i].name;
        for (const auto* m : methods) {
            const auto& s = m->series[i];
            std::ostringstream cell;
            cell << std::fixed << std::setprecision(3);
            if (s.hasAnomaly) {
                cell << s.metrics.f1;
            } else {
                cell << "(no anomaly) FPR " << s.metrics.falsePositiveRate();
            }
            out << std::right << std::setw(30) << cell.str();
        }
        out << "\n";
    }
    out << "\n"
        << std::left << std::setw(28) << "mean over series" << std::right << std::setw(10)
        << "precision" << std::setw(10) << "recall" << std::setw(10) << "F1" << std::setw(10)
        << "PA-F1*" << std::setw(10) << "AUC-PR" << std::setw(10) << "max F1"
        << "\n";
    for (const auto* m : methods) {
        out << std::left << std::setw(28) << m->name << std::right << std::setw(10)
            << m->mean.precision << std::setw(10) << m->mean.recall << std::setw(10) << m->mean.f1
            << std::setw(10) << m->mean.paF1 << std::setw(10) << m->mean.aucPr << std::setw(10)
            << m->maxF1 << "\n";
    }
    out << "* point-adjusted F1 is inflated; shown for comparison with the literature only.\n";
    return out.str();
}

} // namespace vigil::core
