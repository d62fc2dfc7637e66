// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// ChatController, headless: what the user does to messages already there
// (regenerate, edit and resend, delete, copy, export). The fault server on
// 127.0.0.1 is the provider; what is saved is read back from the SQLite file
// on a second connection.

#include "controllertesthelpers.h"

#include <QSignalSpy>

using namespace Qt::Literals::StringLiterals;
using namespace ControllerTest;

namespace {
const QString First = u"A kiwi is a flightless bird of New Zealand."_s;
const QString Second = u"A lime is a small green citrus fruit — sour, not sweet. 🍋"_s;

// SQLite may give a new row the id of a deleted one: compare the texts.
QStringList contents(const QList<StoredMessage> &messages)
{
    QStringList out;
    for (const StoredMessage &m : messages)
        out.append(m.content);
    return out;
}
} // namespace

class TestChatControllerEdit : public QObject, private ChatFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpChat(); }
    void cleanup() { tearDownChat(); }

    void regenerateReplacesTheAnswer()
    {
        rig->setAnswer(First);
        sendAndFinish(u"What is a kiwi?"_s);
        const qint64 userId = idAt(0);
        const qint64 oldId = lastId();
        QCOMPARE(lastText(), First);

        rig->setAnswer(Second);
        chat->regenerate(oldId);
        QVERIFY(chat->isBusy());
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(model()->rowOf(oldId), -1); // the old answer is gone at once
        QVERIFY(lastText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(idAt(0), userId);
        QCOMPARE(lastText(), Second);
        // The new request asks the question again, without the old answer.
        const QByteArray body = rig->server.request(2).body;
        QVERIFY(body.contains("What is a kiwi?"));
        QVERIFY(!body.contains("flightless"));

        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(contents(saved), (QStringList{u"What is a kiwi?"_s, Second}));
        QCOMPARE(saved.at(0).id, userId);
        QCOMPARE(saved.at(1).id, lastId());
        QCOMPARE(saved.at(1).state, MessageState::Complete);
    }

    void regenerateIgnoresUserMessages()
    {
        sendAndFinish(u"What is a kiwi?"_s);
        chat->regenerate(idAt(0));
        QCOMPARE(chat->status(), ChatController::Idle);
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(rig->server.requestCount(), 1);
    }

    void editAndResendDropsWhatFollowed()
    {
        rig->setAnswer(First);
        sendAndFinish(u"What is a kiwi?"_s);
        sendAndFinish(u"And a lime?"_s);
        QCOMPARE(model()->rowCount(), 4);
        const qint64 userId = idAt(0);

        rig->setAnswer(Second);
        chat->editAndResend(userId, u"  What is a mango?  "_s);
        QCOMPARE(textAt(0), u"What is a mango?"_s);
        QCOMPARE(model()->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QCOMPARE(idAt(0), userId); // the same message, changed
        QCOMPARE(lastText(), Second);
        const QByteArray body = rig->server.request(3).body;
        QVERIFY(body.contains("What is a mango?"));
        QVERIFY(!body.contains("kiwi"));
        QVERIFY(!body.contains("lime"));

        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(contents(saved), (QStringList{u"What is a mango?"_s, Second}));
        QCOMPARE(saved.at(0).id, userId);
    }

    void editAndResendIgnoresAnswersAndEmptyText()
    {
        sendAndFinish(u"What is a kiwi?"_s);
        chat->editAndResend(idAt(0), u"   "_s);
        chat->editAndResend(idAt(1), u"What is a mango?"_s);
        QCOMPARE(textAt(0), u"What is a kiwi?"_s);
        QCOMPARE(lastText(), Answer);
        QCOMPARE(rig->server.requestCount(), 1);
        QCOMPARE(rig->savedMessages(cid).at(0).content, u"What is a kiwi?"_s);
    }

    void deleteMessageRemovesFromModelAndStore()
    {
        rig->setAnswer(First);
        sendAndFinish(u"What is a kiwi?"_s);
        rig->setAnswer(Second);
        sendAndFinish(u"And a lime?"_s);
        const qint64 firstAnswer = idAt(1);
        QSignalSpy activity(chat.get(), &ChatController::activity);
        chat->deleteMessage(firstAnswer);
        QCOMPARE(activity.count(), 1);
        QCOMPARE(model()->rowCount(), 3);
        QCOMPARE(model()->rowOf(firstAnswer), -1);
        QCOMPARE(textAt(1), u"And a lime?"_s);
        QCOMPARE(contents(rig->savedMessages(cid)), (QStringList{u"What is a kiwi?"_s, u"And a lime?"_s, Second}));

        chat->deleteMessage(idAt(0));
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(contents(rig->savedMessages(cid)), (QStringList{u"And a lime?"_s, Second}));

        // A reload shows the same two messages.
        openChat();
        QCOMPARE(model()->rowCount(), 2);
        QCOMPARE(textAt(0), u"And a lime?"_s);
        QCOMPARE(lastText(), Second);
    }

    void deletingTheFailedAnswerClearsTheError()
    {
        rig->setAnswer(Answer, failing(401, BadKeyBody));
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::GaveUp, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0 && chat->failedMessageId() == lastId(), 5000);
        chat->deleteMessage(lastId());
        QCOMPARE(model()->rowCount(), 1);
        QCOMPARE(chat->status(), ChatController::Idle);
        QVERIFY(chat->errorKind().isEmpty());
        QCOMPARE(chat->failedMessageId(), 0);
        QCOMPARE(rig->savedMessages(cid).size(), 1);
    }

    void providerAndModelAreSaved()
    {
        QSignalSpy providerChanged(chat.get(), &ChatController::providerChanged);
        chat->setModel(u"other-model"_s);
        QCOMPARE(chat->model(), u"other-model"_s);
        QCOMPARE(providerChanged.count(), 1);
        sendAndFinish(u"Hello"_s);
        QCOMPARE(at(last(), MessageListModel::ModelRole).toString(), u"other-model"_s);
        QVERIFY(rig->server.request(1).body.contains("\"other-model\""));
        QCOMPARE(rig->savedConversation(cid)->model, u"other-model"_s);

        chat->setProviderId(u"gone"_s); // e.g. removed in Settings: the model is reset
        QVERIFY(chat->model().isEmpty());
        const auto saved = rig->savedConversation(cid);
        QCOMPARE(saved->providerId, u"gone"_s);
        QVERIFY(saved->model.isEmpty());
        QSignalSpy notice(chat.get(), &ChatController::notice);
        chat->send(u"Anyone there?"_s);
        QCOMPARE(notice.count(), 1); // no provider: said, and nothing is sent
        QVERIFY(!chat->isBusy());
        QCOMPARE(rig->server.requestCount(), 1);
    }

    void lastAnswerIsTheLatestAssistantText()
    {
        QCOMPARE(chat->lastAnswer(), QString());
        rig->setAnswer(First);
        sendAndFinish(u"What is a kiwi?"_s);
        QCOMPARE(chat->lastAnswer(), First);
        rig->setAnswer(Second);
        sendAndFinish(u"And a lime?"_s);
        QCOMPARE(chat->lastAnswer(), Second);
    }

    void toMarkdownWritesEveryMessageAndNotesTheCut()
    {
        QCOMPARE(chat->toMarkdown({}), u"# Conversation\n\n"_s);
        rig->setAnswer(First);
        sendAndFinish(u"What is a kiwi?"_s);
        // A cancelled answer is exported with a note.
        rig->setAnswer(Second, dripping());
        chat->send(u"And a lime?"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!lastText().isEmpty(), 10000);
        chat->cancel();
        QCOMPARE(lastState(), u"cancelled"_s);
        const QString partial = lastText();
        QVERIFY(Second.startsWith(partial) && partial.size() < Second.size());
        QCOMPARE(chat->toMarkdown(u"Fruit"_s),
                 u"# Fruit\n\n"
                 "## You\n\nWhat is a kiwi?\n\n"
                 "## fake-model\n\n"_s
                     + First + u"\n\n"
                               "## You\n\nAnd a lime?\n\n"
                               "## fake-model\n\n"_s
                     + partial + u"\n\n> *This answer was cancelled.*\n\n"_s);
    }
};

QTEST_MAIN(TestChatControllerEdit)
#include "tst_chatcontroller_edit.moc"
