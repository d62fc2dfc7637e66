// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "ollamaadapter.h"

#include "adapterutil.h"
#include "util/logging.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {
QLatin1StringView L(const char *s) { return QLatin1StringView(s); }

QJsonObject textMessage(const char *role, const QString &text)
{
    return {{L("role"), L(role)}, {L("content"), text}};
}
} // namespace

HttpRequestSpec OllamaAdapter::buildRequest(const ChatRequest &request, const ProviderConfig &config) const
{
    const ChatOptions &opt = request.options;
    QJsonArray messages;
    if (!opt.systemPrompt.isEmpty())
        messages.append(textMessage("system", opt.systemPrompt));
    QHash<QString, QString> toolNames; // call id -> function name, for tool results
    for (const ChatMessage &m : request.messages) {
        switch (m.role) {
        case ChatMessage::Role::System:
            messages.append(textMessage("system", m.content));
            break;
        case ChatMessage::Role::User:
            messages.append(textMessage("user", m.content));
            break;
        case ChatMessage::Role::Assistant: {
            QJsonObject o = textMessage("assistant", m.content);
            if (!m.thinking.isEmpty())
                o.insert(L("thinking"), m.thinking);
            if (!m.toolCalls.isEmpty()) {
                QJsonArray calls;
                for (const ToolCall &tc : m.toolCalls) {
                    toolNames.insert(tc.id, tc.name);
                    const QJsonDocument args = QJsonDocument::fromJson(tc.arguments.toUtf8());
                    calls.append(QJsonObject{{L("function"), QJsonObject{{L("name"), tc.name},
                                                                         {L("arguments"), args.isObject() ? args.object() : QJsonObject()}}}});
                }
                o.insert(L("tool_calls"), calls);
            }
            messages.append(o);
            break;
        }
        case ChatMessage::Role::Tool: {
            QJsonObject o = textMessage("tool", m.content);
            const QString name = toolNames.value(m.toolCallId);
            if (!name.isEmpty())
                o.insert(L("tool_name"), name);
            messages.append(o);
            break;
        }
        }
    }
    AdapterUtil::appendContinuation(messages, request);

    QJsonObject body{{L("model"), opt.model.isEmpty() ? config.defaultModel : opt.model},
                     {L("messages"), messages},
                     {L("stream"), true}};
    QJsonObject options;
    if (opt.temperature >= 0)
        options.insert(L("temperature"), opt.temperature);
    if (opt.maxTokens > 0)
        options.insert(L("num_predict"), opt.maxTokens);
    if (!opt.stopSequences.isEmpty())
        options.insert(L("stop"), QJsonArray::fromStringList(opt.stopSequences));
    if (!options.isEmpty())
        body.insert(L("options"), options);
    if (!opt.tools.isEmpty())
        body.insert(L("tools"), AdapterUtil::functionTools(opt.tools));
    if (opt.thinkingBudget > 0)
        body.insert(L("think"), true);

    HttpRequestSpec spec;
    spec.url = AdapterUtil::joinUrl(config.baseUrl, u"api/chat");
    spec.headers = {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")},
                    {QByteArrayLiteral("Accept"), QByteArrayLiteral("application/x-ndjson")}};
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

QPair<QByteArray, QByteArray> OllamaAdapter::authHeader(const QString &apiKey) const
{
    if (apiKey.isEmpty())
        return {};
    return {QByteArrayLiteral("Authorization"), "Bearer " + apiKey.toUtf8()};
}

QUrl OllamaAdapter::modelsUrl(const ProviderConfig &config) const
{
    return AdapterUtil::joinUrl(config.baseUrl, u"api/tags");
}

ProviderError OllamaAdapter::parseErrorBody(int httpStatus, const QByteArray &body) const
{
    return AdapterUtil::parseErrorBody(httpStatus, body);
}

void OllamaAdapter::feed(QByteArrayView bytes, QList<StreamEvent> &out)
{
    if (m_error.isError())
        return;
    m_lines.clear();
    const qint64 before = m_decoder.lineCount();
    m_decoder.feed(bytes, m_lines);
    for (qsizetype i = 0; i < m_lines.size() && !m_error.isError() && !m_terminated; ++i)
        handleLine(m_lines.at(i), before + i + 1, out);
    if (!m_error.isError() && m_decoder.hasError()) {
        m_error.kind = DecodeError::Kind::LimitExceeded;
        m_error.message = m_decoder.errorString();
        qCDebug(lcProtocol) << "decode error:" << m_error.message;
    }
}

void OllamaAdapter::finish(QList<StreamEvent> &out)
{
    const QByteArray rest = m_decoder.takeRemainder();
    if (rest.isEmpty() || m_error.isError() || m_terminated)
        return;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(rest, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        m_midLine = true; // cut off inside a line: truncated, not malformed
        return;
    }
    handleLine(rest, m_decoder.lineCount() + 1, out);
}

void OllamaAdapter::handleLine(const QByteArray &line, qint64 lineNumber, QList<StreamEvent> &out)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        m_error.kind = DecodeError::Kind::Malformed;
        m_error.message = pe.error != QJsonParseError::NoError
                              ? AdapterUtil::malformedMessage("line", lineNumber, pe.errorString())
                              : QStringLiteral("invalid JSON in line %1: not an object").arg(lineNumber);
        qCDebug(lcProtocol) << "decode error:" << m_error.message;
        return;
    }
    const QJsonObject obj = doc.object();
    if (obj.contains(L("error"))) {
        StreamEvent e;
        e.type = StreamEvent::Type::Error;
        e.error = AdapterUtil::errorFromJson(obj, 0);
        if (e.error.isNull())
            e.error = AdapterUtil::parseErrorBody(0, line);
        out.append(e);
        return;
    }
    const QJsonObject msg = obj.value(L("message")).toObject();
    const QString thinking = msg.value(L("thinking")).toString();
    if (!thinking.isEmpty())
        out.append(StreamEvent::thinkingDelta(thinking));
    const QString content = msg.value(L("content")).toString();
    if (!content.isEmpty())
        out.append(StreamEvent::textDelta(content));
    const QJsonArray calls = msg.value(L("tool_calls")).toArray();
    for (const QJsonValue &cv : calls) {
        const QJsonObject call = cv.toObject();
        const QJsonObject fn = call.value(L("function")).toObject();
        StreamEvent e;
        e.type = StreamEvent::Type::ToolCallDelta;
        e.toolIndex = m_toolCount++;
        e.toolId = call.value(L("id")).toString();
        e.toolName = fn.value(L("name")).toString();
        const QJsonValue args = fn.value(L("arguments"));
        e.text = args.isUndefined() || args.isNull() ? QStringLiteral("{}") : AdapterUtil::jsonString(args);
        out.append(e);
    }
    if (obj.value(L("done")).toBool()) {
        m_terminated = true;
        StreamEvent u;
        u.type = StreamEvent::Type::Usage;
        u.inputTokens = qMax<qint64>(0, AdapterUtil::tokenCount(obj.value(L("prompt_eval_count"))));
        u.outputTokens = qMax<qint64>(0, AdapterUtil::tokenCount(obj.value(L("eval_count"))));
        out.append(u);
        StreamEvent f;
        f.type = StreamEvent::Type::Finish;
        f.rawFinishReason = obj.value(L("done_reason")).toString();
        if (f.rawFinishReason == L("length"))
            f.finishReason = FinishReason::Length;
        else if (m_toolCount > 0)
            f.finishReason = FinishReason::ToolCalls;
        else
            f.finishReason = FinishReason::Stop;
        out.append(f);
    }
}
