// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Local API server overhead: streams per second and time per chunk through
// Confab's server (client -> ApiServer -> ResilientStream -> fault server)
// against the same client talking to the fault server directly. Measures
// only; prints a table. All traffic on 127.0.0.1.
//
//   bench_server [STREAMS] [CONCURRENCY] [ANSWER_CHARS]
#include "faultserver.h"
#include "net/requestfactory.h"
#include "server/apiserver.h"
#include "server/resilientbackend.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <algorithm>
#include <cstdio>

using namespace FaultInjection;

namespace {

struct Run {
    double seconds = 0;
    qint64 chunks = 0;
    qint64 streams = 0;
    qint64 failures = 0;
    QList<double> firstChunkMs;
};

/// Runs `total` streaming requests, `concurrency` at a time, and waits for all.
Run runStreams(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &token, int total, int concurrency,
               const QString &expected)
{
    Run run;
    const QByteArray body = R"({"model":"fake-model","stream":true,"messages":[{"role":"user","content":"Hi"}]})";
    QEventLoop loop;
    int started = 0;
    int running = 0;
    QElapsedTimer clock;
    clock.start();
    std::function<void()> startOne = [&] {
        ++started;
        ++running;
        QNetworkRequest r(url);
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (!token.isEmpty())
            r.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply *reply = nam.post(r, body);
        auto buffer = std::make_shared<QByteArray>();
        auto t0 = std::make_shared<qint64>(clock.nsecsElapsed());
        auto first = std::make_shared<bool>(true);
        QObject::connect(reply, &QNetworkReply::readyRead, reply, [&, reply, buffer, t0, first] {
            if (*first) {
                *first = false;
                run.firstChunkMs.append((clock.nsecsElapsed() - *t0) / 1e6);
            }
            *buffer += reply->readAll();
        });
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, buffer] {
            *buffer += reply->readAll();
            QString text;
            for (const QByteArray &line : buffer->split('\n')) {
                if (!line.startsWith("data: {"))
                    continue;
                ++run.chunks;
                const qsizetype at = line.indexOf("\"content\":\"");
                if (at >= 0) {
                    const qsizetype end = line.indexOf('"', at + 11);
                    text += QString::fromUtf8(line.mid(at + 11, end - at - 11));
                }
            }
            if (reply->error() != QNetworkReply::NoError || text != expected)
                ++run.failures;
            ++run.streams;
            reply->deleteLater();
            --running;
            if (started < total)
                startOne();
            else if (running == 0)
                loop.quit();
        });
    };
    for (int i = 0; i < qMin(concurrency, total); ++i)
        startOne();
    loop.exec();
    run.seconds = clock.nsecsElapsed() / 1e9;
    return run;
}

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

void print(const char *name, const Run &r)
{
    std::printf("%-8s %8lld streams %8.2f s %9.1f streams/s %10lld chunks %8.2f us/chunk  first chunk p50 %6.2f ms  failures %lld\n",
                name, r.streams, r.seconds, r.streams / r.seconds, r.chunks, r.seconds * 1e6 / qMax<qint64>(1, r.chunks),
                median(r.firstChunkMs), r.failures);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int total = args.value(1, QStringLiteral("400")).toInt();
    const int concurrency = args.value(2, QStringLiteral("4")).toInt();
    const int chars = args.value(3, QStringLiteral("2000")).toInt();
    if (total < 1 || concurrency < 1 || chars < 1) {
        std::fprintf(stderr, "usage: bench_server [STREAMS>0] [CONCURRENCY>0] [ANSWER_CHARS>0]\n");
        return 2;
    }
    FaultServer upstream;
    if (!upstream.listen()) {
        std::fprintf(stderr, "bench_server: cannot listen on 127.0.0.1\n");
        return 1;
    }
    FaultScript script;
    script.provider = WireProvider::OpenAI;
    QString text;
    while (text.size() < chars)
        text += QStringLiteral("Never lose an answer. ");
    text.truncate(chars);
    script.answer.text = text;
    script.every.chunkChars = 4;
    upstream.setScript(script);

    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    ProviderTarget t;
    t.config.kind = ProviderKind::OpenAI;
    t.config.id = QStringLiteral("fault");
    QUrl base = upstream.baseUrl();
    base.setPath(QStringLiteral("/v1"));
    t.config.baseUrl = base;
    t.config.defaultModel = QStringLiteral("fake-model");
    t.apiKey = QStringLiteral("sk-bench");
    ResilientBackend backend(&factory, nullptr, nullptr, {t});
    ApiServer server(&backend);
    ApiServerOptions options;
    options.maxConcurrentStreams = concurrency;
    QString error;
    if (!server.listen(options, &error)) {
        std::fprintf(stderr, "bench_server: %s\n", qPrintable(error));
        return 1;
    }
    QUrl direct = base;
    direct.setPath(QStringLiteral("/v1/chat/completions"));
    QUrl through = server.baseUrl();
    through.setPath(QStringLiteral("/v1/chat/completions"));

    QNetworkAccessManager clientNam; // the client's own connections
    std::printf("bench_server: %d streams, %d concurrent, %d-char answers in 4-char chunks\n", total, concurrency, chars);
    runStreams(clientNam, direct, {}, qMin(total, 20), concurrency, text); // warm-up
    runStreams(clientNam, through, server.token(), qMin(total, 20), concurrency, text);
    const Run d = runStreams(clientNam, direct, {}, total, concurrency, text);
    const Run s = runStreams(clientNam, through, server.token(), total, concurrency, text);
    print("direct", d);
    print("server", s);
    const double perChunkDirect = d.seconds * 1e6 / qMax<qint64>(1, d.chunks);
    const double perChunkServer = s.seconds * 1e6 / qMax<qint64>(1, s.chunks);
    std::printf("added per chunk: %.2f us; added to first chunk (p50): %.2f ms\n", perChunkServer - perChunkDirect,
                median(s.firstChunkMs) - median(d.firstChunkMs));
    return (d.failures || s.failures) ? 1 : 0;
}
