// SPDX-License-Identifier: MIT
// Import → export → import gives back the same values and labels, for every export format.
#include "test_util.h"
#include "vigil/demo.h"
#include "vigil/exporters.h"
#include "vigil/importers.h"
#include "vigil/project.h"
#include "vigil/report.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <tuple>

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
                     makeLabel(101, 130, kClassNormal, LabelSource::Propagated),
                     makeLabel(300, 350, 4, LabelSource::Human)};
        ls.labels[2].confidence = 0.73;
        ls.labels[3].confidence = 0.1 + 0.2; // 0.30000000000000004 survives exactly
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
            QCOMPARE(got[i].confidence, ls.labels[i].confidence);
        }

        // Imported into a project, a suggestion stays a suggestion with its confidence (it is
        // not an expert label), and the rest become imported expert labels.
        auto project = Project::open(dir + "/p.vigil");
        QVERIFY(project.ok());
        auto ids = (*project)->addSeries({*back});
        QVERIFY2(ids.ok(), ids.ok() ? "" : ids.error().message.c_str());
        auto stored = (*project)->labels(ids->front());
        QVERIFY(stored.ok() && stored->size() == ls.labels.size());
        for (size_t i = 0; i < stored->size(); ++i) {
            const Label& l = (*stored)[i];
            const Label& want = ls.labels[i];
            QCOMPARE(l.begin, want.begin);
            QCOMPARE(int(l.source),
                     int(want.source == LabelSource::Propagated ? LabelSource::Propagated
                                                                : LabelSource::Imported));
            QCOMPARE(l.confidence, want.confidence);
        }
    }

    // A channel named like a label column (the import wizard lets one tick "anomaly" as
    // values) came back wrong from the wide CSV: "anomaly" was dropped as a second label column
    // with its labels, and "is_anomaly" was taken for the labels, so Vigil refused its own file.
    void labelNamedChannelsRoundTrip()
    {
        for (const char* clash : {"anomaly", "is_anomaly", "label"}) {
            LabelledSeries ls{randomSeries(21, 3, 40, TimeKind::Index), {}};
            ls.series.channelNames = {" a", clash, "c\t"}; // padding kept too (it was trimmed)
            ls.labels = {makeLabel(5, 9, kClassAnomaly, LabelSource::Human),
                         makeLabel(15, 26, kClassAnomaly, LabelSource::Human)};
            ls.labels[1].channel = 1;
            const std::string dir = vigil::test::makeTempDir("export-label-named");
            auto files = exportSeries({ls}, ExportFormat::WideCsv, dir);
            QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
            auto back = loadCsv(files->front());
            QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
            QCOMPARE(back->series.channelNames, ls.series.channelNames);
            compareValues(ls.series, back->series);
            QCOMPARE(back->labels.size(), std::size_t(2));
            QCOMPARE(back->labels[1].begin, std::int64_t(15));
            QCOMPARE(back->labels[1].end, std::int64_t(26));
            QCOMPARE(back->labels[1].channel, 1);
        }
    }

    // A label on some channels of a series keeps its channels through the wide CSV and the
    // Yahoo files (one per channel).
    void channelLabelsKeepTheirChannels()
    {
        LabelledSeries ls{randomSeries(21, 3, 200, TimeKind::Numeric), {}};
        auto on = [](std::int64_t b, std::int64_t e, int cls, int channel) {
            Label l = makeLabel(b, e, cls, LabelSource::Human);
            l.channel = channel;
            return l;
        };
        ls.labels = {on(10, 20, kClassAnomaly, 1),
                     on(30, 40, kClassAnomaly, 0),
                     on(35, 45, kClassAnomaly, 2),
                     on(60, 70, kClassNormal, 2),
                     on(65, 68, kClassAnomaly, 0),
                     on(100, 120, kClassAnomaly, kAllChannels),
                     on(150, 170, kClassNormal, kAllChannels),
                     on(155, 160, kClassAnomaly, 1)};
        // An expert anomaly on one channel inside a normal suggestion on every channel.
        Label suggestion = makeLabel(180, 195, kClassNormal, LabelSource::Propagated);
        suggestion.confidence = 0.9;
        ls.labels.push_back(suggestion);
        ls.labels.push_back(on(185, 190, kClassAnomaly, 2));
        const std::string dir = vigil::test::makeTempDir("export-channels");
        {
            // Channel names holding the separator, or twice the same name, still come back
            // right (the cell numbers the channels).
            LabelledSeries odd = ls;
            odd.series.channelNames = {"a|b", "c", "c"};
            auto oddFiles = exportSeries({odd}, ExportFormat::WideCsv, dir + "/odd");
            QVERIFY2(oddFiles.ok(), oddFiles.ok() ? "" : oddFiles.error().message.c_str());
            auto oddBack = loadCsv(oddFiles->front());
            QVERIFY2(oddBack.ok(), oddBack.ok() ? "" : oddBack.error().message.c_str());
            auto key = [](const Label& l) { return std::tuple(l.begin, l.channel, l.classId); };
            std::set<std::tuple<std::int64_t, int, int>> want;
            std::set<std::tuple<std::int64_t, int, int>> got;
            for (const Label& l : oddBack->labels) {
                got.insert(key(l));
            }
            // Rows 10-20 on channel 1, 35-40 on channels 0 and 2.
            QVERIFY(got.count({10, 1, kClassAnomaly}) == 1);
            QVERIFY(got.count({35, 0, kClassAnomaly}) == 1);
            QVERIFY(got.count({35, 2, kClassAnomaly}) == 1);
            QVERIFY(got.count({35, 1, kClassAnomaly}) == 0);
        }
        auto files = exportSeries({ls}, ExportFormat::WideCsv, dir);
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        auto back = loadCsv(files->front());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->series.channelNames, ls.series.channelNames);
        // Per row and channel, the class each side says (an anomaly wins where a row holds
        // labels of both classes on different channels, as for training).
        auto grid = [](const std::vector<Label>& labels) {
            std::vector<int> g(200 * 3, 0);
            for (const int pass : {kClassNormal, kClassAnomaly}) {
                for (const Label& l : labels) {
                    if (l.classId != pass) {
                        continue;
                    }
                    for (auto t = l.begin; t < l.end; ++t) {
                        for (int c = 0; c < 3; ++c) {
                            if (l.channel == kAllChannels || l.channel == c) {
                                g[static_cast<size_t>(t * 3 + c)] = pass;
                            }
                        }
                    }
                }
            }
            return g;
        };
        std::vector<int> want = grid(ls.labels);
        for (int c = 0; c < 3; ++c) {
            want[static_cast<size_t>(66 * 3 + c)] = c == 0 ? kClassAnomaly : 0; // row 66: the
        }                                                                       // anomaly wins
        for (int t : {65, 67}) {
            for (int c = 0; c < 3; ++c) {
                want[static_cast<size_t>(t * 3 + c)] = c == 0 ? kClassAnomaly : 0;
            }
        }
        // The expert anomaly on one channel keeps its rows (the labels of the other channels
        // there, a normal label and a suggestion, are what one label column cannot also hold).
        for (int t = 155; t < 160; ++t) {
            for (int c = 0; c < 3; ++c) {
                want[static_cast<size_t>(t * 3 + c)] = c == 1 ? kClassAnomaly : 0;
            }
        }
        for (int t = 185; t < 190; ++t) {
            for (int c = 0; c < 3; ++c) {
                want[static_cast<size_t>(t * 3 + c)] = c == 2 ? kClassAnomaly : 0;
            }
        }
        QVERIFY(grid(back->labels) == want);
        const auto expert = std::find_if(back->labels.begin(), back->labels.end(),
                                         [](const Label& l) { return l.begin == 185; });
        QVERIFY(expert != back->labels.end());
        QCOMPARE(expert->channel, 2);
        QCOMPARE(int(expert->source), int(LabelSource::Human)); // not a suggestion

        auto yahoo = exportSeries({ls}, ExportFormat::Yahoo, dir + "/yahoo");
        QVERIFY2(yahoo.ok(), yahoo.ok() ? "" : yahoo.error().message.c_str());
        QCOMPARE(yahoo->size(), size_t(3));
        for (int c = 0; c < 3; ++c) {
            auto file = loadYahoo((*yahoo)[static_cast<size_t>(c)]);
            QVERIFY2(file.ok(), file.ok() ? "" : file.error().message.c_str());
            const auto rows = anomalyRows(file->labels, 200);
            for (std::int64_t t = 0; t < 200; ++t) {
                QCOMPARE(rows[static_cast<size_t>(t)],
                         grid(ls.labels)[static_cast<size_t>(t * 3 + c)] == kClassAnomaly ? 1 : 0);
            }
        }
    }

    // A confidence column beside the source column is read only as Vigil writes it.
    void wideCsvConfidenceIsChecked()
    {
        const std::string dir = vigil::test::makeTempDir("export-confidence");
        const std::string bad = "timestamp,value,label,class,source,confidence\n"
                                "0,1.5,1,anomaly,propagated,1.2\n";
        vigil::test::writeFile(dir + "/bad.csv", bad);
        auto r = loadCsv(dir + "/bad.csv");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().message,
                 std::string("bad.csv:2:6: expected a confidence from 0 to 1 (or an empty "
                             "cell), found \"1.2\""));
        // Without a source column, "confidence" is an ordinary measurement.
        vigil::test::writeFile(dir + "/plain.csv", "timestamp,confidence,label\n0,3.5,0\n1,4,1\n");
        auto plain = loadCsv(dir + "/plain.csv");
        QVERIFY2(plain.ok(), plain.ok() ? "" : plain.error().message.c_str());
        QCOMPARE(plain->series.channelNames, std::vector<std::string>{"confidence"});
        // A channel called "channels" (or "confidence") before the source column is data.
        LabelledSeries named{randomSeries(9, 1, 40, TimeKind::Index), {}};
        named.series.channelNames = {"channels"};
        named.labels = {makeLabel(5, 9, kClassAnomaly, LabelSource::Human)};
        auto files = exportSeries({named}, ExportFormat::WideCsv, dir + "/named");
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        auto back = loadCsv(files->front());
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
        QCOMPARE(back->series.channelNames, std::vector<std::string>{"channels"});
        compareValues(named.series, back->series);
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

        // Date-times in whole seconds are written as Unix seconds; with fractions of a second
        // two rows could share one (rows at .250 and .750 were both written as 1577836800,
        // and Vigil then refused its own file), so the export says why it cannot.
        LabelledSeries dated{randomSeries(6, 2, 3, TimeKind::EpochMillis), {}};
        dated.series.name = "ms";
        dated.series.timestamps = {1577836800000, 1577836801000, 1577836802000};
        const std::string whole = vigil::test::makeTempDir("export-yahoo-seconds");
        auto written = exportSeries({dated}, ExportFormat::Yahoo, whole);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().message.c_str());
        auto seconds = loadYahoo(written->front());
        QVERIFY2(seconds.ok(), seconds.ok() ? "" : seconds.error().message.c_str());
        QCOMPARE(seconds->series.length(), std::int64_t(3));
        // Fractions that keep every row in its own second are written rounded down (before
        // 1970 too).
        dated.series.timestamps = {-1500, 500, 1999};
        const std::string halves = vigil::test::makeTempDir("export-yahoo-halves");
        auto rounded = exportSeries({dated}, ExportFormat::Yahoo, halves);
        QVERIFY2(rounded.ok(), rounded.ok() ? "" : rounded.error().message.c_str());
        auto down = loadYahoo(rounded->front());
        QVERIFY2(down.ok(), down.ok() ? "" : down.error().message.c_str());
        QVERIFY(down->series.timestamps == (std::vector<std::int64_t>{-2, 0, 1}));
        dated.series.timestamps = {1577836800250, 1577836800750, 1577836801100};
        const std::string fractions = vigil::test::makeTempDir("export-yahoo-fractions");
        auto refused = exportSeries({dated}, ExportFormat::Yahoo, fractions);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("same second") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(std::filesystem::is_empty(fractions));
    }

    // Suggestions (propagated labels) are not ground truth: Yahoo's is_anomaly and NAB's
    // windows mark the expert anomalies only. Both used to mark every suggested anomaly.
    void suggestionsAreNotExportedAsAnomalies()
    {
        LabelledSeries ls{randomSeries(6, 1, 300, TimeKind::Numeric), {}};
        ls.series.channelNames = {"value"};
        ls.labels = {makeLabel(10, 12, kClassAnomaly, LabelSource::Human),
                     makeLabel(100, 140, kClassAnomaly, LabelSource::Propagated),
                     makeLabel(200, 205, kClassAnomaly, LabelSource::Imported)};
        const std::string dir = vigil::test::makeTempDir("export-suggestions");
        auto files = exportSeries({ls}, ExportFormat::Yahoo, dir + "/yahoo");
        QVERIFY(files.ok());
        auto back = loadYahoo(files->front());
        QVERIFY(back.ok());
        const auto rows = anomalyRows(back->labels, 300);
        QCOMPARE(std::count(rows.begin(), rows.end(), 1), std::ptrdiff_t(7));
        QCOMPARE(rows[120], 0);
        QCOMPARE(rows[11], 1);
        QCOMPARE(rows[204], 1);
    }

    // An export into the folder a series came from never writes over its source file: the
    // original CSV (with columns Vigil did not import) used to be replaced without a word.
    void exportNeverOverwritesASourceFile()
    {
        const std::string dir = vigil::test::makeTempDir("export-source");
        LabelledSeries ls{randomSeries(7, 1, 50, TimeKind::Numeric), {}};
        ls.series.name = "notes";
        ls.series.channelNames = {"value"};
        ls.series.sourcePath = dir + "/notes.csv";
        const std::string original = "timestamp,value,comment\n1,2,keep me\n";
        {
            std::ofstream(ls.series.sourcePath) << original;
        }
        for (auto format : {ExportFormat::WideCsv, ExportFormat::Yahoo}) {
            auto files = exportSeries({ls}, format, dir);
            QVERIFY(!files.ok());
            QVERIFY2(files.error().message.find("imported from") != std::string::npos,
                     files.error().message.c_str());
            QCOMPARE(vigil::test::readFile(ls.series.sourcePath), original);
        }
        // Another folder is fine, and so is writing over an earlier export there.
        QVERIFY(exportSeries({ls}, ExportFormat::WideCsv, dir + "/out").ok());
        QVERIFY(exportSeries({ls}, ExportFormat::WideCsv, dir + "/out").ok());
    }

    // A legal 254-byte series name made every export fail ("cannot write ….csv.part"): file
    // stems are cut to 100 bytes, between UTF-8 characters.
    void longNamesAreExportable()
    {
        LabelledSeries ls{randomSeries(8, 2, 30, TimeKind::Numeric), {}};
        ls.series.name = std::string(150, 'a') + "\xc3\xa9" + std::string(100, 'b');
        ls.series.channelNames = {std::string(200, 'c'), "d"};
        const std::string dir = vigil::test::makeTempDir("export-long");
        for (auto format : {ExportFormat::WideCsv, ExportFormat::Yahoo, ExportFormat::Nab}) {
            auto files = exportSeries({ls}, format, dir + "/" + std::to_string(int(format)));
            QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
            for (const auto& f : *files) {
                QVERIFY(std::filesystem::path(f).filename().string().size() <= 255);
            }
        }
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
        // The export's folder itself imports as a NAB corpus (series under data/<category>/);
        // it used to say "the folder holds no data files".
        auto root = importPaths({dir}, DataFormat::Auto);
        QVERIFY2(root.ok(), root.ok() ? "" : root.error().message.c_str());
        QCOMPARE(root->size(), size_t(1));
        QVERIFY(anomalyRows(root->front().labels, n) == anomalyRows(ls.labels, n));
    }

    // A NAB export into a folder with a windows file (a NAB corpus, or an earlier export) keeps
    // the other files' windows: the file was replaced by the export's own, so the corpus lost
    // them and its other data files no longer imported.
    void nabExportKeepsOtherWindows()
    {
        const std::string dir = vigil::test::makeTempDir("export-nab-merge");
        vigil::test::writeFile(dir + "/data/cat/b.csv",
                               "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2\n"
                               "2014-04-01 00:10:00,3\n");
        vigil::test::writeFile(dir + "/labels/combined_windows.json",
                               "{\"cat/b.csv\": [[\"2014-04-01 00:05:00.000000\", "
                               "\"2014-04-01 00:05:00.000000\"]]}\n");
        const auto demo = makeDemoSeries();
        LabelledSeries first{demo[0].series, demo[0].labels};
        LabelledSeries second{demo[1].series, demo[1].labels};
        QVERIFY(exportSeries({first}, ExportFormat::Nab, dir).ok());
        auto files = exportSeries({second}, ExportFormat::Nab, dir);
        QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
        auto all = importPaths({dir}, DataFormat::Auto);
        QVERIFY2(all.ok(), all.ok() ? "" : all.error().message.c_str());
        QCOMPARE(all->size(), std::size_t(3));
        const auto countAnomalous = [](const std::vector<Label>& labels, std::int64_t n) {
            const auto rows = anomalyRows(labels, n);
            return std::count(rows.begin(), rows.end(), 1);
        };
        std::map<std::string, std::ptrdiff_t> anomalous;
        for (const auto& s : *all) {
            anomalous[s.series.name] = countAnomalous(s.labels, s.series.length());
        }
        QCOMPARE(anomalous["b"], std::ptrdiff_t(1));
        QCOMPARE(anomalous[first.series.name], countAnomalous(first.labels, first.series.length()));
        QVERIFY(anomalous[first.series.name] > 0);
        QCOMPARE(anomalous[second.series.name],
                 countAnomalous(second.labels, second.series.length()));
        // A file there that is no windows file is refused, and nothing is written.
        const std::string other = vigil::test::makeTempDir("export-nab-notjson");
        vigil::test::writeFile(other + "/labels/combined_windows.json", "[1, 2]\n");
        auto refused = exportSeries({first}, ExportFormat::Nab, other);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("is not a NAB windows file") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(!std::filesystem::exists(other + "/data"));
        QCOMPARE(vigil::test::readFile(other + "/labels/combined_windows.json"),
                 std::string("[1, 2]\n"));
    }

    // NAB needs date-times: integer timestamps are written as Unix seconds and a bare index as
    // seconds after 1970, so Vigil reads its own NAB export back; integers that cannot be
    // seconds are refused with a reason, and nothing is written.
    void nabWritesIntegerTimesAsDates()
    {
        for (const TimeKind kind : {TimeKind::Numeric, TimeKind::Index}) {
            LabelledSeries ls{randomSeries(7, 1, 300, kind), {}};
            if (kind == TimeKind::Numeric) {
                for (std::int64_t t = 0; t < 300; ++t) {
                    ls.series.timestamps[static_cast<size_t>(t)] = 1700000000 + 60 * t;
                }
            }
            ls.labels = {makeLabel(50, 53, kClassAnomaly, LabelSource::Human)};
            const std::string dir = vigil::test::makeTempDir("export-nab-int");
            auto files = exportSeries({ls}, ExportFormat::Nab, dir);
            QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
            auto back = loadNab(files->front());
            QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
            compareValues(ls.series, back->series);
            QCOMPARE(back->series.timeKind, TimeKind::EpochMillis);
            QCOMPARE(back->series.timestamps[1],
                     kind == TimeKind::Numeric ? (1700000000 + 60) * std::int64_t(1000) : 1000);
            QVERIFY(anomalyRows(back->labels, 300) == anomalyRows(ls.labels, 300));
        }
        LabelledSeries far{randomSeries(8, 1, 10, TimeKind::Numeric), {}};
        far.series.timestamps.back() = 400000000000; // past the year 9999 as seconds
        const std::string dir = vigil::test::makeTempDir("export-nab-far");
        auto refused = exportSeries({far}, ExportFormat::Nab, dir + "/out");
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("cannot be written as NAB") != std::string::npos,
                 refused.error().message.c_str());
        QVERIFY(!std::filesystem::exists(dir + "/out/data"));
    }

    void reportDescribesLabelsAndDrawsEachSeries()
    {
        const std::string dir = vigil::test::makeTempDir("report");
        auto project = Project::open(dir + "/p.vigil", OpenMode::CreateIfMissing);
        QVERIFY(project.ok());
        ImportedSeries a;
        a.series = randomSeries(3, 2, 400, TimeKind::Index);
        a.series.name = "pump | east"; // a pipe must not break the Markdown table
        a.labels = {makeLabel(100, 110, kClassAnomaly, LabelSource::Imported),
                    makeLabel(105, 130, kClassAnomaly, LabelSource::Human),
                    makeLabel(200, 210, kClassNormal, LabelSource::Human)};
        ImportedSeries b;
        b.series = randomSeries(4, 1, 50, TimeKind::Index);
        b.series.name = "quiet";
        ImportedSeries odd; // markup in a name reads as text: no tag, no link, one heading
        odd.series = randomSeries(5, 1, 50, TimeKind::Index);
        odd.series.name = "a]b <script>x\nnext";
        auto ids = (*project)->addSeries({a, b, odd});
        QVERIFY(ids.ok() && ids->size() == 3);
        Label suggestion = makeLabel(300, 305, kClassAnomaly, LabelSource::Propagated);
        suggestion.seriesId = ids->front();
        suggestion.confidence = 0.8;
        QVERIFY((*project)->assignLabel(suggestion).ok());

        ReportOptions o;
        o.path = dir + "/out/report.md";
        std::vector<double> seen;
        ProgressSink sink{[&](double f, const std::string&) { seen.push_back(f); }};
        auto r = writeReport(**project, o, sink);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->files.size(), size_t(4));
        QVERIFY(!seen.empty() && seen.back() == 1.0);
        const std::string md = vigil::test::readFile(o.path);
        QVERIFY2(
            md.find("## a\\]b \\<script\\>x next\n\n![a\\]b \\<script\\>x next](report-3.svg)") !=
                std::string::npos,
            md.c_str());
        QVERIFY(md.find("<script>") == std::string::npos);
        QVERIFY(md.find("No model has been trained yet") != std::string::npos);
        // Nor is a score band described that the plots do not have.
        QVERIFY(md.find("Lower band") == std::string::npos);
        QVERIFY(md.find("| pump \\| east | 400 | 2 |") != std::string::npos);
        // Expert anomalies merged into one range; the suggestion and the normal label are not
        // anomalies the analyst confirmed.
        QVERIFY2(md.find("[100, 130).") != std::string::npos, md.c_str());
        QVERIFY(md.find("[300, 305)") == std::string::npos);
        QVERIFY(md.find("No anomaly labelled.") != std::string::npos);
        QVERIFY(md.find("![quiet](report-2.svg)") != std::string::npos);
        const std::string svg = vigil::test::readFile(dir + "/out/report-1.svg");
        QVERIFY(svg.rfind("<svg", 0) == 0);
        size_t polylines = 0;
        for (size_t at = svg.find("<polyline"); at != std::string::npos;
             at = svg.find("<polyline", at + 1)) {
            ++polylines;
        }
        // Both channels drawn (in pieces between missing values); no score band without a model.
        QVERIFY(polylines >= 2);
        QVERIFY(svg.find("<polyline fill=\"none\" stroke=\"#0072B2\"") != std::string::npos);
        QVERIFY(svg.find("<polyline fill=\"none\" stroke=\"#009E73\"") != std::string::npos);
        QVERIFY(svg.find("stroke=\"#D55E00\"") == std::string::npos);
        QVERIFY(svg.find("fill=\"#E69F00\"") != std::string::npos);

        // Unwritable target: a clear error, nothing half-written.
        vigil::test::writeFile(dir + "/file", "x");
        o.path = dir + "/file/sub/report.md";
        auto bad = writeReport(**project, o);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("file/sub") != std::string::npos);
    }

    void reportAsOneHtmlPage()
    {
        QVERIFY(reportFormatFor("a/b/r.html") == ReportFormat::Html);
        QVERIFY(reportFormatFor("R.HTM") == ReportFormat::Html);
        QVERIFY(reportFormatFor("r.md") == ReportFormat::Markdown);
        QVERIFY(reportFormatFor("html") == ReportFormat::Markdown);
        QVERIFY(reportFormatFor("r.html.md") == ReportFormat::Markdown);

        const std::string dir = vigil::test::makeTempDir("report-html");
        auto project = Project::open(dir + "/p.vigil", OpenMode::CreateIfMissing);
        QVERIFY(project.ok());
        ImportedSeries a;
        a.series = randomSeries(5, 2, 300, TimeKind::Index);
        a.series.name = "<b>pump</b> & \"east\""; // markup in a name stays text
        a.labels = {makeLabel(40, 60, kClassAnomaly, LabelSource::Human)};
        ImportedSeries b;
        b.series = randomSeries(6, 1, 80, TimeKind::Index);
        b.series.name = "quiet";
        QVERIFY((*project)->addSeries({a, b}).ok());

        ReportOptions o;
        o.path = dir + "/out/report.html";
        auto r = writeReport(**project, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
        QCOMPARE(r->files.size(), size_t(1)); // one page, no plot files beside it
        QVERIFY(!std::filesystem::exists(dir + "/out/report-1.svg"));
        const std::string page = vigil::test::readFile(o.path);
        QVERIFY(page.rfind("<!DOCTYPE html>", 0) == 0);
        QVERIFY(page.find("</html>") != std::string::npos);
        size_t plots = 0;
        for (size_t at = page.find("<svg"); at != std::string::npos;
             at = page.find("<svg", at + 1)) {
            ++plots;
        }
        QCOMPARE(plots, size_t(2)); // inline, one per series
        // Self-contained: nothing fetched, nothing run.
        QVERIFY(page.find("<script") == std::string::npos);
        QVERIFY(page.find("src=") == std::string::npos);
        QVERIFY(page.find("http://") == page.find("http://www.w3.org/2000/svg"));
        QVERIFY(page.find("<b>pump") == std::string::npos);
        QVERIFY2(page.find("<h2>&lt;b&gt;pump&lt;/b&gt; &amp; &quot;east&quot;</h2>") !=
                     std::string::npos,
                 page.c_str());
        QVERIFY(page.find("<td>300</td><td>2</td>") != std::string::npos);
        QVERIFY(page.find("Labelled anomalies (rows, end exclusive): [40, 60).") !=
                std::string::npos);
        QVERIFY(page.find("No anomaly labelled.") != std::string::npos);
        QVERIFY(page.find("No model has been trained yet") != std::string::npos);
        QVERIFY(page.find("Lower band") == std::string::npos);

        // A bare file name is written into the working folder (as `vigil-cli report --out
        // r.html` does), for both formats.
        const auto previous = std::filesystem::current_path();
        std::filesystem::current_path(dir);
        o.path = "bare.html";
        auto bare = writeReport(**project, o);
        o.path = "bare.md";
        auto bareMd = writeReport(**project, o);
        std::filesystem::current_path(previous);
        QVERIFY2(bare.ok(), bare.ok() ? "" : bare.error().message.c_str());
        QVERIFY2(bareMd.ok(), bareMd.ok() ? "" : bareMd.error().message.c_str());
        QVERIFY(std::filesystem::exists(dir + "/bare.html"));
        QVERIFY(std::filesystem::exists(dir + "/bare.md") &&
                std::filesystem::exists(dir + "/bare-2.svg"));

        // Unwritable target: a clear error.
        vigil::test::writeFile(dir + "/file", "x");
        o.path = dir + "/file/sub/report.html";
        auto bad = writeReport(**project, o);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("file/sub") != std::string::npos);
    }

    void reportPlotSkipsMissingValues()
    {
        Eigen::MatrixXd v(100, 2);
        v.col(0).setLinSpaced(100, 0.0, 1.0);
        v.col(1).setConstant(std::numeric_limits<double>::quiet_NaN()); // draws nothing
        v(50, 0) = std::numeric_limits<double>::quiet_NaN();
        std::vector<double> score(100, std::numeric_limits<double>::quiet_NaN());
        score[60] = 0.9;
        const std::string svg = seriesSvg(v, {{10, 20}}, score, 100, 80);
        QVERIFY(svg.find("nan") == std::string::npos);
        size_t polylines = 0;
        for (size_t at = svg.find("<polyline"); at != std::string::npos;
             at = svg.find("<polyline", at + 1)) {
            ++polylines;
        }
        // Channel 0 in two pieces, not drawn across its missing row 50; the score band.
        QCOMPARE(polylines, size_t(3));
        QVERIFY2(svg.find(" 50,") == std::string::npos && svg.find("\"50,") == std::string::npos,
                 svg.c_str());
        const std::string empty = seriesSvg(Eigen::MatrixXd(0, 1), {}, {}, 100, 80);
        QVERIFY(empty.find("</svg>") != std::string::npos);

        // Values at the ends of the double range draw where they are (their span overflows).
        Eigen::MatrixXd extreme = Eigen::MatrixXd::Zero(100, 1);
        extreme(10, 0) = 1e308;
        extreme(60, 0) = -1e308;
        const std::string wide = seriesSvg(extreme, {}, {}, 100, 80);
        QVERIFY2(wide.find("nan") == std::string::npos, wide.c_str());
        QVERIFY(wide.find("inf") == std::string::npos);
        // Top and bottom of the value area (2 and valueHeight - 2) are both reached.
        QVERIFY2(wide.find(",2.0") != std::string::npos, wide.c_str());
    }

    // Names that map to the same file ("s:1" and "s_1"; two channels called "value") get
    // "-2", never overwrite each other: every series and channel is in the export.
    void collidingNamesGetTheirOwnFiles()
    {
        LabelledSeries a{randomSeries(7, 1, 50, TimeKind::Index), {}};
        a.series.name = "s:1";
        LabelledSeries b{randomSeries(8, 1, 60, TimeKind::Index), {}};
        b.series.name = "S_1";
        LabelledSeries two{randomSeries(9, 2, 40, TimeKind::Index), {}};
        two.series.name = "pair";
        two.series.channelNames = {"value", "value"};
        for (auto format : {ExportFormat::WideCsv, ExportFormat::Yahoo, ExportFormat::Nab}) {
            const std::string dir = vigil::test::makeTempDir("export-collide");
            auto files = exportSeries({a, b, two}, format, dir);
            QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
            std::set<std::string> distinct(files->begin(), files->end());
            QCOMPARE(distinct.size(), files->size());
            for (const auto& f : *files) {
                QVERIFY2(std::filesystem::exists(f), f.c_str());
            }
            const std::size_t expected = format == ExportFormat::Yahoo ? 4 // 1 + 1 + 2 channels
                                         : format == ExportFormat::Nab ? 4 // 3 + windows JSON
                                                                       : 3;
            QCOMPARE(files->size(), expected);
            if (format == ExportFormat::Yahoo) {
                // Each channel of "pair" in its own file, with its own values.
                auto first = loadYahoo(dir + "/pair__value.csv");
                auto second = loadYahoo(dir + "/pair__value-2.csv");
                QVERIFY(first.ok() && second.ok());
                QVERIFY(sameBits(first->series.values(5, 0), two.series.values(5, 0)));
                QVERIFY(sameBits(second->series.values(5, 0), two.series.values(5, 1)));
            }
        }
    }

    // Series named like a readme, a licence or a hidden file came back from none of the
    // exports: the folder import skipped their files without a word.
    void namesAFolderImportSkipsComeBack()
    {
        std::vector<LabelledSeries> all;
        for (const char* name : {"readme_sensor", "License", "licence-plates", ".hidden", "ok"}) {
            LabelledSeries ls{randomSeries(11, 1, 30, TimeKind::Index), {}};
            ls.series.name = name;
            all.push_back(std::move(ls));
        }
        for (auto format : {ExportFormat::WideCsv, ExportFormat::Yahoo, ExportFormat::Nab}) {
            const std::string dir = vigil::test::makeTempDir("export-skipped-names");
            auto files = exportSeries(all, format, dir);
            QVERIFY2(files.ok(), files.ok() ? "" : files.error().message.c_str());
            auto back = importPaths({dir});
            QVERIFY2(back.ok(), back.ok() ? "" : back.error().message.c_str());
            std::set<std::string> names;
            for (const auto& s : *back) {
                names.insert(s.series.name);
            }
            QCOMPARE(names.size(), all.size());
            QVERIFY(names.count("readme_sensor") == 1 && names.count("License") == 1);
            QVERIFY(names.count("licence-plates") == 1 && names.count("_hidden") == 1);
        }
    }

    // A write that fails names its reason (never "Success"); a report given a folder is
    // refused before any plot is written.
    void writeErrorsSayWhy()
    {
        const std::string dir = vigil::test::makeTempDir("export-why");
        LabelledSeries ls{randomSeries(1, 1, 10, TimeKind::Index), {}};
        ls.series.name = "blocked";
        std::filesystem::create_directories(dir + "/blocked.csv"); // a folder where the file goes
        auto files = exportSeries({ls}, ExportFormat::WideCsv, dir);
        QVERIFY(!files.ok());
        QVERIFY2(files.error().message.find("Success") == std::string::npos,
                 files.error().message.c_str());
        QVERIFY2(files.error().message.find("folder") != std::string::npos,
                 files.error().message.c_str());

        auto project = Project::open(dir + "/p.vigil", OpenMode::CreateIfMissing);
        QVERIFY(project.ok());
        ImportedSeries one;
        one.series = randomSeries(2, 1, 100, TimeKind::Index);
        one.series.name = "one";
        QVERIFY((*project)->addSeries({one}).ok());
        const std::string folder = dir + "/reports/";
        std::filesystem::create_directories(folder);
        ReportOptions o;
        o.path = folder;
        auto r = writeReport(**project, o);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("folder") != std::string::npos, r.error().message.c_str());
        QVERIFY(std::filesystem::is_empty(folder)); // no stray "-1.svg"

        // A file name with a space and a '#' still links its plots.
        o.path = dir + "/we ird#name.md";
        QVERIFY(writeReport(**project, o).ok());
        QVERIFY(std::filesystem::exists(dir + "/we ird#name-1.svg"));
        const std::string md = vigil::test::readFile(o.path);
        QVERIFY2(md.find("](we%20ird%23name-1.svg)") != std::string::npos, md.c_str());
    }

    // A report never replaces the project or a series' source data (`report --out p.vigil`
    // turned the project into Markdown), and says which potential the model was trained with.
    void reportKeepsTheProjectAndSaysWhichPotentialIsUsed()
    {
        const std::string dir = vigil::test::makeTempDir("report-guard");
        vigil::test::writeFile(dir + "/src.csv", "timestamp,value\n1,1\n2,2\n3,1\n");
        auto imported = importPaths({dir + "/src.csv"});
        QVERIFY(imported.ok());
        const std::string path = dir + "/p.vigil";
        auto project = Project::open(path, OpenMode::CreateIfMissing);
        QVERIFY(project.ok());
        QVERIFY((*project)->addSeries(*imported).ok());
        const std::string projectBytes = vigil::test::readFile(path);
        for (const std::string& target : {path, dir + "/src.csv", dir + "/./p.vigil"}) {
            ReportOptions o;
            o.path = target;
            auto r = writeReport(**project, o);
            QVERIFY2(!r.ok(), target.c_str());
            QVERIFY2(r.error().message.find(target == dir + "/src.csv"
                                                ? "imported from"
                                                : "project file") != std::string::npos,
                     r.error().message.c_str());
        }
        QCOMPARE(vigil::test::readFile(dir + "/src.csv"),
                 std::string("timestamp,value\n1,1\n2,2\n3,1\n"));
        QVERIFY(Project::open(path, OpenMode::OpenExisting).ok());
        QVERIFY(!std::filesystem::exists(dir + "/p-1.svg"));

        // A model trained with the heuristic, then a potential written after it.
        QVERIFY((*project)->addModel("default", "{}", {}, R"({"potential":"heuristic"})").ok());
        PotentialRecord later;
        later.expression = "0.5 * z";
        later.provider = "builtin";
        QVERIFY((*project)->addPotential(later).ok());
        ReportOptions o;
        o.path = dir + "/r.md";
        QVERIFY(writeReport(**project, o).ok());
        std::string md = vigil::test::readFile(o.path);
        QVERIFY2(md.find("trained with the reference heuristic potential.") != std::string::npos,
                 md.c_str());
        QVERIFY2(md.find("`0.5 * z`; not used by a model yet") != std::string::npos, md.c_str());
        QVERIFY2(md.find("Lower band: the newest model's score") != std::string::npos, md.c_str());
        // Trained with it: one sentence, no "not used".
        QVERIFY(
            (*project)->addModel("default", "{}", {}, R"({"potential":"program: 0.5 * z"})").ok());
        o.path = dir + "/r.html";
        QVERIFY(writeReport(**project, o).ok());
        const std::string page = vigil::test::readFile(o.path);
        QVERIFY2(page.find("<p>Potential function (from builtin): <code>0.5 * z</code>.</p>") !=
                     std::string::npos,
                 page.c_str());
        QVERIFY(page.find("not used by a model") == std::string::npos);
        QVERIFY(page.find("trained with") == std::string::npos);
        QVERIFY(page.find("Lower band: the newest model's score") != std::string::npos);
    }

    // An export is all or nothing: a file that cannot be written (here a file where NAB's
    // labels folder goes, or a folder where a series' file goes) leaves the output folder as it
    // was, with no new folders, no .part files and earlier files unchanged.
    void failedExportLeavesTheFolderAsItWas()
    {
        LabelledSeries a{randomSeries(3, 1, 30, TimeKind::Index), {}};
        a.series.name = "a";
        LabelledSeries b{randomSeries(4, 1, 30, TimeKind::Index), {}};
        b.series.name = "b";
        const auto listing = [](const std::string& dir) {
            std::set<std::string> names;
            for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
                names.insert(std::filesystem::relative(e.path(), dir).string());
            }
            return names;
        };

        const std::string nab = vigil::test::makeTempDir("export-nab-blocked");
        vigil::test::writeFile(nab + "/labels", "not a folder");
        auto files = exportSeries({a, b}, ExportFormat::Nab, nab);
        QVERIFY(!files.ok());
        QVERIFY2(files.error().message.find("labels") != std::string::npos,
                 files.error().message.c_str());
        QCOMPARE(listing(nab), std::set<std::string>{"labels"}); // no data/vigil/*.csv
        QCOMPARE(vigil::test::readFile(nab + "/labels"), std::string("not a folder"));

        for (auto format : {ExportFormat::WideCsv, ExportFormat::Yahoo}) {
            const std::string dir = vigil::test::makeTempDir("export-blocked");
            vigil::test::writeFile(dir + "/a.csv", "old");
            std::filesystem::create_directories(dir + "/b.csv");
            files = exportSeries({a, b}, format, dir);
            QVERIFY(!files.ok());
            QCOMPARE(listing(dir), (std::set<std::string>{"a.csv", "b.csv"}));
            QCOMPARE(vigil::test::readFile(dir + "/a.csv"), std::string("old"));
        }

        // The folders an export had to create are gone again after a failure: here the
        // innermost folder's name is longer than a file system allows.
        const std::string parent = vigil::test::makeTempDir("export-new-folder");
        files =
            exportSeries({a, b}, ExportFormat::WideCsv, parent + "/new/" + std::string(300, 'n'));
        QVERIFY(!files.ok());
        QVERIFY(std::filesystem::is_empty(parent));
    }

    // Ctrl+C (a cancel) before a file is written leaves the folder as it was: the CLI used to
    // die with NAME.csv.part and new folders left behind.
    void cancelledExportLeavesNothing()
    {
        LabelledSeries a{randomSeries(3, 1, 30, TimeKind::Index), {}};
        a.series.name = "a";
        const std::string parent = vigil::test::makeTempDir("export-cancel");
        CancelToken cancel;
        cancel.requestCancel();
        for (auto format : {ExportFormat::WideCsv, ExportFormat::Yahoo, ExportFormat::Nab}) {
            auto files = exportSeries({a}, format, parent + "/out", &cancel);
            QVERIFY(!files.ok());
            QCOMPARE(files.error().message, std::string(kCancelledMessage));
            QVERIFY(std::filesystem::is_empty(parent));
        }
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
