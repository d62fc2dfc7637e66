// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chatcompletionrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace {

struct Parser {
    ApiError *error;

    bool fail(const QString &param, const QString &message)
    {
        *error = ApiError::invalidRequest(message, param);
        return false;
    }

    bool content(const QJsonValue &v, const QString &param, bool nullable, QString *out)
    {
        if (v.isString()) {
            *out = v.toString();
            return true;
        }
        if (v.isNull() || v.isUndefined()) {
            if (nullable)
                return true;
            return fail(param, QStringLiteral("'%1' is required and must be a string or an array of text parts.").arg(param));
        }
        if (!v.isArray())
            return fail(param, QStringLiteral("'%1' must be a string or an array of text parts.").arg(param));
        const QJsonArray parts = v.toArray();
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const QString p = QStringLiteral("%1[%2]").arg(param).arg(i);
            const QJsonObject part = parts.at(i).toObject();
            const QString type = part.value(QLatin1StringView("type")).toString();
            if (type == QLatin1StringView("text") || type == QLatin1StringView("input_text")) {
                if (!part.value(QLatin1StringView("text")).isString())
                    return fail(p + QStringLiteral(".text"), QStringLiteral("'%1.text' must be a string.").arg(p));
                out->append(part.value(QLatin1StringView("text")).toString());
            } else if (type.isEmpty()) {
                return fail(p, QStringLiteral("'%1' must be an object with a 'type'.").arg(p));
            } else {
                return fail(p + QStringLiteral(".type"),
                            QStringLiteral("Content part type '%1' in '%2' is not supported by Confab's server "
                                           "(only text).").arg(type, p));
            }
        }
        return true;
    }

    bool toolCalls(const QJsonValue &v, const QString &param, QList<ToolCall> *out)
    {
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray())
            return fail(param, QStringLiteral("'%1' must be an array.").arg(param));
        const QJsonArray calls = v.toArray();
        for (qsizetype i = 0; i < calls.size(); ++i) {
            const QString p = QStringLiteral("%1[%2]").arg(param).arg(i);
            const QJsonObject c = calls.at(i).toObject();
            const QJsonObject fn = c.value(QLatin1StringView("function")).toObject();
            if (!c.value(QLatin1StringView("id")).isString() || !fn.value(QLatin1StringView("name")).isString())
                return fail(p, QStringLiteral("'%1' needs a string 'id' and 'function.name'.").arg(p));
            const QJsonValue args = fn.value(QLatin1StringView("arguments"));
            if (!args.isString() && !args.isUndefined())
                return fail(p + QStringLiteral(".function.arguments"),
                            QStringLiteral("'%1.function.arguments' must be a JSON string.").arg(p));
            out->append(ToolCall{c.value(QLatin1StringView("id")).toString(), fn.value(QLatin1StringView("name")).toString(),
                                 args.toString()});
        }
        return true;
    }

    bool messages(const QJsonValue &v, ChatCompletionRequest *out)
    {
        if (!v.isArray() || v.toArray().isEmpty())
            return fail(QStringLiteral("messages"), QStringLiteral("'messages' must be a non-empty array."));
        const QJsonArray msgs = v.toArray();
        QStringList system;
        for (qsizetype i = 0; i < msgs.size(); ++i) {
            const QString p = QStringLiteral("messages[%1]").arg(i);
            if (!msgs.at(i).isObject())
                return fail(p, QStringLiteral("'%1' must be an object.").arg(p));
            const QJsonObject m = msgs.at(i).toObject();
            const QString role = m.value(QLatin1StringView("role")).toString();
            const QJsonValue c = m.value(QLatin1StringView("content"));
            ChatMessage msg;
            if (role == QLatin1StringView("system") || role == QLatin1StringView("developer")) {
                QString text;
                if (!content(c, p + QStringLiteral(".content"), false, &text))
                    return false;
                system.append(text);
                continue;
            } else if (role == QLatin1StringView("user")) {
                msg.role = ChatMessage::Role::User;
                if (!content(c, p + QStringLiteral(".content"), false, &msg.content))
                    return false;
            } else if (role == QLatin1StringView("assistant")) {
                msg.role = ChatMessage::Role::Assistant;
                if (!content(c, p + QStringLiteral(".content"), true, &msg.content)
                    || !toolCalls(m.value(QLatin1StringView("tool_calls")), p + QStringLiteral(".tool_calls"),
                                  &msg.toolCalls))
                    return false;
            } else if (role == QLatin1StringView("tool")) {
                msg.role = ChatMessage::Role::Tool;
                if (!m.value(QLatin1StringView("tool_call_id")).isString())
                    return fail(p + QStringLiteral(".tool_call_id"),
                                QStringLiteral("'%1.tool_call_id' is required for a tool message.").arg(p));
                msg.toolCallId = m.value(QLatin1StringView("tool_call_id")).toString();
                if (!content(c, p + QStringLiteral(".content"), false, &msg.content))
                    return false;
            } else {
                return fail(p + QStringLiteral(".role"),
                            QStringLiteral("'%1.role' must be one of system, developer, user, assistant, tool.").arg(p));
            }
            out->chat.messages.append(msg);
        }
        if (out->chat.messages.isEmpty())
            return fail(QStringLiteral("messages"), QStringLiteral("'messages' has no user or assistant message."));
        out->chat.options.systemPrompt = system.join(QStringLiteral("\n\n"));
        return true;
    }

    bool tools(const QJsonValue &v, ChatOptions *options)
    {
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray())
            return fail(QStringLiteral("tools"), QStringLiteral("'tools' must be an array."));
        const QJsonArray list = v.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            const QString p = QStringLiteral("tools[%1]").arg(i);
            const QJsonObject t = list.at(i).toObject();
            const QJsonObject fn = t.value(QLatin1StringView("function")).toObject();
            if (t.value(QLatin1StringView("type")).toString() != QLatin1StringView("function")
                || !fn.value(QLatin1StringView("name")).isString())
                return fail(p, QStringLiteral("'%1' must be {\"type\":\"function\",\"function\":{\"name\":...}}.").arg(p));
            QJsonObject def{{QStringLiteral("name"), fn.value(QLatin1StringView("name"))},
                            {QStringLiteral("description"), fn.value(QLatin1StringView("description")).toString()},
                            {QStringLiteral("parameters"), fn.contains(QLatin1StringView("parameters"))
                                     ? fn.value(QLatin1StringView("parameters"))
                                     : QJsonValue(QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}})}};
            options->tools.append(def);
        }
        return true;
    }

    bool options(const QJsonObject &root, ChatCompletionRequest *out)
    {
        ChatOptions &o = out->chat.options;
        const QJsonValue model = root.value(QLatin1StringView("model"));
        if (!model.isUndefined() && !model.isString())
            return fail(QStringLiteral("model"), QStringLiteral("'model' must be a string."));
        o.model = model.toString();

        const QJsonValue stream = root.value(QLatin1StringView("stream"));
        if (!stream.isUndefined() && !stream.isNull() && !stream.isBool())
            return fail(QStringLiteral("stream"), QStringLiteral("'stream' must be a boolean."));
        out->stream = stream.toBool();
        const QJsonValue so = root.value(QLatin1StringView("stream_options"));
        if (!so.isUndefined() && !so.isNull()) {
            if (!so.isObject())
                return fail(QStringLiteral("stream_options"), QStringLiteral("'stream_options' must be an object."));
            out->includeUsage = so.toObject().value(QLatin1StringView("include_usage")).toBool();
        }

        const QJsonValue temp = root.value(QLatin1StringView("temperature"));
        if (!temp.isUndefined() && !temp.isNull()) {
            if (!temp.isDouble() || temp.toDouble() < 0 || temp.toDouble() > 2)
                return fail(QStringLiteral("temperature"), QStringLiteral("'temperature' must be a number from 0 to 2."));
            o.temperature = temp.toDouble();
        }
        for (const QLatin1StringView key : {QLatin1StringView("max_completion_tokens"), QLatin1StringView("max_tokens")}) {
            const QJsonValue mt = root.value(key);
            if (mt.isUndefined() || mt.isNull())
                continue;
            const double d = mt.toDouble(-1);
            if (!mt.isDouble() || d < 1 || d > 10'000'000 || d != double(qint64(d)))
                return fail(key, QStringLiteral("'%1' must be a positive integer.").arg(key));
            o.maxTokens = int(d);
            break;
        }
        const QJsonValue n = root.value(QLatin1StringView("n"));
        if (!n.isUndefined() && !n.isNull() && n.toDouble(-1) != 1)
            return fail(QStringLiteral("n"), QStringLiteral("Only 'n': 1 is supported."));

        const QJsonValue stop = root.value(QLatin1StringView("stop"));
        if (stop.isString()) {
            o.stopSequences = {stop.toString()};
        } else if (stop.isArray()) {
            for (const QJsonValue s : stop.toArray()) {
                if (!s.isString())
                    return fail(QStringLiteral("stop"), QStringLiteral("'stop' must be a string or an array of strings."));
                o.stopSequences.append(s.toString());
            }
        } else if (!stop.isUndefined() && !stop.isNull()) {
            return fail(QStringLiteral("stop"), QStringLiteral("'stop' must be a string or an array of strings."));
        }
        return tools(root.value(QLatin1StringView("tools")), &o);
    }
};

} // namespace

bool parseChatCompletionObject(const QJsonObject &root, ChatCompletionRequest *out, ApiError *error)
{
    *out = {};
    Parser p{error};
    return p.options(root, out) && p.messages(root.value(QLatin1StringView("messages")), out);
}

bool parseChatCompletionRequest(const QByteArray &body, ChatCompletionRequest *out, ApiError *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        *error = ApiError::invalidRequest(QStringLiteral("The request body is not valid JSON: %1 at offset %2.")
                                                  .arg(pe.errorString())
                                                  .arg(pe.offset),
                                          {}, QStringLiteral("invalid_json"));
        return false;
    }
    if (!doc.isObject()) {
        *error = ApiError::invalidRequest(QStringLiteral("The request body must be a JSON object."), {},
                                          QStringLiteral("invalid_json"));
        return false;
    }
    return parseChatCompletionObject(doc.object(), out, error);
}
