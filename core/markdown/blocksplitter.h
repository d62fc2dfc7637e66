// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Markdown {

/// The kind of a top-level markdown block.
enum class BlockKind { Paragraph, Heading, List, Quote, Table, Code, Rule, Html };

/// The name of a kind as used by the views: "paragraph", "heading", ...
QString blockKindName(BlockKind kind);

/// One top-level block of a markdown text.
struct Block
{
    BlockKind kind = BlockKind::Paragraph;
    /// Markdown source of the block; for code the code without the fences.
    QString text;
    /// First word of a code fence's info string, else empty.
    QString language;
    /// 1..6 for headings, else 0.
    int headingLevel = 0;
    /// True once nothing appended later can change the block.
    bool closed = false;
    /// A long code fence is split into segments of at most
    /// BlockSplitter::CodeSegmentLines lines (or about CodeSegmentChars
    /// characters), one block each, so a view redraws only the segment still
    /// being written. 0 for the first segment (and for every other block).
    int segment = 0;
    /// True when a later segment of the same code fence follows this one.
    bool continues = false;

    friend bool operator==(const Block &, const Block &) = default;
};

/// Splits markdown into top-level blocks incrementally, as a stream arrives.
///
/// Work per append is proportional to the appended text (amortized): complete
/// lines are classified once, and state is kept only for the one block that is
/// still open. Closed blocks are never modified again. The line still being
/// written (no newline yet) is shown tentatively in the open block, or in a
/// new open block when no block is open; it is classified for real once its
/// newline arrives.
///
/// The splitter follows CommonMark's block structure closely enough for chat
/// answers: ATX and setext headings, ``` and ~~~ fences with info strings,
/// bullet and ordered lists (with blank lines between items), block quotes
/// with lazy continuation, GFM tables, thematic breaks and HTML blocks.
///
/// A long code fence becomes several Code blocks ("segments", see
/// Block::segment): only complete lines move on to a new segment, so the
/// split does not depend on how the text arrived.
class BlockSplitter
{
public:
    /// A code segment is closed, and the fence continues in a new block,
    /// when a line arrives after this many lines...
    static constexpr int CodeSegmentLines = 20;
    /// ... or after this many characters.
    static constexpr qsizetype CodeSegmentChars = 2000;

    /// What one call changed: blocks in [firstChanged, oldCount) had their
    /// data changed, blocks in [oldCount, newCount) are new. firstChanged is
    /// oldCount when no existing block changed. newCount >= oldCount always.
    struct Change
    {
        int firstChanged = 0;
        int oldCount = 0;
        int newCount = 0;
    };

    /// Appends streamed text.
    Change append(QStringView delta);
    /// Treats the text as complete: classifies the last line and closes
    /// every block. Text appended afterwards starts new blocks.
    Change finish();
    /// Forgets everything.
    void clear();

    const QList<Block> &blocks() const { return m_blocks; }
    /// Every character appended so far.
    const QString &text() const { return m_text; }

private:
    struct Open
    {
        bool active = false;     // the last block is open and owned by this state
        int lines = 0;           // committed lines in the block
        int pendingBlanks = 0;   // blank lines seen inside a list, not yet committed
        QChar fenceChar;         // for code
        int fenceLength = 0;
        int fenceIndent = 0;
        qsizetype committedLength = 0; // length of the last block's text without the tentative line
    };

    void processLine(QStringView line);
    bool continueOpen(QStringView line);
    void startBlock(QStringView line);
    void appendLine(QStringView line);
    void closeOpen();
    void startCodeSegment();
    void showTentative();
    void dropTentative();
    void touch(qsizetype index);
    Block &last() { return m_blocks.last(); }

    QList<Block> m_blocks;
    QString m_text;
    QString m_partial;           // the line being written (no newline yet)
    Open m_open;
    bool m_tentativeShown = false; // m_partial is reflected in m_blocks
    bool m_tentativeOwnBlock = false; // ... as a block of its own (popped on newline)
    bool m_tentativeHidden = false;   // ... withheld: it may be a closing fence
    qsizetype m_dirtyFrom = 0;
};

} // namespace Markdown
