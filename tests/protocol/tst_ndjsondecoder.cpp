// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocol/ndjsondecoder.h"
#include "protocoltesthelpers.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace {
QList<QByteArray> split(const QByteArray &bytes, qint64 seed, QByteArray *rest = nullptr, qsizetype limit = 1 << 24)
{
    NdjsonDecoder d(limit);
    QList<QByteArray> lines;
    for (QByteArrayView part : TestHelpers::fragments(bytes, seed))
        d.feed(part, lines);
    if (rest)
        *rest = d.takeRemainder();
    return lines;
}
} // namespace

class TestNdjsonDecoder : public QObject
{
    Q_OBJECT
private slots:
    void lines();
    void fragmentationInvariance();
    void utf8SplitAtEveryByte();
    void remainder();
    void limit();
};

void TestNdjsonDecoder::lines()
{
    QByteArray rest;
    const auto l = split("{\"a\":1}\n\n  \n{\"b\":2}\r\n{\"c\":3}"_ba, 0, &rest);
    QCOMPARE(l, (QList<QByteArray>{"{\"a\":1}", "{\"b\":2}"}));
    QCOMPARE(rest, "{\"c\":3}"_ba);
}

void TestNdjsonDecoder::fragmentationInvariance()
{
    const QByteArray input = TestHelpers::readData(u"ollama_tools.ndjson"_s) + TestHelpers::readData(u"ollama_thinking.ndjson"_s);
    const auto whole = split(input, 0);
    QCOMPARE(whole.size(), 7);
    QCOMPARE(split(input, -1), whole);
    for (qint64 seed = 1; seed <= 30; ++seed)
        QCOMPARE(split(input, seed), whole);
}

void TestNdjsonDecoder::utf8SplitAtEveryByte()
{
    const QByteArray input = u"{\"t\":\"é€𝄞\"}\n"_s.toUtf8();
    for (qsizetype cut = 0; cut <= input.size(); ++cut) {
        NdjsonDecoder d;
        QList<QByteArray> lines;
        d.feed(QByteArrayView(input).first(cut), lines);
        d.feed(QByteArrayView(input).sliced(cut), lines);
        QCOMPARE(lines.size(), 1);
        QCOMPARE(QString::fromUtf8(lines.at(0)), u"{\"t\":\"é€𝄞\"}"_s);
    }
}

void TestNdjsonDecoder::remainder()
{
    QByteArray rest;
    split("{}\n  "_ba, 0, &rest);
    QVERIFY(rest.isEmpty()); // blank remainder is nothing
}

void TestNdjsonDecoder::limit()
{
    NdjsonDecoder d(8);
    QList<QByteArray> lines;
    d.feed("{\"a\":1}\n", lines);
    QCOMPARE(lines.size(), 1);
    for (char c : QByteArray("{\"long\":12345}")) // arrives without a newline, byte by byte
        d.feed(QByteArrayView(&c, 1), lines);
    QVERIFY(d.hasError());
    QVERIFY2(d.errorString().contains(u"line 2 exceeds the limit of 8 bytes"_s), qPrintable(d.errorString()));
    d.feed("{}\n", lines);
    QCOMPARE(lines.size(), 1);
}

QTEST_GUILESS_MAIN(TestNdjsonDecoder)
#include "tst_ndjsondecoder.moc"
