// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "faultwire.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace FaultInjection {

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString contentText(const QJsonValue &content)
{
    if (content.isString())
        return content.toString();
    QString out;
    for (const QJsonValue &part : content.toArray()) {
        const QJsonObject p = part.toObject();
        if (p.value("type"_L1).toString() == "text"_L1)
            out += p.value("text"_L1).toString();
    }
    return out;
}

// The deterministic text of huge streams.
constexpr QLatin1StringView HugePattern{"The quick brown fox jumps over the lazy dog. "};

} // namespace

WireProvider providerForPath(const QByteArray &rawPath)
{
    QByteArray path = rawPath;
    const qsizetype q = path.indexOf('?');
    if (q >= 0)
        path.truncate(q);
    if (path.endsWith("/chat/completions"))
        return WireProvider::OpenAI;
    if (path.endsWith("/v1/messages"))
        return WireProvider::Anthropic;
    if (path.endsWith("/api/chat"))
        return WireProvider::Ollama;
    return WireProvider::Auto;
}

Continuation findContinuation(const QByteArray &requestBody, const QString &canonical)
{
    Continuation c;
    const QJsonArray messages = QJsonDocument::fromJson(requestBody).object().value("messages"_L1).toArray();
    const qsizetype n = messages.size();
    if (n == 0)
        return c;
    const QJsonObject last = messages.at(n - 1).toObject();
    if (last.value("role"_L1).toString() == "assistant"_L1) {
        c.present = true;
        c.partial = contentText(last.value("content"_L1));
    } else if (n >= 2 && last.value("role"_L1).toString() == "user"_L1
               && contentText(last.value("content"_L1)).contains("continue"_L1, Qt::CaseInsensitive)) {
        const QJsonObject prev = messages.at(n - 2).toObject();
        if (prev.value("role"_L1).toString() == "assistant"_L1) {
            c.present = true;
            c.partial = contentText(prev.value("content"_L1));
        }
    }
    if (!c.present)
        return c;
    if (canonical.startsWith(c.partial)) {
        c.offset = c.partial.size();
        return c;
    }
    // The client may have trimmed or re-stitched: locate the partial's tail.
    QString trimmed = c.partial;
    while (!trimmed.isEmpty() && trimmed.back().isSpace())
        trimmed.chop(1);
    if (canonical.startsWith(trimmed)) {
        c.offset = trimmed.size();
        return c;
    }
    const QString tail = trimmed.right(32);
    if (!tail.isEmpty()) {
        const qsizetype at = canonical.indexOf(tail);
        if (at >= 0)
            c.offset = at + tail.size();
    }
    return c;
}

QStringList splitCodePoints(const QString &text, int n)
{
    QStringList out;
    qsizetype start = 0;
    int count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size())
            ++i;
        if (++count == n) {
            out.append(text.mid(start, i + 1 - start));
            start = i + 1;
            count = 0;
        }
    }
    if (start < text.size())
        out.append(text.mid(start));
    return out;
}

EventSource::EventSource(WireProvider provider, const FaultScript &script, const FaultPlan &plan,
                         const QString &text, bool includeThinking)
    : m_provider(provider), m_script(script), m_plan(plan)
{
    const CanonicalAnswer &a = script.answer;
    m_finish = !a.finishReason.isEmpty() ? a.finishReason
               : a.toolCalls.isEmpty()   ? u"stop"_s
                                         : u"tool_calls"_s;
    qint64 chars = text.size() + (includeThinking ? a.thinking.size() : 0);
    m_hugeRemaining = plan.hugeBytes;
    if (plan.hugeBytes > 0)
        chars += plan.hugeBytes;
    m_outputTokens = a.outputTokens >= 0 ? a.outputTokens : qMax<qint64>(1, chars / 4);

    if (provider == WireProvider::OpenAI)
        m_head.append(openaiChunk(R"({"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null})"));
    else if (provider == WireProvider::Anthropic) {
        QJsonObject usage{{u"input_tokens"_s, a.inputTokens}, {u"output_tokens"_s, 1}};
        QJsonObject msg{{u"id"_s, u"msg_fault"_s}, {u"type"_s, u"message"_s}, {u"role"_s, u"assistant"_s},
                        {u"content"_s, QJsonArray()}, {u"model"_s, script.model},
                        {u"stop_reason"_s, QJsonValue::Null}, {u"stop_sequence"_s, QJsonValue::Null},
                        {u"usage"_s, usage}};
        m_head.append(sse("message_start", compact({{u"type"_s, u"message_start"_s}, {u"message"_s, msg}})));
    }
    if (includeThinking && !a.thinking.isEmpty()) {
        if (provider == WireProvider::Anthropic)
            m_head.append(sse("content_block_start", compact({{u"type"_s, u"content_block_start"_s}, {u"index"_s, m_block},
                {u"content_block"_s, QJsonObject{{u"type"_s, u"thinking"_s}, {u"thinking"_s, u""_s}, {u"signature"_s, u""_s}}}})));
        for (const QString &piece : splitCodePoints(a.thinking, plan.chunkChars))
            m_head.append(thinkingEvent(piece));
        if (provider == WireProvider::Anthropic) {
            m_head.append(sse("content_block_delta", compact({{u"type"_s, u"content_block_delta"_s}, {u"index"_s, m_block},
                {u"delta"_s, QJsonObject{{u"type"_s, u"signature_delta"_s}, {u"signature"_s, u"c2lnbmF0dXJl"_s}}}})));
            m_head.append(sse("content_block_stop", compact({{u"type"_s, u"content_block_stop"_s}, {u"index"_s, m_block}})));
            ++m_block;
        }
    }
    for (const QString &piece : splitCodePoints(text, plan.chunkChars))
        m_head.append(textEvent(piece));
}

bool EventSource::next(QByteArray *event)
{
    if (m_headPos < m_head.size()) {
        *event = std::move(m_head[m_headPos++]);
        return true;
    }
    if (m_hugeRemaining > 0) {
        QString piece;
        const int n = qMax(m_plan.chunkChars, 1);
        for (int i = 0; i < n; ++i)
            piece += HugePattern.at((m_hugeOffset++) % HugePattern.size());
        *event = textEvent(piece);
        m_hugeRemaining -= event->size();
        return true;
    }
    if (!m_tailBuilt) {
        m_head.clear();
        appendTools(m_tail);
        appendEnd(m_tail);
        m_tailBuilt = true;
    }
    if (m_tailPos < m_tail.size()) {
        *event = std::move(m_tail[m_tailPos++]);
        return true;
    }
    return false;
}

QByteArray EventSource::sse(const QByteArray &eventName, const QByteArray &json) const
{
    const QByteArray eol = m_plan.crlf ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    QByteArray out;
    if (!eventName.isEmpty())
        out += "event: " + eventName + eol;
    out += "data: " + json + eol + eol;
    return out;
}

QByteArray EventSource::openaiChunk(const QByteArray &choiceJson) const
{
    QByteArray model = QJsonDocument(QJsonArray{m_script.model}).toJson(QJsonDocument::Compact);
    model = model.mid(1, model.size() - 2);
    return sse({}, R"({"id":"chatcmpl-fault","object":"chat.completion.chunk","created":1700000000,"model":)"
                       + model + R"(,"choices":[)" + choiceJson + "]}");
}

QByteArray EventSource::ollamaLine(const QByteArray &messageJson, bool done) const
{
    QByteArray model = QJsonDocument(QJsonArray{m_script.model}).toJson(QJsonDocument::Compact);
    model = model.mid(1, model.size() - 2);
    return R"({"model":)" + model + R"(,"created_at":"2026-01-01T00:00:00Z","message":)" + messageJson
           + R"(,"done":)" + (done ? "true" : "false") + "}\n";
}

QByteArray EventSource::textEvent(const QString &delta)
{
    switch (m_provider) {
    case WireProvider::OpenAI:
        return openaiChunk(R"({"index":0,"delta":)" + compact({{u"content"_s, delta}}) + R"(,"finish_reason":null})");
    case WireProvider::Anthropic: {
        QByteArray out;
        if (!m_textOpen) {
            m_textOpen = true;
            out = sse("content_block_start", compact({{u"type"_s, u"content_block_start"_s}, {u"index"_s, m_block},
                {u"content_block"_s, QJsonObject{{u"type"_s, u"text"_s}, {u"text"_s, u""_s}}}}));
        }
        return out + sse("content_block_delta", compact({{u"type"_s, u"content_block_delta"_s}, {u"index"_s, m_block},
            {u"delta"_s, QJsonObject{{u"type"_s, u"text_delta"_s}, {u"text"_s, delta}}}}));
    }
    case WireProvider::Ollama:
    case WireProvider::Auto:
        break;
    }
    return ollamaLine(compact({{u"role"_s, u"assistant"_s}, {u"content"_s, delta}}), false);
}

QByteArray EventSource::thinkingEvent(const QString &delta)
{
    switch (m_provider) {
    case WireProvider::OpenAI:
        return openaiChunk(R"({"index":0,"delta":)" + compact({{u"reasoning_content"_s, delta}}) + R"(,"finish_reason":null})");
    case WireProvider::Anthropic:
        return sse("content_block_delta", compact({{u"type"_s, u"content_block_delta"_s}, {u"index"_s, m_block},
            {u"delta"_s, QJsonObject{{u"type"_s, u"thinking_delta"_s}, {u"thinking"_s, delta}}}}));
    case WireProvider::Ollama:
    case WireProvider::Auto:
        break;
    }
    return ollamaLine(compact({{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}, {u"thinking"_s, delta}}), false);
}

void EventSource::appendTools(QList<QByteArray> &out)
{
    if (m_provider == WireProvider::Anthropic && m_textOpen) {
        out.append(sse("content_block_stop", compact({{u"type"_s, u"content_block_stop"_s}, {u"index"_s, m_block}})));
        ++m_block;
        m_textOpen = false;
    }
    const QList<FakeToolCall> &calls = m_script.answer.toolCalls;
    for (int i = 0; i < calls.size(); ++i) {
        const FakeToolCall &c = calls.at(i);
        const QString id = c.id.isEmpty() ? u"call_%1"_s.arg(i) : c.id;
        const QStringList pieces = splitCodePoints(c.arguments, qMax(m_plan.chunkChars, 1));
        if (m_provider == WireProvider::OpenAI) {
            QJsonObject first{{u"index"_s, i}, {u"id"_s, id}, {u"type"_s, u"function"_s},
                              {u"function"_s, QJsonObject{{u"name"_s, c.name}, {u"arguments"_s, u""_s}}}};
            out.append(openaiChunk(R"({"index":0,"delta":)" + compact({{u"tool_calls"_s, QJsonArray{first}}}) + R"(,"finish_reason":null})"));
            for (const QString &p : pieces) {
                QJsonObject frag{{u"index"_s, i}, {u"function"_s, QJsonObject{{u"arguments"_s, p}}}};
                out.append(openaiChunk(R"({"index":0,"delta":)" + compact({{u"tool_calls"_s, QJsonArray{frag}}}) + R"(,"finish_reason":null})"));
            }
        } else if (m_provider == WireProvider::Anthropic) {
            out.append(sse("content_block_start", compact({{u"type"_s, u"content_block_start"_s}, {u"index"_s, m_block},
                {u"content_block"_s, QJsonObject{{u"type"_s, u"tool_use"_s}, {u"id"_s, id}, {u"name"_s, c.name}, {u"input"_s, QJsonObject()}}}})));
            for (const QString &p : pieces)
                out.append(sse("content_block_delta", compact({{u"type"_s, u"content_block_delta"_s}, {u"index"_s, m_block},
                    {u"delta"_s, QJsonObject{{u"type"_s, u"input_json_delta"_s}, {u"partial_json"_s, p}}}})));
            out.append(sse("content_block_stop", compact({{u"type"_s, u"content_block_stop"_s}, {u"index"_s, m_block}})));
            ++m_block;
        } else {
            const QJsonObject args = QJsonDocument::fromJson(c.arguments.toUtf8()).object();
            QJsonObject call{{u"id"_s, id}, {u"function"_s, QJsonObject{{u"index"_s, i}, {u"name"_s, c.name}, {u"arguments"_s, args}}}};
            out.append(ollamaLine(compact({{u"role"_s, u"assistant"_s}, {u"content"_s, u""_s}, {u"tool_calls"_s, QJsonArray{call}}}), false));
        }
    }
}

void EventSource::appendEnd(QList<QByteArray> &out)
{
    const qint64 in = m_script.answer.inputTokens;
    if (m_provider == WireProvider::OpenAI) {
        out.append(openaiChunk(R"({"index":0,"delta":{},"finish_reason":)" + QJsonDocument(QJsonArray{m_finish}).toJson(QJsonDocument::Compact).mid(1).chopped(1) + "}"));
        QByteArray usage = openaiChunk({});
        const QByteArray withUsage = R"("choices":[],"usage":)"
            + compact({{u"prompt_tokens"_s, in}, {u"completion_tokens"_s, m_outputTokens}, {u"total_tokens"_s, in + m_outputTokens}}) + "}";
        usage.replace(QByteArrayView(R"("choices":[]})"), withUsage);
        out.append(usage);
        if (!m_plan.omitTerminator)
            out.append(sse({}, "[DONE]"));
    } else if (m_provider == WireProvider::Anthropic) {
        const QString reason = m_finish == "stop"_L1 ? u"end_turn"_s : m_finish == "length"_L1 ? u"max_tokens"_s
                               : m_finish == "tool_calls"_L1 ? u"tool_use"_s : m_finish;
        out.append(sse("message_delta", compact({{u"type"_s, u"message_delta"_s},
            {u"delta"_s, QJsonObject{{u"stop_reason"_s, reason}, {u"stop_sequence"_s, QJsonValue::Null}}},
            {u"usage"_s, QJsonObject{{u"output_tokens"_s, m_outputTokens}}}})));
        if (!m_plan.omitTerminator)
            out.append(sse("message_stop", R"({"type":"message_stop"})"));
    } else if (!m_plan.omitTerminator) {
        const QString reason = m_finish == "tool_calls"_L1 ? u"stop"_s : m_finish;
        QByteArray line = ollamaLine(R"({"role":"assistant","content":""})", true);
        line.chop(2); // "}\n"
        line += R"(,"done_reason":)" + QJsonDocument(QJsonArray{reason}).toJson(QJsonDocument::Compact).mid(1).chopped(1)
                + R"(,"prompt_eval_count":)" + QByteArray::number(in) + R"(,"eval_count":)" + QByteArray::number(m_outputTokens) + "}\n";
        out.append(line);
    }
}

QByteArray EventSource::keepAlive() const
{
    switch (m_provider) {
    case WireProvider::OpenAI: return m_plan.crlf ? QByteArrayLiteral(": keep-alive\r\n\r\n") : QByteArrayLiteral(": keep-alive\n\n");
    case WireProvider::Anthropic: return sse("ping", R"({"type": "ping"})");
    case WireProvider::Ollama:
    case WireProvider::Auto: break;
    }
    return QByteArrayLiteral("\n");
}

QByteArray EventSource::errorEvent(const QString &type, const QString &message) const
{
    switch (m_provider) {
    case WireProvider::OpenAI:
        return sse({}, compact({{u"error"_s, QJsonObject{{u"message"_s, message}, {u"type"_s, type}, {u"param"_s, QJsonValue::Null}, {u"code"_s, QJsonValue::Null}}}}))
               + sse({}, "[DONE]");
    case WireProvider::Anthropic:
        return sse("error", compact({{u"type"_s, u"error"_s}, {u"error"_s, QJsonObject{{u"type"_s, type}, {u"message"_s, message}}}}));
    case WireProvider::Ollama:
    case WireProvider::Auto: break;
    }
    return compact({{u"error"_s, message}}) + "\n";
}

QByteArray EventSource::malformedEvent() const
{
    switch (m_provider) {
    case WireProvider::OpenAI: return sse({}, R"({"id":"chatcmpl-fault","choices":[{"index":0,"delta":{"content":"oops)");
    case WireProvider::Anthropic: return sse("content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"oops)");
    case WireProvider::Ollama:
    case WireProvider::Auto: break;
    }
    return QByteArrayLiteral(R"({"message":{"role":"assistant","content":"oops")" "\n");
}

QByteArray EventSource::contentType() const
{
    return m_provider == WireProvider::Ollama ? QByteArrayLiteral("application/x-ndjson")
                                              : QByteArrayLiteral("text/event-stream");
}

} // namespace FaultInjection
