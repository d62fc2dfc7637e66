// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// ApiServerController: the Settings switch for the local API server. Real
// HTTP to 127.0.0.1, the fault server as the upstream provider, a real SQLite
// file behind the AsyncStore, a temporary INI file for QSettings.

#include "controllers/apiservercontroller.h"
#include "controllers/providerdirectory.h"
#include "faultserver.h"
#include "net/requestfactory.h"
#include "storage/asyncstore.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kAnswer = u"Stored exactly: Ünïcödé 😀 and \"quotes\"."_s;

quint16 freePort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    return s.serverPort();
}

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
};
} // namespace

class TestApiServerController : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    FaultInjection::FaultServer m_upstream;
    QNetworkAccessManager m_nam;
    RequestFactory m_factory{&m_nam};
    int m_run = 0;

    QString settingsPath() const { return m_dir.filePath(u"settings-%1.ini"_s.arg(m_run)); }

    /// A fresh settings file with one provider: the fault server.
    std::unique_ptr<QSettings> newSettings(bool withProvider = true)
    {
        ++m_run;
        auto settings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
        if (withProvider) {
            ProviderDirectory dir(settings.get(), nullptr, &m_factory);
            QUrl base = m_upstream.baseUrl();
            base.setPath(u"/v1"_s);
            const QString error = dir.saveProvider(u"openai"_s, u"fault"_s, u"Fault"_s, base.toString(),
                                                   u"fake-model"_s, 0, 60);
            if (!error.isEmpty())
                qWarning("%s", qPrintable(error));
        }
        return settings;
    }

    Reply send(const QUrl &url, const QByteArray &token, const QByteArray &body = {})
    {
        QNetworkRequest r(url);
        r.setTransferTimeout(20000);
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = nullptr;
        if (body.isEmpty()) {
            reply = m_nam.get(r);
        } else {
            r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            reply = m_nam.post(r, body);
        }
        if (!reply->isFinished())
            QSignalSpy(reply, &QNetworkReply::finished).wait(30000);
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.error = reply->error();
        out.body = reply->readAll();
        reply->deleteLater();
        return out;
    }

    static QUrl endpoint(const ApiServerController &c, const QString &path)
    {
        QUrl u(c.url());
        u.setPath(path);
        return u;
    }

    void setAnswer(const QString &text)
    {
        FaultInjection::FaultScript script;
        script.provider = FaultInjection::WireProvider::OpenAI;
        script.answer.text = text;
        m_upstream.setScript(script);
    }

    /// Streams one chat completion through the controller's server.
    void streamOne(ApiServerController &c)
    {
        const QByteArray body =
                R"({"model":"fake-model","stream":true,"messages":[{"role":"user","content":"Hello from curl"}]})";
        const Reply r = send(endpoint(c, u"/v1/chat/completions"_s), c.token().toLatin1(), body);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("[DONE]"), r.body.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_upstream.listen());
        setAnswer(kAnswer);
    }

    void offByDefault()
    {
        auto settings = newSettings();
        ApiServerController c(settings.get(), nullptr, &m_factory, nullptr);
        QVERIFY(!c.isEnabled());
        QVERIFY(!c.isRunning());
        QVERIFY(!c.storeRequests());
        QCOMPARE(c.port(), int(ApiServerController::DefaultPort));
        QVERIFY(c.url().isEmpty());
    }

    void enableStartsWithTokenAndDisableStops()
    {
        auto settings = newSettings();
        ProviderDirectory providers(settings.get(), nullptr, &m_factory);
        ApiServerController c(settings.get(), &providers, &m_factory, nullptr);
        const quint16 port = freePort();
        QVERIFY(port != 0);
        c.setPort(port);
        c.setEnabled(true);
        QVERIFY2(c.isRunning(), qPrintable(c.errorString()));
        QCOMPARE(c.url(), u"http://127.0.0.1:%1/v1"_s.arg(port));
        QVERIFY(c.token().size() >= 16);

        const QUrl models = endpoint(c, u"/v1/models"_s);
        const Reply ok = send(models, c.token().toLatin1());
        QCOMPARE(ok.status, 200);
        QVERIFY2(ok.body.contains("fake-model"), ok.body.constData());
        QCOMPARE(send(models, {}).status, 401);
        QCOMPARE(send(models, "confab-wrong-token-0123456789").status, 401);

        c.setEnabled(false);
        QVERIFY(!c.isRunning());
        QVERIFY(c.url().isEmpty());
        const Reply refused = send(models, c.token().toLatin1());
        QCOMPARE(refused.error, QNetworkReply::ConnectionRefusedError);
    }

    void settingsPersistAcrossInstances()
    {
        auto settings = newSettings();
        const quint16 port = freePort();
        {
            ProviderDirectory providers(settings.get(), nullptr, &m_factory);
            ApiServerController c(settings.get(), &providers, &m_factory, nullptr);
            c.setPort(port);
            c.setStoreRequests(true);
            c.setEnabled(true);
            QVERIFY2(c.isRunning(), qPrintable(c.errorString()));
        }
        settings->sync();
        QSettings reread(settingsPath(), QSettings::IniFormat);
        QCOMPARE(reread.value(u"apiServer/enabled"_s).toBool(), true);
        QCOMPARE(reread.value(u"apiServer/port"_s).toInt(), int(port));
        QCOMPARE(reread.value(u"apiServer/storeRequests"_s).toBool(), true);
        QVERIFY(!reread.allKeys().join(u' ').contains(u"token"_s, Qt::CaseInsensitive));

        ProviderDirectory providers(&reread, nullptr, &m_factory);
        ApiServerController again(&reread, &providers, &m_factory, nullptr);
        QVERIFY(again.isEnabled());
        QCOMPARE(again.port(), int(port));
        QVERIFY(again.storeRequests());
        QVERIFY2(again.isRunning(), qPrintable(again.errorString()));
        QCOMPARE(send(endpoint(again, u"/v1/models"_s), again.token().toLatin1()).status, 200);
    }

    void storesOnlyWhenEnabled()
    {
        const QString dbPath = m_dir.filePath(u"store.sqlite"_s);
        AsyncStore store;
        StoreError openError{StoreError::Kind::Query, u"not called"_s};
        store.open(dbPath, {}, this, [&](const StoreError &e, int) { openError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(!openError.isError(), 10000);

        auto settings = newSettings();
        ProviderDirectory providers(settings.get(), nullptr, &m_factory);
        ApiServerController c(settings.get(), &providers, &m_factory, &store);
        c.setPort(freePort());
        c.setEnabled(true);
        QVERIFY2(c.isRunning(), qPrintable(c.errorString()));

        auto countConversations = [&store] {
            store.waitForIdle();
            int n = -1;
            store.post([&n](Store &s) { n = int(s.listConversations().size()); });
            store.waitForIdle();
            return n;
        };

        // Off: the exchange is answered and nothing is stored.
        streamOne(c);
        QTest::qWait(200); // let any (wrong) store job be queued
        QCOMPARE(countConversations(), 0);

        // On: one conversation with the prompt and the exact answer.
        c.setStoreRequests(true);
        QSignalSpy stored(&c, &ApiServerController::exchangeStored);
        streamOne(c);
        QTRY_COMPARE_WITH_TIMEOUT(stored.size(), 1, 20000);
        QCOMPARE(countConversations(), 1);
        QList<StoredMessage> messages;
        const qint64 id = stored.at(0).at(0).toLongLong();
        store.post([&messages, id](Store &s) { messages = s.messages(id); });
        store.waitForIdle();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages.at(0).role, ChatMessage::Role::User);
        QCOMPARE(messages.at(0).content, u"Hello from curl"_s);
        QCOMPARE(messages.at(1).role, ChatMessage::Role::Assistant);
        QCOMPARE(messages.at(1).content, kAnswer);
        QCOMPARE(messages.at(1).state, MessageState::Complete);
    }

    void busyPortGivesError()
    {
        QTcpServer blocker;
        QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
        const quint16 port = blocker.serverPort();
        auto settings = newSettings();
        ProviderDirectory providers(settings.get(), nullptr, &m_factory);
        ApiServerController c(settings.get(), &providers, &m_factory, nullptr);
        c.setPort(port);
        c.setEnabled(true);
        QVERIFY(!c.isRunning());
        QVERIFY2(c.errorString().contains(QString::number(port)), qPrintable(c.errorString()));

        blocker.close();
        c.setPort(freePort());
        QVERIFY2(c.isRunning(), qPrintable(c.errorString()));
        QVERIFY(c.errorString().isEmpty());
    }

    void noProviderGivesError()
    {
        auto settings = newSettings(false);
        ProviderDirectory providers(settings.get(), nullptr, &m_factory);
        ApiServerController c(settings.get(), &providers, &m_factory, nullptr);
        c.setPort(freePort());
        c.setEnabled(true);
        QVERIFY(!c.isRunning());
        QVERIFY(!c.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiServerController)
#include "tst_apiservercontroller.moc"
