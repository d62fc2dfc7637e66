// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// The fault-injection server itself, checked with a raw QTcpSocket client
// and a decoder written here (independent of the product's adapters).

#include "faultserver.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace FaultInjection;

namespace {
const QString Canonical = u"Straße → 東京 🎉 is where the answer continues, word by word."_s;

struct RawResponse {
    QByteArray head;
    QByteArray body;
    QList<qsizetype> readSizes; ///< body-relevant read boundaries (raw socket reads)
    QByteArray raw;
};

RawResponse exchange(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    // The server runs in this thread: drive the client with the event loop.
    RawResponse r;
    QTcpSocket s;
    QEventLoop loop;
    QObject::connect(&s, &QTcpSocket::connected, &s, [&] {
        s.write(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer test-key\r\n"
                "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    });
    QObject::connect(&s, &QTcpSocket::readyRead, &s, [&] {
        r.raw += s.readAll();
        r.readSizes.append(r.raw.size());
    });
    QObject::connect(&s, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&s, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit); // bounded
    s.connectToHost(QHostAddress::LocalHost, port);
    loop.exec();
    r.raw += s.readAll();
    const qsizetype end = r.raw.indexOf("\r\n\r\n");
    r.head = r.raw.left(end);
    r.body = r.raw.mid(end + 4);
    return r;
}

QByteArray dechunk(const QByteArray &in)
{
    QByteArray out;
    qsizetype pos = 0;
    while (pos < in.size()) {
        const qsizetype eol = in.indexOf("\r\n", pos);
        if (eol < 0)
            break;
        const qsizetype n = in.mid(pos, eol - pos).toLongLong(nullptr, 16);
        if (n == 0)
            break;
        out += in.mid(eol + 2, n);
        pos = eol + 2 + n + 2;
    }
    return out;
}

// Text deltas of a body, decoded here from the three wire formats.
QString decodeText(const QByteArray &body, WireProvider p, bool *sawEnd)
{
    QString text;
    *sawEnd = false;
    const QList<QByteArray> lines = QByteArray(body).replace("\r\n", "\n").split('\n');
    for (const QByteArray &line : lines) {
        QByteArray json = line;
        if (p != WireProvider::Ollama) {
            if (!line.startsWith("data: "))
                continue;
            json = line.mid(6);
            if (json == "[DONE]") {
                *sawEnd = true;
                continue;
            }
        }
        const QJsonObject o = QJsonDocument::fromJson(json).object();
        if (p == WireProvider::OpenAI)
            text += o.value("choices"_L1).toArray().at(0).toObject().value("delta"_L1).toObject().value("content"_L1).toString();
        else if (p == WireProvider::Anthropic) {
            text += o.value("delta"_L1).toObject().value("text"_L1).toString();
            *sawEnd = *sawEnd || o.value("type"_L1).toString() == "message_stop"_L1;
        } else {
            text += o.value("message"_L1).toObject().value("content"_L1).toString();
            *sawEnd = *sawEnd || o.value("done"_L1).toBool();
        }
    }
    return text;
}
} // namespace

class tst_FaultServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamsPerProviderAndRecords_data();
    void streamsPerProviderAndRecords();
    void continuation_data();
    void continuation();
    void statusHeadersAndBody();
    void dropAtByte();
    void splitWritesCutInsideCharacters();
    void perRequestPlans();
    void scriptJsonErrorsNameTheKey();
};

void tst_FaultServer::streamsPerProviderAndRecords_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("provider");
    QTest::newRow("openai /v1") << QByteArray("/v1/chat/completions") << int(WireProvider::OpenAI);
    QTest::newRow("openai bare") << QByteArray("/chat/completions") << int(WireProvider::OpenAI);
    QTest::newRow("anthropic") << QByteArray("/v1/messages") << int(WireProvider::Anthropic);
    QTest::newRow("ollama") << QByteArray("/api/chat") << int(WireProvider::Ollama);
}

void tst_FaultServer::streamsPerProviderAndRecords()
{
    QFETCH(QByteArray, path);
    QFETCH(int, provider);
    FaultServer server;
    FaultScript s;
    s.answer.text = Canonical;
    s.every.chunkedFraming = false;
    server.setScript(s);
    QVERIFY(server.listen());
    const QByteArray body = R"({"messages":[{"role":"user","content":"hi"}]})";
    const RawResponse r = exchange(server.port(), "POST", path, body);
    QVERIFY2(r.head.startsWith("HTTP/1.1 200"), r.head.constData());
    bool sawEnd = false;
    QCOMPARE(decodeText(r.body, WireProvider(provider), &sawEnd), Canonical);
    QVERIFY(sawEnd);
    QCOMPARE(server.requestCount(), 1);
    const RecordedRequest rec = server.request(1);
    QCOMPARE(rec.method, QByteArray("POST"));
    QCOMPARE(rec.path, path);
    QCOMPARE(rec.body, body);
    QCOMPARE(rec.header("Authorization"), QByteArray("Bearer test-key"));
    QCOMPARE(int(rec.provider), provider);
    QVERIFY(rec.completed);
    QVERIFY(!rec.clientDisconnected);
    QCOMPARE(rec.bodyBytesSent, r.body.size());
}

void tst_FaultServer::continuation_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("provider");
    QTest::addColumn<QByteArray>("messages");
    QTest::addColumn<int>("overlap");
    QTest::addColumn<QString>("expected");
    const QByteArray prefill = u"[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Straße → 東京 🎉 is\"}]"_s.toUtf8();
    const QByteArray blocks = u"[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Straße → 東京 🎉 is\"}]}]"_s.toUtf8();
    const QByteArray instruction = u"[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"Straße → 東京 🎉 is where \"},"
                                   "{\"role\":\"user\",\"content\":\"Your previous response was interrupted. Continue it exactly.\"}]"_s.toUtf8();
    const QString rest = Canonical.mid(u"Straße → 東京 🎉 is"_s.size());
    QTest::newRow("anthropic prefill blocks") << QByteArray("/v1/messages") << int(WireProvider::Anthropic) << blocks << 0 << rest;
    QTest::newRow("anthropic instruction") << QByteArray("/v1/messages") << int(WireProvider::Anthropic) << instruction << 0
                                           << Canonical.mid(u"Straße → 東京 🎉 is where "_s.size());
    QTest::newRow("openai prefill") << QByteArray("/v1/chat/completions") << int(WireProvider::OpenAI) << prefill << 0 << rest;
    QTest::newRow("openai instruction overlap 5") << QByteArray("/v1/chat/completions") << int(WireProvider::OpenAI) << instruction << 5
                                                  << Canonical.mid(u"Straße → 東京 🎉 is where "_s.size() - 5);
    QTest::newRow("ollama prefill") << QByteArray("/api/chat") << int(WireProvider::Ollama) << prefill << 0 << rest;
    QTest::newRow("ollama instruction") << QByteArray("/api/chat") << int(WireProvider::Ollama) << instruction << 0
                                        << Canonical.mid(u"Straße → 東京 🎉 is where "_s.size());
}

void tst_FaultServer::continuation()
{
    QFETCH(QByteArray, path);
    QFETCH(int, provider);
    QFETCH(QByteArray, messages);
    QFETCH(int, overlap);
    QFETCH(QString, expected);
    FaultServer server;
    FaultScript s;
    s.answer.text = Canonical;
    s.answer.thinking = u"not repeated when continuing"_s;
    s.every.chunkedFraming = false;
    s.every.continuationOverlap = overlap;
    server.setScript(s);
    QVERIFY(server.listen());
    const RawResponse r = exchange(server.port(), "POST", path, R"({"messages":)" + messages + "}");
    bool sawEnd = false;
    QCOMPARE(decodeText(r.body, WireProvider(provider), &sawEnd), expected);
    QVERIFY(sawEnd);
    QVERIFY(!r.body.contains("not repeated"));
    QVERIFY(server.request(1).continuation);
}

void tst_FaultServer::statusHeadersAndBody()
{
    FaultServer server;
    QString error;
    FaultScript s;
    QVERIFY2(FaultScript::fromJsonBytes(R"({"every":{"status":429,"headers":{"retry-after":"3","retry-after-ms":"2500"},
        "body":{"error":{"type":"rate_limit_error","message":"slow"}}}})", &s, &error), qPrintable(error));
    server.setScript(s);
    QVERIFY(server.listen());
    const RawResponse r = exchange(server.port(), "POST", "/v1/chat/completions", "{}");
    QVERIFY2(r.head.startsWith("HTTP/1.1 429 Too Many Requests"), r.head.constData());
    QVERIFY(r.head.contains("\r\nretry-after: 3\r\n"));
    QVERIFY(r.head.contains("\r\nretry-after-ms: 2500"));
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value("error"_L1).toObject().value("type"_L1).toString(), u"rate_limit_error"_s);
}

void tst_FaultServer::dropAtByte()
{
    FaultServer server;
    FaultScript s;
    s.answer.text = Canonical;
    s.every.dropAtByte = 333;
    server.setScript(s);
    QVERIFY(server.listen());
    const RawResponse r = exchange(server.port(), "POST", "/v1/chat/completions", "{}");
    QVERIFY(r.head.contains("Transfer-Encoding: chunked"));
    QCOMPARE(dechunk(r.body).size(), 333);
    QVERIFY(!r.body.endsWith("0\r\n\r\n")); // no clean end of the chunked body
    QVERIFY(server.request(1).dropped);
    QVERIFY(!server.request(1).completed);
}

void tst_FaultServer::splitWritesCutInsideCharacters()
{
    FaultServer server;
    FaultScript s;
    s.answer.text = Canonical;
    s.every.splitWrites = true;
    s.every.crlf = true;
    s.every.chunkedFraming = false;
    server.setScript(s);
    QVERIFY(server.listen());
    const RawResponse r = exchange(server.port(), "POST", "/v1/chat/completions", "{}");
    bool sawEnd = false;
    QCOMPARE(decodeText(r.body, WireProvider::OpenAI, &sawEnd), Canonical);
    QVERIFY(sawEnd);
    // At least one read ended inside a UTF-8 character or between \r and \n.
    int cuts = 0;
    for (qsizetype end : r.readSizes) {
        if (end < r.raw.size() && ((uchar(r.raw.at(end)) & 0xC0) == 0x80 || (r.raw.at(end) == '\n' && r.raw.at(end - 1) == '\r')))
            ++cuts;
    }
    QVERIFY2(cuts > 0, "no read boundary fell inside a character or a CRLF");
}

void tst_FaultServer::perRequestPlans()
{
    FaultServer server;
    QString error;
    FaultScript s;
    QVERIFY2(FaultScript::fromJsonBytes(R"({"answer":{"text":"abc"},"every":{"chunkedFraming":false},
        "requests":{"1":{"status":500,"body":"boom"}}})", &s, &error), qPrintable(error));
    QVERIFY(!s.requests.value(1).chunkedFraming); // merged over "every"
    server.setScript(s);
    QVERIFY(server.listen());
    QVERIFY(exchange(server.port(), "POST", "/api/chat", "{}").head.startsWith("HTTP/1.1 500"));
    const RawResponse second = exchange(server.port(), "POST", "/api/chat", "{}");
    QVERIFY(second.head.startsWith("HTTP/1.1 200"));
    bool sawEnd = false;
    QCOMPARE(decodeText(second.body, WireProvider::Ollama, &sawEnd), u"abc"_s);
    QCOMPARE(server.requestCount(), 2);
}

void tst_FaultServer::scriptJsonErrorsNameTheKey()
{
    FaultScript s;
    QString error;
    QVERIFY(!FaultScript::fromJsonBytes(R"({"every":{"stalAtByte":3}})", &s, &error));
    QVERIFY2(error.contains("stalAtByte"_L1), qPrintable(error));
    QVERIFY(!FaultScript::fromJsonBytes(R"({"every":{"dropAtByte":"ten"}})", &s, &error));
    QVERIFY2(error.contains("dropAtByte"_L1), qPrintable(error));
    QVERIFY(!FaultScript::fromJsonBytes(R"({"provider":"gemini"})", &s, &error));
    QVERIFY2(error.contains("gemini"_L1), qPrintable(error));
    QVERIFY(!FaultScript::fromJsonBytes("{not json", &s, &error));
    QVERIFY2(error.contains("JSON"_L1), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_FaultServer)
#include "tst_faultserver.moc"
