// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// ChatController, headless: what the view shows about a stream in progress
// (elapsed time and tokens so far), the brief "Resumed" note after a retry,
// and the notice when a fallback provider answers. The fault servers on
// 127.0.0.1 are the providers.

#include "controllertesthelpers.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSignalSpy>

using namespace Qt::Literals::StringLiterals;
using namespace ControllerTest;
using namespace FaultInjection;

class TestChatControllerProgress : public QObject, private ChatFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpChat(); }
    void cleanup() { tearDownChat(); }

    // While an answer drips in, the start time is set and the token count
    // only grows; it ends at the answer's count.
    void progressWhileStreaming()
    {
        rig->setAnswer(Answer, dripping());
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QSignalSpy progress(chat.get(), &ChatController::progressChanged);
        chat->send(u"Tell me about streams"_s);
        QTRY_VERIFY_WITH_TIMEOUT(chat->tokensSoFar() > 0, 10000);
        QVERIFY(chat->streamStartedAt() >= double(before));
        QVERIFY(chat->streamStartedAt() <= double(QDateTime::currentMSecsSinceEpoch()));
        const int early = chat->tokensSoFar();
        QVERIFY(lastState() == u"streaming"_s);
        QTRY_VERIFY_WITH_TIMEOUT(chat->tokensSoFar() > early, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 20000);
        QCOMPARE(lastText(), Answer);
        QVERIFY(chat->tokensSoFar() > early);
        QVERIFY(progress.size() >= 3);
    }

    // After a drop the stream resumes: "Resumed" shows for a moment, then
    // the status is Streaming again while the rest arrives.
    void resumedNoteTurnsBackIntoStreaming()
    {
        FaultScript script;
        script.answer.text = Answer;
        FaultPlan drop;
        drop.dropAfterEvent = 8; // after some text: a resume, not a retry
        script.requests.insert(1, drop);
        script.requests.insert(2, dripping()); // long enough to outlast the note
        rig->setScript(script);
        chat->send(u"Tell me about streams"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::Resumed, 10000);
        QElapsedTimer shown;
        shown.start();
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::Streaming, 6000);
        QVERIFY2(shown.elapsed() >= 2000, qPrintable(QString::number(shown.elapsed())));
        QVERIFY(chat->isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 20000);
        QCOMPARE(lastText(), Answer);
        QCOMPARE(chat->status(), ChatController::Idle);
    }

    // The primary provider fails for good; the next one in the fallback
    // order answers, and while it streams the controller names it for the
    // banner ("Backup is answering instead."); the notice ends with the answer.
    void fallbackProviderAnswersAndIsNamed()
    {
        FaultServer backup;
        QVERIFY(backup.listen());
        FaultScript backupScript;
        backupScript.answer.text = u"From the backup provider."_s;
        backupScript.every = dripping();
        backup.setScript(backupScript);
        QUrl base = backup.baseUrl();
        base.setPath(u"/v1"_s);
        QCOMPARE(rig->providers->saveProvider(u"openai"_s, u"backup"_s, u"Backup"_s, base.toString(), u"fake-model"_s,
                                              0, 30),
                 QString());
        QCOMPARE(rig->providers->setFallbackOrder({u"fault"_s, u"backup"_s}), QString());
        rig->setMaxRetries(0);
        rig->setAnswer(Answer, failing(500, R"({"error":{"message":"overloaded","type":"server_error"}})"));
        QSignalSpy retry(chat.get(), &ChatController::retryChanged);

        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->fallbackProvider(), u"Backup"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!lastText().isEmpty(), 10000);
        QCOMPARE(chat->status(), ChatController::Streaming);
        QVERIFY(!retry.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 15000);
        QCOMPARE(lastText(), u"From the backup provider."_s);
        QCOMPARE(chat->fallbackProvider(), QString());
        QCOMPARE(rig->server.requestCount(), 1);
        QCOMPARE(backup.requestCount(), 1);
        // A new message starts from the primary again.
        rig->setAnswer(u"Primary is back."_s);
        chat->send(u"Again"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 15000);
        QCOMPARE(lastText(), u"Primary is back."_s);
    }
};

QTEST_GUILESS_MAIN(TestChatControllerProgress)
#include "tst_chatcontroller_progress.moc"
