// SPDX-License-Identifier: MIT
// Label spreading on the sparse k-nearest-neighbour graph, and the neighbour search itself.
#include "vigil/knn_spreading.h"
#include "vigil/label_spreading.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

using namespace vigil::core;

namespace {

/// n points of N(center, sd^2) in `dims` dimensions, from a fixed seed.
Eigen::MatrixXd blob(Eigen::Index n, Eigen::Index dims, const Eigen::RowVectorXd& center, double sd,
                     std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, sd);
    Eigen::MatrixXd x(n, dims);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < dims; ++j) {
            x(i, j) = center[j] + normal(rng);
        }
    }
    return x;
}

Eigen::RowVectorXd constant(Eigen::Index dims, double v)
{
    return Eigen::RowVectorXd::Constant(dims, v);
}

/// Fraction of the graph's neighbours that are among the true k nearest (distance ties count).
double recallAgainstBruteForce(const Eigen::MatrixXd& x, const KnnGraph& g)
{
    const Eigen::Index n = x.rows();
    const int k = g.k;
    std::int64_t hits = 0;
    std::vector<double> d(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < n; ++j) {
            d[static_cast<std::size_t>(j)] =
                j == i ? std::numeric_limits<double>::infinity() : (x.row(j) - x.row(i)).norm();
        }
        std::vector<double> sorted = d;
        std::nth_element(sorted.begin(), sorted.begin() + (k - 1), sorted.end());
        const double kth = sorted[static_cast<std::size_t>(k - 1)];
        for (int s = 0; s < k; ++s) {
            const std::size_t e = static_cast<std::size_t>(i) * static_cast<std::size_t>(k) +
                                  static_cast<std::size_t>(s);
            const auto j = static_cast<std::size_t>(g.indices[e]);
            if (d[j] <= kth * (1.0 + 1e-5) + 1e-6) {
                ++hits;
            }
            // Reported distances are those of the reported neighbours.
            if (std::abs(d[j] - g.distances[e]) > 1e-4 * (1.0 + d[j])) {
                return -1.0;
            }
        }
    }
    return static_cast<double>(hits) / static_cast<double>(n * k);
}

} // namespace

class TestKnnSpreading : public QObject
{
    Q_OBJECT

private slots:
    void threeSeparatedBlobs();
    void boundaryIsLessConfident();
    void agreesWithDenseSpreading();
    void exactSearchMatchesBruteForce();
    void approximateRecall();
    void deterministicAcrossRunsAndThreads();
    void errors();
    void cancel();
    void farOutliersStayFinite();
};

void TestKnnSpreading::threeSeparatedBlobs()
{
    const Eigen::Index dims = 5;
    Eigen::MatrixXd x(900, dims);
    x << blob(300, dims, constant(dims, 0.0), 1.0, 1),
        blob(300, dims, constant(dims, 10.0), 1.0, 2),
        blob(300, dims, constant(dims, 20.0), 1.0, 3);
    std::vector<int> labels(900, kUnlabelled);
    labels[0] = 0;
    labels[7] = 0;
    labels[300] = 1;
    labels[600] = 0;
    labels[650] = 0;
    for (const KnnSearch search : {KnnSearch::Exact, KnnSearch::Approximate}) {
        KnnSpreadingConfig config;
        config.graph.search = search;
        auto r = spreadLabelsKnn(x, labels, config);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->exactSearch, search == KnnSearch::Exact);
        QCOMPARE(r->unreached, std::int64_t{0});
        QVERIFY(r->spreading.iterations > 0);
        QVERIFY(r->bandwidth > 0.0);
        QVERIFY(r->edges >= 900 * 10 / 2);
        QVERIFY(r->graphSeconds >= 0.0 && r->solveSeconds >= 0.0);
        for (Eigen::Index i = 0; i < 900; ++i) {
            const int expected = i >= 300 && i < 600 ? 1 : 0;
            QCOMPARE(r->spreading.predicted[static_cast<std::size_t>(i)], expected);
            QVERIFY(r->confidence[i] > 0.99);
            QVERIFY(std::abs(r->spreading.distribution.row(i).sum() - 1.0) < 1e-12);
        }
        // The shared helper works on the embedded result.
        const auto most = lowestEntropyUnlabelled(r->spreading, labels, 5);
        QCOMPARE(most.size(), std::size_t{5});
    }
}

void TestKnnSpreading::boundaryIsLessConfident()
{
    // Two touching blobs in 2-D centred at x = -2 and x = +2; five labels near each centre.
    const Eigen::Index n = 2000;
    Eigen::MatrixXd x(n, 2);
    Eigen::RowVectorXd left(2);
    left << -2.0, 0.0;
    Eigen::RowVectorXd right(2);
    right << 2.0, 0.0;
    x << blob(n / 2, 2, left, 1.0, 11), blob(n / 2, 2, right, 1.0, 12);
    std::vector<int> labels(static_cast<std::size_t>(n), kUnlabelled);
    int l0 = 0;
    int l1 = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const bool nearLeft = (x.row(i) - left).norm() < 0.5;
        const bool nearRight = (x.row(i) - right).norm() < 0.5;
        if (nearLeft && i < n / 2 && l0 < 5) {
            labels[static_cast<std::size_t>(i)] = 0;
            ++l0;
        } else if (nearRight && i >= n / 2 && l1 < 5) {
            labels[static_cast<std::size_t>(i)] = 1;
            ++l1;
        }
    }
    QCOMPARE(l0, 5);
    QCOMPARE(l1, 5);
    KnnSpreadingConfig config;
    config.graph.search = KnnSearch::Approximate;
    auto r = spreadLabelsKnn(x, labels, config);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->unreached, std::int64_t{0});
    double boundary = 0.0;
    double inside = 0.0;
    int nb = 0;
    int ni = 0;
    int insideCorrect = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double c = r->confidence[i];
        QVERIFY(c >= 0.0 && c <= 1.0);
        if (std::abs(x(i, 0)) < 0.3) {
            boundary += c;
            ++nb;
        } else if (std::abs(x(i, 0)) > 2.0) {
            inside += c;
            ++ni;
            const int expected = x(i, 0) > 0.0 ? 1 : 0;
            insideCorrect += r->spreading.predicted[static_cast<std::size_t>(i)] == expected;
        }
    }
    QVERIFY(nb > 20 && ni > 200);
    boundary /= nb;
    inside /= ni;
    qInfo("mean confidence: boundary %.3f, inside %.3f", boundary, inside);
    QVERIFY(inside > 0.5);
    QVERIFY(boundary < inside - 0.1);
    QVERIFY(insideCorrect >= ni * 97 / 100);
}

void TestKnnSpreading::agreesWithDenseSpreading()
{
    const Eigen::Index dims = 3;
    Eigen::MatrixXd x(200, dims);
    x << blob(100, dims, constant(dims, 0.0), 1.0, 21),
        blob(100, dims, constant(dims, 4.0), 1.0, 22);
    std::vector<int> labels(200, kUnlabelled);
    labels[0] = labels[1] = labels[2] = 0;
    labels[100] = labels[101] = labels[102] = 1;
    LabelSpreadingConfig dense;
    dense.gamma = 0.5;
    auto d = spreadLabels(x, labels, dense);
    QVERIFY(d.ok());
    auto s = spreadLabelsKnn(x, labels);
    QVERIFY(s.ok());
    QVERIFY(s->exactSearch); // Automatic searches small inputs exactly
    int agree = 0;
    for (std::size_t i = 0; i < 200; ++i) {
        QVERIFY(s->spreading.predicted[i] != kUnlabelled);
        agree += s->spreading.predicted[i] == d->predicted[i];
        QCOMPARE(s->spreading.predicted[i], i < 100 ? 0 : 1);
    }
    QCOMPARE(agree, 200);
}

void TestKnnSpreading::exactSearchMatchesBruteForce()
{
    const Eigen::MatrixXd x = blob(700, 6, constant(6, 0.0), 1.0, 31);
    KnnGraphConfig config;
    config.k = 7;
    config.search = KnnSearch::Exact;
    auto g = buildKnnGraph(x, config);
    QVERIFY(g.ok());
    QVERIFY(g->exact);
    QCOMPARE(g->indices.size(), std::size_t{700 * 7});
    QCOMPARE(recallAgainstBruteForce(x, *g), 1.0);
    for (std::size_t i = 0; i < 700; ++i) {
        for (int s = 0; s < 7; ++s) {
            QVERIFY(g->indices[i * 7 + static_cast<std::size_t>(s)] != static_cast<int>(i));
            if (s > 0) {
                QVERIFY(g->distances[i * 7 + static_cast<std::size_t>(s)] >=
                        g->distances[i * 7 + static_cast<std::size_t>(s) - 1]);
            }
        }
    }
}

void TestKnnSpreading::approximateRecall()
{
    // The stated recall (>= 0.95 at the defaults) on structured 25-dimensional data (20
    // Gaussian blobs of 250), and the documented worst case of one isotropic Gaussian, where all
    // distances are nearly equal (recall ~0.6; the benchmark's windows are structured).
    const Eigen::Index dims = 25;
    const Eigen::Index n = 5000;
    Eigen::MatrixXd clustered(n, dims);
    std::mt19937_64 rng(41);
    std::normal_distribution<double> normal(0.0, 3.0);
    for (int c = 0; c < 20; ++c) {
        Eigen::RowVectorXd center(dims);
        for (Eigen::Index j = 0; j < dims; ++j) {
            center[j] = normal(rng);
        }
        clustered.middleRows(c * 250, 250) = blob(250, dims, center, 1.0, 100 + c);
    }
    KnnGraphConfig config;
    config.search = KnnSearch::Approximate;
    auto g = buildKnnGraph(clustered, config);
    QVERIFY(g.ok());
    QVERIFY(!g->exact);
    const double recallClustered = recallAgainstBruteForce(clustered, *g);

    const Eigen::MatrixXd gaussian = blob(n, dims, constant(dims, 0.0), 1.0, 42);
    auto h = buildKnnGraph(gaussian, config);
    QVERIFY(h.ok());
    const double recallGaussian = recallAgainstBruteForce(gaussian, *h);
    qInfo("approximate 10-NN recall, 25-D, N = 5000: clustered %.4f, isotropic %.4f",
          recallClustered, recallGaussian);
    QVERIFY(recallClustered >= 0.95);
    QVERIFY(recallGaussian >= 0.5);
}

void TestKnnSpreading::deterministicAcrossRunsAndThreads()
{
    const Eigen::MatrixXd x = blob(3000, 10, constant(10, 0.0), 1.0, 51);
    std::vector<int> labels(3000, kUnlabelled);
    for (std::size_t i = 0; i < 3000; i += 50) {
        labels[i] = x(static_cast<Eigen::Index>(i), 0) > 0.0 ? 1 : 0;
    }
    KnnSpreadingConfig config;
    config.graph.search = KnnSearch::Approximate;
    config.graph.seed = 5;
    auto a = spreadLabelsKnn(x, labels, config);
    auto b = spreadLabelsKnn(x, labels, config);
    config.graph.threads = 1;
    auto c = spreadLabelsKnn(x, labels, config);
    QVERIFY(a.ok() && b.ok() && c.ok());
    QVERIFY(a->spreading.distribution == b->spreading.distribution);
    QVERIFY(a->spreading.distribution == c->spreading.distribution);
    QVERIFY(a->spreading.predicted == c->spreading.predicted);
    QCOMPARE(a->spreading.iterations, c->spreading.iterations);

    KnnGraphConfig gc;
    gc.search = KnnSearch::Approximate;
    gc.seed = 5;
    auto g1 = buildKnnGraph(x, gc);
    gc.threads = 3;
    auto g2 = buildKnnGraph(x, gc);
    QVERIFY(g1.ok() && g2.ok());
    QVERIFY(g1->indices == g2->indices);
    QVERIFY(g1->distances == g2->distances);
}

void TestKnnSpreading::errors()
{
    const Eigen::MatrixXd x = blob(50, 3, constant(3, 0.0), 1.0, 61);
    std::vector<int> labels(50, kUnlabelled);
    labels[0] = 1;

    auto empty = spreadLabelsKnn(Eigen::MatrixXd(0, 3), {});
    QVERIFY(!empty.ok());
    QVERIFY(!buildKnnGraph(Eigen::MatrixXd(0, 3)).ok());

    const std::vector<int> none(50, kUnlabelled);
    auto unlabelled = spreadLabelsKnn(x, none);
    QVERIFY(!unlabelled.ok());
    QVERIFY(unlabelled.error().message.find("labelled") != std::string::npos);

    KnnSpreadingConfig big;
    big.graph.k = 50;
    auto tooMany = spreadLabelsKnn(x, labels, big);
    QVERIFY(!tooMany.ok());
    QVERIFY(tooMany.error().message.find("k = 50") != std::string::npos);
    big.graph.k = 0;
    QVERIFY(!spreadLabelsKnn(x, labels, big).ok());

    Eigen::MatrixXd bad = x;
    bad(10, 1) = std::numeric_limits<double>::quiet_NaN();
    auto nan = spreadLabelsKnn(bad, labels);
    QVERIFY(!nan.ok());
    QVERIFY(nan.error().message.find("NaN") != std::string::npos);
    bad(10, 1) = std::numeric_limits<double>::infinity();
    QVERIFY(!buildKnnGraph(bad).ok());

    QVERIFY(!spreadLabelsKnn(x, std::vector<int>(49, 0)).ok()); // size mismatch
    std::vector<int> wrong = labels;
    wrong[3] = 2;
    QVERIFY(!spreadLabelsKnn(x, wrong).ok());
    KnnSpreadingConfig alpha;
    alpha.alpha = 1.0;
    QVERIFY(!spreadLabelsKnn(x, labels, alpha).ok());
}

void TestKnnSpreading::cancel()
{
    const Eigen::MatrixXd x = blob(20000, 8, constant(8, 0.0), 1.0, 71);
    std::vector<int> labels(20000, kUnlabelled);
    labels[0] = 0;
    labels[1] = 1;

    CancelToken pre;
    pre.requestCancel();
    auto a = spreadLabelsKnn(x, labels, {}, {}, pre);
    QVERIFY(!a.ok());
    QCOMPARE(a.error().message, std::string(kCancelledMessage));

    // Cancelled from the progress callback during the search.
    CancelToken token;
    int reports = 0;
    ProgressSink progress{[&](double fraction, const std::string&) {
        QVERIFY(fraction >= 0.0 && fraction <= 1.0);
        if (++reports == 3) {
            token.requestCancel();
        }
    }};
    auto b = spreadLabelsKnn(x, labels, {}, progress, token);
    QVERIFY(!b.ok());
    QCOMPARE(b.error().message, std::string(kCancelledMessage));
    QVERIFY(reports >= 3);

    // Progress runs to 1 on a full run.
    double last = 0.0;
    bool monotone = true;
    ProgressSink track{[&](double fraction, const std::string&) {
        monotone = monotone && fraction >= last - 1e-12;
        last = fraction;
    }};
    auto c = spreadLabelsKnn(x, labels, {}, track);
    QVERIFY(c.ok());
    QVERIFY(monotone);
    QCOMPARE(last, 1.0);
}

// Two far windows that are each other's neighbours have degrees near 1e-310; the product of
// their two normalising factors overflowed to inf, and inf times their weight spread NaN
// through the whole graph: every window came out unreached, the labelled ones included (0
// suggestions on Yahoo real_2). Swept over the outliers' distance, since where it overflows
// depends on the bandwidth the data gives.
void TestKnnSpreading::farOutliersStayFinite()
{
    const Eigen::Index n = 202;
    int overflowRange = 0; // runs where the pair's weight lies where the product overflowed
    for (double far = 0.5; far <= 4.0; far += 0.004) {
        Eigen::MatrixXd x(n, 1);
        for (Eigen::Index i = 0; i < n - 2; ++i) {
            x(i, 0) = static_cast<double>(i % 100) * 0.01; // a tight cluster, twice over
        }
        x(n - 2, 0) = 0.99 + far; // two outliers, as far from the cluster as from each other
        x(n - 1, 0) = 0.99 + 2.0 * far;
        std::vector<int> labels(static_cast<std::size_t>(n), kUnlabelled);
        labels[0] = 0;
        labels[50] = 0;
        labels[static_cast<std::size_t>(n - 2)] = 1;
        auto knn = spreadLabelsKnn(x, labels);
        QVERIFY(knn.ok());
        const double z = far / knn->bandwidth;
        overflowRange += z * z > 708.5 && z * z < 744.0 ? 1 : 0;
        const QByteArray where = QByteArray::number(far) + " (z " + QByteArray::number(z) + ")";
        QVERIFY2(knn->spreading.distribution.allFinite(), where.constData());
        QVERIFY2(knn->spreading.predicted[0] == 0, where.constData());
        QVERIFY2(knn->spreading.predicted[static_cast<std::size_t>(n - 2)] == 1, where.constData());
        // The dense spreading of the paper preset, with its kernel at the same place.
        LabelSpreadingConfig dense;
        dense.gamma = 1.0 / 0.01;
        auto full = spreadLabels(x, labels, dense);
        QVERIFY(full.ok());
        QVERIFY2(full->distribution.allFinite(), where.constData());
    }
    QVERIFY(overflowRange > 0); // the sweep crossed the range that broke
}

QTEST_GUILESS_MAIN(TestKnnSpreading)
#include "tst_knn_spreading.moc"
