// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Recovery time after a drop: a real ResilientStream against the in-process
// fault server on 127.0.0.1, which cuts the connection in the middle of the
// body. Measures from the failure (errorOccurred) to the first resumed text
// delta, minus the backoff the policy scheduled (retryScheduled). Prints the
// median, p90 and max per provider. Measures only; never a pass/fail test.
// See docs/performance.md.
//
//   bench_recovery [--runs N] [--backoff-ms MS]

#include "faultserver.h"
#include "net/requestfactory.h"
#include "resilience/resilientstream.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace FaultInjection;

namespace {

// Not periodic: overlap removal must not find false repeats.
QString makeAnswer()
{
    QString s;
    for (int i = 1; i <= 60; ++i)
        s += u"Sentence %1 of the recovery benchmark. "_s.arg(i);
    return s;
}
const QString Answer = makeAnswer();

ProviderTarget targetFor(ProviderKind kind, const QUrl &url)
{
    ProviderTarget t;
    t.config.kind = kind;
    t.config.id = providerKindName(kind);
    QUrl base = url;
    if (kind == ProviderKind::OpenAI)
        base.setPath(u"/v1"_s);
    t.config.baseUrl = base;
    t.config.defaultModel = u"fake-model"_s;
    t.apiKey = u"bench-key-0123456789"_s;
    return t;
}

struct Sample {
    bool ok = false;
    double recoveryMs = 0; ///< failure -> first resumed token, minus the backoff
    double backoffMs = 0;
};

Sample runOnce(RequestFactory *factory, ProviderKind kind, qint64 dropAt, qint64 backoffMs)
{
    FaultScript script;
    script.answer.text = Answer;
    script.every.chunkChars = 6;
    FaultPlan drop = script.every;
    drop.dropAtByte = dropAt;
    script.requests.insert(1, drop);
    FaultServer server;
    server.setScript(script);
    if (!server.listen())
        return {};

    ChatRequest request;
    ChatMessage m;
    m.content = u"bench"_s;
    request.messages.append(m);
    request.options.model = u"fake-model"_s;
    request.options.maxTokens = 256;

    ResilienceOptions o;
    o.retry.baseDelayMs = backoffMs;
    o.retry.maxDelayMs = backoffMs;
    o.seed = 7;
    ResilientStream stream(factory, nullptr, nullptr);
    stream.setOptions(o);

    QElapsedTimer clock;
    qint64 failedAt = -1;
    qint64 firstResumedAt = -1;
    qint64 scheduled = 0;
    bool resumedAttempt = false;
    QObject::connect(&stream, &ResilientStream::errorOccurred, &stream, [&] { failedAt = clock.nsecsElapsed(); });
    QObject::connect(&stream, &ResilientStream::retryScheduled, &stream,
                     [&](int, int, qint64 delay, const StreamError &) { scheduled = delay; });
    QObject::connect(&stream, &ResilientStream::resumed, &stream, [&] { resumedAttempt = true; });
    QObject::connect(&stream, &ResilientStream::textDelta, &stream, [&] {
        if (resumedAttempt && firstResumedAt < 0)
            firstResumedAt = clock.nsecsElapsed();
    });
    QEventLoop loop;
    QObject::connect(&stream, &ResilientStream::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    clock.start();
    stream.start(request, targetFor(kind, server.baseUrl()));
    loop.exec();

    Sample s;
    s.ok = failedAt >= 0 && firstResumedAt > failedAt && stream.message().text() == Answer;
    if (!s.ok && qEnvironmentVariableIsSet("BENCH_DEBUG"))
        std::fprintf(stderr, "drop %lld: failedAt %lld firstResumed %lld resumes %d attempts %d text ok %d\n%s\n",
                     static_cast<long long>(dropAt), static_cast<long long>(failedAt),
                     static_cast<long long>(firstResumedAt), stream.resumes(), stream.attempts(),
                     int(stream.message().text() == Answer), qPrintable(stream.message().text().right(120)));
    s.backoffMs = double(scheduled);
    s.recoveryMs = double(firstResumedAt - failedAt) / 1e6 - s.backoffMs;
    return s;
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const qsizetype i = std::clamp<qsizetype>(qsizetype(p * double(v.size() - 1) + 0.5), 0, v.size() - 1);
    return v.at(i);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 30;
    qint64 backoffMs = 20;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        bool ok = false;
        const qint64 v = args.at(i + 1).toLongLong(&ok);
        if (!ok || v < 0) {
            std::fprintf(stderr, "bench_recovery: %s needs a non-negative number\n", qPrintable(args.at(i)));
            return 2;
        }
        if (args.at(i) == u"--runs"_s)
            runs = int(std::max<qint64>(1, v));
        else if (args.at(i) == u"--backoff-ms"_s)
            backoffMs = v;
        else {
            std::fprintf(stderr, "bench_recovery: unknown option %s\n", qPrintable(args.at(i)));
            return 2;
        }
    }
    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    std::printf("recovery after a mid-stream drop (failure -> first resumed token, minus the %lld ms backoff), %d runs\n",
                static_cast<long long>(backoffMs), runs);
    for (ProviderKind kind : {ProviderKind::OpenAI, ProviderKind::Anthropic, ProviderKind::Ollama}) {
        QList<double> samples;
        int failures = 0;
        for (int r = 0; r < runs; ++r) {
            // Spread the drop over the middle of the body.
            const Sample s = runOnce(&factory, kind, 600 + 37 * r, backoffMs);
            if (s.ok)
                samples.append(s.recoveryMs);
            else
                ++failures;
        }
        if (samples.isEmpty()) {
            std::printf("%-10s no successful run (%d failed)\n", qPrintable(providerKindName(kind)), failures);
            continue;
        }
        std::printf("%-10s median %6.2f ms  p90 %6.2f ms  max %6.2f ms  (%lld ok, %d failed)\n",
                    qPrintable(providerKindName(kind)), percentile(samples, 0.5), percentile(samples, 0.9),
                    *std::max_element(samples.cbegin(), samples.cend()), static_cast<long long>(samples.size()), failures);
    }
    return 0;
}
