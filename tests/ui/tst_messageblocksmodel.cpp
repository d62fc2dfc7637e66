// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "models/messageblocksmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kAnswer = u"# Plan\n\nFirst we write some text that streams in.\n\n```cpp\nint x = 1;\nint y = 2;\n```\n\n"
                        u"- a list\n- with items\n\n| t | u |\n|---|---|\n| 1 | 2 |\n\nThe end."_s;

QString roleText(const MessageBlocksModel &m, int row, int role)
{
    return m.data(m.index(row), role).toString();
}

} // namespace

class TstMessageBlocksModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rolesAreNamed()
    {
        MessageBlocksModel m;
        const auto names = m.roleNames();
        for (const char *name : {"kind", "text", "language", "closed", "headingLevel", "renderText"})
            QVERIFY2(names.values().contains(QByteArray(name)), name);
    }

    // Streamed token by token: no resets, no removals, only the previously
    // last row ever changes, one dataChanged at most per append.
    void streamingTouchesOnlyTheLastRow()
    {
        MessageBlocksModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
        QSignalSpy moved(&m, &QAbstractItemModel::rowsMoved);
        QSignalSpy layout(&m, &QAbstractItemModel::layoutChanged);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);

        for (qsizetype i = 0; i < kAnswer.size(); i += 3) {
            const int before = m.rowCount();
            changed.clear();
            inserted.clear();
            m.appendText(QStringView(kAnswer).mid(i, 3));
            QVERIFY(changed.size() <= 1);
            QVERIFY(inserted.size() <= 1);
            if (!changed.isEmpty()) {
                const auto top = changed.at(0).at(0).value<QModelIndex>();
                const auto bottom = changed.at(0).at(1).value<QModelIndex>();
                QCOMPARE(top.row(), before - 1);
                QCOMPARE(bottom.row(), before - 1);
            }
            if (!inserted.isEmpty())
                QCOMPARE(inserted.at(0).at(1).toInt(), before);
        }
        m.finish();
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(moved.size(), 0);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(m.text(), kAnswer);

        // Same blocks as loading the message at once.
        MessageBlocksModel loaded;
        loaded.setText(kAnswer, true);
        QCOMPARE(loaded.rowCount(), m.rowCount());
        for (int row = 0; row < m.rowCount(); ++row) {
            for (int role : {int(MessageBlocksModel::KindRole), int(MessageBlocksModel::TextRole),
                             int(MessageBlocksModel::LanguageRole), int(MessageBlocksModel::ClosedRole)})
                QCOMPARE(m.data(m.index(row), role), loaded.data(loaded.index(row), role));
        }
    }

    void blocksHaveTheirData()
    {
        MessageBlocksModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        m.setText(kAnswer, true);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m.rowCount(), 6);
        QCOMPARE(roleText(m, 0, MessageBlocksModel::KindRole), u"heading"_s);
        QCOMPARE(m.data(m.index(0), MessageBlocksModel::HeadingLevelRole).toInt(), 1);
        QCOMPARE(roleText(m, 2, MessageBlocksModel::KindRole), u"code"_s);
        QCOMPARE(roleText(m, 2, MessageBlocksModel::LanguageRole), u"cpp"_s);
        QCOMPARE(roleText(m, 2, MessageBlocksModel::TextRole), u"int x = 1;\nint y = 2;"_s);
        QCOMPARE(roleText(m, 3, MessageBlocksModel::KindRole), u"list"_s);
        QCOMPARE(roleText(m, 4, MessageBlocksModel::KindRole), u"table"_s);
        QVERIFY(m.data(m.index(5), MessageBlocksModel::ClosedRole).toBool());
    }

    // Re-opening a kept answer (Continue) or stitching a resumed one calls
    // setText: the blocks both texts share keep their rows untouched.
    void setTextTouchesOnlyWhatDiffers()
    {
        MessageBlocksModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setText(kAnswer, true);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);

        m.setText(kAnswer, false); // re-opened: only the last block changes (closed -> open)
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 5);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 5);
        QVERIFY(!m.data(m.index(5), MessageBlocksModel::ClosedRole).toBool());

        changed.clear();
        m.setText(kAnswer + u"\n\nMore."_s, false); // a new block after the last one
        QCOMPARE(m.rowCount(), 7);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(roleText(m, 6, MessageBlocksModel::TextRole), u"More."_s);

        m.setText(u"# Plan\n\nShorter."_s, true); // fewer blocks: the first stays
        QCOMPARE(m.rowCount(), 2);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(roleText(m, 1, MessageBlocksModel::TextRole), u"Shorter."_s);
        QCOMPARE(reset.size(), 0);
    }

    void lastBlockOpenUntilFinish()
    {
        MessageBlocksModel m;
        QSignalSpy finished(&m, &MessageBlocksModel::finishedChanged);
        m.appendText(u"Streaming"_s);
        QVERIFY(!m.data(m.index(0), MessageBlocksModel::ClosedRole).toBool());
        QVERIFY(!m.isFinished());
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.finish();
        QVERIFY(m.isFinished());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(changed.size(), 1);
        QVERIFY(m.data(m.index(0), MessageBlocksModel::ClosedRole).toBool());
    }

    void renderTextIsSanitized()
    {
        MessageBlocksModel m;
        m.setText(u"look ![x](http://127.0.0.1:1/x.png) <img src=\"http://127.0.0.1:1/y.png\">\n\n```html\n<img src=a>\n```"_s);
        QCOMPARE(roleText(m, 0, MessageBlocksModel::RenderTextRole),
                 u"look [Image: x](http://127.0.0.1:1/x.png) &lt;img src=\"http://127.0.0.1:1/y.png\">"_s);
        // Code is shown as plain text, so it is left as it is.
        QCOMPARE(roleText(m, 1, MessageBlocksModel::RenderTextRole), u"<img src=a>"_s);
    }
};

QTEST_GUILESS_MAIN(TstMessageBlocksModel)
#include "tst_messageblocksmodel.moc"
