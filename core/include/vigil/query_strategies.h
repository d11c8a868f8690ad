// SPDX-License-Identifier: MIT
// Active-learning query strategies (METHOD.md §6): which windows of a series the analyst should
// label next, each with its reason in words.
//
// A query is one window of W points centred on the point it is about (clamped to the series),
// so the analyst sees the point with its context. A batch never holds two overlapping windows,
// and a window is only offered when its centre is unlabelled and at most half of it is.
//
// Strategies:
//  - margin: the paper's rule, the smallest |Q(s,1) - Q(s,0)| (equivalently |p - 0.5|).
//  - default: first, an anomaly labelled up to the edge of the labelled part is followed (the
//    window just past that edge: where does it end?); then informativeness = RL margin
//    uncertainty + VAE-RL disagreement + potential
//    uncertainty + how surprising the point is (rolling-median residual), then a greedy
//    k-center pass over window embeddings multiplies it by the distance to the nearest window
//    already labelled or chosen, so a batch covers distinct things instead of asking five times
//    about one. Without a model it falls back to residual + diversity and says so.
//  - random: seeded uniform choice of unlabelled windows (a baseline).
//  - residual-top: the largest rolling-median residual |x_t - median(x_{t-W}..x_{t-1})|, max
//    over channels (a baseline that is strong on Yahoo A1).
//
// Everything here is pure: no project, no file. Thread-safe (no shared state).
#pragma once

#include "vigil/result.h"

#include <Eigen/Core>

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::core {

/// Which rule picks the next windows to label.
enum class QueryStrategy { Margin, Default, Random, ResidualTop };

const char* toString(QueryStrategy strategy);
/// Parses "margin", "default", "random", "residual-top"; false on anything else.
bool parseQueryStrategy(const std::string& text, QueryStrategy* out);

/// What is known about one series; per-point vectors are empty when not available (no model).
struct QueryInput
{
    std::int64_t seriesId = 0;
    Eigen::MatrixXd values;             ///< T x C; NaN = missing
    std::vector<std::uint8_t> labelled; ///< T (or empty: nothing labelled); 1 = labelled
    /// T or empty: what the labels say (-1 unlabelled, 0 normal, 1 anomaly). `default` uses it
    /// to follow an anomaly past the edge of what is labelled.
    std::vector<std::int8_t> known;
    std::vector<double> probability;         ///< p_t of the detector (NaN where not scored)
    std::vector<double> q0;                  ///< Q(s, normal)
    std::vector<double> q1;                  ///< Q(s, anomaly)
    std::vector<double> reconstructionError; ///< VAE error of the window ending at t
    std::vector<double> potential;           ///< φ_t in [0, 1]
    std::vector<double> residual;            ///< rolling-median residual; computed when empty
};

/// How many queries, of which kind.
struct QueryOptions
{
    QueryStrategy strategy = QueryStrategy::Default;
    int window = 25;        ///< W: points per query
    int k = 10;             ///< queries in the batch
    std::uint64_t seed = 0; ///< random strategy (and tie-breaking)
    int candidates = 400;   ///< default: k-center runs over this many most informative points
};

/// One window the analyst is asked to label.
struct Query
{
    std::int64_t seriesId = 0;
    std::int64_t begin = 0; ///< first row, inclusive
    std::int64_t end = 0;   ///< one past the last row (end - begin = W, or T if shorter)
    std::int64_t at = 0;    ///< the point the query is about
    double score = 0.0;     ///< higher = asked earlier; comparable across series of a strategy
    std::string reason;     ///< why, in words
};

/// The next `options.k` queries of one series, best first, without overlapping windows.
/// Fewer when the series has too few unlabelled windows. Fails on inconsistent input sizes.
Result<std::vector<Query>> selectQueries(const QueryInput& input, const QueryOptions& options);

/// The window of `window` points centred on `at`, clamped to [0, length).
std::pair<std::int64_t, std::int64_t> queryWindow(std::int64_t at, int window, std::int64_t length);

} // namespace vigil::core
