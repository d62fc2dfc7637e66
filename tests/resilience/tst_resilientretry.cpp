// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// ResilientStream against the fault server: which statuses are retried, the
// delays actually used (Retry-After, retry-after-ms, the cap), cancel during
// backoff, circuit breaker, fallback, prefill rejection.
#include "resiliencetesthelpers.h"

#include "resilience/circuitbreaker.h"
#include "resilience/errormetrics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTimeZone>

using namespace ResilienceTest;
using namespace FaultInjection;

namespace {

FaultPlan errorPlan(const FaultPlan &base, int status, const QByteArray &body,
                    const QList<QPair<QByteArray, QByteArray>> &headers = {})
{
    FaultPlan p = base;
    p.status = status;
    p.hasBody = true;
    p.body = body;
    p.headers = headers;
    return p;
}

QByteArray openAiError(const char *type, const char *code, const char *message)
{
    return QByteArray(R"({"error":{"message":")") + message + R"(","type":")" + type + R"(","param":null,"code":)"
        + (code ? QByteArray("\"") + code + "\"" : QByteArray("null")) + "}}";
}

} // namespace

class TestResilientRetry : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_nam = std::make_unique<QNetworkAccessManager>(); m_factory = std::make_unique<RequestFactory>(m_nam.get()); }
    void cleanup() { m_factory.reset(); m_nam.reset(); }

    void retriedStatuses_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("kind");
        QTest::newRow("500") << 500 << openAiError("server_error", nullptr, "boom") << u"server"_s;
        QTest::newRow("502") << 502 << QByteArray("<html>Bad Gateway</html>") << u"server"_s;
        QTest::newRow("503") << 503 << openAiError("server_error", "server_is_overloaded", "busy") << u"overloaded"_s;
        QTest::newRow("504") << 504 << QByteArray("gateway timeout") << u"server"_s;
        QTest::newRow("529") << 529 << QByteArray(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})")
                             << u"overloaded"_s;
        QTest::newRow("429") << 429 << openAiError("requests", "rate_limit_exceeded", "slow down") << u"rate_limit"_s;
    }
    void retriedStatuses()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, kind);
        FaultScript script = scriptWith();
        script.requests.insert(1, errorPlan(script.every, status, body));
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(server->requestCount(), 2);
        QCOMPARE(stream.errors().size(), 1);
        QCOMPARE(streamErrorKindName(stream.errors().at(0).kind), kind);
        QCOMPARE(stream.errors().at(0).httpStatus, status);
        QCOMPARE(stream.message().text(), Answer);
        QVERIFY(!server->request(2).continuation); // nothing received: a plain retry
    }

    void midStreamOverloadedIsResumed()
    {
        FaultScript script = scriptWith();
        FaultPlan p = script.every;
        p.errorAtEvent = 9;
        p.errorType = u"overloaded_error"_s;
        script.requests.insert(1, p);
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(stream.errors().at(0).kind, StreamError::Kind::Overloaded);
        QVERIFY(server->request(2).continuation);
        QCOMPARE(stream.message().text(), Answer);
    }

    void notRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("kind");
        QTest::newRow("400") << 400 << openAiError("invalid_request_error", nullptr, "bad field") << u"invalid_request"_s;
        QTest::newRow("401") << 401 << openAiError("invalid_request_error", "invalid_api_key", "Incorrect API key") << u"auth"_s;
        QTest::newRow("403") << 403 << openAiError("permission_error", nullptr, "no") << u"permission"_s;
        QTest::newRow("404") << 404 << openAiError("invalid_request_error", "model_not_found", "no model") << u"not_found"_s;
        QTest::newRow("413") << 413 << QByteArray("too large") << u"resource"_s;
        QTest::newRow("quota") << 429 << openAiError("insufficient_quota", "insufficient_quota", "You exceeded your current quota")
                               << u"quota"_s;
    }
    void notRetried()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, kind);
        FaultScript script = scriptWith();
        script.every = errorPlan(script.every, status, body);
        auto server = makeServer(script);
        InMemoryErrorMetrics metrics;
        ResilientStream stream(m_factory.get(), nullptr, &metrics);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Error);
        QCOMPARE(server->requestCount(), 1);
        QCOMPARE(run.gaveUp.size(), 1);
        QCOMPARE(streamErrorKindName(run.gaveUp.at(0).kind), kind);
        QVERIFY(run.delays.isEmpty());
        QCOMPARE(metrics.records().size(), 1);
        QCOMPARE(metrics.records().at(0).actionTaken, u"abort"_s);
        QCOMPARE(metrics.records().at(0).httpStatus, status);
        QVERIFY(!run.gaveUp.at(0).displayText().contains(u"test-key-0123456789"_s));
    }

    // The delay reported by retryScheduled is the server's; retryNow() skips it.
    void retryAfterDelays_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("minDelay");
        QTest::addColumn<qint64>("maxDelay");
        QTest::newRow("seconds") << QByteArray("retry-after") << QByteArray("3") << qint64(3000) << qint64(3000);
        QTest::newRow("fraction") << QByteArray("retry-after") << QByteArray("0.25") << qint64(250) << qint64(250);
        QTest::newRow("ms") << QByteArray("retry-after-ms") << QByteArray("1500") << qint64(1500) << qint64(1500);
        // An HTTP-date 5 s ahead, at one-second resolution.
        const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(5);
        const QByteArray date = QLocale::c().toString(when, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
        QTest::newRow("http-date") << QByteArray("retry-after") << date << qint64(2500) << qint64(5000);
    }
    void retryAfterDelays()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, value);
        QFETCH(qint64, minDelay);
        QFETCH(qint64, maxDelay);
        FaultScript script = scriptWith();
        script.requests.insert(1, errorPlan(script.every, 429, openAiError("requests", "rate_limit_exceeded", "slow"),
                                            {{name, value}}));
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        connect(&stream, &ResilientStream::retryScheduled, &stream, &ResilientStream::retryNow, Qt::QueuedConnection);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(run.delays.size(), 1);
        QVERIFY2(run.delays.at(0) >= minDelay && run.delays.at(0) <= maxDelay, qPrintable(QString::number(run.delays.at(0))));
        QCOMPARE(stream.message().text(), Answer);
    }

    void retryAfterOverCapIsReportedNotRetried()
    {
        FaultScript script = scriptWith();
        script.every = errorPlan(script.every, 429, openAiError("requests", "rate_limit_exceeded", "slow"),
                                 {{"retry-after", "7200"}});
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions()); // cap 60 s
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Error);
        QCOMPARE(server->requestCount(), 1);
        QVERIFY(run.delays.isEmpty());
        QCOMPARE(run.gaveUp.size(), 1);
        QCOMPARE(run.gaveUp.at(0).retryAfterMs, 7'200'000);
        QVERIFY2(run.gaveUp.at(0).message.contains(u"2 h 0 min"_s), qPrintable(run.gaveUp.at(0).message));
    }

    void backoffDelaysFollowSeededPolicy()
    {
        FaultScript script = scriptWith();
        script.every = errorPlan(script.every, 503, "busy");
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        ResilienceOptions o = fastOptions(4);
        o.retry.baseDelayMs = 8;
        o.retry.maxDelayMs = 20;
        stream.setOptions(o);
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(server->requestCount(), 4);
        RetryPolicy expected(o.retry, *o.seed);
        QList<qint64> want;
        for (int n = 0; n < 3; ++n)
            want.append(expected.backoffMs(n));
        QCOMPARE(run.delays, want);
        QCOMPARE(run.gaveUp.size(), 1);
    }

    void cancelDuringBackoffIsImmediate()
    {
        FaultScript script = scriptWith();
        script.every = errorPlan(script.every, 503, "busy");
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        ResilienceOptions o = fastOptions();
        o.retry.baseDelayMs = 600'000; // ten minutes: would never fire within the test timeout
        o.retry.maxDelayMs = 600'000;
        stream.setOptions(o);
        Run run;
        watch(stream, run);
        QSignalSpy scheduled(&stream, &ResilientStream::retryScheduled);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 1, 10000);
        QVERIFY(scheduled.at(0).at(2).toLongLong() >= 450'000);
        stream.cancel();
        // finished(Cancelled) arrived synchronously, long before the backoff.
        QCOMPARE(run.reason, FinishReason::Cancelled);
        QVERIFY(!stream.isRunning());
        QCOMPARE(server->requestCount(), 1);
    }

    void fallbackAfterRetriesExhausted()
    {
        FaultScript bad = scriptWith();
        bad.every = errorPlan(bad.every, 503, "busy");
        auto primary = makeServer(bad);
        auto backup = makeServer(scriptWith());
        InMemoryErrorMetrics metrics;
        ResilientStream stream(m_factory.get(), nullptr, &metrics);
        stream.setOptions(fastOptions(2));
        stream.setFallbacks({targetFor(ProviderKind::OpenAI, backup->baseUrl(), u"backup"_s)});
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, primary->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(primary->requestCount(), 2);
        QCOMPARE(backup->requestCount(), 1);
        QCOMPARE(run.fallbacks, QStringList{u"backup"_s});
        QCOMPARE(stream.fallbackProvider(), u"backup"_s);
        QCOMPARE(stream.message().text(), Answer);
        QCOMPARE(metrics.records().size(), 2);
        QCOMPARE(metrics.records().at(1).actionTaken, u"fallback"_s);
    }

    void circuitBreakerOpensHalfOpensCloses()
    {
        qint64 now = 0;
        CircuitBreakerRegistry breakers({2, 10'000}, [&now] { return now; });
        FaultScript bad = scriptWith();
        bad.every = errorPlan(bad.every, 503, "busy");
        auto primary = makeServer(bad);
        auto backup = makeServer(scriptWith());
        const ProviderTarget primaryTarget = targetFor(ProviderKind::OpenAI, primary->baseUrl());
        CircuitBreaker *breaker = breakers.breakerFor(primaryTarget.config.baseUrl.toString());
        {
            ResilientStream stream(m_factory.get(), &breakers, nullptr);
            stream.setOptions(fastOptions(5));
            stream.setFallbacks({targetFor(ProviderKind::OpenAI, backup->baseUrl(), u"backup"_s)});
            Run run;
            watch(stream, run);
            stream.start(simpleRequest(), primaryTarget);
            QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
            QCOMPARE(run.reason, FinishReason::Stop);
            // Two failures opened the circuit; the third attempt went to the backup.
            QCOMPARE(primary->requestCount(), 2);
            QCOMPARE(run.fallbacks, QStringList{u"backup"_s});
            QCOMPARE(breaker->state(), CircuitBreaker::State::Open);
        }
        // The primary recovers; after the cooldown one probe goes through and closes it.
        primary->setScript(scriptWith());
        now += 10'000;
        ResilientStream stream(m_factory.get(), &breakers, nullptr);
        stream.setOptions(fastOptions());
        QSignalSpy states(breaker, &CircuitBreaker::stateChanged);
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), primaryTarget);
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(primary->requestCount(), 3);
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(0).at(0).value<CircuitBreaker::State>(), CircuitBreaker::State::HalfOpen);
        QCOMPARE(breaker->state(), CircuitBreaker::State::Closed);
    }

    void prefillRejectedSwitchesToInstruction()
    {
        if (!hasAdapter(ProviderKind::Anthropic))
            QSKIP("no Anthropic adapter yet");
        FaultScript script = scriptWith();
        FaultPlan drop = script.every;
        drop.dropAfterEvent = 10;
        script.requests.insert(1, drop);
        script.requests.insert(2, errorPlan(script.every, 400,
            R"({"type":"error","error":{"type":"invalid_request_error","message":"Prefilling assistant messages is not supported for this model."}})"));
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::Anthropic, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(server->requestCount(), 3);
        const auto lastRole = [&](int n) {
            const QJsonArray msgs = QJsonDocument::fromJson(server->request(n).body).object().value(u"messages"_s).toArray();
            return msgs.last().toObject().value(u"role"_s).toString();
        };
        QCOMPARE(lastRole(2), u"assistant"_s); // prefill
        QCOMPARE(lastRole(3), u"user"_s);      // instruction
        QVERIFY(stream.errors().at(1).prefillRejected);
        QCOMPARE(stream.lastContinuationMode(), ContinuationMode::Instruction);
        QCOMPARE(stream.message().text(), Answer);
    }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<RequestFactory> m_factory;
};

QTEST_GUILESS_MAIN(TestResilientRetry)
#include "tst_resilientretry.moc"
