// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "models/conversationlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
ConversationSummary conv(qint64 id, const QString &title, int minutesAgo)
{
    ConversationSummary s;
    s.conversation.id = id;
    s.conversation.title = title;
    s.conversation.updatedAt = QDateTime(QDate(2026, 1, 1), QTime(12, 0), QTimeZone::UTC).addSecs(-60 * minutesAgo);
    s.messageCount = 2;
    return s;
}

QStringList titles(const ConversationListModel &m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out << m.index(r).data(ConversationListModel::TitleRole).toString();
    return out;
}
} // namespace

class TestConversationListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sortsByLastActivity()
    {
        ConversationListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setConversations({conv(1, u"old"_s, 30), conv(2, u"newest"_s, 1), conv(3, u"middle"_s, 10)});
        QCOMPARE(titles(m), (QStringList{u"newest"_s, u"middle"_s, u"old"_s}));
        QCOMPARE(m.idAt(0), 2);
        QCOMPARE(m.rowOf(1), 2);
    }

    void rolesHaveNames()
    {
        ConversationListModel m;
        const auto names = m.roleNames();
        for (const char *n : {"conversationId", "title", "updatedAt", "provider", "model", "messageCount",
                              "continuableCount", "snippet"})
            QVERIFY2(names.values().contains(QByteArray(n)), n);
        ConversationSummary untitled = conv(7, QString(), 0);
        untitled.continuableCount = 1;
        m.setConversations({untitled}, {{7, u"…match…"_s}});
        QCOMPARE(m.index(0).data(ConversationListModel::TitleRole).toString(), u"New chat"_s);
        QCOMPARE(m.index(0).data(ConversationListModel::SnippetRole).toString(), u"…match…"_s);
        QCOMPARE(m.index(0).data(ConversationListModel::ContinuableCountRole).toInt(), 1);
    }

    void upsertMovesToTopWithoutReset()
    {
        ConversationListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setConversations({conv(1, u"a"_s, 30), conv(2, u"b"_s, 20), conv(3, u"c"_s, 10)});
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
        m.upsert(conv(1, u"a renamed"_s, 0)); // new activity: moves to the top
        QCOMPARE(titles(m), (QStringList{u"a renamed"_s, u"c"_s, u"b"_s}));
        QCOMPARE(moved.count(), 1);
        m.upsert(conv(4, u"d"_s, 15)); // a new one lands in its place
        QCOMPARE(titles(m), (QStringList{u"a renamed"_s, u"c"_s, u"d"_s, u"b"_s}));
        m.upsert(conv(1, u"a again"_s, 40)); // older: moves down to the end
        QCOMPARE(titles(m), (QStringList{u"c"_s, u"d"_s, u"b"_s, u"a again"_s}));
        QCOMPARE(reset.count(), 0);
    }

    void takeAndUndo()
    {
        ConversationListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setConversations({conv(1, u"a"_s, 30), conv(2, u"b"_s, 20)});
        QSignalSpy count(&m, &ConversationListModel::countChanged);
        const auto taken = m.take(2);
        QVERIFY(taken);
        QCOMPARE(taken->conversation.title, u"b"_s);
        QCOMPARE(m.rowCount(), 1);
        QVERIFY(!m.take(2));
        m.upsert(*taken);
        QCOMPARE(titles(m), (QStringList{u"b"_s, u"a"_s}));
        QCOMPARE(count.count(), 2);
    }
};

QTEST_GUILESS_MAIN(TestConversationListModel)
#include "tst_conversationlistmodel.moc"
