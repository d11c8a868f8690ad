// SPDX-License-Identifier: MIT
// Import → export → import gives back the same values and labels, for every export format.
#include <QtTest>

#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/exporters.h"
#include "vigil/importers.h"

#include <cmath>
#include <cstring>
#include <random>

using namespace vigil::core;

namespace {

/// Bitwise equality (so NaN == NaN and -0 != 0).
bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

TimeSeries randomSeries(std::uint64_t seed, int channels, std::int64_t length, TimeKind kind)
{
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1e6, 1e6);
    std::uniform_int_distribution<int> pick(0, 99);
    TimeSeries s;
    s.name = "rt" + std::to_string(seed);
    for (int c = 0; c < channels; ++c) {
        s.channelNames.push_back("ch " + std::to_string(c)); // a space survives the header
    }
    s.values.resize(length, channels);
    for (std::int64_t t = 0; t < length; ++t) {
        for (int c = 0; c < channels; ++c) {
            const int p = pick(rng);
            // Mix awkward doubles: full precision, tiny, integers, missing values.
            s.values(t, c) = p < 5    ? std::numeric_limits<double>::quiet_NaN()
                             : p < 10 ? std::ldexp(u(rng), -900)
                             : p < 20 ? std::round(u(rng))
                                      : u(rng) / 3.0;
        }
    }
    s.timeKind = kind;
    if (kind != TimeKind::Index) {
        for (std::int64_t t = 0; t < length; ++t) {
            s.timestamps.push_back(kind == TimeKind::EpochMillis ? 1700000000123 + t * 60500
                                                                 : 1000 + 3 * t);
        }
    }
    // Keep the first row present: a value-less row cannot tell the loader its column is numeric.
    for (int c = 0; c < channels; ++c) {
        s.values(0, c) = 1.5;
    }
    return s;
}

Label makeLabel(std::int64_t b, std::int64_t e, int cls, LabelSource src)
{
    Label l;
    l.begin = b;
    l.end = e;
    l.classId = cls;
    l.source = src;
    return l;
}

/// Per-row anomaly flags of a label list.
std::vector<int> anomalyRows(const std::vector<Label>& labels, std::int64_t n)
{
    std::vector<int> rows(static_cast<size_t>(n), 0);
    for (const auto& l : labels) {
        if (l.classId == kClassAnomaly) {
            for (auto i = l.begin; i < l.end; ++i) {
                rows[static_cast<size_t>(i)] = 1;
            }
        }
    }
    return rows;
}

void compareValues(const TimeSeries& a, const TimeSeries& b)
{
    QCOMPARE(b.length(), a.length());
    QCOMPARE(b.channels(), a.channels());
    for (std::int64_t t = 0; t < a.length(); ++t) {
        for (int c = 0; c < a.channels(); ++c) {
            if (!sameBits(a.values(t, c), b.values(t, c))) {
                QFAIL(qPrintable(QStringLiteral("value differs at row %1 channel %2: %3 vs %4")
                                     .arg(t)
                                     .arg(c)
                                     .arg(a.values(t, c), 0, 'g', 17)
                                     .arg(b.values(t, c), 0, 'g', 17)));
            }
        }
    }
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatValueIsShortestExact()
    {
        QCOMPARE(QString::fromStdString(formatValue(0.1)), QStringLiteral("0.1"));
        QCOMPARE(QString::fromStdString(formatValue(std::nan(""))), QString());
        QCOMPARE(QString::fromStdString(formatValue(-2.0)), QStringLiteral("-2"));
    }

    void wideCsvRoundTrip_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("kind");
        QTest::newRow("univariate, ISO timestamps") << 1 << int(TimeKind::EpochMillis);
        QTest::newRow("3 channels, numeric timestamps") << 3 << int(TimeKind::Numeric);
    }
    void wideCsvRoundTrip()
    {
        QFETCH(int, channels);
        QFETCH(int, kind);
        LabelledSeries ls{randomSeries(11 + static_cast<std::uint64_t>(channels), channels, 500,
                                       static_cast<TimeKind>(kind)),
                          {}};
        ls.labels = {makeLabel(10, 20, kClassAnomaly, LabelSource::Human),
                     makeLabel(20, 60, kClassNormal, LabelSource::Imported),
                     makeLabel(100, 101, kClassAnomaly, LabelSource::Propagated),
                     makeLabel(300, 350, 4, LabelSource::Human)};
        const std::string dir = vigil::test::makeTempDir("export-csv");
        auto files = exportSeries({ls}, ExportFormat::WideCsv, dir);
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        QCOMPARE(files->size(), size_t(1));
        auto back = loadCsv(files->front());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        compareValues(ls.series, back->series);
        QCOMPARE(back->series.timeKind, ls.series.timeKind);
        QVERIFY(back->series.timestamps == ls.series.timestamps);
        QCOMPARE(back->series.channelNames, ls.series.channelNames);
        // Labels come back as the same ranges, classes and sources.
        std::vector<Label> got = back->labels;
        std::sort(got.begin(), got.end(), [](const Label& a, const Label& b) {
            return a.begin < b.begin;
        });
        QCOMPARE(got.size(), ls.labels.size());
        for (size_t i = 0; i < got.size(); ++i) {
            QCOMPARE(got[i].begin, ls.labels[i].begin);
            QCOMPARE(got[i].end, ls.labels[i].end);
            QCOMPARE(got[i].classId, ls.labels[i].classId);
            QCOMPARE(int(got[i].source), int(ls.labels[i].source));
        }
    }

    void yahooRoundTrip()
    {
        LabelledSeries ls{randomSeries(5, 1, 400, TimeKind::Numeric), {}};
        ls.series.channelNames = {"value"};
        ls.labels = {makeLabel(0, 3, kClassAnomaly, LabelSource::Imported),
                     makeLabel(3, 200, kClassNormal, LabelSource::Imported),
                     makeLabel(390, 400, kClassAnomaly, LabelSource::Human)};
        const std::string dir = vigil::test::makeTempDir("export-yahoo");
        auto files = exportSeries({ls}, ExportFormat::Yahoo, dir);
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        auto back = loadYahoo(files->front());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        compareValues(ls.series, back->series);
        QVERIFY(back->series.timestamps == ls.series.timestamps);
        QVERIFY(anomalyRows(back->labels, 400) == anomalyRows(ls.labels, 400));
    }

    void nabRoundTrip()
    {
        const auto demo = makeDemoSeries();
        LabelledSeries ls{demo.front().series, demo.front().labels};
        const std::string dir = vigil::test::makeTempDir("export-nab");
        auto files = exportSeries({ls}, ExportFormat::Nab, dir);
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        QCOMPARE(files->size(), size_t(2)); // data CSV + combined_windows.json
        auto back = loadNab(files->front());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        compareValues(ls.series, back->series);
        QVERIFY(back->series.timestamps == ls.series.timestamps);
        const auto n = ls.series.length();
        QVERIFY(anomalyRows(back->labels, n) == anomalyRows(ls.labels, n));
        // And detection finds the layout by itself.
        auto all = importPaths({files->front()}, DataFormat::Auto);
        QVERIFY2(all.ok(), all.ok() ? "" : all.error().message.c_str());
        QCOMPARE(all->size(), size_t(1));
        QVERIFY(anomalyRows(all->front().labels, n) == anomalyRows(ls.labels, n));
    }

    void refusesUnwritableFolder()
    {
        const std::string dir = vigil::test::makeTempDir("export-bad");
        vigil::test::writeFile(dir + "/file", "x");
        LabelledSeries ls{randomSeries(1, 1, 10, TimeKind::Index), {}};
        auto files = exportSeries({ls}, ExportFormat::WideCsv, dir + "/file/sub");
        QVERIFY(!files.ok());
        QVERIFY(files.error().message.find("file/sub") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
