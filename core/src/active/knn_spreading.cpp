// SPDX-License-Identifier: MIT
#include "vigil/knn_spreading.h"

#include <Eigen/SparseCore>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace vigil::core {
namespace {

using Index32 = std::int32_t;
using SparseRowMajor = Eigen::SparseMatrix<double, Eigen::RowMajor, Index32>;

constexpr int kLanes = 8;                   ///< the padded dimension is a multiple of this
constexpr std::int64_t kQueryChunk = 4096;  ///< samples per work item of the search phases
constexpr Eigen::Index kSolveChunk = 65536; ///< rows per work item of the sparse product

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Runs body(begin, end, thread) over [0, n) in chunks pulled by `threads` threads (the calling
/// thread is thread 0 and the only one that reports progress). False when cancelled.
template <class Body>
bool parallelFor(std::int64_t n, std::int64_t chunk, int threads, const CancelToken& cancel,
                 const std::function<void(double)>& onProgress, Body&& body)
{
    const std::int64_t chunks = (n + chunk - 1) / chunk;
    std::atomic<std::int64_t> next{0};
    std::atomic<std::int64_t> done{0};
    auto work = [&](int thread) {
        for (;;) {
            if (cancel.isCancelled()) {
                return;
            }
            const std::int64_t c = next.fetch_add(1);
            if (c >= chunks) {
                return;
            }
            const std::int64_t begin = c * chunk;
            body(begin, std::min(n, begin + chunk), thread);
            const std::int64_t d = done.fetch_add(1) + 1;
            if (thread == 0 && onProgress) {
                onProgress(static_cast<double>(d) / static_cast<double>(chunks));
            }
        }
    };
    const int extra = static_cast<int>(std::min<std::int64_t>(threads, chunks)) - 1;
    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(std::max(extra, 0)));
    for (int t = 1; t <= extra; ++t) {
        pool.emplace_back(work, t);
    }
    work(0);
    for (auto& t : pool) {
        t.join();
    }
    return !cancel.isCancelled();
}

/// Samples as centred floats, row-major, each row padded with zeros to a multiple of kLanes.
struct Points
{
    std::vector<float> data;
    Index32 n = 0;
    int dims = 0; ///< padded

    const float* row(Index32 i) const
    {
        return data.data() + static_cast<std::size_t>(i) * static_cast<std::size_t>(dims);
    }

    /// Squared distance; exactly symmetric (each term is the same square either way round).
    float distance2(Index32 a, Index32 b) const
    {
        const float* p = row(a);
        const float* q = row(b);
        float acc[kLanes] = {};
        for (int d = 0; d < dims; d += kLanes) {
            for (int l = 0; l < kLanes; ++l) {
                const float t = p[d + l] - q[d + l];
                acc[l] += t * t;
            }
        }
        return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    }
};

Points makePoints(const Eigen::MatrixXd& x)
{
    Points p;
    p.n = static_cast<Index32>(x.rows());
    p.dims = static_cast<int>((x.cols() + kLanes - 1) / kLanes * kLanes);
    p.data.assign(static_cast<std::size_t>(p.n) * static_cast<std::size_t>(p.dims), 0.0F);
    const Eigen::RowVectorXd mean = x.colwise().mean();
    for (Eigen::Index c = 0; c < x.cols(); ++c) {
        const double m = mean[c];
        for (Index32 i = 0; i < p.n; ++i) {
            p.data[static_cast<std::size_t>(i) * static_cast<std::size_t>(p.dims) +
                   static_cast<std::size_t>(c)] = static_cast<float>(x(i, c) - m);
        }
    }
    return p;
}

/// A sorted k-best list (by distance, then index) over caller-owned storage.
struct TopK
{
    Index32* idx;
    float* dist;
    int k;

    void clear()
    {
        std::fill(idx, idx + k, std::numeric_limits<Index32>::max());
        std::fill(dist, dist + k, std::numeric_limits<float>::infinity());
    }

    void insert(float d, Index32 j)
    {
        if (d > dist[k - 1] || (d == dist[k - 1] && j >= idx[k - 1])) {
            return;
        }
        int p = k - 1;
        while (p > 0 && (dist[p - 1] > d || (dist[p - 1] == d && idx[p - 1] > j))) {
            dist[p] = dist[p - 1];
            idx[p] = idx[p - 1];
            --p;
        }
        dist[p] = d;
        idx[p] = j;
    }
};

/// One random-projection tree: a permutation of the samples cut into leaves.
struct Tree
{
    std::vector<Index32> perm;        ///< samples, leaf after leaf
    std::vector<Index32> leafOffsets; ///< leaf l is perm[leafOffsets[l] .. leafOffsets[l + 1])
    std::vector<Index32> leafOf;      ///< leaf of each sample
};

Tree buildTree(const Points& pts, int leafSize, std::uint64_t seed)
{
    Tree tree;
    const Index32 n = pts.n;
    tree.perm.resize(static_cast<std::size_t>(n));
    for (Index32 i = 0; i < n; ++i) {
        tree.perm[static_cast<std::size_t>(i)] = i;
    }
    std::mt19937_64 rng(seed);
    std::vector<std::pair<float, Index32>> proj;
    std::vector<float> dir(static_cast<std::size_t>(pts.dims));
    std::vector<std::pair<Index32, Index32>> stack{{0, n}};
    std::vector<std::pair<Index32, Index32>> leaves;
    while (!stack.empty()) {
        const auto [begin, end] = stack.back();
        stack.pop_back();
        const Index32 m = end - begin;
        if (m <= leafSize) {
            leaves.emplace_back(begin, end);
            continue;
        }
        const auto um = static_cast<std::uint64_t>(m);
        const auto posA = static_cast<Index32>(rng() % um);
        const auto posB =
            static_cast<Index32>((static_cast<std::uint64_t>(posA) + 1 + rng() % (um - 1)) % um);
        const Index32 a = tree.perm[static_cast<std::size_t>(begin + posA)];
        const Index32 b = tree.perm[static_cast<std::size_t>(begin + posB)];
        const float* pa = pts.row(a);
        const float* pb = pts.row(b);
        for (int d = 0; d < pts.dims; ++d) {
            dir[static_cast<std::size_t>(d)] = pa[d] - pb[d];
        }
        proj.resize(static_cast<std::size_t>(m));
        for (Index32 t = 0; t < m; ++t) {
            const Index32 i = tree.perm[static_cast<std::size_t>(begin + t)];
            const float* p = pts.row(i);
            float acc[kLanes] = {};
            for (int d = 0; d < pts.dims; d += kLanes) {
                for (int l = 0; l < kLanes; ++l) {
                    acc[l] += p[d + l] * dir[static_cast<std::size_t>(d + l)];
                }
            }
            proj[static_cast<std::size_t>(t)] = {((acc[0] + acc[1]) + (acc[2] + acc[3])) +
                                                     ((acc[4] + acc[5]) + (acc[6] + acc[7])),
                                                 i};
        }
        const Index32 half = m / 2;
        std::nth_element(proj.begin(), proj.begin() + half, proj.end());
        for (Index32 t = 0; t < m; ++t) {
            tree.perm[static_cast<std::size_t>(begin + t)] =
                proj[static_cast<std::size_t>(t)].second;
        }
        stack.emplace_back(begin + half, end);
        stack.emplace_back(begin, begin + half);
    }
    std::sort(leaves.begin(), leaves.end());
    tree.leafOffsets.reserve(leaves.size() + 1);
    tree.leafOf.resize(static_cast<std::size_t>(n));
    for (std::size_t l = 0; l < leaves.size(); ++l) {
        tree.leafOffsets.push_back(leaves[l].first);
        for (Index32 t = leaves[l].first; t < leaves[l].second; ++t) {
            tree.leafOf[static_cast<std::size_t>(tree.perm[static_cast<std::size_t>(t)])] =
                static_cast<Index32>(l);
        }
    }
    tree.leafOffsets.push_back(n);
    return tree;
}

/// Reverse lists of a directed graph, each cut to its `cap` nearest (ties by index).
struct Reverse
{
    std::vector<std::int64_t> offsets;
    std::vector<Index32> idx;
    std::vector<Index32> count; ///< entries used in each row (<= cap)
};

Reverse reverseLists(const KnnGraph& g, Index32 n, int cap)
{
    const int k = g.k;
    Reverse r;
    r.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
    for (std::size_t e = 0; e < g.indices.size(); ++e) {
        ++r.offsets[static_cast<std::size_t>(g.indices[e]) + 1];
    }
    for (Index32 i = 0; i < n; ++i) {
        r.offsets[static_cast<std::size_t>(i) + 1] += r.offsets[static_cast<std::size_t>(i)];
    }
    std::vector<std::pair<float, Index32>> entries(g.indices.size());
    std::vector<std::int64_t> fill(r.offsets.begin(), r.offsets.end() - 1);
    for (Index32 i = 0; i < n; ++i) {
        for (int s = 0; s < k; ++s) {
            const std::size_t e = static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                                  static_cast<std::size_t>(s);
            const auto j = static_cast<std::size_t>(g.indices[e]);
            entries[static_cast<std::size_t>(fill[j]++)] = {g.distances[e], i};
        }
    }
    r.idx.resize(entries.size());
    r.count.resize(static_cast<std::size_t>(n));
    for (Index32 j = 0; j < n; ++j) {
        const auto b = entries.begin() + r.offsets[static_cast<std::size_t>(j)];
        const auto e = entries.begin() + r.offsets[static_cast<std::size_t>(j) + 1];
        const auto used = std::min<std::ptrdiff_t>(e - b, cap);
        std::partial_sort(b, b + used, e);
        for (std::ptrdiff_t t = 0; t < used; ++t) {
            r.idx[static_cast<std::size_t>(r.offsets[static_cast<std::size_t>(j)] + t)] =
                (b + t)->second;
        }
        r.count[static_cast<std::size_t>(j)] = static_cast<Index32>(used);
    }
    return r;
}

/// Squared distances become distances once the search is over.
void finishDistances(KnnGraph& g)
{
    for (float& d : g.distances) {
        d = std::sqrt(d);
    }
}

Status checkGraphInput(const Eigen::MatrixXd& x, const KnnGraphConfig& c)
{
    const Eigen::Index n = x.rows();
    if (n == 0 || x.cols() == 0) {
        return fail("kNN graph: no samples (the input has " + std::to_string(n) + " rows and " +
                    std::to_string(x.cols()) + " columns)");
    }
    if (n >= std::numeric_limits<Index32>::max()) {
        return fail("kNN graph: " + std::to_string(n) + " samples, above the 2^31 limit");
    }
    if (c.k < 1 || c.k >= n) {
        return fail("kNN graph: k = " + std::to_string(c.k) + " must be at least 1 and below " +
                    "the number of samples (" + std::to_string(n) + ")");
    }
    if (c.trees < 1 || c.leafSize < 2 || c.refineRounds < 0 || c.threads < 1) {
        return fail("kNN graph: trees >= 1, leafSize >= 2, refineRounds >= 0, threads >= 1");
    }
    if (!x.allFinite()) {
        return fail("kNN graph: the samples hold NaN or infinite values");
    }
    return {};
}

} // namespace

Result<KnnGraph> buildKnnGraph(const Eigen::MatrixXd& x, const KnnGraphConfig& config,
                               ProgressSink progress, const CancelToken& cancel)
{
    if (Status s = checkGraphInput(x, config); !s) {
        return s.error();
    }
    const Points pts = makePoints(x);
    const Index32 n = pts.n;
    const int k = config.k;
    const bool exact = config.search == KnnSearch::Exact ||
                       (config.search == KnnSearch::Automatic && n <= config.exactMaxSamples);
    const int threads = config.threads;
    const auto nk = static_cast<std::size_t>(n) * static_cast<std::size_t>(k);

    KnnGraph g;
    g.k = k;
    g.exact = exact;
    g.indices.resize(nk);
    g.distances.resize(nk);
    auto top = [&](KnnGraph& graph, Index32 i) {
        const std::size_t o = static_cast<std::size_t>(i) * static_cast<std::size_t>(k);
        return TopK{graph.indices.data() + o, graph.distances.data() + o, k};
    };
    auto cancelled = [] { return Result<KnnGraph>(fail(std::string(kCancelledMessage))); };

    if (exact) {
        const bool ok = parallelFor(
            n, 256, threads, cancel, [&](double f) { progress(f, "kNN search (exact)"); },
            [&](std::int64_t b, std::int64_t e, int) {
                for (auto i = static_cast<Index32>(b); i < e; ++i) {
                    TopK t = top(g, i);
                    t.clear();
                    for (Index32 j = 0; j < n; ++j) {
                        if (j != i) {
                            t.insert(pts.distance2(i, j), j);
                        }
                    }
                }
            });
        if (!ok) {
            return cancelled();
        }
        finishDistances(g);
        return g;
    }

    // Every leaf holds at least leafSize / 2 samples; k + 1 of them fill each list.
    const int leafSize = std::max(config.leafSize, 2 * (k + 1));
    std::vector<Tree> forest(static_cast<std::size_t>(config.trees));
    const double treesShare = 0.25;
    if (!parallelFor(
            config.trees, 1, threads, cancel,
            [&](double f) { progress(treesShare * f, "kNN search: trees"); },
            [&](std::int64_t b, std::int64_t e, int) {
                for (std::int64_t t = b; t < e; ++t) {
                    forest[static_cast<std::size_t>(t)] = buildTree(
                        pts, leafSize,
                        config.seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(t) + 1);
                }
            })) {
        return cancelled();
    }

    // Queries run in the first tree's leaf order, so that neighbouring samples (and their
    // candidates) are processed together and stay in cache.
    const std::vector<Index32>& order = forest.front().perm;
    std::vector<std::vector<Index32>> stamps(static_cast<std::size_t>(threads),
                                             std::vector<Index32>(static_cast<std::size_t>(n), -1));
    const double rounds = 1.0 + config.refineRounds;
    const bool leavesOk = parallelFor(
        n, kQueryChunk, threads, cancel,
        [&](double f) { progress(treesShare + (1.0 - treesShare) * f / rounds, "kNN search"); },
        [&](std::int64_t b, std::int64_t e, int thread) {
            auto& stamp = stamps[static_cast<std::size_t>(thread)];
            for (std::int64_t p = b; p < e; ++p) {
                const Index32 i = order[static_cast<std::size_t>(p)];
                TopK t = top(g, i);
                t.clear();
                stamp[static_cast<std::size_t>(i)] = i;
                for (const Tree& tree : forest) {
                    const Index32 leaf = tree.leafOf[static_cast<std::size_t>(i)];
                    for (Index32 q = tree.leafOffsets[static_cast<std::size_t>(leaf)];
                         q < tree.leafOffsets[static_cast<std::size_t>(leaf) + 1]; ++q) {
                        const Index32 j = tree.perm[static_cast<std::size_t>(q)];
                        if (stamp[static_cast<std::size_t>(j)] != i) {
                            stamp[static_cast<std::size_t>(j)] = i;
                            t.insert(pts.distance2(i, j), j);
                        }
                    }
                }
            }
        });
    if (!leavesOk) {
        return cancelled();
    }
    forest.resize(1); // only the order is needed from here on

    KnnGraph next = g;
    for (int round = 0; round < config.refineRounds; ++round) {
        const Reverse rev = reverseLists(g, n, k);
        for (auto& s : stamps) {
            std::fill(s.begin(), s.end(), -1);
        }
        const bool ok = parallelFor(
            n, kQueryChunk, threads, cancel,
            [&](double f) {
                progress(treesShare + (1.0 - treesShare) * (1.0 + round + f) / rounds,
                         "kNN search: refinement");
            },
            [&](std::int64_t b, std::int64_t e, int thread) {
                auto& stamp = stamps[static_cast<std::size_t>(thread)];
                for (std::int64_t p = b; p < e; ++p) {
                    const Index32 i = order[static_cast<std::size_t>(p)];
                    const TopK old = top(g, i);
                    TopK t = top(next, i); // starts as a copy of the old list
                    stamp[static_cast<std::size_t>(i)] = i;
                    for (int s = 0; s < k; ++s) {
                        stamp[static_cast<std::size_t>(old.idx[s])] = i;
                    }
                    auto visit = [&](Index32 j) {
                        if (stamp[static_cast<std::size_t>(j)] != i) {
                            stamp[static_cast<std::size_t>(j)] = i;
                            t.insert(pts.distance2(i, j), j);
                        }
                    };
                    auto expand = [&](Index32 j) {
                        const TopK nj = top(g, j);
                        for (int s = 0; s < k; ++s) {
                            visit(nj.idx[s]);
                        }
                    };
                    for (int s = 0; s < k; ++s) {
                        expand(old.idx[s]);
                    }
                    const std::int64_t r0 = rev.offsets[static_cast<std::size_t>(i)];
                    for (Index32 s = 0; s < rev.count[static_cast<std::size_t>(i)]; ++s) {
                        const Index32 j = rev.idx[static_cast<std::size_t>(r0 + s)];
                        visit(j);
                        expand(j);
                    }
                }
            });
        if (!ok) {
            return cancelled();
        }
        g.indices = next.indices;
        g.distances = next.distances;
    }
    finishDistances(g);
    return g;
}

Result<KnnSpreadingResult> spreadLabelsKnn(const Eigen::MatrixXd& x, std::span<const int> labels,
                                           const KnnSpreadingConfig& config, ProgressSink progress,
                                           const CancelToken& cancel)
{
    const auto start = std::chrono::steady_clock::now();
    const Eigen::Index n = x.rows();
    if (n == 0) {
        return fail("kNN label spreading: no samples");
    }
    if (static_cast<std::size_t>(n) != labels.size()) {
        return fail("kNN label spreading: " + std::to_string(n) + " samples but " +
                    std::to_string(labels.size()) + " labels");
    }
    if (!(config.alpha >= 0.0 && config.alpha < 1.0) || config.maxIterations < 0) {
        return fail("kNN label spreading: alpha must be in [0, 1) and iterations >= 0");
    }
    auto oneHot = oneHotLabels(labels, "kNN label spreading");
    if (!oneHot) {
        return oneHot.error();
    }
    const Eigen::MatrixXd& y = *oneHot;

    constexpr double kGraphShare = 0.8;
    ProgressSink graphProgress{
        [&](double f, const std::string& phase) { progress(kGraphShare * f, phase); }};
    auto built = buildKnnGraph(x, config.graph, graphProgress, cancel);
    if (!built) {
        return built.error();
    }
    const KnnGraph& g = built.value();
    const int k = g.k;
    const bool exactSearch = g.exact;
    const auto n32 = static_cast<Index32>(n);

    // Bandwidth: the median directed kNN distance (falling back when most are 0).
    std::vector<float> d = g.distances;
    std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
    double sigma = d[d.size() / 2];
    if (!(sigma > 0.0)) {
        double sum = 0.0;
        std::int64_t positive = 0;
        for (float v : g.distances) {
            if (v > 0.0F) {
                sum += v;
                ++positive;
            }
        }
        sigma = positive > 0 ? sum / static_cast<double>(positive) : 1.0;
    }
    d.clear();
    d.shrink_to_fit();

    // Symmetrised adjacency in CSR: row i holds its own neighbours and those that chose it.
    std::vector<Index32> outer(static_cast<std::size_t>(n) + 1, 0);
    for (Index32 i = 0; i < n32; ++i) {
        outer[static_cast<std::size_t>(i) + 1] += k;
        for (int s = 0; s < k; ++s) {
            ++outer[static_cast<std::size_t>(
                        g.indices[static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                                  static_cast<std::size_t>(s)]) +
                    1];
        }
    }
    for (Index32 i = 0; i < n32; ++i) {
        outer[static_cast<std::size_t>(i) + 1] += outer[static_cast<std::size_t>(i)];
    }
    std::vector<std::pair<Index32, float>> adj(static_cast<std::size_t>(outer.back()));
    {
        std::vector<Index32> fill(outer.begin(), outer.end() - 1);
        for (Index32 i = 0; i < n32; ++i) {
            for (int s = 0; s < k; ++s) {
                const std::size_t e = static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                                      static_cast<std::size_t>(s);
                const Index32 j = g.indices[e];
                adj[static_cast<std::size_t>(fill[static_cast<std::size_t>(i)]++)] = {
                    j, g.distances[e]};
                adj[static_cast<std::size_t>(fill[static_cast<std::size_t>(j)]++)] = {
                    i, g.distances[e]};
            }
        }
    }
    built = fail(""); // the directed lists are no longer needed
    if (cancel.isCancelled()) {
        return fail(std::string(kCancelledMessage));
    }
    std::vector<Index32> sOuter(static_cast<std::size_t>(n) + 1, 0);
    std::vector<Index32> sInner;
    std::vector<double> sValues;
    sInner.reserve(adj.size());
    sValues.reserve(adj.size());
    const double invSigma2 = 1.0 / (sigma * sigma);
    for (Index32 i = 0; i < n32; ++i) {
        const auto b = adj.begin() + outer[static_cast<std::size_t>(i)];
        const auto e = adj.begin() + outer[static_cast<std::size_t>(i) + 1];
        std::sort(b, e, [](const auto& p, const auto& q) { return p.first < q.first; });
        Index32 last = -1;
        for (auto it = b; it != e; ++it) {
            if (it->first != last) {
                last = it->first;
                const double dist = it->second;
                sInner.push_back(last);
                sValues.push_back(std::exp(-dist * dist * invSigma2));
            }
        }
        sOuter[static_cast<std::size_t>(i) + 1] = static_cast<Index32>(sInner.size());
    }
    adj.clear();
    adj.shrink_to_fit();
    Eigen::VectorXd scale(n);
    for (Index32 i = 0; i < n32; ++i) {
        double degree = 0.0;
        for (Index32 e = sOuter[static_cast<std::size_t>(i)];
             e < sOuter[static_cast<std::size_t>(i) + 1]; ++e) {
            degree += sValues[static_cast<std::size_t>(e)];
        }
        scale[i] = 1.0 / std::sqrt(degree > 0.0 ? degree : 1.0);
    }
    // One factor at a time: w_ij <= min(d_i, d_j), so each step stays finite. The product of
    // the two factors overflows where two far windows (degrees ~1e-310) are each other's
    // neighbours: inf times their weight spread NaN through the graph, and every window,
    // the labelled ones included, came out unreached (0 suggestions, Yahoo real_2).
    for (Index32 i = 0; i < n32; ++i) {
        for (Index32 e = sOuter[static_cast<std::size_t>(i)];
             e < sOuter[static_cast<std::size_t>(i) + 1]; ++e) {
            double& w = sValues[static_cast<std::size_t>(e)];
            w = (w * scale[i]) * scale[sInner[static_cast<std::size_t>(e)]];
        }
    }
    const auto nnz = static_cast<Eigen::Index>(sInner.size());
    const Eigen::Map<const SparseRowMajor> s(n, n, nnz, sOuter.data(), sInner.data(),
                                             sValues.data());

    KnnSpreadingResult out;
    out.exactSearch = exactSearch;
    out.bandwidth = sigma;
    out.edges = nnz / 2;
    out.graphSeconds = secondsSince(start);
    const auto solveStart = std::chrono::steady_clock::now();

    // F <- alpha S F + (1 - alpha) Y, rows split in fixed chunks (the sum of |F - F_prev| is
    // added chunk by chunk in order, so the stopping iteration does not depend on threads).
    // Far from the labels F is tiny (alpha^hops), so the absolute change alone would stop before
    // the labels reach them: the iteration also goes on while it reaches new samples.
    const Eigen::MatrixXd yStatic = (1.0 - config.alpha) * y;
    Eigen::MatrixXd f = y;
    Eigen::MatrixXd previous = Eigen::MatrixXd::Zero(n, 2);
    const Eigen::Index chunks = (n + kSolveChunk - 1) / kSolveChunk;
    std::vector<double> change(static_cast<std::size_t>(chunks), 0.0);
    std::vector<std::int64_t> reached(static_cast<std::size_t>(chunks), 0);
    double lastChange = std::numeric_limits<double>::infinity();
    std::int64_t lastReached = 1;
    for (int it = 0; it < config.maxIterations; ++it) {
        if (config.tolerance > 0.0 && lastChange < config.tolerance && lastReached == 0) {
            break;
        }
        std::swap(previous, f);
        const bool ok = parallelFor(
            n, kSolveChunk, config.graph.threads, cancel, {},
            [&](std::int64_t b, std::int64_t e, int) {
                const Eigen::Index len = e - b;
                const auto c = static_cast<std::size_t>(b / kSolveChunk);
                f.middleRows(b, len).noalias() = config.alpha * (s.middleRows(b, len) * previous);
                f.middleRows(b, len) += yStatic.middleRows(b, len);
                change[c] = (f.middleRows(b, len) - previous.middleRows(b, len)).cwiseAbs().sum();
                std::int64_t fresh = 0;
                for (Eigen::Index i = b; i < e; ++i) {
                    fresh += previous(i, 0) + previous(i, 1) <= 0.0 && f(i, 0) + f(i, 1) > 0.0;
                }
                reached[c] = fresh;
            });
        if (!ok) {
            return fail(std::string(kCancelledMessage));
        }
        lastChange = 0.0;
        lastReached = 0;
        for (std::size_t c = 0; c < change.size(); ++c) {
            lastChange += change[c];
            lastReached += reached[c];
        }
        out.spreading.iterations = it + 1;
        progress(kGraphShare + (1.0 - kGraphShare) * (it + 1) / config.maxIterations,
                 "label spreading");
    }
    previous.resize(0, 0);

    auto& r = out.spreading;
    r.predicted.assign(static_cast<std::size_t>(n), kUnlabelled);
    r.entropy = Eigen::VectorXd::Constant(n, std::numeric_limits<double>::infinity());
    out.confidence = Eigen::VectorXd::Zero(n);
    const double ln2 = std::log(2.0);
    for (Eigen::Index i = 0; i < n; ++i) {
        const double total = f.row(i).sum();
        if (!(total > 0.0)) {
            f.row(i).setZero();
            ++out.unreached;
            continue;
        }
        f.row(i) /= total;
        r.predicted[static_cast<std::size_t>(i)] = f(i, 1) > f(i, 0) ? 1 : 0;
        double h = 0.0;
        for (Eigen::Index c = 0; c < 2; ++c) {
            if (f(i, c) > 0.0) {
                h -= f(i, c) * std::log(f(i, c));
            }
        }
        r.entropy[i] = h;
        out.confidence[i] = std::clamp(1.0 - h / ln2, 0.0, 1.0);
    }
    r.distribution = std::move(f);
    out.solveSeconds = secondsSince(solveStart);
    progress(1.0, "label spreading");
    return out;
}

} // namespace vigil::core
