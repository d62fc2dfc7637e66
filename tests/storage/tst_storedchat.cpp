// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// confab-cli chat --db / --conversation and confab-cli continue, as
// processes against confab-faultserver: what is stored, in which state, the
// history sent, Ctrl-C, failures, refusals and exit codes.
#include "clitesthelpers.h"

#include "storage/store.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace StorageCliTest;

namespace {

QString longText()
{
    QString text;
    for (int i = 1; i <= 12; ++i)
        text += u"Part %1 of an answer that streams slowly enough to be interrupted by Ctrl-C. "_s.arg(i);
    return text + u"Done."_s;
}

QJsonObject script(const QString &text, const QJsonObject &every = {})
{
    return {{u"answer"_s, QJsonObject{{u"text"_s, text}}}, {u"every"_s, every}};
}

QJsonObject dripPlan()
{
    return {{u"chunkChars"_s, 4}, {u"dripBytes"_s, 32}, {u"dripIntervalMs"_s, 3}};
}

/// Runs confab-cli and sends SIGINT once it has printed atLeast stdout bytes.
CliResult interruptAfter(const QStringList &args, qsizetype atLeast)
{
    QProcess p;
    CliResult r;
    bool sent = false;
    QObject::connect(&p, &QProcess::readyReadStandardError, &p, [&] { r.err += p.readAllStandardError(); });
    QObject::connect(&p, &QProcess::readyReadStandardOutput, &p, [&] {
        r.out += p.readAllStandardOutput();
        if (!sent && r.out.size() >= atLeast) {
            sent = true;
            ::kill(pid_t(p.processId()), SIGINT);
        }
    });
    p.start(QStringLiteral(CONFAB_CLI_PATH), args);
    if (!p.waitForStarted(10000))
        return r;
    if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.out += p.readAllStandardOutput();
    r.err += p.readAllStandardError();
    if (sent && p.exitStatus() == QProcess::NormalExit)
        r.exitCode = p.exitCode();
    return r;
}

} // namespace

class TestStoredChat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.emplace().isValid());
        m_db = m_dir->filePath(u"chat.sqlite"_s);
    }

    void storesAndAppendsWithHistory()
    {
        const QString text = u"Stored answers keep their place in the conversation."_s;
        FaultServerProcess server;
        QVERIFY(server.start(m_dir->path(), script(text)));
        const QStringList common{u"chat"_s, u"--db"_s, m_db, u"--provider"_s, u"openai"_s, u"--base-url"_s,
                                 server.openAiUrl(), u"--model"_s, u"fake-model"_s, u"--system"_s, u"Be brief."_s};
        CliResult first = runCli(common + QStringList{u"first question"_s});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.out, (text + u'\n').toUtf8());
        qint64 conversation = 0, message = 0;
        QVERIFY(parseIds(first.err, &conversation, &message));
        CliResult second = runCli(common + QStringList{u"--conversation"_s, QString::number(conversation), u"second question"_s});
        QCOMPARE(second.exitCode, 0);
        qint64 conversation2 = 0, message2 = 0;
        QVERIFY(parseIds(second.err, &conversation2, &message2));
        QCOMPARE(conversation2, conversation);
        QVERIFY(message2 > message);

        Store store;
        QVERIFY(store.open(m_db));
        const QList<StoredMessage> ms = store.messages(conversation);
        QCOMPARE(ms.size(), 4);
        const QList<ChatMessage::Role> roles{ChatMessage::Role::User, ChatMessage::Role::Assistant,
                                             ChatMessage::Role::User, ChatMessage::Role::Assistant};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(ms.at(i).role, roles.at(i));
            QCOMPARE(ms.at(i).state, MessageState::Complete);
        }
        QCOMPARE(ms.at(1).content, text);
        QCOMPARE(ms.at(1).providerId, u"openai"_s);
        QCOMPARE(ms.at(1).model, u"fake-model"_s);
        QCOMPARE(ms.at(1).finishReason, u"stop"_s);
        QCOMPARE(ms.at(3).id, message2);
        // The second request carried the whole conversation so far.
        QTRY_VERIFY_WITH_TIMEOUT(server.events.count("\"event\":\"received\"") >= 2, 10000);
        const QList<QByteArray> lines = server.events.split('\n');
        QByteArray secondBody;
        for (const QByteArray &line : lines) {
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            if (e.value(u"event"_s).toString() == u"received"_s && e.value(u"number"_s).toInt() == 2)
                secondBody = e.value(u"body"_s).toString().toUtf8();
        }
        QVERIFY(secondBody.contains("first question"));
        QVERIFY(secondBody.contains(text.toUtf8()));
        QVERIFY(secondBody.contains("second question"));
        QVERIFY(secondBody.contains("Be brief."));
    }

    // Ctrl-C: 130, state cancelled with the partial; continue, Ctrl-C again
    // (cancelled, longer); continue to the end: exactly the canonical text.
    void cancelThenContinue()
    {
        const QString text = longText();
        FaultServerProcess drip;
        QVERIFY(drip.start(m_dir->path(), script(text, dripPlan())));
        FaultServerProcess fast;
        QVERIFY(fast.start(m_dir->path(), script(text)));
        CliResult chat = interruptAfter({u"chat"_s, u"--db"_s, m_db, u"--provider"_s, u"openai"_s, u"--base-url"_s,
                                         drip.openAiUrl(), u"--model"_s, u"fake-model"_s, u"question"_s}, 60);
        QCOMPARE(chat.exitCode, 130);
        qint64 conversation = 0, message = 0;
        QVERIFY(parseIds(chat.err, &conversation, &message));
        QString saved;
        {
            Store store;
            QVERIFY(store.open(m_db));
            const std::optional<StoredMessage> m = store.message(message);
            QVERIFY(m);
            QCOMPARE(m->state, MessageState::Cancelled);
            saved = m->content;
            QVERIFY(saved.size() >= 60 && saved.size() < text.size());
            QVERIFY(text.startsWith(saved));
            QCOMPARE(QString::fromUtf8(chat.out), saved + u'\n'); // everything printed was saved
        }
        CliResult again = interruptAfter({u"continue"_s, QString::number(message), u"--db"_s, m_db}, 40);
        QCOMPARE(again.exitCode, 130);
        QString saved2;
        {
            Store store;
            QVERIFY(store.open(m_db));
            const std::optional<StoredMessage> m = store.message(message);
            QCOMPARE(m->state, MessageState::Cancelled);
            saved2 = m->content;
            QVERIFY(saved2.size() > saved.size());
            QVERIFY(text.startsWith(saved2));
            QCOMPARE(QString::fromUtf8(again.out), saved2.mid(saved.size()) + u'\n'); // only the continuation
        }
        CliResult done = runCli({u"continue"_s, QString::number(message), u"--db"_s, m_db, u"--base-url"_s, fast.openAiUrl()});
        QCOMPARE(done.exitCode, 0);
        QCOMPARE(QString::fromUtf8(done.out), text.mid(saved2.size()) + u'\n');
        Store store;
        QVERIFY(store.open(m_db));
        QCOMPARE(store.message(message)->state, MessageState::Complete);
        QCOMPARE(store.message(message)->content, text);
        QCOMPARE(store.messages(conversation).size(), 2);
    }

    // A refused request is stored failed with its kind; continuing it fails
    // again (exit 1) and keeps it failed; error metrics are persisted.
    void failedStaysFailed()
    {
        FaultServerProcess refusing;
        QVERIFY(refusing.start(m_dir->path(),
                               script(u"unused"_s, {{u"status"_s, 403},
                                                    {u"body"_s, QJsonObject{{u"error"_s, QJsonObject{
                                                        {u"message"_s, u"not allowed"_s}, {u"type"_s, u"permission_error"_s}}}}}})));
        const CliResult chat = runCli({u"chat"_s, u"--db"_s, m_db, u"--provider"_s, u"openai"_s, u"--base-url"_s,
                                       refusing.openAiUrl(), u"--model"_s, u"fake-model"_s, u"q"_s});
        QCOMPARE(chat.exitCode, 1);
        qint64 conversation = 0, message = 0;
        QVERIFY(parseIds(chat.err, &conversation, &message));
        const CliResult cont = runCli({u"continue"_s, QString::number(message), u"--db"_s, m_db});
        QCOMPARE(cont.exitCode, 1);
        QVERIFY2(cont.err.contains("failed again"), cont.err.constData());
        Store store;
        QVERIFY(store.open(m_db));
        const std::optional<StoredMessage> m = store.message(message);
        QCOMPARE(m->state, MessageState::Failed);
        QCOMPARE(m->errorKind, u"permission"_s);
        QVERIFY(!m->errorMessage.isEmpty());
        int permissionErrors = 0;
        for (const ErrorCount &c : store.errorCounts(QDateTime::currentDateTimeUtc()))
            if (c.kind == u"permission"_s)
                permissionErrors += c.lastHour;
        QCOMPARE(permissionErrors, 2);
    }

    void refusals()
    {
        FaultServerProcess server;
        QVERIFY(server.start(m_dir->path(), script(u"Complete answer."_s)));
        const CliResult chat = runCli({u"chat"_s, u"--db"_s, m_db, u"--provider"_s, u"openai"_s, u"--base-url"_s,
                                       server.openAiUrl(), u"--model"_s, u"fake-model"_s, u"q"_s});
        QCOMPARE(chat.exitCode, 0);
        qint64 conversation = 0, message = 0;
        QVERIFY(parseIds(chat.err, &conversation, &message));

        CliResult r = runCli({u"continue"_s, QString::number(message), u"--db"_s, m_db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("is complete; only interrupted, cancelled or failed"), r.err.constData());
        r = runCli({u"continue"_s, QString::number(message - 1), u"--db"_s, m_db}); // the user message
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("user message"), r.err.constData());
        r = runCli({u"continue"_s, u"9999"_s, u"--db"_s, m_db});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no message 9999"), r.err.constData());
        r = runCli({u"continue"_s, u"abc"_s, u"--db"_s, m_db});
        QCOMPARE(r.exitCode, 2);
        r = runCli({u"chat"_s, u"--conversation"_s, u"1"_s, u"--provider"_s, u"openai"_s, u"--model"_s, u"m"_s,
                    u"--base-url"_s, server.openAiUrl(), u"q"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--conversation needs --db"), r.err.constData());
        r = runCli({u"chat"_s, u"--db"_s, m_db, u"--conversation"_s, u"999"_s, u"--provider"_s, u"openai"_s,
                    u"--model"_s, u"m"_s, u"--base-url"_s, server.openAiUrl(), u"q"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("no conversation 999"), r.err.constData());
        // Nothing was added by the refusals.
        Store store;
        QVERIFY(store.open(m_db));
        QCOMPARE(store.listConversations().size(), 1);
        QCOMPARE(store.messages(conversation).size(), 2);
    }

private:
    std::optional<QTemporaryDir> m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestStoredChat)
#include "tst_storedchat.moc"
