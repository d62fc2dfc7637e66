// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// ConversationsController, headless: creating, opening, renaming, deleting
// with undo, searching, exporting and copying, over a real SQLite file (read
// back on a second connection) with the fault server on 127.0.0.1 as the
// provider. A QAbstractItemModelTester watches the conversation list.

#include "controllers/conversationscontroller.h"
#include "controllertesthelpers.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QPointer>
#include <QSignalSpy>

using namespace Qt::Literals::StringLiterals;
using namespace ControllerTest;

class TestConversationsController : public QObject
{
    Q_OBJECT

    std::unique_ptr<Rig> m_rig;
    std::unique_ptr<ConversationsController> m_ctl;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    ConversationListModel *list() const { return m_ctl->model(); }
    QVariant listAt(int row, int role) const { return list()->index(row).data(role); }
    QString titleOf(qint64 id) const
    {
        return listAt(list()->rowOf(id), ConversationListModel::TitleRole).toString();
    }
    QList<qint64> listedIds() const
    {
        QList<qint64> ids;
        for (int row = 0; row < list()->rowCount(); ++row)
            ids.append(list()->idAt(row));
        return ids;
    }
    /// Refreshes, waits for the new list, and checks it shows exactly these conversations.
    void refreshAndExpect(const QList<qint64> &ids)
    {
        QSignalSpy reset(list(), &QAbstractItemModel::modelReset);
        m_ctl->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(reset.count() >= 1, 5000);
        QCOMPARE(listedIds(), ids);
    }
    void openAndLoad(qint64 id)
    {
        m_ctl->open(id);
        QVERIFY(m_ctl->current());
        QCOMPARE(m_ctl->currentId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(m_ctl->current()->isLoaded(), 5000);
    }
    int savedConversationCount()
    {
        return m_rig->fromDisk([](Store &s) { return int(s.listConversations().size()); });
    }

private Q_SLOTS:
    void init()
    {
        m_rig = std::make_unique<Rig>();
        m_rig->setUp();
        if (QTest::currentTestFailed())
            return;
        m_ctl = std::make_unique<ConversationsController>(m_rig->store.get(), &m_rig->factory,
                                                          m_rig->providers.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_ctl->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_ctl.reset();
        if (m_rig)
            m_rig->closeStore();
        m_rig.reset();
    }

    void newChatCreatesAndOpens()
    {
        QSignalSpy currentChanged(m_ctl.get(), &ConversationsController::currentChanged);
        m_ctl->newChat();
        QTRY_VERIFY_WITH_TIMEOUT(m_ctl->current(), 5000);
        const qint64 id = m_ctl->currentId();
        QVERIFY(id > 0);
        QCOMPARE(currentChanged.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(listedIds(), QList<qint64>{id}, 5000);
        QCOMPARE(titleOf(id), u"New chat"_s);
        QCOMPARE(m_ctl->currentTitle(), u"New chat"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_ctl->current()->isLoaded(), 5000);
        QCOMPARE(m_ctl->current()->messages()->rowCount(), 0);
        QCOMPARE(m_ctl->current()->providerId(), u"fault"_s);
        const auto saved = m_rig->savedConversation(id);
        QVERIFY(saved);
        QCOMPARE(saved->providerId, u"fault"_s);
        QVERIFY(saved->title.isEmpty());
    }

    void openSwitchesConversations()
    {
        const qint64 a = m_rig->seedConversation(u"Kiwi"_s, {u"What is a kiwi?"_s, u"A bird."_s});
        const qint64 b = m_rig->seedConversation(u"Lime"_s, {u"Lime?"_s, u"Fruit."_s, u"Sour?"_s, u"Yes."_s});
        openAndLoad(a);
        QCOMPARE(m_ctl->current()->messages()->rowCount(), 2);
        QCOMPARE(m_ctl->current()->lastAnswer(), u"A bird."_s);
        QPointer<ChatController> first = m_ctl->current();
        QSignalSpy currentChanged(m_ctl.get(), &ConversationsController::currentChanged);
        openAndLoad(b);
        QCOMPARE(currentChanged.count(), 1);
        QCOMPARE(m_ctl->current()->messages()->rowCount(), 4);
        QCOMPARE(m_ctl->current()->lastAnswer(), u"Yes."_s);
        QTRY_VERIFY_WITH_TIMEOUT(first.isNull(), 5000); // the old one goes away
        m_ctl->open(b); // already open: nothing happens
        m_ctl->open(0);
        QCOMPARE(currentChanged.count(), 1);
        QCOMPARE(m_ctl->currentId(), b);
    }

    void openMostRecentPicksTheLatestActivity()
    {
        const qint64 a = m_rig->seedConversation(u"Older id, newer activity"_s, {u"q"_s, u"a"_s});
        const qint64 b = m_rig->seedConversation(u"Newer id, older activity"_s, {u"q"_s, u"a"_s});
        m_rig->setUpdatedAt(a, QDateTime(QDate(2026, 1, 2), QTime(12, 0), QTimeZone::UTC));
        m_rig->setUpdatedAt(b, QDateTime(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::UTC));
        m_ctl->openMostRecent();
        QTRY_COMPARE_WITH_TIMEOUT(m_ctl->currentId(), a, 5000);
        QCOMPARE(listedIds(), (QList<qint64>{a, b}));
        QCOMPARE(savedConversationCount(), 2);
    }

    void openMostRecentStartsANewChatWhenThereIsNone()
    {
        m_ctl->openMostRecent();
        QTRY_VERIFY_WITH_TIMEOUT(m_ctl->currentId() > 0, 5000);
        QCOMPARE(savedConversationCount(), 1);
    }

    void renameIsSaved()
    {
        const qint64 a = m_rig->seedConversation(u"Old title"_s, {u"q"_s, u"a"_s});
        refreshAndExpect({a});
        openAndLoad(a);
        QSignalSpy titleChanged(m_ctl.get(), &ConversationsController::currentTitleChanged);
        m_ctl->rename(a, u"  Fruit \n  talk "_s);
        QCOMPARE(titleOf(a), u"Fruit talk"_s);
        QCOMPARE(m_ctl->currentTitle(), u"Fruit talk"_s);
        QVERIFY(titleChanged.count() >= 1);
        m_ctl->rename(a, u"   "_s); // an empty title is refused
        QCOMPARE(titleOf(a), u"Fruit talk"_s);
        QCOMPARE(m_rig->savedConversation(a)->title, u"Fruit talk"_s);

        // Another controller over the file sees the new title.
        m_tester.reset();
        m_ctl = std::make_unique<ConversationsController>(m_rig->store.get(), &m_rig->factory,
                                                          m_rig->providers.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(m_ctl->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        refreshAndExpect({a});
        QCOMPARE(titleOf(a), u"Fruit talk"_s);
    }

    void firstMessageTitlesANewChat()
    {
        m_ctl->newChat();
        QTRY_VERIFY_WITH_TIMEOUT(m_ctl->current() && m_ctl->current()->isLoaded(), 5000);
        const qint64 id = m_ctl->currentId();
        QTRY_COMPARE_WITH_TIMEOUT(listedIds(), QList<qint64>{id}, 5000);
        const QString question =
            u"Tell me   everything about kiwis, limes and mangoes, with their seasons and prices"_s;
        m_ctl->current()->send(question);
        QTRY_COMPARE_WITH_TIMEOUT(m_ctl->current()->status(), ChatController::Idle, 10000);
        const QString expected = question.simplified().left(47) + u'…';
        QTRY_COMPARE_WITH_TIMEOUT(titleOf(id), expected, 5000);
        QCOMPARE(m_ctl->currentTitle(), expected);
        QCOMPARE(m_rig->savedConversation(id)->title, expected);
        QTRY_COMPARE_WITH_TIMEOUT(listAt(0, ConversationListModel::MessageCountRole).toInt(), 2, 5000);
    }

    void removeThenUndoBringsItBack()
    {
        const qint64 a = m_rig->seedConversation(u"Kiwi"_s, {u"What is a kiwi?"_s, u"A bird."_s});
        const qint64 b = m_rig->seedConversation(u"Lime"_s, {u"Lime?"_s, u"Fruit."_s});
        refreshAndExpect({b, a});
        openAndLoad(a);
        QSignalSpy pending(m_ctl.get(), &ConversationsController::pendingDeleteChanged);
        m_ctl->remove(a);
        QCOMPARE(listedIds(), QList<qint64>{b});
        QCOMPARE(m_ctl->current(), nullptr); // it was open: closed
        QCOMPARE(m_ctl->currentId(), 0);
        QCOMPARE(m_ctl->pendingDeleteTitle(), u"Kiwi"_s);
        QCOMPARE(pending.count(), 1);
        refreshAndExpect({b}); // a refresh does not bring it back while Undo is offered
        QVERIFY(m_rig->savedConversation(a)); // not deleted yet

        m_ctl->undoRemove();
        QCOMPARE(m_ctl->pendingDeleteTitle(), QString());
        QCOMPARE(pending.count(), 2);
        QCOMPARE(listedIds(), (QList<qint64>{b, a}));
        QCOMPARE(m_ctl->currentId(), a); // and opened again
        QTRY_VERIFY_WITH_TIMEOUT(m_ctl->current()->isLoaded(), 5000);
        QCOMPARE(m_ctl->current()->messages()->rowCount(), 2);
        QCOMPARE(m_ctl->current()->lastAnswer(), u"A bird."_s);

        // Quitting commits a pending delete: after the undo there is none.
        m_tester.reset();
        m_ctl.reset();
        QVERIFY(m_rig->savedConversation(a));
        QCOMPARE(m_rig->savedMessages(a).size(), 2);
    }

    void removeWithoutUndoDeletesAfterTheUndoWindow()
    {
        const qint64 a = m_rig->seedConversation(u"Kiwi"_s, {u"What is a kiwi?"_s, u"A bird."_s});
        const qint64 b = m_rig->seedConversation(u"Lime"_s, {u"Lime?"_s, u"Fruit."_s});
        refreshAndExpect({b, a});
        m_ctl->remove(a);
        QCOMPARE(listedIds(), QList<qint64>{b});
        QVERIFY(m_rig->savedConversation(a));
        // The undo window is the controller's own timer (8 s); nothing else
        // ends it here.
        QTRY_COMPARE_WITH_TIMEOUT(m_ctl->pendingDeleteTitle(), QString(), 15000);
        QVERIFY(!m_rig->savedConversation(a));
        QCOMPARE(m_rig->savedMessages(a).size(), 0);
        QVERIFY(m_rig->savedConversation(b));
        QCOMPARE(m_rig->savedMessages(b).size(), 2);
        m_ctl->undoRemove(); // too late: nothing happens
        QCOMPARE(listedIds(), QList<qint64>{b});
    }

    void nextRemoveOrQuitCommitsThePendingDelete()
    {
        const qint64 a = m_rig->seedConversation(u"A"_s, {u"q"_s, u"a"_s});
        const qint64 b = m_rig->seedConversation(u"B"_s, {u"q"_s, u"a"_s});
        const qint64 c = m_rig->seedConversation(u"C"_s, {u"q"_s, u"a"_s});
        refreshAndExpect({c, b, a});
        m_ctl->remove(a);
        m_ctl->remove(b); // a is deleted for good now, b waits for Undo
        QCOMPARE(m_ctl->pendingDeleteTitle(), u"B"_s);
        QCOMPARE(listedIds(), QList<qint64>{c});
        QVERIFY(!m_rig->savedConversation(a));
        QVERIFY(m_rig->savedConversation(b));
        m_tester.reset();
        m_ctl.reset(); // quitting
        QVERIFY(!m_rig->savedConversation(b));
        QCOMPARE(m_rig->savedMessages(b).size(), 0);
        QVERIFY(m_rig->savedConversation(c));
    }

    void searchMatchesTitlesAndTextByActivity()
    {
        const qint64 kiwi = m_rig->seedConversation(u"Kiwi facts"_s, {u"Tell me"_s, u"Birds."_s});
        const qint64 fruit = m_rig->seedConversation(u"Fruit"_s, {u"What is green?"_s, u"A kiwi fruit is green and fuzzy."_s});
        const qint64 other = m_rig->seedConversation(u"Other"_s, {u"Hi"_s, u"Hello"_s});
        m_rig->setUpdatedAt(kiwi, QDateTime(QDate(2026, 1, 3), QTime(12, 0), QTimeZone::UTC));
        m_rig->setUpdatedAt(fruit, QDateTime(QDate(2026, 1, 2), QTime(12, 0), QTimeZone::UTC));
        m_rig->setUpdatedAt(other, QDateTime(QDate(2026, 1, 4), QTime(12, 0), QTimeZone::UTC));
        refreshAndExpect({other, kiwi, fruit});

        QSignalSpy queryChanged(m_ctl.get(), &ConversationsController::queryChanged);
        m_ctl->search(u"KIWI"_s);
        QCOMPARE(m_ctl->query(), u"KIWI"_s);
        QCOMPARE(queryChanged.count(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(listedIds(), (QList<qint64>{kiwi, fruit}), 5000);
        QCOMPARE(listAt(0, ConversationListModel::SnippetRole).toString(), QString()); // a title hit
        QCOMPARE(listAt(1, ConversationListModel::SnippetRole).toString(), u"A kiwi fruit is green and fuzzy."_s);
        QVERIFY(listAt(0, ConversationListModel::UpdatedAtRole).toDateTime()
                > listAt(1, ConversationListModel::UpdatedAtRole).toDateTime());

        // Newer activity moves a result up.
        m_rig->setUpdatedAt(fruit, QDateTime(QDate(2026, 1, 5), QTime(12, 0), QTimeZone::UTC));
        m_ctl->search(u"kiwi"_s);
        QTRY_COMPARE_WITH_TIMEOUT(listedIds(), (QList<qint64>{fruit, kiwi}), 5000);

        m_ctl->search(u"fuzzy"_s);
        QTRY_COMPARE_WITH_TIMEOUT(listedIds(), QList<qint64>{fruit}, 5000);
        m_ctl->search(u"durian"_s);
        QTRY_COMPARE_WITH_TIMEOUT(list()->rowCount(), 0, 5000);
        m_ctl->search({});
        QTRY_COMPARE_WITH_TIMEOUT(listedIds(), (QList<qint64>{fruit, other, kiwi}), 5000);
    }

    void exportMarkdownWritesTheOpenConversation()
    {
        const QString path = m_rig->dir.filePath(u"export.md"_s);
        QVERIFY(!m_ctl->exportMarkdown(QUrl::fromLocalFile(path)).isEmpty()); // nothing open
        QVERIFY(!QFile::exists(path));

        const qint64 a = m_rig->seedConversation(u"Fruit talk"_s, {u"What is a kiwi?"_s, u"A bird — or a fruit. 🥝"_s});
        refreshAndExpect({a});
        openAndLoad(a);
        QCOMPARE(m_ctl->exportMarkdown(QUrl::fromLocalFile(path)), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(f.readAll()),
                 u"# Fruit talk\n\n## You\n\nWhat is a kiwi?\n\n## fake-model\n\nA bird — or a fruit. 🥝\n\n"_s);

        const QString bad = m_rig->dir.filePath(u"no-such-dir/export.md"_s);
        const QString error = m_ctl->exportMarkdown(QUrl::fromLocalFile(bad));
        QVERIFY2(error.contains(bad), qPrintable(error));
        QVERIFY(!QFile::exists(bad));
    }

    void copyLastAnswerPutsItOnTheClipboard()
    {
        QClipboard *clipboard = QGuiApplication::clipboard();
        QVERIFY(clipboard);
        clipboard->setText(u"before"_s);
        QVERIFY(!m_ctl->copyLastAnswer()); // nothing open

        const qint64 empty = m_rig->seedConversation(u"Empty"_s);
        openAndLoad(empty);
        QVERIFY(!m_ctl->copyLastAnswer());
        QCOMPARE(clipboard->text(), u"before"_s);

        const qint64 a = m_rig->seedConversation(u"Fox"_s, {u"Say something"_s, u"The quick brown 🦊."_s, u"More"_s});
        openAndLoad(a);
        QVERIFY(m_ctl->copyLastAnswer());
        QCOMPARE(clipboard->text(), u"The quick brown 🦊."_s);
    }
};

QTEST_MAIN(TestConversationsController)
#include "tst_conversationscontroller.moc"
