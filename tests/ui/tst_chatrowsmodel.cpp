// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "models/chatrowsmodel.h"
#include "models/messagelistmodel.h"
#include "storedmessagefixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kAnswer = u"# Plan\n\nSome prose that streams.\n\n```cpp\nint x = 1;\n```\n\n- a\n- b\n\nThe end."_s;

/// Every row as "messageId part blockIndex kind language: renderText".
QStringList dump(const QAbstractItemModel &m)
{
    QStringList rows;
    for (int row = 0; row < m.rowCount(); ++row) {
        const QModelIndex i = m.index(row, 0);
        rows.append(u"%1 %2 %3 %4 %5: %6"_s.arg(i.data(MessageListModel::MessageIdRole).toString(),
                                                i.data(ChatRowsModel::PartRole).toString(),
                                                i.data(ChatRowsModel::BlockIndexRole).toString(),
                                                i.data(ChatRowsModel::KindRole).toString(),
                                                i.data(ChatRowsModel::LanguageRole).toString(),
                                                i.data(ChatRowsModel::RenderTextRole).toString()));
    }
    return rows;
}

/// The rows a model built afresh over the same messages has.
QStringList fresh(MessageListModel &source)
{
    ChatRowsModel rebuilt;
    rebuilt.setSource(&source);
    return dump(rebuilt);
}

/// What a view knows of a model: the values of `roles` per row, refreshed
/// only when the model says they changed (as a QML delegate's properties).
class Mirror
{
public:
    Mirror(QAbstractItemModel *model, QList<int> roles)
        : m_model(model)
        , m_roles(std::move(roles))
    {
        for (int row = 0; row < model->rowCount(); ++row)
            m_rows.append(read(row, m_roles));
        QObject::connect(model, &QAbstractItemModel::rowsInserted, model, [this](const QModelIndex &, int first, int last) {
            for (int row = first; row <= last; ++row)
                m_rows.insert(row, read(row, m_roles));
        });
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, model, [this](const QModelIndex &, int first, int last) {
            m_rows.remove(first, last - first + 1);
        });
        QObject::connect(model, &QAbstractItemModel::dataChanged, model,
                         [this](const QModelIndex &tl, const QModelIndex &br, const QList<int> &changed) {
                             const QList<int> asked = changed.isEmpty() ? m_roles : changed;
                             for (int row = tl.row(); row <= br.row(); ++row) {
                                 const QMap<int, QVariant> now = read(row, asked);
                                 for (auto it = now.begin(); it != now.end(); ++it) {
                                     if (m_roles.contains(it.key()))
                                         m_rows[row][it.key()] = it.value();
                                 }
                             }
                         });
    }
    /// The rows as the view shows them, against the model's current data.
    QList<QMap<int, QVariant>> seen() const { return m_rows; }
    QList<QMap<int, QVariant>> actual() const
    {
        QList<QMap<int, QVariant>> rows;
        for (int row = 0; row < m_model->rowCount(); ++row)
            rows.append(read(row, m_roles));
        return rows;
    }

private:
    QMap<int, QVariant> read(int row, const QList<int> &roles) const
    {
        QMap<int, QVariant> values;
        for (int role : roles)
            values.insert(role, m_model->index(row, 0).data(role));
        return values;
    }

    QAbstractItemModel *m_model;
    QList<int> m_roles;
    QList<QMap<int, QVariant>> m_rows;
};

} // namespace

class TstChatRowsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void layoutOfAConversation()
    {
        MessageListModel source;
        source.setMessages({msg(1, ChatMessage::Role::User, u"Hello *there*"_s),
                            msg(2, ChatMessage::Role::Assistant, kAnswer)});
        ChatRowsModel rows;
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rows.setSource(&source);
        QCOMPARE(dump(rows), QStringList({
            u"1 message -1  : "_s,
            u"2 head -1  : "_s,
            u"2 block 0 heading : # Plan"_s,
            u"2 block 1 paragraph : Some prose that streams."_s,
            u"2 block 2 code cpp: int x = 1;"_s,
            u"2 block 3 list : - a\n- b"_s,
            u"2 block 4 paragraph : The end."_s,
            u"2 end -1  : "_s,
        }));
        // Message roles reach every row; the user's text is in its message row.
        QCOMPARE(rows.index(0).data(MessageListModel::TextRole).toString(), u"Hello *there*"_s);
        QCOMPARE(rows.index(4).data(MessageListModel::RoleRole).toString(), u"assistant"_s);
        QCOMPARE(rows.index(7).data(MessageListModel::StateRole).toString(), u"complete"_s);
        QVERIFY(rows.index(6).data(ChatRowsModel::ClosedRole).toBool());
        QCOMPARE(rows.messageRow(5), 1);
        QCOMPARE(rows.messageRow(0), 0);
        QCOMPARE(rows.firstRowOf(1), 1);
        QCOMPARE(rows.messageRow(99), -1);
        QCOMPARE(rows.messageText(7), kAnswer);
        QCOMPARE(rows.messageText(0), u"Hello *there*"_s);
        QCOMPARE(rows.messageText(-1), QString());
        for (const char *name : {"part", "blockIndex", "kind", "renderText", "language", "closed", "messageId",
                                 "role", "state", "thinking", "toolCalls"})
            QVERIFY2(rows.roleNames().values().contains(QByteArray(name)), name);
    }

    // An answer streamed a few characters at a time: rows are only ever
    // inserted or changed, never reset, removed or moved; changes touch the
    // open block and the message's head and end rows, nothing else; and at
    // every step the rows are those of a model built afresh.
    void streamingTouchesOnlyTheOpenBlock()
    {
        MessageListModel source;
        source.setMessages({msg(1, ChatMessage::Role::User, u"Question"_s),
                            msg(2, ChatMessage::Role::Assistant, u"Earlier answer.\n\nTwo blocks."_s)});
        ChatRowsModel rows;
        rows.setSource(&source);
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        source.append(msg(3, ChatMessage::Role::User, u"Again"_s));
        source.append(msg(4, ChatMessage::Role::Assistant, {}, MessageState::Streaming));
        const int before = rows.rowCount();
        QCOMPARE(dump(rows), fresh(source));

        QSignalSpy reset(&rows, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&rows, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&rows, &QAbstractItemModel::rowsMoved);
        QSignalSpy changed(&rows, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&rows, &QAbstractItemModel::rowsInserted);
        for (qsizetype i = 0; i < kAnswer.size(); i += 3) {
            changed.clear();
            const int head = rows.firstRowOf(3);
            source.appendText(4, QStringView(kAnswer).mid(i, 3));
            const int end = rows.rowCount() - 1;
            for (const QList<QVariant> &c : std::as_const(changed)) {
                const int top = c.at(0).value<QModelIndex>().row();
                const int bottom = c.at(1).value<QModelIndex>().row();
                QCOMPARE(top, bottom);
                // head, end, or the block before the end (the open one);
                // a new block can close the one before it.
                QVERIFY2(top == head || top == end || top >= end - 2, qPrintable(QString::number(top)));
            }
            QCOMPARE(dump(rows), fresh(source));
        }
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(moved.size(), 0);
        QVERIFY(!inserted.isEmpty());
        const auto *blocks = qobject_cast<const QAbstractItemModel *>(
            source.data(source.index(3), MessageListModel::BlocksRole).value<QObject *>());
        QVERIFY(blocks && blocks->rowCount() >= 4);
        QCOMPARE(rows.rowCount(), before + blocks->rowCount());
        // Rows of earlier messages were never touched.
        QCOMPARE(rows.index(0).data(ChatRowsModel::PartRole).toString(), u"message"_s);
        QCOMPARE(rows.index(3).data(ChatRowsModel::RenderTextRole).toString(), u"Two blocks."_s);
    }

    // A long code fence streams as segments: the rows a view has seen
    // through the model's signals (with their roles) are right at every
    // step, and Copy on any segment takes the whole fence.
    void longFenceStreamsAsSegments()
    {
        QString code;
        for (int i = 0; i < Markdown::BlockSplitter::CodeSegmentLines * 2 + 15; ++i) // three segments
            code += (i ? u"\n"_s : QString()) + u"  call(%1); /* note */"_s.arg(i);
        const QString answer = u"Here:\n\n```cpp\n"_s + code + u"\n```\n\nDone."_s;
        MessageListModel source;
        source.setMessages({msg(1, ChatMessage::Role::User, u"Q"_s)});
        ChatRowsModel rows;
        rows.setSource(&source);
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Mirror view(&rows, {ChatRowsModel::PartRole, ChatRowsModel::KindRole, ChatRowsModel::RenderTextRole,
                            ChatRowsModel::LanguageRole, ChatRowsModel::ClosedRole, ChatRowsModel::SegmentRole,
                            ChatRowsModel::ContinuesRole, ChatRowsModel::CodeBeforeRole});
        source.append(msg(2, ChatMessage::Role::Assistant, {}, MessageState::Streaming));
        for (qsizetype i = 0; i < answer.size(); i += 5) {
            source.appendText(2, QStringView(answer).mid(i, 5));
            QVERIFY2(view.seen() == view.actual(), qPrintable(u"after %1 characters"_s.arg(i + 5)));
        }
        source.setState(2, MessageState::Complete);
        QCOMPARE(view.seen(), view.actual());
        QCOMPARE(dump(rows), fresh(source));

        // Rows: message, head, "Here:", 3 segments, "Done.", end.
        QCOMPARE(rows.rowCount(), 8);
        QStringList segments;
        for (int row = 3; row <= 5; ++row) {
            const QModelIndex i = rows.index(row);
            QCOMPARE(i.data(ChatRowsModel::KindRole).toString(), u"code"_s);
            QCOMPARE(i.data(ChatRowsModel::SegmentRole).toInt(), row - 3);
            QCOMPARE(i.data(ChatRowsModel::ContinuesRole).toBool(), row < 5);
            QCOMPARE(i.data(ChatRowsModel::CodeBeforeRole).toString(),
                     segments.isEmpty() ? QString() : segments.join(u'\n') + u'\n');
            segments.append(i.data(ChatRowsModel::RenderTextRole).toString());
            QCOMPARE(rows.codeText(row), code);
        }
        QCOMPARE(segments.join(u'\n'), code);
        QCOMPARE(rows.index(6).data(ChatRowsModel::SegmentRole).toInt(), 0);
        QCOMPARE(rows.codeText(2), QString()); // prose
        QCOMPARE(rows.codeText(7), QString()); // end row
        QCOMPARE(rows.codeText(99), QString());
    }

    // Usage, state, thinking...: a change of the message itself updates its
    // head and end rows and leaves the blocks alone.
    void messageChangesReachHeadAndEndOnly()
    {
        MessageListModel source;
        source.setMessages({msg(1, ChatMessage::Role::User, u"Q"_s), msg(2, ChatMessage::Role::Assistant, kAnswer)});
        ChatRowsModel rows;
        rows.setSource(&source);
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&rows, &QAbstractItemModel::dataChanged);
        source.setUsage(2, 10, 20);
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(changed.at(1).at(0).value<QModelIndex>().row(), 7);
        QCOMPARE(rows.index(7).data(MessageListModel::OutputTokensRole).toInt(), 20);
        changed.clear();
        source.appendText(1, u"!"_s); // a user message: its single row
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(rows.index(0).data(MessageListModel::TextRole).toString(), u"Q!"_s);
    }

    // Deleting, truncating (regenerate, edit-and-resend), stitching and
    // reloading keep the rows in step with the messages.
    void structuralChangesStayInStep()
    {
        MessageListModel source;
        ChatRowsModel rows;
        QAbstractItemModelTester tester(&rows, QAbstractItemModelTester::FailureReportingMode::QtTest);
        rows.setSource(&source);
        source.setMessages({msg(1, ChatMessage::Role::User, u"Q1"_s), msg(2, ChatMessage::Role::Assistant, kAnswer),
                            msg(3, ChatMessage::Role::User, u"Q2"_s),
                            msg(4, ChatMessage::Role::Assistant, u"Short."_s)});
        QCOMPARE(rows.rowCount(), 1 + 7 + 1 + 3);
        QCOMPARE(dump(rows), fresh(source));

        QSignalSpy reset(&rows, &QAbstractItemModel::modelReset);
        source.removeMessage(2); // a middle answer
        QCOMPARE(dump(rows), fresh(source));
        QCOMPARE(rows.rowCount(), 1 + 1 + 3);

        source.append(msg(5, ChatMessage::Role::Assistant, u"Streaming"_s, MessageState::Streaming));
        source.setText(5, u"Stitched text.\n\nWith a second block"_s); // a resumed stream, stitched
        QCOMPARE(dump(rows), fresh(source));
        source.setState(5, MessageState::Interrupted);
        source.setState(5, MessageState::Streaming); // Continue re-opens the last block
        source.appendText(5, u" continued."_s);
        QCOMPARE(dump(rows), fresh(source));
        QVERIFY(dump(rows).contains(u"5 block 1 paragraph : With a second block continued."_s));

        source.truncateFrom(1); // edit-and-resend of the first message
        QCOMPARE(dump(rows), QStringList({u"1 message -1  : "_s}));
        QCOMPARE(reset.size(), 0);

        source.setMessages({msg(7, ChatMessage::Role::Assistant, u"Loaded."_s)});
        QCOMPARE(reset.size(), 1);
        QCOMPARE(dump(rows), fresh(source));
        rows.setSource(nullptr);
        QCOMPARE(rows.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TstChatRowsModel)
#include "tst_chatrowsmodel.moc"
