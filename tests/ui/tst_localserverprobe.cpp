// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "controllers/localserverprobe.h"
#include "faultserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestLocalServerProbe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesBothListShapes()
    {
        QCOMPARE(LocalServerProbe::parseModels(R"({"models":[{"name":"llama3:8b"},{"name":"qwen"}]})"),
                 (QStringList{u"llama3:8b"_s, u"qwen"_s}));
        QCOMPARE(LocalServerProbe::parseModels(R"({"object":"list","data":[{"id":"m1"}]})"),
                 (QStringList{u"m1"_s}));
        QVERIFY(LocalServerProbe::parseModels("not json").isEmpty());
    }

    void findsRunningServersAndSkipsClosedPorts()
    {
        FaultInjection::FaultServer server;
        QVERIFY(server.listen());
        // A port that refuses: bind one, note it, close it.
        quint16 closedPort = 0;
        {
            QTcpServer s;
            QVERIFY(s.listen(QHostAddress::LocalHost));
            closedPort = s.serverPort();
        }
        const QString base = server.baseUrl().toString();
        QNetworkAccessManager nam;
        LocalServerProbe probe(&nam);
        probe.setCandidates({
            {ProviderKind::Ollama, u"Ollama"_s, server.baseUrl(), QUrl(base + u"/api/tags"_s)},
            {ProviderKind::OpenAI, u"llama.cpp server"_s, QUrl(base + u"/v1"_s), QUrl(base + u"/v1/models"_s)},
            {ProviderKind::OpenAI, u"nobody"_s, {}, QUrl(u"http://127.0.0.1:%1/v1/models"_s.arg(closedPort))},
        });
        QSignalSpy finished(&probe, &LocalServerProbe::finished);
        probe.probe(3000);
        QVERIFY(probe.isRunning());
        QVERIFY(finished.wait(10000));
        QVERIFY(!probe.isRunning());
        const QVariantList found = probe.found();
        QCOMPARE(found.size(), 2);
        QStringList names;
        for (const QVariant &v : found) {
            names << v.toMap().value(u"name"_s).toString();
            QCOMPARE(v.toMap().value(u"models"_s).toStringList(), QStringList{u"fake-model"_s});
        }
        names.sort();
        QCOMPARE(names, (QStringList{u"Ollama"_s, u"llama.cpp server"_s}));
    }
};

QTEST_GUILESS_MAIN(TestLocalServerProbe)
#include "tst_localserverprobe.moc"
