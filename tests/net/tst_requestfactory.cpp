// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "confabversion.h"
#include "faultserver.h"
#include "net/requestfactory.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QTest>

using namespace Qt::StringLiterals;

class tst_RequestFactory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loopbackRule_data();
    void loopbackRule();
    void streamRequestHeaders();
    void httpsKeepsTlsVerification();
    void refusedUrlNeverSendsTheKey();
    void headersArriveAtServer();
    void modelsRequest();
};

void tst_RequestFactory::loopbackRule_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https remote") << u"https://api.openai.com/v1"_s << true;
    QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:11434"_s << true;
    QTest::newRow("http 127.2.3.4") << u"http://127.2.3.4:8080/v1"_s << true;
    QTest::newRow("http ::1") << u"http://[::1]:8080"_s << true;
    QTest::newRow("http localhost") << u"http://localhost:1234/v1"_s << true;
    QTest::newRow("http LOCALHOST") << u"http://LOCALHOST:1234"_s << true;
    QTest::newRow("http remote") << u"http://api.example.com/v1"_s << false;
    QTest::newRow("http lan") << u"http://192.168.1.20:11434"_s << false;
    QTest::newRow("http localhost lookalike") << u"http://localhost.example.com"_s << false;
    QTest::newRow("http 128.0.0.1") << u"http://128.0.0.1"_s << false;
    QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << false;
    QTest::newRow("no host") << u"https:///v1"_s << false;
    QTest::newRow("garbage") << u"not a url"_s << false;
}

void tst_RequestFactory::loopbackRule()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const QString problem = RequestFactory::checkUrl(QUrl(url));
    QCOMPARE(problem.isEmpty(), allowed);
}

void tst_RequestFactory::streamRequestHeaders()
{
    QNetworkAccessManager nam;
    RequestFactory f(&nam);
    HttpRequestSpec spec;
    spec.url = QUrl(u"http://127.0.0.1:9/v1/chat/completions"_s);
    spec.headers = {{"anthropic-version", "2023-06-01"}};
    QNetworkRequest r;
    QString error;
    QVERIFY(f.streamRequest(spec, {"Authorization", "Bearer sk-abc"}, &r, &error));
    QCOMPARE(r.header(QNetworkRequest::UserAgentHeader).toByteArray(), QByteArray("Confab/" CONFAB_VERSION_STRING));
    QCOMPARE(r.rawHeader("Authorization"), QByteArray("Bearer sk-abc"));
    QCOMPARE(r.rawHeader("Accept"), QByteArray("text/event-stream"));
    QCOMPARE(r.rawHeader("anthropic-version"), QByteArray("2023-06-01"));
    QCOMPARE(r.attribute(QNetworkRequest::Http2AllowedAttribute).toBool(), true);
    QCOMPARE(r.attribute(QNetworkRequest::RedirectPolicyAttribute).toInt(), int(QNetworkRequest::SameOriginRedirectPolicy));
    // The adapter's own Accept wins (Ollama NDJSON).
    spec.headers = {{"Accept", "application/x-ndjson"}};
    QVERIFY(f.streamRequest(spec, {}, &r, &error));
    QCOMPARE(r.rawHeader("Accept"), QByteArray("application/x-ndjson"));
    QVERIFY(!r.hasRawHeader("Authorization"));
}

void tst_RequestFactory::httpsKeepsTlsVerification()
{
    QNetworkAccessManager nam;
    RequestFactory f(&nam);
    QNetworkRequest r;
    QString error;
    QVERIFY(f.streamRequest({QUrl(u"https://api.anthropic.com/v1/messages"_s), {}, {}}, {"x-api-key", "k"}, &r, &error));
    QCOMPARE(r.sslConfiguration().peerVerifyMode(), QSslSocket::VerifyPeer);
}

void tst_RequestFactory::refusedUrlNeverSendsTheKey()
{
    QNetworkAccessManager nam;
    RequestFactory f(&nam);
    QNetworkRequest r;
    QString error;
    const QByteArray key = "sk-secret-0123456789abcdefghijkl";
    QVERIFY(!f.streamRequest({QUrl(u"http://api.example.com/v1/chat/completions"_s), {}, {}}, {"Authorization", "Bearer " + key}, &r, &error));
    QVERIFY2(error.contains("api.example.com"_L1), qPrintable(error));
    QVERIFY(!error.contains(QString::fromLatin1(key)));
    // A key with a line break could inject headers: refused, without echoing it.
    QVERIFY(!f.streamRequest({QUrl(u"http://127.0.0.1:9/x"_s), {}, {}}, {"Authorization", "Bearer a\r\nX-Evil: 1"}, &r, &error));
    QVERIFY(!error.contains("X-Evil"_L1));
}

void tst_RequestFactory::headersArriveAtServer()
{
    FaultInjection::FaultServer server;
    FaultInjection::FaultScript script;
    script.answer.text = u"ok"_s;
    server.setScript(script);
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    RequestFactory f(&nam);
    QUrl url = server.baseUrl();
    url.setPath(u"/v1/chat/completions"_s);
    QNetworkRequest r;
    QString error;
    QVERIFY(f.streamRequest({url, {}, R"({"messages":[]})"}, {"Authorization", "Bearer sk-live-key"}, &r, &error));
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(f.post(r, R"({"messages":[]})"),
                                                                   [](QNetworkReply *p) { p->deleteLater(); });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(server.requestCount(), 1);
    const auto rec = server.request(1);
    QCOMPARE(rec.header("user-agent"), QByteArray("Confab/" CONFAB_VERSION_STRING));
    QCOMPARE(rec.header("authorization"), QByteArray("Bearer sk-live-key"));
    QCOMPARE(rec.header("accept"), QByteArray("text/event-stream"));
    QCOMPARE(rec.header("content-type"), QByteArray("application/json"));
    QCOMPARE(rec.body, QByteArray(R"({"messages":[]})"));
}

void tst_RequestFactory::modelsRequest()
{
    FaultInjection::FaultServer server;
    QVERIFY(server.listen());
    QNetworkAccessManager nam;
    RequestFactory f(&nam);
    QUrl url = server.baseUrl();
    url.setPath(u"/v1/models"_s);
    QNetworkRequest r;
    QString error;
    QVERIFY(f.modelsRequest(url, {"Authorization", "Bearer k"}, &r, &error));
    std::unique_ptr<QNetworkReply, void (*)(QNetworkReply *)> reply(f.get(r), [](QNetworkReply *p) { p->deleteLater(); });
    QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 10000);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(reply->readAll().contains("fake-model"));
    QCOMPARE(server.request(1).method, QByteArray("GET"));
    QCOMPARE(server.request(1).header("accept"), QByteArray("application/json"));
}

QTEST_GUILESS_MAIN(tst_RequestFactory)
#include "tst_requestfactory.moc"
