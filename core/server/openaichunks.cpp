// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "openaichunks.h"

#include "protocol/jsonwriter.h"
#include "protocol/messageaccumulator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

OpenAIChunkFormatter::OpenAIChunkFormatter(const QString &id, const QString &model, qint64 created)
    : m_id(id), m_model(model), m_created(created)
{
    m_prefix = QByteArrayLiteral("data: {\"id\":");
    JsonWriter::appendString(m_prefix, id);
    m_prefix += QByteArrayLiteral(",\"object\":\"chat.completion.chunk\",\"created\":") + QByteArray::number(created)
            + QByteArrayLiteral(",\"model\":");
    JsonWriter::appendString(m_prefix, model);
    m_prefix += QByteArrayLiteral(",\"choices\":[");
}

QString OpenAIChunkFormatter::newCompletionId()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString id = QStringLiteral("chatcmpl-");
    for (int i = 0; i < 24; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]));
    return id;
}

QByteArray OpenAIChunkFormatter::openAiFinishReason(FinishReason reason)
{
    switch (reason) {
    case FinishReason::Length: return QByteArrayLiteral("length");
    case FinishReason::ToolCalls: return QByteArrayLiteral("tool_calls");
    case FinishReason::ContentFilter: return QByteArrayLiteral("content_filter");
    default: return QByteArrayLiteral("stop");
    }
}

static const QByteArray kChoiceOpen = QByteArrayLiteral("{\"index\":0,\"delta\":");
static const QByteArray kChoiceClose = QByteArrayLiteral(",\"logprobs\":null,\"finish_reason\":null}]}\n\n");

QByteArray OpenAIChunkFormatter::roleChunk() const
{
    return m_prefix + kChoiceOpen + QByteArrayLiteral("{\"role\":\"assistant\",\"content\":\"\"}") + kChoiceClose;
}

QByteArray OpenAIChunkFormatter::chunkFor(const StreamEvent &e)
{
    QByteArray out;
    switch (e.type) {
    case StreamEvent::Type::TextDelta:
    case StreamEvent::Type::ThinkingDelta:
        out.reserve(m_prefix.size() + kChoiceOpen.size() + kChoiceClose.size() + e.text.size() * 2 + 32);
        out = m_prefix + kChoiceOpen;
        out += e.type == StreamEvent::Type::TextDelta ? QByteArrayLiteral("{\"content\":")
                                                       : QByteArrayLiteral("{\"reasoning_content\":");
        JsonWriter::appendString(out, e.text);
        out += '}' + kChoiceClose;
        return out;
    case StreamEvent::Type::ToolCallDelta:
        out = m_prefix + kChoiceOpen + QByteArrayLiteral("{\"tool_calls\":[{\"index\":")
                + QByteArray::number(qMax(0, e.toolIndex));
        if (!e.toolId.isEmpty()) {
            out += QByteArrayLiteral(",\"id\":");
            JsonWriter::appendString(out, e.toolId);
            out += QByteArrayLiteral(",\"type\":\"function\"");
        }
        out += QByteArrayLiteral(",\"function\":{");
        if (!e.toolName.isEmpty()) {
            out += QByteArrayLiteral("\"name\":");
            JsonWriter::appendString(out, e.toolName);
            out += ',';
        }
        out += QByteArrayLiteral("\"arguments\":");
        JsonWriter::appendString(out, e.text);
        out += QByteArrayLiteral("}}]}") + kChoiceClose;
        return out;
    case StreamEvent::Type::Usage:
        if (e.inputTokens >= 0)
            m_inputTokens = e.inputTokens;
        if (e.outputTokens >= 0)
            m_outputTokens = e.outputTokens;
        return {};
    case StreamEvent::Type::Finish:
        return m_prefix + kChoiceOpen + QByteArrayLiteral("{},\"logprobs\":null,\"finish_reason\":\"")
                + openAiFinishReason(e.finishReason) + QByteArrayLiteral("\"}]}\n\n");
    default:
        return {};
    }
}

static QJsonObject usageObject(qint64 in, qint64 out)
{
    const qint64 i = qMax<qint64>(0, in), o = qMax<qint64>(0, out);
    return {{QStringLiteral("prompt_tokens"), i}, {QStringLiteral("completion_tokens"), o},
            {QStringLiteral("total_tokens"), i + o}};
}

QByteArray OpenAIChunkFormatter::usageChunk() const
{
    return m_prefix + QByteArrayLiteral("],\"usage\":")
            + QJsonDocument(usageObject(m_inputTokens, m_outputTokens)).toJson(QJsonDocument::Compact)
            + QByteArrayLiteral("}\n\n");
}

QByteArray OpenAIChunkFormatter::errorEvent(const ApiError &error)
{
    return QByteArrayLiteral("data: ") + error.toJson() + QByteArrayLiteral("\n\n");
}

QByteArray OpenAIChunkFormatter::completion(const MessageAccumulator &answer) const
{
    QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")},
                        {QStringLiteral("content"), answer.text()},
                        {QStringLiteral("refusal"), QJsonValue::Null}};
    if (!answer.thinking().isEmpty())
        message.insert(QStringLiteral("reasoning_content"), answer.thinking());
    const QList<ToolCall> calls = answer.toolCalls();
    if (!calls.isEmpty()) {
        QJsonArray list;
        for (const ToolCall &c : calls)
            list.append(QJsonObject{{QStringLiteral("id"), c.id},
                                    {QStringLiteral("type"), QStringLiteral("function")},
                                    {QStringLiteral("function"), QJsonObject{{QStringLiteral("name"), c.name},
                                                                            {QStringLiteral("arguments"), c.arguments}}}});
        message.insert(QStringLiteral("tool_calls"), list);
    }
    const QJsonObject choice{{QStringLiteral("index"), 0},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("logprobs"), QJsonValue::Null},
                             {QStringLiteral("finish_reason"), QString::fromLatin1(openAiFinishReason(answer.finishReason()))}};
    const QJsonObject root{{QStringLiteral("id"), m_id},
                           {QStringLiteral("object"), QStringLiteral("chat.completion")},
                           {QStringLiteral("created"), m_created},
                           {QStringLiteral("model"), m_model},
                           {QStringLiteral("choices"), QJsonArray{choice}},
                           {QStringLiteral("usage"), usageObject(answer.inputTokens(), answer.outputTokens())}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}
