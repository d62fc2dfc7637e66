// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// confab-faultserver: the fault-injection server as a process, for CLI,
// crash and end-to-end tests. Prints the port as the first line of stdout,
// then one JSON line per request event ("received", "ended", "disconnected").
// Exits on its own after --max-seconds (default 120).

#include "faultserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace FaultInjection;

namespace {
void emitLine(const char *event, const RecordedRequest &r)
{
    QJsonObject o = r.toJson();
    o.insert(u"event"_s, QString::fromLatin1(event));
    std::fputs(QJsonDocument(o).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Scripted fault-injection HTTP server on 127.0.0.1 (see tests/support/README.md)."_s);
    parser.addHelpOption();
    const QCommandLineOption scriptOpt(u"script"_s, u"JSON script file."_s, u"FILE"_s);
    const QCommandLineOption portOpt(u"port"_s, u"Port to listen on (0: any)."_s, u"PORT"_s, u"0"_s);
    const QCommandLineOption maxOpt(u"max-seconds"_s, u"Exit after this many seconds."_s, u"SECONDS"_s, u"120"_s);
    parser.addOptions({scriptOpt, portOpt, maxOpt});
    parser.process(app);

    FaultScript script;
    if (parser.isSet(scriptOpt)) {
        QFile f(parser.value(scriptOpt));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "confab-faultserver: cannot read script %s: %s\n",
                         qPrintable(f.fileName()), qPrintable(f.errorString()));
            return 2;
        }
        QString error;
        if (!FaultScript::fromJsonBytes(f.readAll(), &script, &error)) {
            std::fprintf(stderr, "confab-faultserver: bad script %s: %s\n", qPrintable(f.fileName()), qPrintable(error));
            return 2;
        }
    }
    bool okPort = false, okMax = false;
    const uint port = parser.value(portOpt).toUInt(&okPort);
    const int maxSeconds = parser.value(maxOpt).toInt(&okMax);
    if (!okPort || port > 65535 || !okMax || maxSeconds <= 0) {
        std::fprintf(stderr, "confab-faultserver: --port must be 0..65535 and --max-seconds a positive number\n");
        return 2;
    }

    FaultServer server;
    server.setScript(script);
    if (!server.listen(quint16(port))) {
        std::fprintf(stderr, "confab-faultserver: cannot listen on 127.0.0.1:%u\n", port);
        return 1;
    }
    std::printf("%u\n", unsigned(server.port()));
    std::fflush(stdout);
    QObject::connect(&server, &FaultServer::requestReceived, &server,
                     [&server](int n) { emitLine("received", server.request(n)); });
    QObject::connect(&server, &FaultServer::responseEnded, &server,
                     [&server](int n) { emitLine("ended", server.request(n)); });
    QObject::connect(&server, &FaultServer::clientDisconnected, &server,
                     [&server](int n) { emitLine("disconnected", server.request(n)); });
    QTimer::singleShot(maxSeconds * 1000, &app, [] { QCoreApplication::exit(0); });
    return app.exec();
}
