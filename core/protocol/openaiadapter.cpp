// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "openaiadapter.h"

#include "adapterutil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
QLatin1StringView L(const char *s) { return QLatin1StringView(s); }

QJsonObject toolCallJson(const ToolCall &tc)
{
    return QJsonObject{{L("id"), tc.id},
                       {L("type"), L("function")},
                       {L("function"), QJsonObject{{L("name"), tc.name}, {L("arguments"), tc.arguments}}}};
}

QJsonObject messageJson(const ChatMessage &m)
{
    switch (m.role) {
    case ChatMessage::Role::System:
        return {{L("role"), L("system")}, {L("content"), m.content}};
    case ChatMessage::Role::User:
        return {{L("role"), L("user")}, {L("content"), m.content}};
    case ChatMessage::Role::Assistant: {
        QJsonObject o{{L("role"), L("assistant")}, {L("content"), m.content}};
        if (!m.toolCalls.isEmpty()) {
            QJsonArray calls;
            for (const ToolCall &tc : m.toolCalls)
                calls.append(toolCallJson(tc));
            o.insert(L("tool_calls"), calls);
            if (m.content.isEmpty())
                o.insert(L("content"), QJsonValue::Null);
        }
        return o;
    }
    case ChatMessage::Role::Tool:
        return {{L("role"), L("tool")}, {L("tool_call_id"), m.toolCallId}, {L("content"), m.content}};
    }
    return {};
}

FinishReason mapFinish(const QString &raw)
{
    if (raw == L("stop") || raw.isEmpty())
        return FinishReason::Stop;
    if (raw == L("length"))
        return FinishReason::Length;
    if (raw == L("tool_calls") || raw == L("function_call"))
        return FinishReason::ToolCalls;
    if (raw == L("content_filter"))
        return FinishReason::ContentFilter;
    return FinishReason::Stop; // unknown words from compatible servers
}
} // namespace

HttpRequestSpec OpenAIAdapter::buildRequest(const ChatRequest &request, const ProviderConfig &config) const
{
    const ChatOptions &opt = request.options;
    QJsonArray messages;
    if (!opt.systemPrompt.isEmpty())
        messages.append(QJsonObject{{L("role"), L("system")}, {L("content"), opt.systemPrompt}});
    for (const ChatMessage &m : request.messages)
        messages.append(messageJson(m));
    AdapterUtil::appendContinuation(messages, request);

    QJsonObject body{{L("model"), opt.model.isEmpty() ? config.defaultModel : opt.model},
                     {L("messages"), messages},
                     {L("stream"), true},
                     {L("stream_options"), QJsonObject{{L("include_usage"), true}}}};
    if (opt.temperature >= 0)
        body.insert(L("temperature"), opt.temperature);
    if (opt.maxTokens > 0)
        body.insert(L("max_tokens"), opt.maxTokens);
    if (!opt.stopSequences.isEmpty())
        body.insert(L("stop"), QJsonArray::fromStringList(opt.stopSequences));
    if (!opt.tools.isEmpty())
        body.insert(L("tools"), AdapterUtil::functionTools(opt.tools));
    if (opt.thinkingBudget > 0) {
        const char *effort = opt.thinkingBudget < 2048 ? "low" : opt.thinkingBudget < 8192 ? "medium" : "high";
        body.insert(L("reasoning_effort"), L(effort));
    }

    HttpRequestSpec spec;
    spec.url = AdapterUtil::joinUrl(config.baseUrl, u"chat/completions");
    spec.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                    {QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")}};
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

QPair<QByteArray, QByteArray> OpenAIAdapter::authHeader(const QString &apiKey) const
{
    if (apiKey.isEmpty()) // local OpenAI-compatible servers often need none
        return {};
    return {QByteArrayLiteral("Authorization"), "Bearer " + apiKey.toUtf8()};
}

QUrl OpenAIAdapter::modelsUrl(const ProviderConfig &config) const
{
    return AdapterUtil::joinUrl(config.baseUrl, u"models");
}

ProviderError OpenAIAdapter::parseErrorBody(int httpStatus, const QByteArray &body) const
{
    return AdapterUtil::parseErrorBody(httpStatus, body);
}

void OpenAIAdapter::handleEvent(const SseItem &event, qint64 eventNumber, QList<StreamEvent> &out)
{
    if (event.data == "[DONE]") {
        m_terminated = true;
        StreamEvent fin;
        fin.type = StreamEvent::Type::Finish;
        fin.rawFinishReason = m_rawFinish;
        if (m_sawError && !m_sawFinishReason) {
            fin.finishReason = FinishReason::Error;
            fin.rawFinishReason = QStringLiteral("error");
        } else if (m_sawRefusal) {
            fin.finishReason = FinishReason::ContentFilter;
        } else {
            fin.finishReason = mapFinish(m_rawFinish);
        }
        out.append(fin);
        return;
    }
    QJsonObject obj;
    if (!parseObject(event.data, eventNumber, &obj))
        return;
    const QJsonValue err = obj.value(L("error"));
    const bool errorEvent = event.type == "error";
    if ((!err.isUndefined() && !err.isNull() && err != QJsonValue(false)) || errorEvent) {
        ProviderError pe = AdapterUtil::errorFromJson(obj, 0);
        if (pe.isNull()) { // `event: error` whose JSON has no error object
            pe = AdapterUtil::parseErrorBody(0, event.data);
        }
        StreamEvent e;
        e.type = StreamEvent::Type::Error;
        e.error = pe;
        out.append(e);
        m_sawError = true;
        return;
    }
    handleChunk(obj, out);
}

void OpenAIAdapter::handleChunk(const QJsonObject &chunk, QList<StreamEvent> &out)
{
    const QJsonArray choices = chunk.value(L("choices")).toArray();
    for (const QJsonValue &cv : choices) {
        const QJsonObject choice = cv.toObject();
        if (choice.value(L("index")).toInt(0) != 0)
            continue;
        const QJsonObject delta = choice.value(L("delta")).toObject();
        for (const char *key : {"reasoning_content", "reasoning"}) {
            const QJsonValue r = delta.value(L(key));
            if (r.isString() && !r.toString().isEmpty())
                out.append(StreamEvent::thinkingDelta(r.toString()));
        }
        const QJsonValue content = delta.value(L("content"));
        if (content.isString() && !content.toString().isEmpty())
            out.append(StreamEvent::textDelta(content.toString()));
        const QJsonValue refusal = delta.value(L("refusal"));
        if (refusal.isString() && !refusal.toString().isEmpty()) {
            m_sawRefusal = true;
            out.append(StreamEvent::textDelta(refusal.toString()));
        }
        const QJsonArray calls = delta.value(L("tool_calls")).toArray();
        for (const QJsonValue &tv : calls) {
            const QJsonObject tc = tv.toObject();
            const QJsonObject fn = tc.value(L("function")).toObject();
            StreamEvent e;
            e.type = StreamEvent::Type::ToolCallDelta;
            e.toolId = tc.value(L("id")).toString();
            e.toolName = fn.value(L("name")).toString();
            e.text = AdapterUtil::jsonString(fn.value(L("arguments")));
            const QJsonValue idx = tc.value(L("index"));
            if (idx.isDouble() && idx.toInt(-1) >= 0 && idx.toInt(-1) < 4096) {
                e.toolIndex = idx.toInt();
            } else if (!e.toolId.isEmpty() && e.toolId != m_lastToolId) {
                e.toolIndex = m_toolCount; // servers that omit the index: a new id is a new call
            } else {
                e.toolIndex = qMax(0, m_lastToolIndex);
            }
            if (!e.toolId.isEmpty())
                m_lastToolId = e.toolId;
            m_lastToolIndex = e.toolIndex;
            m_toolCount = qMax(m_toolCount, e.toolIndex + 1);
            out.append(e);
        }
        const QJsonValue fr = choice.value(L("finish_reason"));
        if (fr.isString()) {
            m_rawFinish = fr.toString();
            m_sawFinishReason = true;
        }
    }
    const QJsonValue usage = chunk.value(L("usage"));
    if (usage.isObject()) {
        const QJsonObject u = usage.toObject();
        StreamEvent e;
        e.type = StreamEvent::Type::Usage;
        e.inputTokens = AdapterUtil::tokenCount(u.value(L("prompt_tokens")));
        e.outputTokens = AdapterUtil::tokenCount(u.value(L("completion_tokens")));
        out.append(e);
    }
}
