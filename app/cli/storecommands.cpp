// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storecommands.h"

#include "clicommands.h"
#include "storage/store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace Cli {

namespace {
void out(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
}

QCommandLineOption dbOption()
{
    return QCommandLineOption(u"db"_s, u"The conversation database (default: the app's)."_s, u"PATH"_s);
}

/// Parses args; returns -1 to go on, else the exit code (help/usage).
int parse(QCommandLineParser &parser, const QString &command, const QStringList &args, const QString &usage,
          int positional)
{
    parser.setApplicationDescription(usage);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(dbOption());
    const QCommandLineOption help(u"help"_s, u"Show this help."_s);
    parser.addOption(help);
    if (!parser.parse(QStringList{u"confab-cli "_s + command} + args)) {
        printError(u"%1: %2"_s.arg(command, parser.errorText()));
        return Usage;
    }
    if (parser.isSet(help)) {
        out(parser.helpText());
        return Ok;
    }
    if (parser.positionalArguments().size() != positional) {
        printError(u"%1: expected %2 argument(s), got %3 (see confab-cli %1 --help)"_s
                       .arg(command)
                       .arg(positional)
                       .arg(parser.positionalArguments().size()));
        return Usage;
    }
    return -1;
}

bool parseId(const QString &text, const QString &what, qint64 *id)
{
    bool ok = false;
    *id = text.toLongLong(&ok);
    if (ok && *id > 0)
        return true;
    printError(u"'%1' is not a valid %2 id (a positive number)"_s.arg(text.left(40), what));
    return false;
}

QString stamp(const QDateTime &t)
{
    return t.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
}

QJsonObject messageJson(const StoredMessage &m)
{
    QJsonArray calls;
    for (const ToolCall &c : m.toolCalls)
        calls.append(QJsonObject{{u"id"_s, c.id}, {u"name"_s, c.name}, {u"arguments"_s, c.arguments}});
    QJsonObject o{{u"id"_s, m.id},
                  {u"position"_s, m.position},
                  {u"role"_s, roleName(m.role)},
                  {u"state"_s, messageStateName(m.state)},
                  {u"content"_s, m.content},
                  {u"created"_s, m.createdAt.toString(Qt::ISODateWithMs)},
                  {u"updated"_s, m.updatedAt.toString(Qt::ISODateWithMs)}};
    if (!m.thinking.isEmpty())
        o.insert(u"thinking"_s, m.thinking);
    if (!calls.isEmpty())
        o.insert(u"tool_calls"_s, calls);
    if (!m.toolCallId.isEmpty())
        o.insert(u"tool_call_id"_s, m.toolCallId);
    if (!m.finishReason.isEmpty())
        o.insert(u"finish_reason"_s, m.finishReason);
    if (m.inputTokens >= 0 || m.outputTokens >= 0)
        o.insert(u"usage"_s, QJsonObject{{u"input_tokens"_s, m.inputTokens}, {u"output_tokens"_s, m.outputTokens}});
    if (!m.providerId.isEmpty())
        o.insert(u"provider"_s, m.providerId);
    if (!m.model.isEmpty())
        o.insert(u"model"_s, m.model);
    if (!m.errorKind.isEmpty() || !m.errorMessage.isEmpty())
        o.insert(u"error"_s, QJsonObject{{u"kind"_s, m.errorKind}, {u"message"_s, m.errorMessage}});
    return o;
}

QString markdown(Store &store, const StoredConversation &c)
{
    QString md = u"# %1\n\n"_s.arg(c.title.isEmpty() ? u"Conversation %1"_s.arg(c.id) : c.title);
    const QList<StoredMessage> msgs = store.messages(c.id);
    for (const StoredMessage &m : msgs) {
        QString role = roleName(m.role);
        role[0] = role[0].toUpper();
        md += u"## "_s + role + u"\n\n"_s;
        if (!m.thinking.isEmpty())
            md += u"<details><summary>Thinking</summary>\n\n"_s + m.thinking + u"\n\n</details>\n\n"_s;
        md += m.content + u"\n\n"_s;
        for (const ToolCall &call : m.toolCalls)
            md += u"Tool call `%1`: `%2`\n\n"_s.arg(call.name, call.arguments);
        if (isContinuable(m.state) || m.state == MessageState::Streaming)
            md += u"*(answer %1)*\n\n"_s.arg(messageStateName(m.state));
    }
    return md;
}
} // namespace

bool openStoreForCli(Store &store, const QString &path)
{
    if (store.open(path.isEmpty() ? Store::defaultPath() : path))
        return true;
    printError(store.lastError().message);
    return false;
}

QJsonObject conversationJson(Store &store, qint64 conversationId, QString *error)
{
    const auto c = store.conversation(conversationId);
    if (!c) {
        *error = store.lastError().message;
        return {};
    }
    QJsonArray messages;
    const QList<StoredMessage> msgs = store.messages(conversationId);
    for (const StoredMessage &m : msgs)
        messages.append(messageJson(m));
    return QJsonObject{{u"id"_s, c->id},
                       {u"title"_s, c->title},
                       {u"created"_s, c->createdAt.toString(Qt::ISODateWithMs)},
                       {u"updated"_s, c->updatedAt.toString(Qt::ISODateWithMs)},
                       {u"provider"_s, c->providerId},
                       {u"model"_s, c->model},
                       {u"messages"_s, messages}};
}

int runList(const QStringList &args)
{
    QCommandLineParser parser;
    if (const int rc = parse(parser, u"list"_s, args, u"List stored conversations."_s, 0); rc >= 0)
        return rc;
    Store store;
    if (!openStoreForCli(store, parser.value(u"db"_s)))
        return Failed;
    const QList<ConversationSummary> list = store.listConversations();
    if (store.lastError().isError()) {
        printError(store.lastError().message);
        return Failed;
    }
    if (list.isEmpty()) {
        out(u"No conversations.\n"_s);
        return Ok;
    }
    out(u"%1  %2  %3  %4\n"_s.arg(u"ID"_s, -6).arg(u"UPDATED"_s, -16).arg(u"MESSAGES"_s, 8).arg(u"TITLE"_s));
    for (const ConversationSummary &s : list) {
        QString line = u"%1  %2  %3  %4"_s.arg(s.conversation.id, -6)
                           .arg(stamp(s.conversation.updatedAt), -16)
                           .arg(s.messageCount, 8)
                           .arg(s.conversation.title.isEmpty() ? u"(untitled)"_s : s.conversation.title);
        if (s.continuableCount > 0) {
            QStringList unfinished;
            const QList<StoredMessage> msgs = store.messages(s.conversation.id);
            for (const StoredMessage &m : msgs) {
                if (isContinuable(m.state))
                    unfinished << u"%1 (%2)"_s.arg(m.id).arg(messageStateName(m.state));
            }
            line += u"  [can continue: message %1]"_s.arg(unfinished.join(u", "_s));
        }
        out(line + u'\n');
    }
    return Ok;
}

int runShow(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(u"json"_s, u"Print JSON."_s));
    parser.addPositionalArgument(u"ID"_s, u"The conversation id (see confab-cli list)."_s);
    if (const int rc = parse(parser, u"show"_s, args, u"Show a stored conversation with its messages and their states."_s, 1); rc >= 0)
        return rc;
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().constFirst(), u"conversation"_s, &id))
        return Usage;
    Store store;
    if (!openStoreForCli(store, parser.value(u"db"_s)))
        return Failed;
    QString error;
    const QJsonObject json = conversationJson(store, id, &error);
    if (json.isEmpty()) {
        printError(error);
        return Failed;
    }
    if (parser.isSet(u"json"_s)) {
        out(QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Indented)));
        return Ok;
    }
    out(u"Conversation %1: %2\n"_s.arg(id).arg(json.value("title"_L1).toString()));
    const QList<StoredMessage> msgs = store.messages(id);
    for (const StoredMessage &m : msgs) {
        QString head = u"\n--- message %1 · %2 · %3"_s.arg(m.id).arg(roleName(m.role), messageStateName(m.state));
        if (!m.model.isEmpty())
            head += u" · %1/%2"_s.arg(m.providerId, m.model);
        if (!m.finishReason.isEmpty())
            head += u" · finish: "_s + m.finishReason;
        if (!m.errorKind.isEmpty())
            head += u" · error: %1: %2"_s.arg(m.errorKind, m.errorMessage);
        out(head + u"\n"_s + m.content + u'\n');
    }
    return Ok;
}

int runExport(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(u"format"_s, u"md or json."_s, u"FORMAT"_s, u"md"_s));
    parser.addPositionalArgument(u"ID"_s, u"The conversation id."_s);
    if (const int rc = parse(parser, u"export"_s, args, u"Export a stored conversation as Markdown or JSON."_s, 1); rc >= 0)
        return rc;
    const QString format = parser.value(u"format"_s);
    if (format != "md"_L1 && format != "json"_L1) {
        printError(u"export: unknown format '%1' (use md or json)"_s.arg(format.left(20)));
        return Usage;
    }
    qint64 id = 0;
    if (!parseId(parser.positionalArguments().constFirst(), u"conversation"_s, &id))
        return Usage;
    Store store;
    if (!openStoreForCli(store, parser.value(u"db"_s)))
        return Failed;
    const auto c = store.conversation(id);
    if (!c) {
        printError(store.lastError().message);
        return Failed;
    }
    if (format == "md"_L1) {
        out(markdown(store, *c));
    } else {
        QString error;
        out(QString::fromUtf8(QJsonDocument(conversationJson(store, id, &error)).toJson(QJsonDocument::Indented)));
    }
    return Ok;
}

} // namespace Cli
