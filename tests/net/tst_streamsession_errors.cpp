// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// StreamSession failures against the real fault-injection server: HTTP error
// bodies, size limit, truncation, malformed JSON, mid-stream provider errors,
// and byte-exact text when UTF-8 characters and CRLFs are split across writes.

#include "sessionharness.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace FaultInjection;

namespace {
const QString Canonical = u"Grüße aus Köln 🎉🎉 — ok. 漢字かな\r\nLine two ends here."_s;

FaultScript script(const FaultPlan &plan = {})
{
    FaultScript s;
    s.answer.text = Canonical;
    s.every = plan;
    return s;
}
} // namespace

class tst_StreamSessionErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void httpErrorBodies_data();
    void httpErrorBodies();
    void sizeLimitKeepsPartial();
    void missingTerminatorIsTruncated();
    void droppedConnectionIsTruncated();
    void malformedJsonKeepsPartial();
    void midStreamErrorEvent();
    void splitWritesGiveExactText_data();
    void splitWritesGiveExactText();
    void anyTwoHundredIsSuccess();
};

void tst_StreamSessionErrors::httpErrorBodies_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("code");
    // The provider echoes the key in its message: it must come back redacted.
    const QByteArray key = TestApiKey.toLatin1();
    QTest::newRow("401") << 401
        << QByteArray(R"({"error":{"message":"Incorrect API key provided: )" + key + R"(.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})")
        << QByteArray("www-authenticate") << QByteArray("Bearer realm=\"x\"") << u"invalid_request_error"_s << u"invalid_api_key"_s;
    QTest::newRow("429 retry-after seconds") << 429
        << QByteArray(R"({"error":{"message":"Rate limit reached","type":"rate_limit_error","param":null,"code":"rate_limit_exceeded"}})")
        << QByteArray("retry-after") << QByteArray("7") << u"rate_limit_error"_s << u"rate_limit_exceeded"_s;
    QTest::newRow("429 retry-after-ms") << 429
        << QByteArray(R"({"error":{"message":"slow down","type":"rate_limit_error","code":"slow_down"}})")
        << QByteArray("retry-after-ms") << QByteArray("1500") << u"rate_limit_error"_s << u"slow_down"_s;
    QTest::newRow("429 http-date") << 429
        << QByteArray(R"({"error":{"message":"later","type":"rate_limit_error","code":null}})")
        << QByteArray("retry-after") << QByteArray("Wed, 21 Oct 2037 07:28:00 GMT") << u"rate_limit_error"_s << QString();
    QTest::newRow("500 x-should-retry") << 500
        << QByteArray(R"({"error":{"message":"The server had an error","type":"server_error","code":null}})")
        << QByteArray("x-should-retry") << QByteArray("true") << u"server_error"_s << QString();
    QTest::newRow("529 overloaded") << 529
        << QByteArray(R"({"error":{"message":"Overloaded","type":"overloaded_error","code":null}})")
        << QByteArray("x-request-id") << QByteArray("req_123") << u"overloaded_error"_s << QString();
}

void tst_StreamSessionErrors::httpErrorBodies()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(QString, type);
    QFETCH(QString, code);
    SessionHarness h;
    FaultPlan plan;
    plan.status = status;
    plan.hasBody = true;
    plan.body = body;
    plan.headers = {{headerName, headerValue}};
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 10000);
    QVERIFY(run->failedSeen);
    QVERIFY(!run->startedSeen);
    const StreamFailure &f = run->failure;
    QCOMPARE(f.local, StreamFailure::Local::None);
    QCOMPARE(f.httpStatus, status);
    QCOMPARE(f.header(headerName), headerValue);
    QCOMPARE(f.header(headerName.toUpper()), headerValue); // case-insensitive lookup
    for (const auto &hdr : f.headers)
        QCOMPARE(hdr.first, hdr.first.toLower());
    QCOMPARE(f.providerError.httpStatus, status);
    QCOMPARE(f.providerError.type, type);
    QCOMPARE(f.providerError.code, code);
    QVERIFY(!f.providerError.message.isEmpty());
    QVERIFY2(!f.providerError.message.contains(TestApiKey), qPrintable(f.providerError.message));
    QVERIFY2(!f.detail.contains(TestApiKey), qPrintable(f.detail));
    QVERIFY(f.detail.contains(QString::number(status)));
    QVERIFY(run->session->partial().text().isEmpty());
}

void tst_StreamSessionErrors::sizeLimitKeepsPartial()
{
    SessionHarness h;
    FaultPlan plan;
    plan.hugeBytes = 50'000'000; // the server is still writing when the client gives up
    h.server.setScript(script(plan));
    StreamOptions o;
    o.maxResponseBytes = 20'000;
    auto run = h.start(ProviderKind::OpenAI, o);
    WAIT_END(run, 10000);
    QVERIFY(run->failedSeen);
    QCOMPARE(run->failure.local, StreamFailure::Local::SizeLimit);
    QVERIFY(run->failure.bytesReceived > 20'000);
    QVERIFY(run->failure.bytesReceived <= 20'000 + 16 * 1024);
    const QString partial = run->session->partial().text();
    QVERIFY(partial.size() > 100);
    QCOMPARE(partial, run->text);
    QVERIFY(partial.startsWith(Canonical));
    QTRY_VERIFY_WITH_TIMEOUT(h.server.request(1).clientDisconnected, 5000);
}

void tst_StreamSessionErrors::missingTerminatorIsTruncated()
{
    SessionHarness h;
    FaultPlan plan;
    plan.omitTerminator = true;
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 10000);
    QVERIFY(!run->finishedSeen);
    QVERIFY(run->failedSeen);
    QCOMPARE(run->failure.local, StreamFailure::Local::Truncated);
    QCOMPARE(run->failure.networkError, QNetworkReply::NoError);
    QCOMPARE(run->session->partial().text(), Canonical); // every delta arrived; still not complete
    QVERIFY(!run->session->partial().isComplete());
}

void tst_StreamSessionErrors::droppedConnectionIsTruncated()
{
    SessionHarness h;
    FaultPlan plan;
    plan.dropAtByte = 700;
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 10000);
    QVERIFY(run->failedSeen);
    QCOMPARE(run->failure.local, StreamFailure::Local::Truncated);
    QCOMPARE(run->failure.bytesReceived, 700);
    QVERIFY(h.server.request(1).dropped);
    const QString partial = run->session->partial().text();
    QVERIFY(!partial.isEmpty());
    QVERIFY(Canonical.startsWith(partial));
    QVERIFY(partial.size() < Canonical.size());
}

void tst_StreamSessionErrors::malformedJsonKeepsPartial()
{
    SessionHarness h;
    FaultPlan plan;
    plan.malformedAtEvent = 4;
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 10000);
    QVERIFY(run->failedSeen);
    QCOMPARE(run->failure.local, StreamFailure::Local::Malformed);
    QVERIFY(!run->failure.detail.isEmpty());
    // Events 2 and 3 were text deltas of 4 characters each.
    QCOMPARE(run->session->partial().text(), Canonical.left(8));
    QVERIFY(run->failure.afterContent);
}

void tst_StreamSessionErrors::midStreamErrorEvent()
{
    SessionHarness h;
    FaultPlan plan;
    plan.errorAtEvent = 3;
    plan.errorType = u"server_error"_s;
    plan.errorMessage = u"The server experienced an error"_s;
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 10000);
    QVERIFY(run->failedSeen);
    QCOMPARE(run->failure.local, StreamFailure::Local::ProviderError);
    QCOMPARE(run->failure.httpStatus, 200);
    QCOMPARE(run->failure.providerError.type, u"server_error"_s);
    QCOMPARE(run->failure.providerError.message, u"The server experienced an error"_s);
    QCOMPARE(run->session->partial().text(), Canonical.left(4));
    QVERIFY(!run->session->partial().text().contains("error"_L1)); // errors never go into the answer
}

void tst_StreamSessionErrors::splitWritesGiveExactText_data()
{
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<int>("drip");
    QTest::newRow("lf chunked") << false << true << 0;
    QTest::newRow("crlf chunked") << true << true << 0;
    QTest::newRow("crlf close-delimited") << true << false << 0;
    QTest::newRow("crlf drip 3 bytes") << true << true << 3;
}

void tst_StreamSessionErrors::splitWritesGiveExactText()
{
    QFETCH(bool, crlf);
    QFETCH(bool, chunked);
    QFETCH(int, drip);
    SessionHarness h;
    FaultPlan plan;
    plan.splitWrites = true;
    plan.crlf = crlf;
    plan.chunkedFraming = chunked;
    plan.dripBytes = drip;
    plan.dripIntervalMs = drip ? 1 : 0;
    plan.chunkChars = 3;
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 20000);
    QVERIFY2(run->finishedSeen, qPrintable(run->failure.detail));
    QCOMPARE(run->text, Canonical);
    QCOMPARE(run->session->partial().text(), Canonical);
}

void tst_StreamSessionErrors::anyTwoHundredIsSuccess()
{
    SessionHarness h;
    FaultPlan plan;
    plan.status = 203;
    h.server.setScript(script(plan));
    auto run = h.start(ProviderKind::OpenAI);
    WAIT_END(run, 10000);
    QVERIFY2(run->finishedSeen, qPrintable(run->failure.detail));
    QCOMPARE(run->session->httpStatus(), 203);
    QCOMPARE(run->text, Canonical);
}

QTEST_GUILESS_MAIN(tst_StreamSessionErrors)
#include "tst_streamsession_errors.moc"
