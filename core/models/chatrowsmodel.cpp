// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "models/chatrowsmodel.h"

#include "models/messageblocksmodel.h"
#include "models/messagelistmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

ChatRowsModel::ChatRowsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

ChatRowsModel::~ChatRowsModel() = default;

void ChatRowsModel::setSource(MessageListModel *source)
{
    if (m_source == source)
        return;
    beginResetModel();
    if (m_source)
        m_source->disconnect(this);
    m_source = source;
    if (m_source) {
        connect(m_source, &QAbstractItemModel::rowsInserted, this,
                [this](const QModelIndex &, int first, int last) { onSourceInserted(first, last); });
        connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                [this](const QModelIndex &, int first, int last) { onSourceAboutToBeRemoved(first, last); });
        connect(m_source, &QAbstractItemModel::rowsRemoved, this,
                [this](const QModelIndex &, int first, int last) { onSourceRemoved(first, last); });
        connect(m_source, &QAbstractItemModel::dataChanged, this, &ChatRowsModel::onSourceChanged);
        // The message list only ever resets; moves and layout changes are
        // taken as resets too, so nothing can get out of step.
        auto before = [this] { beginResetModel(); };
        auto after = [this] {
            rebuild();
            endResetModel();
            Q_EMIT countChanged();
        };
        connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this, before);
        connect(m_source, &QAbstractItemModel::modelReset, this, after);
        connect(m_source, &QAbstractItemModel::layoutAboutToBeChanged, this, before);
        connect(m_source, &QAbstractItemModel::layoutChanged, this, after);
        connect(m_source, &QAbstractItemModel::rowsAboutToBeMoved, this, before);
        connect(m_source, &QAbstractItemModel::rowsMoved, this, after);
        connect(m_source, &QObject::destroyed, this, [this] { setSource(nullptr); });
    }
    rebuild();
    endResetModel();
    Q_EMIT sourceChanged();
    Q_EMIT countChanged();
}

int ChatRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

QHash<int, QByteArray> ChatRowsModel::roleNames() const
{
    static const QHash<int, QByteArray> names = [] {
        QHash<int, QByteArray> all = MessageListModel().roleNames();
        all.insert({
            {PartRole, "part"_ba},
            {BlockIndexRole, "blockIndex"_ba},
            {KindRole, "kind"_ba},
            {RenderTextRole, "renderText"_ba},
            {LanguageRole, "language"_ba},
            {ClosedRole, "closed"_ba},
            {SegmentRole, "segment"_ba},
            {ContinuesRole, "continues"_ba},
            {CodeBeforeRole, "codeBefore"_ba},
        });
        return all;
    }();
    return names;
}

ChatRowsModel::Position ChatRowsModel::locate(int row) const
{
    if (row < 0 || row >= m_rowCount)
        return {};
    auto it = std::upper_bound(m_entries.begin(), m_entries.end(), row,
                               [](int r, const Entry &e) { return r < e.first; });
    const int entry = int(it - m_entries.begin()) - 1;
    const Entry &e = m_entries[size_t(entry)];
    if (!e.blocks)
        return {entry, -1};
    return {entry, row - e.first - 1}; // -1: head, blocksShown: end
}

int ChatRowsModel::sourceRow(int entry) const
{
    return m_shiftFrom >= 0 && entry >= m_shiftFrom ? entry + m_shiftBy : entry;
}

QVariant ChatRowsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_source)
        return {};
    const Position pos = locate(index.row());
    const Entry &e = m_entries[size_t(pos.message)];
    const bool isBlock = e.blocks && pos.block >= 0 && pos.block < e.blocksShown;
    auto blockData = [&](int blockRole) { return e.blocks->data(e.blocks->index(pos.block), blockRole); };
    switch (role) {
    case PartRole:
        if (!e.blocks)
            return u"message"_s;
        return pos.block < 0 ? u"head"_s : isBlock ? u"block"_s : u"end"_s;
    case BlockIndexRole:
        return isBlock ? pos.block : -1;
    case KindRole:
        return isBlock ? blockData(MessageBlocksModel::KindRole) : QString();
    case RenderTextRole:
        return isBlock ? blockData(MessageBlocksModel::RenderTextRole) : QString();
    case LanguageRole:
        return isBlock ? blockData(MessageBlocksModel::LanguageRole) : QString();
    case ClosedRole:
        return isBlock ? blockData(MessageBlocksModel::ClosedRole) : QVariant(false);
    case SegmentRole:
        return isBlock ? blockData(MessageBlocksModel::SegmentRole) : QVariant(0);
    case ContinuesRole:
        return isBlock ? blockData(MessageBlocksModel::ContinuesRole) : QVariant(false);
    case CodeBeforeRole:
        return isBlock ? blockData(MessageBlocksModel::CodeBeforeRole) : QString();
    default:
        return m_source->data(m_source->index(sourceRow(pos.message)), role);
    }
}

int ChatRowsModel::messageRow(int row) const
{
    const Position pos = locate(row);
    return pos.message < 0 ? -1 : sourceRow(pos.message);
}

int ChatRowsModel::firstRowOf(int messageRow) const
{
    if (messageRow < 0 || messageRow >= int(m_entries.size()))
        return -1;
    return m_entries[size_t(messageRow)].first;
}

QString ChatRowsModel::messageText(int row) const
{
    const int message = messageRow(row);
    if (message < 0 || !m_source)
        return {};
    return m_source->data(m_source->index(message), MessageListModel::TextRole).toString();
}

QString ChatRowsModel::codeText(int row) const
{
    const Position pos = locate(row);
    if (pos.message < 0)
        return {};
    const Entry &e = m_entries[size_t(pos.message)];
    if (!e.blocks || pos.block < 0 || pos.block >= e.blocksShown)
        return {};
    return e.blocks->fenceCode(pos.block);
}

ChatRowsModel::Entry ChatRowsModel::makeEntry(int row)
{
    Entry e;
    QObject *blocks = m_source->data(m_source->index(row), MessageListModel::BlocksRole).value<QObject *>();
    e.blocks = qobject_cast<MessageBlocksModel *>(blocks);
    if (e.blocks) {
        e.blocksShown = e.blocks->rowCount();
        connectBlocks(e.blocks);
    }
    return e;
}

void ChatRowsModel::connectBlocks(MessageBlocksModel *blocks)
{
    connect(blocks, &QAbstractItemModel::rowsInserted, this,
            [this, blocks](const QModelIndex &, int first, int last) { onBlocksInserted(blocks, first, last); });
    connect(blocks, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this, blocks](const QModelIndex &, int first, int last) { onBlocksAboutToBeRemoved(blocks, first, last); });
    connect(blocks, &QAbstractItemModel::rowsRemoved, this, [this, blocks] { onBlocksRemoved(blocks); });
    connect(blocks, &QAbstractItemModel::dataChanged, this,
            [this, blocks](const QModelIndex &tl, const QModelIndex &br, const QList<int> &roles) {
                onBlocksChanged(blocks, tl.row(), br.row(), roles);
            });
    connect(blocks, &QAbstractItemModel::modelAboutToBeReset, this, [this, blocks] {
        const int entry = entryOf(blocks);
        if (entry >= 0 && m_entries[size_t(entry)].blocksShown > 0) {
            onBlocksAboutToBeRemoved(blocks, 0, m_entries[size_t(entry)].blocksShown - 1);
            onBlocksRemoved(blocks);
        }
    });
    connect(blocks, &QAbstractItemModel::modelReset, this, [this, blocks] {
        if (blocks->rowCount() > 0)
            onBlocksInserted(blocks, 0, blocks->rowCount() - 1);
    });
}

int ChatRowsModel::entryOf(const MessageBlocksModel *blocks) const
{
    // The streaming answer is the last message: scan from the end.
    for (int i = int(m_entries.size()) - 1; i >= 0; --i) {
        if (m_entries[size_t(i)].blocks == blocks)
            return i;
    }
    return -1;
}

void ChatRowsModel::renumberFrom(int entry)
{
    int first = entry > 0 ? m_entries[size_t(entry - 1)].first + m_entries[size_t(entry - 1)].rows() : 0;
    for (size_t i = size_t(std::max(entry, 0)); i < m_entries.size(); ++i) {
        m_entries[i].first = first;
        first += m_entries[i].rows();
    }
    m_rowCount = first;
}

void ChatRowsModel::rebuild()
{
    for (const Entry &e : m_entries) {
        if (e.blocks)
            e.blocks->disconnect(this);
    }
    m_entries.clear();
    m_shiftFrom = -1;
    m_pendingBlockRemoval = 0;
    const int count = m_source ? m_source->rowCount() : 0;
    m_entries.reserve(size_t(count));
    for (int row = 0; row < count; ++row)
        m_entries.push_back(makeEntry(row));
    renumberFrom(0);
}

void ChatRowsModel::onSourceInserted(int first, int last)
{
    std::vector<Entry> fresh;
    int rows = 0;
    for (int row = first; row <= last; ++row) {
        fresh.push_back(makeEntry(row));
        rows += fresh.back().rows();
    }
    const int at = first < int(m_entries.size()) ? m_entries[size_t(first)].first : m_rowCount;
    // Until the new entries are in, views still see the old rows; their
    // messages have already moved down in the source.
    m_shiftFrom = first;
    m_shiftBy = last - first + 1;
    beginInsertRows({}, at, at + rows - 1);
    m_entries.insert(m_entries.begin() + first, fresh.begin(), fresh.end());
    m_shiftFrom = -1;
    renumberFrom(first);
    endInsertRows();
    Q_EMIT countChanged();
}

void ChatRowsModel::onSourceAboutToBeRemoved(int first, int last)
{
    const Entry &end = m_entries[size_t(last)];
    beginRemoveRows({}, m_entries[size_t(first)].first, end.first + end.rows() - 1);
}

void ChatRowsModel::onSourceRemoved(int first, int last)
{
    for (int i = first; i <= last; ++i) {
        if (m_entries[size_t(i)].blocks)
            m_entries[size_t(i)].blocks->disconnect(this);
    }
    m_entries.erase(m_entries.begin() + first, m_entries.begin() + last + 1);
    renumberFrom(first);
    endRemoveRows();
    Q_EMIT countChanged();
}

void ChatRowsModel::onSourceChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                    const QList<int> &roles)
{
    // A message's own data shows in its head and end rows, never in its
    // blocks: the blocks are left alone (they change through their model).
    for (int row = topLeft.row(); row <= bottomRight.row() && row < int(m_entries.size()); ++row) {
        const Entry &e = m_entries[size_t(row)];
        Q_EMIT dataChanged(index(e.first), index(e.first), roles);
        if (e.blocks)
            Q_EMIT dataChanged(index(e.first + e.rows() - 1), index(e.first + e.rows() - 1), roles);
    }
}

void ChatRowsModel::onBlocksInserted(MessageBlocksModel *blocks, int first, int last)
{
    const int entry = entryOf(blocks);
    if (entry < 0)
        return;
    Entry &e = m_entries[size_t(entry)];
    const int at = e.first + 1 + first;
    beginInsertRows({}, at, at + (last - first));
    e.blocksShown += last - first + 1;
    renumberFrom(entry + 1);
    endInsertRows();
    Q_EMIT countChanged();
}

void ChatRowsModel::onBlocksAboutToBeRemoved(MessageBlocksModel *blocks, int first, int last)
{
    const int entry = entryOf(blocks);
    if (entry < 0)
        return;
    const int at = m_entries[size_t(entry)].first + 1 + first;
    beginRemoveRows({}, at, at + (last - first));
    m_pendingBlockRemoval = last - first + 1;
}

void ChatRowsModel::onBlocksRemoved(MessageBlocksModel *blocks)
{
    const int entry = entryOf(blocks);
    if (entry < 0 || m_pendingBlockRemoval == 0)
        return;
    m_entries[size_t(entry)].blocksShown -= m_pendingBlockRemoval;
    m_pendingBlockRemoval = 0;
    renumberFrom(entry + 1);
    endRemoveRows();
    Q_EMIT countChanged();
}

void ChatRowsModel::onBlocksChanged(MessageBlocksModel *blocks, int first, int last, const QList<int> &roles)
{
    const int entry = entryOf(blocks);
    if (entry < 0)
        return;
    const Entry &e = m_entries[size_t(entry)];
    last = std::min(last, e.blocksShown - 1);
    if (first > last)
        return;
    static const QHash<int, int> toRow = {
        {MessageBlocksModel::KindRole, KindRole},
        {MessageBlocksModel::TextRole, RenderTextRole},
        {MessageBlocksModel::RenderTextRole, RenderTextRole},
        {MessageBlocksModel::LanguageRole, LanguageRole},
        {MessageBlocksModel::ClosedRole, ClosedRole},
        {MessageBlocksModel::SegmentRole, SegmentRole},
        {MessageBlocksModel::ContinuesRole, ContinuesRole},
        {MessageBlocksModel::CodeBeforeRole, CodeBeforeRole},
    };
    QList<int> mapped;
    for (int role : roles) {
        const int rowRole = toRow.value(role, -1);
        if (rowRole >= 0 && !mapped.contains(rowRole))
            mapped.append(rowRole);
    }
    if (!roles.isEmpty() && mapped.isEmpty())
        return;
    Q_EMIT dataChanged(index(e.first + 1 + first), index(e.first + 1 + last), mapped);
}
