// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// ChatController, headless: sending, streaming, cancelling, retrying,
// resuming, giving up and continuing. The fault server on 127.0.0.1 is the
// provider, a real SQLite file is behind the AsyncStore, and what is saved is
// read back from the file on a second connection. (Editing actions are in
// tst_chatcontroller_edit.cpp.)

#include "controllers/chatcontroller.h"
#include "controllertesthelpers.h"

#include <QDateTime>
#include <QSignalSpy>

using namespace Qt::Literals::StringLiterals;
using namespace ControllerTest;
using FaultInjection::FaultPlan;
using FaultInjection::FaultScript;

namespace {
/// The controller's retry properties at the moment it entered WaitingToRetry.
struct RetrySnapshot {
    bool seen = false;
    qint64 now = 0;
    double deadline = 0;
    int attempt = 0;
    int maxAttempts = 0;
    QString reason;
    bool rowRetryPending = false;
    int rowAttempt = 0;
};
} // namespace

class TestChatController : public QObject, private ChatFixture
{
    Q_OBJECT

    /// Records the retry properties when the status turns WaitingToRetry.
    void watchRetry(RetrySnapshot *snap)
    {
        connect(chat.get(), &ChatController::statusChanged, chat.get(), [this, snap] {
            if (chat->status() != ChatController::WaitingToRetry || snap->seen)
                return;
            snap->seen = true;
            snap->now = QDateTime::currentMSecsSinceEpoch();
            snap->deadline = chat->retryDeadline();
            snap->attempt = chat->attempt();
            snap->maxAttempts = chat->maxAttempts();
            snap->reason = chat->retryReason();
            snap->rowRetryPending = at(last(), MessageListModel::RetryPendingRole).toBool();
            snap->rowAttempt = at(last(), MessageListModel::AttemptRole).toInt();
        });
    }

    /// After an answer ended: nothing pending is left in the retry properties.
    void verifyRetryCleared()
    {
        QCOMPARE(chat->attempt(), 0);
        QCOMPARE(chat->maxAttempts(), 0);
        QCOMPARE(chat->retryDeadline(), 0.0);
        QVERIFY(chat->retryReason().isEmpty());
        QCOMPARE(at(last(), MessageListModel::RetryPendingRole).toBool(), false);
    }

    /// Gives up on an answer with a partial: request 1 drops mid-stream,
    /// every later request fails as `later` says.
    void giveUpAfterDrop(const FaultPlan &later)
    {
        FaultScript script;
        script.answer.text = Answer;
        script.every = later;
        FaultPlan dropping;
        dropping.dropAfterEvent = 8;
        script.requests.insert(1, dropping);
        rig->setScript(script);
        chat->send(u"Tell me about resilience"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::GaveUp, 15000);
    }

private Q_SLOTS:
    void init() { setUpChat(); }
    void cleanup() { tearDownChat(); }

    void sendStreamsAndSaves()
    {
        QSignalSpy activity(chat.get(), &ChatController::activity);
        QCOMPARE(chat->providerId(), u"fault"_s);
        chat->send(u"  Tell me about resilience  "_s);
        QVERIFY(chat->isBusy());
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(textAt(0), u"Tell me about resilience"_s);
        QCOMPARE(at(0, MessageListModel::RoleRole).toString(), u"user"_s);
        QCOMPARE(at(1, MessageListModel::RoleRole).toString(), u"assistant"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QCOMPARE(lastText(), Answer);
        QCOMPARE(chat->status(), ChatController::Idle);
        QVERIFY(!chat->isBusy());
        QCOMPARE(at(1, MessageListModel::ModelRole).toString(), u"fake-model"_s);
        QCOMPARE(at(1, MessageListModel::ContinuableRole).toBool(), false);
        QVERIFY(activity.count() >= 1);
        QVERIFY(chat->errorKind().isEmpty());
        QCOMPARE(rig->server.requestCount(), 1);
        QVERIFY(rig->server.request(1).body.contains("Tell me about resilience"));

        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0 && idAt(0) > 0, 5000);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(0).id, idAt(0));
        QCOMPARE(saved.at(0).content, u"Tell me about resilience"_s);
        QCOMPARE(saved.at(1).id, lastId());
        QCOMPARE(saved.at(1).content, Answer);
        QCOMPARE(saved.at(1).state, MessageState::Complete);

        // A new controller over the file shows the same conversation.
        chat.reset();
        rig->closeStore();
        rig->openStore();
        openChat();
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(lastText(), Answer);
        QCOMPARE(lastState(), u"complete"_s);
        QCOMPARE(chat->lastAnswer(), Answer);
    }

    void cancelKeepsThePartial()
    {
        rig->setAnswer(Answer, dripping());
        chat->send(u"Cancel me"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lastText().size() >= 8, 10000);
        QCOMPARE(lastState(), u"streaming"_s);
        QCOMPARE(chat->status(), ChatController::Streaming);
        chat->cancel();
        QCOMPARE(lastState(), u"cancelled"_s); // at once, no waiting
        QCOMPARE(chat->status(), ChatController::Idle);
        const QString partial = lastText();
        QVERIFY2(Answer.startsWith(partial) && partial.size() < Answer.size(), qPrintable(partial));
        QCOMPARE(at(last(), MessageListModel::ContinuableRole).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(rig->server.request(1).clientDisconnected, 5000);

        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).state, MessageState::Cancelled);
        QCOMPARE(saved.at(1).content, partial);
        QCOMPARE(lastText(), partial); // nothing arrived after the cancel
    }

    void dropWaitsThenResumesExactly()
    {
        FaultScript script;
        script.answer.text = Answer;
        FaultPlan dropping;
        dropping.dropAfterEvent = 8;
        script.requests.insert(1, dropping);
        rig->setScript(script);
        RetrySnapshot snap;
        watchRetry(&snap);
        bool resumedSeen = false;
        connect(chat.get(), &ChatController::statusChanged, this,
                [&] { resumedSeen = resumedSeen || chat->status() == ChatController::Resumed; });
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        chat->send(u"Tell me about resilience"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 15000);

        QVERIFY(snap.seen);
        QVERIFY2(snap.deadline >= double(before) && snap.deadline <= double(snap.now) + 10000,
                 qPrintable(u"deadline %1, now %2"_s.arg(snap.deadline).arg(snap.now)));
        QCOMPARE(snap.maxAttempts, 4); // 3 retries + the first attempt
        QVERIFY2(snap.attempt >= 1 && snap.attempt <= snap.maxAttempts, qPrintable(QString::number(snap.attempt)));
        QVERIFY(!snap.reason.isEmpty());
        QVERIFY(snap.rowRetryPending);
        QCOMPARE(snap.rowAttempt, snap.attempt);
        QVERIFY(resumedSeen);

        QCOMPARE(lastText(), Answer); // no gap, no repeat
        QCOMPARE(rig->server.requestCount(), 2);
        QVERIFY(rig->server.request(1).dropped);
        QVERIFY(rig->server.request(2).continuation);
        verifyRetryCleared();
        QVERIFY(chat->errorKind().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).content, Answer);
        QCOMPARE(saved.at(1).state, MessageState::Complete);
    }

    void retryNowSkipsTheWait()
    {
        FaultScript script;
        script.answer.text = Answer;
        FaultPlan busy = failing(503, R"({"error":{"message":"Service unavailable","type":"server_error"}})");
        busy.headers = {{QByteArrayLiteral("retry-after"), QByteArrayLiteral("60")}};
        script.requests.insert(1, busy);
        rig->setScript(script);
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::WaitingToRetry, 10000);
        // The server's wait is honoured: about a minute from now.
        QVERIFY(chat->retryDeadline() > double(QDateTime::currentMSecsSinceEpoch() + 30000));
        QVERIFY(chat->isBusy());
        QCOMPARE(rig->server.requestCount(), 1);
        chat->retryNow();
        // Far less than the minute the server asked for.
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QCOMPARE(lastText(), Answer);
        QCOMPARE(rig->server.requestCount(), 2);
        QCOMPARE(chat->status(), ChatController::Idle);
        verifyRetryCleared();
    }

    void cancelDuringTheWaitStopsRetrying()
    {
        FaultPlan busy = failing(503, {});
        busy.headers = {{QByteArrayLiteral("retry-after"), QByteArrayLiteral("60")}};
        rig->setAnswer(Answer, busy);
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::WaitingToRetry, 10000);
        chat->cancel();
        QCOMPARE(chat->status(), ChatController::Idle);
        QVERIFY(!chat->isBusy());
        QCOMPARE(lastState(), u"cancelled"_s);
        verifyRetryCleared();
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QCOMPARE(rig->savedMessages(cid).at(1).state, MessageState::Cancelled);
    }

    void authFailureGivesUpAtOnce()
    {
        rig->setAnswer(Answer, failing(401, BadKeyBody));
        QSignalSpy errorChanged(chat.get(), &ChatController::errorChanged);
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::GaveUp, 10000);
        QVERIFY(!chat->isBusy());
        QCOMPARE(chat->errorKind(), u"auth"_s);
        QVERIFY(!chat->errorMessage().isEmpty());
        QCOMPARE(chat->errorHasPartial(), false);
        QVERIFY(errorChanged.count() >= 1);
        QCOMPARE(rig->server.requestCount(), 1); // a bad key is not retried
        QCOMPARE(lastState(), u"failed"_s);
        QCOMPARE(at(last(), MessageListModel::ErrorKindRole).toString(), u"auth"_s);
        QVERIFY(lastText().isEmpty()); // the error is not the answer
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QCOMPARE(chat->failedMessageId(), lastId());

        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).state, MessageState::Failed);
        QCOMPARE(saved.at(1).errorKind, u"auth"_s);
        QVERIFY(saved.at(1).content.isEmpty());

        chat->dismissError();
        QCOMPARE(chat->status(), ChatController::Idle);
        QVERIFY(chat->errorKind().isEmpty());
        QCOMPARE(chat->failedMessageId(), 0);
    }

    void persistentServerErrorsGiveUpKeepingThePartial()
    {
        rig->setMaxRetries(1);
        giveUpAfterDrop(failing(500, R"({"error":{"message":"kaboom upstream","type":"server_error"}})"));
        if (QTest::currentTestFailed())
            return;
        QVERIFY(rig->server.requestCount() >= 2);
        QCOMPARE(chat->errorKind(), u"server"_s);
        QCOMPARE(chat->errorHasPartial(), true);
        const QString partial = lastText();
        QVERIFY2(!partial.isEmpty() && Answer.startsWith(partial) && partial.size() < Answer.size(),
                 qPrintable(partial));
        QVERIFY(!chat->errorMessage().isEmpty());
        QVERIFY(!partial.contains(chat->errorMessage()));
        QVERIFY(!partial.contains(u"kaboom"_s));
        QCOMPARE(lastState(), u"failed"_s);
        QCOMPARE(at(last(), MessageListModel::ContinuableRole).toBool(), true);
        verifyRetryCleared();
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QCOMPARE(chat->failedMessageId(), lastId());

        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).state, MessageState::Failed);
        QCOMPARE(saved.at(1).content, partial);
        QCOMPARE(saved.at(1).errorKind, u"server"_s);
    }

    void continueCompletesAFailedAnswerInPlace()
    {
        giveUpAfterDrop(failing(401, BadKeyBody)); // a bad key is not retried
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(chat->errorHasPartial(), true);
        const QString partial = lastText();
        QVERIFY(!partial.isEmpty() && partial.size() < Answer.size());
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        const qint64 id = lastId();
        const int requestsBefore = rig->server.requestCount();

        rig->setAnswer(Answer);
        chat->continueMessage(id);
        QVERIFY(chat->isBusy());
        QVERIFY(chat->errorKind().isEmpty());
        QCOMPARE(chat->failedMessageId(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(lastId(), id); // the same bubble
        QCOMPARE(lastText(), Answer);
        QCOMPARE(rig->server.requestCount(), requestsBefore + 1);
        QVERIFY(rig->server.request(requestsBefore + 1).continuation);

        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).id, id);
        QCOMPARE(saved.at(1).content, Answer);
        QCOMPARE(saved.at(1).state, MessageState::Complete);
    }

    void quitMidAnswerThenContinue()
    {
        rig->setAnswer(Answer, dripping());
        chat->send(u"Tell me about resilience"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lastText().size() >= 8 && lastId() > 0, 10000);
        const qint64 id = lastId();
        chat.reset(); // quitting mid-answer
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).state, MessageState::Interrupted);
        QVERIFY(!saved.at(1).content.isEmpty() && Answer.startsWith(saved.at(1).content));

        rig->setAnswer(Answer);
        openChat();
        QCOMPARE(lastState(), u"interrupted"_s);
        QCOMPARE(lastText(), saved.at(1).content);
        chat->continueMessage(id);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QCOMPARE(lastId(), id);
        QCOMPARE(lastText(), Answer);
        QCOMPARE(rig->savedMessages(cid).at(1).content, Answer);
    }

    void continueIgnoresACompleteAnswer()
    {
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        chat->continueMessage(lastId());
        QCOMPARE(chat->status(), ChatController::Idle);
        QCOMPARE(rig->server.requestCount(), 1);
    }
};

QTEST_MAIN(TestChatController)
#include "tst_chatcontroller.moc"
