// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// confab-cli list / show / export against real database files.
#include "storage/store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(CONFAB_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = u"timed out"_s;
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestStoreCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_path = m_dir.filePath(u"cli.sqlite"_s);
        Store s;
        QVERIFY(s.open(m_path));
        StoredConversation c;
        c.title = u"Paris trip"_s;
        m_conversation = s.createConversation(c);
        StoredMessage u;
        u.conversationId = m_conversation;
        u.role = ChatMessage::Role::User;
        u.content = u"Plan a day in Paris"_s;
        QVERIFY(s.appendMessage(u));
        StoredMessage a;
        a.conversationId = m_conversation;
        a.role = ChatMessage::Role::Assistant;
        a.content = u"Start at the Louvre, then"_s;
        a.state = MessageState::Streaming; // cut off: becomes interrupted when next opened
        a.providerId = u"openai"_s;
        a.model = u"gpt-test"_s;
        m_answer = s.appendMessage(a);
        QVERIFY(m_answer > 0);
        s.createConversation({}); // an empty, untitled one
    }

    void listShowsCountsAndUnfinishedAnswers()
    {
        const Run r = cli({u"list"_s, u"--db"_s, m_path});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"Paris trip"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"can continue: message %1 (interrupted)"_s.arg(m_answer)), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"(untitled)"_s), qPrintable(r.out));
    }

    void showJsonHasStates()
    {
        const Run r = cli({u"show"_s, QString::number(m_conversation), u"--db"_s, m_path, u"--json"_s});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError pe;
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8(), &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(o.value("title"_L1).toString(), u"Paris trip"_s);
        const QJsonArray msgs = o.value("messages"_L1).toArray();
        QCOMPARE(msgs.size(), 2);
        QCOMPARE(msgs[0].toObject().value("state"_L1).toString(), u"complete"_s);
        QCOMPARE(msgs[1].toObject().value("state"_L1).toString(), u"interrupted"_s);
        QCOMPARE(msgs[1].toObject().value("content"_L1).toString(), u"Start at the Louvre, then"_s);
        QCOMPARE(msgs[1].toObject().value("model"_L1).toString(), u"gpt-test"_s);

        const Run text = cli({u"show"_s, QString::number(m_conversation), u"--db"_s, m_path});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(u"message %1 · assistant · interrupted"_s.arg(m_answer)), qPrintable(text.out));
    }

    void exportMarkdownAndJson()
    {
        const Run md = cli({u"export"_s, QString::number(m_conversation), u"--format"_s, u"md"_s, u"--db"_s, m_path});
        QCOMPARE(md.exitCode, 0);
        QVERIFY(md.out.startsWith(u"# Paris trip\n"_s));
        QVERIFY(md.out.contains(u"## User\n\nPlan a day in Paris"_s));
        QVERIFY(md.out.contains(u"## Assistant\n\nStart at the Louvre, then"_s));
        QVERIFY(md.out.contains(u"*(answer interrupted)*"_s));
        const Run json = cli({u"export"_s, QString::number(m_conversation), u"--format"_s, u"json"_s, u"--db"_s, m_path});
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8()).object().value("messages"_L1).toArray().size(), 2);
    }

    void badInputGivesClearErrors()
    {
        Run r = cli({u"export"_s, QString::number(m_conversation), u"--format"_s, u"xml"_s, u"--db"_s, m_path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"unknown format 'xml'"_s), qPrintable(r.err));
        r = cli({u"show"_s, u"abc"_s, u"--db"_s, m_path});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"'abc' is not a valid conversation id"_s), qPrintable(r.err));
        r = cli({u"show"_s, u"9999"_s, u"--db"_s, m_path});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"there is no conversation 9999"_s), qPrintable(r.err));

        const QString junk = m_dir.filePath(u"junk.sqlite"_s);
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a database at all, just some text that is long enough");
        f.close();
        r = cli({u"list"_s, u"--db"_s, junk});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(junk) && r.err.contains(u"not a SQLite database"_s), qPrintable(r.err));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("this is not a database at all, just some text that is long enough"));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_conversation = 0;
    qint64 m_answer = 0;
};

QTEST_GUILESS_MAIN(TestStoreCli)
#include "tst_storecli.moc"
