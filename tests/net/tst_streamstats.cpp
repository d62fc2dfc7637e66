// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "net/streamstats.h"

#include <QTest>

class tst_StreamStats : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void estimateTokens()
    {
        QCOMPARE(StreamStats::estimateTokens(0), 0);
        QCOMPARE(StreamStats::estimateTokens(1), 1);
        QCOMPARE(StreamStats::estimateTokens(4), 1);
        QCOMPARE(StreamStats::estimateTokens(5), 2);
        QCOMPARE(StreamStats::estimateTokens(400), 100);
    }

    void reportedUsage()
    {
        StreamStats s;
        s.start(1000);
        QCOMPARE(s.timeToFirstTokenMs(), -1);
        s.addBytes(300);
        s.addChunk(10, 1250);
        s.addChunk(30, 1500);
        s.addBytes(200);
        s.setUsage(12, 50);
        s.end(3250);
        QCOMPARE(s.timeToFirstTokenMs(), 250);
        QCOMPARE(s.bytes(), 500);
        QCOMPARE(s.chunks(), 2);
        QCOMPARE(s.characters(), 40);
        QCOMPARE(s.inputTokens(), 12);
        QCOMPARE(s.outputTokens(), 50);
        QVERIFY(!s.tokensEstimated());
        QCOMPARE(s.durationMs(), 2250);
        // 50 tokens over 2 s of generation (first chunk to end).
        QCOMPARE(s.tokensPerSecond(), 25.0);
    }

    void estimatedWithoutUsage()
    {
        StreamStats s;
        s.start(0);
        s.addChunk(200, 100);
        s.addChunk(200, 1100);
        s.setUsage(5, -1); // input only: output stays estimated
        QVERIFY(s.tokensEstimated());
        QCOMPARE(s.outputTokens(), 100);
        QCOMPARE(s.inputTokens(), 5);
        // While running: up to the last chunk.
        QCOMPARE(s.tokensPerSecond(), 100.0);
    }

    void noTimeNoRate()
    {
        StreamStats s;
        QCOMPARE(s.tokensPerSecond(), 0.0);
        QCOMPARE(s.durationMs(), -1);
        s.start(10);
        s.addChunk(8, 10);
        QCOMPARE(s.tokensPerSecond(), 0.0); // zero elapsed: no division by zero
        s.reset();
        QCOMPARE(s.chunks(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_StreamStats)
#include "tst_streamstats.moc"
