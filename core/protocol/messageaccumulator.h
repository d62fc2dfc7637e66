// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "chatrequest.h"
#include "streamevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

/// Builds the final assistant message from StreamEvents: text, thinking,
/// thinking signature, tool calls (fragments merged by index, in index order),
/// usage (overwritten by each Usage event, never added), finish reason and the
/// complete flag (a Finish event, i.e. the provider's terminator, was seen).
/// Appends are amortized O(1) per delta. The result depends only on the
/// events, so it is identical however the input bytes were fragmented.
class MessageAccumulator
{
public:
    void add(const StreamEvent &event);
    void add(const QList<StreamEvent> &events);

    const QString &text() const { return m_text; }
    const QString &thinking() const { return m_thinking; }
    const QString &thinkingSignature() const { return m_signature; }
    /// Tool calls ordered by their index.
    QList<ToolCall> toolCalls() const;
    qint64 inputTokens() const { return m_inputTokens; }   ///< -1 when unknown
    qint64 outputTokens() const { return m_outputTokens; } ///< -1 when unknown
    bool hasUsage() const { return m_hasUsage; }
    /// The Finish event's reason, else Error when an Error event arrived, else None.
    FinishReason finishReason() const;
    QString rawFinishReason() const { return m_rawFinish; }
    /// True only when the terminator was seen (a Finish event).
    bool isComplete() const { return m_complete; }
    /// Provider errors received inside the stream, in order.
    const QList<ProviderError> &errors() const { return m_errors; }
    int keepAliveCount() const { return m_keepAlives; }

    /// The assistant ChatMessage (content, thinking, signature, tool calls).
    ChatMessage toMessage() const;

    /// One compact JSON object, keys in this order:
    /// {"text","thinking","tool_calls":[{"id","name","arguments"}],
    ///  "finish_reason" (normalized, null when none),"raw_finish_reason" (null when none),
    ///  "usage":{"input_tokens","output_tokens"} or null,"complete"}
    /// (the `confab-cli decode` output format; no trailing newline).
    QByteArray toJson() const;

private:
    struct Call {
        int index = 0;
        ToolCall call;
    };
    Call &callAt(int index);

    QString m_text;
    QString m_thinking;
    QString m_signature;
    QList<Call> m_calls; ///< sorted by index
    qint64 m_inputTokens = -1;
    qint64 m_outputTokens = -1;
    bool m_hasUsage = false;
    FinishReason m_finish = FinishReason::None;
    QString m_rawFinish;
    bool m_complete = false;
    QList<ProviderError> m_errors;
    int m_keepAlives = 0;
};
