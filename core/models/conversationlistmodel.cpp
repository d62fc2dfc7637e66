// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "conversationlistmodel.h"

#include <algorithm>

namespace {
/// Newest first; ties broken by the larger (newer) id, so the order is total.
bool before(const QDateTime &a, qint64 aId, const QDateTime &b, qint64 bId)
{
    if (a != b)
        return a > b;
    return aId > bId;
}
} // namespace

ConversationListModel::ConversationListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const StoredConversation &c = r.s.conversation;
    switch (role) {
    case ConversationIdRole:
        return c.id;
    case Qt::DisplayRole:
    case TitleRole:
        return c.title.isEmpty() ? tr("New chat") : c.title;
    case UpdatedAtRole:
        return c.updatedAt;
    case ProviderRole:
        return c.providerId;
    case ModelRole:
        return c.model;
    case MessageCountRole:
        return r.s.messageCount;
    case ContinuableCountRole:
        return r.s.continuableCount;
    case SnippetRole:
        return r.snippet;
    default:
        return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {
        {ConversationIdRole, "conversationId"},
        {TitleRole, "title"},
        {UpdatedAtRole, "updatedAt"},
        {ProviderRole, "provider"},
        {ModelRole, "model"},
        {MessageCountRole, "messageCount"},
        {ContinuableCountRole, "continuableCount"},
        {SnippetRole, "snippet"},
    };
}

void ConversationListModel::setConversations(const QList<ConversationSummary> &list,
                                             const QHash<qint64, QString> &snippets)
{
    const int before = rowCount();
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(list.size());
    for (const ConversationSummary &s : list)
        m_rows.append(Row{s, snippets.value(s.conversation.id)});
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const Row &a, const Row &b) {
        return ::before(a.s.conversation.updatedAt, a.s.conversation.id,
                        b.s.conversation.updatedAt, b.s.conversation.id);
    });
    endResetModel();
    if (before != rowCount())
        Q_EMIT countChanged();
}

int ConversationListModel::sortedRowFor(const QDateTime &updatedAt, qint64 id) const
{
    int row = 0;
    while (row < m_rows.size()
           && before(m_rows.at(row).s.conversation.updatedAt, m_rows.at(row).s.conversation.id,
                     updatedAt, id))
        ++row;
    return row;
}

void ConversationListModel::upsert(const ConversationSummary &summary)
{
    const qint64 id = summary.conversation.id;
    const int from = rowOf(id);
    if (from < 0) {
        const int row = sortedRowFor(summary.conversation.updatedAt, id);
        beginInsertRows({}, row, row);
        m_rows.insert(row, Row{summary, {}});
        endInsertRows();
        Q_EMIT countChanged();
        return;
    }
    // Where it belongs among the other rows.
    Row moved = m_rows.at(from);
    moved.s = summary;
    m_rows.removeAt(from);
    const int to = sortedRowFor(summary.conversation.updatedAt, id);
    m_rows.insert(from, moved); // put back while the view is told about the move
    if (to != from) {
        beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
        m_rows.move(from, to);
        endMoveRows();
    }
    const QModelIndex i = index(to);
    Q_EMIT dataChanged(i, i);
}

std::optional<ConversationSummary> ConversationListModel::take(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    beginRemoveRows({}, row, row);
    ConversationSummary s = m_rows.takeAt(row).s;
    endRemoveRows();
    Q_EMIT countChanged();
    return s;
}

int ConversationListModel::rowOf(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).s.conversation.id == id)
            return i;
    }
    return -1;
}

qint64 ConversationListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).s.conversation.id : 0;
}

std::optional<ConversationSummary> ConversationListModel::summary(qint64 id) const
{
    const int row = rowOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row).s;
}
