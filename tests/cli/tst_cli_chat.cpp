// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// confab-cli chat as a process, against confab-faultserver as a process.

#include "cliprocesses.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {
const QString Canonical = u"Grüße 🎉 from the fault server: 漢字, CRLF-free text."_s;
const QString FakeKey = u"sk-clitest-ABCDEFGHIJKLMNOPQRSTUV0123456789"_s;

using CliTest::CliResult;
using CliTest::FaultServerProcess;

QProcessEnvironment cliEnv()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"CONFAB_TEST_KEY"_s, FakeKey);
    env.insert(u"OPENAI_API_KEY"_s, FakeKey);
    env.insert(u"ANTHROPIC_API_KEY"_s, FakeKey);
    return env;
}

CliResult runCli(const QStringList &args)
{
    return CliTest::runCli(QStringList{u"chat"_s} + args, cliEnv());
}

QByteArray scriptJson(const QJsonObject &every = {})
{
    return QJsonDocument(QJsonObject{{u"answer"_s, QJsonObject{{u"text"_s, Canonical}}}, {u"every"_s, every}}).toJson();
}
} // namespace

class tst_CliChat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void streamsCanonicalText_data();
    void streamsCanonicalText();
    void jsonOutput();
    void failureExitsOneWithRedactedError();
    void usageErrors_data();
    void usageErrors();
    void sigintCancelsWithPartial();

private:
    QTemporaryDir m_dir;
};

void tst_CliChat::streamsCanonicalText_data()
{
    QTest::addColumn<QString>("provider");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authLine");
    QTest::newRow("openai") << u"openai"_s << u"/v1"_s << QByteArray("\"authorization\":\"Bearer ");
    QTest::newRow("anthropic") << u"anthropic"_s << QString() << QByteArray("\"x-api-key\":\"");
    QTest::newRow("ollama") << u"ollama"_s << QString() << QByteArray();
}

void tst_CliChat::streamsCanonicalText()
{
    QFETCH(QString, provider);
    QFETCH(QString, path);
    QFETCH(QByteArray, authLine);
    FaultServerProcess server;
    QVERIFY(server.start(m_dir.path(), scriptJson()));
    const CliResult r = runCli({u"--provider"_s, provider, u"--base-url"_s, server.url(path), u"--model"_s, u"m"_s,
                                u"--api-key-env"_s, u"CONFAB_TEST_KEY"_s, u"Say hello"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QString::fromUtf8(r.out), Canonical + u'\n');
    QVERIFY(r.err.isEmpty());
    QVERIFY(!r.out.contains(FakeKey.toUtf8()));
    QTRY_VERIFY_WITH_TIMEOUT(server.events.contains("\"event\":\"ended\""), 5000);
    if (!authLine.isEmpty()) // the key reached the server, and only the server
        QVERIFY(server.events.contains(QByteArray(authLine + FakeKey.toUtf8())));
}

void tst_CliChat::jsonOutput()
{
    FaultServerProcess server;
    QVERIFY(server.start(m_dir.path(), scriptJson()));
    const CliResult r = runCli({u"--provider"_s, u"openai"_s, u"--base-url"_s, server.url(u"/v1"_s), u"--model"_s, u"m"_s,
                                u"--json"_s, u"--max-tokens"_s, u"100"_s, u"--system"_s, u"Be brief"_s, u"hi"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(r.out.endsWith('\n'));
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &pe).object();
    QVERIFY2(pe.error == QJsonParseError::NoError, r.out.constData());
    QCOMPARE(o.value("text"_L1).toString(), Canonical);
    QCOMPARE(o.value("complete"_L1).toBool(), true);
    QCOMPARE(o.value("finish_reason"_L1).toString(), u"stop"_s);
    QTRY_VERIFY_WITH_TIMEOUT(server.events.contains("Be brief"), 5000); // the system prompt was sent
}

void tst_CliChat::failureExitsOneWithRedactedError()
{
    FaultServerProcess server;
    const QJsonObject every{{u"status"_s, 401},
                            {u"body"_s, QJsonObject{{u"error"_s, QJsonObject{{u"message"_s, QString(u"Incorrect API key provided: "_s + FakeKey)},
                                                                             {u"type"_s, u"invalid_request_error"_s},
                                                                             {u"code"_s, u"invalid_api_key"_s}}}}}};
    QVERIFY(server.start(m_dir.path(), scriptJson(every)));
    const CliResult r = runCli({u"--provider"_s, u"openai"_s, u"--base-url"_s, server.url(u"/v1"_s), u"--model"_s, u"m"_s, u"hi"_s});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1); // one line
    QVERIFY2(r.err.contains("401"), r.err.constData());
    QVERIFY2(!r.err.contains(FakeKey.toUtf8()), r.err.constData());
    QVERIFY(r.err.contains("[redacted]"));
}

void tst_CliChat::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("mentions");
    QTest::newRow("no provider") << QStringList{u"--model"_s, u"m"_s, u"hi"_s} << QByteArray("--provider");
    QTest::newRow("bad provider") << QStringList{u"--provider"_s, u"gemini"_s, u"--model"_s, u"m"_s, u"hi"_s} << QByteArray("gemini");
    QTest::newRow("no model") << QStringList{u"--provider"_s, u"ollama"_s, u"hi"_s} << QByteArray("--model");
    QTest::newRow("no prompt") << QStringList{u"--provider"_s, u"ollama"_s, u"--model"_s, u"m"_s} << QByteArray("PROMPT");
    QTest::newRow("bad max tokens") << QStringList{u"--provider"_s, u"ollama"_s, u"--model"_s, u"m"_s, u"--max-tokens"_s, u"-3"_s, u"hi"_s}
                                    << QByteArray("--max-tokens");
    QTest::newRow("remote http") << QStringList{u"--provider"_s, u"openai"_s, u"--base-url"_s, u"http://example.com/v1"_s,
                                                u"--model"_s, u"m"_s, u"hi"_s} << QByteArray("http://");
    QTest::newRow("unknown flag") << QStringList{u"--provider"_s, u"ollama"_s, u"--frobnicate"_s, u"hi"_s} << QByteArray("frobnicate");
    QTest::newRow("missing key variable") << QStringList{u"--provider"_s, u"openai"_s, u"--model"_s, u"m"_s,
                                                         u"--api-key-env"_s, u"CONFAB_NO_SUCH_VARIABLE"_s, u"hi"_s}
                                          << QByteArray("CONFAB_NO_SUCH_VARIABLE");
}

void tst_CliChat::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, mentions);
    const CliResult r = runCli(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void tst_CliChat::sigintCancelsWithPartial()
{
    FaultServerProcess server;
    QVERIFY(server.start(m_dir.path(), scriptJson(QJsonObject{{u"dripBytes"_s, 60}, {u"dripIntervalMs"_s, 100}})));
    QProcess p;
    p.setProcessEnvironment(cliEnv());
    p.start(QStringLiteral(CONFAB_CLI_PATH), {u"chat"_s, u"--provider"_s, u"openai"_s, u"--base-url"_s, server.url(u"/v1"_s),
                                             u"--model"_s, u"m"_s, u"hi"_s});
    QVERIFY(p.waitForStarted(5000));
    QByteArray out;
    QTRY_VERIFY_WITH_TIMEOUT((out += p.readAllStandardOutput()).size() >= 4, 15000);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(10000));
    out += p.readAllStandardOutput();
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY(out.endsWith('\n'));
    const QString partial = QString::fromUtf8(out.chopped(1));
    QVERIFY(!partial.isEmpty());
    QVERIFY2(Canonical.startsWith(partial), out.constData());
    QVERIFY(partial.size() < Canonical.size());
    QTRY_VERIFY_WITH_TIMEOUT(server.events.contains("\"event\":\"disconnected\""), 5000);
}

QTEST_GUILESS_MAIN(tst_CliChat)
#include "tst_cli_chat.moc"
