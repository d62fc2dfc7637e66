// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "markdown/blocksplitter.h"

#include <QAbstractListModel>

/// The top-level markdown blocks of one message, as a list model.
///
/// While an answer streams, appendText() only ever changes the last open
/// block and/or inserts new rows after it: closed blocks are never touched
/// again and the model is never reset, so a view re-renders only the block
/// still being written. setText() replaces the whole text with the fewest
/// row changes (blocks both texts share are not touched), never a reset.
class MessageBlocksModel : public QAbstractListModel
{
    Q_OBJECT
    /// Number of blocks.
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// True after finish(): every block is closed.
    Q_PROPERTY(bool finished READ isFinished NOTIFY finishedChanged)

public:
    enum Role {
        /// QString: "paragraph", "heading", "list", "quote", "table", "code", "rule" or "html".
        KindRole = Qt::UserRole + 1,
        /// QString: the block's markdown source; for code, the code without its fences.
        TextRole,
        /// QString: the first word of a code fence's info string ("cpp"), else "".
        LanguageRole,
        /// bool: true once the block can no longer change.
        ClosedRole,
        /// int: 1..6 for headings, else 0.
        HeadingLevelRole,
        /// QString: `text` made safe for a rich-text renderer: images become
        /// links and raw HTML is escaped (see Markdown::sanitizeForDisplay).
        RenderTextRole,
        /// int: which segment of a long code fence the block is (see
        /// Markdown::Block::segment); 0 for the first and for other blocks.
        SegmentRole,
        /// bool: a later segment of the same code fence follows.
        ContinuesRole,
        /// QString: the code of the fence's earlier segments, each line ending
        /// in "\n" (a highlighter needs it for the state the segment starts
        /// in); "" for a first segment and for other blocks. Views are never
        /// told it changed: it can't, once the block exists.
        CodeBeforeRole,
    };
    Q_ENUM(Role)

    explicit MessageBlocksModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Appends streamed text: at most one dataChanged (for the previously
    /// last row) and one rowsInserted per call; never a reset.
    void appendText(QStringView delta);
    Q_INVOKABLE void appendText(const QString &delta) { appendText(QStringView(delta)); }
    /// Replaces the whole text (a loaded message, a stitched or re-opened
    /// answer): leading blocks that stay the same are not touched, changed
    /// ones get dataChanged, the rest are inserted or removed; never a reset.
    /// finished closes every block, as finish() does.
    Q_INVOKABLE void setText(const QString &full, bool finished = false);
    /// The answer is complete: closes the last block.
    Q_INVOKABLE void finish();
    /// The whole code of the fence that block `row` is a segment of; "" when
    /// the block is not code.
    QString fenceCode(int row) const;
    /// Every character given so far.
    QString text() const { return m_splitter.text(); }
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void countChanged();
    void finishedChanged();

private:
    void publish(const Markdown::BlockSplitter::Change &change);
    void setFinished(bool finished);
    /// The first segment of the code fence that block `row` belongs to.
    int fenceStart(int row) const;

    Markdown::BlockSplitter m_splitter;
    int m_rows = 0; // rows published to views
    bool m_finished = false;
};
