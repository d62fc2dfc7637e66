// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storedanswer.h"

#include "resilience/resilientstream.h"
#include "secrets/redact.h"
#include "store.h"
#include "util/logging.h"

StoredAnswer::StoredAnswer(Store *store, ResilientStream *stream, qint64 messageId, const QStringList &secrets,
                           const Checkpointer::Options &options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_stream(stream)
    , m_messageId(messageId)
    , m_secrets(secrets)
{
    m_checkpointer = std::make_unique<Checkpointer>(
        messageId,
        [stream] {
            // Read only when a save happens: no per-delta copy of the answer.
            return Checkpointer::Snapshot{stream->message().text(), stream->message().thinking()};
        },
        Checkpointer::storeWriter(store), options);
    connect(m_checkpointer.get(), &Checkpointer::saveFailed, this, [this](const QString &e) { m_saveError = e; });
    const auto added = [this] {
        if (m_checkpointer)
            m_checkpointer->tokenAdded();
    };
    connect(stream, &ResilientStream::textDelta, this, added);
    connect(stream, &ResilientStream::thinkingDelta, this, added);
    connect(stream, &ResilientStream::toolCallDelta, this, added);
    connect(stream, &ResilientStream::gaveUp, this, [this](const StreamError &e) { m_gaveUp = e; });
    connect(stream, &ResilientStream::finished, this, &StoredAnswer::onFinished);
}

StoredAnswer::~StoredAnswer() = default;

int StoredAnswer::checkpoints() const
{
    return m_checkpointer ? m_checkpointer->saveCount() : 0;
}

MessageState StoredAnswer::stateFor(FinishReason reason, const std::optional<StreamError> &gaveUp)
{
    switch (reason) {
    case FinishReason::Stop:
    case FinishReason::Length:
    case FinishReason::ToolCalls:
    case FinishReason::ContentFilter:
        return MessageState::Complete;
    case FinishReason::Cancelled:
        return MessageState::Cancelled;
    case FinishReason::Error:
    case FinishReason::None:
        break;
    }
    if (gaveUp && !isTransientKind(gaveUp->kind))
        return MessageState::Failed;
    return MessageState::Interrupted;
}

void StoredAnswer::onFinished(FinishReason reason)
{
    if (m_final)
        return;
    // No more checkpoints: the row below is the last word.
    m_checkpointer.reset();
    const MessageState state = stateFor(reason, m_gaveUp);
    m_final = state;

    std::optional<StoredMessage> row = m_store->message(m_messageId);
    if (!row) {
        m_saveError = m_store->lastError().message;
        qCWarning(lcStorage).noquote() << "cannot save message" << m_messageId << ":" << m_saveError;
        Q_EMIT recorded(state, false);
        return;
    }
    const MessageAccumulator &m = m_stream->message();
    row->content = m.text();
    row->thinking = m.thinking();
    if (!m.thinkingSignature().isEmpty()) // a continuation keeps the stored one
        row->thinkingSignature = m.thinkingSignature();
    row->toolCalls = state == MessageState::Complete ? m.toolCalls() : QList<ToolCall>();
    row->finishReason = state == MessageState::Complete
        ? (m.rawFinishReason().isEmpty() ? finishReasonName(reason) : m.rawFinishReason())
        : QString();
    if (m.inputTokens() >= 0)
        row->inputTokens = m.inputTokens();
    if (m.outputTokens() >= 0)
        row->outputTokens = m.outputTokens();
    row->state = state;
    row->errorKind.clear();
    row->errorMessage.clear();
    if ((state == MessageState::Failed || state == MessageState::Interrupted) && m_gaveUp) {
        row->errorKind = streamErrorKindName(m_gaveUp->kind);
        row->errorMessage = Redact::redactSecrets(m_gaveUp->displayText(), m_secrets);
    } else if (state == MessageState::Interrupted) {
        row->errorKind = streamErrorKindName(StreamError::Kind::Unknown);
        row->errorMessage = QStringLiteral("the answer ended before it was complete");
    }
    const bool ok = m_store->updateMessage(*row);
    if (!ok) {
        m_saveError = m_store->lastError().message;
        qCWarning(lcStorage).noquote() << "cannot save message" << m_messageId << ":" << m_saveError;
    }
    Q_EMIT recorded(state, ok);
}

namespace StoredHistory {

ChatRequest requestBefore(const QList<StoredMessage> &messages, const StoredConversation &conversation,
                          qint64 before)
{
    ChatRequest request;
    QStringList system;
    for (const StoredMessage &m : messages) {
        if (before != 0 && m.id == before)
            break;
        if (m.role == ChatMessage::Role::System) {
            if (!m.content.isEmpty())
                system.append(m.content);
            continue;
        }
        if (m.content.isEmpty() && m.toolCalls.isEmpty() && m.role != ChatMessage::Role::Tool)
            continue; // an answer that never started: providers reject empty turns
        ChatMessage c = m.toChatMessage();
        // Half-written tool calls of an unfinished answer are never sent back.
        if (m.state != MessageState::Complete)
            c.toolCalls.clear();
        if (c.content.isEmpty() && c.toolCalls.isEmpty() && c.role == ChatMessage::Role::Assistant)
            continue;
        request.messages.append(c);
    }
    request.options.systemPrompt = system.isEmpty()
        ? conversation.settings.value(QStringLiteral("systemPrompt")).toString()
        : system.join(QStringLiteral("\n\n"));
    return request;
}

} // namespace StoredHistory
