// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "models/messageblocksmodel.h"

#include <QAbstractListModel>
#include <QPointer>
#include <vector>

class MessageListModel;

/// The open conversation as the chat view lays it out: one row per piece of
/// a message, so that a ListView creates delegates only for the pieces on
/// screen, however long an answer grows.
///
/// An answer is a "head" row (who wrote it, its thinking), one "block" row
/// per markdown block of its MessageBlocksModel, and an "end" row (tool
/// calls, status card, usage and actions). Any other message (user, system,
/// tool) is a single "message" row.
///
/// Every row also carries the roles of its message (MessageListModel's,
/// forwarded). Changes are forwarded narrowly: a block that changes updates
/// only its row, new blocks are inserted rows, and a change of the message
/// itself (text, usage, state...) updates only its head and end rows (and a
/// "message" row), never its blocks. No resets except when the source resets.
class ChatRowsModel : public QAbstractListModel
{
    Q_OBJECT
    Q_PROPERTY(MessageListModel *source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role {
        /// QString: "head", "block" or "end" (pieces of an answer), or
        /// "message" (a whole user, system or tool message).
        PartRole = Qt::UserRole + 100,
        /// int: the block's index in its answer, -1 for other parts.
        BlockIndexRole,
        /// QString: the block's kind ("paragraph", "code"... see
        /// MessageBlocksModel::KindRole), "" for other parts.
        KindRole,
        /// QString: the block's markdown made safe to render (see
        /// MessageBlocksModel::RenderTextRole), "" for other parts.
        RenderTextRole,
        /// QString: a code block's language, "" otherwise.
        LanguageRole,
        /// bool: the block can no longer change (false for other parts).
        ClosedRole,
        /// int: which segment of a long code fence the block is, 0 for the
        /// first (see MessageBlocksModel::SegmentRole) and for other parts.
        SegmentRole,
        /// bool: a later segment of the same code fence follows.
        ContinuesRole,
        /// QString: the code of the fence's earlier segments (see
        /// MessageBlocksModel::CodeBeforeRole), "" otherwise.
        CodeBeforeRole,
    };
    Q_ENUM(Role)

    explicit ChatRowsModel(QObject *parent = nullptr);
    ~ChatRowsModel() override;

    MessageListModel *source() const { return m_source; }
    void setSource(MessageListModel *source);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    /// MessageListModel's role names plus the roles above.
    QHash<int, QByteArray> roleNames() const override;

    /// The row of the message in MessageListModel that `row` belongs to, -1 if none.
    Q_INVOKABLE int messageRow(int row) const;
    /// The first row (head or message) of a message, -1 if absent.
    Q_INVOKABLE int firstRowOf(int messageRow) const;
    /// The whole text of the message that `row` belongs to (Copy). Views
    /// ask for it on demand instead of binding to it: a binding would hold a
    /// reference that makes every streamed chunk copy the whole answer.
    Q_INVOKABLE QString messageText(int row) const;
    /// The whole code of the fence that block row `row` is (a segment of),
    /// "" for other rows (Copy on a code block).
    Q_INVOKABLE QString codeText(int row) const;

Q_SIGNALS:
    void sourceChanged();
    void countChanged();

private:
    struct Entry {
        QPointer<MessageBlocksModel> blocks; ///< null: a single "message" row
        int blocksShown = 0;                 ///< block rows published to views
        int first = 0;                       ///< first row of the message
        int rows() const { return blocks ? blocksShown + 2 : 1; }
    };
    struct Position {
        int message = -1;
        int block = -1; ///< -1: head, message; blocksShown: end
    };

    Position locate(int row) const;
    int sourceRow(int entry) const;
    Entry makeEntry(int sourceRow);
    void connectBlocks(MessageBlocksModel *blocks);
    int entryOf(const MessageBlocksModel *blocks) const;
    /// Recomputes the first rows from entry on, and the row count.
    void renumberFrom(int entry);
    void rebuild();

    void onSourceInserted(int first, int last);
    void onSourceAboutToBeRemoved(int first, int last);
    void onSourceRemoved(int first, int last);
    void onSourceChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void onBlocksInserted(MessageBlocksModel *blocks, int first, int last);
    void onBlocksAboutToBeRemoved(MessageBlocksModel *blocks, int first, int last);
    void onBlocksRemoved(MessageBlocksModel *blocks);
    void onBlocksChanged(MessageBlocksModel *blocks, int first, int last, const QList<int> &roles);

    QPointer<MessageListModel> m_source;
    std::vector<Entry> m_entries;
    int m_rowCount = 0;
    // While rows are being inserted into the source and not yet here, source
    // rows from m_shiftFrom on sit m_shiftBy further down.
    int m_shiftFrom = -1;
    int m_shiftBy = 0;
    // A removal of block rows announced to views, finished on rowsRemoved.
    int m_pendingBlockRemoval = 0;
};
