// SPDX-License-Identifier: MIT
// Isolation forest and dense label spreading.
#include "vigil/isolation_forest.h"
#include "vigil/label_spreading.h"

#include <QElapsedTimer>
#include <QTest>

#include <cmath>
#include <random>
#include <vector>

using namespace vigil::core;

namespace {

/// n points of N(center, sd^2) in `dims` dimensions, from a fixed seed.
Eigen::MatrixXd blob(Eigen::Index n, Eigen::Index dims, double center, double sd,
                     std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(center, sd);
    Eigen::MatrixXd x(n, dims);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < dims; ++j) {
            x(i, j) = normal(rng);
        }
    }
    return x;
}

/// 500 inliers around 0 and 10 outliers around 8, in 3 dimensions; outliers are the last rows.
Eigen::MatrixXd inliersAndOutliers()
{
    Eigen::MatrixXd x(510, 3);
    x << blob(500, 3, 0.0, 1.0, 1), blob(10, 3, 8.0, 0.3, 2);
    return x;
}

} // namespace

class TestActiveBasics : public QObject
{
    Q_OBJECT

private slots:
    void averagePathLength_data();
    void averagePathLength();
    void outliersScoreHigher_data();
    void outliersScoreHigher();
    void seedDeterminism();
    void constantAndTinyInput();
    void forestErrors();
    void contaminationThreshold_data();
    void contaminationThreshold();
    void forestSpeed();
    void spreadingTwoBlobs();
    void spreadingUnreached();
    void spreadingMatchesNaive_data();
    void spreadingMatchesNaive();
    void spreadingErrors_data();
    void spreadingErrors();
};

void TestActiveBasics::averagePathLength_data()
{
    QTest::addColumn<double>("n");
    QTest::addColumn<double>("expected");
    QTest::newRow("0") << 0.0 << 0.0;
    QTest::newRow("1") << 1.0 << 0.0;
    QTest::newRow("2") << 2.0 << 1.0;
    // c(3) = 2 (ln 2 + 0.5772157) - 2 * 2/3 = 2 * 1.2703629 - 1.3333333 = 1.2073925
    QTest::newRow("3") << 3.0 << 1.2073925;
    // c(256) = 2 (ln 255 + 0.5772157) - 2 * 255/256 = 12.2369584 - 1.9921875 = 10.2447709
    QTest::newRow("256") << 256.0 << 10.2447709;
}

void TestActiveBasics::averagePathLength()
{
    QFETCH(double, n);
    QFETCH(double, expected);
    QVERIFY(std::abs(vigil::core::averagePathLength(n) - expected) < 1e-6);
}

void TestActiveBasics::outliersScoreHigher_data()
{
    QTest::addColumn<double>("maxFeatures");
    QTest::addColumn<qint64>("maxSamples");
    QTest::newRow("defaults") << 1.0 << qint64(256);
    QTest::newRow("feature subsets") << 0.5 << qint64(256);
    QTest::newRow("all samples") << 1.0 << qint64(100000);
}

void TestActiveBasics::outliersScoreHigher()
{
    QFETCH(double, maxFeatures);
    QFETCH(qint64, maxSamples);
    const Eigen::MatrixXd x = inliersAndOutliers();
    IsolationForestConfig cfg;
    cfg.seed = 42;
    cfg.maxFeatures = maxFeatures;
    cfg.maxSamples = maxSamples;
    IsolationForest forest(cfg);
    QVERIFY(forest.fit(x).ok());
    QCOMPARE(forest.samplesPerTree(), std::min<qint64>(maxSamples, 510));
    const auto s = forest.scores(x);
    QVERIFY(s.ok());
    QVERIFY((s->array() > 0.0).all() && (s->array() < 1.0).all());
    const double inlierMean = s->head(500).mean();
    const double outlierMin = s->tail(10).minCoeff();
    // Outliers are isolated in a few splits: score well above 0.5; the bulk sits below it.
    QVERIFY2(outlierMin > 0.6, qPrintable(QString::number(outlierMin)));
    QVERIFY2(inlierMean < 0.5, qPrintable(QString::number(inlierMean)));
    // Every outlier ranks above 98% of the inliers.
    std::vector<double> inl(s->data(), s->data() + 500);
    std::sort(inl.begin(), inl.end());
    QVERIFY(outlierMin > inl[490]);
    // A fresh point far from everything scores high too.
    Eigen::MatrixXd far(1, 3);
    far << 20, -20, 20;
    QVERIFY((*forest.scores(far))[0] > 0.6);
}

void TestActiveBasics::seedDeterminism()
{
    const Eigen::MatrixXd x = inliersAndOutliers();
    IsolationForestConfig cfg;
    cfg.seed = 123;
    IsolationForest a(cfg);
    IsolationForest b(cfg);
    QVERIFY(a.fit(x).ok());
    QVERIFY(b.fit(x).ok());
    const Eigen::VectorXd sa = *a.scores(x);
    QCOMPARE(sa, *b.scores(x));
    // Refitting the same object gives the same forest again.
    QVERIFY(a.fit(x).ok());
    QCOMPARE(*a.scores(x), sa);

    cfg.seed = 124;
    IsolationForest c(cfg);
    QVERIFY(c.fit(x).ok());
    const Eigen::VectorXd sc = *c.scores(x);
    QVERIFY(sc != sa);
    // Different forests, same verdict on the outliers.
    QVERIFY(sc.tail(10).minCoeff() > 0.6);
}

void TestActiveBasics::constantAndTinyInput()
{
    // All rows equal: no split is possible, every tree is one leaf of psi samples, and
    // h = c(psi), so every score is 2^-1.
    IsolationForest constant;
    QVERIFY(constant.fit(Eigen::MatrixXd::Ones(50, 2)).ok());
    const auto s = constant.scores(Eigen::MatrixXd::Ones(3, 2));
    QVERIFY(s.ok());
    for (const double v : *s) {
        QVERIFY(std::abs(v - 0.5) < 1e-12);
    }
    // One sample: c(1) = 0; the neutral score 0.5 (sklearn's convention).
    IsolationForest one;
    QVERIFY(one.fit(Eigen::MatrixXd::Zero(1, 4)).ok());
    QCOMPARE((*one.scores(Eigen::MatrixXd::Zero(2, 4)))[1], 0.5);
    // A NaN value takes the upper branch and still gets a finite score.
    Eigen::MatrixXd x = inliersAndOutliers();
    IsolationForest forest;
    QVERIFY(forest.fit(x).ok());
    Eigen::MatrixXd withNan(1, 3);
    withNan << 0.0, std::numeric_limits<double>::quiet_NaN(), 0.0;
    QVERIFY(std::isfinite((*forest.scores(withNan))[0]));
}

void TestActiveBasics::forestErrors()
{
    IsolationForest forest;
    QVERIFY(!forest.scores(Eigen::MatrixXd::Zero(2, 2)).ok()); // not fitted
    QVERIFY(!forest.fit(Eigen::MatrixXd(0, 3)).ok());
    QVERIFY(forest.fit(Eigen::MatrixXd::Random(20, 3)).ok());
    const auto wrong = forest.scores(Eigen::MatrixXd::Zero(2, 4));
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.error().message.find("columns") != std::string::npos);
    IsolationForest bad(IsolationForestConfig{0, 256, 1.0, 0});
    QVERIFY(!bad.fit(Eigen::MatrixXd::Zero(5, 1)).ok());
}

void TestActiveBasics::contaminationThreshold_data()
{
    QTest::addColumn<QList<double>>("scores");
    QTest::addColumn<double>("contamination");
    QTest::addColumn<double>("expected");
    // 1..10, 5%: position 0.95 * 9 = 8.55 between 9 and 10 -> 9.55
    QTest::newRow("interpolated") << QList<double>{10, 1, 2, 3, 4, 5, 6, 7, 8, 9} << 0.05 << 9.55;
    // 0..100, 1%: position 99 -> 99
    QList<double> hundred;
    for (int i = 100; i >= 0; --i) {
        hundred << i;
    }
    QTest::newRow("exact") << hundred << 0.01 << 99.0;
    // NaN left out: 1 2 3 NaN, 50%: position 1 -> 2
    QTest::newRow("nan") << QList<double>{1, 2, std::numeric_limits<double>::quiet_NaN(), 3} << 0.5
                         << 2.0;
}

void TestActiveBasics::contaminationThreshold()
{
    QFETCH(QList<double>, scores);
    QFETCH(double, contamination);
    QFETCH(double, expected);
    Eigen::VectorXd v(scores.size());
    for (qsizetype i = 0; i < scores.size(); ++i) {
        v[i] = scores[i];
    }
    QVERIFY(std::abs(thresholdForContamination(v, contamination) - expected) < 1e-12);
}

void TestActiveBasics::forestSpeed()
{
    // The brief: 50 000 windows x 25 dims well under a second (Release build). Reported, and
    // checked against a loose bound so a sanitizer build or a busy machine does not fail it.
    const Eigen::MatrixXd x = blob(50000, 25, 0.0, 1.0, 9);
    QElapsedTimer timer;
    timer.start();
    IsolationForest forest;
    QVERIFY(forest.fit(x).ok());
    const auto s = forest.scores(x);
    QVERIFY(s.ok());
    const auto ms = timer.elapsed();
    qInfo("fit + score of 50000 x 25: %lld ms", static_cast<long long>(ms));
    QVERIFY(ms < 20000);
}

void TestActiveBasics::spreadingTwoBlobs()
{
    // Blob A around (0, 0), blob B its mirror image through (0.75, 0.75); one label each.
    // Across blobs |xi - xj|^2 is about 4.5, so W = exp(-20 * 4.5) ~ 1e-39: no leakage.
    const Eigen::Index m = 40;
    const Eigen::MatrixXd a = blob(m, 2, 0.0, 0.1, 5);
    Eigen::MatrixXd x(2 * m + 1, 2);
    x.topRows(m) = a;
    x.middleRows(m, m) = (-a).rowwise() + Eigen::RowVector2d(1.5, 1.5);
    x.row(2 * m) << 0.75, 0.75; // exactly between the blobs, by symmetry
    std::vector<int> labels(static_cast<std::size_t>(2 * m + 1), kUnlabelled);
    labels[3] = 0;
    labels[static_cast<std::size_t>(m + 3)] = 1; // the mirror of sample 3

    const auto r = spreadLabels(x, labels);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QVERIFY(r->iterations >= 1 && r->iterations <= 30);
    for (Eigen::Index i = 0; i < 2 * m; ++i) {
        const int expected = i < m ? 0 : 1;
        QCOMPARE(r->predicted[static_cast<std::size_t>(i)], expected);
        QVERIFY(std::abs(r->distribution.row(i).sum() - 1.0) < 1e-12);
        QVERIFY2(r->entropy[i] < 1e-6, qPrintable(QString::number(r->entropy[i])));
    }
    // The midpoint sees both blobs alike: a 50/50 distribution, entropy ln 2.
    QVERIFY(std::abs(r->distribution(2 * m, 0) - 0.5) < 1e-6);
    QVERIFY(std::abs(r->entropy[2 * m] - std::log(2.0)) < 1e-6);

    // The k most certain unlabelled samples: never a labelled one, never the midpoint.
    const auto picked = lowestEntropyUnlabelled(*r, labels, 10);
    QCOMPARE(picked.size(), std::size_t(10));
    for (std::size_t k = 0; k < picked.size(); ++k) {
        QVERIFY(labels[static_cast<std::size_t>(picked[k])] == kUnlabelled);
        QVERIFY(picked[k] != 2 * m);
        if (k > 0) {
            QVERIFY(r->entropy[picked[k]] >= r->entropy[picked[k - 1]]);
        }
    }
    // k larger than the pool: every unlabelled sample, the midpoint last.
    const auto all = lowestEntropyUnlabelled(*r, labels, 1000);
    QCOMPARE(all.size(), std::size_t(2 * m - 1));
    QCOMPARE(all.back(), std::int64_t(2 * m));
}

void TestActiveBasics::spreadingUnreached()
{
    // A point so far away that its kernel weights underflow to 0: no label reaches it.
    Eigen::MatrixXd x(4, 1);
    x << 0.0, 0.1, 0.2, 50.0;
    const std::vector<int> labels = {0, kUnlabelled, kUnlabelled, kUnlabelled};
    const auto r = spreadLabels(x, labels);
    QVERIFY(r.ok());
    QCOMPARE(r->predicted[1], 0);
    QCOMPARE(r->predicted[2], 0);
    QCOMPARE(r->predicted[3], kUnlabelled);
    QVERIFY(std::isinf(r->entropy[3]));
    QCOMPARE(r->distribution.row(3).sum(), 0.0);
    // Only class 0 is known, so its share is 1 and the entropy 0.
    QCOMPARE(r->distribution(2, 0), 1.0);
    QCOMPARE(lowestEntropyUnlabelled(*r, labels, 5), (std::vector<std::int64_t>{1, 2}));

    // tolerance 0 runs the full iteration count.
    LabelSpreadingConfig fixed;
    fixed.tolerance = 0.0;
    QCOMPARE(spreadLabels(x, labels, fixed)->iterations, 30);
}

void TestActiveBasics::spreadingMatchesNaive_data()
{
    QTest::addColumn<double>("gamma");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("gamma 2, sklearn tolerance") << 2.0 << 1e-3;
    QTest::newRow("gamma 20, 30 iterations") << 20.0 << 0.0;
}

void TestActiveBasics::spreadingMatchesNaive()
{
    // The formulas of the header, written out with plain loops on a dense matrix.
    QFETCH(double, gamma);
    QFETCH(double, tolerance);
    const Eigen::Index n = 300; // more than one kernel block of columns
    Eigen::MatrixXd x = blob(n, 3, 0.5, 0.3, 11);
    std::vector<int> labels(static_cast<std::size_t>(n), kUnlabelled);
    for (std::size_t i = 0; i < labels.size(); i += 23) {
        labels[i] = x(static_cast<Eigen::Index>(i), 0) > 0.5 ? 1 : 0;
    }
    LabelSpreadingConfig cfg;
    cfg.gamma = gamma;
    cfg.tolerance = tolerance;
    const auto r = spreadLabels(x, labels, cfg);
    QVERIFY(r.ok());

    Eigen::MatrixXd w(n, n);
    for (Eigen::Index i = 0; i < n; ++i) {
        for (Eigen::Index j = 0; j < n; ++j) {
            w(i, j) = i == j ? 0.0 : std::exp(-gamma * (x.row(i) - x.row(j)).squaredNorm());
        }
    }
    const Eigen::VectorXd d = w.rowwise().sum().cwiseSqrt().cwiseInverse();
    const Eigen::MatrixXd s = d.asDiagonal() * w * d.asDiagonal();
    Eigen::MatrixXd y = Eigen::MatrixXd::Zero(n, 2);
    for (Eigen::Index i = 0; i < n; ++i) {
        if (labels[static_cast<std::size_t>(i)] >= 0) {
            y(i, labels[static_cast<std::size_t>(i)]) = 1.0;
        }
    }
    Eigen::MatrixXd f = y;
    for (int it = 0; it < r->iterations; ++it) {
        f = cfg.alpha * s * f + (1.0 - cfg.alpha) * y;
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        f.row(i) /= f.row(i).sum();
    }
    QVERIFY2((f - r->distribution).cwiseAbs().maxCoeff() < 1e-10,
             qPrintable(QString::number((f - r->distribution).cwiseAbs().maxCoeff())));
    if (tolerance == 0.0) {
        QCOMPARE(r->iterations, cfg.maxIterations);
    } else {
        QVERIFY(r->iterations < cfg.maxIterations); // alpha 0.2 converges in a few steps
    }
}

void TestActiveBasics::spreadingErrors_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<QList<int>>("labels");
    QTest::addColumn<qint64>("maxSamples");
    QTest::addColumn<QString>("message");
    QTest::newRow("too many") << 5 << QList<int>{0, 1, -1, -1, -1} << qint64(4)
                              << QStringLiteral("limit");
    QTest::newRow("size mismatch")
        << 5 << QList<int>{0, 1} << qint64(100) << QStringLiteral("labels");
    QTest::newRow("bad class") << 3 << QList<int>{0, 2, -1} << qint64(100)
                               << QStringLiteral("not -1");
    QTest::newRow("nothing labelled")
        << 3 << QList<int>{-1, -1, -1} << qint64(100) << QStringLiteral("no sample");
}

void TestActiveBasics::spreadingErrors()
{
    QFETCH(int, rows);
    QFETCH(QList<int>, labels);
    QFETCH(qint64, maxSamples);
    QFETCH(QString, message);
    LabelSpreadingConfig cfg;
    cfg.maxSamples = maxSamples;
    const std::vector<int> l(labels.begin(), labels.end());
    const auto r = spreadLabels(Eigen::MatrixXd::Zero(rows, 2), l, cfg);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.find(message.toStdString()) != std::string::npos,
             r.error().message.c_str());
}

QTEST_GUILESS_MAIN(TestActiveBasics)
#include "tst_active_basics.moc"
