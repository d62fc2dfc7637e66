// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// ChatController when the store is slower than the network: the store's
// worker is held while an answer streams, ends, fails or is acted on, so the
// messages still have their temporary ids; then it is let go and what is on
// disk must be what the user saw. The fault server on 127.0.0.1 is the
// provider; the SQLite file is read back on a second connection.

#include "controllertesthelpers.h"

#include <QSignalSpy>

using namespace Qt::Literals::StringLiterals;
using namespace ControllerTest;

class TestChatControllerSlowStore : public QObject, private ChatFixture
{
    Q_OBJECT

    /// Sends with the store held and waits until the answer failed (401).
    void failWhileHeld()
    {
        rig->setAnswer(Answer, failing(401, BadKeyBody));
        rig->holdStore();
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chat->status(), ChatController::GaveUp, 10000);
        QVERIFY(lastId() < 0); // not saved yet: the store is held
        QCOMPARE(chat->failedMessageId(), lastId());
    }

private Q_SLOTS:
    void init() { setUpChat(); }
    void cleanup() { tearDownChat(); }

    void answerEndsBeforeItIsSaved()
    {
        rig->holdStore();
        chat->send(u"Hello"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QCOMPARE(lastText(), Answer);
        QVERIFY(idAt(0) < 0 && lastId() < 0);
        rig->releaseStore();
        QTRY_VERIFY_WITH_TIMEOUT(idAt(0) > 0 && lastId() > 0, 5000);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).id, lastId());
        QCOMPARE(saved.at(1).content, Answer);
        QCOMPARE(saved.at(1).state, MessageState::Complete);
    }

    void cancelBeforeItIsSaved()
    {
        rig->setAnswer(Answer, dripping());
        rig->holdStore();
        chat->send(u"Hello"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lastText().size() >= 8, 10000);
        chat->cancel();
        const QString partial = lastText();
        rig->releaseStore();
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).content, partial);
        QCOMPARE(saved.at(1).state, MessageState::Cancelled);
    }

    void failedIdIsAnnouncedWhenSaved()
    {
        failWhileHeld();
        QSignalSpy errorChanged(chat.get(), &ChatController::errorChanged);
        rig->releaseStore();
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QCOMPARE(chat->failedMessageId(), lastId());
        // failedMessageId changed: its NOTIFY signal says so (QML binds to it).
        QVERIFY(errorChanged.count() >= 1);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2);
        QCOMPARE(saved.at(1).state, MessageState::Failed);
        QCOMPARE(saved.at(1).errorKind, u"auth"_s);
    }

    void retryBeforeTheFailureIsSaved()
    {
        failWhileHeld();
        rig->setAnswer(Answer);
        chat->retryMessage(chat->failedMessageId());
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QCOMPARE(model()->rowCount(), 2);
        rig->releaseStore();
        QTRY_VERIFY_WITH_TIMEOUT(idAt(0) > 0 && lastId() > 0, 5000);
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 2); // the failed answer is not left behind
        QCOMPARE(saved.at(0).content, u"Hello"_s);
        QCOMPARE(saved.at(1).content, Answer);
        QCOMPARE(saved.at(1).state, MessageState::Complete);
    }

    void deleteBeforeItIsSaved()
    {
        failWhileHeld();
        const qint64 userTmp = idAt(0);
        chat->deleteMessage(lastId());
        QCOMPARE(model()->rowCount(), 1);
        QCOMPARE(chat->status(), ChatController::Idle);
        rig->releaseStore();
        QTRY_VERIFY_WITH_TIMEOUT(idAt(0) > 0, 5000);
        QVERIFY(idAt(0) != userTmp);
        // The deleted answer does not come back from the file.
        const QList<StoredMessage> saved = rig->savedMessages(cid);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.at(0).content, u"Hello"_s);
        openChat();
        QCOMPARE(model()->rowCount(), 1);
        // The store's order is still the model's: later edits hit the right rows.
        rig->setAnswer(Answer);
        sendAndFinish(u"Next"_s);
        chat->regenerate(lastId());
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lastId() > 0, 5000);
        QStringList texts;
        for (const StoredMessage &m : rig->savedMessages(cid))
            texts.append(m.content);
        QCOMPARE(texts, (QStringList{u"Hello"_s, u"Next"_s, Answer}));
    }
};

QTEST_MAIN(TestChatControllerSlowStore)
#include "tst_chatcontroller_slowstore.moc"
