// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "storage/storetypes.h"

#include <QAbstractListModel>
#include <QList>
#include <memory>

/// The messages of one open conversation, as the chat view shows them.
///
/// Loaded once with setMessages() (the only reset, refused while an answer
/// streams), then changed row by row: the streaming answer grows with
/// appendText(), which callers feed from a ChunkCoalescer so that there is at
/// most one dataChanged per message per frame. No SQL here: the controller
/// loads and saves through the store.
class MessageListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        /// qint64: the message's id in the store (0 before it is saved).
        MessageIdRole = Qt::UserRole + 1,
        /// QString: "user", "assistant", "system" or "tool".
        RoleRole,
        /// QString: the message text (the answer so far while streaming).
        TextRole,
        /// MessageBlocksModel*: the answer split into markdown blocks
        /// (assistant messages only; null for the others).
        BlocksRole,
        /// QString: the model's reasoning, "" when none.
        ThinkingRole,
        /// QVariantList of {id, name, arguments}: the tool calls of the answer.
        ToolCallsRole,
        /// QString: "complete", "streaming", "interrupted", "cancelled", "failed".
        StateRole,
        /// QString: the classified error kind ("network", "rate_limit", ...), "" when none.
        ErrorKindRole,
        /// QString: the error in plain words (redacted), "" when none.
        ErrorMessageRole,
        /// int: prompt tokens reported by the provider, -1 when unknown.
        InputTokensRole,
        /// int: answer tokens reported by the provider (or counted while streaming), -1 when unknown.
        OutputTokensRole,
        /// double: answer tokens per second, 0 when unknown.
        TokensPerSecondRole,
        /// int: milliseconds from sending to the first token, -1 when unknown.
        TimeToFirstTokenMsRole,
        /// QString: the model that wrote the answer.
        ModelRole,
        /// QString: the id of the provider that wrote the answer.
        ProviderRole,
        /// bool: the answer was cut off, cancelled or failed and can be continued.
        ContinuableRole,
        /// int: the current attempt of the streaming answer (1-based), 0 when not streaming.
        AttemptRole,
        /// int: how many attempts the retry policy allows, 0 when not streaming.
        MaxAttemptsRole,
        /// bool: a retry of this answer is scheduled (the reconnect banner shows).
        RetryPendingRole,
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject *parent = nullptr);
    ~MessageListModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every message (one model reset). Refused, returning false,
    /// while an answer streams: a reset would lose the view's position.
    bool setMessages(const QList<StoredMessage> &messages);
    /// Appends one message; returns its row. A message without an id (not
    /// saved yet) gets a temporary negative id until setMessageId().
    int append(const StoredMessage &message);
    /// Removes the rows from row to the end (regenerate, edit-and-resend).
    void truncateFrom(int row);
    /// Removes one message.
    void removeMessage(qint64 id);

    /// The row of a message, -1 when absent. Scans from the end: the
    /// streaming answer is the last row, so the hot path is O(1).
    int rowOf(qint64 id) const;
    /// A copy of the message at row (invalid rows give a default message).
    StoredMessage message(int row) const;
    QList<StoredMessage> messages() const;
    /// True while any message is in the "streaming" state.
    bool isStreaming() const;
    /// The text of the last assistant message, "" when none.
    QString lastAssistantText() const;

    /// Sets the store id of a message saved after it was appended.
    void setMessageId(int row, qint64 id);
    /// Appends answer text (one dataChanged). Amortised O(length of text).
    void appendText(qint64 id, QStringView text);
    /// Appends reasoning text (one dataChanged).
    void appendThinking(qint64 id, QStringView text);
    /// Replaces the answer text (e.g. after stitching a resumed stream).
    void setText(qint64 id, const QString &text);
    void setToolCalls(qint64 id, const QList<ToolCall> &calls);
    void setState(qint64 id, MessageState state, const QString &errorKind = {},
                  const QString &errorMessage = {});
    void setUsage(qint64 id, qint64 inputTokens, qint64 outputTokens);
    void setStats(qint64 id, double tokensPerSecond, int timeToFirstTokenMs);
    void setAttempt(qint64 id, int attempt, int maxAttempts, bool retryPending);
    void setModel(qint64 id, const QString &providerId, const QString &model);

Q_SIGNALS:
    void countChanged();

private:
    struct Item;
    void changed(int row, const QList<int> &roles);

    std::vector<std::unique_ptr<Item>> m_items;
    qint64 m_lastTemporaryId = 0;
};
