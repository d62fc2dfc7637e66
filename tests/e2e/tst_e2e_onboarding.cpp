// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// First run in the real window (offscreen): with no provider the onboarding
// card shows; a model server answering at a probed loopback address (the
// fault-injection server on a free port, never the real 11434/8080) is
// offered, and accepting it configures the provider, which then answers.
#include "appservices.h"
#include "controllers/chatcontroller.h"
#include "controllers/conversationscontroller.h"
#include "controllers/localserverprobe.h"
#include "controllers/providerdirectory.h"
#include "e2ehelpers.h"
#include "faultserver.h"

#include <QQmlApplicationEngine>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::Literals::StringLiterals;
using namespace FaultInjection;
using E2E::findVisible;

class TestE2EOnboarding : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FaultServer m_server;
    quint16 m_closedPort = 0;
    E2E::App m_app;
    QQuickWindow *m_window = nullptr;

    QString settingsPath() const { return m_dir.filePath(u"settings.ini"_s); }
    /// A llama.cpp-style candidate on a port where nobody listens.
    LocalServerProbe::Candidate nobody() const
    {
        const QString base = u"http://127.0.0.1:%1"_s.arg(m_closedPort);
        return {ProviderKind::OpenAI, u"llama.cpp server"_s, QUrl(base + u"/v1"_s), QUrl(base + u"/v1/models"_s)};
    }
    LocalServerProbe::Candidate ollama() const
    {
        const QString base = m_server.baseUrl().toString();
        return {ProviderKind::Ollama, u"Ollama"_s, QUrl(base), QUrl(base + u"/api/tags"_s)};
    }
    bool showsText(const QString &text) const
    {
        return E2E::visibleTexts(m_window->contentItem()).contains(text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        {
            QTcpServer s; // bind a free port, note it, close it: connections are refused
            QVERIFY(s.listen(QHostAddress::LocalHost));
            m_closedPort = s.serverPort();
        }
        FaultScript script;
        script.model = u"llama3.2:1b"_s;
        script.answer.text = u"Hello from the local server."_s;
        m_server.setScript(script);
        QVERIFY(m_server.listen());

        E2E::start(m_app, m_dir, u"onboarding.sqlite"_s, [this](AppServices &services) {
            QVERIFY(!services.providers()->hasProviders());
            services.probe()->setCandidates({nobody()}); // nothing runs yet
        });
        m_window = m_app.window;
    }
    void cleanupTestCase() { m_app.stop(); }

    void noProviderShowsTheCard()
    {
        QVERIFY(findVisible(m_window, u"onboarding"_s));
        QVERIFY(!findVisible(m_window, u"composerInput"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!m_app.services->probe()->isRunning(), 10000);
        QVERIFY(!findVisible(m_window, u"useLocalServerButton"_s));
        QVERIFY(showsText(u"No local server found (Ollama on port 11434, llama.cpp on 8080)."_s));
        QVERIFY(findVisible(m_window, u"openSettingsButton"_s));
        QCOMPARE(m_server.requestCount(), 0);
        QVERIFY(!E2E::screenshot(m_window, QStringLiteral(CONFAB_E2E_SCREENS), u"onboarding-none"_s).isEmpty());
    }

    void aServerThatAnswersIsOffered()
    {
        // The user starts Ollama and looks again.
        m_app.services->probe()->setCandidates({ollama(), nobody()});
        QQuickItem *again = findVisible(m_window, u"lookAgainButton"_s);
        QCOMPARE(E2E::accessibleName(again), u"Look again for a local model server"_s);
        E2E::press(m_window, again);
        QTRY_VERIFY_WITH_TIMEOUT(findVisible(m_window, u"useLocalServerButton"_s), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_app.services->probe()->isRunning(), 10000);
        QQuickItem *use = findVisible(m_window, u"useLocalServerButton"_s);
        QCOMPARE(use->property("text").toString(), u"Use Ollama"_s);
        QVERIFY(showsText(u"Found Ollama at %1 (1 model(s))"_s.arg(m_server.baseUrl().toString())));
        QVERIFY(!showsText(u"No local server found (Ollama on port 11434, llama.cpp on 8080)."_s));
        QCOMPARE(m_server.requestCount(), 1);
        QCOMPARE(m_server.request(1).path, QByteArray("/api/tags"));
        QVERIFY(!m_app.services->providers()->hasProviders()); // offered, not yet configured
        QVERIFY(!E2E::screenshot(m_window, QStringLiteral(CONFAB_E2E_SCREENS), u"onboarding-found"_s).isEmpty());
    }

    void acceptingConfiguresTheProvider()
    {
        E2E::click(m_window, findVisible(m_window, u"useLocalServerButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(m_app.services->providers()->hasProviders(), 5000);
        const auto entry = m_app.services->providers()->entry(u"ollama"_s);
        QVERIFY(entry);
        QCOMPARE(entry->config.kind, ProviderKind::Ollama);
        QCOMPARE(entry->config.baseUrl, m_server.baseUrl());
        QCOMPARE(entry->config.defaultModel, u"llama3.2:1b"_s);
        QCOMPARE(m_app.services->providers()->defaultProviderId(), u"ollama"_s);
        m_app.services->settings()->sync();
        QSettings file(settingsPath(), QSettings::IniFormat);
        QCOMPARE(file.value(u"providers/ollama/kind"_s).toString(), u"ollama"_s);
        QCOMPARE(file.value(u"providers/ollama/baseUrl"_s).toString(), m_server.baseUrl().toString());

        // The card gives way to the chat, which now talks to that server.
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible(m_window, u"onboarding"_s), 5000);
        QQuickItem *input = findVisible(m_window, u"composerInput"_s);
        QVERIFY(input);
        ChatController *chat = m_app.services->conversations()->current();
        QVERIFY(chat);
        QTRY_VERIFY_WITH_TIMEOUT(chat->isLoaded(), 10000);
        QCOMPARE(chat->providerId(), u"ollama"_s);
        input->forceActiveFocus();
        E2E::typeText(m_window, u"Hi"_s);
        QTest::keyClick(m_window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(chat->lastAnswer(), u"Hello from the local server."_s, 15000);
        QCOMPARE(m_server.request(m_server.requestCount()).path, QByteArray("/api/chat"));
    }
};

QTEST_MAIN(TestE2EOnboarding)
#include "tst_e2e_onboarding.moc"
