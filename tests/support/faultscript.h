// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

// The script that drives the fault-injection server: one canonical answer
// and per-request fault plans. The JSON form is documented in
// tests/support/README.md.

namespace FaultInjection {

/// Which wire format a response uses.
enum class WireProvider { Auto, OpenAI, Anthropic, Ollama };

/// "auto", "openai", "anthropic", "ollama"; false for an unknown name.
bool wireProviderFromName(const QString &name, WireProvider *out);
QString wireProviderName(WireProvider p);

struct FakeToolCall {
    QString id;
    QString name;
    QString arguments; ///< JSON text of the arguments object
};

/// The answer the server streams, in whatever format the request asks for.
struct CanonicalAnswer {
    QString text;
    QString thinking;
    QList<FakeToolCall> toolCalls;
    qint64 inputTokens = 12;
    qint64 outputTokens = -1; ///< < 0: estimated as characters / 4 (at least 1)
    /// Provider-neutral finish: "stop", "length", "tool_calls". Empty: "tool_calls"
    /// when there are tool calls, else "stop". Mapped to each provider's word.
    QString finishReason;
};

/// What to do to one response. Defaults: a clean, complete stream.
struct FaultPlan {
    // Timing.
    int delayHeadersMs = 0;   ///< wait before the status line
    int delayBodyMs = 0;      ///< wait after the headers, before the first body byte
    int dripBytes = 0;        ///< > 0: write at most this many body bytes per write...
    int dripIntervalMs = 0;   ///< ...every this many milliseconds

    // Stalls and drops (body bytes count from 0; events from 1; -1 = off).
    qint64 stallAtByte = -1;  ///< stop sending once this many body bytes were sent
    int stallAfterEvent = -1; ///< stop sending after event K was written in full
    int stallMs = 0;          ///< 0: stall until the client goes away; else resume after
    int keepAliveMs = 0;      ///< during a stall, send a keep-alive every this many ms
    qint64 dropAtByte = -1;   ///< abort the connection after exactly this many body bytes
    int dropAfterEvent = -1;  ///< abort the connection after event K

    // Status, headers, body.
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; ///< extra response headers
    bool hasBody = false;     ///< true: send `body` verbatim instead of a stream
    QByteArray body;

    // Content faults.
    int malformedAtEvent = -1; ///< replace event K with invalid JSON
    int errorAtEvent = -1;     ///< send a provider error event as event K, then end
    QString errorType = QStringLiteral("overloaded_error");
    QString errorMessage = QStringLiteral("Overloaded");
    bool omitTerminator = false; ///< end the body cleanly but without [DONE]/message_stop/done:true
    bool splitWrites = false;    ///< cut writes inside UTF-8 characters and between \r and \n
    bool crlf = false;           ///< SSE lines end in \r\n
    bool chunkedFraming = true;  ///< Transfer-Encoding: chunked; false: close-delimited body

    // Shape.
    int chunkChars = 4;          ///< characters per text/thinking delta event
    qint64 hugeBytes = 0;        ///< > 0: stream generated text until this many body bytes
    int continuationOverlap = 0; ///< when continuing, first repeat the partial's last K characters
    bool continuation = true;    ///< detect partial answers in requests and stream the rest

    /// Parses a plan; unknown keys and wrong types are errors naming the key.
    static bool fromJson(const QJsonObject &o, FaultPlan *out, QString *error);
};

struct FaultScript {
    WireProvider provider = WireProvider::Auto; ///< Auto: by request path
    QString model = QStringLiteral("fake-model");
    CanonicalAnswer answer;
    FaultPlan every;              ///< plan for requests without their own
    QMap<int, FaultPlan> requests; ///< plan for request n (1-based), replaces `every`

    const FaultPlan &planFor(int requestNumber) const
    {
        auto it = requests.constFind(requestNumber);
        return it == requests.constEnd() ? every : it.value();
    }

    /// Parses a script. Request plans ("requests": {"2": {...}}) are merged
    /// key by key over "every". Errors name the offending key.
    static bool fromJson(const QJsonObject &o, FaultScript *out, QString *error);
    static bool fromJsonBytes(const QByteArray &json, FaultScript *out, QString *error);
};

} // namespace FaultInjection
