// SPDX-License-Identifier: MIT
// Evaluation metrics and the two baselines, against values worked out by hand.
#include "vigil/baselines.h"
#include "vigil/decision.h"
#include "vigil/metrics.h"

#include <QList>
#include <QString>
#include <QTest>

#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

using namespace vigil::core;

namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
/// A decision as stored before the incident budget, the peak rule and the smoothing.
constexpr const char* kBareDecision =
    R"({"mean":[0,0,0,0],"scale":[1,1,1,1],"weight":[1,0,0,0],"bias":0,"cut":0})";

/// "0110" -> {0, 1, 1, 0}
std::vector<std::uint8_t> bits(const QString& s)
{
    std::vector<std::uint8_t> out;
    for (const QChar c : s) {
        out.push_back(c == QLatin1Char('1') ? 1 : 0);
    }
    return out;
}

std::vector<double> vec(const QList<double>& l)
{
    return {l.begin(), l.end()};
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b));
}

// The 10-point example shared by several tests.
//   index     0    1    2    3    4    5    6    7    8    9
//   truth     1    0    1    1    0    0    1    0    0    0     (4 positives, 6 negatives)
//   score    .9   .8   .8   .7   .7   .7   .3   .2  NaN   .1
const QList<double> kScore = {0.9, 0.8, 0.8, 0.7, 0.7, 0.7, 0.3, 0.2, kNan, 0.1};
const QString kTruth = QStringLiteral("1011001000");

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private slots:
    void pointWise_data();
    void pointWise();
    void pointAdjusted_data();
    void pointAdjusted();
    void averagePrecision_data();
    void averagePrecision();
    void rocAuc_data();
    void rocAuc();
    void bestThreshold();
    void flags();
    void labelledCut();
    void fBetaThreshold();
    void maxNormalisedByHand();
    void decisionFeaturesSeeASpike();
    void stackedDecisionSeparates();
    void stackedDecisionCutWeighsRecall();
    void stackedDecisionRejectsBadInput();
    void incidentBudgetKeepsStrongestRuns();
    void incidentBudgetRanksRunsByArea();
    void peakMarginDropsWeakRuns();
    void smoothingFlagsIncidentsWhole();
    void badInput();
    void rollingMedian_data();
    void rollingMedian();
    void rollingMedianBadWindow();
    void jumpScoreByHand();
    void windows();
    void iforestBaselineFlagsSpike();
};

void TestMetrics::pointWise_data()
{
    QTest::addColumn<QString>("predicted");
    QTest::addColumn<QString>("truth");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("tp");
    QTest::addColumn<qint64>("fp");
    QTest::addColumn<qint64>("fn");
    QTest::addColumn<qint64>("tn");
    QTest::addColumn<double>("precision");
    QTest::addColumn<double>("recall");
    QTest::addColumn<double>("f1");

    // idx:      0123456789
    // truth:    0011100110   segments [2,5) and [7,9)
    // predicted 0101000001
    // tp = {3}, fp = {1, 9}, fn = {2, 4, 7, 8}, tn = {0, 5, 6}
    // P = 1/3, R = 1/5, F1 = 2tp / (2tp + fp + fn) = 2/8 = 0.25
    QTest::newRow("ten points") << "0101000001"
                                << "0011100110" << qint64(0) << qint64(1) << qint64(2) << qint64(4)
                                << qint64(3) << 1.0 / 3 << 0.2 << 0.25;
    // From step 2: idx 0 (tn) and 1 (fp) drop out. tp 1, fp 1, fn 4, tn 2:
    // P = 1/2, R = 1/5, F1 = 2 / (2 + 1 + 4) = 2/7
    QTest::newRow("from 2") << "0101000001"
                            << "0011100110" << qint64(2) << qint64(1) << qint64(1) << qint64(4)
                            << qint64(2) << 0.5 << 0.2 << 2.0 / 7;
    // Nothing predicted, nothing true: every rate is 0/0 = 0 (zero_division = 0).
    QTest::newRow("all negative") << "00000"
                                  << "00000" << qint64(0) << qint64(0) << qint64(0) << qint64(0)
                                  << qint64(5) << 0.0 << 0.0 << 0.0;
    // Anomalies but no prediction: P = 0/0 = 0, R = 0, F1 = 0.
    QTest::newRow("nothing predicted") << "0000"
                                       << "0110" << qint64(0) << qint64(0) << qint64(0) << qint64(2)
                                       << qint64(2) << 0.0 << 0.0 << 0.0;
    // Perfect.
    QTest::newRow("perfect") << "0110"
                             << "0110" << qint64(0) << qint64(2) << qint64(0) << qint64(0)
                             << qint64(2) << 1.0 << 1.0 << 1.0;
    // Empty range (from = T): all zeros.
    QTest::newRow("empty range") << "0110"
                                 << "0110" << qint64(4) << qint64(0) << qint64(0) << qint64(0)
                                 << qint64(0) << 0.0 << 0.0 << 0.0;
}

void TestMetrics::pointWise()
{
    QFETCH(QString, predicted);
    QFETCH(QString, truth);
    QFETCH(qint64, from);
    const auto p = bits(predicted);
    const auto t = bits(truth);
    const auto m = pointMetrics(p, t, from);
    QVERIFY(m.ok());
    QTEST(qint64(m->tp), "tp");
    QTEST(qint64(m->fp), "fp");
    QTEST(qint64(m->fn), "fn");
    QTEST(qint64(m->tn), "tn");
    QFETCH(double, precision);
    QFETCH(double, recall);
    QFETCH(double, f1);
    QVERIFY2(near(m->precision, precision), qPrintable(QString::number(m->precision)));
    QVERIFY2(near(m->recall, recall), qPrintable(QString::number(m->recall)));
    QVERIFY2(near(m->f1, f1), qPrintable(QString::number(m->f1)));
}

void TestMetrics::pointAdjusted_data()
{
    QTest::addColumn<QString>("predicted");
    QTest::addColumn<QString>("truth");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("tp");
    QTest::addColumn<qint64>("fp");
    QTest::addColumn<double>("f1");

    // Same ten points. Segment [2,5) holds a hit at 3, so 2, 3, 4 all count as detected;
    // segment [7,9) has no hit. tp 3, fp 2 (idx 1, 9), fn 2 (7, 8), tn 3:
    // P = 3/5, R = 3/5, F1 = 6 / (6 + 2 + 2) = 0.6
    QTest::newRow("ten points") << "0101000001"
                                << "0011100110" << qint64(0) << qint64(3) << qint64(2) << 0.6;
    // From 2: tp 3, fp 1 (idx 9), fn 2: F1 = 6 / (6 + 1 + 2) = 2/3
    QTest::newRow("from 2") << "0101000001"
                            << "0011100110" << qint64(2) << qint64(3) << qint64(1) << 2.0 / 3;
    // From 4 the first segment is cut to [4,5), where nothing is predicted (the hit at 3 lies
    // outside the range): tp 0, fp 1, fn 3, F1 = 0.
    QTest::newRow("segment cut by from")
        << "0101000001"
        << "0011100110" << qint64(4) << qint64(0) << qint64(1) << 0.0;
    // A segment running to the end of the series, hit at its last point: tp 3, fp 0, fn 0.
    QTest::newRow("segment at end") << "00001"
                                    << "00111" << qint64(0) << qint64(3) << qint64(0) << 1.0;
}

void TestMetrics::pointAdjusted()
{
    QFETCH(QString, predicted);
    QFETCH(QString, truth);
    QFETCH(qint64, from);
    QFETCH(double, f1);
    const auto p = bits(predicted);
    const auto t = bits(truth);
    const auto m = pointAdjustedMetrics(p, t, from);
    QVERIFY(m.ok());
    QTEST(qint64(m->tp), "tp");
    QTEST(qint64(m->fp), "fp");
    QVERIFY2(near(m->f1, f1), qPrintable(QString::number(m->f1)));
    // Point adjustment never lowers F1.
    QVERIFY(m->f1 >= pointMetrics(p, t, from)->f1);
}

void TestMetrics::averagePrecision_data()
{
    QTest::addColumn<QList<double>>("score");
    QTest::addColumn<QString>("truth");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<double>("expected");

    // The shared example (NaN counts as the lowest score). Distinct scores, high to low:
    //   .9: +1 pos        tp 1 fp 0  P 1    dR 1/4  -> 1/4
    //   .8: +1 pos +1 neg tp 2 fp 1  P 2/3  dR 1/4  -> 1/6
    //   .7: +1 pos +2 neg tp 3 fp 3  P 1/2  dR 1/4  -> 1/8
    //   .3: +1 pos        tp 4 fp 3  P 4/7  dR 1/4  -> 1/7
    //   .2, .1, NaN: negatives only, dR 0
    // AP = 1/4 + 1/6 + 1/8 + 1/7 = (42 + 28 + 21 + 24) / 168 = 115/168 = 0.684524
    QTest::newRow("ties and NaN") << kScore << kTruth << qint64(0) << 115.0 / 168;
    // From 3 (idx 3..9): truth 1001000, score .7 .7 .7 .3 .2 NaN .1 (2 positives):
    //   .7: tp 1 fp 2  P 1/3 dR 1/2 -> 1/6;  .3: tp 2 fp 2  P 1/2 dR 1/2 -> 1/4
    // AP = 1/6 + 1/4 = 5/12
    QTest::newRow("from 3") << kScore << kTruth << qint64(3) << 5.0 / 12;
    // One tie group holding everything: AP = prevalence = 3/10.
    QTest::newRow("all tied") << QList<double>(10, 0.5) << QStringLiteral("1110000000") << qint64(0)
                              << 0.3;
    QTest::newRow("perfect ranking")
        << QList<double>{4, 3, 2, 1} << QStringLiteral("1100") << qint64(0) << 1.0;
    // Worst ranking: positives last. .4: P 0; .3: P 0; .2: tp 1 fp 2 P 1/3 dR 1/2;
    // .1: tp 2 fp 2 P 1/2 dR 1/2. AP = 1/6 + 1/4 = 5/12
    QTest::newRow("reversed") << QList<double>{4, 3, 2, 1} << QStringLiteral("0011") << qint64(0)
                              << 5.0 / 12;
    // No positive: 0, as sklearn.
    QTest::newRow("no positive") << QList<double>{1, 2, 3} << QStringLiteral("000") << qint64(0)
                                 << 0.0;
}

void TestMetrics::averagePrecision()
{
    QFETCH(QList<double>, score);
    QFETCH(QString, truth);
    QFETCH(qint64, from);
    QFETCH(double, expected);
    const auto s = vec(score);
    const auto t = bits(truth);
    const auto ap = vigil::core::averagePrecision(s, t, from);
    QVERIFY(ap.ok());
    QVERIFY2(near(*ap, expected), qPrintable(QString::number(*ap, 'g', 17)));
}

void TestMetrics::rocAuc_data()
{
    QTest::addColumn<QList<double>>("score");
    QTest::addColumn<QString>("truth");
    QTest::addColumn<double>("expected");

    // The shared example: 4 x 6 = 24 positive/negative pairs. For each positive, negatives
    // strictly below it, plus 1/2 per tied negative:
    //   idx 0 (.9): 6                          -> 6
    //   idx 2 (.8): 4, 5, 7, 8, 9 below, 1 tie -> 5.5
    //   idx 3 (.7): 7, 8, 9 below, 4, 5 tied   -> 4
    //   idx 6 (.3): 7, 8 (NaN), 9 below        -> 3
    // AUC = 18.5 / 24 = 0.770833
    QTest::newRow("ties and NaN") << kScore << kTruth << 18.5 / 24;
    QTest::newRow("all tied") << QList<double>(6, 1.0) << QStringLiteral("110000") << 0.5;
    QTest::newRow("perfect") << QList<double>{4, 3, 2, 1} << QStringLiteral("1100") << 1.0;
    QTest::newRow("reversed") << QList<double>{4, 3, 2, 1} << QStringLiteral("0011") << 0.0;
    // NaN positives are below everything: 0 of 2 pairs.
    QTest::newRow("nan positive") << QList<double>{kNan, 0.1, 0.2} << QStringLiteral("100") << 0.0;
}

void TestMetrics::rocAuc()
{
    QFETCH(QList<double>, score);
    QFETCH(QString, truth);
    QFETCH(double, expected);
    const auto s = vec(score);
    const auto t = bits(truth);
    const auto auc = vigil::core::rocAuc(s, t);
    QVERIFY(auc.ok());
    QVERIFY2(near(*auc, expected), qPrintable(QString::number(*auc, 'g', 17)));
}

void TestMetrics::bestThreshold()
{
    // The shared example, F1 = 2tp / (2tp + fp + fn) for each threshold (flag score >= thr):
    //   .9: tp 1 fp 0 fn 3 -> 2/5    .8: tp 2 fp 1 fn 2 -> 4/7    .7: tp 3 fp 3 fn 1 -> 6/10
    //   .3: tp 4 fp 3 fn 0 -> 8/11   .2: tp 4 fp 4 -> 8/12   .1: 8/13   NaN (-inf): 8/14
    // Best: threshold .3, F1 8/11 = 0.727273, P 4/7, R 1.
    const auto s = vec(kScore);
    const auto t = bits(kTruth);
    const auto best = bestF1Threshold(s, t);
    QVERIFY(best.ok());
    QCOMPARE(best->threshold, 0.3);
    QVERIFY(near(best->metrics.f1, 8.0 / 11));
    QVERIFY(near(best->metrics.precision, 4.0 / 7));
    QCOMPARE(best->metrics.recall, 1.0);
    QCOMPARE(best->metrics.tn, qint64(3));
    // Applying the threshold reproduces the metrics.
    const auto flagged = flagAtOrAbove(s, best->threshold);
    QVERIFY(near(pointMetrics(flagged, t)->f1, 8.0 / 11));

    // A better F1 further down wins: scores 3 1 1, truth 1 0 1.
    // thr 3: tp 1 fp 0 fn 1 -> 2/3; thr 1: tp 2 fp 1 fn 0 -> 4/5, so 1.
    const std::vector<double> lower = {3, 1, 1};
    QCOMPARE(bestF1Threshold(lower, bits(QStringLiteral("101")))->threshold, 1.0);
    // A tie keeps the higher threshold: scores 3 2 1 1, truth 1 0 0 1.
    // thr 3: tp 1 fn 1 -> 2/3; thr 2: tp 1 fp 1 fn 1 -> 1/2; thr 1: tp 2 fp 2 -> 4/6 = 2/3.
    const std::vector<double> tie = {3, 2, 1, 1};
    QCOMPARE(bestF1Threshold(tie, bits(QStringLiteral("1001")))->threshold, 3.0);

    // No positive: nothing to gain, flag nothing.
    const std::vector<double> none = {1, 2, 3};
    const auto noneTruth = bits(QStringLiteral("000"));
    const auto b = bestF1Threshold(none, noneTruth);
    QCOMPARE(b->threshold, kInf);
    QCOMPARE(b->metrics.tn, qint64(3));
    QCOMPARE(b->metrics.fp, qint64(0));
}

void TestMetrics::flags()
{
    const std::vector<double> s = {0.1, kNan, 0.5, 0.7};
    QCOMPARE(flagAtOrAbove(s, 0.5), (std::vector<std::uint8_t>{0, 0, 1, 1}));
    QCOMPARE(flagAtOrAbove(s, -kInf), (std::vector<std::uint8_t>{1, 1, 1, 1}));
    QCOMPARE(flagAtOrAbove(s, kInf), (std::vector<std::uint8_t>{0, 0, 0, 0}));
}

void TestMetrics::labelledCut()
{
    // Best F1 at 0.6 (both anomalies, no normal); halfway down to 0.2, the next labelled score.
    const std::vector<double> s = {0.1, 0.2, 0.6, 0.9, kNan};
    QCOMPARE(labelledDecisionCut(s, bits(QStringLiteral("00111")), -1.0), 0.4);
    // One class only, or nothing finite: the fallback.
    QCOMPARE(labelledDecisionCut(s, bits(QStringLiteral("00000")), -1.0), -1.0);
    QCOMPARE(labelledDecisionCut(s, bits(QStringLiteral("11111")), -1.0), -1.0);
    const std::vector<double> none = {kNan, kNan};
    QCOMPARE(labelledDecisionCut(none, bits(QStringLiteral("01")), 7.0), 7.0);
    // The lowest score is the best cut: nothing below, the cut stays on it.
    const std::vector<double> two = {0.3, 0.8};
    QCOMPARE(labelledDecisionCut(two, bits(QStringLiteral("11")), 0.0), 0.0);
    QCOMPARE(labelledDecisionCut(two, bits(QStringLiteral("01")), 0.0), 0.55);
}

void TestMetrics::fBetaThreshold()
{
    // Scores 5 4 3 2 1, truth 1 0 0 1 0. F-beta = (1 + b2) tp / ((1 + b2) tp + b2 fn + fp):
    //   thr 5: tp 1 fp 0 fn 1    thr 4: tp 1 fp 1 fn 1    thr 3: tp 1 fp 2 fn 1
    //   thr 2: tp 2 fp 2 fn 0    thr 1: tp 2 fp 3 fn 0
    // F1: 2/3, 1/2, 2/5, 2/3, 4/7 -> the tie keeps 5.
    // β 2 (b2 4): 5/9, 5/11, 5/12, 10/12, 10/13 -> 2.   β 0.5 (b2 1/4): 1.25/1.5 best -> 5.
    const std::vector<double> s = {5, 4, 3, 2, 1};
    const auto t = bits(QStringLiteral("10010"));
    QCOMPARE(bestFBetaThreshold(s, t, 1.0)->threshold, 5.0);
    QCOMPARE(bestF1Threshold(s, t)->threshold, 5.0);
    const auto recallHeavy = bestFBetaThreshold(s, t, 2.0);
    QVERIFY(recallHeavy.ok());
    QCOMPARE(recallHeavy->threshold, 2.0);
    // `metrics` are the chosen threshold's own precision, recall and F1.
    QCOMPARE(recallHeavy->metrics.recall, 1.0);
    QCOMPARE(recallHeavy->metrics.precision, 0.5);
    QVERIFY(near(recallHeavy->metrics.f1, 2.0 / 3));
    QCOMPARE(bestFBetaThreshold(s, t, 0.5)->threshold, 5.0);
    // β 1.5 (b2 2.25): thr 5 gives 3.25/5.5, thr 2 gives 6.5/8.5 -> 2.
    QCOMPARE(bestFBetaThreshold(s, t, 1.5)->threshold, 2.0);
    // The decision cut: halfway down to the next labelled score (5 -> 4.5, 2 -> 1.5).
    QCOMPARE(labelledDecisionCut(s, t, 0.0), 4.5);
    QCOMPARE(labelledDecisionCut(s, t, 0.0, 1.5), 1.5);
    QCOMPARE(labelledDecisionCut(s, t, 0.0, kDecisionCutBeta), 1.5);
    // β must be a positive number; the cut falls back.
    QVERIFY(!bestFBetaThreshold(s, t, 0.0).ok());
    QVERIFY(!bestFBetaThreshold(s, t, -1.0).ok());
    QVERIFY(!bestFBetaThreshold(s, t, kNan).ok());
    QCOMPARE(labelledDecisionCut(s, t, -7.0, 0.0), -7.0);
}

void TestMetrics::maxNormalisedByHand()
{
    Eigen::VectorXd x(5);
    x << 100.0, 0.0, 1.0, 2.0, 10.0;
    // Over rows [1, 5): median 2 (upper median of 0 1 2 10), max 10.
    const Eigen::VectorXd n = maxNormalised(x, 1, 5);
    QVERIFY(std::isnan(n[0]));
    QCOMPARE(n[1], -0.25);
    QCOMPARE(n[2], -0.125);
    QCOMPARE(n[3], 0.0);
    QCOMPARE(n[4], 1.0);
    // Clipped below at -1; NaN and a flat range give 0.
    Eigen::VectorXd y(4);
    y << -100.0, 0.0, 1.0, kNan;
    const Eigen::VectorXd m = maxNormalised(y, 0, 4);
    QCOMPARE(m[0], -1.0);
    QCOMPARE(m[3], 0.0);
    const Eigen::VectorXd flat = maxNormalised(Eigen::VectorXd::Constant(3, 4.0), 0, 3);
    QCOMPARE(flat, Eigen::VectorXd::Zero(3).eval());
    // Rows [3, 5) on the scale of rows [0, 3) (100 0 1: median 1, max 100).
    const Eigen::VectorXd r = maxNormalised(x, 3, 5, 0, 3);
    QVERIFY(std::isnan(r[0]) && std::isnan(r[2]));
    QCOMPARE(r[3], 1.0 / 99.0);
    QCOMPARE(r[4], 9.0 / 99.0);
    // A value above the reference's max is clipped to 1, as inside the reference.
    const Eigen::VectorXd up = maxNormalised(x, 4, 5, 1, 4); // median 1, max 2
    QCOMPARE(up[4], 1.0);
    // An empty reference range gives 0, as a flat one does.
    QCOMPARE(maxNormalised(x, 3, 5, 2, 2)[3], 0.0);
}

void TestMetrics::decisionFeaturesSeeASpike()
{
    const int n = 300;
    Eigen::MatrixXd v(n, 1);
    for (int i = 0; i < n; ++i) {
        v(i, 0) = std::sin(i * 0.3);
    }
    v(200, 0) = 8.0;
    Eigen::VectorXd margin = Eigen::VectorXd::LinSpaced(n, -1.0, 1.0);
    margin.head(24).setConstant(kNan); // no score before the first full window
    Eigen::VectorXd vae = Eigen::VectorXd::Constant(n, 0.1);
    vae.head(24).setConstant(kNan);
    vae.segment(200, 25).setConstant(2.0); // the windows that hold the spike
    vae[260] = kNan;                       // a missing error inside the range scores 0
    vae[30] = 50.0; // a window starting before the scaler has W points of history is ignored
    const auto f = decisionFeatures(v, margin, vae, 25, ResidualColumn::Jump, 25, n);
    QVERIFY2(f.ok(), f.ok() ? "" : f.error().message.c_str());
    QCOMPARE(f->rows(), Eigen::Index(n));
    QCOMPARE(f->cols(), Eigen::Index(kDecisionFeatures));
    QVERIFY(std::isnan((*f)(10, 0)) && std::isnan((*f)(10, 1)) && std::isnan((*f)(10, 2)));
    QCOMPARE((*f)(n - 1, 0), 1.0); // the largest margin
    QCOMPARE((*f)(200, 1), 1.0);   // the spike is the largest jump
    QCOMPARE((*f)(200, 2), 1.0);   // and the largest surprise
    QCOMPARE((*f)(210, 3), 1.0);   // and inside the largest reconstruction errors
    QCOMPARE((*f)(150, 3), 0.0);   // the usual error is the median
    QCOMPARE((*f)(260, 3), 0.0);
    QCOMPARE((*f)(30, 3), 0.0);
    QCOMPARE((*f)(49, 3), 0.0); // the median error, from row 2W - 1 = 49 on
    QVERIFY((*f)(150, 1) < 0.2);
    // No jump score until 2W residuals are known (from row W + 2W = 75 on): the column's
    // lowest value before that.
    QCOMPARE((*f)(40, 1), f->col(1).segment(25, n - 25).minCoeff());
    QCOMPARE((*f)(74, 1), (*f)(40, 1));
    QVERIFY((*f)(40, 1) < 0.0);
    // The level residual of earlier decisions: the spike is the largest there too, and the
    // other columns do not change.
    const auto level = decisionFeatures(v, margin, vae, 25, ResidualColumn::Level, 25, n);
    QVERIFY(level.ok());
    QCOMPARE((*level)(200, 1), 1.0);
    QVERIFY((*level)(40, 1) != (*f)(40, 1));
    QVERIFY(level->col(2).segment(25, n - 25) == f->col(2).segment(25, n - 25));
    QVERIFY(!decisionFeatures(v, margin.head(10), vae, 25, ResidualColumn::Jump, 25, n).ok());
    QVERIFY(!decisionFeatures(v, margin, vae.head(10), 25, ResidualColumn::Jump, 25, n).ok());
}

void TestMetrics::stackedDecisionSeparates()
{
    // Feature 1 separates the classes; features 0, 2 and 3 are noise.
    const int n = 400;
    Eigen::MatrixXd f(n, kDecisionFeatures);
    std::vector<std::uint8_t> truth(n, 0);
    for (int i = 0; i < n; ++i) {
        const bool anomaly = i % 20 == 0;
        truth[static_cast<size_t>(i)] = anomaly ? 1 : 0;
        f(i, 0) = std::sin(i * 1.7);
        f(i, 1) = anomaly ? 0.8 + 0.001 * (i % 7) : 0.1 * std::cos(i * 0.9);
        f(i, 2) = std::cos(i * 2.3);
        f(i, 3) = std::sin(i * 0.7 + 1.0);
    }
    f(3, 0) = kNan; // ignored in the fit
    const auto d = fitStackedDecision(f, truth);
    QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
    QCOMPARE(d->incidentsPerThousand, 0.0); // chosen afterwards (chooseIncidentBudget)
    QCOMPARE(d->peakMargin, kDecisionPeakMargin);
    QVERIFY(d->ranking == RunRanking::Peak); // area ranking is a benchmark option only
    QVERIFY(d->weight[1] > 3.0 * std::abs(d->weight[0]));
    QVERIFY(d->weight[1] > 3.0 * std::abs(d->weight[2]));
    QVERIFY(d->weight[1] > 3.0 * std::abs(d->weight[3]));
    const Eigen::VectorXd z = d->logit(f);
    QVERIFY(std::isnan(z[3]));
    const Eigen::VectorXd p = d->score(f);
    for (int i = 0; i < n; ++i) {
        if (i == 3) {
            continue;
        }
        QCOMPARE(z[i] >= d->cut, truth[static_cast<size_t>(i)] == 1);
        QCOMPARE(p[i] >= 0.5, truth[static_cast<size_t>(i)] == 1);
    }
    // The JSON form gives the same logits.
    const auto back = StackedDecision::fromJson(d->toJson());
    QVERIFY(back.ok());
    const Eigen::VectorXd z2 = back->logit(f);
    for (int i = 0; i < n; ++i) {
        QVERIFY(i == 3 || z2[i] == z[i]);
    }
    QCOMPARE(back->cut, d->cut);
    // The kind of second column travels with it: jump unless told otherwise; a decision
    // stored before the jump column (named "residual", or not named) keeps the level residual.
    QVERIFY(d->residual == ResidualColumn::Jump);
    QVERIFY(back->residual == ResidualColumn::Jump);
    QVERIFY(d->toJson().find(R"("jump")") != std::string::npos);
    const auto level = fitStackedDecision(f, truth, ResidualColumn::Level);
    QVERIFY(level.ok() && level->residual == ResidualColumn::Level);
    QVERIFY(StackedDecision::fromJson(level->toJson())->residual == ResidualColumn::Level);
    const auto named = StackedDecision::fromJson(
        R"({"features":["margin","residual","multiscale","vae"],"mean":[0,0,0,0],)"
        R"("scale":[1,1,1,1],"weight":[1,0,0,0],"bias":0,"cut":0})");
    QVERIFY(named.ok() && named->residual == ResidualColumn::Level);
    // A decision stored before the VAE column (three entries) reads with weight 0 there, so
    // the fourth column cannot change its logits.
    const auto old = StackedDecision::fromJson(
        R"({"mean":[0.5,0,0],"scale":[2,1,1],"weight":[1,-2,3],"bias":0.25,"cut":1})");
    QVERIFY2(old.ok(), old.ok() ? "" : old.error().message.c_str());
    QCOMPARE(old->weight[3], 0.0);
    QVERIFY(old->residual == ResidualColumn::Level);
    Eigen::MatrixXd row(1, kDecisionFeatures);
    row << 1.5, 1.0, 2.0, 100.0;
    QCOMPARE(old->logit(row)[0], 0.25 + 1.0 * (1.5 - 0.5) / 2.0 - 2.0 + 6.0);
}

void TestMetrics::stackedDecisionCutWeighsRecall()
{
    // Overlapping classes on feature 1 (anomalies 0.10-0.78, normals 0-0.70), the other columns
    // constant: the fitted cut is the best F-beta (β = kDecisionCutBeta) cut of its own logits,
    // which lies below the best-F1 cut and flags more of the anomalies.
    const int n = 600;
    Eigen::MatrixXd f(n, kDecisionFeatures);
    std::vector<std::uint8_t> truth(n, 0);
    for (int i = 0; i < n; ++i) {
        const bool anomaly = i % 10 == 0;
        truth[static_cast<size_t>(i)] = anomaly ? 1 : 0;
        f(i, 0) = 0.0;
        f(i, 1) = anomaly ? 0.1 + 0.68 * ((i / 10) % 60) / 59.0 : 0.7 * ((i * 37) % 101) / 100.0;
        f(i, 2) = 0.0;
        f(i, 3) = 0.0;
    }
    const auto d = fitStackedDecision(f, truth);
    QVERIFY2(d.ok(), d.ok() ? "" : d.error().message.c_str());
    const Eigen::VectorXd z = d->logit(f);
    const std::span<const double> zs(z.data(), static_cast<size_t>(z.size()));
    const double f1Cut = labelledDecisionCut(zs, truth, 0.0);
    QVERIFY(std::abs(d->cut - labelledDecisionCut(zs, truth, 0.0, kDecisionCutBeta)) < 1e-9);
    QVERIFY2(d->cut < f1Cut - 1e-6,
             qPrintable(QStringLiteral("cut %1, best-F1 cut %2").arg(d->cut).arg(f1Cut)));
    const auto atBeta = pointMetrics(flagAtOrAbove(zs, d->cut), truth);
    const auto atF1 = pointMetrics(flagAtOrAbove(zs, f1Cut), truth);
    QVERIFY(atBeta->recall > atF1->recall);
    QVERIFY(atBeta->f1 <= atF1->f1);
}

void TestMetrics::stackedDecisionRejectsBadInput()
{
    Eigen::MatrixXd f = Eigen::MatrixXd::Random(10, kDecisionFeatures);
    const std::vector<std::uint8_t> normal(10, 0);
    const auto one = fitStackedDecision(f, normal);
    QVERIFY(!one.ok());
    QVERIFY(one.error().message.find("both classes") != std::string::npos);
    QVERIFY(!fitStackedDecision(f, std::vector<std::uint8_t>(3, 0)).ok());
    QVERIFY(!fitStackedDecision(Eigen::MatrixXd::Zero(10, 2), normal).ok());
    QVERIFY(!StackedDecision::fromJson("not json").ok());
    QVERIFY(!StackedDecision::fromJson(
                 R"({"features":["margin","wobble","multiscale","vae"],"mean":[0,0,0,0],)"
                 R"("scale":[1,1,1,1],"weight":[1,0,0,0],"bias":0,"cut":0})")
                 .ok());
    QVERIFY(!StackedDecision::fromJson(R"({"features":"jump","mean":[0,0,0,0],)"
                                       R"("scale":[1,1,1,1],"weight":[1,0,0,0],"bias":0,"cut":0})")
                 .ok());
    QVERIFY(!StackedDecision::fromJson(
                 R"({"mean":[0,0,0],"scale":[0,1,1],"weight":[1,1,1],"bias":0,"cut":0})")
                 .ok());
    QVERIFY(!StackedDecision::fromJson(
                 R"({"mean":[0,0,0],"scale":[1,1,1],"weight":[1,1],"bias":0,"cut":0})")
                 .ok());
    QVERIFY(
        !StackedDecision::fromJson(
             R"({"mean":[0,0,0,0,0],"scale":[1,1,1,1,1],"weight":[1,1,1,1,1],"bias":0,"cut":0})")
             .ok());
}

void TestMetrics::incidentBudgetKeepsStrongestRuns()
{
    StackedDecision d;
    d.cut = 0.0;
    d.incidentsPerThousand = 2.0;
    // 1 000 scored rows: a budget of 2 runs. Four runs reach the cut, peaking at 5, 3, 1 and 4.
    Eigen::VectorXd z = Eigen::VectorXd::Constant(1000, -1.0);
    z.segment(100, 3) << 2.0, 5.0, 0.5;
    z[200] = 3.0;
    z.segment(300, 10).setConstant(1.0);
    z.segment(400, 2) << 4.0, 0.0; // the cut itself counts
    const auto flags = d.flags(z);
    std::vector<int> flagged;
    for (int i = 0; i < 1000; ++i) {
        if (flags[static_cast<size_t>(i)] != 0) {
            flagged.push_back(i);
        }
    }
    QCOMPARE(flagged, (std::vector<int>{100, 101, 102, 400, 401}));
    // The score agrees with the flags: the dropped runs sit just below 0.5.
    Eigen::MatrixXd features = Eigen::MatrixXd::Zero(1000, kDecisionFeatures);
    d.weight[0] = 1.0; // logit = feature 0
    features.col(0) = z;
    const Eigen::VectorXd p = d.score(features);
    for (int i = 0; i < 1000; ++i) {
        QCOMPARE(p[i] >= 0.5, flags[static_cast<size_t>(i)] != 0);
    }
    QVERIFY(std::abs(p[101] - 1.0 / (1.0 + std::exp(-5.0))) < 1e-12); // kept: sigmoid(z - cut)
    QVERIFY(std::abs(p[200] - 1.0 / (1.0 + std::exp(1.0))) < 1e-9);   // 3 held to just above 4
    // Rows without a logit neither count nor break the budget's size: 500 scored rows keep 1.
    Eigen::VectorXd half = z;
    half.tail(500).setConstant(kNan);
    const auto one = d.flags(half);
    QCOMPARE(std::count(one.begin(), one.end(), 1), std::ptrdiff_t(3)); // the run peaking at 5
    QCOMPARE(int(one[101]), 1);
    // A tie keeps exactly the budget: the earlier run.
    Eigen::VectorXd tie = Eigen::VectorXd::Constant(400, -1.0);
    tie[50] = 2.0;
    tie[150] = 2.0;
    const auto tied = d.flags(tie);
    QCOMPARE(int(tied[50]) + int(tied[150]), 1);
    QCOMPARE(int(tied[50]), 1);
    // No budget: every run.
    d.incidentsPerThousand = 0.0;
    const auto all = d.flags(z);
    QCOMPARE(std::count(all.begin(), all.end(), 1), std::ptrdiff_t(3 + 1 + 10 + 2));
    // The budget travels with the decision; one stored before it has none.
    d.incidentsPerThousand = 2.5;
    QCOMPARE(StackedDecision::fromJson(d.toJson())->incidentsPerThousand, 2.5);
    const auto old = StackedDecision::fromJson(kBareDecision);
    QVERIFY(old.ok());
    QCOMPARE(old->incidentsPerThousand, 0.0);
    QVERIFY(!StackedDecision::fromJson(R"({"mean":[0,0,0,0],"scale":[1,1,1,1],"weight":[1,0,0,0],)"
                                       R"("bias":0,"cut":0,"incidents_per_thousand":-1})")
                 .ok());

    // Chosen on labels: the runs peaking at 5 and 4 are anomalies, the other two normal. No
    // budget and 10, 5, 3 keep false runs; 2 keeps exactly the anomalies (1.5 rounds to 2 runs
    // as well, but only a strictly better F1 replaces a budget); 1 loses one.
    std::vector<std::int8_t> labels(1000, -1);
    for (int i : {100, 101, 102, 400}) {
        labels[static_cast<size_t>(i)] = 1;
    }
    for (int i : {0, 200, 305, 600}) {
        labels[static_cast<size_t>(i)] = 0;
    }
    const std::vector<Eigen::VectorXd> logits{z};
    const std::vector<std::vector<std::int8_t>> labelSets{labels};
    QCOMPARE(chooseIncidentBudget(d, logits, labelSets), 2.0);
    // The same series without its false runs labelled: nothing says a budget helps; none kept.
    labels[200] = -1;
    labels[305] = -1;
    QCOMPARE(chooseIncidentBudget(d, logits, std::vector<std::vector<std::int8_t>>{labels}), 0.0);
    // No labelled anomaly: every budget ties at F1 0, none kept.
    const std::vector<std::vector<std::int8_t>> normalOnly{std::vector<std::int8_t>(1000, 0)};
    QCOMPARE(chooseIncidentBudget(d, logits, normalOnly), 0.0);
    QCOMPARE(chooseIncidentBudget(d, {}, {}), 0.0);
}

void TestMetrics::incidentBudgetRanksRunsByArea()
{
    StackedDecision d;
    d.cut = 0.0;
    d.incidentsPerThousand = 2.0;
    d.ranking = RunRanking::Area;
    // The runs of incidentBudgetKeepsStrongestRuns(): peaks 5, 3, 1 and 4, areas above the cut
    // 7.5, 3, 10 and 4. By area a budget of 2 keeps the ten points at 1.0 (a long anomaly)
    // and the run peaking at 5; the short bursts at 3 and 4 go, though they peak higher than 1.
    Eigen::VectorXd z = Eigen::VectorXd::Constant(1000, -1.0);
    z.segment(100, 3) << 2.0, 5.0, 0.5;
    z[200] = 3.0;
    z.segment(300, 10).setConstant(1.0);
    z.segment(400, 2) << 4.0, 0.0;
    const auto flags = d.flags(z);
    std::vector<int> flagged;
    for (int i = 0; i < 1000; ++i) {
        if (flags[static_cast<size_t>(i)] != 0) {
            flagged.push_back(i);
        }
    }
    QCOMPARE(flagged,
             (std::vector<int>{100, 101, 102, 300, 301, 302, 303, 304, 305, 306, 307, 308, 309}));
    // The score agrees with the flags: a dropped run that peaks above a kept run's peak is held
    // to just above its own peak, so it too stays below 0.5.
    Eigen::MatrixXd features = Eigen::MatrixXd::Zero(1000, kDecisionFeatures);
    d.weight[0] = 1.0;
    features.col(0) = z;
    const Eigen::VectorXd p = d.score(features);
    for (int i = 0; i < 1000; ++i) {
        QCOMPARE(p[i] >= 0.5, flags[static_cast<size_t>(i)] != 0);
    }
    QVERIFY(p[400] < 0.5 && p[400] > 0.5 - 1e-9);
    QVERIFY(std::abs(p[305] - 1.0 / (1.0 + std::exp(-1.0))) < 1e-12); // kept: sigmoid(z - cut)
    // By peak (what every decision uses) the same budget keeps 5 and 4.
    d.ranking = RunRanking::Peak;
    const auto byPeak = d.flags(z);
    QCOMPARE(int(byPeak[401]) + int(byPeak[101]) + int(byPeak[305]), 2);
    QCOMPARE(int(byPeak[305]), 0);
    // The ranking travels with the decision; one stored without it ranks by peak; an unknown
    // one is refused.
    d.ranking = RunRanking::Area;
    QVERIFY(StackedDecision::fromJson(d.toJson())->ranking == RunRanking::Area);
    d.ranking = RunRanking::Peak;
    QVERIFY(StackedDecision::fromJson(d.toJson())->ranking == RunRanking::Peak);
    const auto old = StackedDecision::fromJson(kBareDecision);
    QVERIFY(old.ok());
    QVERIFY(old->ranking == RunRanking::Peak);
    const auto bad =
        StackedDecision::fromJson(R"({"mean":[0,0,0,0],"scale":[1,1,1,1],"weight":[1,0,0,0],)"
                                  R"("bias":0,"cut":0,"rank_runs_by":"length"})");
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.find("rank_runs_by") != std::string::npos);
}

void TestMetrics::peakMarginDropsWeakRuns()
{
    StackedDecision d;
    d.cut = 0.0;
    d.peakMargin = 1.0;
    // Runs over the cut peaking at 0.5, 1.0 (the level itself counts), 3.0 and 0.9.
    Eigen::VectorXd z = Eigen::VectorXd::Constant(1000, -1.0);
    z.segment(100, 3) << 0.2, 0.5, 0.1;
    z.segment(200, 2) << 1.0, 0.3;
    z.segment(300, 4) << 0.4, 3.0, 2.0, 0.0;
    z[400] = 0.9;
    const auto flagged = [](const std::vector<std::uint8_t>& flags) {
        std::vector<int> out;
        for (size_t i = 0; i < flags.size(); ++i) {
            if (flags[i] != 0) {
                out.push_back(int(i));
            }
        }
        return out;
    };
    // A kept run keeps its rows down to the cut, not only those above the level.
    QCOMPARE(flagged(d.flags(z)), (std::vector<int>{200, 201, 300, 301, 302, 303}));
    // The score agrees: a dropped run is held to cut + margin, so it stays below 0.5.
    Eigen::MatrixXd features = Eigen::MatrixXd::Zero(1000, kDecisionFeatures);
    d.weight[0] = 1.0;
    features.col(0) = z;
    const Eigen::VectorXd p = d.score(features);
    const auto flags = d.flags(z);
    for (int i = 0; i < 1000; ++i) {
        QCOMPARE(p[i] >= 0.5, flags[static_cast<size_t>(i)] != 0);
    }
    QVERIFY(std::abs(p[101] - 1.0 / (1.0 + std::exp(0.5))) < 1e-12); // sigmoid(0.5 - 1)
    QVERIFY(std::abs(p[303] - 0.5) < 1e-12);                         // kept: sigmoid(z - cut)
    // The incident budget counts the runs that reach the level only: with a budget of 1 the
    // run peaking at 3 stays, the one at 1.0 goes, and the weak runs are not counted.
    d.incidentsPerThousand = 1.0;
    QCOMPARE(flagged(d.flags(z)), (std::vector<int>{300, 301, 302, 303}));
    d.incidentsPerThousand = 2.0;
    QCOMPARE(flagged(d.flags(z)), (std::vector<int>{200, 201, 300, 301, 302, 303}));
    // No margin: every run over the cut.
    d.incidentsPerThousand = 0.0;
    d.peakMargin = 0.0;
    QCOMPARE(flagged(d.flags(z)).size(), size_t(3 + 2 + 4 + 1));
    // The margin travels with the decision; one stored before it has none; a negative or
    // non-finite one is refused.
    d.peakMargin = 0.75;
    QCOMPARE(StackedDecision::fromJson(d.toJson())->peakMargin, 0.75);
    const auto old = StackedDecision::fromJson(kBareDecision);
    QVERIFY(old.ok());
    QCOMPARE(old->peakMargin, 0.0);
    QVERIFY(!StackedDecision::fromJson(R"({"mean":[0,0,0,0],"scale":[1,1,1,1],"weight":[1,0,0,0],)"
                                       R"("bias":0,"cut":0,"peak_margin":-0.5})")
                 .ok());
    // The budget is chosen with the margin in place: the run peaking at 0.9 is an anomaly the
    // margin drops whatever the budget, so only the false run at 1.0 decides, and a budget of
    // 1 (the best F1) drops it.
    d.peakMargin = 1.0;
    std::vector<std::int8_t> labels(1000, -1);
    labels[301] = 1;
    labels[400] = 1;
    labels[200] = 0;
    labels[0] = 0;
    QCOMPARE(chooseIncidentBudget(d, std::vector<Eigen::VectorXd>{z},
                                  std::vector<std::vector<std::int8_t>>{labels}),
             1.0);
}

void TestMetrics::smoothingFlagsIncidentsWhole()
{
    // The centred mean by hand: x = 1 2 NaN 4 5.
    //   span 3 (one row each side): 1.5 1.5 NaN 4.5 4.5
    //   span 4 (one before, two after): (1+2)/2, (1+2+4)/3, NaN, (4+5)/2, (4+5)/2
    Eigen::VectorXd x(5);
    x << 1, 2, kNan, 4, 5;
    const Eigen::VectorXd three = centredMean(x, 3);
    const Eigen::VectorXd four = centredMean(x, 4);
    const std::array<double, 5> want3{1.5, 1.5, kNan, 4.5, 4.5};
    const std::array<double, 5> want4{1.5, 7.0 / 3.0, kNan, 4.5, 4.5};
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(std::isnan(three[i]), std::isnan(want3[static_cast<size_t>(i)]));
        QCOMPARE(std::isnan(four[i]), std::isnan(want4[static_cast<size_t>(i)]));
        if (i != 2) {
            QVERIFY(std::abs(three[i] - want3[static_cast<size_t>(i)]) < 1e-12);
            QVERIFY(std::abs(four[i] - want4[static_cast<size_t>(i)]) < 1e-12);
        }
    }
    QVERIFY(std::isnan(centredMean(x, 1)[2]) && centredMean(x, 1)[3] == 4.0);

    // An incident of 30 rows (100..129) whose logit alternates 3, -1 and a lone spike of 3.5 at
    // 300, on a background of -1. Point by point, the incident falls apart into 15 detections
    // and the spike is one more.
    Eigen::VectorXd z = Eigen::VectorXd::Constant(400, -1.0);
    for (int i = 100; i < 130; i += 2) {
        z[i] = 3.0;
    }
    z[300] = 3.5;
    Eigen::MatrixXd features = Eigen::MatrixXd::Zero(400, kDecisionFeatures);
    features.col(0) = z;
    StackedDecision d;
    d.weight[0] = 1.0; // logit = feature 0
    d.cut = 0.0;
    const auto flagged = [&] {
        const auto flags = d.flags(d.logit(features));
        std::vector<int> out;
        for (size_t i = 0; i < flags.size(); ++i) {
            if (flags[i] != 0) {
                out.push_back(int(i));
            }
        }
        return out;
    };
    std::vector<int> pointwise;
    for (int i = 100; i < 130; i += 2) {
        pointwise.push_back(i);
    }
    pointwise.push_back(300);
    QCOMPARE(flagged(), pointwise);
    // Over 5 rows the incident's inside averages 1.4 or 0.6 and its edges (-1 -1 3 -1 3) 0.6, so
    // it is one detection of rows 100..128 (row 129's window holds one 3 and four -1: -0.2); the
    // spike averages (3.5 - 4) / 5 = -0.1 and is gone.
    d.smoothing = 5;
    std::vector<int> incident(29);
    std::iota(incident.begin(), incident.end(), 100);
    QCOMPARE(flagged(), incident);

    // The cut is chosen again on the smoothed logits. Labelled: the incident 1, all else 0. A cut
    // fitted point by point (1.0, halfway from 3 to -1) would keep only the 1.4s. On the smoothed
    // logits the best F-beta (β 1.5) threshold is 0.6 (29 of 30 anomalies, no false one); the
    // next lower labelled score is the spike's neighbourhood at -0.1, so the cut is 0.25.
    d.cut = 1.0;
    std::vector<std::int8_t> labels(400, 0);
    std::fill(labels.begin() + 100, labels.begin() + 130, std::int8_t{1});
    const std::vector<Eigen::MatrixXd> series{features};
    const std::vector<std::vector<std::int8_t>> labelSets{labels};
    chooseSmoothedCut(d, series, labelSets);
    QVERIFY2(std::abs(d.cut - 0.25) < 1e-12, qPrintable(QString::number(d.cut, 'g', 17)));
    QCOMPARE(flagged(), incident);
    // Its F1 on those labels (what auto smoothing compares, benchmark.cpp): rows 100..128 of the
    // 30 anomalies, nothing else, 2·29 / (2·29 + 1). Point by point at cut 0: the 15 threes and
    // the spike, 2·15 / (2·15 + 1 + 15).
    QVERIFY(std::abs(labelledF1(d, series, labelSets) - 58.0 / 59.0) < 1e-12);
    {
        StackedDecision points = d;
        points.smoothing = 1;
        points.cut = 0.0;
        QVERIFY(std::abs(labelledF1(points, series, labelSets) - 30.0 / 46.0) < 1e-12);
    }
    // Without an anomaly among the labels, or without smoothing, the cut stays.
    d.cut = 1.0;
    chooseSmoothedCut(d, series,
                      std::vector<std::vector<std::int8_t>>{std::vector<std::int8_t>(400, 0)});
    QCOMPARE(d.cut, 1.0);
    d.smoothing = 1;
    chooseSmoothedCut(d, series, labelSets);
    QCOMPARE(d.cut, 1.0);

    // The span travels with the decision; one stored before it has none; a span that is not a
    // whole number from 1 to kMaxDecisionSmoothing is refused.
    d.smoothing = 25;
    QCOMPARE(StackedDecision::fromJson(d.toJson())->smoothing, 25);
    const auto old = StackedDecision::fromJson(kBareDecision);
    QVERIFY(old.ok());
    QCOMPARE(old->smoothing, 1);
    for (const char* bad : {"0", "2.5", "1001", "-3", "\"wide\"", "1e300"}) {
        const auto refused = StackedDecision::fromJson(
            std::string(R"({"mean":[0,0,0,0],"scale":[1,1,1,1],"weight":[1,0,0,0],)") +
            R"("bias":0,"cut":0,"smoothing":)" + bad + "}");
        QVERIFY2(!refused.ok(), bad);
        QVERIFY2(refused.error().message.find("smoothing") != std::string::npos,
                 refused.error().message.c_str());
    }
}

void TestMetrics::badInput()
{
    const auto p = bits(QStringLiteral("0101"));
    const auto t = bits(QStringLiteral("011"));
    const auto m = pointMetrics(p, t);
    QVERIFY(!m.ok());
    QVERIFY(m.error().message.find("length") != std::string::npos);
    QVERIFY(!pointMetrics(p, p, 5).ok());
    QVERIFY(!pointMetrics(p, p, -1).ok());
    const std::vector<double> s = {1, 2};
    QVERIFY(!vigil::core::averagePrecision(s, t).ok());
    QVERIFY(!vigil::core::rocAuc(s, t).ok());
    QVERIFY(!bestF1Threshold(s, t).ok());
    QVERIFY(!pointAdjustedMetrics(p, t).ok());
    // One class only: ROC AUC is undefined.
    QVERIFY(std::isnan(*vigil::core::rocAuc(s, bits(QStringLiteral("00")))));
}

void TestMetrics::rollingMedian_data()
{
    QTest::addColumn<QList<double>>("a");
    QTest::addColumn<QList<double>>("b"); // second channel, or empty
    QTest::addColumn<int>("window");
    QTest::addColumn<QList<double>>("expected");

    // W = 3, x = 1 2 3 10 4 NaN 5 6
    //   t < 3: 0
    //   t=3: median(1,2,3) = 2       |10 - 2|  = 8
    //   t=4: median(2,3,10) = 3      |4 - 3|   = 1
    //   t=5: x is NaN                 0
    //   t=6: median(10,4,NaN) = median(4,10) = 7    |5 - 7| = 2
    //   t=7: median(4,NaN,5) = 4.5   |6 - 4.5| = 1.5
    const QList<double> a = {1, 2, 3, 10, 4, kNan, 5, 6};
    QTest::newRow("one channel, NaN")
        << a << QList<double>{} << 3 << QList<double>{0, 0, 0, 8, 1, 0, 2, 1.5};
    // Second channel b = 0 0 0 -5 0 3 0 0:
    //   t=3: median(0,0,0) = 0 -> 5;   max(8, 5) = 8
    //   t=4: median(0,0,-5) = 0 -> 0;  max(1, 0) = 1
    //   t=5: median(0,-5,0) = 0 -> 3;  channel a is NaN, so 3
    //   t=6: median(-5,0,3) = 0 -> 0;  max(2, 0) = 2
    //   t=7: median(0,3,0) = 0 -> 0;   max(1.5, 0) = 1.5
    QTest::newRow("two channels") << a << QList<double>{0, 0, 0, -5, 0, 3, 0, 0} << 3
                                  << QList<double>{0, 0, 0, 8, 1, 3, 2, 1.5};
    // No finite history: W = 2, x = NaN NaN 7 8 -> t=2: history {NaN, NaN} -> 0;
    // t=3: history {NaN, 7} -> |8 - 7| = 1
    QTest::newRow("no finite history")
        << QList<double>{kNan, kNan, 7, 8} << QList<double>{} << 2 << QList<double>{0, 0, 0, 1};
    // Series shorter than the window: all 0.
    QTest::newRow("short") << QList<double>{5, 1} << QList<double>{} << 3 << QList<double>{0, 0};
    // W = 1: |x_t - x_{t-1}|
    QTest::newRow("window 1") << QList<double>{1, 4, 2} << QList<double>{} << 1
                              << QList<double>{0, 3, 2};
}

void TestMetrics::rollingMedian()
{
    QFETCH(QList<double>, a);
    QFETCH(QList<double>, b);
    QFETCH(int, window);
    QFETCH(QList<double>, expected);
    Eigen::MatrixXd x(a.size(), b.isEmpty() ? 1 : 2);
    for (qsizetype i = 0; i < a.size(); ++i) {
        x(i, 0) = a[i];
        if (!b.isEmpty()) {
            x(i, 1) = b[i];
        }
    }
    const auto r = rollingMedianResidual(x, RollingMedianConfig{window});
    QVERIFY(r.ok());
    QCOMPARE(r->size(), Eigen::Index(expected.size()));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QVERIFY2(near((*r)[i], expected[i]),
                 qPrintable(QStringLiteral("t=%1: %2 vs %3").arg(i).arg((*r)[i]).arg(expected[i])));
    }
}

void TestMetrics::jumpScoreByHand()
{
    // W 2, context 3, at least 2 residuals, floor 0.1. Changes d = [-, 0, 1, 0, 0, 2, 0];
    // residuals |d_t - median(d_{t-2}, d_{t-1})| = [-, -, 1, 0.5, 0.5, 2, 1], each divided by
    // max(1.4826 * median of the (up to 3) residuals before it, 0.1).
    JumpConfig c;
    c.window = 2;
    c.context = 3;
    c.minHistory = 2;
    c.floor = 0.1;
    Eigen::MatrixXd x(7, 3);
    x.col(0) << 0, 0, 1, 1, 1, 3, 3;
    x.col(1).setConstant(0.5);          // a flat channel adds nothing
    x.col(2) << 0, 0, 0, 0, kNan, 0, 0; // NaN on either side of a step: no score there
    const auto j = jumpScore(x, c);
    QVERIFY2(j.ok(), j.ok() ? "" : j.error().message.c_str());
    const double u = 1.4826;
    const std::vector<double> expected{
        0, 0, 0, 0, 0.5 / (u * 0.75), 2.0 / (u * 0.5), 1.0 / (u * 0.5)};
    for (int t = 0; t < 7; ++t) {
        QVERIFY2(std::abs((*j)[t] - expected[static_cast<size_t>(t)]) < 1e-12,
                 qPrintable(QStringLiteral("t %1: %2").arg(t).arg((*j)[t])));
    }
    // The cap; the floor holds the unit up when the usual residual is tiny.
    c.cap = 2.0;
    QCOMPARE((*jumpScore(x, c))[5], 2.0);
    c.cap = 10.0;
    c.floor = 5.0;
    QCOMPARE((*jumpScore(x, c))[5], 2.0 / 5.0);
    // A flat series never jumps; bad settings are refused.
    QVERIFY(jumpScore(Eigen::MatrixXd::Constant(50, 1, 3.0), {})->isZero());
    c.floor = 0.0;
    QVERIFY(!jumpScore(x, c).ok());
    QVERIFY(!jumpScore(x, JumpConfig{0}).ok());
}

void TestMetrics::rollingMedianBadWindow()
{
    QVERIFY(!rollingMedianResidual(Eigen::MatrixXd::Zero(4, 1), RollingMedianConfig{0}).ok());
}

void TestMetrics::windows()
{
    Eigen::MatrixXd v(5, 2);
    v << 1, 10, 2, 20, 3, 30, 4, 40, 5, 50;
    const auto one = slidingWindows(v, 3, 1);
    QVERIFY(one.ok());
    Eigen::MatrixXd expectOne(3, 3);
    expectOne << 10, 20, 30, 20, 30, 40, 30, 40, 50;
    QCOMPARE(*one, expectOne);

    const auto all = slidingWindows(v, 3);
    QVERIFY(all.ok());
    QCOMPARE(all->rows(), Eigen::Index(3));
    QCOMPARE(all->cols(), Eigen::Index(6));
    Eigen::RowVectorXd lastRow(6);
    lastRow << 3, 30, 4, 40, 5, 50; // step-major: both channels of each step together
    QCOMPARE(Eigen::RowVectorXd(all->row(2)), lastRow);

    QCOMPARE(slidingWindows(v, 6)->rows(), Eigen::Index(0));
    QCOMPARE(slidingWindows(v, 5)->rows(), Eigen::Index(1));
    QVERIFY(!slidingWindows(v, 3, 2).ok());
    QVERIFY(!slidingWindows(v, 0).ok());
}

void TestMetrics::iforestBaselineFlagsSpike()
{
    // A smooth sine with a short burst: the windows that end in the burst are the isolated
    // ones, so the flags land on it.
    const Eigen::Index t = 2000;
    Eigen::MatrixXd x(t, 1);
    for (Eigen::Index i = 0; i < t; ++i) {
        x(i, 0) = std::sin(0.05 * static_cast<double>(i));
    }
    for (Eigen::Index i = 1500; i < 1505; ++i) {
        x(i, 0) += 6.0;
    }
    IForestBaselineConfig cfg;
    cfg.forest.seed = 7;
    const auto out = iforestBaseline(x, cfg);
    QVERIFY(out.ok());
    QCOMPARE(out->score.size(), t);
    QVERIFY(std::isnan(out->score[cfg.window - 2]));
    QVERIFY(!std::isnan(out->score[cfg.window - 1]));
    // 1% of 1976 windows, give or take ties.
    std::int64_t flagged = 0;
    std::int64_t flaggedInBurst = 0;
    for (Eigen::Index i = 0; i < t; ++i) {
        flagged += out->flags[static_cast<std::size_t>(i)];
        if (i >= 1500 && i < 1500 + cfg.window) {
            flaggedInBurst += out->flags[static_cast<std::size_t>(i)];
        }
    }
    QVERIFY2(flagged >= 15 && flagged <= 25, qPrintable(QString::number(flagged)));
    QVERIFY2(flaggedInBurst >= 15, qPrintable(QString::number(flaggedInBurst)));

    // A series shorter than one window cannot be fitted.
    QVERIFY(!iforestBaseline(Eigen::MatrixXd::Zero(10, 1), cfg).ok());
}

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
