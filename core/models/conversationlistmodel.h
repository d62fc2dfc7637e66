// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "storage/storetypes.h"

#include <QAbstractListModel>
#include <QList>
#include <optional>

/// The conversation list of the sidebar, most recent activity first.
///
/// A plain holder of ConversationSummary rows: listing and searching run on
/// the store's worker thread (see ConversationsController), which hands the
/// results in with setConversations(). Single changes (a new message, a
/// rename, a delete) move or remove one row; they never reset the model.
class ConversationListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        /// qint64: the conversation's id in the store.
        ConversationIdRole = Qt::UserRole + 1,
        /// QString: the title ("New chat" when the conversation has none yet).
        TitleRole,
        /// QDateTime: the time of the last activity (UTC).
        UpdatedAtRole,
        /// QString: the provider id used for new answers ("" = app default).
        ProviderRole,
        /// QString: the model used for new answers ("" = provider default).
        ModelRole,
        /// int: how many messages the conversation holds.
        MessageCountRole,
        /// int: how many answers were cut off and can be continued.
        ContinuableCountRole,
        /// QString: for a search, the matching text around the hit; "" otherwise.
        SnippetRole,
    };
    Q_ENUM(Role)

    explicit ConversationListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row (one reset), sorted by last activity, newest first.
    /// snippets maps conversation ids to search snippets (may be empty).
    void setConversations(const QList<ConversationSummary> &list,
                          const QHash<qint64, QString> &snippets = {});
    /// Inserts or updates one conversation, moving it to keep the order.
    void upsert(const ConversationSummary &summary);
    /// Removes one conversation and returns it (for undo), or nothing.
    std::optional<ConversationSummary> take(qint64 id);

    /// The row of a conversation, -1 when absent.
    Q_INVOKABLE int rowOf(qint64 id) const;
    /// The conversation id at row, 0 when out of range.
    Q_INVOKABLE qint64 idAt(int row) const;
    std::optional<ConversationSummary> summary(qint64 id) const;

Q_SIGNALS:
    void countChanged();

private:
    int sortedRowFor(const QDateTime &updatedAt, qint64 id) const;

    struct Row {
        ConversationSummary s;
        QString snippet;
    };
    QList<Row> m_rows;
};
