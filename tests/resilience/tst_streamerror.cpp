// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Classification of raw StreamFailures into StreamErrors, and Retry-After parsing.
#include "resilience/retryafter.h"
#include "resilience/streamerror.h"

#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

using Kind = StreamError::Kind;
using Action = StreamError::Action;

Q_DECLARE_METATYPE(StreamError::Kind)
Q_DECLARE_METATYPE(StreamError::Action)

namespace {

StreamFailure httpFailure(int status, const QString &type = {}, const QString &code = {}, const QString &message = {})
{
    StreamFailure f;
    f.networkError = QNetworkReply::UnknownServerError;
    f.httpStatus = status;
    f.providerError.httpStatus = status;
    f.providerError.type = type;
    f.providerError.code = code;
    f.providerError.message = message;
    return f;
}

const QDateTime Now = QDateTime(QDate(2026, 3, 1), QTime(12, 0, 0), QTimeZone::UTC);

} // namespace

class TestStreamError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void httpTable_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<bool>("retryable");

        QTest::newRow("400") << 400 << u"invalid_request_error"_s << QString() << u"bad"_s << Kind::InvalidRequest << false;
        QTest::newRow("401") << 401 << u"authentication_error"_s << QString() << QString() << Kind::Auth << false;
        QTest::newRow("403") << 403 << u"permission_error"_s << QString() << QString() << Kind::Permission << false;
        QTest::newRow("404") << 404 << u"not_found_error"_s << QString() << QString() << Kind::NotFound << false;
        QTest::newRow("404-openai") << 404 << u"invalid_request_error"_s << u"model_not_found"_s << QString() << Kind::NotFound << false;
        QTest::newRow("408") << 408 << QString() << QString() << QString() << Kind::Timeout << true;
        QTest::newRow("413") << 413 << u"request_too_large"_s << QString() << QString() << Kind::Resource << false;
        QTest::newRow("422") << 422 << QString() << QString() << QString() << Kind::InvalidRequest << false;
        QTest::newRow("429-rate") << 429 << u"rate_limit_error"_s << QString() << QString() << Kind::RateLimit << true;
        QTest::newRow("429-openai") << 429 << u"requests"_s << u"rate_limit_exceeded"_s << QString() << Kind::RateLimit << true;
        QTest::newRow("429-quota") << 429 << u"insufficient_quota"_s << u"insufficient_quota"_s
                                   << u"You exceeded your current quota"_s << Kind::Quota << false;
        QTest::newRow("402-billing") << 402 << u"billing_error"_s << QString() << QString() << Kind::Quota << false;
        QTest::newRow("400-credit") << 400 << u"invalid_request_error"_s << QString()
                                    << u"Your credit balance is too low"_s << Kind::Quota << false;
        QTest::newRow("400-context") << 400 << u"invalid_request_error"_s << u"context_length_exceeded"_s
                                     << QString() << Kind::ContextLength << false;
        QTest::newRow("400-prompt-long") << 400 << u"invalid_request_error"_s << QString()
                                         << u"prompt is too long: 210000 tokens > 200000 maximum"_s
                                         << Kind::ContextLength << false;
        QTest::newRow("400-filter") << 400 << u"invalid_request_error"_s << u"content_filter"_s << QString()
                                    << Kind::ContentFilter << false;
        QTest::newRow("500") << 500 << u"api_error"_s << QString() << QString() << Kind::Server << true;
        QTest::newRow("502") << 502 << QString() << QString() << QString() << Kind::Server << true;
        QTest::newRow("503") << 503 << QString() << QString() << QString() << Kind::Server << true;
        QTest::newRow("503-overloaded") << 503 << QString() << u"server_is_overloaded"_s << QString() << Kind::Overloaded << true;
        QTest::newRow("504") << 504 << u"timeout_error"_s << QString() << QString() << Kind::Server << true;
        QTest::newRow("529") << 529 << u"overloaded_error"_s << QString() << QString() << Kind::Overloaded << true;
        QTest::newRow("529-nobody") << 529 << QString() << QString() << QString() << Kind::Overloaded << true;
        QTest::newRow("409") << 409 << QString() << QString() << QString() << Kind::Server << true;
    }
    void httpTable()
    {
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QFETCH(Kind, kind);
        QFETCH(bool, retryable);
        const StreamError e = StreamError::fromFailure(httpFailure(status, type, code, message), Now);
        QCOMPARE(streamErrorKindName(e.kind), streamErrorKindName(kind));
        QCOMPARE(e.retryable, retryable);
        QCOMPARE(e.httpStatus, status);
        QVERIFY(!e.message.isEmpty());
        if (retryable)
            QCOMPARE(e.action, Action::Retry);
        else
            QVERIFY(e.action == Action::Abort || e.action == Action::Fallback);
    }

    void localTable_data()
    {
        QTest::addColumn<int>("local");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("timeout");
        QTest::addColumn<bool>("retryable");
        using L = StreamFailure::Local;
        QTest::newRow("connect") << int(L::ConnectTimeout) << Kind::Timeout << u"connect"_s << true;
        QTest::newRow("first") << int(L::FirstByteTimeout) << Kind::Timeout << u"first_token"_s << true;
        QTest::newRow("idle") << int(L::IdleTimeout) << Kind::Timeout << u"idle"_s << true;
        QTest::newRow("total") << int(L::TotalTimeout) << Kind::Timeout << u"total"_s << true;
        QTest::newRow("size") << int(L::SizeLimit) << Kind::Resource << QString() << false;
        QTest::newRow("malformed") << int(L::Malformed) << Kind::Malformed << QString() << false;
        QTest::newRow("truncated") << int(L::Truncated) << Kind::Network << QString() << true;
        QTest::newRow("cancelled") << int(L::Cancelled) << Kind::Cancelled << QString() << false;
    }
    void localTable()
    {
        QFETCH(int, local);
        QFETCH(Kind, kind);
        QFETCH(QString, timeout);
        QFETCH(bool, retryable);
        StreamFailure f;
        f.local = StreamFailure::Local(local);
        f.afterContent = true;
        f.bytesReceived = 321;
        f.tokensReceived = 17;
        const StreamError e = StreamError::fromFailure(f, Now);
        QCOMPARE(streamErrorKindName(e.kind), streamErrorKindName(kind));
        QCOMPARE(timeoutKindName(e.timeoutKind), timeout);
        QCOMPARE(e.retryable, retryable);
        QCOMPARE(e.bytesReceived, 321);
        QCOMPARE(e.tokensReceived, 17);
        // After content, a retryable failure resumes rather than restarts.
        QCOMPARE(e.action, retryable ? Action::Resume : Action::Abort);
    }

    void networkErrors()
    {
        StreamFailure f;
        f.networkError = QNetworkReply::RemoteHostClosedError;
        StreamError e = StreamError::fromFailure(f, Now);
        QCOMPARE(e.kind, Kind::Network);
        QCOMPARE(e.action, Action::Retry);
        f.networkError = QNetworkReply::ConnectionRefusedError;
        QCOMPARE(StreamError::fromFailure(f, Now).kind, Kind::Network);
        f.networkError = QNetworkReply::TimeoutError;
        e = StreamError::fromFailure(f, Now);
        QCOMPARE(e.kind, Kind::Timeout);
        QCOMPARE(e.timeoutKind, StreamError::TimeoutKind::Connect);
    }

    void midStreamErrors()
    {
        StreamFailure f;
        f.local = StreamFailure::Local::ProviderError;
        f.afterContent = true;
        f.providerError.type = u"overloaded_error"_s;
        f.providerError.message = u"Overloaded"_s;
        StreamError e = StreamError::fromFailure(f, Now);
        QCOMPARE(e.kind, Kind::Overloaded);
        QCOMPARE(e.action, Action::Resume);
        QCOMPARE(e.httpStatus, 0);

        f.providerError = {};
        f.providerError.message = u"an error was encountered while running the model"_s; // Ollama
        e = StreamError::fromFailure(f, Now);
        QCOMPARE(e.kind, Kind::Server);
        QVERIFY(e.retryable);
        QCOMPARE(e.detail, u"an error was encountered while running the model"_s);
    }

    void shouldRetryHeader()
    {
        StreamFailure f = httpFailure(503);
        f.headers.append(qMakePair(QByteArray("x-should-retry"), QByteArray("false")));
        QVERIFY(!StreamError::fromFailure(f, Now).retryable);
        StreamFailure g = httpFailure(413, u"request_too_large"_s);
        g.headers.append(qMakePair(QByteArray("X-Should-Retry"), QByteArray("true")));
        QVERIFY(StreamError::fromFailure(g, Now).retryable);
        // Never-retried kinds stay unretried whatever the header says.
        StreamFailure h = httpFailure(401, u"authentication_error"_s);
        h.headers.append(qMakePair(QByteArray("x-should-retry"), QByteArray("true")));
        QVERIFY(!StreamError::fromFailure(h, Now).retryable);
    }

    void prefillRejected()
    {
        StreamError e = StreamError::fromFailure(
            httpFailure(400, u"invalid_request_error"_s, {}, u"Prefilling assistant messages is not supported for this model."_s), Now);
        QVERIFY(e.prefillRejected);
        QCOMPARE(e.kind, Kind::InvalidRequest);
        e = StreamError::fromFailure(httpFailure(400, u"invalid_request_error"_s, {}, u"messages: bad role"_s), Now);
        QVERIFY(!e.prefillRejected);
    }

    void messagesNeverContainSecrets()
    {
        const QString key = u"sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123"_s;
        StreamFailure f = httpFailure(401, u"authentication_error"_s, {}, u"invalid x-api-key "_s + key);
        f.detail = u"Bearer "_s + key;
        const StreamError e = StreamError::fromFailure(f, Now, {key});
        QVERIFY(!e.displayText().contains(key));
        QVERIFY(e.displayText().contains(u"[redacted]"_s));
        QCOMPARE(e.message, u"the API key was rejected"_s);
    }

    void names()
    {
        for (int i = 0; i <= int(Kind::Unknown); ++i) {
            const QString name = streamErrorKindName(Kind(i));
            Kind back = Kind::Unknown;
            QVERIFY2(streamErrorKindFromName(name, &back), qPrintable(name));
            QCOMPARE(back, Kind(i));
        }
        QCOMPARE(streamErrorKindName(Kind::RateLimit), u"rate_limit"_s);
        QCOMPARE(streamErrorKindName(Kind::InvalidRequest), u"invalid_request"_s);
        Kind k;
        QVERIFY(!streamErrorKindFromName(u"bogus", &k));
        for (int i = 0; i <= int(Action::Abort); ++i) {
            Action a = Action::Abort;
            QVERIFY(streamErrorActionFromName(streamErrorActionName(Action(i)), &a));
            QCOMPARE(a, Action(i));
        }
    }

    void retryAfterHeaders()
    {
        StreamFailure f = httpFailure(429, u"rate_limit_error"_s);
        f.headers.append(qMakePair(QByteArray("retry-after"), QByteArray("3")));
        QCOMPARE(StreamError::fromFailure(f, Now).retryAfterMs, 3000);
        f.headers.append(qMakePair(QByteArray("retry-after-ms"), QByteArray("250")));
        QCOMPARE(StreamError::fromFailure(f, Now).retryAfterMs, 250);
        QCOMPARE(StreamError::fromFailure(httpFailure(429), Now).retryAfterMs, -1);
    }

    void retryAfterParsing_data()
    {
        QTest::addColumn<QByteArray>("ms");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("expected");
        QTest::newRow("none") << QByteArray() << QByteArray() << qint64(-1);
        QTest::newRow("seconds") << QByteArray() << QByteArray("2") << qint64(2000);
        QTest::newRow("fraction") << QByteArray() << QByteArray(" 1.5 ") << qint64(1500);
        QTest::newRow("ms") << QByteArray("1234.4") << QByteArray() << qint64(1234);
        QTest::newRow("ms-wins") << QByteArray("100") << QByteArray("9") << qint64(100);
        QTest::newRow("ms-zero-defers") << QByteArray("0") << QByteArray("4") << qint64(4000);
        QTest::newRow("ms-zero-alone") << QByteArray("0") << QByteArray() << qint64(0);
        QTest::newRow("negative") << QByteArray() << QByteArray("-5") << qint64(0);
        QTest::newRow("imf-date") << QByteArray() << QByteArray("Sun, 01 Mar 2026 12:00:30 GMT") << qint64(30000);
        QTest::newRow("past-date") << QByteArray() << QByteArray("Sun, 01 Mar 2026 11:00:00 GMT") << qint64(0);
        QTest::newRow("rfc850") << QByteArray() << QByteArray("Sunday, 01-Mar-26 12:01:00 GMT") << qint64(60000);
        QTest::newRow("asctime") << QByteArray() << QByteArray("Sun Mar  1 14:00:00 2026") << qint64(7200000);
        QTest::newRow("junk") << QByteArray() << QByteArray("soon") << qint64(-1);
        QTest::newRow("junk-ms") << QByteArray("abc") << QByteArray("junk") << qint64(-1);
        QTest::newRow("nan") << QByteArray("nan") << QByteArray("inf") << qint64(-1);
    }
    void retryAfterParsing()
    {
        QFETCH(QByteArray, ms);
        QFETCH(QByteArray, value);
        QFETCH(qint64, expected);
        QCOMPARE(RetryAfter::parseMs(ms, value, Now), expected);
    }
};

QTEST_GUILESS_MAIN(TestStreamError)
#include "tst_streamerror.moc"
