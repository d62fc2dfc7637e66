// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Store: conversations, messages and error metrics (open/migrate: store.cpp).
#include "store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace {
qint64 toMs(const QDateTime &t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

/// Text columns are NOT NULL, and Qt SQL binds a null (and, depending on the
/// Qt version and driver, an empty) QString as SQL NULL. So every text value
/// goes through coalesce(?, '') in the SQL itself: an empty string is saved as
/// '' whatever its origin, and callers need not care.
QVariant text(const QString &s)
{
    return QVariant(s);
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

QString toolCallsJson(const QList<ToolCall> &calls)
{
    QJsonArray a;
    for (const ToolCall &c : calls)
        a.append(QJsonObject{{u"id"_s, c.id}, {u"name"_s, c.name}, {u"arguments"_s, c.arguments}});
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

QList<ToolCall> toolCallsFromJson(const QString &json)
{
    QList<ToolCall> calls;
    const QJsonArray a = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &v : a) {
        const QJsonObject o = v.toObject();
        calls.append({o.value("id"_L1).toString(), o.value("name"_L1).toString(), o.value("arguments"_L1).toString()});
    }
    return calls;
}

const QString messageColumns = u"id, conversation_id, position, role, content, thinking, thinking_signature,"
                               " tool_calls, tool_call_id, finish_reason, input_tokens, output_tokens,"
                               " provider_id, model, error_kind, error_message, state, created_at, updated_at"_s;
} // namespace

StoredMessage Store::readMessage(const QSqlQuery &q) const
{
    StoredMessage m;
    m.id = q.value(0).toLongLong();
    m.conversationId = q.value(1).toLongLong();
    m.position = q.value(2).toInt();
    if (!roleFromName(q.value(3).toString(), &m.role))
        m.role = ChatMessage::Role::User;
    m.content = q.value(4).toString();
    m.thinking = q.value(5).toString();
    m.thinkingSignature = q.value(6).toString();
    m.toolCalls = toolCallsFromJson(q.value(7).toString());
    m.toolCallId = q.value(8).toString();
    m.finishReason = q.value(9).toString();
    m.inputTokens = q.value(10).toLongLong();
    m.outputTokens = q.value(11).toLongLong();
    m.providerId = q.value(12).toString();
    m.model = q.value(13).toString();
    m.errorKind = q.value(14).toString();
    m.errorMessage = q.value(15).toString();
    if (!messageStateFromName(q.value(16).toString(), &m.state))
        m.state = MessageState::Interrupted; // unknown state: treat as cut off, never lose it
    m.createdAt = fromMs(q.value(17).toLongLong());
    m.updatedAt = fromMs(q.value(18).toLongLong());
    return m;
}

qint64 Store::createConversation(const StoredConversation &c)
{
    QSqlQuery q(m_db);
    prepare(q, u"INSERT INTO conversations (title, created_at, updated_at, provider_id, model, settings)"
              " VALUES (coalesce(?, ''), ?, ?, coalesce(?, ''), coalesce(?, ''), ?)"_s);
    const qint64 created = toMs(c.createdAt);
    q.addBindValue(text(c.title));
    q.addBindValue(created);
    q.addBindValue(c.updatedAt.isValid() ? c.updatedAt.toMSecsSinceEpoch() : created);
    q.addBindValue(text(c.providerId));
    q.addBindValue(text(c.model));
    q.addBindValue(QString::fromUtf8(QJsonDocument(c.settings).toJson(QJsonDocument::Compact)));
    if (!exec(q, u"creating a conversation"_s))
        return 0;
    return q.lastInsertId().toLongLong();
}

bool Store::updateConversation(const StoredConversation &c)
{
    QSqlQuery q(m_db);
    prepare(q, u"UPDATE conversations SET title = coalesce(?, ''), updated_at = ?, provider_id = coalesce(?, ''),"
              " model = coalesce(?, ''), settings = ? WHERE id = ?"_s);
    q.addBindValue(text(c.title));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(text(c.providerId));
    q.addBindValue(text(c.model));
    q.addBindValue(QString::fromUtf8(QJsonDocument(c.settings).toJson(QJsonDocument::Compact)));
    q.addBindValue(c.id);
    if (!exec(q, u"saving conversation %1"_s.arg(c.id)))
        return false;
    if (q.numRowsAffected() == 0)
        return fail(StoreError::Kind::NotFound, u"there is no conversation %1"_s.arg(c.id));
    return true;
}

bool Store::deleteConversation(qint64 id)
{
    QSqlQuery q(m_db);
    prepare(q, u"DELETE FROM conversations WHERE id = ?"_s);
    q.addBindValue(id);
    return exec(q, u"deleting conversation %1"_s.arg(id));
}

std::optional<StoredConversation> Store::conversation(qint64 id)
{
    QSqlQuery q(m_db);
    prepare(q, u"SELECT id, title, created_at, updated_at, provider_id, model, settings FROM conversations WHERE id = ?"_s);
    q.addBindValue(id);
    if (!exec(q, u"reading conversation %1"_s.arg(id)))
        return std::nullopt;
    if (!q.next()) {
        fail(StoreError::Kind::NotFound, u"there is no conversation %1"_s.arg(id));
        return std::nullopt;
    }
    StoredConversation c;
    c.id = q.value(0).toLongLong();
    c.title = q.value(1).toString();
    c.createdAt = fromMs(q.value(2).toLongLong());
    c.updatedAt = fromMs(q.value(3).toLongLong());
    c.providerId = q.value(4).toString();
    c.model = q.value(5).toString();
    c.settings = QJsonDocument::fromJson(q.value(6).toString().toUtf8()).object();
    return c;
}

QList<ConversationSummary> Store::listConversations()
{
    QList<ConversationSummary> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    prepare(q, u"SELECT c.id, c.title, c.created_at, c.updated_at, c.provider_id, c.model,"
              " (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id),"
              " (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id"
              "   AND m.state IN ('interrupted', 'cancelled', 'failed'))"
              " FROM conversations c ORDER BY c.updated_at DESC, c.id DESC"_s);
    if (!exec(q, u"listing conversations"_s))
        return out;
    while (q.next()) {
        ConversationSummary s;
        s.conversation.id = q.value(0).toLongLong();
        s.conversation.title = q.value(1).toString();
        s.conversation.createdAt = fromMs(q.value(2).toLongLong());
        s.conversation.updatedAt = fromMs(q.value(3).toLongLong());
        s.conversation.providerId = q.value(4).toString();
        s.conversation.model = q.value(5).toString();
        s.messageCount = q.value(6).toInt();
        s.continuableCount = q.value(7).toInt();
        out.append(s);
    }
    return out;
}

qint64 Store::appendMessage(StoredMessage &m)
{
    if (!m_db.transaction()) {
        failSql(m_db.lastError(), u"starting a transaction"_s);
        return 0;
    }
    QSqlQuery q(m_db);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    prepare(q, u"INSERT INTO messages (conversation_id, position, role, content, thinking, thinking_signature,"
              " tool_calls, tool_call_id, finish_reason, input_tokens, output_tokens, provider_id, model,"
              " error_kind, error_message, state, created_at, updated_at)"
              " VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM messages WHERE conversation_id = ?),"
              " ?, coalesce(?, ''), coalesce(?, ''), coalesce(?, ''), ?, coalesce(?, ''), coalesce(?, ''), ?, ?,"
              " coalesce(?, ''), coalesce(?, ''), coalesce(?, ''), coalesce(?, ''), ?, ?, ?)"_s);
    for (const QVariant &v : {QVariant(m.conversationId), QVariant(m.conversationId), text(roleName(m.role)),
                              text(m.content), text(m.thinking), text(m.thinkingSignature),
                              QVariant(toolCallsJson(m.toolCalls)), text(m.toolCallId), text(m.finishReason),
                              QVariant(m.inputTokens), QVariant(m.outputTokens), text(m.providerId),
                              text(m.model), text(m.errorKind), text(m.errorMessage),
                              QVariant(messageStateName(m.state)), QVariant(now), QVariant(now)})
        q.addBindValue(v);
    bool ok = exec(q, u"saving a message in conversation %1"_s.arg(m.conversationId));
    const qint64 id = ok ? q.lastInsertId().toLongLong() : 0;
    if (ok) {
        QSqlQuery touch(m_db);
        prepare(touch, u"UPDATE conversations SET updated_at = ? WHERE id = ?"_s);
        touch.addBindValue(now);
        touch.addBindValue(m.conversationId);
        ok = exec(touch, u"updating conversation %1"_s.arg(m.conversationId));
    }
    if (!ok || !m_db.commit()) {
        if (ok)
            failSql(m_db.lastError(), u"committing a message"_s);
        m_db.rollback();
        return 0;
    }
    QSqlQuery pos(m_db);
    prepare(pos, u"SELECT position FROM messages WHERE id = ?"_s);
    pos.addBindValue(id);
    if (pos.exec() && pos.next())
        m.position = pos.value(0).toInt();
    m.id = id;
    m.createdAt = m.updatedAt = fromMs(now);
    return id;
}

bool Store::updateMessage(const StoredMessage &m)
{
    QSqlQuery q(m_db);
    prepare(q, u"UPDATE messages SET role = ?, content = coalesce(?, ''), thinking = coalesce(?, ''),"
              " thinking_signature = coalesce(?, ''), tool_calls = ?, tool_call_id = coalesce(?, ''),"
              " finish_reason = coalesce(?, ''), input_tokens = ?, output_tokens = ?,"
              " provider_id = coalesce(?, ''), model = coalesce(?, ''), error_kind = coalesce(?, ''),"
              " error_message = coalesce(?, ''), state = ?, updated_at = ? WHERE id = ?"_s);
    for (const QVariant &v : {text(roleName(m.role)), text(m.content), text(m.thinking),
                              text(m.thinkingSignature), QVariant(toolCallsJson(m.toolCalls)),
                              text(m.toolCallId), text(m.finishReason), QVariant(m.inputTokens),
                              QVariant(m.outputTokens), text(m.providerId), text(m.model),
                              text(m.errorKind), text(m.errorMessage), QVariant(messageStateName(m.state)),
                              QVariant(QDateTime::currentMSecsSinceEpoch()), QVariant(m.id)})
        q.addBindValue(v);
    if (!exec(q, u"saving message %1"_s.arg(m.id)))
        return false;
    if (q.numRowsAffected() == 0)
        return fail(StoreError::Kind::NotFound, u"there is no message %1"_s.arg(m.id));
    return true;
}

bool Store::checkpoint(qint64 messageId, const QString &content, const QString &thinking, MessageState state)
{
    if (!m_checkpointQuery) {
        m_checkpointQuery.emplace(m_db);
        if (!m_checkpointQuery->prepare(u"UPDATE messages SET content = coalesce(?, ''), thinking = coalesce(?, ''), state = ?,"
                                                   " updated_at = ? WHERE id = ?"_s)) {
            const QSqlError e = m_checkpointQuery->lastError();
            m_checkpointQuery.reset();
            return failSql(e, u"preparing a checkpoint"_s);
        }
    }
    QSqlQuery &q = *m_checkpointQuery;
    q.bindValue(0, text(content));
    q.bindValue(1, text(thinking));
    q.bindValue(2, messageStateName(state));
    q.bindValue(3, QDateTime::currentMSecsSinceEpoch());
    q.bindValue(4, messageId);
    const bool ok = exec(q, u"checkpointing message %1"_s.arg(messageId));
    const bool found = ok && q.numRowsAffected() > 0;
    q.finish();
    if (ok && !found)
        return fail(StoreError::Kind::NotFound, u"there is no message %1"_s.arg(messageId));
    return ok;
}

std::optional<StoredMessage> Store::message(qint64 id)
{
    QSqlQuery q(m_db);
    prepare(q, u"SELECT %1 FROM messages WHERE id = ?"_s.arg(messageColumns));
    q.addBindValue(id);
    if (!exec(q, u"reading message %1"_s.arg(id)))
        return std::nullopt;
    if (!q.next()) {
        fail(StoreError::Kind::NotFound, u"there is no message %1"_s.arg(id));
        return std::nullopt;
    }
    return readMessage(q);
}

QList<StoredMessage> Store::messages(qint64 conversationId)
{
    QList<StoredMessage> out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    prepare(q, u"SELECT %1 FROM messages WHERE conversation_id = ? ORDER BY position"_s.arg(messageColumns));
    q.addBindValue(conversationId);
    if (!exec(q, u"reading conversation %1"_s.arg(conversationId)))
        return out;
    while (q.next())
        out.append(readMessage(q));
    return out;
}

bool Store::deleteMessages(const QList<qint64> &ids)
{
    if (ids.isEmpty())
        return true;
    if (!m_db.transaction())
        return failSql(m_db.lastError(), u"starting a transaction"_s);
    QSqlQuery q(m_db);
    prepare(q, u"DELETE FROM messages WHERE id = ?"_s);
    bool ok = true;
    for (qint64 id : ids) {
        q.bindValue(0, id);
        if (!exec(q, u"deleting message %1"_s.arg(id))) {
            ok = false;
            break;
        }
    }
    q.finish();
    if (!ok || !m_db.commit()) {
        if (ok)
            failSql(m_db.lastError(), u"committing a deletion"_s);
        m_db.rollback();
        return false;
    }
    return true;
}

int Store::deleteMessagesFrom(qint64 conversationId, int index)
{
    if (index < 0)
        index = 0;
    QSqlQuery q(m_db);
    // Positions may have gaps after deletions: the index counts rows in order.
    prepare(q, u"DELETE FROM messages WHERE conversation_id = ? AND position >="
              " (SELECT position FROM messages WHERE conversation_id = ? ORDER BY position LIMIT 1 OFFSET ?)"_s);
    q.addBindValue(conversationId);
    q.addBindValue(conversationId);
    q.addBindValue(index);
    if (!exec(q, u"deleting messages of conversation %1"_s.arg(conversationId)))
        return -1;
    return q.numRowsAffected();
}

int Store::sweepStreaming()
{
    QSqlQuery q(m_db);
    prepare(q, u"UPDATE messages SET state = 'interrupted', updated_at = ? WHERE state = 'streaming'"_s);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!exec(q, u"marking cut-off answers as interrupted"_s))
        return -1;
    return q.numRowsAffected();
}

bool Store::recordError(const ErrorMetric &metric)
{
    QSqlQuery q(m_db);
    prepare(q, u"INSERT INTO error_metrics (at, kind, provider_id, http_status)"
              " VALUES (?, coalesce(?, ''), coalesce(?, ''), ?)"_s);
    q.addBindValue(toMs(metric.at));
    q.addBindValue(text(metric.kind));
    q.addBindValue(text(metric.providerId));
    q.addBindValue(metric.httpStatus);
    return exec(q, u"recording an error metric"_s);
}

QList<ErrorCount> Store::errorCounts(const QDateTime &now)
{
    QList<ErrorCount> out;
    const qint64 t = now.toMSecsSinceEpoch();
    QSqlQuery q(m_db);
    prepare(q, u"SELECT kind, provider_id, sum(at > ?), sum(at > ?), count(*) FROM error_metrics"
              " WHERE at > ? AND at <= ? GROUP BY kind, provider_id ORDER BY kind, provider_id"_s);
    q.addBindValue(t - 3600LL * 1000);
    q.addBindValue(t - 24LL * 3600 * 1000);
    q.addBindValue(t - 7LL * 24 * 3600 * 1000);
    q.addBindValue(t);
    if (!exec(q, u"counting errors"_s))
        return out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toInt(), q.value(3).toInt(), q.value(4).toInt()});
    return out;
}

int Store::pruneErrorMetrics(const QDateTime &cutoff)
{
    QSqlQuery q(m_db);
    prepare(q, u"DELETE FROM error_metrics WHERE at < ?"_s);
    q.addBindValue(cutoff.toMSecsSinceEpoch());
    if (!exec(q, u"pruning error metrics"_s))
        return -1;
    return q.numRowsAffected();
}
