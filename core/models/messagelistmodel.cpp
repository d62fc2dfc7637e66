// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "messagelistmodel.h"

#include "models/messageblocksmodel.h"
#include "util/logging.h"

#include <QVariantMap>

using namespace Qt::Literals::StringLiterals;

struct MessageListModel::Item {
    StoredMessage m;
    MessageBlocksModel *blocks = nullptr; ///< owned by the model (parented), assistant rows only
    double tokensPerSecond = 0;
    int timeToFirstTokenMs = -1;
    int attempt = 0;
    int maxAttempts = 0;
    bool retryPending = false;
};

namespace {
/// The markdown blocks of an assistant message (null for the others).
MessageBlocksModel *makeBlocks(const StoredMessage &m, QObject *owner)
{
    if (m.role != ChatMessage::Role::Assistant)
        return nullptr;
    auto *blocks = new MessageBlocksModel(owner);
    blocks->setText(m.content, m.state != MessageState::Streaming);
    return blocks;
}
} // namespace

MessageListModel::MessageListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

MessageListModel::~MessageListModel() = default;

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &it = *m_items[size_t(index.row())];
    const StoredMessage &m = it.m;
    switch (role) {
    case MessageIdRole:
        return m.id;
    case RoleRole:
        return roleName(m.role);
    case Qt::DisplayRole:
    case TextRole:
        return m.content;
    case BlocksRole:
        return QVariant::fromValue<QObject *>(it.blocks);
    case ThinkingRole:
        return m.thinking;
    case ToolCallsRole: {
        QVariantList calls;
        calls.reserve(m.toolCalls.size());
        for (const ToolCall &c : m.toolCalls)
            calls.append(QVariantMap{{u"id"_s, c.id}, {u"name"_s, c.name}, {u"arguments"_s, c.arguments}});
        return calls;
    }
    case StateRole:
        return messageStateName(m.state);
    case ErrorKindRole:
        return m.errorKind;
    case ErrorMessageRole:
        return m.errorMessage;
    case InputTokensRole:
        return int(m.inputTokens);
    case OutputTokensRole:
        return int(m.outputTokens);
    case TokensPerSecondRole:
        return it.tokensPerSecond;
    case TimeToFirstTokenMsRole:
        return it.timeToFirstTokenMs;
    case ModelRole:
        return m.model;
    case ProviderRole:
        return m.providerId;
    case ContinuableRole:
        return m.role == ChatMessage::Role::Assistant && isContinuable(m.state);
    case AttemptRole:
        return it.attempt;
    case MaxAttemptsRole:
        return it.maxAttempts;
    case RetryPendingRole:
        return it.retryPending;
    default:
        return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"},
        {RoleRole, "role"},
        {TextRole, "text"},
        {BlocksRole, "blocks"},
        {ThinkingRole, "thinking"},
        {ToolCallsRole, "toolCalls"},
        {StateRole, "state"},
        {ErrorKindRole, "errorKind"},
        {ErrorMessageRole, "errorMessage"},
        {InputTokensRole, "inputTokens"},
        {OutputTokensRole, "outputTokens"},
        {TokensPerSecondRole, "tokensPerSecond"},
        {TimeToFirstTokenMsRole, "timeToFirstTokenMs"},
        {ModelRole, "model"},
        {ProviderRole, "provider"},
        {ContinuableRole, "continuable"},
        {AttemptRole, "attempt"},
        {MaxAttemptsRole, "maxAttempts"},
        {RetryPendingRole, "retryPending"},
    };
}

bool MessageListModel::setMessages(const QList<StoredMessage> &messages)
{
    if (isStreaming()) {
        qCWarning(lcUi) << "refusing to reset the message list while an answer streams";
        return false;
    }
    const int before = rowCount();
    beginResetModel();
    for (const auto &it : m_items) {
        if (it->blocks)
            it->blocks->deleteLater();
    }
    m_items.clear();
    m_items.reserve(size_t(messages.size()));
    for (const StoredMessage &m : messages) {
        auto item = std::make_unique<Item>();
        item->m = m;
        item->blocks = makeBlocks(m, this);
        m_items.push_back(std::move(item));
    }
    endResetModel();
    if (before != rowCount())
        Q_EMIT countChanged();
    return true;
}

int MessageListModel::append(const StoredMessage &message)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    auto item = std::make_unique<Item>();
    item->m = message;
    if (item->m.id == 0)
        item->m.id = --m_lastTemporaryId;
    item->blocks = makeBlocks(item->m, this);
    m_items.push_back(std::move(item));
    endInsertRows();
    Q_EMIT countChanged();
    return row;
}

void MessageListModel::truncateFrom(int row)
{
    row = std::max(row, 0);
    if (row >= rowCount())
        return;
    beginRemoveRows({}, row, rowCount() - 1);
    for (auto it = m_items.begin() + row; it != m_items.end(); ++it) {
        if ((*it)->blocks)
            (*it)->blocks->deleteLater();
    }
    m_items.erase(m_items.begin() + row, m_items.end());
    endRemoveRows();
    Q_EMIT countChanged();
}

void MessageListModel::removeMessage(qint64 id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    if (m_items[size_t(row)]->blocks)
        m_items[size_t(row)]->blocks->deleteLater();
    m_items.erase(m_items.begin() + row);
    endRemoveRows();
    Q_EMIT countChanged();
}

int MessageListModel::rowOf(qint64 id) const
{
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (m_items[size_t(row)]->m.id == id)
            return row;
    }
    return -1;
}

StoredMessage MessageListModel::message(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    return m_items[size_t(row)]->m;
}

QList<StoredMessage> MessageListModel::messages() const
{
    QList<StoredMessage> out;
    out.reserve(rowCount());
    for (const auto &it : m_items)
        out.append(it->m);
    return out;
}

bool MessageListModel::isStreaming() const
{
    for (const auto &it : m_items) {
        if (it->m.state == MessageState::Streaming)
            return true;
    }
    return false;
}

QString MessageListModel::lastAssistantText() const
{
    for (auto it = m_items.rbegin(); it != m_items.rend(); ++it) {
        if ((*it)->m.role == ChatMessage::Role::Assistant)
            return (*it)->m.content;
    }
    return {};
}

void MessageListModel::changed(int row, const QList<int> &roles)
{
    const QModelIndex i = index(row);
    Q_EMIT dataChanged(i, i, roles);
}

void MessageListModel::setMessageId(int row, qint64 id)
{
    if (row < 0 || row >= rowCount())
        return;
    m_items[size_t(row)]->m.id = id;
    changed(row, {MessageIdRole});
}

void MessageListModel::appendText(qint64 id, QStringView text)
{
    const int row = rowOf(id);
    if (row < 0 || text.isEmpty())
        return;
    Item &it = *m_items[size_t(row)];
    it.m.content.append(text);
    if (it.blocks)
        it.blocks->appendText(text); // only the open block changes
    changed(row, {TextRole, Qt::DisplayRole});
}

void MessageListModel::appendThinking(qint64 id, QStringView text)
{
    const int row = rowOf(id);
    if (row < 0 || text.isEmpty())
        return;
    m_items[size_t(row)]->m.thinking.append(text);
    changed(row, {ThinkingRole});
}

void MessageListModel::setText(qint64 id, const QString &text)
{
    const int row = rowOf(id);
    if (row < 0 || m_items[size_t(row)]->m.content == text)
        return;
    Item &it = *m_items[size_t(row)];
    it.m.content = text;
    if (it.blocks)
        it.blocks->setText(text, it.m.state != MessageState::Streaming);
    changed(row, {TextRole, Qt::DisplayRole});
}

void MessageListModel::setToolCalls(qint64 id, const QList<ToolCall> &calls)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_items[size_t(row)]->m.toolCalls = calls;
    changed(row, {ToolCallsRole});
}

void MessageListModel::setState(qint64 id, MessageState state, const QString &errorKind,
                                const QString &errorMessage)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    StoredMessage &m = m_items[size_t(row)]->m;
    m.state = state;
    m.errorKind = errorKind;
    m.errorMessage = errorMessage;
    if (state == MessageState::Streaming && m_items[size_t(row)]->blocks
        && m_items[size_t(row)]->blocks->isFinished()) {
        // Continuing a kept answer: its last block opens again, so the
        // continuation joins it instead of starting a new paragraph.
        m_items[size_t(row)]->blocks->setText(m.content, false);
    }
    if (state != MessageState::Streaming) {
        if (m_items[size_t(row)]->blocks && !m_items[size_t(row)]->blocks->isFinished())
            m_items[size_t(row)]->blocks->finish();
        m_items[size_t(row)]->attempt = 0;
        m_items[size_t(row)]->maxAttempts = 0;
        m_items[size_t(row)]->retryPending = false;
    }
    changed(row, {StateRole, ErrorKindRole, ErrorMessageRole, ContinuableRole, AttemptRole,
                  MaxAttemptsRole, RetryPendingRole});
}

void MessageListModel::setUsage(qint64 id, qint64 inputTokens, qint64 outputTokens)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_items[size_t(row)]->m.inputTokens = inputTokens;
    m_items[size_t(row)]->m.outputTokens = outputTokens;
    changed(row, {InputTokensRole, OutputTokensRole});
}

void MessageListModel::setStats(qint64 id, double tokensPerSecond, int timeToFirstTokenMs)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_items[size_t(row)]->tokensPerSecond = tokensPerSecond;
    m_items[size_t(row)]->timeToFirstTokenMs = timeToFirstTokenMs;
    changed(row, {TokensPerSecondRole, TimeToFirstTokenMsRole});
}

void MessageListModel::setAttempt(qint64 id, int attempt, int maxAttempts, bool retryPending)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    Item &it = *m_items[size_t(row)];
    it.attempt = attempt;
    it.maxAttempts = maxAttempts;
    it.retryPending = retryPending;
    changed(row, {AttemptRole, MaxAttemptsRole, RetryPendingRole});
}

void MessageListModel::setModel(qint64 id, const QString &providerId, const QString &model)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_items[size_t(row)]->m.providerId = providerId;
    m_items[size_t(row)]->m.model = model;
    changed(row, {ProviderRole, ModelRole});
}
