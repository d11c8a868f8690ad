// SPDX-License-Identifier: MIT
// Loaders: generic CSV/TSV, Yahoo S5, SMD, NAB, UCR, format detection, ISO-8601, and a corpus
// of broken files that must give a located error and never crash.
#include "test_util.h"
#include "vigil/import_plan.h"
#include "vigil/importers.h"

#include <QByteArray>
#include <QString>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

using namespace vigil::core;
using vigil::test::makeTempDir;
using vigil::test::qs;
using vigil::test::writeFile;

namespace {

std::int64_t anomalousPoints(const std::vector<Label>& labels)
{
    std::int64_t n = 0;
    for (const Label& l : labels) {
        if (l.classId == kClassAnomaly) {
            n += l.size();
        }
    }
    return n;
}

Label imported(std::int64_t begin, std::int64_t end, int classId)
{
    Label l;
    l.begin = begin;
    l.end = end;
    l.classId = classId;
    l.source = LabelSource::Imported;
    l.channel = kAllChannels;
    l.confidence = 1.0;
    return l;
}

std::string toStd(const QByteArray& bytes)
{
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

} // namespace

Q_DECLARE_METATYPE(std::string)

class TestLoaders : public QObject
{
    Q_OBJECT

private slots:
    void iso8601_data();
    void iso8601();
    void iso8601Invalid_data();
    void iso8601Invalid();
    void iso8601RoundTrip();
    void dataFormatNames();

    void csvTimestamps_data();
    void csvTimestamps();
    void csvDelimiters_data();
    void csvDelimiters();
    void csvLabels();
    void csvTwoLabelColumns();
    void csvDecimalComma();
    void csvSaysWhatItLeavesOut();
    void csvPandasIndex();
    void csvDayAndMonthFirstDates();
    void csvSplitDateAndTime();
    void csvDatesThatOnlyLookAlike();
    void csvFractionalEpochSeconds();
    void csvEmptyLabelCells();
    void csvMissingValues();
    void csvBomAndCrlf();
    void csvNoHeader();
    void csvOptions();
    void csvLayoutPreview();
    void loadCsvNamesSeriesByStem();

    void brokenInput_data();
    void brokenInput();

    void yahooLayouts();
    void smdFixture();
    void nabFixture();
    void nabWindowsJson();
    void ucrFixture();
    void detectAndImportFolder();
    void importIsAllOrNothing();
    void planImportListsWhatImportReads();

    void realYahooA1();
    void realSmd();
};

// ---------------------------------------------------------------- ISO-8601

void TestLoaders::iso8601_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("millis");
    QTest::newRow("space") << QStringLiteral("2014-04-01 00:00:00") << qint64(1396310400000);
    QTest::newRow("T") << QStringLiteral("2014-04-01T00:00:00") << qint64(1396310400000);
    QTest::newRow("Z") << QStringLiteral("2014-04-01T00:00:00Z") << qint64(1396310400000);
    QTest::newRow("no seconds") << QStringLiteral("2014-04-01 00:00") << qint64(1396310400000);
    QTest::newRow("date only") << QStringLiteral("2014-04-01") << qint64(1396310400000);
    QTest::newRow("fraction") << QStringLiteral("2014-04-01T00:00:00.5+02:00")
                              << qint64(1396310400000 - 7200000 + 500);
    QTest::newRow("micro") << QStringLiteral("2013-12-10 06:25:00.000000") << qint64(1386656700000);
    QTest::newRow("offset hhmm") << QStringLiteral("2014-04-01T01:30:00+0130")
                                 << qint64(1396310400000);
    QTest::newRow("negative offset")
        << QStringLiteral("2014-03-31T19:00:00-05:00") << qint64(1396310400000);
    QTest::newRow("epoch") << QStringLiteral("1970-01-01T00:00:00Z") << qint64(0);
    QTest::newRow("before epoch") << QStringLiteral("1969-12-31T23:59:59.999Z") << qint64(-1);
    QTest::newRow("leap day") << QStringLiteral("2000-02-29") << qint64(951782400000);
}

void TestLoaders::iso8601()
{
    QFETCH(QString, text);
    QFETCH(qint64, millis);
    const auto parsed = parseIso8601(text.toStdString());
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, millis);
}

void TestLoaders::iso8601Invalid_data()
{
    QTest::addColumn<QString>("text");
    for (const char* bad :
         {"", "2014", "2014-04", "2014-13-01", "2014-02-30", "2019-02-29", "2014-04-01 25:00",
          "2014-04-01 10:61", "2014-04-01x10:00", "2014-04-01 10:00:00+", "2014-04-01 10:00:00.",
          "2014-04-01 10:00 Z", "1396310400", "abc", "2014-04-01 10:00:00+02:00junk",
          // An offset that leaves the years 0000-9999, which no export could write back.
          "9999-12-31T23:59:59-01:00", "0000-01-01T00:30:00+01:00"}) {
        QTest::newRow(bad) << QString::fromUtf8(bad);
    }
}

void TestLoaders::iso8601Invalid()
{
    QFETCH(QString, text);
    QVERIFY(!parseIso8601(text.toStdString()).has_value());
}

void TestLoaders::iso8601RoundTrip()
{
    QCOMPARE(formatIso8601(1396310400000), std::string("2014-04-01T00:00:00Z"));
    QCOMPARE(formatIso8601(1396310400123), std::string("2014-04-01T00:00:00.123Z"));
    QCOMPARE(formatIso8601(-1), std::string("1969-12-31T23:59:59.999Z"));
    for (const std::int64_t ms : {std::int64_t(0), std::int64_t(-1), std::int64_t(951782400000),
                                  std::int64_t(1396310400123), std::int64_t(-2208988800000),
                                  std::int64_t(253402300799999), std::int64_t(1700000000007)}) {
        const auto back = parseIso8601(formatIso8601(ms));
        QVERIFY2(back.has_value(), formatIso8601(ms).c_str());
        QCOMPARE(*back, ms);
    }
}

void TestLoaders::dataFormatNames()
{
    for (const DataFormat f : {DataFormat::Auto, DataFormat::Csv, DataFormat::Yahoo,
                               DataFormat::Smd, DataFormat::Nab, DataFormat::Ucr}) {
        const auto back = parseDataFormat(toString(f));
        QVERIFY(back.has_value());
        QCOMPARE(*back, f);
    }
    QVERIFY(parseDataFormat("YAHOO").has_value());
    QVERIFY(!parseDataFormat("xls").has_value());
}

// ---------------------------------------------------------------- generic CSV

void TestLoaders::csvTimestamps_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("second");

    QTest::newRow("iso no zone") << QByteArray("timestamp,value\n2014-04-01 00:00:00,1.5\n"
                                               "2014-04-01 00:05:00,2\n")
                                 << int(TimeKind::EpochMillis) << qint64(1396310400000)
                                 << qint64(1396310700000);
    QTest::newRow("iso with zone")
        << QByteArray("time,value\n2014-04-01T02:00:00+02:00,1.5\n"
                      "2014-04-01T00:05:00Z,2\n")
        << int(TimeKind::EpochMillis) << qint64(1396310400000) << qint64(1396310700000);
    QTest::newRow("iso by content")
        << QByteArray("when,value\n2014-04-01 00:00:00,1\n"
                      "2014-04-01 00:05:00,2\n")
        << int(TimeKind::EpochMillis) << qint64(1396310400000) << qint64(1396310700000);
    QTest::newRow("quoted iso") << QByteArray("\"date\",\"value\"\n\"2014-04-01\",1\n"
                                              "\"2014-04-02\",2\n")
                                << int(TimeKind::EpochMillis) << qint64(1396310400000)
                                << qint64(1396396800000);
    QTest::newRow("epoch seconds")
        << QByteArray("timestamp,value\n1396310400,1\n1396310460,2\n") << int(TimeKind::EpochMillis)
        << qint64(1396310400000) << qint64(1396310460000);
    QTest::newRow("epoch milliseconds")
        << QByteArray("timestamp,value\n1396310400000,1\n1396310460500,2\n")
        << int(TimeKind::EpochMillis) << qint64(1396310400000) << qint64(1396310460500);
    QTest::newRow("counter below the seconds' range")
        << QByteArray("timestamp,value\n999999999,1\n1000000001,2\n") << int(TimeKind::Numeric)
        << qint64(999999999) << qint64(1000000001);
    QTest::newRow("between seconds and milliseconds")
        << QByteArray("timestamp,value\n99999999999,1\n100000000000,2\n") << int(TimeKind::Numeric)
        << qint64(99999999999) << qint64(100000000000);
    QTest::newRow("headerless integers")
        << QByteArray("1,0.5\n2,0.7\n3,0.1\n") << int(TimeKind::Numeric) << qint64(1) << qint64(2);
    QTest::newRow("no timestamp") << QByteArray("a,b\n1,2\n3,4\n") << int(TimeKind::Index)
                                  << qint64(-1) << qint64(-1);
}

void TestLoaders::csvTimestamps()
{
    QFETCH(QByteArray, text);
    QFETCH(int, kind);
    QFETCH(qint64, first);
    QFETCH(qint64, second);
    auto r = parseCsv(toStd(text), "fixture.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const TimeSeries& s = r->series;
    QCOMPARE(int(s.timeKind), kind);
    QVERIFY(s.length() >= 2);
    if (kind == int(TimeKind::Index)) {
        QVERIFY(s.timestamps.empty());
        QCOMPARE(s.channels(), 2);
        QCOMPARE(s.channelNames, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(s.values(1, 1), 4.0);
    } else {
        QCOMPARE(qint64(s.timestamps.at(0)), first);
        QCOMPARE(qint64(s.timestamps.at(1)), second);
        QCOMPARE(s.channels(), 1);
    }
    QCOMPARE(s.name, std::string("fixture.csv"));
}

void TestLoaders::csvDelimiters_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<char>("delimiter");
    QTest::newRow("comma") << QByteArray("t,x,y\n1,1.5,2\n2,2.5,3\n") << ',';
    QTest::newRow("tsv") << QByteArray("t\tx\ty\n1\t1.5\t2\n2\t2.5\t3\n") << '\t';
    QTest::newRow("semicolon") << QByteArray("t;x;y\n1;1.5;2\n2;2.5;3\n") << ';';
    QTest::newRow("pipe") << QByteArray("t|x|y\n1|1.5|2\n2|2.5|3\n") << '|';
    QTest::newRow("spaces") << QByteArray("t   x  y\n 1  1.5  2\n2 2.5 3  \n") << ' ';
    QTest::newRow("padded comma") << QByteArray("t, x, y\n1, 1.5 , 2\n2,2.5,  3\n") << ',';
}

void TestLoaders::csvDelimiters()
{
    QFETCH(QByteArray, text);
    QFETCH(char, delimiter);
    auto layout = detectCsvLayout(toStd(text), "d.csv");
    QVERIFY2(layout.ok(), layout.ok() ? "" : layout.error().message.c_str());
    QCOMPARE(layout->delimiter, delimiter);
    QVERIFY(layout->hasHeader);
    auto r = parseCsv(toStd(text), "d.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.channelNames, (std::vector<std::string>{"x", "y"}));
    QCOMPARE(r->series.timeKind, TimeKind::Numeric);
    QCOMPARE(r->series.length(), std::int64_t(2));
    QCOMPARE(r->series.values(0, 0), 1.5);
    QCOMPARE(r->series.values(1, 1), 3.0);
}

void TestLoaders::csvLabels()
{
    // A quoted header name's doubled quotes are one quote (RFC 4180), as the wide-CSV export
    // writes them; they used to double again on every export and import.
    {
        auto q = parseCsv("timestamp,\"say \"\"hi\"\"\",\"a,b\"\n1,1,2\n2,3,4\n", "q.csv");
        QVERIFY2(q.ok(), q.ok() ? "" : q.error().message.c_str());
        QCOMPARE(q->series.channelNames, (std::vector<std::string>{"say \"hi\"", "a,b"}));
    }
    // A line break inside a quoted header name (as spreadsheets write "CPU (%)" over two
    // lines) reads as one space; it used to end the header and fail on "(%)"".
    {
        auto q = parseCsv("time,\"cpu\r\n(%)\",\"mem\n\n used\"\r\n1,1,2\r\n2,3,4\r\n", "nl.csv");
        QVERIFY2(q.ok(), q.ok() ? "" : q.error().message.c_str());
        QCOMPARE(q->series.channelNames, (std::vector<std::string>{"cpu (%)", "mem  used"}));
        QCOMPARE(q->series.length(), std::int64_t(2));
        QCOMPARE(q->series.values(1, 1), 4.0);
        // Errors after it name the file's own line numbers.
        auto bad = parseCsv("time,\"cpu\n(%)\"\n1,1\n2,x\n", "nlbad.csv");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().message.rfind("nlbad.csv:4:2:", 0) == 0, bad.error().message.c_str());
        // A quote left open does not swallow the file: the header is one line, as before.
        auto open = parseCsv("time,\"cpu\n1,1\n2,2\n", "open.csv");
        QVERIFY2(open.ok(), open.ok() ? "" : open.error().message.c_str());
        QCOMPARE(open->series.channelNames, std::vector<std::string>{"\"cpu"});
        QCOMPARE(open->series.length(), std::int64_t(2));
        // The quote of an unquoted name (inches) opens nothing, even with a quote further
        // down: the header is one line and every row is read (the first two were swallowed).
        auto inches = parseCsv("time,pipe 12\",value,note\n1,1,2,ok\n2,2,3,crack 3\" long\n"
                               "3,3,4,ok\n4,4,5,ok\n",
                               "inches.csv");
        QVERIFY2(inches.ok(), inches.ok() ? "" : inches.error().message.c_str());
        QCOMPARE(inches->series.length(), std::int64_t(4));
        QCOMPARE(inches->series.channelNames, (std::vector<std::string>{"pipe 12\"", "value"}));
    }
    auto r = parseCsv("timestamp,value,label\n1,1,false\n2,2,TRUE\n3,3,true\n4,4,False\n5,5,0\n",
                      "l.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.channelNames, std::vector<std::string>{"value"});
    const std::vector<Label> expected = {
        imported(0, 1, kClassNormal), imported(1, 3, kClassAnomaly), imported(3, 5, kClassNormal)};
    QCOMPARE(r->labels.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QVERIFY(r->labels[i] == expected[i]);
        QCOMPARE(r->labels[i].seriesId, std::int64_t(0));
    }
}

void TestLoaders::csvTwoLabelColumns()
{
    // is_anomaly is read; the second label-named column is not taken for a measurement.
    auto r = parseCsv("timestamp,value,label,is_anomaly\n1,1,0,0\n2,2,1,1\n3,3,0,0\n", "two.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(r->labels.size(), std::size_t(3));
    QVERIFY(r->labels[1] == imported(1, 2, kClassAnomaly));

    // Columns named label, class and source of a user's own (not Vigil's export, which ends in
    // confidence) leave is_anomaly the label column; it was read as a channel, 0 labels.
    auto own = parseCsv("timestamp,value,is_anomaly,label,class,source\n1,1,0,,,\n2,2,1,,,\n"
                        "3,3,1,,,\n",
                        "own.csv");
    QVERIFY2(own.ok(), own.ok() ? "" : own.error().message.c_str());
    QCOMPARE(own->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(anomalousPoints(own->labels), std::int64_t(2));

    // A user's own text in columns named class and source (a machine class, a data source) is
    // data, left out with a note like any text column; it was read as Vigil's label metadata
    // and the file refused ("expected a class … found \"pump\"").
    auto text = parseCsv("time,value,label,class,source\n1,1,0,pump,plant-a\n2,5,1,pump,plant-a\n"
                         "3,1,0,fan,plant-b\n",
                         "text.csv");
    QVERIFY2(text.ok(), text.ok() ? "" : text.error().message.c_str());
    QCOMPARE(text->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(anomalousPoints(text->labels), std::int64_t(1));
    QCOMPARE(text->labels.size(), std::size_t(3));
    for (const auto& l : text->labels) {
        QVERIFY(l.source == LabelSource::Imported);
    }
    QVERIFY(!text->notes.empty());
    // Vigil's own words there are still its label metadata.
    auto vigil = parseCsv("time,value,label,class,source\n1,1,0,normal,human\n2,5,1,anomaly,"
                          "human\n3,1,,,\n",
                          "vigil.csv");
    QVERIFY2(vigil.ok(), vigil.ok() ? "" : vigil.error().message.c_str());
    QCOMPARE(vigil->labels.size(), std::size_t(2));
    for (const auto& l : vigil->labels) {
        QVERIFY(l.source == LabelSource::Human);
    }
}

void TestLoaders::csvDecimalComma()
{
    // German Excel and LibreOffice write "1,5" with ';' or tab between cells. Without a header
    // the comma used to win the delimiter vote on a tie: one channel named "25" held only the
    // decimals, the timestamps were lost, and the import said nothing.
    auto noHeader = parseCsv("2026-12-01 10:00:00;1,5;20,25\n2026-12-01 10:01:00;1,6;-20,5\n"
                             "2026-12-01 10:02:00;1,7;2e3\n",
                             "de.csv");
    QVERIFY2(noHeader.ok(), noHeader.ok() ? "" : noHeader.error().message.c_str());
    QCOMPARE(noHeader->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(noHeader->series.channels(), 2);
    QCOMPARE(noHeader->series.length(), std::int64_t(3));
    QCOMPARE(noHeader->series.values(0, 0), 1.5);
    QCOMPARE(noHeader->series.values(1, 1), -20.5);
    QCOMPARE(noHeader->series.values(2, 1), 2000.0);
    auto tab = parseCsv("Zeit\tWert\n1\t1,25\n2\t\n3\t3\n", "de.tsv");
    QVERIFY2(tab.ok(), tab.ok() ? "" : tab.error().message.c_str());
    QCOMPARE(tab->series.channelNames, std::vector<std::string>{"Wert"});
    QCOMPARE(tab->series.values(0, 0), 1.25);
    QVERIFY(std::isnan(tab->series.values(1, 0)));
    // Every cell a decimal, no header: the comma has more fields than ';' but splits each
    // number in two (the first row became a header "1","5;2", the rest a text column).
    for (const char* text : {"1,5;2,5\n1,6;2,6\n1,7;2,7\n", "1,5\t2,5\n1,6\t2,6\n1,7\t2,7\n"}) {
        auto decimals = parseCsv(text, "dn.csv");
        QVERIFY2(decimals.ok(), decimals.ok() ? "" : decimals.error().message.c_str());
        QCOMPARE(decimals->series.length(), std::int64_t(3));
        QCOMPARE(decimals->series.channels(), 2);
        QCOMPARE(decimals->series.values(2, 1), 2.7);
        QVERIFY(decimals->notes.empty());
    }
    // A decimal comma after 60 whole numbers is refused, and the message says why.
    std::string late = "t;v\n";
    for (int i = 0; i < 60; ++i) {
        late += std::to_string(i) + ";" + std::to_string(i) + "\n";
    }
    late += "60;1,5\n";
    auto lateComma = parseCsv(late, "late.csv");
    QVERIFY(!lateComma.ok());
    QVERIFY2(lateComma.error().message.find("late.csv:62:2: expected a number, found \"1,5\" (a "
                                            "decimal comma, where the file's first 50 lines") == 0,
             lateComma.error().message.c_str());
    // A re-saved export: the confidence has a decimal comma too.
    auto resaved = parseCsv("timestamp;v;label;class;source;confidence\n1;1,5;1;anomaly;"
                            "propagated;0,8\n2;1,6;;;;\n",
                            "re.csv");
    QVERIFY2(resaved.ok(), resaved.ok() ? "" : resaved.error().message.c_str());
    QCOMPARE(resaved->labels.size(), std::size_t(1));
    QCOMPARE(resaved->labels[0].confidence, 0.8);
    // With the comma as the delimiter, nothing changes.
    auto comma = parseCsv("t,a,b\n1,1,5\n2,2,6\n", "en.csv");
    QVERIFY2(comma.ok(), comma.ok() ? "" : comma.error().message.c_str());
    QCOMPARE(comma->series.channels(), 2);
    QCOMPARE(comma->series.values(0, 1), 5.0);
}

void TestLoaders::csvSaysWhatItLeavesOut()
{
    // One column of values numbered by row: an empty line is an empty cell, as Excel saves one;
    // it was skipped and every later row moved up a place. Trailing empty lines add nothing.
    auto column = parseCsv("value\n1\n2\n\n4\n5\n\n\n", "column.csv");
    QVERIFY2(column.ok(), column.ok() ? "" : column.error().message.c_str());
    QCOMPARE(column->series.length(), std::int64_t(5));
    QVERIFY(std::isnan(column->series.values(2, 0)));
    QCOMPARE(column->series.values(3, 0), 4.0);
    QCOMPARE(column->notes.size(), std::size_t(1));
    QVERIFY2(column->notes[0].find("1 empty line(s)") == 0, column->notes[0].c_str());
    // Beside a time column an empty line is no row (its time is unknown): skipped as before.
    auto timed = parseCsv("t,v\n1,1\n\n2,2\n", "timed.csv");
    QVERIFY2(timed.ok(), timed.ok() ? "" : timed.error().message.c_str());
    QCOMPARE(timed->series.length(), std::int64_t(2));
    QVERIFY(timed->notes.empty());

    // Long format (one row per host and time) read as one series interleaves the hosts; the
    // host column was dropped without a word.
    auto longFormat =
        parseCsv("time,host,value\n1,web1,10\n2,web2,500\n3,web1,11\n4,web2,510\n", "long.csv");
    QVERIFY2(longFormat.ok(), longFormat.ok() ? "" : longFormat.error().message.c_str());
    QCOMPARE(longFormat->notes.size(), std::size_t(1));
    QVERIFY2(longFormat->notes[0].find("column \"host\" was left out") != std::string::npos &&
                 longFormat->notes[0].find("long format") != std::string::npos &&
                 longFormat->notes[0].find("\"web2\"") != std::string::npos,
             longFormat->notes[0].c_str());
    // A column that is text in the sample says where.
    auto text = parseCsv("t,a,b\n1,0,-\n2,1,-\n3,2,x\n", "text.csv");
    QVERIFY2(text.ok(), text.ok() ? "" : text.error().message.c_str());
    QCOMPARE(text->series.channelNames, std::vector<std::string>{"a"});
    QCOMPARE(text->notes.size(), std::size_t(1));
    QVERIFY2(text->notes[0] ==
                 "column \"b\" was left out: it holds text, not numbers (\"-\" on line 2)",
             text->notes[0].c_str());
    // Nothing left out, nothing said.
    QVERIFY(parseCsv("t,a\n1,2\n2,3\n", "plain.csv")->notes.empty());
    // Increasing date-times in a column of no known name are the time (they were left out as
    // text, the rows numbered instead); a constant one (InfluxDB's _start) is not.
    auto dated = parseCsv("host,_start,Time (UTC),value\nweb1,2026-12-01 00:00:00,2026-12-01 "
                          "10:00:00,1.5\nweb1,2026-12-01 00:00:00,2026-12-01 10:01:00,1.6\n",
                          "dated.csv");
    QVERIFY2(dated.ok(), dated.ok() ? "" : dated.error().message.c_str());
    QCOMPARE(dated->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(dated->series.timestamps[1] - dated->series.timestamps[0], std::int64_t(60000));
    QCOMPARE(dated->series.channelNames, std::vector<std::string>{"value"});
}

void TestLoaders::csvPandasIndex()
{
    // pandas' to_csv writes its index as an unnamed first column: it is the row index, not a
    // channel "col1"; with numbered columns its header ",0,1,2" was read as a row of data.
    auto named = parseCsv(",value,temp\n0,1.5,20\n1,2.5,21\n2,3.5,22\n", "idx.csv");
    QVERIFY2(named.ok(), named.ok() ? "" : named.error().message.c_str());
    QCOMPARE(named->series.channelNames, (std::vector<std::string>{"value", "temp"}));
    QCOMPARE(named->series.timeKind, TimeKind::Numeric);
    QVERIFY(named->series.timestamps == (std::vector<std::int64_t>{0, 1, 2}));
    QVERIFY(named->notes.empty());
    // Beside a time column, named or of any name, the index is neither the time nor a channel
    // (the date-times were left out as text under the index, or the index became "col1").
    for (const char* text : {",time,value\n0,1,1.5\n1,2,2.5\n2,3,3.5\n",
                             ",Time (UTC),value\n0,2026-12-01 10:00:00,1.5\n1,2026-12-01 "
                             "10:01:00,2.5\n2,2026-12-01 10:02:00,3.5\n"}) {
        auto timed = parseCsv(text, "timed.csv");
        QVERIFY2(timed.ok(), timed.ok() ? "" : timed.error().message.c_str());
        QCOMPARE(timed->series.channelNames, std::vector<std::string>{"value"});
        QVERIFY(timed->series.timeKind != TimeKind::Index);
        QCOMPARE(timed->series.timestamps[2] - timed->series.timestamps[1],
                 timed->series.timestamps[1] - timed->series.timestamps[0]);
        QVERIFY2(timed->notes.empty(), timed->notes.empty() ? "" : timed->notes[0].c_str());
    }
    // pd.concat without ignore_index: the index restarts after the sample, which the time
    // refuses; without a time column the rows are numbered, and the index is no channel.
    std::string concat = ",value\n";
    for (int part = 0; part < 2; ++part) {
        for (int i = 0; i < 60; ++i) {
            concat += std::to_string(i) + ',' + std::to_string(part * 100 + i) + '\n';
        }
    }
    QVERIFY(!parseCsv(concat, "concat.csv").ok());
    CsvOptions noTime;
    noTime.timeColumn = "";
    auto restarted = parseCsv(concat, "concat.csv", noTime);
    QVERIFY2(restarted.ok(), restarted.ok() ? "" : restarted.error().message.c_str());
    QCOMPARE(restarted->series.length(), std::int64_t(120));
    QCOMPARE(restarted->series.channels(), 1);
    QCOMPARE(restarted->series.values(119, 0), 159.0);
    // After a dropna() the index has gaps, which are the time's.
    std::string gaps = ",value\n";
    for (int i = 0; i < 60; ++i) {
        gaps += std::to_string(i) + ",1\n";
    }
    gaps += "100,2\n";
    auto dropped = parseCsv(gaps, "gaps.csv");
    QVERIFY2(dropped.ok(), dropped.ok() ? "" : dropped.error().message.c_str());
    QCOMPARE(dropped->series.timestamps.back(), std::int64_t(100));
    // A DatetimeIndex under numbered columns: ",0,1" is the header and the dates the time
    // (the header was read as a row of data when the next row did not start at 0).
    auto datetimeIndex =
        parseCsv(",0,1\n2026-01-01 00:00:00,1.5,2.5\n2026-01-01 01:00:00,1.6,2.6\n", "dti.csv");
    QVERIFY2(datetimeIndex.ok(), datetimeIndex.ok() ? "" : datetimeIndex.error().message.c_str());
    QCOMPARE(datetimeIndex->series.length(), std::int64_t(2));
    QCOMPARE(datetimeIndex->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(datetimeIndex->series.channelNames, (std::vector<std::string>{"0", "1"}));
    // An unnamed first column of other increasing integers is still the time.
    auto epoch = parseCsv(",value\n1700000000,1\n1700000060,2\n", "epoch.csv");
    QVERIFY(epoch.ok());
    QCOMPARE(epoch->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(epoch->series.timestamps[1], std::int64_t(1700000060000));
    auto numbered = parseCsv(",0,1,2\n0,0.5,0.6,0.7\n1,0.51,0.61,0.71\n", "np.csv");
    QVERIFY2(numbered.ok(), numbered.ok() ? "" : numbered.error().message.c_str());
    QCOMPARE(numbered->series.length(), std::int64_t(2));
    QCOMPARE(numbered->series.channelNames, (std::vector<std::string>{"0", "1", "2"}));
    QCOMPARE(numbered->series.values(0, 2), 0.7);
    // A headerless row whose first cell is missing stays data, also where the rest of it
    // looks like numbered columns but the next row does not start pandas' index at 0.
    auto missing = parseCsv(",1,5\n2,2,6\n3,3,7\n", "gap.csv");
    QVERIFY2(missing.ok(), missing.ok() ? "" : missing.error().message.c_str());
    QCOMPARE(missing->series.length(), std::int64_t(3));
    auto missingZero = parseCsv(",0\n1,0\n2,1\n3,4\n", "gap0.csv");
    QVERIFY2(missingZero.ok(), missingZero.ok() ? "" : missingZero.error().message.c_str());
    QCOMPARE(missingZero->series.length(), std::int64_t(4));
}

void TestLoaders::csvDayAndMonthFirstDates()
{
    const auto utc = [](const char* iso) { return *parseIso8601(iso); };
    // The clock parts.
    QCOMPARE(parseTimeOfDay("9:30"), std::optional<std::int64_t>(34200000));
    QCOMPARE(parseTimeOfDay("12:00 AM"), std::optional<std::int64_t>(0));
    QCOMPARE(parseTimeOfDay("12:00:01.5 pm"), std::optional<std::int64_t>(43201500));
    QCOMPARE(parseTimeOfDay("11:59 p.m."), std::optional<std::int64_t>(86340000));
    for (const char* bad : {"13:00 PM", "0:00 AM", "24:00", "10:60", "10", "10:00 XM", ""}) {
        QVERIFY2(!parseTimeOfDay(bad), bad);
    }
    QCOMPARE(parseDateTime("01.12.2026 10:00", DateOrder::Dmy), utc("2026-12-01 10:00"));
    QCOMPARE(parseDateTime("12/01/2026 10:00 PM", DateOrder::Mdy), utc("2026-12-01 22:00"));
    QCOMPARE(parseDateTime("12/1/2026, 10:00:00", DateOrder::Mdy), utc("2026-12-01 10:00"));
    QCOMPARE(parseDateTime("2026/12/01", DateOrder::Ymd), utc("2026-12-01"));
    QCOMPARE(parseDateTime("29.02.2024T23:59:59.250", DateOrder::Dmy),
             utc("2024-02-29 23:59:59.250"));
    for (const char* bad : {"29.02.2026", "01.12.26", "01.12/2026", "13/13/2026", "01.12.2026 x",
                            "01.12.2026  ", "1.2"}) {
        QVERIFY2(!parseDateTime(bad, DateOrder::Dmy), bad);
    }

    // German Excel: day first with points, under a German name; the data rows were refused as
    // "a date-time format Vigil does not read".
    auto german = parseCsv("Datum;Wert\n01.12.2026 10:00;1,5\n01.12.2026 11:00;2,5\n"
                           "13.12.2026 12:00;3\n",
                           "de.csv");
    QVERIFY2(german.ok(), german.ok() ? "" : german.error().message.c_str());
    QCOMPARE(german->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(german->series.timestamps[2], utc("2026-12-13 12:00"));
    QCOMPARE(german->series.values(0, 0), 1.5);
    QVERIFY(german->notes.empty());
    // Without a header the first row stays data.
    auto headerless = parseCsv("01.12.2026 10:00;1\n01.12.2026 11:00;2\n", "de2.csv");
    QVERIFY2(headerless.ok(), headerless.ok() ? "" : headerless.error().message.c_str());
    QCOMPARE(headerless->series.length(), std::int64_t(2));
    QCOMPARE(headerless->series.timestamps[0], utc("2026-12-01 10:00"));

    // Hourly data over a day boundary: day first steps an hour, month first a month.
    std::string hourly = "time,v\n";
    for (int h = 0; h < 72; ++h) {
        char row[64];
        std::snprintf(row, sizeof row, "%02d/02/2026 %02d:00,%d\n", 1 + h / 24, h % 24, h);
        hourly += row;
    }
    auto dayFirst = parseCsv(hourly, "hourly.csv");
    QVERIFY2(dayFirst.ok(), dayFirst.ok() ? "" : dayFirst.error().message.c_str());
    QCOMPARE(dayFirst->series.timestamps[71], utc("2026-02-03 23:00"));
    QVERIFY(dayFirst->notes.empty());
    // Asked for, the other order is read, and refused where it does not fit.
    CsvOptions monthFirst;
    monthFirst.dateOrder = DateOrder::Mdy;
    auto asked = parseCsv(hourly, "hourly.csv", monthFirst);
    QVERIFY(asked.ok());
    QCOMPARE(asked->series.timestamps[0], utc("2026-01-02 00:00"));
    auto refused = parseCsv("t,v\n13/01/2026,1\n", "d.csv", monthFirst);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().message ==
                 "d.csv:2:1: expected a month-first date-time such as 04/01/2014 10:00 AM, "
                 "found \"13/01/2026\"",
             refused.error().message.c_str());

    // One day of data reads either way: month first for slashes (US spreadsheets), with a note
    // that says so and how to read it the other way.
    auto oneDay = parseCsv("time,v\n05/06/2026 10:00,1\n05/06/2026 11:00,2\n", "amb.csv");
    QVERIFY2(oneDay.ok(), oneDay.ok() ? "" : oneDay.error().message.c_str());
    QCOMPARE(oneDay->series.timestamps[0], utc("2026-05-06 10:00"));
    QCOMPARE(oneDay->notes.size(), std::size_t(1));
    QVERIFY2(oneDay->notes[0].find("read month first (\"05/06/2026 10:00\" as 2026-05-06)") !=
                     std::string::npos &&
                 oneDay->notes[0].find("--date-order dmy") != std::string::npos,
             oneDay->notes[0].c_str());
    // A guess the rest of the file contradicts is read the other way: 60 rows of one day
    // (the sample), then the days after it up to the 14th.
    std::string late = "time,v\n";
    for (int m = 0; m < 60; ++m) {
        char row[64];
        std::snprintf(row, sizeof row, "05/01/2026 00:%02d,%d\n", m, m);
        late += row;
    }
    for (int d = 6; d <= 14; ++d) {
        late += (d < 10 ? "0" : "") + std::to_string(d) + "/01/2026 00:00,1\n";
    }
    auto reread = parseCsv(late, "late.csv");
    QVERIFY2(reread.ok(), reread.ok() ? "" : reread.error().message.c_str());
    QCOMPARE(reread->series.timestamps.back(), utc("2026-01-14 00:00"));
    QVERIFY(reread->notes.empty());
    // Times that go back under both orders keep the first read's error.
    auto back = parseCsv("time,v\n05/01/2026 10:00,1\n05/01/2026 09:00,2\n", "back.csv");
    QVERIFY(!back.ok());
    QVERIFY2(back.error().message.find("back.csv:3:1: timestamps must increase") == 0,
             back.error().message.c_str());
}

void TestLoaders::csvSplitDateAndTime()
{
    const auto utc = [](const char* iso) { return *parseIso8601(iso); };
    // Date and time of day in two columns, as spreadsheets and loggers write them; the time
    // of day used to be a text column left out, the date alone the time (refused: the rows of
    // one day share it).
    auto split = parseCsv("Date,Time,value\n12/01/2026,10:00:00 AM,1\n12/01/2026,11:30:00 PM,2\n"
                          "12/02/2026,12:00:00 AM,3\n",
                          "us.csv");
    QVERIFY2(split.ok(), split.ok() ? "" : split.error().message.c_str());
    QCOMPARE(split->series.channelNames, std::vector<std::string>{"value"});
    QVERIFY(split->series.timestamps ==
            (std::vector<std::int64_t>{utc("2026-12-01 10:00"), utc("2026-12-01 23:30"),
                                       utc("2026-12-02 00:00")}));
    QVERIFY2(split->notes.empty(), split->notes.empty() ? "" : split->notes[0].c_str());
    // The time column named first, the date before it; ISO dates.
    auto isoSplit = parseCsv("day;Zeit;Wert\n2026-12-01;10:00;1\n2026-12-01;10:01;2\n", "s.csv");
    QVERIFY2(isoSplit.ok(), isoSplit.ok() ? "" : isoSplit.error().message.c_str());
    QCOMPARE(isoSplit->series.timestamps[1], utc("2026-12-01 10:01"));
    QCOMPARE(isoSplit->series.channels(), 1);
    // Errors name the cell; a repeated time names the line it repeats.
    auto badClock = parseCsv("Date,Time,v\n2026-12-01,10:00,1\n2026-12-01,late,2\n", "b.csv");
    QVERIFY(!badClock.ok());
    QCOMPARE(QString::fromStdString(badClock.error().message),
             QStringLiteral("b.csv:3:2: expected a time of day such as 10:00:00, found \"late\""));
    auto repeated = parseCsv("Date,Time,v\n2026-12-01,10:00,1\n2026-12-01,10:00,2\n", "r.csv");
    QVERIFY(!repeated.ok());
    QVERIFY2(repeated.error().message.find("r.csv:3:2: duplicate timestamp: same as on line 2") ==
                 0,
             repeated.error().message.c_str());
}

void TestLoaders::csvDatesThatOnlyLookAlike()
{
    const auto utc = [](const char* iso) { return *parseIso8601(iso); };
    // Durations beside daily dates are no times of day: the dates are the time, at midnight,
    // and the durations a text column with a note (they became the dates' hours).
    auto durations =
        parseCsv("date,duration,value\n2026-01-01,01:30,5\n2026-01-02,00:45,6\n", "dur.csv");
    QVERIFY2(durations.ok(), durations.ok() ? "" : durations.error().message.c_str());
    QCOMPARE(durations->series.timestamps[1], utc("2026-01-02"));
    QCOMPARE(durations->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(durations->notes.size(), std::size_t(1));
    // Monthly rows over one year read as daily rows the other way: the separator's custom
    // decides, with the note, not the narrower steps (read daily without a word).
    std::string us = "date,sales\n";
    std::string de = "Datum;Umsatz\n";
    for (int m = 1; m <= 12; ++m) {
        char row[64];
        std::snprintf(row, sizeof row, "%02d/01/2026,%d\n", m, m);
        us += row;
        std::snprintf(row, sizeof row, "01.%02d.2026;%d\n", m, m);
        de += row;
    }
    for (const auto& [text, name] : {std::pair{us, "us.csv"}, std::pair{de, "de.csv"}}) {
        auto monthly = parseCsv(text, name);
        QVERIFY2(monthly.ok(), monthly.ok() ? "" : monthly.error().message.c_str());
        QCOMPARE(monthly->series.timestamps[11], utc("2026-12-01"));
        QCOMPARE(monthly->notes.size(), std::size_t(1));
    }
    // A header of hours (a pivot table) is a header: times of day alone are no row of data.
    auto pivot = parseCsv(",00:00,06:00\n2026-01-01,1.5,2.5\n2026-01-02,1.6,2.6\n", "pivot.csv");
    QVERIFY2(pivot.ok(), pivot.ok() ? "" : pivot.error().message.c_str());
    QCOMPARE(pivot->series.channelNames, (std::vector<std::string>{"00:00", "06:00"}));
    QCOMPARE(pivot->series.length(), std::int64_t(2));
}

void TestLoaders::csvFractionalEpochSeconds()
{
    // Python's time.time() writes Unix seconds with a fraction; they were refused as
    // "a fractional timestamp".
    auto r = parseCsv("ts,v\n1733047200.0,1\n1733047200.25,2\n1733047200.5,3\n", "py.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.timeKind, TimeKind::EpochMillis);
    QVERIFY(r->series.timestamps ==
            (std::vector<std::int64_t>{1733047200000, 1733047200250, 1733047200500}));
    // With a decimal comma, too.
    auto comma = parseCsv("time;value\n1733047200,25;1\n1733047201,5;2\n", "pyde.csv");
    QVERIFY2(comma.ok(), comma.ok() ? "" : comma.error().message.c_str());
    QCOMPARE(comma->series.timestamps[1], std::int64_t(1733047201500));
    // Whole seconds are date-times too, with a note that says how they were read; the
    // import's option keeps them as the numbers the file wrote. Small fractions stay refused.
    auto whole = parseCsv("ts,v\n1733047200,1\n1733047201,2\n", "s.csv");
    QVERIFY(whole.ok());
    QCOMPARE(whole->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(whole->series.timestamps, (std::vector<std::int64_t>{1733047200000, 1733047201000}));
    QCOMPARE(whole->notes.size(), std::size_t(1));
    QVERIFY2(whole->notes[0].find("\"ts\" holds whole Unix seconds") != std::string::npos,
             whole->notes[0].c_str());
    CsvOptions asNumbers;
    asNumbers.unixTimesAsDates = false;
    auto kept = parseCsv("ts,v\n1733047200,1\n1733047201,2\n", "s.csv", asNumbers);
    QVERIFY(kept.ok());
    QCOMPARE(kept->series.timeKind, TimeKind::Numeric);
    QCOMPARE(kept->series.timestamps, (std::vector<std::int64_t>{1733047200, 1733047201}));
    QVERIFY(kept->notes.empty());
    auto small = parseCsv("t,v\n0.5,1\n1.0,2\n", "f.csv");
    QVERIFY(!small.ok());
    QVERIFY2(small.error().message.find("a fractional timestamp") != std::string::npos,
             small.error().message.c_str());
}

void TestLoaders::csvEmptyLabelCells()
{
    auto r = parseCsv("t,v,is_anomaly\n1,1,0\n2,2,\n3,3,1\n4,4,1\n5,5,\n", "e.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->labels.size(), std::size_t(2));
    QVERIFY(r->labels[0] == imported(0, 1, kClassNormal));
    QVERIFY(r->labels[1] == imported(2, 4, kClassAnomaly));
    // NA (R's write.csv) and NaN leave a row unlabelled, as they leave a value missing.
    auto na = parseCsv("t,v,is_anomaly\n1,1,0\n2,2,NA\n3,3,1\n4,4,1\n5,5,nan\n", "na.csv");
    QVERIFY2(na.ok(), na.ok() ? "" : na.error().message.c_str());
    QCOMPARE(na->labels, r->labels);
}

void TestLoaders::csvMissingValues()
{
    auto r = parseCsv("t,v,w\n1,,1\n2,nan,2\n3,NA,3\n4,null,4\n5,NaN,5\n6,1.25,\n", "m.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    const auto& v = r->series.values;
    QCOMPARE(v.rows(), Eigen::Index(6));
    for (int i = 0; i < 5; ++i) {
        QVERIFY2(std::isnan(v(i, 0)), std::to_string(i).c_str());
        QCOMPARE(v(i, 1), double(i + 1));
    }
    QCOMPARE(v(5, 0), 1.25);
    QVERIFY(std::isnan(v(5, 1)));
}

void TestLoaders::csvBomAndCrlf()
{
    auto r =
        parseCsv("\xEF\xBB\xBFtimestamp,value,is_anomaly\r\n1,1.5,0\r\n2,2.5,1\r\n\r\n", "bom.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.timeKind, TimeKind::Numeric);
    QCOMPARE(r->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(r->series.length(), std::int64_t(2));
    QCOMPARE(r->series.values(1, 0), 2.5);
    QCOMPARE(anomalousPoints(r->labels), std::int64_t(1));

    // Classic Mac OS line ends (a bare CR) read the same; they used to be one header line.
    auto cr = parseCsv("timestamp,value,is_anomaly\r1,1.5,0\r2,2.5,1\r", "cr.csv");
    QVERIFY2(cr.ok(), cr.ok() ? "" : cr.error().message.c_str());
    QCOMPARE(cr->series.length(), std::int64_t(2));
    QCOMPARE(cr->series.values(1, 0), 2.5);
    QCOMPARE(anomalousPoints(cr->labels), std::int64_t(1));
    const std::string dir = vigil::test::makeTempDir("loaders-cr");
    vigil::test::writeFile(dir + "/real_1.csv", "timestamp,value,is_anomaly\r1,3,0\r2,4,0\r");
    QCOMPARE(detectFormat(dir + "/real_1.csv").value(), DataFormat::Yahoo);
    auto yahoo = loadYahoo(dir + "/real_1.csv");
    QVERIFY2(yahoo.ok(), yahoo.ok() ? "" : yahoo.error().message.c_str());
    QCOMPARE(yahoo->series.length(), std::int64_t(2));
}

void TestLoaders::csvNoHeader()
{
    auto single = parseCsv("1.5\n2.5\n-3e2\n", "one.csv");
    QVERIFY2(single.ok(), single.ok() ? "" : single.error().message.c_str());
    QCOMPARE(single->series.timeKind, TimeKind::Index);
    QCOMPARE(single->series.channelNames, std::vector<std::string>{"col1"});
    QCOMPARE(single->series.values(2, 0), -300.0);

    // Floats in the first column are values, not a clock.
    auto floats = parseCsv("0.5,1\n0.25,2\n", "f.csv");
    QVERIFY(floats.ok());
    QCOMPARE(floats->series.timeKind, TimeKind::Index);
    QCOMPARE(floats->series.channels(), 2);
}

void TestLoaders::csvOptions()
{
    const std::string text = "id,when,a,b,flag\n10,1,1,2,1\n11,2,3,4,0\n";
    CsvOptions options;
    options.timeColumn = "when";
    options.labelColumn = "flag";
    options.valueColumns = {"b"};
    auto r = parseCsv(text, "o.csv", options);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.channelNames, std::vector<std::string>{"b"});
    QCOMPARE(r->series.timestamps, (std::vector<std::int64_t>{1, 2}));
    QCOMPARE(anomalousPoints(r->labels), std::int64_t(1));

    CsvOptions none;
    none.timeColumn = "";
    none.labelColumn = "";
    auto all = parseCsv("timestamp,v,label\n1,2,1\n", "n.csv", none);
    QVERIFY(all.ok());
    QCOMPARE(all->series.timeKind, TimeKind::Index);
    QCOMPARE(all->series.channels(), 3);
    QVERIFY(all->labels.empty());

    CsvOptions missing;
    missing.timeColumn = "nope";
    auto bad = parseCsv(text, "o.csv", missing);
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message.find("nope") != std::string::npos);

    // A text column is not a channel.
    auto textColumn = parseCsv("time,host,v\n1,alpha,1\n2,beta,2\n", "h.csv");
    QVERIFY(textColumn.ok());
    QCOMPARE(textColumn->series.channelNames, std::vector<std::string>{"v"});

    // One column, one role: the timestamp or the label asked for as values too is refused (the
    // channel was never written: zeros or leftover memory).
    for (const char* twice : {"when", "flag"}) {
        CsvOptions both = options;
        both.valueColumns = {"b", twice};
        auto refused = parseCsv(text, "o.csv", both);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find(std::string("column \"") + twice + "\" is the") !=
                     std::string::npos,
                 refused.error().message.c_str());
    }

    // A column chosen twice, by name or by position, is refused (the second channel stayed
    // empty).
    for (const char* again : {"b", "col4"}) {
        CsvOptions twice = options;
        twice.valueColumns = {"b", again};
        auto refused = parseCsv(text, "o.csv", twice);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find("the value column \"b\" is chosen twice") !=
                     std::string::npos,
                 refused.error().message.c_str());
    }

    // A name two columns share chooses neither; "colN" chooses by position.
    const std::string dup = "t,a,a\n1,10,100\n2,11,101\n";
    CsvOptions byName;
    byName.valueColumns = {"a"};
    auto ambiguous = parseCsv(dup, "d.csv", byName);
    QVERIFY(!ambiguous.ok());
    QVERIFY2(ambiguous.error().message.find("2 columns are named \"a\"") != std::string::npos,
             ambiguous.error().message.c_str());
    CsvOptions byPosition;
    byPosition.valueColumns = {"col3"};
    auto second = parseCsv(dup, "d.csv", byPosition);
    QVERIFY2(second.ok(), second.ok() ? "" : second.error().message.c_str());
    QCOMPARE(second->series.values(1, 0), 101.0);

    // Timestamps finer than a millisecond meet at the millisecond: the message says why.
    auto fine = parseCsv("timestamp,v\n2024-01-01T00:00:00.000100Z,1\n"
                         "2024-01-01T00:00:00.000200Z,2\n",
                         "f.csv");
    QVERIFY(!fine.ok());
    QVERIFY2(fine.error().message.find("to the millisecond") != std::string::npos,
             fine.error().message.c_str());
    auto same = parseCsv("timestamp,v\n2024-01-01T00:00:00.000100Z,1\n"
                         "2024-01-01T00:00:00.000100Z,2\n",
                         "s.csv");
    QVERIFY(!same.ok());
    QVERIFY(same.error().message.find("to the millisecond") == std::string::npos);
}

void TestLoaders::csvLayoutPreview()
{
    auto layout = detectCsvLayout("timestamp;value;is_anomaly\n1;2.5;0\n2;3.5;1\n", "p.csv");
    QVERIFY(layout.ok());
    QCOMPARE(layout->delimiter, ';');
    QCOMPARE(layout->columns, (std::vector<std::string>{"timestamp", "value", "is_anomaly"}));
    QCOMPARE(layout->timeColumn, 0);
    QCOMPARE(layout->labelColumn, 2);
    QCOMPARE(layout->valueColumns, std::vector<int>{1});
    QCOMPARE(layout->timeKind, TimeKind::Numeric);
    QCOMPARE(layout->previewRows.size(), std::size_t(2));
    QCOMPARE(layout->previewRows[1][1], std::string("3.5"));
}

void TestLoaders::loadCsvNamesSeriesByStem()
{
    const std::string dir = makeTempDir("csvstem");
    writeFile(dir + "/cpu load.csv", "ts,cpu\n1,0.5\n2,0.75\n");
    auto r = loadCsv(dir + "/cpu load.csv");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.name, std::string("cpu load"));
    QCOMPARE(r->series.sourcePath, dir + "/cpu load.csv");

    auto missing = loadCsv(dir + "/absent.csv");
    QVERIFY(!missing.ok());
    QVERIFY(missing.error().message.find("absent.csv") != std::string::npos);
}

// ---------------------------------------------------------------- broken input corpus

void TestLoaders::brokenInput_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // must appear in the message (file:line[:col])
    QTest::addColumn<QString>("what");     // and so must this explanation

    const std::string tenMb(10u * 1024u * 1024u, 'x');
    std::string tenMbNumbers;
    tenMbNumbers.reserve(10u * 1024u * 1024u + 2);
    while (tenMbNumbers.size() < 10u * 1024u * 1024u) {
        tenMbNumbers += "1,";
    }
    tenMbNumbers += "1\n";
    const auto bytes = [](const std::string& s) {
        return QByteArray(s.data(), static_cast<qsizetype>(s.size()));
    };

    QTest::newRow("empty file") << QByteArray() << QStringLiteral("broken.csv:1")
                                << QStringLiteral("empty");
    QTest::newRow("blank lines only")
        << QByteArray("\n\r\n  \n") << QStringLiteral("broken.csv:1") << QStringLiteral("empty");
    QTest::newRow("header only") << QByteArray("timestamp,value\n")
                                 << QStringLiteral("broken.csv:1")
                                 << QStringLiteral("no data rows");
    QTest::newRow("header only, blank lines")
        << QByteArray("\n\ntimestamp,value\n\n") << QStringLiteral("broken.csv:3")
        << QStringLiteral("no data rows");
    QTest::newRow("too few fields")
        << QByteArray("a,b,c\n1,2,3\n4,5\n") << QStringLiteral("broken.csv:3:3")
        << QStringLiteral("expected 3 fields, found 2");
    QTest::newRow("too many fields")
        << QByteArray("a,b\n1,2\n3,4\n5,6,7\n") << QStringLiteral("broken.csv:4:3")
        << QStringLiteral("expected 2 fields, found 3");
    QTest::newRow("too many fields, blanks")
        << QByteArray("a b\n1 2\n3 4 5 6\n") << QStringLiteral("broken.csv:3:3")
        << QStringLiteral("expected 2 fields, found 4");
    QTest::newRow("non-numeric cell")
        << QByteArray("a,b\n1,2\n3,abc\n") << QStringLiteral("broken.csv:3:2")
        << QStringLiteral("expected a number, found \"abc\"");
    QTest::newRow("non-numeric, one row")
        << QByteArray("a\nabc\n") << QStringLiteral("broken.csv:2:1")
        << QStringLiteral("expected a number");
    // Blank lines after the header, or before headerless data, were counted twice.
    QTest::newRow("blank lines after the header")
        << QByteArray("time,value\n\n\n1,1\n2,x\n") << QStringLiteral("broken.csv:5:2")
        << QStringLiteral("expected a number");
    QTest::newRow("blank lines before data")
        << QByteArray("\n\n1,2\n3,x\n") << QStringLiteral("broken.csv:4:2")
        << QStringLiteral("expected a number");
    // A decimal comma beside a decimal point in one file is not guessed at.
    QTest::newRow("comma and point decimals")
        << QByteArray("t;v\n1;2.5\n2;1,5\n") << QStringLiteral("broken.csv:3:2")
        << QStringLiteral("\"1,5\" has a decimal comma, but \"2.5\" on line 2 a decimal point");
    // German thousands beside decimal commas: the comma column was left out as text, the
    // other read as 1.234.
    QTest::newRow("thousands and decimal commas")
        << QByteArray("Zeit;Zaehler;Temperatur\n1;1.234;21,5\n2;1.240;21,6\n")
        << QStringLiteral("broken.csv:2:3")
        << QStringLiteral("\"21,5\" has a decimal comma, but \"1.234\" on line 2");
    QTest::newRow("fractional time with a decimal comma")
        << QByteArray("Zeit;Spannung\n0,000;1,5\n0,001;1,6\n") << QStringLiteral("broken.csv:3:1")
        << QStringLiteral("a fractional timestamp");
    QTest::newRow("duplicate timestamp")
        << QByteArray("timestamp,v\n1,1\n2,2\n2,3\n") << QStringLiteral("broken.csv:4:1")
        << QStringLiteral("duplicate timestamp");
    QTest::newRow("decreasing timestamp")
        << QByteArray("timestamp,v\n1,1\n3,2\n2,3\n") << QStringLiteral("broken.csv:4:1")
        << QStringLiteral("must increase");
    QTest::newRow("decreasing iso")
        << QByteArray("timestamp,v\n2014-04-01 00:05:00,1\n"
                      "2014-04-01 00:00:00,2\n")
        << QStringLiteral("broken.csv:3:1") << QStringLiteral("must increase");
    QTest::newRow("bad date") << QByteArray("timestamp,v\n2014-04-01 00:00:00,1\n"
                                            "2014-13-01 00:00:00,2\n")
                              << QStringLiteral("broken.csv:3:1") << QStringLiteral("ISO-8601");
    QTest::newRow("missing timestamp")
        << QByteArray("timestamp,v\n1,1\n,2\n") << QStringLiteral("broken.csv:3:1")
        << QStringLiteral("integer timestamp");
    QTest::newRow("nan timestamp")
        << QByteArray("timestamp,v\n1,1\nnan,2\n") << QStringLiteral("broken.csv:3:1")
        << QStringLiteral("integer timestamp");
    QTest::newRow("float timestamp")
        << QByteArray("timestamp,v\n1,1\n2.5,2\n") << QStringLiteral("broken.csv:3:1")
        << QStringLiteral("a fractional timestamp (timestamps are whole numbers");
    QTest::newRow("slashed date")
        << QByteArray("timestamp,v\n24/01/01 00:00:00,1\n") << QStringLiteral("broken.csv:2:1")
        << QStringLiteral("a date-time format Vigil does not read (it reads ISO 8601");
    QTest::newRow("two-digit year")
        << QByteArray("timestamp,v\n01/02/24 10:00,1\n") << QStringLiteral("broken.csv:2:1")
        << QStringLiteral("date-time format Vigil does not read");
    QTest::newRow("inf") << QByteArray("a,b\n1,2\n3,inf\n") << QStringLiteral("broken.csv:3:2")
                         << QStringLiteral("infinite");
    QTest::newRow("-inf") << QByteArray("a,b\n1,2\n-inf,3\n") << QStringLiteral("broken.csv:3:1")
                          << QStringLiteral("infinite");
    QTest::newRow("Infinity") << QByteArray("a\n1\nInfinity\n") << QStringLiteral("broken.csv:3:1")
                              << QStringLiteral("infinite");
    QTest::newRow("overflow") << QByteArray("a\n1\n1e999\n") << QStringLiteral("broken.csv:3:1")
                              << QStringLiteral("infinite");
    QTest::newRow("bad label") << QByteArray("t,v,label\n1,1,0\n2,1,2\n")
                               << QStringLiteral("broken.csv:3:3") << QStringLiteral("label");
    QTest::newRow("non-utf8 header") << QByteArray("time,val\xff\xfe,x\n1,2,3\n")
                                     << QStringLiteral("broken.csv:1:2") << QStringLiteral("UTF-8");
    QTest::newRow("non-utf8 cell")
        << QByteArray("a,b\n1,2\n3,\xfe\xff\n") << QStringLiteral("broken.csv:3:2")
        << QStringLiteral("\\xfe\\xff");
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\x03\n\x00\x00\xff\n", 10)
                            << QStringLiteral("broken.csv:") << QString();
    QTest::newRow("10 MB single line")
        << bytes(tenMb) << QStringLiteral("broken.csv:1") << QStringLiteral("no data rows");
    QTest::newRow("10 MB numeric line")
        << bytes(tenMbNumbers) << QStringLiteral("broken.csv:1") << QStringLiteral("columns");
    QTest::newRow("10 MB cell") << bytes("a,b\n1,2\n3," + tenMb + "\n")
                                << QStringLiteral("broken.csv:3:2")
                                << QStringLiteral("expected a number");
    QTest::newRow("unterminated quote")
        << QByteArray("a,b\n1,\"2\n3,4\n") << QStringLiteral("broken.csv:2:2")
        << QStringLiteral("expected a number");
}

void TestLoaders::brokenInput()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QFETCH(QString, what);
    const std::string dir = makeTempDir("broken");
    const std::string path = dir + "/broken.csv";
    writeFile(path, toStd(content));

    auto r = loadCsv(path);
    QVERIFY2(!r.ok(), "a broken file was accepted");
    const QString message = QString::fromUtf8(r.error().message);
    QVERIFY2(message.contains(expected), qPrintable(message));
    QVERIFY2(message.contains(what), qPrintable(message));
    // The message must be valid UTF-8 (it is shown in the GUI as is).
    QCOMPARE(message.toUtf8(), QByteArray::fromStdString(r.error().message));

    // The in-memory parser agrees, and auto import reports the same problem.
    auto inMemory = parseCsv(toStd(content), "broken.csv");
    QVERIFY(!inMemory.ok());
    auto viaImport = importPaths({path});
    QVERIFY(!viaImport.ok());
    QVERIFY(!viaImport.error().message.empty());
}

// ---------------------------------------------------------------- benchmark formats

void TestLoaders::yahooLayouts()
{
    const std::string dir = makeTempDir("yahoo");
    writeFile(dir + "/real_3.csv", "timestamp,value,is_anomaly\n1,10.5,0\n2,11,1\n3,12,1\n4,3,0\n");
    writeFile(dir + "/A3Benchmark-TS7.csv",
              "timestamps,value,anomaly,changepoint,trend,noise,seasonality1,seasonality2,"
              "seasonality3\n1416722400,5.5,0,0,1,0.1,0,0,0\n1416726000,6.5,1,0,1,0.1,0,0,0\n");
    writeFile(dir + "/headerless.csv", "1,10.5,0\n2,11,1\n");

    QCOMPARE(*detectFormat(dir + "/real_3.csv"), DataFormat::Yahoo);
    QCOMPARE(*detectFormat(dir + "/A3Benchmark-TS7.csv"), DataFormat::Yahoo);

    auto a1 = loadYahoo(dir + "/real_3.csv");
    QVERIFY2(a1.ok(), a1.ok() ? "" : a1.error().message.c_str());
    QCOMPARE(a1->series.name, std::string("real_3"));
    QCOMPARE(a1->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(a1->series.timeKind, TimeKind::Numeric);
    QCOMPARE(a1->series.timestamps, (std::vector<std::int64_t>{1, 2, 3, 4}));
    QCOMPARE(anomalousPoints(a1->labels), std::int64_t(2));
    QVERIFY(a1->labels[1] == imported(1, 3, kClassAnomaly));

    auto a3 = loadYahoo(dir + "/A3Benchmark-TS7.csv");
    QVERIFY2(a3.ok(), a3.ok() ? "" : a3.error().message.c_str());
    QCOMPARE(a3->series.channels(), 1);
    QCOMPARE(a3->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(a3->series.values(1, 0), 6.5);
    QCOMPARE(a3->series.timeKind, TimeKind::EpochMillis); // A3's Unix seconds are dates
    QCOMPARE(a3->series.timestamps.front(), std::int64_t(1416722400000));
    QCOMPARE(anomalousPoints(a3->labels), std::int64_t(1));

    auto bare = loadYahoo(dir + "/headerless.csv");
    QVERIFY2(bare.ok(), bare.ok() ? "" : bare.error().message.c_str());
    QCOMPARE(bare->series.channelNames, std::vector<std::string>{"value"});
    QCOMPARE(anomalousPoints(bare->labels), std::int64_t(1));

    writeFile(dir + "/other.csv", "a,b\n1,2\n");
    auto wrong = loadYahoo(dir + "/other.csv");
    QVERIFY(!wrong.ok());
    QVERIFY(wrong.error().message.find("other.csv:1") != std::string::npos);
}

void TestLoaders::smdFixture()
{
    const std::string root = makeTempDir("smd");
    writeFile(root + "/test/machine-9-1.txt", "0.1,0.2,0.3\n0.4,0.5,0.6\n0.7,0.8,0.9\n");
    writeFile(root + "/test_label/machine-9-1.txt", "0\n1\n1\n");
    writeFile(root + "/train/machine-9-1.txt", "0.1,0.2,0.3\n0.4,0.5,0.6\n");
    writeFile(root + "/test/machine-9-2.txt", "1,2,3\n4,5,6\n");
    writeFile(root + "/test_label/machine-9-2.txt", "0\n0\n");
    writeFile(root + "/interpretation_label/machine-9-1.txt", "1-3:1,2\n");

    QCOMPARE(*detectFormat(root), DataFormat::Smd);
    auto one = loadSmdMachine(root, "machine-9-1");
    QVERIFY2(one.ok(), one.ok() ? "" : one.error().message.c_str());
    QCOMPARE(one->series.name, std::string("machine-9-1"));
    QCOMPARE(one->series.channelNames, (std::vector<std::string>{"dim1", "dim2", "dim3"}));
    QCOMPARE(one->series.timeKind, TimeKind::Index);
    QCOMPARE(one->series.values(2, 1), 0.8);
    QCOMPARE(one->labels.size(), std::size_t(2));
    QVERIFY(one->labels[1] == imported(1, 3, kClassAnomaly));

    auto train = loadSmdTrain(root, "machine-9-1");
    QVERIFY(train.ok());
    QCOMPARE(train->name, std::string("machine-9-1-train"));
    QCOMPARE(train->length(), std::int64_t(2));

    auto all = importPaths({root});
    QVERIFY2(all.ok(), all.ok() ? "" : all.error().message.c_str());
    QCOMPARE(all->size(), std::size_t(2));
    QCOMPARE((*all)[0].series.name, std::string("machine-9-1"));
    QCOMPARE((*all)[1].series.name, std::string("machine-9-2"));

    writeFile(root + "/test_label/machine-9-2.txt", "0\n0\n1\n");
    auto mismatch = loadSmdMachine(root, "machine-9-2");
    QVERIFY(!mismatch.ok());
    QVERIFY2(mismatch.error().message.find("test_label/machine-9-2.txt:3") != std::string::npos,
             mismatch.error().message.c_str());
    QVERIFY(!importPaths({root}).ok());

    auto absent = loadSmdMachine(root, "machine-0-0");
    QVERIFY(!absent.ok());
    QVERIFY(!loadSmdTrain(root, "machine-9-2").ok());
}

void TestLoaders::nabFixture()
{
    const std::string root = makeTempDir("nab");
    const std::string csv = root + "/data/realKnownCause/machine_temp.csv";
    writeFile(csv, "timestamp,value\n"
                   "2013-12-10 06:20:00,1\n"
                   "2013-12-10 06:25:00,2\n"
                   "2013-12-10 06:30:00,3\n"
                   "2013-12-10 06:35:00,4\n"
                   "2013-12-10 06:40:00,5\n");
    writeFile(root + "/labels/combined_windows.json",
              R"({"realKnownCause/machine_temp.csv": [["2013-12-10 06:25:00.000000",
                   "2013-12-10 06:30:00.000000"]], "other/x.csv": []})");
    QCOMPARE(*detectFormat(csv), DataFormat::Nab);
    auto r = loadNab(csv);
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.name, std::string("machine_temp"));
    QCOMPARE(r->series.timeKind, TimeKind::EpochMillis);
    QCOMPARE(r->labels.size(), std::size_t(3));
    QVERIFY(r->labels[0] == imported(0, 1, kClassNormal));
    QVERIFY(r->labels[1] == imported(1, 3, kClassAnomaly)); // both ends inclusive
    QVERIFY(r->labels[2] == imported(3, 5, kClassNormal));

    // Explicit JSON keyed by another folder: found by file name alone.
    const std::string json = root + "/elsewhere.json";
    writeFile(json,
              R"({"someDir/machine_temp.csv": [["2013-12-10 06:40:00", "2013-12-10 07:00:00"]]})");
    auto byName = loadNab(csv, json);
    QVERIFY2(byName.ok(), byName.ok() ? "" : byName.error().message.c_str());
    QCOMPARE(anomalousPoints(byName->labels), std::int64_t(1));

    auto imported1 = importPaths({root + "/data/realKnownCause"});
    QVERIFY2(imported1.ok(), imported1.ok() ? "" : imported1.error().message.c_str());
    QCOMPARE(anomalousPoints((*imported1)[0].labels), std::int64_t(2));

    writeFile(json, "{\"machine_temp.csv\": [[\"2013-12-10\", \n\"nope\"]]}");
    auto badTime = loadNab(csv, json);
    QVERIFY(!badTime.ok());
    QVERIFY(badTime.error().message.find("nope") != std::string::npos);

    const std::string loose = makeTempDir("nabloose") + "/x.csv";
    writeFile(loose, "timestamp,value\n2013-12-10 06:20:00,1\n");
    auto noJson = loadNab(loose);
    QVERIFY(!noJson.ok());
    QVERIFY(noJson.error().message.find("combined_windows.json") != std::string::npos);
}

void TestLoaders::nabWindowsJson()
{
    auto w =
        parseNabWindows(R"({"a/b.csv": [["2014-04-01 00:00:00", "2014-04-01 00:10:00.000000"]]})",
                        "a/b.csv", "w.json");
    QVERIFY(w.ok());
    QCOMPARE(w->size(), std::size_t(1));
    QCOMPARE(w->front().first, std::int64_t(1396310400000));
    QCOMPARE(w->front().second, std::int64_t(1396311000000));

    auto syntax = parseNabWindows("{\n\"a/b.csv\": [\n[1,,]\n}", "a/b.csv", "w.json");
    QVERIFY(!syntax.ok());
    QVERIFY2(syntax.error().message.find("w.json:3") != std::string::npos,
             syntax.error().message.c_str());
    QVERIFY(!parseNabWindows("[]", "a/b.csv", "w.json").ok());
    QVERIFY(!parseNabWindows(R"({"a/c.csv": []})", "a/b.csv", "w.json").ok());
    QVERIFY(!parseNabWindows(R"({"a/b.csv": [[1, 2]]})", "a/b.csv", "w.json").ok());
    QVERIFY(!parseNabWindows("", "a/b.csv", "w.json").ok());
}

void TestLoaders::ucrFixture()
{
    const std::string dir = makeTempDir("ucr");
    const std::string name = "001_UCR_Anomaly_Some_Name_5_7_8";
    std::string lines;
    for (int i = 0; i < 10; ++i) {
        lines += std::to_string(i * 0.5) + "\n";
    }
    writeFile(dir + "/" + name + ".txt", lines);
    QCOMPARE(*detectFormat(dir + "/" + name + ".txt"), DataFormat::Ucr);
    auto r = loadUcr(dir + "/" + name + ".txt");
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    QCOMPARE(r->series.name, name);
    QCOMPARE(r->series.length(), std::int64_t(10));
    QCOMPARE(r->series.values(3, 0), 1.5);
    // Training prefix [0, 5) normal, anomaly 7..8 (1-based, inclusive) = rows [6, 8).
    QCOMPARE(r->labels.size(), std::size_t(2));
    QVERIFY(r->labels[0] == imported(0, 5, kClassNormal));
    QVERIFY(r->labels[1] == imported(6, 8, kClassAnomaly));

    const std::string oneLine = "002_UCR_Anomaly_Flat_3_4_4";
    writeFile(dir + "/" + oneLine + ".txt", "  1.0  2.0   3.0 4.0  5.0 6.0\n");
    auto flat = loadUcr(dir + "/" + oneLine + ".txt");
    QVERIFY2(flat.ok(), flat.ok() ? "" : flat.error().message.c_str());
    QCOMPARE(flat->series.length(), std::int64_t(6));
    QVERIFY(flat->labels[1] == imported(3, 4, kClassAnomaly));

    writeFile(dir + "/003_UCR_Anomaly_Bad_2_3_4.txt", "1\n2\nzz\n4\n");
    auto bad = loadUcr(dir + "/003_UCR_Anomaly_Bad_2_3_4.txt");
    QVERIFY(!bad.ok());
    QVERIFY2(bad.error().message.find("003_UCR_Anomaly_Bad_2_3_4.txt:3") != std::string::npos,
             bad.error().message.c_str());
    // A name that does not fit says which of its numbers and why, not a line of the file
    // ("…:5: … do not fit the 4 values" for an anomaly that ends before it begins).
    const std::vector<std::pair<std::string, std::string>> names = {
        {"004_UCR_Anomaly_Short_2_3_40.txt", "anomaly 3-40, past the 4 values in the file"},
        {"005_UCR_Anomaly_Rev_2_4_3.txt", "anomaly 4-3, but the anomaly ends before it begins"},
        {"006_UCR_Anomaly_Zero_0_2_3.txt", "train end 0 and anomaly 2-3, but the archive counts "
                                           "values from 1"}};
    for (const auto& [file, why] : names) {
        writeFile(dir + "/" + file, "1\n2\n3\n4\n");
        auto refused = loadUcr(dir + "/" + file);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().message.find(file + ": the file name gives") == 0 &&
                     refused.error().message.find(why) != std::string::npos,
                 refused.error().message.c_str());
    }
    writeFile(dir + "/plain.txt", "1\n2\n");
    QVERIFY(!loadUcr(dir + "/plain.txt").ok());
}

void TestLoaders::detectAndImportFolder()
{
    const std::string dir = makeTempDir("folder");
    writeFile(dir + "/README.md", "# not data\n");
    writeFile(dir + "/LICENSE", "MIT\n");
    writeFile(dir + "/meta.json", "{}\n");
    writeFile(dir + "/real_10.csv", "timestamp,value,is_anomaly\n1,1,0\n");
    writeFile(dir + "/real_2.csv", "timestamp,value,is_anomaly\n1,1,0\n2,2,1\n");
    writeFile(dir + "/b.csv", "x;y\n1;2\n");
    writeFile(dir + "/a.tsv", "x\ty\n1\t2\n");

    QCOMPARE(*detectFormat(dir + "/b.csv"), DataFormat::Csv);
    QVERIFY(!detectFormat(dir + "/absent").ok());
    // A UCR name on a .csv is a table: Vigil's own CSV export of a UCR series keeps the name,
    // and importing it back failed ('expected a number, found "timestamp"').
    writeFile(dir + "/ucr/001_UCR_Anomaly_foo_10_12_14.csv", "timestamp,value\n0,1\n1,2\n");
    writeFile(dir + "/ucr/002_UCR_Anomaly_bar_2_3_4.txt", "1\n2\n3\n4\n5\n6\n");
    QCOMPARE(*detectFormat(dir + "/ucr/001_UCR_Anomaly_foo_10_12_14.csv"), DataFormat::Csv);
    QCOMPARE(*detectFormat(dir + "/ucr/002_UCR_Anomaly_bar_2_3_4.txt"), DataFormat::Ucr);
    // NAB's layout whatever the case of its timestamp column.
    writeFile(dir + "/nab/data/cat/c.csv",
              "Timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,2\n");
    writeFile(dir + "/nab/labels/combined_windows.json",
              "{\"cat/c.csv\": [[\"2014-04-01 00:05:00.000000\", \"2014-04-01 "
              "00:05:00.000000\"], [\"2014-04-01 00:01:00\", \"2014-04-01 00:02:00\"]]}");
    QCOMPARE(*detectFormat(dir + "/nab/data/cat/c.csv"), DataFormat::Nab);
    // A window that holds no row is said, not dropped without a word.
    auto nab = importPaths({dir + "/nab"});
    QVERIFY2(nab.ok(), nab.ok() ? "" : nab.error().message.c_str());
    QCOMPARE(anomalousPoints(nab->front().labels), std::int64_t(1));
    QCOMPARE(nab->front().notes.size(), std::size_t(1));
    QVERIFY2(nab->front().notes[0].find("the NAB window 2014-04-01T00:01:00Z to "
                                        "2014-04-01T00:02:00Z holds no row") == 0,
             nab->front().notes[0].c_str());
    // The category is found however the path is written: from inside its folder "c.csv"
    // had none, and matched any entry ending in c.csv.
    writeFile(dir + "/nab/data/other/c.csv", "timestamp,value\n2014-04-01 00:00:00,1\n");
    writeFile(dir + "/nab/labels/combined_windows.json",
              "{\"cat/c.csv\": [[\"2014-04-01 00:05:00\", \"2014-04-01 00:05:00\"]], "
              "\"other/c.csv\": []}");
    {
        const auto before = std::filesystem::current_path();
        std::filesystem::current_path(dir + "/nab/data/cat");
        auto relative = loadNab("c.csv");
        auto dotted = loadNab("./c.csv");
        std::filesystem::current_path(before);
        QVERIFY2(relative.ok(), relative.ok() ? "" : relative.error().message.c_str());
        QVERIFY2(dotted.ok(), dotted.ok() ? "" : dotted.error().message.c_str());
        QCOMPARE(anomalousPoints(relative->labels), std::int64_t(1));
        QCOMPARE(anomalousPoints(dotted->labels), std::int64_t(1));
    }
    std::filesystem::remove_all(dir + "/nab");
    std::filesystem::remove_all(dir + "/ucr");
    auto r = importPaths({dir});
    QVERIFY2(r.ok(), r.ok() ? "" : r.error().message.c_str());
    std::vector<std::string> names;
    for (const auto& s : *r) {
        names.push_back(s.series.name);
    }
    QCOMPARE(names, (std::vector<std::string>{"a", "b", "real_2", "real_10"}));
    QCOMPARE(anomalousPoints((*r)[2].labels), std::int64_t(1));

    // Files and folders mixed, in the order given.
    auto mixed = importPaths({dir + "/b.csv", dir + "/real_2.csv"});
    QVERIFY(mixed.ok());
    QCOMPARE(mixed->size(), std::size_t(2));

    // A forced format applies to every file.
    auto forced = importPaths({dir + "/real_2.csv"}, DataFormat::Csv);
    QVERIFY(forced.ok());
    QCOMPARE(forced->front().series.channelNames, std::vector<std::string>{"value"});
    QVERIFY(!importPaths({dir + "/b.csv"}, DataFormat::Smd).ok());
    QVERIFY(!importPaths({}).ok());
    QVERIFY(!importPaths({makeTempDir("empty")}).ok());

    // Yahoo's column names over date-times are a generic CSV (it was refused: "Yahoo S5
    // timestamps must be integers"); integer times stay Yahoo.
    const std::string kinds = makeTempDir("folder-kinds");
    writeFile(kinds + "/iso.csv",
              "timestamp,value,is_anomaly\n2026-12-01T10:00:00Z,1,0\n2026-12-01T10:01:00Z,2,1\n");
    QCOMPARE(*detectFormat(kinds + "/iso.csv"), DataFormat::Csv);
    auto iso = importPaths({kinds + "/iso.csv"});
    QVERIFY2(iso.ok(), iso.ok() ? "" : iso.error().message.c_str());
    QCOMPARE(anomalousPoints(iso->front().labels), std::int64_t(1));
    writeFile(kinds + "/ints.csv", "timestamp,value,is_anomaly\n\n1,1,0\n2,2,1\n");
    QCOMPARE(*detectFormat(kinds + "/ints.csv"), DataFormat::Yahoo);
    // UTF-16 (Excel's "Unicode text") and gzip say what they are and what to do.
    writeFile(kinds + "/u16.txt", std::string("\xFF\xFEt\0,\0v\0\n\0", 10));
    auto u16 = importPaths({kinds + "/u16.txt"});
    QVERIFY(!u16.ok());
    QVERIFY2(u16.error().message.find("UTF-16") != std::string::npos, u16.error().message.c_str());
    writeFile(kinds + "/d.csv.gz", std::string("\x1F\x8B\x08\0\0\0", 6));
    auto gz = importPaths({kinds + "/d.csv.gz"});
    QVERIFY(!gz.ok());
    QVERIFY2(gz.error().message.find("gzip") != std::string::npos, gz.error().message.c_str());
}

void TestLoaders::planImportListsWhatImportReads()
{
    const std::string dir = makeTempDir("plan");
    writeFile(dir + "/data/README.md", "# not data\n");
    writeFile(dir + "/data/real_10.csv", "timestamp,value,is_anomaly\n1,1,0\n");
    writeFile(dir + "/data/real_2.csv", "when,a,b\n1,2,3\n2,4,5\n");
    writeFile(dir + "/smd/test/machine-1-1.txt", "1,2\n3,4\n");
    writeFile(dir + "/smd/test_label/machine-1-1.txt", "0\n1\n");
    auto items = planImport({dir + "/data", dir + "/smd"});
    QVERIFY2(items.ok(), items.ok() ? "" : items.error().message.c_str());
    QCOMPARE(items->size(), std::size_t(3));
    QVERIFY((*items)[0].path.ends_with("real_2.csv")); // natural order, README skipped
    QCOMPARE((*items)[0].format, DataFormat::Csv);
    QCOMPARE((*items)[1].format, DataFormat::Yahoo);
    QCOMPARE((*items)[2].format, DataFormat::Smd); // the folder stays one item
    // Loading the items one by one gives what importPaths gives.
    auto all = importPaths({dir + "/data", dir + "/smd"});
    QVERIFY(all.ok());
    std::vector<std::string> names;
    for (const ImportItem& item : *items) {
        auto some = loadImportItem(item);
        QVERIFY2(some.ok(), some.ok() ? "" : some.error().message.c_str());
        for (const auto& s : *some) {
            names.push_back(s.series.name);
        }
    }
    QCOMPARE(names.size(), all->size());
    for (std::size_t i = 0; i < names.size(); ++i) {
        QCOMPARE(names[i], (*all)[i].series.name);
    }
    // CSV options reach generic CSV items only.
    CsvOptions only;
    only.valueColumns = {"b"};
    auto b = loadImportItem((*items)[0], only);
    QVERIFY(b.ok());
    QCOMPARE(b->front().series.channelNames, std::vector<std::string>{"b"});
    auto yahoo = loadImportItem((*items)[1], only);
    QVERIFY(yahoo.ok());
    QCOMPARE(yahoo->front().series.channelNames, std::vector<std::string>{"value"});
    // Errors as importPaths reports them.
    QVERIFY(!planImport({}).ok());
    QVERIFY(!planImport({dir + "/absent"}).ok());
    QVERIFY(!planImport({makeTempDir("plan-empty")}).ok());
    QVERIFY(!loadImportItem({dir + "/data/real_2.csv", DataFormat::Smd}).ok());
}

void TestLoaders::importIsAllOrNothing()
{
    const std::string dir = makeTempDir("allornothing");
    writeFile(dir + "/a.csv", "x\n1\n2\n");
    writeFile(dir + "/b.csv", "x\n1\nfoo\n");
    writeFile(dir + "/c.csv", "x\n3\n");
    auto r = importPaths({dir});
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message.find("b.csv:3:1") != std::string::npos, r.error().message.c_str());
    QVERIFY(!importPaths({dir + "/a.csv", dir + "/missing.csv"}).ok());
}

// ---------------------------------------------------------------- real data

void TestLoaders::realYahooA1()
{
    const std::string shared = vigil::test::sharedDataDir();
    if (shared.empty() || !std::filesystem::is_directory(shared + "/yahoo_a1")) {
        QSKIP("shared data not present (set VIGIL_SHARED_DATA); real Yahoo A1 not checked");
    }
    const std::string dir = shared + "/yahoo_a1";
    // The README's statistics table: | real_N.csv | rows | anomalous points | ...
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> expected;
    std::istringstream readme(vigil::test::readFile(dir + "/README.md"));
    const std::regex row(R"(^\|\s*(real_\d+)\.csv\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|)");
    for (std::string line; std::getline(readme, line);) {
        std::smatch m;
        if (std::regex_search(line, m, row)) {
            expected[m[1]] = {std::stoll(m[2]), std::stoll(m[3])};
        }
    }
    QCOMPARE(expected.size(), std::size_t(45));
    QCOMPARE(expected["real_1"], (std::pair<std::int64_t, std::int64_t>{1420, 2}));
    QCOMPARE(expected["real_17"], (std::pair<std::int64_t, std::int64_t>{1424, 227}));

    QCOMPARE(*detectFormat(dir), DataFormat::Yahoo);
    auto all = importPaths({dir});
    QVERIFY2(all.ok(), all.ok() ? "" : all.error().message.c_str());
    QCOMPARE(all->size(), std::size_t(45));
    QCOMPARE(all->front().series.name, std::string("real_1"));
    QCOMPARE(all->back().series.name, std::string("real_45"));
    for (const ImportedSeries& s : *all) {
        const auto it = expected.find(s.series.name);
        QVERIFY2(it != expected.end(), s.series.name.c_str());
        QCOMPARE(s.series.length(), it->second.first);
        QCOMPARE(anomalousPoints(s.labels), it->second.second);
        QCOMPARE(s.series.channelNames, std::vector<std::string>{"value"});
        QCOMPARE(s.series.timeKind, TimeKind::Numeric);
        QCOMPARE(s.series.timestamps.front(), std::int64_t(1));
        QCOMPARE(s.series.timestamps.back(), s.series.length());
        QVERIFY(s.series.values.allFinite());
    }
}

void TestLoaders::realSmd()
{
    const std::string shared = vigil::test::sharedDataDir();
    if (shared.empty() || !std::filesystem::is_directory(shared + "/smd/test")) {
        QSKIP("shared data not present (set VIGIL_SHARED_DATA); real SMD not checked");
    }
    const std::string root = shared + "/smd";
    QCOMPARE(*detectFormat(root), DataFormat::Smd);
    auto all = importPaths({root});
    QVERIFY2(all.ok(), all.ok() ? "" : all.error().message.c_str());
    QCOMPARE(all->size(), std::size_t(3));
    const std::vector<std::tuple<std::string, std::int64_t, std::int64_t>> expected = {
        {"machine-1-2", 23694, 542}, {"machine-1-3", 23703, 817}, {"machine-1-4", 23707, 720}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& s = (*all)[i];
        QCOMPARE(s.series.name, std::get<0>(expected[i]));
        QCOMPARE(s.series.channels(), 38);
        QCOMPARE(s.series.channelNames.front(), std::string("dim1"));
        QCOMPARE(s.series.channelNames.back(), std::string("dim38"));
        QCOMPARE(s.series.length(), std::get<1>(expected[i]));
        QCOMPARE(anomalousPoints(s.labels), std::get<2>(expected[i]));
        QVERIFY(s.series.values.minCoeff() >= 0.0 && s.series.values.maxCoeff() <= 1.0);
    }
    auto train = loadSmdTrain(root, "machine-1-2");
    QVERIFY(train.ok());
    QCOMPARE(train->name, std::string("machine-1-2-train"));
    QCOMPARE(train->length(), std::int64_t(23694));
    QCOMPARE(train->channels(), 38);
}

QTEST_APPLESS_MAIN(TestLoaders)
#include "tst_loaders.moc"
