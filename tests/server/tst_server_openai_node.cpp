// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// A real client nobody here wrote: the official `openai` npm package, run by
// node, streams through Confab's API server from the fault-injection server.
// The package is installed by tests/server/install-openai-npm.sh into a cache
// directory outside the repository.
#include "serverharness.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>

using namespace FaultInjection;

class TestServerOpenAINode : public QObject
{
    Q_OBJECT
private:
    QString m_clientScript; ///< the client, copied next to the cached node_modules

    /// Runs a process without blocking the event loop (the servers run in it).
    static bool run(QProcess &p, const QString &program, const QStringList &args, int timeoutMs)
    {
        QSignalSpy done(&p, &QProcess::finished);
        p.start(program, args);
        if (!p.waitForStarted(10000))
            return false;
        if (!done.wait(timeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            return false;
        }
        return p.exitStatus() == QProcess::NormalExit;
    }

    QJsonObject client(ServerHarness &h, const QString &mode)
    {
        QProcess p;
        const bool ok = run(p, QStringLiteral("node"),
                            {m_clientScript, mode, h.server->baseUrl().toString(), QString::fromLatin1(h.server->token())},
                            60000);
        const QByteArray err = p.readAllStandardError();
        if (!ok || p.exitCode() != 0)
            qWarning("node client failed (exit %d): %s", p.exitCode(), err.constData());
        return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcess install;
        install.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QVERIFY2(run(install, QStringLiteral("bash"), {QStringLiteral(CONFAB_INSTALL_OPENAI_NPM)}, 240000),
                 "the npm install script did not finish");
        QVERIFY2(install.exitCode() == 0,
                 "could not install the official openai npm package (see the message above; offline?)");
        const QString modules = QString::fromUtf8(install.readAllStandardOutput()).trimmed();
        QVERIFY2(QFile::exists(modules + QStringLiteral("/openai/package.json")), qPrintable(modules));
        // ES modules resolve packages from the script's own folder upwards.
        m_clientScript = QDir(modules).absoluteFilePath(QStringLiteral("../confab_openai_client.mjs"));
        QFile::remove(m_clientScript);
        QVERIFY(QFile::copy(QStringLiteral(CONFAB_OPENAI_CLIENT_SCRIPT), m_clientScript));
    }

    void streamsTheUpstreamText()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const QJsonObject r = client(h, QStringLiteral("stream"));
        QCOMPARE(r.value(QLatin1StringView("text")).toString(), ServerHarness::canonicalText());
        QCOMPARE(r.value(QLatin1StringView("finish_reason")).toString(), QStringLiteral("stop"));
        QCOMPARE(r.value(QLatin1StringView("usage")).toObject().value(QLatin1StringView("total_tokens")).toInt(), 46);
        QVERIFY(r.value(QLatin1StringView("chunks")).toInt() > 3);
    }

    void streamSurvivesAnUpstreamDrop()
    {
        ServerHarness h;
        QVERIFY(h.start());
        FaultScript s = h.script;
        FaultPlan drop;
        drop.dropAfterEvent = 7;
        s.requests.insert(1, drop);
        FaultPlan dropAgain;
        dropAgain.dropAfterEvent = 4;
        s.requests.insert(2, dropAgain);
        h.setScript(s);
        const QJsonObject r = client(h, QStringLiteral("stream"));
        QCOMPARE(r.value(QLatin1StringView("text")).toString(), ServerHarness::canonicalText());
        QCOMPARE(r.value(QLatin1StringView("finish_reason")).toString(), QStringLiteral("stop"));
        QVERIFY(h.upstream.request(1).dropped);
        QVERIFY(h.upstream.request(2).dropped);
        QCOMPARE(h.upstream.requestCount(), 3);
    }

    void nonStreamingCompletion()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const QJsonObject r = client(h, QStringLiteral("complete"));
        QCOMPARE(r.value(QLatin1StringView("text")).toString(), ServerHarness::canonicalText());
    }

    void wrongTokenIs401()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const QJsonObject r = client(h, QStringLiteral("badtoken"));
        QCOMPARE(r.value(QLatin1StringView("error_status")).toInt(), 401);
        QCOMPARE(h.upstream.requestCount(), 0);
    }

    void listsModels()
    {
        ServerHarness h;
        QVERIFY(h.start());
        const QJsonObject r = client(h, QStringLiteral("models"));
        QCOMPARE(r.value(QLatin1StringView("models")).toVariant().toStringList(), QStringList{QStringLiteral("fake-model")});
    }
};

QTEST_GUILESS_MAIN(TestServerOpenAINode)
#include "tst_server_openai_node.moc"
