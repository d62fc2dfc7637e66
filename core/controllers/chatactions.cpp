// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// ChatController: the end of a stream, and the user's actions on messages.
#include "chatcontroller.h"

#include "resilience/resilientstream.h"
#include "storage/asyncstore.h"
#include "storage/checkpointer.h"
#include "util/logging.h"

using namespace Qt::Literals::StringLiterals;

void ChatController::onFinished(int reasonValue)
{
    const auto reason = FinishReason(reasonValue);
    m_coalescer.flush();
    m_stats.end(m_clock.elapsed());
    const qint64 id = m_streamingId;
    MessageState state = MessageState::Complete;
    QString kind, message;
    switch (reason) {
    case FinishReason::Cancelled:
        state = MessageState::Cancelled;
        kind = u"cancelled"_s;
        message = tr("Stopped by you");
        break;
    case FinishReason::Error:
        state = MessageState::Failed;
        kind = m_errorKind;
        message = m_errorMessage;
        break;
    default:
        break;
    }
    if (m_stream) {
        const MessageAccumulator &acc = m_stream->message();
        if (!acc.toolCalls().isEmpty())
            m_messages.setToolCalls(id, acc.toolCalls());
        m_messages.setUsage(id, acc.inputTokens(), m_stats.outputTokens());
    }
    m_messages.setStats(id, m_stats.tokensPerSecond(), int(m_stats.timeToFirstTokenMs()));
    m_messages.setState(id, state, kind, message);
    if (m_checkpointer) {
        m_checkpointer->setState(state);
        m_checkpointer.reset();
    }
    if (id > 0)
        saveWhole(id);
    m_resumedTimer.stop();
    clearRetry();
    m_fallback.clear();
    Q_EMIT retryChanged();
    setStatus(reason == FinishReason::Error ? GaveUp : Idle);
    // The stream object may still be on the call stack: delete it later.
    if (m_stream)
        m_stream.release()->deleteLater();
    Q_EMIT activity();
}

void ChatController::saveWhole(qint64 id)
{
    StoredMessage m = m_messages.message(m_messages.rowOf(id));
    if (m.id <= 0)
        return;
    m_store->post([m](Store &s) { s.updateMessage(m); });
}

void ChatController::cancel()
{
    if (m_stream && m_stream->isRunning())
        m_stream->cancel(); // finished(Cancelled) follows at once; the partial stays
}

void ChatController::retryNow()
{
    if (m_stream && m_status == WaitingToRetry)
        m_stream->retryNow();
}

void ChatController::continueMessage(qint64 messageId)
{
    const int row = m_messages.rowOf(messageId);
    if (row < 0 || isBusy())
        return;
    const StoredMessage m = m_messages.message(row);
    if (m.role != ChatMessage::Role::Assistant || !isContinuable(m.state))
        return;
    // Later messages (if any) would not follow the continued answer.
    if (row + 1 < m_messages.rowCount()) {
        deleteFromIndex(row + 1);
        m_messages.truncateFrom(row + 1);
    }
    startAnswer(messageId, m.content);
    if (m_stream && m_stream->isRunning() && messageId > 0) {
        m_checkpointer = std::make_unique<Checkpointer>(
            messageId,
            [this, messageId] {
                const StoredMessage cur = m_messages.message(m_messages.rowOf(messageId));
                return Checkpointer::Snapshot{cur.content + m_coalescer.pending(), cur.thinking};
            },
            Checkpointer::asyncWriter(m_store));
        m_checkpointer->setState(MessageState::Streaming);
    }
}

void ChatController::retryMessage(qint64 messageId)
{
    regenerate(messageId);
}

void ChatController::regenerate(qint64 messageId)
{
    const int row = m_messages.rowOf(messageId);
    if (row < 0 || isBusy() || m_messages.message(row).role != ChatMessage::Role::Assistant)
        return;
    deleteFromIndex(row);
    setError({}, {}, false, 0);
    setStatus(Idle);
    sendAfter(row);
}

void ChatController::editAndResend(qint64 messageId, const QString &text)
{
    const int row = m_messages.rowOf(messageId);
    const QString t = text.trimmed();
    if (row < 0 || isBusy() || t.isEmpty() || m_messages.message(row).role != ChatMessage::Role::User)
        return;
    deleteFromIndex(row + 1);
    m_messages.setText(messageId, t);
    saveWhole(messageId);
    setError({}, {}, false, 0);
    setStatus(Idle);
    sendAfter(row + 1);
}

void ChatController::deleteMessage(qint64 messageId)
{
    const int row = m_messages.rowOf(messageId);
    if (row < 0 || (isBusy() && messageId == m_streamingId))
        return;
    if (messageId > 0) {
        deleteFromStore({messageId});
    } else {
        // Not saved yet (a temporary id): its save is queued, and jobs run in
        // order, so on the worker it is the message at this row (the store's
        // order is the model's). Without this it would come back on reload.
        const qint64 cid = m_conversationId;
        const ChatMessage::Role role = m_messages.message(row).role;
        AsyncStore *store = m_store;
        m_store->post([store, cid, row, role](Store &s) {
            const QList<StoredMessage> saved = s.messages(cid);
            if (row < saved.size() && saved.at(row).role == role && !s.deleteMessages({saved.at(row).id}))
                Q_EMIT store->writeFailed(s.lastError());
        });
    }
    m_messages.removeMessage(messageId);
    if (messageId == m_failedId)
        dismissError();
    Q_EMIT activity();
}

void ChatController::deleteFromStore(const QList<qint64> &ids)
{
    QList<qint64> saved;
    for (qint64 id : ids) {
        if (id > 0)
            saved.append(id);
    }
    if (saved.isEmpty())
        return;
    AsyncStore *store = m_store;
    m_store->post([store, saved](Store &s) {
        if (!s.deleteMessages(saved))
            Q_EMIT store->writeFailed(s.lastError());
    });
}

void ChatController::deleteFromIndex(int row)
{
    // Jobs run in order on the store's worker, so every message the model
    // shows before row has been saved (or has failed to) by then: the store's
    // order is the model's.
    const qint64 cid = m_conversationId;
    AsyncStore *store = m_store;
    m_store->post([store, cid, row](Store &s) {
        if (s.deleteMessagesFrom(cid, row) < 0)
            Q_EMIT store->writeFailed(s.lastError());
    });
}

void ChatController::dismissError()
{
    setError({}, {}, false, 0);
    if (m_status == GaveUp)
        setStatus(Idle);
}

void ChatController::setStatus(Status s)
{
    if (s == m_status)
        return;
    m_status = s;
    Q_EMIT statusChanged();
}

void ChatController::clearRetry()
{
    if (m_attempt == 0 && m_maxAttempts == 0 && m_retryDeadline == 0 && m_retryReason.isEmpty())
        return;
    m_attempt = m_maxAttempts = 0;
    m_retryDeadline = 0;
    m_retryReason.clear();
    if (m_streamingId != 0)
        m_messages.setAttempt(m_streamingId, 0, 0, false);
    Q_EMIT retryChanged();
}

void ChatController::setError(const QString &kind, const QString &message, bool hasPartial, qint64 id)
{
    m_errorKind = kind;
    m_errorMessage = message;
    m_errorHasPartial = hasPartial;
    m_failedId = id;
    Q_EMIT errorChanged();
}

QString ChatController::toMarkdown(const QString &title) const
{
    QString out = u"# "_s + (title.isEmpty() ? tr("Conversation") : title) + u"\n\n"_s;
    for (const StoredMessage &m : m_messages.messages()) {
        const QString who = m.role == ChatMessage::Role::User ? tr("You")
                          : m.role == ChatMessage::Role::Assistant ? (m.model.isEmpty() ? tr("Assistant") : m.model)
                                                                   : roleName(m.role);
        out += u"## "_s + who + u"\n\n"_s + m.content + u"\n\n"_s;
        if (m.role == ChatMessage::Role::Assistant && isContinuable(m.state))
            out += u"> *"_s + tr("This answer was %1.").arg(messageStateName(m.state)) + u"*\n\n"_s;
    }
    return out;
}
