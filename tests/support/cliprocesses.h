// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Processes for the tests of confab-cli: confab-faultserver on 127.0.0.1 and
// confab-cli itself, each bounded in time. Header-only: the including test
// defines CONFAB_FAULTSERVER_PATH and/or CONFAB_CLI_PATH.
#pragma once

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>

namespace CliTest {

using namespace Qt::StringLiterals;

#ifdef CONFAB_FAULTSERVER_PATH
/// confab-faultserver as a child process on 127.0.0.1 (exits by itself after
/// maxSeconds; killed when this object goes).
class FaultServerProcess
{
public:
    /// Writes the script (JSON, see faultscript.h) into dir and starts the
    /// server; false when it did not come up with a port.
    bool start(const QString &dir, const QByteArray &scriptJson, int maxSeconds = 120)
    {
        QFile f(QDir(dir).filePath(u"fault-script-%1.json"_s.arg(quintptr(this))));
        if (!f.open(QIODevice::WriteOnly) || f.write(scriptJson) != scriptJson.size())
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
        QObject::connect(&process, &QProcess::readyReadStandardOutput, &process,
                         [this] { events += process.readAllStandardOutput(); });
        return port != 0;
    }
    bool start(const QString &dir, const QJsonObject &script, int maxSeconds = 120)
    {
        return start(dir, QJsonDocument(script).toJson(), maxSeconds);
    }
    ~FaultServerProcess()
    {
        process.kill();
        process.waitForFinished(5000);
    }
    QString url(const QString &path = {}) const { return u"http://127.0.0.1:%1%2"_s.arg(port).arg(path); }
    QString openAiUrl() const { return url(u"/v1"_s); }

    QProcess process;
    quint16 port = 0;
    /// The JSON event lines printed so far (filled from the event loop).
    QByteArray events;
};
#endif

#ifdef CONFAB_CLI_PATH
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
#endif

} // namespace CliTest
