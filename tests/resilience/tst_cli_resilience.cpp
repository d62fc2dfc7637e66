// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// confab-cli chat's resilience flags, stderr retry lines, --json fields and
// exit codes, as processes: confab-cli against confab-faultserver.

#include "cliprocesses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QString Canonical = u"Resilient answers survive drops, stalls and rate limits — every character, in order: 漢字 🦊."_s;

using CliTest::CliResult;
using FaultServer = CliTest::FaultServerProcess;

QJsonObject script(const QJsonObject &every = {}, const QJsonObject &requests = {})
{
    return {{u"answer"_s, QJsonObject{{u"text"_s, Canonical}}}, {u"every"_s, every}, {u"requests"_s, requests}};
}

CliResult runCli(const QStringList &args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"OPENAI_API_KEY"_s, u"sk-resilience-ABCDEFGHIJKLMNOPQRSTUV0123"_s);
    return CliTest::runCli(QStringList{u"chat"_s} + args, env);
}

QStringList baseArgs(const FaultServer &s)
{
    return {u"--provider"_s, u"openai"_s, u"--base-url"_s, s.openAiUrl(), u"--model"_s, u"m"_s,
            u"--retry-base-ms"_s, u"10"_s, u"--retry-max-ms"_s, u"10"_s, u"--seed"_s, u"7"_s};
}

QJsonObject parseJson(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object();
}
} // namespace

class TestCliResilience : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void retriesThenSucceeds()
    {
        FaultServer s;
        QVERIFY(s.start(m_dir.path(), script({}, {{u"1"_s, QJsonObject{{u"status"_s, 503}, {u"body"_s, u"busy"_s}}}})));
        const CliResult r = runCli(baseArgs(s) + QStringList{u"--max-retries"_s, u"2"_s, u"--json"_s, u"hi"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.err, QByteArray("retrying in 0.0 s (attempt 2/3): server error (HTTP 503)\n"));
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o.value("text"_L1).toString(), Canonical);
        QCOMPARE(o.value("attempts"_L1).toInt(), 2);
        QCOMPARE(o.value("resumes"_L1).toInt(), 0);
        QVERIFY(o.value("fallback_used"_L1).isNull());
        QCOMPARE(o.value("partial"_L1).toBool(true), false);
        const QJsonArray errors = o.value("errors"_L1).toArray();
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).toObject(), (QJsonObject{{u"kind"_s, u"server"_s}, {u"status"_s, 503}, {u"action"_s, u"retry"_s}}));
    }

    void dropIsResumed()
    {
        FaultServer s;
        QVERIFY(s.start(m_dir.path(), script({}, {{u"1"_s, QJsonObject{{u"dropAfterEvent"_s, 6}}}})));
        const CliResult r = runCli(baseArgs(s) + QStringList{u"--json"_s, u"hi"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.startsWith("retrying in 0.0 s (attempt 2/4): connection lost"));
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o.value("text"_L1).toString(), Canonical);
        QCOMPARE(o.value("resumes"_L1).toInt(), 1);
        QCOMPARE(o.value("errors"_L1).toArray().at(0).toObject().value("action"_L1).toString(), u"resume"_s);
    }

    void textModeResumesWithoutRepeats()
    {
        FaultServer s;
        QVERIFY(s.start(m_dir.path(), script({{u"continuationOverlap"_s, 12}}, {{u"1"_s, QJsonObject{{u"dropAfterEvent"_s, 9}}}})));
        const CliResult r = runCli(baseArgs(s) + QStringList{u"hi"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(QString::fromUtf8(r.out), Canonical + u'\n');
    }

    void gaveUpPrintsPartialAndExitsOne()
    {
        FaultServer s;
        QVERIFY(s.start(m_dir.path(), script({{u"malformedAtEvent"_s, 8}})));
        CliResult r = runCli(baseArgs(s) + QStringList{u"hi"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.endsWith('\n'));
        const QString partial = QString::fromUtf8(r.out.chopped(1));
        QVERIFY(!partial.isEmpty());
        QVERIFY(Canonical.startsWith(partial) && partial.size() < Canonical.size());
        QVERIFY2(r.err.contains("gave up"), r.err.constData());

        r = runCli(baseArgs(s) + QStringList{u"--json"_s, u"hi"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o.value("partial"_L1).toBool(), true);
        QCOMPARE(o.value("text"_L1).toString(), partial);
        QCOMPARE(o.value("errors"_L1).toArray().at(0).toObject().value("kind"_L1).toString(), u"malformed"_s);
        QCOMPARE(o.value("errors"_L1).toArray().at(0).toObject().value("action"_L1).toString(), u"abort"_s);
    }

    void fallsBack()
    {
        FaultServer bad, good;
        QVERIFY(bad.start(m_dir.path(), script({{u"status"_s, 502}, {u"body"_s, u"bad gateway"_s}})));
        QVERIFY(good.start(m_dir.path(), script()));
        const CliResult r = runCli(baseArgs(bad) + QStringList{u"--max-retries"_s, u"1"_s, u"--fallback"_s,
                                                          u"openai,%1,backup-model"_s.arg(good.openAiUrl()), u"--json"_s, u"hi"_s});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("falling back to openai@127.0.0.1:"), r.err.constData());
        const QJsonObject o = parseJson(r.out);
        QCOMPARE(o.value("text"_L1).toString(), Canonical);
        QCOMPARE(o.value("fallback_used"_L1).toString(), u"openai@127.0.0.1:%1"_s.arg(good.port));
        QCOMPARE(o.value("attempts"_L1).toInt(), 3);
    }

    void retryAfterOverCapIsShownNotWaited()
    {
        FaultServer s;
        QVERIFY(s.start(m_dir.path(), script({{u"status"_s, 429},
                                              {u"headers"_s, QJsonObject{{u"retry-after"_s, u"7200"_s}}},
                                              {u"body"_s, QJsonObject{{u"error"_s, QJsonObject{{u"type"_s, u"requests"_s},
                                                                                            {u"code"_s, u"rate_limit_exceeded"_s},
                                                                                            {u"message"_s, u"slow down"_s}}}}}})));
        const CliResult r = runCli(baseArgs(s) + QStringList{u"hi"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(!r.err.contains("retrying"), r.err.constData());
        QVERIFY2(r.err.contains("2 h 0 min"), r.err.constData());
    }

    void badFlags_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("mentions");
        QTest::newRow("max-retries") << QStringList{u"--max-retries"_s, u"-1"_s} << QByteArray("--max-retries");
        QTest::newRow("base") << QStringList{u"--retry-base-ms"_s, u"soon"_s} << QByteArray("--retry-base-ms");
        QTest::newRow("max<base") << QStringList{u"--retry-base-ms"_s, u"100"_s, u"--retry-max-ms"_s, u"5"_s} << QByteArray("--retry-max-ms");
        QTest::newRow("seed") << QStringList{u"--seed"_s, u"x"_s} << QByteArray("--seed");
        QTest::newRow("fallback shape") << QStringList{u"--fallback"_s, u"openai"_s} << QByteArray("PROVIDER,BASE_URL,MODEL");
        QTest::newRow("fallback kind") << QStringList{u"--fallback"_s, u"gemini,http://127.0.0.1:1,m"_s} << QByteArray("--fallback");
        QTest::newRow("fallback url") << QStringList{u"--fallback"_s, u"openai,http://example.com/v1,m"_s} << QByteArray("http://");
    }
    void badFlags()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, mentions);
        const CliResult r = runCli(QStringList{u"--provider"_s, u"ollama"_s, u"--model"_s, u"m"_s} + args + QStringList{u"hi"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(mentions), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestCliResilience)
#include "tst_cli_resilience.moc"
