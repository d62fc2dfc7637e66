// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "sseadapter.h"

/// OpenAI Chat Completions and any OpenAI-compatible server
/// (POST {baseUrl}/chat/completions, data-only SSE terminated by [DONE]).
///
/// Decisions:
/// - Only choice 0 is decoded (Confab never asks for n > 1).
/// - Refusal text (delta.refusal) is surfaced as TextDelta so the user sees
///   it, and the finish reason becomes ContentFilter (the raw reason stays the
///   provider's, e.g. "stop").
/// - delta.reasoning_content (vLLM, DeepSeek, llama.cpp) and delta.reasoning
///   (Ollama /v1, OpenRouter) are ThinkingDelta.
/// - A mid-stream {"error":{...}} event, or any data under `event: error`, is
///   an Error event; a later [DONE] then finishes with FinishReason::Error.
/// - Finish is emitted only at [DONE]; a [DONE] without any finish_reason
///   finishes as Stop with an empty raw reason.
/// - thinkingBudget > 0 is sent as reasoning_effort (low < 2048 <= medium <
///   8192 <= high); max tokens as max_tokens (what compatible servers accept).
class OpenAIAdapter final : public SseAdapter
{
public:
    ProviderKind kind() const override { return ProviderKind::OpenAI; }
    HttpRequestSpec buildRequest(const ChatRequest &request, const ProviderConfig &config) const override;
    QPair<QByteArray, QByteArray> authHeader(const QString &apiKey) const override;
    QUrl modelsUrl(const ProviderConfig &config) const override;
    ProviderError parseErrorBody(int httpStatus, const QByteArray &body) const override;

protected:
    void handleEvent(const SseItem &event, qint64 eventNumber, QList<StreamEvent> &out) override;

private:
    void handleChunk(const QJsonObject &chunk, QList<StreamEvent> &out);

    QString m_rawFinish;
    bool m_sawFinishReason = false;
    bool m_sawRefusal = false;
    bool m_sawError = false;
    int m_lastToolIndex = -1;
    int m_toolCount = 0;
    QString m_lastToolId;
};
