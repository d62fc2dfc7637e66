// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// bench_session [STREAMS] [MEGABYTES] [CHUNK_CHARS] [PROVIDER]
// CPU time per chunk through StreamSession (request factory, reply, adapter,
// accumulator, signals) against confab-faultserver running as a separate
// process, so getrusage(RUSAGE_SELF) counts the client only. Measures; never
// passes or fails.

#include "net/requestfactory.h"
#include "net/streamsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList a = app.arguments();
    const int streams = a.value(1, u"5"_s).toInt();
    const qint64 megabytes = a.value(2, u"20"_s).toLongLong();
    const int chunkChars = a.value(3, u"16"_s).toInt();
    ProviderKind kind = ProviderKind::OpenAI;
    if (streams <= 0 || megabytes <= 0 || chunkChars <= 0 || !providerKindFromName(a.value(4, u"openai"_s), &kind)) {
        std::fprintf(stderr, "usage: bench_session [STREAMS>0] [MEGABYTES>0] [CHUNK_CHARS>0] [openai|anthropic|ollama]\n");
        return 2;
    }
    QTemporaryDir dir;
    QFile script(dir.filePath(u"script.json"_s));
    if (!script.open(QIODevice::WriteOnly))
        return 1;
    script.write(u"{\"answer\":{\"text\":\"bench \"},\"every\":{\"hugeBytes\":%1,\"chunkChars\":%2}}"_s
                     .arg(megabytes * 1024 * 1024).arg(chunkChars).toUtf8());
    script.close();
    QProcess server;
    server.start(QStringLiteral(CONFAB_FAULTSERVER_PATH), {u"--script"_s, script.fileName(), u"--max-seconds"_s, u"1800"_s});
    if (!server.waitForStarted(5000) || !server.waitForReadyRead(5000)) {
        std::fprintf(stderr, "bench_session: cannot start confab-faultserver\n");
        return 1;
    }
    const quint16 port = server.readLine().trimmed().toUShort();

    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    ProviderConfig config;
    config.kind = kind;
    config.baseUrl = QUrl(kind == ProviderKind::OpenAI ? u"http://127.0.0.1:%1/v1"_s.arg(port) : u"http://127.0.0.1:%1"_s.arg(port));
    config.defaultModel = u"m"_s;
    ChatRequest request;
    request.messages.append(ChatMessage{ChatMessage::Role::User, u"go"_s, {}, {}, {}, {}});
    request.options.model = u"m"_s;
    StreamOptions options;
    options.maxResponseBytes = 0;

    qint64 chunks = 0, bytes = 0;
    int failures = 0;
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < streams; ++i) {
        StreamSession session(&factory);
        session.setOptions(options);
        QEventLoop loop;
        QObject::connect(&session, &StreamSession::textDelta, &session, [&chunks] { ++chunks; });
        QObject::connect(&session, &StreamSession::finished, &loop, &QEventLoop::quit);
        QObject::connect(&session, &StreamSession::failed, &loop, [&](const StreamFailure &f) {
            ++failures;
            std::fprintf(stderr, "stream %d failed: %s\n", i, qPrintable(f.detail));
            loop.quit();
        });
        QTimer::singleShot(600'000, &loop, &QEventLoop::quit); // bounded
        session.start(request, config, {});
        loop.exec();
        bytes += session.stats().bytes();
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    const double cpu = cpuSeconds() - cpu0;
    server.kill();
    server.waitForFinished(5000);
    std::printf("provider %s, %d streams x %lld MiB, %d chars/chunk, failures %d\n",
                qPrintable(providerKindName(kind)), streams, megabytes, chunkChars, failures);
    std::printf("chunks %lld, body %.1f MiB, wall %.2f s, client CPU %.2f s\n", chunks, double(bytes) / 1048576.0, seconds, cpu);
    std::printf("CPU per chunk %.2f us, chunks/s %.0f (wall), %.1f MiB/s (wall), %.1f MiB per CPU-second\n",
                chunks ? cpu * 1e6 / double(chunks) : 0.0, double(chunks) / seconds, double(bytes) / 1048576.0 / seconds,
                cpu > 0 ? double(bytes) / 1048576.0 / cpu : 0.0);
    return failures ? 1 : 0;
}
