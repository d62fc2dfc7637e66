// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "serverharness.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QWebSocket>

using namespace FaultInjection;

namespace {

/// A QWebSocket client that records every message as JSON.
struct WsClient {
    QWebSocket socket;
    QList<QJsonObject> messages;

    explicit WsClient(ServerHarness &h, bool withToken = true)
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &m) { messages.append(QJsonDocument::fromJson(m.toUtf8()).object()); });
        QNetworkRequest r(h.url(QStringLiteral("/v1/stream")));
        r.setUrl([&] { QUrl u = r.url(); u.setScheme(QStringLiteral("ws")); return u; }());
        if (withToken)
            r.setRawHeader("Authorization", "Bearer " + h.server->token());
        socket.open(r);
    }

    bool waitConnected()
    {
        if (socket.state() == QAbstractSocket::ConnectedState)
            return true;
        QSignalSpy spy(&socket, &QWebSocket::connected);
        return spy.wait(20000);
    }

    void send(const QByteArray &json) { socket.sendTextMessage(QString::fromUtf8(json)); }

    bool has(const QString &type) const
    {
        for (const QJsonObject &m : messages)
            if (m.value(QLatin1StringView("type")).toString() == type)
                return true;
        return false;
    }

    QString text() const
    {
        QString t;
        for (const QJsonObject &m : messages)
            if (m.value(QLatin1StringView("type")).toString() == QLatin1StringView("text_delta"))
                t += m.value(QLatin1StringView("text")).toString();
        return t;
    }
};

const QByteArray kRequest = R"({"type":"request","request":{"model":"fake-model","messages":[{"role":"user","content":"Hello?"}]}})";

} // namespace

class TestApiServerWebSocket : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamsUnifiedEvents()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        FaultPlan drop;
        drop.dropAfterEvent = 5;
        s.requests.insert(1, drop);
        h.setScript(s);
        WsClient c(h);
        QVERIFY(c.waitConnected());
        c.send(kRequest);
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("done")), 20000);
        QCOMPARE(c.messages.constFirst().value(QLatin1StringView("type")).toString(), QStringLiteral("start"));
        QCOMPARE(c.text(), ServerHarness::canonicalText());
        QVERIFY(c.has(QStringLiteral("usage")));
        QVERIFY(c.has(QStringLiteral("finish")));
        QVERIFY(!c.has(QStringLiteral("error")));
        QCOMPARE(h.upstream.requestCount(), 2); // the drop was resumed, invisibly
        QCOMPARE(h.server->activeStreams(), 0);

        // The socket takes another request after "done".
        c.messages.clear();
        c.send(kRequest);
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("done")), 20000);
        QCOMPARE(c.text(), ServerHarness::canonicalText());
    }

    void cancelMessageCancelsUpstream()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        s.every.stallAfterEvent = 3;
        h.setScript(s);
        WsClient c(h);
        QVERIFY(c.waitConnected());
        c.send(kRequest);
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("text_delta")), 20000);
        QCOMPARE(h.server->activeStreams(), 1);
        c.send(R"({"type":"cancel"})");
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("cancelled")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(h.upstream.request(1).clientDisconnected, 20000);
        QCOMPARE(h.server->activeStreams(), 0);
        QVERIFY(!c.has(QStringLiteral("done")));
        QCOMPARE(h.upstream.requestCount(), 1);
    }

    void closingTheSocketCancelsUpstream()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        s.every.stallAfterEvent = 3;
        h.setScript(s);
        WsClient c(h);
        QVERIFY(c.waitConnected());
        c.send(kRequest);
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("text_delta")), 20000);
        c.socket.close();
        QTRY_VERIFY_WITH_TIMEOUT(h.upstream.request(1).clientDisconnected, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(h.server->activeStreams(), 0, 20000);
    }

    void keepAlivesDuringAStall()
    {
        ServerHarness h;
        ApiServerOptions o;
        o.keepAliveIntervalMs = 50;
        QVERIFY(h.start(o));
        FaultScript s = h.script;
        s.every.stallAfterEvent = 2;
        s.every.stallMs = 800;
        h.setScript(s);
        WsClient c(h);
        QVERIFY(c.waitConnected());
        c.send(kRequest);
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("done")), 20000);
        QVERIFY(c.has(QStringLiteral("keep_alive")));
        QCOMPARE(c.text(), ServerHarness::canonicalText());
    }

    void withoutTokenTheUpgradeIsRefused()
    {
        ServerHarness h;
        QVERIFY(h.start());
        WsClient c(h, false);
        QSignalSpy errors(&c.socket, &QWebSocket::errorOccurred);
        QTRY_VERIFY_WITH_TIMEOUT(c.socket.state() == QAbstractSocket::UnconnectedState, 20000);
        QVERIFY(errors.size() >= 1);
        QVERIFY(c.messages.isEmpty());
        QCOMPARE(h.upstream.requestCount(), 0);
    }

    void badMessagesGetErrors()
    {
        ServerHarness h;
        ApiServerOptions o;
        o.maxConcurrentStreams = 1;
        QVERIFY(h.start(o));
        WsClient c(h);
        QVERIFY(c.waitConnected());
        c.send("not json");
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("error")), 20000);
        QCOMPARE(c.messages.constLast().value(QLatin1StringView("status")).toInt(), 400);
        c.messages.clear();
        c.send(R"({"type":"request","request":{"messages":[]}})");
        QTRY_VERIFY_WITH_TIMEOUT(c.has(QStringLiteral("error")), 20000);
        QCOMPARE(c.messages.constLast().value(QLatin1StringView("error")).toObject().value(QLatin1StringView("param")).toString(),
                 QStringLiteral("messages"));
        QCOMPARE(h.upstream.requestCount(), 0);
        QCOMPARE(h.server->activeStreams(), 0);
    }
};

QTEST_GUILESS_MAIN(TestApiServerWebSocket)
#include "tst_apiserver_websocket.moc"
