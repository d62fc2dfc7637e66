// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Shared set-up for the ChatController and ConversationsController tests:
// the real pieces behind the controllers, one fresh set per test function.
#pragma once

#include "controllers/chatcontroller.h"
#include "controllers/providerdirectory.h"
#include "faultserver.h"
#include "net/requestfactory.h"
#include "storage/asyncstore.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSemaphore>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <optional>

namespace ControllerTest {

using namespace Qt::StringLiterals;

inline const QString Answer =
    u"Streams drop. Confab keeps every character: the partial answer stays and the rest is fetched "
    "again without gaps or repeats. Ünïcödé survives too — 漢字, emoji 🦊🎉. The end."_s;

/// A response that fails with status and an error body (no answer).
inline FaultInjection::FaultPlan failing(int status, const QByteArray &body)
{
    FaultInjection::FaultPlan p;
    p.status = status;
    p.hasBody = true;
    p.body = body;
    return p;
}
inline const QByteArray BadKeyBody =
    R"({"error":{"message":"Incorrect API key provided: kaboom","type":"invalid_request_error","code":"invalid_api_key"}})";

/// A slow stream: 40 bytes every 100 ms (several seconds for Answer).
inline FaultInjection::FaultPlan dripping()
{
    FaultInjection::FaultPlan p;
    p.dripBytes = 40;
    p.dripIntervalMs = 100;
    return p;
}

/// A fault server on 127.0.0.1 as the only provider ("fault", OpenAI wire
/// format) of a ProviderDirectory over a temporary INI file, one
/// QNetworkAccessManager and RequestFactory, and an AsyncStore over a SQLite
/// file in a temporary directory.
class Rig
{
public:
    QTemporaryDir dir;
    FaultInjection::FaultServer server;
    QNetworkAccessManager nam;
    RequestFactory factory{&nam};
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<ProviderDirectory> providers;
    std::unique_ptr<AsyncStore> store;

    QString dbPath() const { return dir.filePath(u"confab.sqlite"_s); }

    /// Call from init() and check QTest::currentTestFailed().
    void setUp(int maxRetries = 3)
    {
        QVERIFY(dir.isValid());
        setAnswer(Answer);
        QVERIFY(server.listen());
        settings = std::make_unique<QSettings>(dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        providers = std::make_unique<ProviderDirectory>(settings.get(), nullptr, &factory);
        setMaxRetries(maxRetries);
        QCOMPARE(providers->defaultProviderId(), u"fault"_s);
        openStore();
    }

    /// Retries after the first attempt (the provider setting of Settings).
    void setMaxRetries(int maxRetries)
    {
        QUrl base = server.baseUrl();
        base.setPath(u"/v1"_s);
        const QString error = providers->saveProvider(u"openai"_s, u"fault"_s, u"Fault"_s, base.toString(),
                                                      u"fake-model"_s, maxRetries, 30);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void setScript(const FaultInjection::FaultScript &script) { server.setScript(script); }
    void setAnswer(const QString &text, const FaultInjection::FaultPlan &every = {})
    {
        FaultInjection::FaultScript s;
        s.answer.text = text;
        s.every = every;
        server.setScript(s);
    }

    void openStore()
    {
        store = std::make_unique<AsyncStore>();
        store->open(dbPath(), Store::Options{}, nullptr, {});
        bool isOpen = false;
        store->post([&isOpen](Store &s) { isOpen = s.isOpen(); });
        store->waitForIdle();
        QVERIFY2(isOpen, qPrintable(dbPath()));
    }
    /// Drains the queue and closes the file.
    void closeStore()
    {
        releaseStore();
        if (store)
            store->waitForIdle();
        store.reset();
    }

    /// Holds the store's worker until releaseStore(): every job queued
    /// meanwhile waits, as behind a slow disk or another program's lock.
    void holdStore()
    {
        QVERIFY(!m_held);
        m_held = true;
        store->post([this](Store &) { m_gate.acquire(); });
    }
    void releaseStore()
    {
        if (m_held)
            m_gate.release();
        m_held = false;
    }
    /// Waits until every job queued so far has run.
    void waitForStore()
    {
        if (m_held)
            qFatal("waiting for a held store would never return");
        if (store)
            store->waitForIdle();
    }

    /// Runs job on the store's worker and waits for it.
    template<typename F>
    auto onStore(F job)
    {
        std::optional<decltype(job(std::declval<Store &>()))> result;
        store->post([&result, &job](Store &s) { result = job(s); });
        waitForStore();
        return *result;
    }

    /// A conversation with these messages (user, assistant, user, ...), all complete.
    qint64 seedConversation(const QString &title, const QStringList &texts = {})
    {
        return onStore([title, texts](Store &s) {
            StoredConversation c;
            c.title = title;
            c.providerId = u"fault"_s;
            const qint64 id = s.createConversation(c);
            for (qsizetype i = 0; i < texts.size(); ++i) {
                StoredMessage m;
                m.conversationId = id;
                m.role = i % 2 == 0 ? ChatMessage::Role::User : ChatMessage::Role::Assistant;
                m.content = texts.at(i);
                m.model = m.role == ChatMessage::Role::Assistant ? u"fake-model"_s : QString();
                s.appendMessage(m);
            }
            return id;
        });
    }

    /// Sets a conversation's last activity (the store has no API for that).
    void setUpdatedAt(qint64 id, const QDateTime &at)
    {
        waitForStore();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"controllertest-raw"_s);
            db.setDatabaseName(dbPath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.prepare(u"UPDATE conversations SET updated_at = ? WHERE id = ?"_s));
            q.addBindValue(at.toMSecsSinceEpoch());
            q.addBindValue(id);
            QVERIFY(q.exec());
            QCOMPARE(q.numRowsAffected(), 1);
        }
        QSqlDatabase::removeDatabase(u"controllertest-raw"_s);
    }

    /// What is on disk: the file opened again on a second connection, after
    /// every queued write has run (a streaming message is not swept).
    template<typename F>
    auto fromDisk(F read)
    {
        waitForStore();
        Store s;
        Store::Options o;
        o.sweepStreaming = false;
        if (!s.open(dbPath(), o))
            qWarning("cannot reopen %s: %s", qPrintable(dbPath()), qPrintable(s.lastError().message));
        return read(s);
    }
    QList<StoredMessage> savedMessages(qint64 conversationId)
    {
        return fromDisk([conversationId](Store &s) { return s.messages(conversationId); });
    }
    std::optional<StoredConversation> savedConversation(qint64 id)
    {
        return fromDisk([id](Store &s) { return s.conversation(id); });
    }

private:
    QSemaphore m_gate;
    bool m_held = false;
};

/// A ChatController over a fresh Rig and an empty conversation, with a
/// QAbstractItemModelTester over its messages. Mix into a test class and
/// call setUpChat() from init(), tearDownChat() from cleanup().
struct ChatFixture {
    std::unique_ptr<Rig> rig;
    std::unique_ptr<ChatController> chat;
    std::unique_ptr<QAbstractItemModelTester> tester;
    qint64 cid = 0;

    void setUpChat()
    {
        rig = std::make_unique<Rig>();
        rig->setUp();
        if (QTest::currentTestFailed())
            return;
        cid = rig->seedConversation({});
        QVERIFY(cid > 0);
        openChat();
    }
    void tearDownChat()
    {
        tester.reset();
        chat.reset();
        if (rig)
            rig->closeStore();
        rig.reset();
    }
    /// A new controller for the conversation, loaded from the store.
    void openChat()
    {
        tester.reset();
        chat = std::make_unique<ChatController>(cid, rig->store.get(), &rig->factory, rig->providers.get());
        tester = std::make_unique<QAbstractItemModelTester>(chat->messages(),
                                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(chat->isLoaded(), 5000);
    }

    MessageListModel *model() const { return chat->messages(); }
    QVariant at(int row, int role) const { return model()->index(row).data(role); }
    QString textAt(int row) const { return at(row, MessageListModel::TextRole).toString(); }
    qint64 idAt(int row) const { return at(row, MessageListModel::MessageIdRole).toLongLong(); }
    int last() const { return model()->rowCount() - 1; }
    QString lastText() const { return textAt(last()); }
    QString lastState() const { return at(last(), MessageListModel::StateRole).toString(); }
    qint64 lastId() const { return idAt(last()); }

    /// Sends text and waits until the answer is complete and every row is saved.
    void sendAndFinish(const QString &text)
    {
        chat->send(text);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        const auto allSaved = [this] {
            for (int row = 0; row < model()->rowCount(); ++row) {
                if (idAt(row) <= 0)
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allSaved(), 5000);
    }
};

} // namespace ControllerTest
