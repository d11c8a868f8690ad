// SPDX-License-Identifier: MIT
#include "vigil/pyramid.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace vigil::core;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Random walk with NaN runs (gaps) and single NaNs, like a real sensor.
Eigen::MatrixXd randomValues(std::int64_t n, int channels, std::uint32_t seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> step(0.0, 1.0);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Eigen::MatrixXd v(n, channels);
    for (int c = 0; c < channels; ++c) {
        double level = 0.0;
        std::int64_t gapLeft = 0;
        for (std::int64_t t = 0; t < n; ++t) {
            level += step(rng);
            if (gapLeft == 0 && u(rng) < 0.002) {
                gapLeft = 1 + static_cast<std::int64_t>(u(rng) * 200);
            }
            if (gapLeft > 0) {
                --gapLeft;
                v(t, c) = kNaN;
            } else {
                v(t, c) = u(rng) < 0.01 ? kNaN : level;
            }
        }
    }
    return v;
}

struct Brute
{
    double min = kNaN;
    double max = kNaN;
    std::int64_t argMin = -1;
    std::int64_t argMax = -1;
};

Brute brute(const Eigen::MatrixXd& v, int c, std::int64_t b, std::int64_t e)
{
    Brute out;
    for (std::int64_t t = b; t < e; ++t) {
        const double x = v(t, c);
        if (std::isnan(x)) {
            continue;
        }
        if (std::isnan(out.min) || x < out.min) {
            out.min = x;
            out.argMin = t;
        }
        if (std::isnan(out.max) || x > out.max) {
            out.max = x;
            out.argMax = t;
        }
    }
    return out;
}

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

class TestPyramid : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rangeMinMaxMatchesBruteForce_data()
    {
        QTest::addColumn<qint64>("length");
        QTest::addColumn<uint>("seed");
        QTest::newRow("tiny") << qint64(5) << 1u;
        QTest::newRow("one bucket") << qint64(16) << 2u;
        QTest::newRow("odd") << qint64(1037) << 3u;
        QTest::newRow("100k") << qint64(100003) << 4u;
    }

    void rangeMinMaxMatchesBruteForce()
    {
        QFETCH(qint64, length);
        QFETCH(uint, seed);
        const Eigen::MatrixXd v = randomValues(length, 2, seed);
        const MinMaxPyramid p = MinMaxPyramid::build(v);
        QCOMPARE(p.length(), length);
        QCOMPARE(p.channels(), 2);
        std::mt19937 rng(seed + 100);
        std::uniform_int_distribution<std::int64_t> pos(0, length);
        for (int i = 0; i < 3000; ++i) {
            std::int64_t b = pos(rng);
            std::int64_t e = pos(rng);
            if (b > e) {
                std::swap(b, e);
            }
            const int c = i % 2;
            const Brute want = brute(v, c, b, e);
            const MinMax got = p.rangeMinMax(c, b, e);
            QVERIFY2(sameValue(got.min, want.min) && sameValue(got.max, want.max),
                     qPrintable(QStringLiteral("[%1,%2)").arg(b).arg(e)));
            if (!std::isnan(want.min)) {
                QCOMPARE(got.minFirst, want.argMin <= want.argMax);
            }
        }
    }

    void allNaNBucketsStayNaN()
    {
        Eigen::MatrixXd v = Eigen::MatrixXd::Constant(4096, 1, kNaN);
        v(10, 0) = 3.0;
        v(4000, 0) = -2.0;
        const MinMaxPyramid p = MinMaxPyramid::build(v);
        QVERIFY(p.rangeMinMax(0, 100, 3900).empty());
        const MinMax all = p.rangeMinMax(0, 0, 4096);
        QCOMPARE(all.min, -2.0);
        QCOMPARE(all.max, 3.0);
        QVERIFY(!all.minFirst);
        // Decimated over 100 pixels: the gap in the middle is drawn as NaN points, never 0.
        const DecimatedPoints d = p.decimate(0, 0.0, 4095.0, 100);
        QVERIFY(!d.raw);
        int nans = 0;
        for (std::size_t i = 0; i < d.size(); ++i) {
            if (std::isnan(d.y[i])) {
                ++nans;
            } else {
                QVERIFY(d.y[i] == 3.0 || d.y[i] == -2.0);
            }
        }
        QVERIFY(nans >= 90);
    }

    void decimateMatchesBruteForcePerColumn_data()
    {
        QTest::addColumn<qint64>("length");
        QTest::addColumn<int>("pixels");
        QTest::addColumn<bool>("irregular");
        QTest::newRow("200k on 800 px") << qint64(200000) << 800 << false;
        QTest::newRow("200k on 1 px") << qint64(200000) << 1 << false;
        QTest::newRow("irregular 50k on 333 px") << qint64(50000) << 333 << true;
        QTest::newRow("small range is raw") << qint64(1000) << 600 << false;
    }

    void decimateMatchesBruteForcePerColumn()
    {
        QFETCH(qint64, length);
        QFETCH(int, pixels);
        QFETCH(bool, irregular);
        const Eigen::MatrixXd v = randomValues(length, 1, 42);
        std::vector<double> xs(static_cast<std::size_t>(length));
        std::mt19937 rng(9);
        std::exponential_distribution<double> gap(1.0);
        double t = 1000.0;
        for (auto& x : xs) {
            x = t;
            t += irregular ? gap(rng) : 0.5;
        }
        const MinMaxPyramid p = MinMaxPyramid::build(v, xs);
        std::uniform_int_distribution<std::int64_t> pos(0, length - 1);
        for (int trial = 0; trial < 40; ++trial) {
            std::int64_t rb = pos(rng);
            std::int64_t re = pos(rng);
            if (rb > re) {
                std::swap(rb, re);
            }
            if (trial == 0) {
                rb = 0;
                re = length - 1;
            }
            const double tBegin = xs[static_cast<std::size_t>(rb)] + 0.1;
            const double tEnd = xs[static_cast<std::size_t>(re)];
            if (tEnd < tBegin) {
                continue;
            }
            const DecimatedPoints d = p.decimate(0, tBegin, tEnd, pixels);
            QVERIFY(d.size() <= 2 * static_cast<std::size_t>(pixels) + 2);
            QVERIFY(std::is_sorted(d.x.begin(), d.x.end()));
            const std::int64_t r0 = p.lowerRow(tBegin);
            const std::int64_t r1 = p.lowerRow(std::nextafter(tEnd, 1e300));
            if (d.raw) {
                QVERIFY(r1 - r0 <= 2 * pixels);
                continue;
            }
            // Column j holds the rows with x in [tBegin + j*w, tBegin + (j+1)*w).
            const double w = (tEnd - tBegin) / pixels;
            std::size_t k = r0 > 0 ? 1 : 0; // skip the left neighbour
            std::int64_t row = r0;
            for (int col = 0; col < pixels; ++col) {
                std::int64_t colEnd = r1;
                if (col + 1 < pixels) {
                    colEnd = row;
                    while (colEnd < r1 && xs[static_cast<std::size_t>(colEnd)] <
                                              tBegin + (col + 1) * w) {
                        ++colEnd;
                    }
                }
                if (colEnd == row) {
                    continue;
                }
                const Brute want = brute(v, 0, row, colEnd);
                // The points of this column: those whose x lies in its rows.
                double gotMin = kNaN;
                double gotMax = kNaN;
                int count = 0;
                bool sawNaN = false;
                while (k < d.size() && d.x[k] <= xs[static_cast<std::size_t>(colEnd - 1)] &&
                       (col + 1 == pixels || d.x[k] < tBegin + (col + 1) * w)) {
                    if (std::isnan(d.y[k])) {
                        sawNaN = true;
                    } else {
                        gotMin = std::isnan(gotMin) ? d.y[k] : std::min(gotMin, d.y[k]);
                        gotMax = std::isnan(gotMax) ? d.y[k] : std::max(gotMax, d.y[k]);
                    }
                    ++count;
                    ++k;
                }
                QVERIFY(count >= 1 && count <= 2);
                QVERIFY(sameValue(gotMin, want.min));
                QVERIFY(sameValue(gotMax, want.max));
                QCOMPARE(sawNaN, std::isnan(want.min));
                row = colEnd;
            }
        }
    }

    void outputIsBoundedByPixelsForLongSeries()
    {
        const std::int64_t n = 2'000'000;
        Eigen::MatrixXd v(n, 1);
        for (std::int64_t t = 0; t < n; ++t) {
            v(t, 0) = std::sin(static_cast<double>(t) * 0.001) + ((t % 977) == 0 ? 5.0 : 0.0);
        }
        const MinMaxPyramid p = MinMaxPyramid::build(v);
        QVERIFY(p.levels() >= 10);
        for (int px : {1, 37, 640, 1920, 3840}) {
            const DecimatedPoints d = p.decimate(0, 0.0, static_cast<double>(n - 1), px);
            QVERIFY(d.size() <= 2 * static_cast<std::size_t>(px) + 2);
            QCOMPARE(*std::max_element(d.y.begin(), d.y.end()), v.col(0).maxCoeff());
            QCOMPARE(*std::min_element(d.y.begin(), d.y.end()), v.col(0).minCoeff());
        }
        // Zoomed in to a few hundred rows: the raw samples, with one neighbour each side.
        const DecimatedPoints d = p.decimate(0, 1000.0, 1299.0, 1920);
        QVERIFY(d.raw);
        QCOMPARE(d.size(), std::size_t(302));
        QCOMPARE(d.x.front(), 999.0);
        QCOMPARE(d.x.back(), 1300.0);
    }

    void emptyAndDegenerateInputs()
    {
        const MinMaxPyramid empty = MinMaxPyramid::build(Eigen::MatrixXd(0, 1));
        QCOMPARE(empty.decimate(0, 0.0, 10.0, 100).size(), std::size_t(0));
        QCOMPARE(empty.nearestRow(3.0), std::int64_t(-1));
        Eigen::MatrixXd one(1, 1);
        one(0, 0) = 4.0;
        const MinMaxPyramid p = MinMaxPyramid::build(one);
        QCOMPARE(p.decimate(0, 0.0, 0.0, 10).size(), std::size_t(1));
        QCOMPARE(p.decimate(1, 0.0, 0.0, 10).size(), std::size_t(0));
        QCOMPARE(p.decimate(0, 5.0, 1.0, 10).size(), std::size_t(0));
        QCOMPARE(p.nearestRow(-7.0), std::int64_t(0));
        QCOMPARE(p.nearestRow(7.0), std::int64_t(0));
    }
};

QTEST_APPLESS_MAIN(TestPyramid)
#include "tst_pyramid.moc"
