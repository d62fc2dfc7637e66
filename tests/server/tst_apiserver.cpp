// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "serverharness.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>

using namespace FaultInjection;

namespace {

/// What a client saw of one SSE response.
struct SseResult {
    int status = 0;
    QByteArray raw;
    QString text;
    QString finishReason;
    QJsonObject usage;
    QJsonObject error;
    bool done = false;
    int keepAlives = 0;
    int dataEvents = 0;
};

SseResult parseSse(int status, const QByteArray &raw)
{
    SseResult r;
    r.status = status;
    r.raw = raw;
    const QList<QByteArray> events = raw.split('\n');
    for (const QByteArray &line : events) {
        if (line == ": keep-alive")
            ++r.keepAlives;
        if (!line.startsWith("data: "))
            continue;
        const QByteArray data = line.mid(6);
        if (data == "[DONE]") {
            r.done = true;
            continue;
        }
        ++r.dataEvents;
        const QJsonObject o = QJsonDocument::fromJson(data).object();
        if (o.contains(QLatin1StringView("error")))
            r.error = o.value(QLatin1StringView("error")).toObject();
        if (o.value(QLatin1StringView("usage")).isObject())
            r.usage = o.value(QLatin1StringView("usage")).toObject();
        const QJsonObject choice = o.value(QLatin1StringView("choices")).toArray().at(0).toObject();
        r.text += choice.value(QLatin1StringView("delta")).toObject().value(QLatin1StringView("content")).toString();
        if (choice.value(QLatin1StringView("finish_reason")).isString())
            r.finishReason = choice.value(QLatin1StringView("finish_reason")).toString();
    }
    return r;
}

QNetworkReply *post(ServerHarness &h, const QByteArray &body, bool withToken = true)
{
    return h.nam.post(h.request(QStringLiteral("/v1/chat/completions"), withToken), body);
}

/// Waits (bounded) for the reply and returns status and body.
QPair<int, QByteArray> finish(QNetworkReply *reply)
{
    QByteArray body;
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] { body += reply->readAll(); });
    if (!reply->isFinished())
        QSignalSpy(reply, &QNetworkReply::finished).wait(30000);
    body += reply->readAll();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return {status, body};
}

QJsonObject errorOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1StringView("error")).toObject();
}

} // namespace

class TestApiServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamsTheUpstreamAnswer()
    {
        ServerHarness h;
        QVERIFY(h.start());
        QCOMPARE(h.server->baseUrl().host(), QStringLiteral("127.0.0.1"));
        const auto [status, body] = finish(post(h, ServerHarness::chatBody(true, true)));
        const SseResult r = parseSse(status, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.text, ServerHarness::canonicalText());
        QCOMPARE(r.finishReason, QStringLiteral("stop"));
        QVERIFY(r.done);
        QVERIFY(r.raw.endsWith("data: [DONE]\n\n"));
        QCOMPARE(r.usage.value(QLatin1StringView("prompt_tokens")).toInt(), 12);
        QCOMPARE(r.usage.value(QLatin1StringView("completion_tokens")).toInt(), 34);
        // The upstream got the client's conversation, and its own key, never ours.
        QCOMPARE(h.upstream.requestCount(), 1);
        QVERIFY(h.upstream.request(1).body.contains("Hello?"));
        QCOMPARE(h.upstream.request(1).header("authorization"), QByteArray("Bearer sk-upstream-secret-0123456789abcdef"));
        QCOMPARE(h.server->activeStreams(), 0);
    }

    void withoutIncludeUsageThereIsNoUsageChunk()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const auto [status, body] = finish(post(h, ServerHarness::chatBody(true, false)));
        const SseResult r = parseSse(status, body);
        QCOMPARE(r.text, ServerHarness::canonicalText());
        QVERIFY(r.usage.isEmpty());
        QVERIFY(r.done);
    }

    void upstreamDropIsInvisibleToTheClient()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        FaultPlan drop;
        drop.dropAfterEvent = 6;
        s.requests.insert(1, drop);
        h.setScript(s);
        const auto [status, body] = finish(post(h, ServerHarness::chatBody(true, true)));
        const SseResult r = parseSse(status, body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.text, ServerHarness::canonicalText());
        QVERIFY(r.done);
        QVERIFY(r.error.isEmpty());
        QVERIFY(h.upstream.request(1).dropped);
        QCOMPARE(h.upstream.requestCount(), 2);
        QVERIFY(h.upstream.request(2).continuation);
    }

    void nonStreamingReturnsOneCompletion()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        FaultPlan drop;
        drop.dropAfterEvent = 3;
        s.requests.insert(1, drop);
        h.setScript(s);
        const auto [status, body] = finish(post(h, ServerHarness::chatBody(false)));
        QCOMPARE(status, 200);
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        QCOMPARE(o.value(QLatin1StringView("object")).toString(), QStringLiteral("chat.completion"));
        const QJsonObject choice = o.value(QLatin1StringView("choices")).toArray().at(0).toObject();
        QCOMPARE(choice.value(QLatin1StringView("message")).toObject().value(QLatin1StringView("content")).toString(),
                 ServerHarness::canonicalText());
        QCOMPARE(choice.value(QLatin1StringView("finish_reason")).toString(), QStringLiteral("stop"));
    }

    void modelsAreListed()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const auto [status, body] = finish(h.nam.get(h.request(QStringLiteral("/v1/models"))));
        QCOMPARE(status, 200);
        const QJsonArray data = QJsonDocument::fromJson(body).object().value(QLatin1StringView("data")).toArray();
        QCOMPARE(data.size(), 1);
        QCOMPARE(data.at(0).toObject().value(QLatin1StringView("id")).toString(), QStringLiteral("fake-model"));
    }

    void everyRequestNeedsTheToken()
    {
        ServerHarness h;
        QVERIFY(h.start());
        auto [s1, b1] = finish(post(h, ServerHarness::chatBody(true), false));
        QCOMPARE(s1, 401);
        QCOMPARE(errorOf(b1).value(QLatin1StringView("type")).toString(), QStringLiteral("authentication_error"));
        auto [s2, b2] = finish(h.nam.get(h.request(QStringLiteral("/v1/models"), false)));
        QCOMPARE(s2, 401);
        QNetworkRequest wrong = h.request(QStringLiteral("/v1/models"), false);
        wrong.setRawHeader("Authorization", "Bearer " + h.server->token() + "x");
        QCOMPARE(finish(h.nam.get(wrong)).first, 401);
        QCOMPARE(h.upstream.requestCount(), 0);
        // With the token, an unknown URL is a 404 and a wrong method a 405.
        QCOMPARE(finish(h.nam.get(h.request(QStringLiteral("/v1/nothing")))).first, 404);
        QCOMPARE(finish(h.nam.get(h.request(QStringLiteral("/v1/chat/completions")))).first, 405);
    }

    void invalidJsonIs400()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const auto [status, body] = finish(post(h, "{\"messages\": [oops"));
        QCOMPARE(status, 400);
        QCOMPARE(errorOf(body).value(QLatin1StringView("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(errorOf(body).value(QLatin1StringView("message")).toString().contains(QLatin1StringView("not valid JSON")));
        QCOMPARE(h.upstream.requestCount(), 0);
    }

    void oversizedBodiesAre413()
    {
        ServerHarness h;
        ApiServerOptions o;
        o.maxBodyBytes = 2000;
        QVERIFY(h.start(o));
        const QByteArray padded = QByteArray("{\"messages\":[{\"role\":\"user\",\"content\":\"") + QByteArray(3000, 'x') + "\"}]}";
        const auto [status, body] = finish(post(h, padded));
        QCOMPARE(status, 413);
        QCOMPARE(errorOf(body).value(QLatin1StringView("code")).toString(), QStringLiteral("request_too_large"));
        // Far over the limit: refused while arriving, not buffered.
        const QByteArray huge = QByteArray("{\"messages\":[{\"role\":\"user\",\"content\":\"") + QByteArray(4 << 20, 'x') + "\"}]}";
        QCOMPARE(finish(post(h, huge)).first, 413);
        QCOMPARE(h.upstream.requestCount(), 0);
        // The server still answers afterwards.
        QCOMPARE(finish(h.nam.get(h.request(QStringLiteral("/v1/models")))).first, 200);
    }

    void tooManyStreamsAre429()
    {
        ServerHarness h;
        ApiServerOptions o;
        o.maxConcurrentStreams = 1;
        o.retryAfterSeconds = 3;
        QVERIFY(h.start(o));
        FaultScript s = h.script;
        s.every.stallAfterEvent = 2; // stalls until the client goes away
        h.setScript(s);
        QNetworkReply *first = post(h, ServerHarness::chatBody(true));
        QTRY_COMPARE_WITH_TIMEOUT(h.upstream.requestCount(), 1, 20000);
        QCOMPARE(h.server->activeStreams(), 1);
        QNetworkReply *second = post(h, ServerHarness::chatBody(true));
        QSignalSpy(second, &QNetworkReply::finished).wait(20000);
        QCOMPARE(second->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
        QCOMPARE(second->rawHeader("Retry-After"), QByteArray("3"));
        QCOMPARE(errorOf(second->readAll()).value(QLatin1StringView("type")).toString(), QStringLiteral("rate_limit_error"));
        second->deleteLater();
        QCOMPARE(h.upstream.requestCount(), 1);
        first->abort();
        first->deleteLater();
        QTRY_COMPARE_WITH_TIMEOUT(h.server->activeStreams(), 0, 20000);
    }

    void clientDisconnectCancelsUpstream()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        s.every.stallAfterEvent = 3;
        h.setScript(s);
        QNetworkReply *reply = post(h, ServerHarness::chatBody(true));
        QByteArray got;
        connect(reply, &QNetworkReply::readyRead, reply, [&] { got += reply->readAll(); });
        QTRY_VERIFY_WITH_TIMEOUT(got.contains("\"content\":\"Neve"), 20000);
        QVERIFY(!h.upstream.request(1).clientDisconnected);
        reply->abort();
        reply->deleteLater();
        QTRY_VERIFY_WITH_TIMEOUT(h.upstream.request(1).clientDisconnected, 20000);
        QVERIFY(!h.upstream.request(1).completed);
        QTRY_COMPARE_WITH_TIMEOUT(h.server->activeStreams(), 0, 20000);
        QCOMPARE(h.upstream.requestCount(), 1); // no retry after a cancel
    }

    void keepAlivesFlowDuringAStall()
    {
        ServerHarness h;
        ApiServerOptions o;
        o.keepAliveIntervalMs = 50;
        QVERIFY(h.start(o));
        FaultScript s = h.script;
        s.every.stallAfterEvent = 2;
        s.every.stallMs = 1000; // then the rest of the answer
        h.setScript(s);
        const auto [status, body] = finish(post(h, ServerHarness::chatBody(true)));
        const SseResult r = parseSse(status, body);
        QCOMPARE(r.text, ServerHarness::canonicalText());
        QVERIFY(r.done);
        QVERIFY2(r.keepAlives >= 1, r.raw.constData());
        // Keep-alives are comments between events, never inside one.
        QVERIFY(r.raw.contains("\n\n: keep-alive\n\n"));
    }

    void upstreamClientErrorIsPassedOn()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        s.every.status = 400;
        s.every.hasBody = true;
        s.every.body = R"({"error":{"message":"bad model","type":"invalid_request_error","param":null,"code":"model_not_found"}})";
        h.setScript(s);
        const auto [status, body] = finish(post(h, ServerHarness::chatBody(true)));
        QCOMPARE(status, 400);
        const QJsonObject e = errorOf(body);
        QCOMPARE(e.value(QLatin1StringView("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(!body.contains("sk-upstream-secret"));
        QCOMPARE(h.server->activeStreams(), 0);
    }

    void listensOnLoopbackOnly()
    {
        ServerHarness h;
        QVERIFY(h.start());
        QVERIFY(h.server->port() != 0);
        ApiServer second(h.backend.get());
        QString error;
        ApiServerOptions o;
        o.port = h.server->port();
        QVERIFY(!second.listen(o, &error));
        QVERIFY(error.contains(QString::number(o.port)));
        QVERIFY(ApiServer::generateToken() != ApiServer::generateToken());
        QVERIFY(ApiServer::generateToken().size() >= 40);
    }
};

QTEST_GUILESS_MAIN(TestApiServer)
#include "tst_apiserver.moc"
