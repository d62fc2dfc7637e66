// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "models/messageblocksmodel.h"

#include "markdown/sanitizer.h"

#include <algorithm>

using namespace Qt::StringLiterals;

MessageBlocksModel::MessageBlocksModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int MessageBlocksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

QVariant MessageBlocksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Markdown::Block &block = m_splitter.blocks().at(index.row());
    switch (role) {
    case KindRole: return Markdown::blockKindName(block.kind);
    case Qt::DisplayRole:
    case TextRole: return block.text;
    case LanguageRole: return block.language;
    case ClosedRole: return block.closed;
    case HeadingLevelRole: return block.headingLevel;
    case RenderTextRole:
        return block.kind == Markdown::BlockKind::Code ? block.text : Markdown::sanitizeForDisplay(block.text);
    case SegmentRole: return block.segment;
    case ContinuesRole: return block.continues;
    case CodeBeforeRole: {
        QString before;
        for (int row = fenceStart(index.row()); row < index.row(); ++row)
            before += m_splitter.blocks().at(row).text + u'\n';
        return before;
    }
    default: return {};
    }
}

QHash<int, QByteArray> MessageBlocksModel::roleNames() const
{
    return {
        {KindRole, "kind"_ba},
        {TextRole, "text"_ba},
        {LanguageRole, "language"_ba},
        {ClosedRole, "closed"_ba},
        {HeadingLevelRole, "headingLevel"_ba},
        {RenderTextRole, "renderText"_ba},
        {SegmentRole, "segment"_ba},
        {ContinuesRole, "continues"_ba},
        {CodeBeforeRole, "codeBefore"_ba},
    };
}

int MessageBlocksModel::fenceStart(int row) const
{
    if (row < 0 || row >= m_rows)
        return -1;
    return row - m_splitter.blocks().at(row).segment;
}

QString MessageBlocksModel::fenceCode(int row) const
{
    const int first = fenceStart(row);
    const QList<Markdown::Block> &blocks = m_splitter.blocks();
    if (first < 0 || blocks.at(first).kind != Markdown::BlockKind::Code)
        return {};
    QString code = blocks.at(first).text;
    for (int i = first + 1; i < m_rows && blocks.at(i).segment > 0; ++i)
        code += u'\n' + blocks.at(i).text;
    return code;
}

void MessageBlocksModel::appendText(QStringView delta)
{
    if (delta.isEmpty())
        return;
    setFinished(false);
    publish(m_splitter.append(delta));
}

void MessageBlocksModel::setText(const QString &full, bool finished)
{
    Markdown::BlockSplitter next;
    next.append(full);
    if (finished)
        next.finish();
    const QList<Markdown::Block> &now = m_splitter.blocks();
    const QList<Markdown::Block> &then = next.blocks();
    const int oldCount = m_rows;
    const int newCount = int(then.size());
    int same = 0;
    while (same < std::min(oldCount, newCount) && now.at(same) == then.at(same))
        ++same;
    // Fewest row changes: the blocks both texts share stay untouched, so a
    // view keeps their delegates (re-opening a kept answer, stitching).
    if (newCount < oldCount) {
        // Views see the old data of the rows that stay until they are told
        // of the change, after the removal.
        beginRemoveRows({}, newCount, oldCount - 1);
        m_rows = newCount;
        endRemoveRows();
    }
    m_splitter = std::move(next);
    if (same < std::min(oldCount, newCount))
        Q_EMIT dataChanged(index(same), index(std::min(oldCount, newCount) - 1));
    if (newCount > oldCount) {
        beginInsertRows({}, oldCount, newCount - 1);
        m_rows = newCount;
        endInsertRows();
    }
    if (newCount != oldCount)
        Q_EMIT countChanged();
    setFinished(finished);
}

void MessageBlocksModel::finish()
{
    publish(m_splitter.finish());
    setFinished(true);
}

void MessageBlocksModel::publish(const Markdown::BlockSplitter::Change &change)
{
    // The splitter has already changed its blocks; the model publishes the
    // new rows only now (m_rows), so views see a proper insertion.
    if (change.firstChanged < change.oldCount) {
        // Every role but the two a block keeps from its start: views need
        // not ask for the code before a segment again on every chunk.
        static const QList<int> roles = {Qt::DisplayRole, KindRole, TextRole, LanguageRole, ClosedRole,
                                         HeadingLevelRole, RenderTextRole, ContinuesRole};
        Q_EMIT dataChanged(index(change.firstChanged), index(change.oldCount - 1), roles);
    }
    if (change.newCount > change.oldCount) {
        beginInsertRows({}, change.oldCount, change.newCount - 1);
        m_rows = change.newCount;
        endInsertRows();
        Q_EMIT countChanged();
    }
}

void MessageBlocksModel::setFinished(bool finished)
{
    if (m_finished == finished)
        return;
    m_finished = finished;
    Q_EMIT finishedChanged();
}
