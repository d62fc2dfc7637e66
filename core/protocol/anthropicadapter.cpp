// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "anthropicadapter.h"

#include "adapterutil.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
QLatin1StringView L(const char *s) { return QLatin1StringView(s); }

QJsonValue parsedArguments(const QString &args)
{
    const QJsonDocument doc = QJsonDocument::fromJson(args.toUtf8());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(QJsonObject());
}

QJsonObject textMessage(const char *role, const QString &text)
{
    return {{L("role"), L(role)}, {L("content"), text}};
}

qint64 totalInput(const QJsonObject &usage)
{
    const qint64 in = AdapterUtil::tokenCount(usage.value(L("input_tokens")));
    if (in < 0)
        return -1;
    return in + qMax<qint64>(0, AdapterUtil::tokenCount(usage.value(L("cache_creation_input_tokens"))))
           + qMax<qint64>(0, AdapterUtil::tokenCount(usage.value(L("cache_read_input_tokens"))));
}
} // namespace

FinishReason AnthropicAdapter::mapStopReason(const QString &raw)
{
    if (raw == L("max_tokens") || raw == L("model_context_window_exceeded"))
        return FinishReason::Length;
    if (raw == L("tool_use"))
        return FinishReason::ToolCalls;
    if (raw == L("refusal"))
        return FinishReason::ContentFilter;
    return FinishReason::Stop; // end_turn, stop_sequence, pause_turn, unknown
}

HttpRequestSpec AnthropicAdapter::buildRequest(const ChatRequest &request, const ProviderConfig &config) const
{
    const ChatOptions &opt = request.options;
    QString system = opt.systemPrompt;
    QJsonArray messages;
    for (const ChatMessage &m : request.messages) {
        switch (m.role) {
        case ChatMessage::Role::System:
            system += (system.isEmpty() ? QString() : QStringLiteral("\n\n")) + m.content;
            break;
        case ChatMessage::Role::User:
            messages.append(textMessage("user", m.content));
            break;
        case ChatMessage::Role::Assistant: {
            QJsonArray blocks;
            if (!m.thinking.isEmpty() && !m.thinkingSignature.isEmpty())
                blocks.append(QJsonObject{{L("type"), L("thinking")}, {L("thinking"), m.thinking},
                                          {L("signature"), m.thinkingSignature}});
            if (!m.content.isEmpty())
                blocks.append(QJsonObject{{L("type"), L("text")}, {L("text"), m.content}});
            for (const ToolCall &tc : m.toolCalls)
                blocks.append(QJsonObject{{L("type"), L("tool_use")}, {L("id"), tc.id}, {L("name"), tc.name},
                                          {L("input"), parsedArguments(tc.arguments)}});
            if (!blocks.isEmpty())
                messages.append(QJsonObject{{L("role"), L("assistant")}, {L("content"), blocks}});
            break;
        }
        case ChatMessage::Role::Tool:
            messages.append(QJsonObject{
                {L("role"), L("user")},
                {L("content"), QJsonArray{QJsonObject{{L("type"), L("tool_result")},
                                                      {L("tool_use_id"), m.toolCallId},
                                                      {L("content"), m.content}}}}});
            break;
        }
    }
    AdapterUtil::appendContinuation(messages, request);

    const bool thinking = opt.thinkingBudget > 0;
    int maxTokens = opt.maxTokens;
    if (maxTokens <= 0)
        maxTokens = thinking ? opt.thinkingBudget + 4096 : 4096;
    QJsonObject body{{L("model"), opt.model.isEmpty() ? config.defaultModel : opt.model},
                     {L("max_tokens"), maxTokens},
                     {L("messages"), messages},
                     {L("stream"), true}};
    if (!system.isEmpty())
        body.insert(L("system"), system);
    if (opt.temperature >= 0 && !thinking)
        body.insert(L("temperature"), opt.temperature);
    if (!opt.stopSequences.isEmpty())
        body.insert(L("stop_sequences"), QJsonArray::fromStringList(opt.stopSequences));
    if (!opt.tools.isEmpty()) {
        QJsonArray tools;
        for (const QJsonValue &t : opt.tools) {
            const QJsonObject d = t.toObject();
            QJsonObject tool{{L("name"), d.value(L("name"))}};
            if (d.contains(L("description")))
                tool.insert(L("description"), d.value(L("description")));
            tool.insert(L("input_schema"), d.contains(L("parameters")) ? d.value(L("parameters"))
                                                                        : QJsonObject{{L("type"), L("object")}});
            tools.append(tool);
        }
        body.insert(L("tools"), tools);
    }
    if (thinking)
        body.insert(L("thinking"), QJsonObject{{L("type"), L("enabled")}, {L("budget_tokens"), opt.thinkingBudget}});

    HttpRequestSpec spec;
    const bool hasV1 = config.baseUrl.path().endsWith(u"/v1") || config.baseUrl.path().endsWith(u"/v1/");
    spec.url = AdapterUtil::joinUrl(config.baseUrl, hasV1 ? u"messages" : u"v1/messages");
    spec.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                    {QByteArrayLiteral("Accept"), QByteArrayLiteral("text/event-stream")},
                    versionHeader()};
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

QPair<QByteArray, QByteArray> AnthropicAdapter::versionHeader()
{
    return {QByteArrayLiteral("anthropic-version"), QByteArrayLiteral("2023-06-01")};
}

QPair<QByteArray, QByteArray> AnthropicAdapter::authHeader(const QString &apiKey) const
{
    if (apiKey.isEmpty())
        return {};
    return {QByteArrayLiteral("x-api-key"), apiKey.toUtf8()};
}

QUrl AnthropicAdapter::modelsUrl(const ProviderConfig &config) const
{
    const bool hasV1 = config.baseUrl.path().endsWith(u"/v1") || config.baseUrl.path().endsWith(u"/v1/");
    return AdapterUtil::joinUrl(config.baseUrl, hasV1 ? u"models" : u"v1/models");
}

ProviderError AnthropicAdapter::parseErrorBody(int httpStatus, const QByteArray &body) const
{
    return AdapterUtil::parseErrorBody(httpStatus, body);
}

void AnthropicAdapter::emitUsage(QList<StreamEvent> &out)
{
    StreamEvent e;
    e.type = StreamEvent::Type::Usage;
    e.inputTokens = m_input;
    e.outputTokens = m_output;
    out.append(e);
}

void AnthropicAdapter::handleEvent(const SseItem &event, qint64 eventNumber, QList<StreamEvent> &out)
{
    QJsonObject obj;
    if (!parseObject(event.data, eventNumber, &obj))
        return;
    QString type = QString::fromUtf8(event.type);
    if (type == L("message"))
        type = obj.value(L("type")).toString();

    if (type == L("content_block_delta")) {
        const int index = obj.value(L("index")).toInt(-1);
        const QJsonObject delta = obj.value(L("delta")).toObject();
        const QString dt = delta.value(L("type")).toString();
        if (dt == L("text_delta")) {
            out.append(StreamEvent::textDelta(delta.value(L("text")).toString()));
        } else if (dt == L("thinking_delta")) {
            out.append(StreamEvent::thinkingDelta(delta.value(L("thinking")).toString()));
        } else if (dt == L("signature_delta")) {
            StreamEvent e;
            e.type = StreamEvent::Type::ThinkingSignature;
            e.text = delta.value(L("signature")).toString();
            out.append(e);
        } else if (dt == L("input_json_delta")) {
            auto it = m_toolBlocks.find(index);
            if (it == m_toolBlocks.end())
                return; // not a tool block we know: nothing to attach it to
            it->sawJson = true;
            StreamEvent e;
            e.type = StreamEvent::Type::ToolCallDelta;
            e.toolIndex = it->toolIndex;
            e.text = delta.value(L("partial_json")).toString();
            out.append(e);
        }
    } else if (type == L("content_block_start")) {
        const int index = obj.value(L("index")).toInt(-1);
        const QJsonObject block = obj.value(L("content_block")).toObject();
        const QString bt = block.value(L("type")).toString();
        if (bt == L("text")) {
            const QString t = block.value(L("text")).toString();
            if (!t.isEmpty())
                out.append(StreamEvent::textDelta(t));
        } else if (bt == L("thinking")) {
            const QString t = block.value(L("thinking")).toString();
            if (!t.isEmpty())
                out.append(StreamEvent::thinkingDelta(t));
            const QString sig = block.value(L("signature")).toString();
            if (!sig.isEmpty()) {
                StreamEvent e;
                e.type = StreamEvent::Type::ThinkingSignature;
                e.text = sig;
                out.append(e);
            }
        } else if (bt == L("tool_use") || bt == L("server_tool_use")) {
            ToolBlock tb;
            tb.toolIndex = m_toolCount++;
            tb.startInput = AdapterUtil::jsonString(block.value(L("input")));
            m_toolBlocks.insert(index, tb);
            StreamEvent e;
            e.type = StreamEvent::Type::ToolCallDelta;
            e.toolIndex = tb.toolIndex;
            e.toolId = block.value(L("id")).toString();
            e.toolName = block.value(L("name")).toString();
            out.append(e);
        }
    } else if (type == L("content_block_stop")) {
        const auto it = m_toolBlocks.constFind(obj.value(L("index")).toInt(-1));
        if (it != m_toolBlocks.constEnd() && !it->sawJson) {
            StreamEvent e;
            e.type = StreamEvent::Type::ToolCallDelta;
            e.toolIndex = it->toolIndex;
            e.text = it->startInput.isEmpty() ? QStringLiteral("{}") : it->startInput;
            out.append(e);
        }
    } else if (type == L("message_start")) {
        const QJsonObject usage = obj.value(L("message")).toObject().value(L("usage")).toObject();
        m_input = totalInput(usage);
        m_output = AdapterUtil::tokenCount(usage.value(L("output_tokens")));
        if (!usage.isEmpty())
            emitUsage(out);
    } else if (type == L("message_delta")) {
        const QJsonValue sr = obj.value(L("delta")).toObject().value(L("stop_reason"));
        if (sr.isString())
            m_rawStop = sr.toString();
        const QJsonObject usage = obj.value(L("usage")).toObject();
        if (!usage.isEmpty()) {
            const qint64 in = totalInput(usage);
            if (in >= 0)
                m_input = in;
            const qint64 outTokens = AdapterUtil::tokenCount(usage.value(L("output_tokens")));
            if (outTokens >= 0)
                m_output = outTokens;
            emitUsage(out);
        }
    } else if (type == L("message_stop")) {
        m_terminated = true;
        StreamEvent e;
        e.type = StreamEvent::Type::Finish;
        e.rawFinishReason = m_rawStop;
        e.finishReason = mapStopReason(m_rawStop);
        out.append(e);
    } else if (type == L("ping")) {
        out.append(StreamEvent::keepAlive());
    } else if (type == L("error")) {
        StreamEvent e;
        e.type = StreamEvent::Type::Error;
        e.error = AdapterUtil::errorFromJson(obj, 0);
        if (e.error.isNull())
            e.error = AdapterUtil::parseErrorBody(0, event.data);
        out.append(e);
    }
    // Unknown events are ignored, as the API asks.
}
