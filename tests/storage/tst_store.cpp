// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storage/schema.h"
#include "storage/store.h"
#include "storage/storeerrormetrics.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// A plain SQLite connection, outside Store, for building fixtures by hand.
class RawDb
{
public:
    explicit RawDb(const QString &path)
        : m_name(u"raw-%1"_s.arg(++s_counter))
    {
        m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        m_db.setDatabaseName(path);
        m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=0"_s);
        QVERIFY2(m_db.open(), qPrintable(m_db.lastError().text()));
    }
    ~RawDb()
    {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
    bool exec(const QString &sql)
    {
        QSqlQuery q(m_db);
        const bool ok = q.exec(sql);
        if (!ok)
            qWarning() << sql << q.lastError().text();
        return ok;
    }
    QVariant value(const QString &sql)
    {
        QSqlQuery q(m_db);
        if (!q.exec(sql) || !q.next())
            return {};
        return q.value(0);
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    QSqlDatabase m_db;
};

StoredMessage makeMessage(qint64 conversation, ChatMessage::Role role, const QString &content)
{
    StoredMessage m;
    m.conversationId = conversation;
    m.role = role;
    m.content = content;
    return m;
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { QVERIFY(m_dir.isValid()); m_path = m_dir.filePath(u"store-%1.sqlite"_s.arg(++m_n)); }

    void newFileHasCurrentSchemaWalAndForeignKeys()
    {
        {
            Store s;
            QVERIFY2(s.open(m_path), qPrintable(s.lastError().message));
            QCOMPARE(s.openedFromVersion(), 0);
            QVERIFY(s.backupPath().isEmpty());
            // Foreign keys on: a message for a missing conversation is refused.
            StoredMessage orphan = makeMessage(4242, ChatMessage::Role::User, u"x"_s);
            QCOMPARE(s.appendMessage(orphan), 0);
            QVERIFY(s.lastError().isError());
        }
        RawDb raw(m_path);
        QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), Schema::CurrentVersion);
        QCOMPARE(raw.value(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    }

    void messagesRoundTripEveryField()
    {
        Store s;
        QVERIFY(s.open(m_path));
        StoredConversation c;
        c.title = u"Weather"_s;
        c.providerId = u"anthropic"_s;
        c.model = u"claude-x"_s;
        c.settings = QJsonObject{{u"temperature"_s, 0.5}};
        const qint64 cid = s.createConversation(c);
        QVERIFY(cid > 0);
        StoredMessage u = makeMessage(cid, ChatMessage::Role::User, u"Hi ✓ ünïcode"_s);
        QVERIFY(s.appendMessage(u) > 0);
        StoredMessage a = makeMessage(cid, ChatMessage::Role::Assistant, u"Hello"_s);
        a.thinking = u"hmm"_s;
        a.thinkingSignature = u"sig"_s;
        a.toolCalls = {ToolCall{u"call_1"_s, u"get_weather"_s, u"{\"city\":\"Paris\"}"_s}};
        a.finishReason = u"tool_calls"_s;
        a.inputTokens = 12;
        a.outputTokens = 34;
        a.providerId = u"anthropic"_s;
        a.model = u"claude-x"_s;
        a.errorKind = u"network"_s;
        a.errorMessage = u"connection reset"_s;
        a.state = MessageState::Failed;
        QVERIFY(s.appendMessage(a) > 0);
        QCOMPARE(a.position, 1);

        const auto conv = s.conversation(cid);
        QVERIFY(conv);
        QCOMPARE(conv->title, u"Weather"_s);
        QCOMPARE(conv->model, u"claude-x"_s);
        QCOMPARE(conv->settings.value("temperature"_L1).toDouble(), 0.5);
        const QList<StoredMessage> msgs = s.messages(cid);
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[0].content, u"Hi ✓ ünïcode"_s);
        const StoredMessage &b = msgs[1];
        QCOMPARE(b.role, ChatMessage::Role::Assistant);
        QCOMPARE(b.thinking, u"hmm"_s);
        QCOMPARE(b.thinkingSignature, u"sig"_s);
        QCOMPARE(b.toolCalls, a.toolCalls);
        QCOMPARE(b.finishReason, u"tool_calls"_s);
        QCOMPARE(b.inputTokens, 12);
        QCOMPARE(b.outputTokens, 34);
        QCOMPARE(b.errorKind, u"network"_s);
        QCOMPARE(b.errorMessage, u"connection reset"_s);
        QCOMPARE(b.state, MessageState::Failed);

        const QList<ConversationSummary> list = s.listConversations();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list[0].messageCount, 2);
        QCOMPARE(list[0].continuableCount, 1);

        QVERIFY(s.deleteConversation(cid));
        QVERIFY(s.messages(cid).isEmpty()); // cascade
    }

    void streamingMessagesBecomeInterruptedAtOpen()
    {
        qint64 mid = 0;
        {
            Store s;
            QVERIFY(s.open(m_path));
            const qint64 cid = s.createConversation({});
            StoredMessage a = makeMessage(cid, ChatMessage::Role::Assistant, {});
            a.state = MessageState::Streaming;
            mid = s.appendMessage(a);
            QVERIFY(s.checkpoint(mid, u"partial ans"_s, u"thought"_s, MessageState::Streaming));
        }
        Store s;
        QVERIFY(s.open(m_path));
        QCOMPARE(s.sweptAtOpen(), 1);
        const auto m = s.message(mid);
        QVERIFY(m);
        QCOMPARE(m->state, MessageState::Interrupted);
        QCOMPARE(m->content, u"partial ans"_s);
        QCOMPARE(m->thinking, u"thought"_s);
    }

    void migratesVersion1WithBackup()
    {
        {
            RawDb raw(m_path);
            for (const QString &sql : Schema::migrationStatements(1))
                QVERIFY(raw.exec(sql));
            QVERIFY(raw.exec(u"INSERT INTO conversations VALUES (7, 'Old talk', 1000, 2000)"_s));
            QVERIFY(raw.exec(u"INSERT INTO messages VALUES (1, 7, 0, 'user', 'question', 'complete', 1000)"_s));
            QVERIFY(raw.exec(u"INSERT INTO messages VALUES (2, 7, 1, 'assistant', 'half an ans', 'streaming', 1500)"_s));
            QVERIFY(raw.exec(u"PRAGMA user_version = 1"_s));
        }
        const QByteArray before = fileBytes(m_path);
        Store s;
        QVERIFY2(s.open(m_path), qPrintable(s.lastError().message));
        QCOMPARE(s.openedFromVersion(), 1);
        QCOMPARE(s.backupPath(), m_path + u".v1.bak"_s);
        QVERIFY(QFile::exists(s.backupPath()));
        {
            RawDb backup(s.backupPath());
            QCOMPARE(backup.value(u"PRAGMA user_version"_s).toInt(), 1);
            QCOMPARE(backup.value(u"SELECT content FROM messages WHERE id = 2"_s).toString(), u"half an ans"_s);
            QVERIFY(!backup.value(u"SELECT count(*) FROM pragma_table_info('messages') WHERE name = 'thinking'"_s).toBool());
        }
        QVERIFY(!before.isEmpty());
        const auto conv = s.conversation(7);
        QVERIFY(conv);
        QCOMPARE(conv->title, u"Old talk"_s);
        const QList<StoredMessage> msgs = s.messages(7);
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[1].content, u"half an ans"_s);
        QCOMPARE(msgs[1].state, MessageState::Interrupted);
        QCOMPARE(msgs[1].inputTokens, -1);
        QVERIFY(s.recordError({QDateTime::currentDateTimeUtc(), u"network"_s, u"openai"_s, 0}));
    }

    void refusesBadFilesAndLeavesThemUntouched_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("words");
        QTest::newRow("garbage") << u"garbage"_s << int(StoreError::Kind::Corrupt) << u"not a SQLite database"_s;
        QTest::newRow("damaged pages") << u"damaged"_s << int(StoreError::Kind::Corrupt) << u"damaged"_s;
        QTest::newRow("read-only") << u"readonly"_s << int(StoreError::Kind::ReadOnly) << u"read-only"_s;
        QTest::newRow("newer schema") << u"toonew"_s << int(StoreError::Kind::TooNew) << u"newer version"_s;
        QTest::newRow("other program") << u"foreign"_s << int(StoreError::Kind::NotConfab) << u"another program"_s;
    }

    void refusesBadFilesAndLeavesThemUntouched()
    {
        QFETCH(QString, setup);
        QFETCH(int, kind);
        QFETCH(QString, words);
        if (setup == "garbage"_L1) {
            QFile f(m_path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, 'Z'));
        } else {
            if (setup == "foreign"_L1) {
                RawDb raw(m_path);
                QVERIFY(raw.exec(u"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"_s));
            } else {
                Store s;
                QVERIFY(s.open(m_path));
                const qint64 cid = s.createConversation({});
                for (int i = 0; i < 200; ++i) {
                    StoredMessage m = makeMessage(cid, ChatMessage::Role::User, QString(200, QChar(u'a' + i % 26)));
                    QVERIFY(s.appendMessage(m));
                }
            }
            if (setup == "toonew"_L1) {
                RawDb raw(m_path);
                QVERIFY(raw.exec(u"PRAGMA user_version = 99"_s));
            }
            if (setup == "damaged"_L1) {
                QFile f(m_path);
                QVERIFY(f.open(QIODevice::ReadWrite));
                QVERIFY(f.size() > 4 * 4096);
                f.seek(2 * 4096);
                f.write(QByteArray(3 * 4096, '\xA5'));
            }
            if (setup == "readonly"_L1)
                QVERIFY(QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        }
        const QByteArray before = fileBytes(m_path);
        QVERIFY(!before.isEmpty());
        Store s;
        QVERIFY(!s.open(m_path));
        QCOMPARE(int(s.lastError().kind), kind);
        QVERIFY2(s.lastError().message.contains(m_path), qPrintable(s.lastError().message));
        QVERIFY2(s.lastError().message.contains(words), qPrintable(s.lastError().message));
        QVERIFY(!s.isOpen());
        QCOMPARE(fileBytes(m_path), before);
        QVERIFY(!QFile::exists(m_path + u".v2.bak"_s));
    }

    void lockedFileGivesClearError()
    {
        {
            Store s;
            QVERIFY(s.open(m_path));
            QVERIFY(s.createConversation({}) > 0);
        }
        RawDb locker(m_path);
        QVERIFY(locker.exec(u"PRAGMA locking_mode = EXCLUSIVE"_s));
        QVERIFY(locker.exec(u"BEGIN EXCLUSIVE"_s));
        QVERIFY(locker.exec(u"UPDATE conversations SET title = 'held'"_s));
        Store s;
        Store::Options o;
        o.busyTimeoutMs = 50;
        QVERIFY(!s.open(m_path, o));
        QCOMPARE(s.lastError().kind, StoreError::Kind::Locked);
        QVERIFY2(s.lastError().message.contains(m_path) && s.lastError().message.contains(u"locked"_s),
                 qPrintable(s.lastError().message));
        QVERIFY(locker.exec(u"ROLLBACK"_s));
    }

    void failedWriteKeepsSavedConversation()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const qint64 cid = s.createConversation({});
        StoredMessage a = makeMessage(cid, ChatMessage::Role::Assistant, u"saved answer"_s);
        QVERIFY(s.appendMessage(a));
        StoredMessage ghost = a;
        ghost.id = 999999;
        ghost.content = u"overwrite"_s;
        QVERIFY(!s.updateMessage(ghost));
        QCOMPARE(s.lastError().kind, StoreError::Kind::NotFound);
        QVERIFY(!s.checkpoint(999999, u"x"_s, {}, MessageState::Streaming));
        StoredMessage orphan = makeMessage(cid + 1000, ChatMessage::Role::User, u"x"_s);
        QCOMPARE(s.appendMessage(orphan), 0);
        const QList<StoredMessage> msgs = s.messages(cid);
        QCOMPARE(msgs.size(), 1);
        QCOMPARE(msgs[0].content, u"saved answer"_s);
        QCOMPARE(s.integrityCheck(), u"ok"_s);
    }

    void errorCountsByWindow()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const QDateTime now = QDateTime::fromString(u"2026-03-01T12:00:00Z"_s, Qt::ISODate);
        const auto at = [&](qint64 minutesAgo) { return now.addSecs(-60 * minutesAgo); };
        QVERIFY(s.recordError({at(5), u"rate_limited"_s, u"openai"_s, 429}));
        QVERIFY(s.recordError({at(30), u"rate_limited"_s, u"openai"_s, 429}));
        QVERIFY(s.recordError({at(120), u"rate_limited"_s, u"openai"_s, 429}));
        QVERIFY(s.recordError({at(3 * 24 * 60), u"rate_limited"_s, u"openai"_s, 429}));
        QVERIFY(s.recordError({at(8 * 24 * 60), u"rate_limited"_s, u"openai"_s, 429}));
        QVERIFY(s.recordError({at(1), u"network"_s, u"anthropic"_s, 0}));
        const QList<ErrorCount> counts = s.errorCounts(now);
        QCOMPARE(counts.size(), 2);
        QCOMPARE(counts[0].kind, u"network"_s);
        QCOMPARE(counts[0].providerId, u"anthropic"_s);
        QCOMPARE(counts[0].lastHour, 1);
        QCOMPARE(counts[1].kind, u"rate_limited"_s);
        QCOMPARE(counts[1].lastHour, 2);
        QCOMPARE(counts[1].lastDay, 3);
        QCOMPARE(counts[1].lastWeek, 4);
        QCOMPARE(s.pruneErrorMetrics(now.addDays(-7)), 1);
    }

    void resilienceRecordsArePersisted()
    {
        {
            Store s;
            QVERIFY(s.open(m_path));
            StoreErrorMetrics sink(&s);
            ErrorMetrics &metrics = sink;
            ErrorRecord r;
            r.kind = u"server_error"_s;
            r.provider = u"openai"_s;
            r.httpStatus = 503;
            r.time = QDateTime::currentDateTimeUtc().addSecs(-10);
            metrics.record(r);
            metrics.record(r);
        }
        Store s;
        QVERIFY(s.open(m_path));
        const QList<ErrorCount> counts = s.errorCounts(QDateTime::currentDateTimeUtc());
        QCOMPARE(counts.size(), 1);
        QCOMPARE(counts[0].kind, u"server_error"_s);
        QCOMPARE(counts[0].providerId, u"openai"_s);
        QCOMPARE(counts[0].lastHour, 2);
    }

    void emptyStringsRoundTrip()
    {
        // Empty and null strings of every origin are saved as '' (NOT NULL
        // columns), by every write path, and read back empty.
        Store s;
        QVERIFY(s.open(m_path));
        StoredConversation c; // every string null
        const qint64 cid = s.createConversation(c);
        QVERIFY2(cid > 0, qPrintable(s.lastError().message));
        auto conv = s.conversation(cid);
        QVERIFY(conv);
        QVERIFY(conv->title.isEmpty());
        conv->title = QString();
        conv->model = u""_s;
        conv->providerId = QString::fromUtf8("");
        QVERIFY2(s.updateConversation(*conv), qPrintable(s.lastError().message));

        StoredMessage a = makeMessage(cid, ChatMessage::Role::Assistant, QString());
        a.thinking = u""_s;
        a.errorKind = QString::fromUtf8(QByteArray());
        a.errorMessage = QStringLiteral("x").left(0);
        QVERIFY2(s.appendMessage(a) > 0, qPrintable(s.lastError().message));
        a.content = u"partial"_s;
        a.thinking = QString();
        a.errorKind = QString();
        a.errorMessage = u""_s;
        a.state = MessageState::Cancelled;
        QVERIFY2(s.updateMessage(a), qPrintable(s.lastError().message));
        QVERIFY2(s.checkpoint(a.id, u"partial more"_s, QString(), MessageState::Streaming),
                 qPrintable(s.lastError().message));
        QVERIFY2(s.checkpoint(a.id, QString(), u""_s, MessageState::Interrupted), qPrintable(s.lastError().message));
        const auto back = s.message(a.id);
        QVERIFY(back);
        QCOMPARE(back->content, QString());
        QCOMPARE(back->thinking, QString());
        QCOMPARE(back->errorMessage, QString());
        QCOMPARE(back->state, MessageState::Interrupted);
        RawDb raw(m_path);
        QCOMPARE(raw.value(u"SELECT count(*) FROM messages WHERE thinking = '' AND error_kind = ''"
                           " AND error_message = '' AND content = ''"_s).toInt(), 1);
    }

    void deletesMessagesByIdAndFromIndex()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const qint64 cid = s.createConversation(StoredConversation{});
        const qint64 other = s.createConversation(StoredConversation{});
        QList<qint64> ids;
        for (int i = 0; i < 5; ++i) {
            StoredMessage m = makeMessage(cid, i % 2 ? ChatMessage::Role::Assistant : ChatMessage::Role::User,
                                          u"m%1"_s.arg(i));
            ids.append(s.appendMessage(m));
            QVERIFY(ids.last() > 0);
        }
        StoredMessage keep = makeMessage(other, ChatMessage::Role::User, u"other"_s);
        QVERIFY(s.appendMessage(keep) > 0);

        // Delete by id (a gap in positions afterwards), unknown ids skipped.
        QVERIFY2(s.deleteMessages({ids[1], 999999}), qPrintable(s.lastError().message));
        QList<StoredMessage> left = s.messages(cid);
        QCOMPARE(left.size(), 4);
        QCOMPARE(left[1].content, u"m2"_s);

        // From index 2 (0-based, in order, despite the gap): m3 and m4 go.
        QCOMPARE(s.deleteMessagesFrom(cid, 2), 2);
        left = s.messages(cid);
        QCOMPARE(left.size(), 2);
        QCOMPARE(left[0].content, u"m0"_s);
        QCOMPARE(left[1].content, u"m2"_s);
        QCOMPARE(s.deleteMessagesFrom(cid, 5), 0); // past the end: nothing
        QCOMPARE(s.messages(cid).size(), 2);
        QCOMPARE(s.messages(other).size(), 1); // other conversations untouched
        // Appending after a delete continues in order.
        StoredMessage next = makeMessage(cid, ChatMessage::Role::Assistant, u"again"_s);
        QVERIFY(s.appendMessage(next) > 0);
        QCOMPARE(s.messages(cid).last().content, u"again"_s);
        QCOMPARE(s.deleteMessagesFrom(cid, 0), 3);
        QVERIFY(s.messages(cid).isEmpty());
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
