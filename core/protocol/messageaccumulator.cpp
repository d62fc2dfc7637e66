// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "messageaccumulator.h"

#include "jsonwriter.h"

#include <algorithm>

void MessageAccumulator::add(const QList<StreamEvent> &events)
{
    for (const StreamEvent &e : events)
        add(e);
}

MessageAccumulator::Call &MessageAccumulator::callAt(int index)
{
    // Calls arrive in index order almost always: check the back first.
    if (!m_calls.isEmpty() && m_calls.constLast().index == index)
        return m_calls.last();
    auto it = std::lower_bound(m_calls.begin(), m_calls.end(), index,
                               [](const Call &c, int i) { return c.index < i; });
    if (it != m_calls.end() && it->index == index)
        return *it;
    Call c;
    c.index = index;
    it = m_calls.insert(it, c);
    return *it;
}

void MessageAccumulator::add(const StreamEvent &e)
{
    switch (e.type) {
    case StreamEvent::Type::TextDelta:
        m_text.append(e.text);
        break;
    case StreamEvent::Type::ThinkingDelta:
        m_thinking.append(e.text);
        break;
    case StreamEvent::Type::ThinkingSignature:
        m_signature = e.text; // a signature replaces, never concatenates
        break;
    case StreamEvent::Type::ToolCallDelta: {
        Call &c = callAt(qMax(0, e.toolIndex));
        if (!e.toolId.isEmpty())
            c.call.id = e.toolId;
        if (!e.toolName.isEmpty())
            c.call.name = e.toolName;
        c.call.arguments.append(e.text);
        break;
    }
    case StreamEvent::Type::Usage:
        m_hasUsage = true;
        if (e.inputTokens >= 0)
            m_inputTokens = e.inputTokens;
        if (e.outputTokens >= 0)
            m_outputTokens = e.outputTokens;
        break;
    case StreamEvent::Type::Finish:
        m_finish = e.finishReason;
        m_rawFinish = e.rawFinishReason;
        m_complete = true;
        break;
    case StreamEvent::Type::Error:
        m_errors.append(e.error);
        break;
    case StreamEvent::Type::KeepAlive:
        ++m_keepAlives;
        break;
    }
}

QList<ToolCall> MessageAccumulator::toolCalls() const
{
    QList<ToolCall> calls;
    calls.reserve(m_calls.size());
    for (const Call &c : m_calls)
        calls.append(c.call);
    return calls;
}

FinishReason MessageAccumulator::finishReason() const
{
    if (m_complete)
        return m_finish;
    return m_errors.isEmpty() ? FinishReason::None : FinishReason::Error;
}

ChatMessage MessageAccumulator::toMessage() const
{
    ChatMessage m;
    m.role = ChatMessage::Role::Assistant;
    m.content = m_text;
    m.thinking = m_thinking;
    m.thinkingSignature = m_signature;
    m.toolCalls = toolCalls();
    return m;
}

QByteArray MessageAccumulator::toJson() const
{
    using namespace JsonWriter;
    QByteArray out;
    out.reserve(int(m_text.size() + m_thinking.size()) + 256);
    out.append('{');
    appendKey(out, QLatin1StringView("text"));
    appendString(out, m_text);
    out.append(',');
    appendKey(out, QLatin1StringView("thinking"));
    appendString(out, m_thinking);
    out.append(',');
    appendKey(out, QLatin1StringView("tool_calls"));
    out.append('[');
    for (qsizetype i = 0; i < m_calls.size(); ++i) {
        const ToolCall &c = m_calls.at(i).call;
        if (i > 0)
            out.append(',');
        out.append('{');
        appendKey(out, QLatin1StringView("id"));
        appendString(out, c.id);
        out.append(',');
        appendKey(out, QLatin1StringView("name"));
        appendString(out, c.name);
        out.append(',');
        appendKey(out, QLatin1StringView("arguments"));
        appendString(out, c.arguments);
        out.append('}');
    }
    out.append("],", 2);
    const FinishReason fr = finishReason();
    appendKey(out, QLatin1StringView("finish_reason"));
    if (fr == FinishReason::None)
        out.append("null", 4);
    else
        appendString(out, finishReasonName(fr));
    out.append(',');
    appendKey(out, QLatin1StringView("raw_finish_reason"));
    if (m_complete)
        appendString(out, m_rawFinish);
    else
        out.append("null", 4);
    out.append(',');
    appendKey(out, QLatin1StringView("usage"));
    if (m_hasUsage) {
        out.append('{');
        appendKey(out, QLatin1StringView("input_tokens"));
        appendCount(out, m_inputTokens);
        out.append(',');
        appendKey(out, QLatin1StringView("output_tokens"));
        appendCount(out, m_outputTokens);
        out.append('}');
    } else {
        out.append("null", 4);
    }
    out.append(',');
    appendKey(out, QLatin1StringView("complete"));
    out.append(m_complete ? "true" : "false");
    out.append('}');
    return out;
}
