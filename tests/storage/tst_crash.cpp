// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Crash safety, end to end: `confab-cli chat --db` is killed with SIGKILL in
// the middle of a slowly dripped stream from confab-faultserver, at a
// different point each time (chosen by how many answer bytes it has printed,
// never by sleeping). Each time the database must be intact, the answer must
// come back "interrupted" after the startup sweep, hold a prefix of the
// server's text no shorter than the Checkpointer guarantees, and
// `confab-cli continue` must complete it to exactly the uninterrupted text.
#include "clitesthelpers.h"

#include "storage/checkpointer.h"
#include "storage/store.h"

#include <QEventLoop>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace StorageCliTest;

namespace {

constexpr int ChunkChars = 4; // characters per text delta the fault server sends
constexpr int Kills = 12;

// ASCII, so stdout bytes and characters count the same.
QString canonicalText()
{
    QString text;
    for (int i = 1; i <= 20; ++i)
        text += u"Sentence %1 of the crash test: every saved character is a prefix of this text. "_s.arg(i);
    return text + u"The end."_s;
}

QJsonObject script(const QString &text, const QJsonObject &every)
{
    return {{u"answer"_s, QJsonObject{{u"text"_s, text}}}, {u"every"_s, every}};
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killMidStreamThenContinue()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString text = canonicalText();
        // The drip server streams slowly so that every kill lands mid-stream;
        // the fast one serves the continuations.
        FaultServerProcess drip;
        QVERIFY(drip.start(dir.path(),
                           script(text, {{u"chunkChars"_s, ChunkChars}, {u"dripBytes"_s, 48}, {u"dripIntervalMs"_s, 2}})));
        FaultServerProcess fast;
        QVERIFY(fast.start(dir.path(), script(text, {{u"chunkChars"_s, ChunkChars}})));
        const QString db = dir.filePath(u"crash.sqlite"_s);

        const int everyTokens = Checkpointer::Options{}.everyTokens; // what the CLI uses
        for (int i = 0; i < Kills; ++i) {
            // Kill points spread over the answer, a different one each time.
            const qsizetype killAt = 6 + qsizetype(i) * (text.size() - 60) / (Kills - 1);
            const QString where = u"kill %1 after %2 stdout bytes"_s.arg(i).arg(killAt);

            QProcess chat;
            QByteArray out, err;
            bool killed = false;
            QObject::connect(&chat, &QProcess::readyReadStandardError, &chat, [&] { err += chat.readAllStandardError(); });
            QObject::connect(&chat, &QProcess::readyReadStandardOutput, &chat, [&] {
                out += chat.readAllStandardOutput();
                if (!killed && out.size() >= killAt) {
                    killed = true;
                    chat.kill(); // SIGKILL: no handler, no final save
                }
            });
            chat.start(QStringLiteral(CONFAB_CLI_PATH),
                       {u"chat"_s, u"--db"_s, db, u"--provider"_s, u"openai"_s, u"--base-url"_s, drip.openAiUrl(),
                        u"--model"_s, u"fake-model"_s, u"--max-retries"_s, u"0"_s, u"Question %1"_s.arg(i)});
            QVERIFY2(chat.waitForStarted(10000), qPrintable(where));
            QTRY_VERIFY2_WITH_TIMEOUT(chat.state() == QProcess::NotRunning, qPrintable(where), 30000);
            out += chat.readAllStandardOutput();
            err += chat.readAllStandardError();
            QVERIFY2(killed, qPrintable(where + u": the stream ended before the kill point: "_s + QString::fromUtf8(err)));
            QCOMPARE(chat.exitStatus(), QProcess::CrashExit);
            qint64 conversationId = 0, messageId = 0;
            QVERIFY2(parseIds(err, &conversationId, &messageId), err.constData());
            // Everything printed was streamed by the server, in order.
            const QString seen = QString::fromUtf8(out);
            QVERIFY2(text.startsWith(seen), qPrintable(where));

            QString saved;
            {
                // Before the sweep: intact, and the answer was cut off while streaming.
                Store store;
                Store::Options noSweep;
                noSweep.sweepStreaming = false;
                QVERIFY2(store.open(db, noSweep), qPrintable(store.lastError().message));
                QCOMPARE(store.integrityCheck(), u"ok"_s);
                const std::optional<StoredMessage> m = store.message(messageId);
                QVERIFY(m);
                QCOMPARE(m->state, MessageState::Streaming);
            }
            {
                Store store;
                QVERIFY2(store.open(db), qPrintable(store.lastError().message));
                QVERIFY(store.sweptAtOpen() >= 1);
                QCOMPARE(store.integrityCheck(), u"ok"_s);
                const std::optional<StoredMessage> m = store.message(messageId);
                QVERIFY(m);
                QCOMPARE(m->state, MessageState::Interrupted);
                QCOMPARE(m->role, ChatMessage::Role::Assistant);
                saved = m->content;
                // The lower bound. The CLI adds each delta to the Checkpointer
                // before printing it (StoredAnswer is connected first), and the
                // Checkpointer saves synchronously once everyTokens deltas are
                // unsaved, so at any moment at most everyTokens - 1 printed
                // deltas are missing from the file (the 250 ms timer only saves
                // more). A delta is at most ChunkChars characters, so the file
                // holds at least seen - (everyTokens - 1) * ChunkChars of it.
                // (It may hold a little more than was printed: a delta saved
                // just before the kill, not yet written to stdout.)
                QVERIFY2(text.startsWith(saved), qPrintable(where + u": saved text is not a prefix: "_s + saved));
                const qsizetype bound = seen.size() - qsizetype(everyTokens - 1) * ChunkChars;
                qInfo("%s: printed %lld, saved %lld", qPrintable(where), qlonglong(seen.size()), qlonglong(saved.size()));
                QVERIFY2(saved.size() >= bound,
                         qPrintable(where + u": saved %1 chars, printed %2, bound %3"_s.arg(saved.size()).arg(seen.size()).arg(bound)));
            }

            // Continue it against the fast server: completes exactly.
            const CliResult cont = runCli({u"continue"_s, QString::number(messageId), u"--db"_s, db, u"--base-url"_s,
                                           fast.openAiUrl(), u"--max-retries"_s, u"0"_s});
            QVERIFY2(cont.exitCode == 0, qPrintable(where + u": continue: "_s + QString::fromUtf8(cont.err)));
            const QString rest = text.mid(saved.size());
            QCOMPARE(QString::fromUtf8(cont.out), rest.isEmpty() ? QString() : rest + u'\n');
            Store store;
            QVERIFY(store.open(db));
            const std::optional<StoredMessage> done = store.message(messageId);
            QVERIFY(done);
            QCOMPARE(done->state, MessageState::Complete);
            QCOMPARE(done->content, text);
            QCOMPARE(done->finishReason, u"stop"_s);
            QCOMPARE(store.messages(conversationId).size(), 2);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
