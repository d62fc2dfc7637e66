// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Shared set-up for the ResilientStream tests against the fault server.
#pragma once

#include "faultserver.h"
#include "net/requestfactory.h"
#include "resilience/resilientstream.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace ResilienceTest {

using namespace Qt::StringLiterals;

inline const QString Answer =
    u"Streams drop. Confab keeps every character: the partial answer stays, and the rest "
    "is fetched again and joined without gaps or repeats.\n\nÜnïcödé survives too — 漢字, "
    "emoji 🦊🎉, and long words like antidisestablishmentarianism. The end."_s;

inline ProviderTarget targetFor(ProviderKind kind, const QUrl &serverUrl, const QString &id = u"primary"_s)
{
    ProviderTarget t;
    t.config.kind = kind;
    t.config.id = id;
    t.config.displayName = id;
    QUrl base = serverUrl;
    if (kind == ProviderKind::OpenAI)
        base.setPath(u"/v1"_s);
    t.config.baseUrl = base;
    t.config.defaultModel = u"fake-model"_s;
    t.apiKey = u"test-key-0123456789"_s;
    return t;
}

inline ChatRequest simpleRequest()
{
    ChatRequest r;
    ChatMessage m;
    m.role = ChatMessage::Role::User;
    m.content = u"Tell me about resilience."_s;
    r.messages.append(m);
    r.options.model = u"fake-model"_s;
    r.options.maxTokens = 256;
    return r;
}

/// A fast, deterministic configuration: tiny backoff, seeded jitter.
inline ResilienceOptions fastOptions(int maxAttempts = 4)
{
    ResilienceOptions o;
    o.retry.maxAttempts = maxAttempts;
    o.retry.baseDelayMs = 1;
    o.retry.maxDelayMs = 4;
    o.retry.retryAfterCapMs = 60'000;
    o.seed = 1234;
    o.stream.connectTimeoutMs = 5000;
    o.stream.firstByteTimeoutMs = 5000;
    o.stream.idleTimeoutMs = 5000;
    return o;
}

/// A fault server with a script, listening on 127.0.0.1.
inline std::unique_ptr<FaultInjection::FaultServer> makeServer(const FaultInjection::FaultScript &script)
{
    auto server = std::make_unique<FaultInjection::FaultServer>();
    server->setScript(script);
    if (!server->listen())
        qFatal("fault server cannot listen on 127.0.0.1");
    return server;
}

inline FaultInjection::FaultScript scriptWith(const QString &text = Answer)
{
    FaultInjection::FaultScript s;
    s.answer.text = text;
    s.every.chunkChars = 5;
    return s;
}

/// Everything a run produced.
struct Run {
    QString streamedText; ///< concatenated textDelta signals
    FinishReason reason = FinishReason::None;
    QList<qint64> delays; ///< retryScheduled delays
    QList<StreamError> gaveUp;
    QStringList fallbacks;
    int resumedSignals = 0;
};

/// Connects to the stream's signals; wait with QTRY on run.reason.
inline void watch(ResilientStream &stream, Run &run)
{
    QObject::connect(&stream, &ResilientStream::textDelta, &stream, [&run](const QString &t) { run.streamedText += t; });
    QObject::connect(&stream, &ResilientStream::finished, &stream, [&run](FinishReason r) { run.reason = r; });
    QObject::connect(&stream, &ResilientStream::retryScheduled, &stream,
                     [&run](int, int, qint64 delayMs, const StreamError &) { run.delays.append(delayMs); });
    QObject::connect(&stream, &ResilientStream::gaveUp, &stream, [&run](const StreamError &e) { run.gaveUp.append(e); });
    QObject::connect(&stream, &ResilientStream::fallbackUsed, &stream, [&run](const QString &p) { run.fallbacks.append(p); });
    QObject::connect(&stream, &ResilientStream::resumed, &stream, [&run](int) { ++run.resumedSignals; });
}

/// True when the protocol layer has an adapter for kind (Anthropic/Ollama may land later).
inline bool hasAdapter(ProviderKind kind)
{
    return ProviderAdapter::create(kind) != nullptr;
}

} // namespace ResilienceTest
