// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "faultscript.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Wire encoding of a canonical answer for the fault server: OpenAI SSE,
// Anthropic SSE and Ollama NDJSON, produced one event at a time (lazily for
// huge streams, so memory stays flat).

namespace FaultInjection {

/// Provider by request path: /v1/chat/completions or /chat/completions ->
/// OpenAI, /v1/messages -> Anthropic, /api/chat -> Ollama; Auto if none.
WireProvider providerForPath(const QByteArray &path);

/// Where a request's partial answer ends in the canonical text.
struct Continuation {
    bool present = false; ///< the request carried a partial answer
    QString partial;      ///< the partial as sent
    qsizetype offset = -1; ///< index in the canonical text just after the partial; -1 if not found
};

/// Finds a partial answer in a request body: a final assistant message
/// (prefill), or an assistant message followed by a user message that asks
/// to continue (contains "continue", any case).
Continuation findContinuation(const QByteArray &requestBody, const QString &canonicalText);

/// Produces the body of one streamed response, event by event.
class EventSource
{
public:
    /// text: the text to stream (the whole answer, or the rest when continuing).
    EventSource(WireProvider provider, const FaultScript &script, const FaultPlan &plan,
                const QString &text, bool includeThinking);

    /// The next event's bytes; false when the body is complete.
    bool next(QByteArray *event);
    /// Bytes of a keep-alive (SSE comment / Anthropic ping / blank NDJSON line).
    QByteArray keepAlive() const;
    /// A provider error event (and, for OpenAI, the [DONE] that follows it).
    QByteArray errorEvent(const QString &type, const QString &message) const;
    /// An event whose JSON is invalid.
    QByteArray malformedEvent() const;
    /// Content-Type of the body.
    QByteArray contentType() const;

private:
    QByteArray sse(const QByteArray &eventName, const QByteArray &json) const;
    QByteArray openaiChunk(const QByteArray &choiceJson) const;
    QByteArray ollamaLine(const QByteArray &messageJson, bool done) const;
    QByteArray textEvent(const QString &delta);
    QByteArray thinkingEvent(const QString &delta);
    void appendTools(QList<QByteArray> &out);
    void appendEnd(QList<QByteArray> &out);

    WireProvider m_provider;
    const FaultScript &m_script;
    const FaultPlan &m_plan;
    QString m_finish;
    qint64 m_outputTokens = 0;
    int m_block = 0;        ///< Anthropic content block index
    bool m_textOpen = false;
    QList<QByteArray> m_head;
    qsizetype m_headPos = 0;
    QList<QByteArray> m_tail;
    qsizetype m_tailPos = 0;
    bool m_tailBuilt = false;
    qint64 m_hugeRemaining = 0; ///< bytes of generated text still to produce
    qint64 m_hugeOffset = 0;
};

/// Splits text into pieces of n code points (never inside a surrogate pair).
QStringList splitCodePoints(const QString &text, int n);

} // namespace FaultInjection
