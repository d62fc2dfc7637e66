// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "net/chunkcoalescer.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

using Strategy = ChunkCoalescer::Strategy;

class tst_ChunkCoalescer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void randomizedNeverDropsOrReorders_data();
    void randomizedNeverDropsOrReorders();
    void wordReleasesUpToLastSpace();
    void sentenceReleasesAtSentenceEnd();
    void paragraphReleasesAtBlankLine();
    void timeStrategyHoldsUntilInterval();
    void maxSizeFlushesEverything();
    void timerFlushesHeldRest();
    void releasableScanStartsNearNewText();
};

void tst_ChunkCoalescer::randomizedNeverDropsOrReorders_data()
{
    QTest::addColumn<int>("strategy");
    QTest::addColumn<int>("maxSize");
    for (int s : {int(Strategy::Time), int(Strategy::Word), int(Strategy::Sentence), int(Strategy::Paragraph)}) {
        QTest::addRow("strategy %d max 0", s) << s << 0;
        QTest::addRow("strategy %d max 37", s) << s << 37;
    }
}

void tst_ChunkCoalescer::randomizedNeverDropsOrReorders()
{
    QFETCH(int, strategy);
    QFETCH(int, maxSize);
    static const QStringList alphabet = {u"a"_s, u"b"_s, u" "_s, u"."_s, u"!"_s, u"\n"_s, u"é"_s, u"🎉"_s, u"漢"_s, u"?"_s, u"\t"_s};
    QRandomGenerator rng(20260101u + uint(strategy) * 7u + uint(maxSize));
    for (int round = 0; round < 200; ++round) {
        ChunkCoalescer c({Strategy(strategy), 0, maxSize});
        QString out;
        int flushes = 0;
        connect(&c, &ChunkCoalescer::flushed, &c, [&](const QString &t) {
            QVERIFY(!t.isEmpty());
            out += t;
            ++flushes;
        });
        QString in;
        const int pieces = rng.bounded(1, 60);
        for (int i = 0; i < pieces; ++i) {
            QString piece;
            const int len = rng.bounded(0, 12);
            for (int k = 0; k < len; ++k)
                piece += alphabet.at(rng.bounded(int(alphabet.size())));
            in += piece;
            c.append(piece);
            QVERIFY(in.startsWith(out)); // released text is always a prefix, in order
            QCOMPARE(out + c.pending(), in);
        }
        c.flush();
        QCOMPARE(out, in);
        QCOMPARE(c.pendingSize(), 0);
    }
}

void tst_ChunkCoalescer::wordReleasesUpToLastSpace()
{
    ChunkCoalescer c({Strategy::Word, 0, 0});
    QSignalSpy spy(&c, &ChunkCoalescer::flushed);
    c.append(u"Hel"_s);
    QCOMPARE(spy.count(), 0);
    c.append(u"lo wor"_s);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"Hello "_s);
    QCOMPARE(c.pending(), u"wor"_s);
    c.append(u"ld and more"_s);
    QCOMPARE(spy.at(1).at(0).toString(), u"world and "_s);
    QCOMPARE(c.pending(), u"more"_s);
}

void tst_ChunkCoalescer::sentenceReleasesAtSentenceEnd()
{
    ChunkCoalescer c({Strategy::Sentence, 0, 0});
    QSignalSpy spy(&c, &ChunkCoalescer::flushed);
    c.append(u"It is 3.5 m"_s);
    QCOMPARE(spy.count(), 0); // "3.5" is no sentence end
    c.append(u"eters. Then"_s);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"It is 3.5 meters. "_s);
    QCOMPARE(c.pending(), u"Then"_s);
    c.append(u" more!"_s);
    QCOMPARE(spy.count(), 1); // "!" not yet followed by whitespace
    c.append(u" x"_s);        // the boundary is split across appends: '!' then ' '
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), u"Then more! "_s);
    QCOMPARE(c.pending(), u"x"_s);
}

void tst_ChunkCoalescer::paragraphReleasesAtBlankLine()
{
    ChunkCoalescer c({Strategy::Paragraph, 0, 0});
    QSignalSpy spy(&c, &ChunkCoalescer::flushed);
    c.append(u"One\nline\n"_s);
    QCOMPARE(spy.count(), 0);
    c.append(u"\nNext"_s);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"One\nline\n\n"_s);
    QCOMPARE(c.pending(), u"Next"_s);
}

void tst_ChunkCoalescer::timeStrategyHoldsUntilInterval()
{
    ChunkCoalescer c({Strategy::Time, 20, 0});
    QSignalSpy spy(&c, &ChunkCoalescer::flushed);
    c.append(u"a b. "_s);
    c.append(u"\n\nc"_s);
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
    QCOMPARE(spy.at(0).at(0).toString(), u"a b. \n\nc"_s);
}

void tst_ChunkCoalescer::maxSizeFlushesEverything()
{
    ChunkCoalescer c({Strategy::Word, 0, 10});
    QSignalSpy spy(&c, &ChunkCoalescer::flushed);
    c.append(u"abcdefghij"_s); // no space, but max size reached
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"abcdefghij"_s);
    QCOMPARE(c.pendingSize(), 0);
}

void tst_ChunkCoalescer::timerFlushesHeldRest()
{
    ChunkCoalescer c({Strategy::Word, 20, 0});
    QSignalSpy spy(&c, &ChunkCoalescer::flushed);
    c.append(u"supercalifragilistic"_s);
    QCOMPARE(spy.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 5000);
    QCOMPARE(spy.at(0).at(0).toString(), u"supercalifragilistic"_s);
    c.append(u"x"_s);
    c.clear();
    QTest::qWait(60);
    QCOMPARE(spy.count(), 1); // cleared text is not emitted
}

void tst_ChunkCoalescer::releasableScanStartsNearNewText()
{
    // Boundaries before scanFrom-1 are not looked at again (they were released).
    QCOMPARE(ChunkCoalescer::releasable(u"a b c"_s, Strategy::Word, 0), 4);
    QCOMPARE(ChunkCoalescer::releasable(u"a bcd"_s, Strategy::Word, 4), 0);
    QCOMPARE(ChunkCoalescer::releasable(u"end.\n"_s, Strategy::Sentence, 4), 5);
    QCOMPARE(ChunkCoalescer::releasable(u"x\n\n"_s, Strategy::Paragraph, 2), 3);
    QCOMPARE(ChunkCoalescer::releasable(u"x y"_s, Strategy::Time, 0), 0);
}

QTEST_GUILESS_MAIN(tst_ChunkCoalescer)
#include "tst_chunkcoalescer.moc"
