// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "models/messageblocksmodel.h"
#include "models/messagelistmodel.h"
#include "net/chunkcoalescer.h"
#include "storedmessagefixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestMessageListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roleNamesMatchTheBubble()
    {
        MessageListModel m;
        const auto names = m.roleNames().values();
        // The roles the message rows (MessageListView delegates) read.
        for (const char *n : {"messageId", "role", "text", "blocks", "thinking", "toolCalls", "state",
                              "errorKind", "errorMessage", "inputTokens", "outputTokens", "tokensPerSecond",
                              "timeToFirstTokenMs", "model", "attempt", "maxAttempts", "retryPending",
                              "continuable"})
            QVERIFY2(names.contains(QByteArray(n)), n);
    }

    void loadsAndExposesRoles()
    {
        MessageListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        StoredMessage a = msg(2, ChatMessage::Role::Assistant, u"partial"_s, MessageState::Interrupted);
        a.errorKind = u"network"_s;
        a.errorMessage = u"connection dropped"_s;
        a.inputTokens = 12;
        a.toolCalls = {ToolCall{u"c1"_s, u"search"_s, uR"({"q":"x"})"_s}};
        QVERIFY(m.setMessages({msg(1, ChatMessage::Role::User, u"hi"_s), a}));
        QCOMPARE(m.rowCount(), 2);
        const QModelIndex i = m.index(1);
        QCOMPARE(i.data(MessageListModel::RoleRole).toString(), u"assistant"_s);
        QCOMPARE(i.data(MessageListModel::StateRole).toString(), u"interrupted"_s);
        QCOMPARE(i.data(MessageListModel::ContinuableRole).toBool(), true);
        QCOMPARE(m.index(0).data(MessageListModel::ContinuableRole).toBool(), false);
        QCOMPARE(i.data(MessageListModel::ErrorKindRole).toString(), u"network"_s);
        QCOMPARE(i.data(MessageListModel::InputTokensRole).toInt(), 12);
        QCOMPARE(i.data(MessageListModel::OutputTokensRole).toInt(), -1);
        const QVariantList calls = i.data(MessageListModel::ToolCallsRole).toList();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.at(0).toMap().value(u"name"_s).toString(), u"search"_s);
        QCOMPARE(m.lastAssistantText(), u"partial"_s);
    }

    void streamingGrowsOneRowWithoutReset()
    {
        MessageListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMessages({msg(1, ChatMessage::Role::User, u"hi"_s)});
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        const int row = m.append(msg(0, ChatMessage::Role::Assistant, {}, MessageState::Streaming));
        const qint64 tmp = m.message(row).id;
        QVERIFY2(tmp < 0, "an unsaved message gets a temporary id");
        m.appendText(tmp, u"Hel");
        m.appendText(tmp, u"lo");
        QCOMPARE(changed.count(), 2);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
        m.setMessageId(row, 42);
        QCOMPARE(m.rowOf(42), row);
        m.appendThinking(42, u"hmm");
        m.setAttempt(42, 2, 5, true);
        QCOMPARE(m.index(row).data(MessageListModel::AttemptRole).toInt(), 2);
        QCOMPARE(m.index(row).data(MessageListModel::RetryPendingRole).toBool(), true);
        QVERIFY(m.isStreaming());
        QVERIFY2(!m.setMessages({}), "no reset while an answer streams");
        QCOMPARE(m.rowCount(), 2);
        m.setUsage(42, 10, 3);
        m.setStats(42, 25.5, 180);
        m.setState(42, MessageState::Complete);
        QCOMPARE(m.index(row).data(MessageListModel::TextRole).toString(), u"Hello"_s);
        auto *blocks = qobject_cast<MessageBlocksModel *>(m.index(row).data(MessageListModel::BlocksRole).value<QObject *>());
        QVERIFY2(blocks, "assistant rows carry their markdown blocks");
        QCOMPARE(blocks->text(), u"Hello"_s);
        QVERIFY2(blocks->isFinished(), "a finished answer closes its blocks");
        QVERIFY(!m.index(0).data(MessageListModel::BlocksRole).value<QObject *>());
        QCOMPARE(m.index(row).data(MessageListModel::ThinkingRole).toString(), u"hmm"_s);
        QCOMPARE(m.index(row).data(MessageListModel::TokensPerSecondRole).toDouble(), 25.5);
        QCOMPARE(m.index(row).data(MessageListModel::TimeToFirstTokenMsRole).toInt(), 180);
        QCOMPARE(m.index(row).data(MessageListModel::AttemptRole).toInt(), 0);
        QCOMPARE(reset.count(), 0);
        QVERIFY(!m.isStreaming());
    }

    void coalescedDeltasGiveOneChangePerFlush()
    {
        MessageListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMessages({msg(1, ChatMessage::Role::User, u"hi"_s)});
        const int row = m.append(msg(7, ChatMessage::Role::Assistant, {}, MessageState::Streaming));
        ChunkCoalescer coalescer({ChunkCoalescer::Strategy::Time, 16, 1 << 16});
        QObject::connect(&coalescer, &ChunkCoalescer::flushed, &m,
                         [&m](const QString &t) { m.appendText(7, t); });
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy flushed(&coalescer, &ChunkCoalescer::flushed);
        // 500 deltas arriving within one frame (no event loop turn between them).
        QString expected;
        for (int i = 0; i < 500; ++i) {
            const QString d = u"tok%1 "_s.arg(i);
            expected += d;
            coalescer.append(d);
        }
        QCOMPARE(changed.count(), 0); // held until the frame's flush
        QVERIFY(flushed.wait(5000));
        QCOMPARE(changed.count(), 1); // one frame, one dataChanged for the row
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), row);
        coalescer.flush();
        QCOMPARE(m.index(row).data(MessageListModel::TextRole).toString(), expected);
        QCOMPARE(changed.count(), flushed.count());
        QCOMPARE(reset.count(), 0);
    }

    void truncateAndRemove()
    {
        MessageListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setMessages({msg(1, ChatMessage::Role::User, u"a"_s), msg(2, ChatMessage::Role::Assistant, u"b"_s),
                       msg(3, ChatMessage::Role::User, u"c"_s), msg(4, ChatMessage::Role::Assistant, u"d"_s)});
        m.truncateFrom(2);
        QCOMPARE(m.rowCount(), 2);
        m.removeMessage(1);
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.message(0).id, 2);
        m.truncateFrom(5); // out of range: nothing happens
        QCOMPARE(m.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"
