// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "ndjsondecoder.h"
#include "provideradapter.h"

/// Ollama native chat (POST {baseUrl}/api/chat, NDJSON, ends with done:true).
///
/// Decisions:
/// - Tool calls arrive whole: each becomes one ToolCallDelta carrying the
///   complete arguments (an object is serialized as compact JSON), with
///   consecutive indices; id is Ollama's when present, else empty.
/// - done:true gives Usage (prompt_eval_count/eval_count, absent = 0) and
///   Finish: done_reason "length" -> Length, "stop"/""/"load"/"unload" ->
///   Stop, but ToolCalls when the message had tool calls.
/// - A last line without '\n' is decoded at finish() when it is a complete
///   JSON object; otherwise the stream ended mid-line (endedMidEvent()).
/// - Options map to options.temperature/num_predict/stop; thinkingBudget > 0
///   sends "think": true.
class OllamaAdapter final : public ProviderAdapter
{
public:
    ProviderKind kind() const override { return ProviderKind::Ollama; }
    HttpRequestSpec buildRequest(const ChatRequest &request, const ProviderConfig &config) const override;
    QPair<QByteArray, QByteArray> authHeader(const QString &apiKey) const override;
    QUrl modelsUrl(const ProviderConfig &config) const override;
    ProviderError parseErrorBody(int httpStatus, const QByteArray &body) const override;

    void feed(QByteArrayView bytes, QList<StreamEvent> &out) override;
    void finish(QList<StreamEvent> &out) override;
    bool sawTerminator() const override { return m_terminated; }
    bool endedMidEvent() const override { return m_midLine; }
    DecodeError decodeError() const override { return m_error; }

private:
    void handleLine(const QByteArray &line, qint64 lineNumber, QList<StreamEvent> &out);

    NdjsonDecoder m_decoder;
    QList<QByteArray> m_lines;
    DecodeError m_error;
    int m_toolCount = 0;
    bool m_terminated = false;
    bool m_midLine = false;
};
