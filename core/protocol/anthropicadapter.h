// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "sseadapter.h"

#include <QHash>

/// Anthropic Messages (POST {baseUrl}/v1/messages, named SSE events,
/// terminated by message_stop).
///
/// Decisions:
/// - Events are dispatched on the SSE event name (as the SDKs do); when a
///   proxy drops the `event:` line ("message"), the JSON "type" is used.
/// - Tool-use blocks get consecutive tool indices (0, 1, ...) in block order;
///   a tool block without input_json_delta yields its start "input" ("{}").
/// - Usage: input = input_tokens + cache_creation + cache_read (from
///   message_start, overwritten by message_delta when present); output is the
///   cumulative output_tokens (overwritten, never added).
/// - stop_reason: end_turn, stop_sequence, pause_turn -> Stop; max_tokens,
///   model_context_window_exceeded -> Length; tool_use -> ToolCalls;
///   refusal -> ContentFilter; anything else -> Stop (raw kept).
/// - Request: max_tokens defaults to 4096 (budget + 4096 with thinking);
///   temperature is not sent with thinking (the API rejects it).
class AnthropicAdapter final : public SseAdapter
{
public:
    ProviderKind kind() const override { return ProviderKind::Anthropic; }
    HttpRequestSpec buildRequest(const ChatRequest &request, const ProviderConfig &config) const override;
    QPair<QByteArray, QByteArray> authHeader(const QString &apiKey) const override;
    QUrl modelsUrl(const ProviderConfig &config) const override;
    ProviderError parseErrorBody(int httpStatus, const QByteArray &body) const override;

    static FinishReason mapStopReason(const QString &raw);
    /// The anthropic-version header: every API request needs it (Messages and Models).
    static QPair<QByteArray, QByteArray> versionHeader();

protected:
    void handleEvent(const SseItem &event, qint64 eventNumber, QList<StreamEvent> &out) override;

private:
    void emitUsage(QList<StreamEvent> &out);

    struct ToolBlock {
        int toolIndex = 0;
        bool sawJson = false;
        QString startInput;
    };
    QHash<int, ToolBlock> m_toolBlocks; ///< content block index -> tool
    int m_toolCount = 0;
    QString m_rawStop;
    qint64 m_input = -1;
    qint64 m_output = -1;
};
