// SPDX-License-Identifier: MIT
#include "vigil/label.h"

#include <QTest>

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

using namespace vigil::core;

namespace {

Label mk(std::int64_t b, std::int64_t e, int channel = kAllChannels, int cls = kClassAnomaly,
         LabelSource src = LabelSource::Human, std::string author = "a", std::int64_t time = 1)
{
    Label l;
    l.seriesId = 1;
    l.begin = b;
    l.end = e;
    l.channel = channel;
    l.classId = cls;
    l.source = src;
    l.author = std::move(author);
    l.time = time;
    return l;
}

auto key(const Label& l)
{
    return std::tie(l.seriesId, l.begin, l.end, l.channel, l.classId, l.source, l.confidence,
                    l.author, l.time);
}

std::vector<Label> sorted(std::vector<Label> v)
{
    std::sort(v.begin(), v.end(), [](const Label& a, const Label& b) { return key(a) < key(b); });
    return v;
}

std::vector<Label> after(std::vector<Label> state, const LabelDiff& diff)
{
    if (!label_ops::apply(state, diff)) {
        qFatal("diff does not apply");
    }
    return sorted(state);
}

} // namespace

class TstLabelOps : public QObject
{
    Q_OBJECT

private slots:
    void sourceNames()
    {
        for (auto s : {LabelSource::Human, LabelSource::Propagated, LabelSource::Model,
                       LabelSource::Imported}) {
            LabelSource back = LabelSource::Human;
            QVERIFY(parseLabelSource(toString(s), &back));
            QCOMPARE(back, s);
        }
        LabelSource out = LabelSource::Model;
        QVERIFY(!parseLabelSource("Human", &out));
        QVERIFY(!parseLabelSource("", &out));
        QCOMPARE(out, LabelSource::Model);
    }

    void assignIntoEmpty()
    {
        const auto d = label_ops::assign({}, mk(3, 7));
        QVERIFY(d.removed.empty());
        QCOMPARE(d.added.size(), size_t(1));
        QCOMPARE(d.added[0], mk(3, 7));
        QVERIFY(label_ops::assign({}, mk(5, 5)).empty());
    }

    void assignCutsOtherClass()
    {
        const std::vector<Label> cur{mk(0, 10, kAllChannels, kClassNormal)};
        const auto d = label_ops::assign(cur, mk(3, 6));
        QCOMPARE(sorted(d.removed), cur);
        QCOMPARE(after(cur, d), sorted({mk(0, 3, kAllChannels, kClassNormal), mk(3, 6),
                                        mk(6, 10, kAllChannels, kClassNormal)}));
        // Covering an old label completely removes it without leftovers.
        const auto d2 = label_ops::assign(cur, mk(0, 12));
        QCOMPARE(after(cur, d2), std::vector<Label>{mk(0, 12)});
    }

    void assignMerges_data()
    {
        QTest::addColumn<int>("b");
        QTest::addColumn<int>("e");
        QTest::addColumn<int>("mergedBegin");
        QTest::addColumn<int>("mergedEnd");
        QTest::addColumn<int>("covered");
        QTest::newRow("adjacent left") << 5 << 8 << 0 << 8 << 28;
        QTest::newRow("inside right") << 15 << 18 << 10 << 20 << 25;
        QTest::newRow("bridging") << 5 << 10 << 0 << 20 << 30;
        QTest::newRow("overlapping both") << 3 << 12 << 0 << 20 << 30;
        QTest::newRow("inside") << 1 << 2 << 0 << 5 << 25;
        QTest::newRow("adjacent to last") << 40 << 41 << 30 << 41 << 26;
    }
    void assignMerges()
    {
        QFETCH(int, b);
        QFETCH(int, e);
        QFETCH(int, mergedBegin);
        QFETCH(int, mergedEnd);
        QFETCH(int, covered);
        const std::vector<Label> cur{mk(0, 5), mk(10, 20), mk(30, 40)};
        const Label nl = mk(b, e, kAllChannels, kClassAnomaly, LabelSource::Human, "a", 99);
        const auto d = label_ops::assign(cur, nl);
        const auto got = after(cur, d);
        Label merged = nl;
        merged.begin = mergedBegin;
        merged.end = mergedEnd;
        QVERIFY(std::find(got.begin(), got.end(), merged) != got.end());
        QCOMPARE(after(got, d.inverted()), sorted(cur));
        QCOMPARE(label_ops::coveredPoints(got), std::int64_t(covered));
    }

    // Two analysts' labels side by side stay two, each with its author (they used to merge
    // into one label of the newer author).
    void assignKeepsAuthorsApart()
    {
        const std::vector<Label> cur{mk(10, 11)};
        const Label bob = mk(11, 13, kAllChannels, kClassAnomaly, LabelSource::Human, "bob", 2);
        const auto d = label_ops::assign(cur, bob);
        QVERIFY(d.removed.empty());
        QCOMPARE(after(cur, d), sorted({mk(10, 11), bob}));
        // Over another's label it still cuts (one label per point and channel).
        const auto over = label_ops::assign(
            cur, mk(9, 12, kAllChannels, kClassAnomaly, LabelSource::Human, "bob", 2));
        QCOMPARE(after(cur, over).size(), std::size_t(1));
        QCOMPARE(after(cur, over).front().author, std::string("bob"));
    }

    void assignDoesNotMergeDifferentKind()
    {
        const std::vector<Label> cur{mk(0, 5, kAllChannels, kClassAnomaly, LabelSource::Model),
                                     mk(10, 15, 0), mk(15, 20, kAllChannels, kClassNormal)};
        const auto got = after(cur, label_ops::assign(cur, mk(5, 10)));
        QCOMPARE(got.size(), size_t(4));
        QVERIFY(std::find(got.begin(), got.end(), mk(5, 10)) != got.end());
    }

    void repaintIsEmpty()
    {
        const std::vector<Label> cur{mk(0, 5), mk(8, 9, 1)};
        QVERIFY(label_ops::assign(cur, mk(0, 5)).empty());
        QVERIFY(label_ops::assign(cur, mk(8, 9, 1)).empty());
    }

    void channelScope()
    {
        // Painting one channel leaves all-channel labels and other channels alone.
        const std::vector<Label> cur{mk(0, 10), mk(0, 10, 0, kClassNormal),
                                     mk(0, 10, 1, kClassNormal)};
        auto got = after(cur, label_ops::assign(cur, mk(2, 4, 1)));
        QCOMPARE(got, sorted({mk(0, 10), mk(0, 10, 0, kClassNormal), mk(0, 2, 1, kClassNormal),
                              mk(2, 4, 1), mk(4, 10, 1, kClassNormal)}));
        // Painting all channels cuts every channel's labels.
        got = after(cur, label_ops::assign(cur, mk(2, 4, kAllChannels, kClassNormal)));
        QCOMPARE(got, sorted({mk(0, 2), mk(4, 10), mk(0, 2, 0, kClassNormal),
                              mk(4, 10, 0, kClassNormal), mk(0, 2, 1, kClassNormal),
                              mk(4, 10, 1, kClassNormal),
                              mk(2, 4, kAllChannels, kClassNormal)}));
    }

    void otherSeriesUntouched()
    {
        Label other = mk(0, 10);
        other.seriesId = 2;
        const std::vector<Label> cur{other};
        const auto d = label_ops::assign(cur, mk(0, 10, kAllChannels, kClassNormal));
        QVERIFY(d.removed.empty());
        QVERIFY(label_ops::erase(cur, 1, 0, 10, kAllChannels).empty());
    }

    void eraseRanges()
    {
        const std::vector<Label> cur{mk(0, 10), mk(0, 10, 2), mk(20, 30)};
        auto got = after(cur, label_ops::erase(cur, 1, 3, 5, kAllChannels));
        QCOMPARE(got, sorted({mk(0, 3), mk(5, 10), mk(0, 3, 2), mk(5, 10, 2), mk(20, 30)}));
        got = after(cur, label_ops::erase(cur, 1, 3, 5, 2));
        QCOMPARE(got, sorted({mk(0, 10), mk(0, 3, 2), mk(5, 10, 2), mk(20, 30)}));
        got = after(cur, label_ops::erase(cur, 1, 0, 100, kAllChannels));
        QVERIFY(got.empty());
        QVERIFY(label_ops::erase(cur, 1, 10, 20, kAllChannels).empty());
        QVERIFY(label_ops::erase(cur, 1, 5, 5, kAllChannels).empty());
    }

    void applyRejectsMissing()
    {
        std::vector<Label> cur{mk(0, 5)};
        LabelDiff bad{{mk(0, 6)}, {mk(1, 2)}};
        QVERIFY(!label_ops::apply(cur, bad));
        QCOMPARE(cur, std::vector<Label>{mk(0, 5)});
        // Duplicates must be matched one for one.
        std::vector<Label> dup{mk(0, 5), mk(0, 5)};
        QVERIFY(label_ops::apply(dup, LabelDiff{{mk(0, 5)}, {}}));
        QCOMPARE(dup.size(), size_t(1));
        QVERIFY(!label_ops::apply(dup, LabelDiff{{mk(0, 5), mk(0, 5)}, {}}));
        QCOMPARE(dup.size(), size_t(1));
    }

    void coveredPoints()
    {
        const std::vector<Label> ls{mk(0, 10), mk(5, 15, 0), mk(20, 25, 1, kClassNormal),
                                    mk(24, 30, 1)};
        QCOMPARE(label_ops::coveredPoints(ls), std::int64_t(25));
        QCOMPARE(label_ops::coveredPoints(ls, kClassAnomaly), std::int64_t(21));
        QCOMPARE(label_ops::coveredPoints(ls, kClassNormal), std::int64_t(5));
        QCOMPARE(label_ops::coveredPoints({}), std::int64_t(0));
    }

    void randomEditsUndoToOriginal()
    {
        for (unsigned seed = 1; seed <= 300; ++seed) {
            std::mt19937 rng(seed);
            auto pick = [&](int lo, int hi) {
                return std::uniform_int_distribution<int>(lo, hi)(rng);
            };
            std::vector<Label> state;
            // Start from imported labels that may overlap each other arbitrarily.
            for (int i = pick(0, 4); i > 0; --i) {
                const int b = pick(0, 90);
                state.push_back(mk(b, b + pick(1, 20), pick(-1, 2), pick(1, 2),
                                   LabelSource::Imported, "imp", 0));
            }
            const auto original = sorted(state);
            std::vector<LabelDiff> history;
            std::vector<std::vector<Label>> states{original};
            for (int step = 0; step < 40; ++step) {
                const int b = pick(0, 95);
                const int e = b + pick(0, 25);
                const int ch = pick(-1, 2);
                LabelDiff d;
                if (pick(0, 3) == 0) {
                    d = label_ops::erase(state, 1, b, e, ch);
                } else {
                    auto src = pick(0, 4) == 0 ? LabelSource::Propagated : LabelSource::Human;
                    d = label_ops::assign(state, mk(b, e, ch, pick(1, 3), src, "u", step));
                }
                auto next = state;
                QVERIFY2(label_ops::apply(next, d), qPrintable(QString::number(seed)));
                QCOMPARE(after(next, d.inverted()), sorted(state));
                state = next;
                history.push_back(d);
                states.push_back(sorted(state));
            }
            for (auto it = history.rbegin(); it != history.rend(); ++it) {
                QVERIFY(label_ops::apply(state, it->inverted()));
                states.pop_back();
                QCOMPARE(sorted(state), states.back());
            }
            QCOMPARE(sorted(state), original);
        }
    }

    void paintedLabelsNeverOverlapInAChannel()
    {
        std::mt19937 rng(7);
        auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
        std::vector<Label> state;
        for (int step = 0; step < 2000; ++step) {
            const int b = pick(0, 195);
            const int ch = pick(-1, 1);
            const auto d = label_ops::assign(state, mk(b, b + pick(1, 30), ch, pick(1, 2)));
            QVERIFY(label_ops::apply(state, d));
            for (size_t i = 0; i < state.size(); ++i) {
                for (size_t j = i + 1; j < state.size(); ++j) {
                    const Label& x = state[i];
                    const Label& y = state[j];
                    if (x.channel != y.channel) {
                        continue;
                    }
                    QVERIFY(x.end <= y.begin || y.end <= x.begin);
                    // Same-kind labels never touch: they would have been merged.
                    if (x.classId == y.classId) {
                        QVERIFY(x.end < y.begin || y.end < x.begin);
                    }
                }
            }
        }
        // Brute-force check of coveredPoints on the result.
        std::set<std::int64_t> rows;
        for (const Label& l : state) {
            for (auto r = l.begin; r < l.end; ++r) {
                rows.insert(r);
            }
        }
        QCOMPARE(label_ops::coveredPoints(state), std::int64_t(rows.size()));
    }
};

QTEST_GUILESS_MAIN(TstLabelOps)
#include "tst_label_ops.moc"
