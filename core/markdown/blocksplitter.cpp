// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "markdown/blocksplitter.h"

#include "markdown/lineclass.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Markdown {

namespace {

// A tentative block of its own is re-classified while its line is this short;
// beyond it the block marker (the first few characters) is settled.
constexpr qsizetype ReclassifyLimit = 16;

QStringView withoutCarriageReturn(QStringView line)
{
    return line.endsWith(u'\r') ? line.chopped(1) : line;
}

// A partial line inside a code block that may become its closing fence.
bool mayCloseFence(QStringView partial, QChar fenceChar)
{
    qsizetype i = 0;
    while (i < partial.size() && i < 3 && partial[i] == u' ')
        ++i;
    const qsizetype start = i;
    while (i < partial.size() && partial[i] == fenceChar)
        ++i;
    return i > start && Line::isBlank(partial.mid(i));
}

Block classifyStart(QStringView line)
{
    Block block;
    Line::Fence fence;
    Line::ListItem item;
    if (Line::openingFence(line, &fence)) {
        block.kind = BlockKind::Code;
        block.language = fence.language.toString();
        return block; // the fence line itself is not code
    }
    block.text = line.toString();
    if (const int level = Line::atxHeadingLevel(line)) {
        block.kind = BlockKind::Heading;
        block.headingLevel = level;
    } else if (Line::isRule(line)) {
        block.kind = BlockKind::Rule;
    } else if (Line::isQuote(line)) {
        block.kind = BlockKind::Quote;
    } else if (Line::listItem(line, &item)) {
        block.kind = BlockKind::List;
    } else if (Line::isHtmlStart(line)) {
        block.kind = BlockKind::Html;
    }
    return block;
}

} // namespace

QString blockKindName(BlockKind kind)
{
    switch (kind) {
    case BlockKind::Paragraph: return u"paragraph"_s;
    case BlockKind::Heading: return u"heading"_s;
    case BlockKind::List: return u"list"_s;
    case BlockKind::Quote: return u"quote"_s;
    case BlockKind::Table: return u"table"_s;
    case BlockKind::Code: return u"code"_s;
    case BlockKind::Rule: return u"rule"_s;
    case BlockKind::Html: return u"html"_s;
    }
    return u"paragraph"_s;
}

BlockSplitter::Change BlockSplitter::append(QStringView delta)
{
    const qsizetype oldCount = m_blocks.size();
    m_dirtyFrom = oldCount;
    m_text += delta;

    bool completedLine = false;
    qsizetype pos = 0;
    for (qsizetype nl = delta.indexOf(u'\n'); nl >= 0; nl = delta.indexOf(u'\n', pos)) {
        dropTentative();
        if (m_partial.isEmpty()) {
            processLine(delta.mid(pos, nl - pos));
        } else {
            m_partial += delta.mid(pos, nl - pos);
            processLine(m_partial);
            m_partial.clear();
        }
        pos = nl + 1;
        completedLine = true;
    }

    const QStringView rest = delta.mid(pos);
    if (!rest.isEmpty()) {
        m_partial += rest;
        if (m_tentativeShown && !completedLine) {
            // The same line keeps growing: extend it in place, O(rest).
            // Classified again while the line was short before this piece
            // (its marker may have changed), and when what follows undoes a
            // kind: a backtick after a ``` makes inline code (a backtick
            // fence's info string has none), any other character after a
            // rule's dashes or stars makes text.
            const bool shortBefore = m_partial.size() - rest.size() <= ReclassifyLimit;
            const bool fenceUndone = m_tentativeOwnBlock && last().kind == BlockKind::Code && rest.contains(u'`');
            const bool ruleUndone = m_tentativeOwnBlock && last().kind == BlockKind::Rule
                && std::any_of(rest.begin(), rest.end(), [](QChar c) {
                       return c != u' ' && c != u'\t' && c != u'-' && c != u'*' && c != u'_';
                   });
            // A line of code that now looks like the closing fence is withheld.
            const bool mayClose = !m_tentativeOwnBlock && m_open.active && last().kind == BlockKind::Code
                && mayCloseFence(m_partial, m_open.fenceChar);
            if (m_tentativeHidden || (m_tentativeOwnBlock && shortBefore) || fenceUndone || ruleUndone || mayClose) {
                dropTentative();
                showTentative();
            } else if (!(m_tentativeOwnBlock && last().kind == BlockKind::Code)) {
                touch(m_blocks.size() - 1);
                last().text += rest;
            }
        } else {
            dropTentative();
            showTentative();
        }
    }

    Q_ASSERT(m_blocks.size() >= oldCount);
    return {int(std::min(m_dirtyFrom, oldCount)), int(oldCount), int(m_blocks.size())};
}

BlockSplitter::Change BlockSplitter::finish()
{
    const qsizetype oldCount = m_blocks.size();
    m_dirtyFrom = oldCount;
    if (!m_partial.isEmpty()) {
        dropTentative();
        const QString line = std::exchange(m_partial, QString());
        processLine(line);
    }
    if (m_open.active)
        closeOpen();
    return {int(std::min(m_dirtyFrom, oldCount)), int(oldCount), int(m_blocks.size())};
}

void BlockSplitter::clear()
{
    *this = BlockSplitter();
}

void BlockSplitter::processLine(QStringView line)
{
    line = withoutCarriageReturn(line);
    if (m_open.active && continueOpen(line))
        return;
    startBlock(line);
}

// Feeds a complete line to the open block. Returns false when the line closed
// the block and must start a new one.
bool BlockSplitter::continueOpen(QStringView line)
{
    Block &block = last();
    const bool blank = Line::isBlank(line);
    switch (block.kind) {
    case BlockKind::Code: {
        const Line::Fence fence{m_open.fenceChar, m_open.fenceLength, m_open.fenceIndent, {}};
        if (Line::isClosingFence(line, fence)) {
            closeOpen();
        } else {
            int strip = 0;
            while (strip < m_open.fenceIndent && strip < line.size() && line[strip] == u' ')
                ++strip;
            if (m_open.lines >= CodeSegmentLines || (m_open.lines > 0 && block.text.size() >= CodeSegmentChars))
                startCodeSegment();
            appendLine(line.mid(strip));
        }
        return true;
    }
    case BlockKind::List: {
        if (blank) {
            ++m_open.pendingBlanks;
            return true;
        }
        Line::ListItem item;
        const bool isItem = Line::listItem(line, &item) && !Line::isRule(line);
        const bool indented = Line::indent(line) >= 2;
        const bool continues = m_open.pendingBlanks > 0
            ? (isItem || indented)
            : (isItem || indented || !Line::interruptsParagraph(line));
        if (!continues) {
            closeOpen();
            return false;
        }
        appendLine(line);
        return true;
    }
    case BlockKind::Paragraph:
        if (blank) {
            closeOpen();
            return true;
        }
        if (m_open.lines == 1 && Line::isTableDelimiter(line) && block.text.contains(u'|')) {
            touch(m_blocks.size() - 1);
            block.kind = BlockKind::Table;
            appendLine(line);
            return true;
        }
        if (const int level = Line::setextLevel(line)) {
            touch(m_blocks.size() - 1);
            block.kind = BlockKind::Heading;
            block.headingLevel = level;
            appendLine(line);
            closeOpen();
            return true;
        }
        if (Line::interruptsParagraph(line)) {
            closeOpen();
            return false;
        }
        appendLine(line);
        return true;
    case BlockKind::Quote:
        if (blank) {
            closeOpen();
            return true;
        }
        if (Line::isQuote(line) || !Line::interruptsParagraph(line)) {
            appendLine(line); // lazy continuation keeps the quote going
            return true;
        }
        closeOpen();
        return false;
    case BlockKind::Table:
        if (blank) {
            closeOpen();
            return true;
        }
        if (line.contains(u'|') && !Line::interruptsParagraph(line)) {
            appendLine(line);
            return true;
        }
        closeOpen();
        return false;
    case BlockKind::Html:
        if (blank)
            closeOpen();
        else
            appendLine(line);
        return true;
    case BlockKind::Heading:
    case BlockKind::Rule:
        break;
    }
    closeOpen();
    return false;
}

void BlockSplitter::startBlock(QStringView line)
{
    if (Line::isBlank(line))
        return;
    Block block = classifyStart(line);
    touch(m_blocks.size());
    m_open = Open{};
    if (block.kind == BlockKind::Heading || block.kind == BlockKind::Rule) {
        block.closed = true; // single-line blocks
        m_blocks.append(std::move(block));
        return;
    }
    m_open.active = true;
    if (block.kind == BlockKind::Code) {
        Line::Fence fence;
        Line::openingFence(line, &fence);
        m_open.fenceChar = fence.character;
        m_open.fenceLength = fence.length;
        m_open.fenceIndent = fence.indent;
    } else {
        m_open.lines = 1;
        m_open.committedLength = block.text.size();
    }
    m_blocks.append(std::move(block));
}

void BlockSplitter::appendLine(QStringView line)
{
    touch(m_blocks.size() - 1);
    QString &text = last().text;
    for (; m_open.pendingBlanks > 0; --m_open.pendingBlanks)
        text += u'\n';
    if (m_open.lines > 0)
        text += u'\n';
    text += line;
    ++m_open.lines;
    m_open.committedLength = text.size();
}

void BlockSplitter::closeOpen()
{
    touch(m_blocks.size() - 1);
    last().closed = true;
    m_open = Open{};
}

// Closes the open code segment; the fence goes on in a new, empty one.
void BlockSplitter::startCodeSegment()
{
    touch(m_blocks.size() - 1);
    Block next;
    next.kind = BlockKind::Code;
    next.language = last().language;
    next.segment = last().segment + 1;
    last().closed = true;
    last().continues = true;
    m_blocks.append(std::move(next));
    m_open.lines = 0;
    m_open.committedLength = 0;
}

// Shows the line being written: in the open block, or as a new open block.
void BlockSplitter::showTentative()
{
    if (m_partial.isEmpty())
        return;
    if (m_open.active) {
        touch(m_blocks.size() - 1);
        m_tentativeShown = true;
        m_tentativeOwnBlock = false;
        if (last().kind == BlockKind::Code && mayCloseFence(m_partial, m_open.fenceChar)) {
            // Don't flash a closing fence as code; show it once it is code.
            m_tentativeHidden = true;
            return;
        }
        QString &text = last().text;
        for (int i = 0; i < m_open.pendingBlanks; ++i)
            text += u'\n';
        if (m_open.lines > 0)
            text += u'\n';
        text += m_partial;
        return;
    }
    if (Line::isBlank(m_partial))
        return;
    touch(m_blocks.size());
    m_blocks.append(classifyStart(m_partial));
    m_tentativeShown = true;
    m_tentativeOwnBlock = true;
}

void BlockSplitter::dropTentative()
{
    if (!m_tentativeShown)
        return;
    touch(m_blocks.size() - 1);
    if (m_tentativeOwnBlock)
        m_blocks.removeLast();
    else
        last().text.truncate(m_open.committedLength);
    m_tentativeShown = false;
    m_tentativeOwnBlock = false;
    m_tentativeHidden = false;
}

void BlockSplitter::touch(qsizetype index)
{
    m_dirtyFrom = std::min(m_dirtyFrom, index);
}

} // namespace Markdown
