// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "apierror.h"
#include "protocol/streamevent.h"

#include <QByteArray>
#include <QString>

class MessageAccumulator;

/// Formats one answer as OpenAI Chat Completions output: SSE
/// `chat.completion.chunk` events for streaming (protocols.md §2), or one
/// `chat.completion` object. The per-chunk path only escapes the delta; the
/// envelope ({"id","object","created","model"}) is built once per stream.
class OpenAIChunkFormatter
{
public:
    OpenAIChunkFormatter(const QString &id, const QString &model, qint64 created);

    /// "chatcmpl-" + 24 random alphanumerics.
    static QString newCompletionId();

    /// The first event: delta {"role":"assistant","content":""}.
    QByteArray roleChunk() const;
    /// The SSE event for a TextDelta, ThinkingDelta (as delta.reasoning_content,
    /// the field OpenAI-compatible servers use), ToolCallDelta or Finish. Usage
    /// is remembered for usageChunk(); other events give nothing.
    QByteArray chunkFor(const StreamEvent &event);
    /// The final usage chunk ("choices":[]); token counts are 0 when unknown.
    QByteArray usageChunk() const;
    bool hasUsage() const { return m_inputTokens >= 0 || m_outputTokens >= 0; }

    static QByteArray done() { return QByteArrayLiteral("data: [DONE]\n\n"); }
    static QByteArray keepAlive() { return QByteArrayLiteral(": keep-alive\n\n"); }
    /// A mid-stream error event: data: {"error":{...}} (protocols.md §2.7).
    static QByteArray errorEvent(const ApiError &error);

    /// The non-streaming response: one chat.completion object.
    QByteArray completion(const MessageAccumulator &answer) const;

    /// "stop", "length", "tool_calls", "content_filter"; Error/Cancelled/None give "stop".
    static QByteArray openAiFinishReason(FinishReason reason);

private:
    QByteArray m_prefix; ///< data: {"id":..,"object":..,"created":..,"model":..,"choices":[{"index":0,"delta":
    QString m_id;
    QString m_model;
    qint64 m_created = 0;
    qint64 m_inputTokens = -1;
    qint64 m_outputTokens = -1;
};

