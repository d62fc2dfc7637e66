// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Runs the built confab-cli (CONFAB_CLI_PATH) on transcript files.
#include "protocoltesthelpers.h"

#include <QDir>
#include <QProcess>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace {
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(CONFAB_CLI_PATH), args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString data(const char *name)
{
    return QStringLiteral(CONFAB_PROTOCOL_DATA_DIR "/") + QLatin1StringView(name);
}
} // namespace

class TestCliDecode : public QObject
{
    Q_OBJECT
private slots:
    void sse();
    void openaiExact();
    void anthropicToolsExact();
    void ollamaExact();
    void fragmentIdentity_data();
    void fragmentIdentity();
    void badInput_data();
    void badInput();
    void providerErrorInStream();
};

void TestCliDecode::sse()
{
    const Run r = cli({u"decode"_s, u"--protocol"_s, u"sse"_s, data("sse_basic.sse")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, "{\"retry\":3000}\n"
                    "{\"event\":\"add\",\"data\":\"{\\\"x\\\":1}\",\"id\":\"1\"}\n"
                    "{\"event\":\"message\",\"data\":\"multi\\nline\",\"id\":\"1\"}\n"
                    "{\"event\":\"message\",\"data\":\"tab\\there \\\"q\\\" \xC3\xA9\",\"id\":\"2\"}\n"_ba);
    QVERIFY(r.err.isEmpty());
}

void TestCliDecode::openaiExact()
{
    const Run r = cli({u"decode"_s, u"--protocol"_s, u"openai"_s, data("openai_tools.sse")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, R"({"text":"","thinking":"","tool_calls":[{"id":"call_JMW1","name":"GetWeatherArgs","arguments":"{\"city\": \"Edinburgh\", \"country\": \"GB\"}"},{"id":"call_DNYT","name":"get_stock_price","arguments":"{\"ticker\": \"AAPL\"}"}],"finish_reason":"tool_calls","raw_finish_reason":"tool_calls","usage":{"input_tokens":149,"output_tokens":60},"complete":true})"
                    "\n"_ba);
    const Run t = cli({u"decode"_s, u"--protocol"_s, u"openai"_s, data("openai_truncated.sse")});
    QCOMPARE(t.exitCode, 0);
    QCOMPARE(t.out, R"({"text":"Cut off","thinking":"","tool_calls":[],"finish_reason":null,"raw_finish_reason":null,"usage":null,"complete":false})"
                    "\n"_ba);
}

void TestCliDecode::anthropicToolsExact()
{
    const Run r = cli({u"decode"_s, u"--protocol=anthropic"_s, data("anthropic_thinking.sse")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, u"{\"text\":\"The GCD is 21.\",\"thinking\":\"1071 = 2 × 462 + 147\\nso GCD is 21\",\"tool_calls\":[],"
                    "\"finish_reason\":\"length\",\"raw_finish_reason\":\"max_tokens\",\"usage\":{\"input_tokens\":12,\"output_tokens\":300},"
                    "\"complete\":true}\n"_s.toUtf8());
}

void TestCliDecode::ollamaExact()
{
    const Run r = cli({u"decode"_s, data("ollama_text.ndjson"), u"--protocol"_s, u"ollama"_s}); // FILE before the flag
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, u"{\"text\":\"The sky is blü 🌍\",\"thinking\":\"\",\"tool_calls\":[],\"finish_reason\":\"stop\","
                    "\"raw_finish_reason\":\"stop\",\"usage\":{\"input_tokens\":169,\"output_tokens\":15},\"complete\":true}\n"_s.toUtf8());
}

void TestCliDecode::fragmentIdentity_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(CONFAB_PROTOCOL_DATA_DIR));
    for (const QString &f : dir.entryList(QDir::Files, QDir::Name)) {
        const QString proto = f.startsWith(u"sse_"_s) ? u"sse"_s : f.section(u'_', 0, 0);
        QTest::newRow(qPrintable(f)) << proto << dir.filePath(f);
    }
}

void TestCliDecode::fragmentIdentity()
{
    QFETCH(QString, protocol);
    QFETCH(QString, file);
    const Run whole = cli({u"decode"_s, u"--protocol"_s, protocol, file});
    QVERIFY(whole.exitCode == 0 || whole.exitCode == 1);
    for (const char *seed : {"1", "7", "42", "1234567"}) {
        const Run frag = cli({u"decode"_s, u"--protocol"_s, protocol, file, u"--fragment"_s, QLatin1StringView(seed)});
        QCOMPARE(frag.exitCode, whole.exitCode);
        QCOMPARE(frag.out, whole.out);
        QCOMPARE(frag.err, whole.err);
    }
}

void TestCliDecode::badInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errorContains");
    QTest::newRow("missing-file") << QStringList{u"decode"_s, u"--protocol"_s, u"sse"_s, u"/nonexistent/x.sse"_s} << 2
                                  << u"cannot read '/nonexistent/x.sse'"_s;
    QTest::newRow("unknown-protocol") << QStringList{u"decode"_s, u"--protocol"_s, u"grpc"_s, data("sse_basic.sse")} << 2
                                      << u"unknown protocol 'grpc'"_s;
    QTest::newRow("bad-flag") << QStringList{u"decode"_s, u"--frobnicate"_s, data("sse_basic.sse")} << 2
                              << u"unknown option '--frobnicate'"_s;
    QTest::newRow("bad-seed") << QStringList{u"decode"_s, u"--protocol"_s, u"sse"_s, data("sse_basic.sse"), u"--fragment"_s, u"x"_s}
                              << 2 << u"--fragment needs a non-negative integer seed"_s;
    QTest::newRow("seed-missing") << QStringList{u"decode"_s, u"--protocol"_s, u"sse"_s, data("sse_basic.sse"), u"--fragment"_s}
                                  << 2 << u"--fragment needs a value"_s;
    QTest::newRow("no-protocol") << QStringList{u"decode"_s, data("sse_basic.sse")} << 2 << u"--protocol is required"_s;
    QTest::newRow("no-file") << QStringList{u"decode"_s, u"--protocol"_s, u"sse"_s} << 2 << u"missing FILE"_s;
    QTest::newRow("malformed-openai") << QStringList{u"decode"_s, u"--protocol"_s, u"openai"_s, data("openai_malformed.sse")}
                                      << 1 << u"invalid JSON in event 2"_s;
    QTest::newRow("malformed-ollama") << QStringList{u"decode"_s, u"--protocol"_s, u"ollama"_s, data("ollama_malformed.ndjson")}
                                      << 1 << u"invalid JSON in line 2"_s;
    QTest::newRow("wrong-protocol-for-file") << QStringList{u"decode"_s, u"--protocol"_s, u"ollama"_s, data("openai_text.sse")}
                                             << 1 << u"invalid JSON in line 1"_s;
}

void TestCliDecode::badInput()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, errorContains);
    const Run r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.startsWith(u"confab-cli: "_s), qPrintable(err));
    QVERIFY2(err.contains(errorContains), qPrintable(err));
    QCOMPARE(err.count(u'\n'), 1); // one line
    QVERIFY(r.out.isEmpty());
}

void TestCliDecode::providerErrorInStream()
{
    const Run r = cli({u"decode"_s, u"--protocol"_s, u"anthropic"_s, data("anthropic_error.sse")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("\"finish_reason\":\"error\""));
    QVERIFY(r.out.contains("\"complete\":false"));
    QCOMPARE(r.err, "confab-cli: provider error in stream: overloaded_error: Overloaded\n"_ba);
}

QTEST_GUILESS_MAIN(TestCliDecode)
#include "tst_cli_decode.moc"
