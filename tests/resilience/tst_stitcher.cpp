// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Stitcher: overlap removal, whitespace joining, incremental decisions.
#include "resilience/stitcher.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Feeds the continuation in chunks of chunkSize and returns partial + output.
QString stitch(const QString &partial, const QString &continuation, int chunkSize = 1, qsizetype sent = -1)
{
    Stitcher s;
    s.begin(partial, sent);
    QString out = partial;
    for (qsizetype i = 0; i < continuation.size(); i += chunkSize)
        out += s.feed(QStringView(continuation).mid(i, chunkSize));
    out += s.flush();
    return out;
}

const QString Text = u"The quick brown fox jumps over the lazy dog. Then it ran into the forest,\n\n"
                     "where nobody could find it again.  Über straße — 漢字 and emoji 🦊 too."_s;

} // namespace

class TestStitcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainContinuation()
    {
        QCOMPARE(stitch(u"Hello wor"_s, u"ld, how are you?"_s), u"Hello world, how are you?"_s);
    }

    void repeatedLastWords()
    {
        QCOMPARE(stitch(u"The quick brown fox jumps"_s, u" brown fox jumps over the dog."_s),
                 u"The quick brown fox jumps over the dog."_s);
        // The longest overlap wins.
        QCOMPARE(stitch(u"The quick brown fox jumps"_s, u"The quick brown fox jumps over"_s),
                 u"The quick brown fox jumps over"_s);
    }

    void whitespaceTolerantOverlap()
    {
        QCOMPARE(stitch(u"one two  three\nfour five"_s, u"two three four five six"_s),
                 u"one two  three\nfour five six"_s);
    }

    void shortOverlapKept()
    {
        // "the" is shorter than minOverlap: a real continuation, not a repeat.
        QCOMPARE(stitch(u"I saw the"_s, u"the end"_s), u"I saw thethe end"_s);
    }

    void trailingWhitespacePutBack()
    {
        // Prefill sends "Hello world." (trimmed); the model continues with
        // the whitespace the user already has.
        QCOMPARE(stitch(u"Hello world. "_s, u" The end."_s, 1, 12), u"Hello world. The end."_s);
        QCOMPARE(stitch(u"Para one.\n\n"_s, u"\n\nPara two."_s, 1, 9), u"Para one.\n\nPara two."_s);
        QCOMPARE(stitch(u"Para one.\n"_s, u"\nPara two."_s, 1, 9), u"Para one.\nPara two."_s);
        // A continuation without the whitespace keeps the user's.
        QCOMPARE(stitch(u"Hello world. "_s, u"The end."_s, 1, 12), u"Hello world. The end."_s);
        // When the request carried the whitespace, the continuation's own is new text.
        QCOMPARE(stitch(u"Para one.\n"_s, u"\nPara two."_s), u"Para one.\n\nPara two."_s);
        // After a repeated overlap, the repeated whitespace is dropped too.
        QCOMPARE(stitch(u"It ran into the forest,\n"_s, u"into the forest,\n\nwhere"_s),
                 u"It ran into the forest,\n\nwhere"_s);
    }

    void holdsBackThenPassesThrough()
    {
        Stitcher s;
        s.begin(u"alpha beta gamma delta"_s);
        QCOMPARE(s.feed(u"gamma"), QString()); // could still be an overlap
        QVERIFY(s.isDeciding());
        QCOMPARE(s.feed(u" delta"), QString()); // complete, but a longer one could match
        QCOMPARE(s.feed(u" epsilon"), u" epsilon"_s);
        QVERIFY(!s.isDeciding());
        QCOMPARE(s.feed(u" zeta"), u" zeta"_s);
        QCOMPARE(s.removedChars(), 11);
    }

    void decidesImmediatelyOnNewText()
    {
        Stitcher s;
        s.begin(u"alpha beta gamma delta"_s);
        QCOMPARE(s.feed(u"Zebra"), u"Zebra"_s);
        QVERIFY(!s.isDeciding());
    }

    void flushReleasesHeldText()
    {
        Stitcher s;
        s.begin(u"alpha beta gamma delta"_s);
        QCOMPARE(s.feed(u"gamma del"), QString());
        QCOMPARE(s.flush(), u"gamma del"_s);
        Stitcher w;
        w.begin(u"alpha "_s, 5);
        QCOMPARE(w.feed(u"  "), QString());
        QCOMPARE(w.flush(), u" "_s); // one space was the user's already
    }

    void periodicTextWithoutOverlapDetection()
    {
        // Periodic text: a repeat cannot be told from a true continuation, so
        // overlap detection trims real text unless it is turned off.
        const QString text = u"Echo echo. "_s.repeated(10);
        for (qsizetype cut = 1; cut < text.size(); ++cut) {
            Stitcher s;
            s.begin(QStringView(text).left(cut), -1, false);
            QString got = text.left(cut);
            got += s.feed(QStringView(text).mid(cut));
            got += s.flush();
            QVERIFY2(got == text, qPrintable(u"cut %1"_s.arg(cut)));
        }
        Stitcher s;
        s.begin(u"Echo echo. Echo echo. Echo"_s);
        QString out = s.feed(u" echo. Echo echo. End"_s);
        out += s.flush();
        QCOMPARE(out, u" echo. End"_s); // the known limitation: " echo. Echo" is taken for a repeat
    }

    void emptyPartial()
    {
        QCOMPARE(stitch(QString(), u"  Hello"_s), u"  Hello"_s);
    }

    void exactContinuationAtEveryOffset()
    {
        // Deterministic continuation (what the fault server and prefill do):
        // the rest of the text, exactly. Every split point, several chunkings.
        for (int chunk : {1, 3, 17, 1000}) {
            for (qsizetype cut = 0; cut <= Text.size(); ++cut) {
                const QString got = stitch(Text.left(cut), Text.mid(cut), chunk);
                QVERIFY2(got == Text, qPrintable(u"cut %1 chunk %2: %3"_s.arg(cut).arg(chunk).arg(got)));
            }
        }
    }

    void prefillTrimmedContinuationAtEveryOffset()
    {
        // The request carried the partial without trailing whitespace, so the
        // model's continuation starts with that whitespace again.
        for (qsizetype cut = 1; cut <= Text.size(); ++cut) {
            const QString partial = Text.left(cut);
            qsizetype trimmed = partial.size();
            while (trimmed > 0 && partial.at(trimmed - 1).isSpace())
                --trimmed;
            const QString got = stitch(partial, Text.mid(trimmed), 2, trimmed);
            QVERIFY2(got == Text, qPrintable(u"cut %1: %2"_s.arg(cut).arg(got)));
        }
    }

    void repeatedOverlapAtEveryOffset()
    {
        // The continuation repeats the last 12..40 characters of the partial.
        for (int repeat : {12, 25, 40}) {
            for (qsizetype cut = repeat; cut <= Text.size(); ++cut) {
                const QString got = stitch(Text.left(cut), Text.mid(cut - repeat), 4);
                QVERIFY2(got == Text, qPrintable(u"repeat %1 cut %2: %3"_s.arg(repeat).arg(cut).arg(got)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestStitcher)
#include "tst_stitcher.moc"
