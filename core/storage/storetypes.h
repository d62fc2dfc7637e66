// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

// Plain value types of the durable conversation store (see store.h).

/// Where an assistant message is in its life. Only Streaming is transient: a
/// message still Streaming when the store is opened was cut off by a crash or
/// a kill and becomes Interrupted.
enum class MessageState {
    Complete,    ///< finished normally (or a user/system/tool message)
    Streaming,   ///< being written right now
    Interrupted, ///< cut off (drop, stall, crash, quit); can be continued
    Cancelled,   ///< stopped by the user; can be continued
    Failed,      ///< ended by an error; can be continued
};

/// "complete", "streaming", "interrupted", "cancelled", "failed".
QString messageStateName(MessageState state);
/// Parses a state name; false for an unknown one.
bool messageStateFromName(QStringView name, MessageState *state);
/// True for the states `continue` accepts (interrupted, cancelled, failed).
bool isContinuable(MessageState state);

/// "system", "user", "assistant", "tool".
QString roleName(ChatMessage::Role role);
bool roleFromName(QStringView name, ChatMessage::Role *role);

struct StoredConversation {
    qint64 id = 0;
    QString title;
    QDateTime createdAt; ///< UTC
    QDateTime updatedAt; ///< UTC
    QString providerId;  ///< provider used for new answers ("" = app default)
    QString model;       ///< model used for new answers ("" = provider default)
    QJsonObject settings; ///< further per-conversation options (temperature, system prompt, ...)
};

/// A conversation in a listing, with counts.
struct ConversationSummary {
    StoredConversation conversation;
    int messageCount = 0;
    int continuableCount = 0; ///< assistant messages interrupted, cancelled or failed
};

struct StoredMessage {
    qint64 id = 0;
    qint64 conversationId = 0;
    int position = 0; ///< order within the conversation, 0-based
    ChatMessage::Role role = ChatMessage::Role::User;
    QString content;
    QString thinking;
    QString thinkingSignature;
    QList<ToolCall> toolCalls;
    QString toolCallId;
    QString finishReason;     ///< finishReasonName() or the raw provider word; "" while not finished
    qint64 inputTokens = -1;  ///< -1 when unknown
    qint64 outputTokens = -1; ///< -1 when unknown
    QString providerId;
    QString model;
    QString errorKind;    ///< e.g. "rate_limited", "network"; "" when none
    QString errorMessage; ///< redacted, user-visible
    MessageState state = MessageState::Complete;
    QDateTime createdAt; ///< UTC
    QDateTime updatedAt; ///< UTC

    /// The message as sent back to a provider.
    ChatMessage toChatMessage() const;
};

/// One failure seen by the resilience layer, for the error metrics.
struct ErrorMetric {
    QDateTime at; ///< UTC
    QString kind;       ///< the StreamError kind name
    QString providerId;
    int httpStatus = 0;
};

/// Counts of one (kind, provider) pair over the last hour, day and week.
struct ErrorCount {
    QString kind;
    QString providerId;
    int lastHour = 0;
    int lastDay = 0;
    int lastWeek = 0;
};

/// Why the store could not do something. The message names the file and the
/// problem and never contains an API key.
struct StoreError {
    enum class Kind {
        None,
        Corrupt,   ///< not a SQLite database, or damaged
        Locked,    ///< another program holds a lock
        ReadOnly,  ///< file or folder not writable
        TooNew,    ///< written by a newer Confab (schema version above ours)
        NotConfab, ///< a SQLite database of some other program
        Io,        ///< cannot create/read the file or folder
        NotFound,  ///< no such conversation/message
        Query,     ///< any other SQL failure
    };
    Kind kind = Kind::None;
    QString message;

    bool isError() const { return kind != Kind::None; }
};

Q_DECLARE_METATYPE(StoredMessage)
Q_DECLARE_METATYPE(StoredConversation)
Q_DECLARE_METATYPE(StoreError)
