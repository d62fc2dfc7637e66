// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocol/sseparser.h"
#include "protocoltesthelpers.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace {
struct Result {
    QStringList items; ///< "event|data|id", "comment:<text>", "retry:<ms>"
    bool midEvent = false;
    QString error;
};

Result parse(const QByteArray &bytes, qint64 seed = 0, SseParser::Limits limits = {})
{
    SseParser p(limits);
    QList<SseItem> out;
    for (QByteArrayView part : TestHelpers::fragments(bytes, seed))
        p.feed(part, out);
    p.finish();
    Result r;
    for (const SseItem &i : out) {
        switch (i.kind) {
        case SseItem::Kind::Event:
            r.items << QString::fromUtf8(i.type + '|' + i.data + '|' + i.lastEventId);
            break;
        case SseItem::Kind::Comment:
            r.items << u"comment:"_s + QString::fromUtf8(i.data);
            break;
        case SseItem::Kind::Retry:
            r.items << u"retry:"_s + QString::number(i.retryMs);
            break;
        }
    }
    r.midEvent = p.endedMidEvent();
    r.error = p.errorString();
    return r;
}
} // namespace

class TestSseParser : public QObject
{
    Q_OBJECT
private slots:
    void rules_data();
    void rules();
    void byteAtATimeEqualsWhole_data() { rules_data(); }
    void byteAtATimeEqualsWhole();
    void crlfSplitAcrossReads();
    void crAtEndOfReadThenData();
    void bomSplitAcrossReads();
    void bomPrefixThatIsNotABom();
    void utf8SplitAtEveryByte();
    void truncatedEventNotDispatched();
    void lineLimit();
    void eventLimit();
    void limitsAllowLargeEvents();
    void noFeedAfterError();
};

void TestSseParser::rules_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<bool>("midEvent");

    // Spec worked examples (WHATWG §9.2.6).
    QTest::newRow("spec-yhoo") << "data: YHOO\ndata: +2\ndata: 10\n\n"_ba
                               << QStringList{u"message|YHOO\n+2\n10|"_s} << false;
    QTest::newRow("spec-empty-data") << "data\n\ndata\ndata\n\ndata:"_ba
                                     << QStringList{u"message||"_s, u"message|\n|"_s} << true;
    QTest::newRow("spec-space") << "data:test\n\ndata: test\n\n"_ba
                                << QStringList{u"message|test|"_s, u"message|test|"_s} << false;
    // protocols.md §1.1 BOM test: only the first BOM is stripped.
    QTest::newRow("bom-wpt") << "\xEF\xBB\xBF" "data:1\n\n\xEF\xBB\xBF" "data:2\n\ndata:3"_ba
                             << QStringList{u"message|1|"_s} << true;
    QTest::newRow("lf") << "data: a\n\n"_ba << QStringList{u"message|a|"_s} << false;
    QTest::newRow("cr") << "data: a\r\rdata: b\r\r"_ba << QStringList{u"message|a|"_s, u"message|b|"_s} << false;
    QTest::newRow("crlf") << "data: a\r\n\r\n"_ba << QStringList{u"message|a|"_s} << false;
    QTest::newRow("mixed") << "data: a\r\ndata: b\rdata: c\n\r\n"_ba << QStringList{u"message|a\nb\nc|"_s} << false;
    QTest::newRow("only-cr-lf-end-lines") << "data: a\xE2\x80\xA8" "b\x0B\x0C\n\n"_ba
                                          << QStringList{u"message|a\u2028b\x0B\x0C|"_s} << false;
    QTest::newRow("one-space-stripped") << "data:  x\n\n"_ba << QStringList{u"message| x|"_s} << false;
    QTest::newRow("comment") << ": ping\n\n:\n"_ba << QStringList{u"comment: ping"_s, u"comment:"_s} << false;
    QTest::newRow("no-colon-field") << "data\n\n"_ba << QStringList{u"message||"_s} << false;
    QTest::newRow("event-type") << "event: add\ndata: 1\n\ndata: 2\n\n"_ba
                                << QStringList{u"add|1|"_s, u"message|2|"_s} << false;
    QTest::newRow("event-without-data-resets-type") << "event: x\n\ndata: 1\n\n"_ba
                                                    << QStringList{u"message|1|"_s} << false;
    QTest::newRow("unknown-field") << "foo: bar\ndata: 1\nDATA: 2\n\n"_ba << QStringList{u"message|1|"_s} << false;
    QTest::newRow("id-persists") << "id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n"_ba
                                 << QStringList{u"message|a|7"_s, u"message|b|7"_s, u"message|c|"_s} << false;
    QTest::newRow("id-with-nul-ignored") << QByteArray("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n", 32)
                                         << QStringList{u"message|a|1"_s, u"message|b|1"_s} << false;
    QTest::newRow("id-without-data-no-dispatch") << "id: 5\n\ndata: z\n\n"_ba << QStringList{u"message|z|5"_s} << false;
    QTest::newRow("retry-digits") << "retry: 1500\n\n"_ba << QStringList{u"retry:1500"_s} << false;
    QTest::newRow("retry-invalid") << "retry: 15s\nretry: -5\nretry: +5\nretry:  5\nretry:\n\n"_ba << QStringList{} << false;
    QTest::newRow("colon-in-value") << "data: a:b: c\n\n"_ba << QStringList{u"message|a:b: c|"_s} << false;
    QTest::newRow("eof-no-blank-line") << "data: done\n"_ba << QStringList{} << true;
    QTest::newRow("eof-partial-line") << "data: 1\n\ndata: par"_ba << QStringList{u"message|1|"_s} << true;
    QTest::newRow("eof-after-comment") << "data: 1\n\n: bye\n"_ba << QStringList{u"message|1|"_s, u"comment: bye"_s} << false;
    QTest::newRow("empty") << QByteArray() << QStringList{} << false;
}

void TestSseParser::rules()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QFETCH(bool, midEvent);
    const Result r = parse(input);
    QCOMPARE(r.items, expected);
    QCOMPARE(r.midEvent, midEvent);
    QVERIFY(r.error.isEmpty());
}

void TestSseParser::byteAtATimeEqualsWhole()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QFETCH(bool, midEvent);
    const Result bytewise = parse(input, -1);
    QCOMPARE(bytewise.items, expected);
    QCOMPARE(bytewise.midEvent, midEvent);
    for (qint64 seed = 1; seed <= 20; ++seed)
        QCOMPARE(parse(input, seed).items, expected);
}

void TestSseParser::crlfSplitAcrossReads()
{
    SseParser p;
    QList<SseItem> out;
    p.feed("data: a\r", out);
    p.feed("\ndata: b\r", out);
    p.feed("\n\r", out);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).data, "a\nb"_ba);
    p.feed("\n", out); // the LF completing the CRLF must not be a second blank line
    p.feed("data: c\r\n\r\n", out);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).data, "c"_ba);
}

void TestSseParser::crAtEndOfReadThenData()
{
    SseParser p;
    QList<SseItem> out;
    p.feed("data: a\r", out);
    p.feed("\r", out); // CR then CR: a blank line, dispatch now
    QCOMPARE(out.size(), 1);
    p.feed("data: b\r", out);
    p.feed("data: c\r\r", out);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(1).data, "b\nc"_ba);
}

void TestSseParser::bomSplitAcrossReads()
{
    const QByteArray input = "\xEF\xBB\xBF" "data: x\n\n"_ba;
    for (int cut1 = 0; cut1 <= 4; ++cut1) {
        for (int cut2 = cut1; cut2 <= 5; ++cut2) {
            SseParser p;
            QList<SseItem> out;
            p.feed(QByteArrayView(input).first(cut1), out);
            p.feed(QByteArrayView(input).sliced(cut1, cut2 - cut1), out);
            p.feed(QByteArrayView(input).sliced(cut2), out);
            p.finish();
            QCOMPARE(out.size(), 1);
            QCOMPARE(out.at(0).data, "x"_ba);
        }
    }
}

void TestSseParser::bomPrefixThatIsNotABom()
{
    // EF BB followed by something else is content: the line is the field
    // "\xEF\xBB" "data", ignored; the next event still arrives.
    const Result r = parse("\xEF\xBB" "data: no\n\ndata: yes\n\n"_ba, -1);
    QCOMPARE(r.items, QStringList{u"message|yes|"_s});
    const Result r2 = parse("\xEF" ":c\n"_ba, -1);
    QCOMPARE(r2.items, QStringList{});
    const Result r3 = parse("\xEF"_ba);
    QVERIFY(r3.midEvent);
}

void TestSseParser::utf8SplitAtEveryByte()
{
    const QString text = u"é€𝄞中 a\u2028z"_s;
    const QByteArray input = "event: ü\ndata: "_ba + text.toUtf8() + "\nid: ∑\n\n"_ba;
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        SseParser p;
        QList<SseItem> out;
        p.feed(QByteArrayView(input).first(cut), out);
        p.feed(QByteArrayView(input).sliced(cut), out);
        p.finish();
        QCOMPARE(out.size(), 1);
        QCOMPARE(QString::fromUtf8(out.at(0).data), text);
        QCOMPARE(QString::fromUtf8(out.at(0).type), u"ü"_s);
        QCOMPARE(QString::fromUtf8(out.at(0).lastEventId), u"∑"_s);
    }
}

void TestSseParser::truncatedEventNotDispatched()
{
    const Result r = parse("event: message_stop\ndata: {\"type\":\"message_stop\"}\n"_ba);
    QVERIFY(r.items.isEmpty());
    QVERIFY(r.midEvent);
}

void TestSseParser::lineLimit()
{
    SseParser::Limits limits;
    limits.maxLineBytes = 16;
    Result r = parse("data: 0123456789abcdef\n\n"_ba, 0, limits);
    QVERIFY(r.items.isEmpty());
    QVERIFY2(r.error.contains(u"line exceeds the limit of 16 bytes"_s), qPrintable(r.error));
    // Also when the long line arrives in pieces without an ending.
    r = parse("data: 0123456789abcdef"_ba, -1, limits);
    QVERIFY2(r.error.contains(u"limit"_s), qPrintable(r.error));
    // A line of exactly the limit is fine.
    r = parse("data: 0123456789\n\n"_ba, -1, limits);
    QCOMPARE(r.items, QStringList{u"message|0123456789|"_s});
}

void TestSseParser::eventLimit()
{
    SseParser::Limits limits;
    limits.maxEventBytes = 10;
    const Result r = parse("data: 12345\n\ndata: 123456\ndata: 7890\n\n"_ba, 0, limits);
    QCOMPARE(r.items, QStringList{u"message|12345|"_s});
    QVERIFY2(r.error.contains(u"event 2 exceeds the limit of 10 bytes"_s), qPrintable(r.error));
}

void TestSseParser::limitsAllowLargeEvents()
{
    // Default limits accept an event of several MiB fed in 64 KiB reads.
    const QByteArray payload(9 * 1024 * 1024, 'x');
    const QByteArray input = "data: "_ba + payload + "\n\n"_ba;
    SseParser p;
    QList<SseItem> out;
    for (qsizetype pos = 0; pos < input.size(); pos += 65536)
        p.feed(QByteArrayView(input).sliced(pos, qMin<qsizetype>(65536, input.size() - pos)), out);
    QVERIFY(!p.hasError());
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.at(0).data.size(), payload.size());
}

void TestSseParser::noFeedAfterError()
{
    SseParser::Limits limits;
    limits.maxLineBytes = 4;
    SseParser p(limits);
    QList<SseItem> out;
    p.feed("data: toolong\n\n", out);
    QVERIFY(p.hasError());
    p.feed("data\n\n", out);
    QVERIFY(out.isEmpty());
}

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
