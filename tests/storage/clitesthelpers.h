// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Processes for the storage CLI tests: confab-faultserver and confab-cli.
// Needs CONFAB_CLI_PATH and CONFAB_FAULTSERVER_PATH.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QString>

namespace StorageCliTest {

using namespace Qt::StringLiterals;

/// confab-faultserver as a child process on 127.0.0.1 (exits by itself after maxSeconds).
class FaultServerProcess
{
public:
    bool start(const QString &scriptPath, const QJsonObject &script, int maxSeconds = 120)
    {
        QFile f(scriptPath);
        const QByteArray json = QJsonDocument(script).toJson();
        if (!f.open(QIODevice::WriteOnly) || f.write(json) != json.size())
            return false;
        f.close();
        process.start(QStringLiteral(CONFAB_FAULTSERVER_PATH),
                      {u"--script"_s, f.fileName(), u"--max-seconds"_s, QString::number(maxSeconds)});
        if (!process.waitForStarted(5000))
            return false;
        while (!process.canReadLine()) {
            if (!process.waitForReadyRead(5000))
                return false;
        }
        port = process.readLine().trimmed().toUShort();
        // One JSON line per request event (received / ended / disconnected).
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process, [this] { events += process.readAllStandardOutput(); });
        return port != 0;
    }
    ~FaultServerProcess()
    {
        process.kill();
        process.waitForFinished(5000);
    }
    QString openAiUrl() const { return u"http://127.0.0.1:%1/v1"_s.arg(port); }

    QProcess process;
    quint16 port = 0;
    QByteArray events;
};

struct CliResult {
    int exitCode = -1; ///< -1: crashed or timed out
    QByteArray out;
    QByteArray err;
};

/// Runs confab-cli to the end (bounded: killed after timeoutMs).
inline CliResult runCli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                        int timeoutMs = 30000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(CONFAB_CLI_PATH), args);
    CliResult r;
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
    } else if (p.exitStatus() == QProcess::NormalExit) {
        r.exitCode = p.exitCode();
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

/// The "conversation N, message M" line confab-cli prints on stderr; false if absent.
inline bool parseIds(const QByteArray &err, qint64 *conversation, qint64 *message)
{
    static const QRegularExpression re(u"conversation (\\d+), message (\\d+)"_s);
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(err));
    if (!m.hasMatch())
        return false;
    *conversation = m.captured(1).toLongLong();
    *message = m.captured(2).toLongLong();
    return true;
}

} // namespace StorageCliTest
