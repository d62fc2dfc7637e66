// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QMetaType>
#include <QString>

// The one event type every provider adapter produces. Decoders turn wire bytes
// into these; the accumulator, StreamSession, resilience and the UI only ever
// see StreamEvents, never provider JSON.

/// Normalized reason a stream ended.
enum class FinishReason {
    None,          ///< not finished (yet)
    Stop,          ///< natural end or a stop sequence
    Length,        ///< max tokens reached
    ToolCalls,     ///< the model called tools
    ContentFilter, ///< content withheld by a filter / refusal
    Error,         ///< ended by an error
    Cancelled,     ///< cancelled by the user
};

/// "stop", "length", "tool_calls", "content_filter", "error", "cancelled" ("" for None).
QString finishReasonName(FinishReason reason);
/// Inverse of finishReasonName(); unknown names give FinishReason::None.
FinishReason finishReasonFromName(QStringView name);

/// An error reported by the provider: an HTTP error body or a mid-stream
/// `error` event. Never contains an API key.
struct ProviderError {
    int httpStatus = 0;   ///< HTTP status, 0 for a mid-stream error after a 2xx
    QString type;         ///< e.g. "rate_limit_error", "server_error", "overloaded_error"
    QString code;         ///< e.g. "insufficient_quota", "rate_limit_exceeded"
    QString message;      ///< the provider's human message (redacted)

    bool isNull() const { return httpStatus == 0 && type.isEmpty() && code.isEmpty() && message.isEmpty(); }
};

struct StreamEvent {
    enum class Type {
        TextDelta,      ///< text: a fragment of the answer
        ThinkingDelta,  ///< text: a fragment of the model's reasoning
        ThinkingSignature, ///< text: (Anthropic) the signature of a thinking block
        ToolCallDelta,  ///< toolIndex/toolId/toolName/text (argument fragment)
        Usage,          ///< inputTokens/outputTokens (-1 when unknown)
        Finish,         ///< finishReason/rawFinishReason; the terminator was seen
        Error,          ///< error: a provider error inside the stream
        KeepAlive,      ///< a comment/ping; proves the connection is alive
    };

    Type type = Type::KeepAlive;
    QString text;             ///< delta text, thinking, signature or tool argument fragment
    int toolIndex = -1;       ///< ToolCallDelta: index of the call in this message
    QString toolId;           ///< ToolCallDelta: call id, when the provider sends it
    QString toolName;         ///< ToolCallDelta: function name, when the provider sends it
    qint64 inputTokens = -1;  ///< Usage
    qint64 outputTokens = -1; ///< Usage
    FinishReason finishReason = FinishReason::None; ///< Finish
    QString rawFinishReason;  ///< Finish: the provider's own word ("end_turn", "stop", …)
    ProviderError error;      ///< Error

    static StreamEvent textDelta(const QString &t) { StreamEvent e; e.type = Type::TextDelta; e.text = t; return e; }
    static StreamEvent thinkingDelta(const QString &t) { StreamEvent e; e.type = Type::ThinkingDelta; e.text = t; return e; }
    static StreamEvent toolCallDelta(int index, const QString &id, const QString &name, const QString &argumentFragment)
    {
        StreamEvent e;
        e.type = Type::ToolCallDelta;
        e.toolIndex = index;
        e.toolId = id;
        e.toolName = name;
        e.text = argumentFragment;
        return e;
    }
    static StreamEvent keepAlive() { return {}; }
};

Q_DECLARE_METATYPE(StreamEvent)
Q_DECLARE_METATYPE(ProviderError)
