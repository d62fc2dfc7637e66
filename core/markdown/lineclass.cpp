// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "markdown/lineclass.h"

namespace Markdown::Line {

namespace {

// Index of the first non-space character if indentation is at most 3 columns,
// else -1 (an indented code line, never a block marker).
qsizetype markerStart(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && line[i] == u' ')
        ++i;
    if (i > 3 || (i < line.size() && line[i] == u'\t'))
        return -1;
    return i;
}

bool isSpaceOrTab(QChar c)
{
    return c == u' ' || c == u'\t';
}

} // namespace

int indent(QStringView line)
{
    int columns = 0;
    for (const QChar c : line) {
        if (c == u' ')
            ++columns;
        else if (c == u'\t')
            columns += 4 - columns % 4;
        else
            break;
    }
    return columns;
}

bool isBlank(QStringView line)
{
    for (const QChar c : line) {
        if (!isSpaceOrTab(c) && c != u'\r')
            return false;
    }
    return true;
}

int atxHeadingLevel(QStringView line)
{
    qsizetype i = markerStart(line);
    if (i < 0)
        return 0;
    int level = 0;
    while (i < line.size() && line[i] == u'#') {
        ++level;
        ++i;
    }
    if (level == 0 || level > 6)
        return 0;
    if (i < line.size() && !isSpaceOrTab(line[i]))
        return 0;
    return level;
}

bool isRule(QStringView line)
{
    qsizetype i = markerStart(line);
    if (i < 0 || i >= line.size())
        return false;
    const QChar c = line[i];
    if (c != u'*' && c != u'-' && c != u'_')
        return false;
    int count = 0;
    for (; i < line.size(); ++i) {
        if (line[i] == c)
            ++count;
        else if (!isSpaceOrTab(line[i]))
            return false;
    }
    return count >= 3;
}

int setextLevel(QStringView line)
{
    qsizetype i = markerStart(line);
    if (i < 0 || i >= line.size())
        return 0;
    const QChar c = line[i];
    if (c != u'=' && c != u'-')
        return 0;
    while (i < line.size() && line[i] == c)
        ++i;
    while (i < line.size() && isSpaceOrTab(line[i]))
        ++i;
    if (i != line.size())
        return 0;
    return c == u'=' ? 1 : 2;
}

bool openingFence(QStringView line, Fence *fence)
{
    const qsizetype start = markerStart(line);
    if (start < 0 || start >= line.size())
        return false;
    const QChar c = line[start];
    if (c != u'`' && c != u'~')
        return false;
    qsizetype i = start;
    while (i < line.size() && line[i] == c)
        ++i;
    const qsizetype length = i - start;
    if (length < 3)
        return false;
    const QStringView info = line.mid(i).trimmed();
    if (c == u'`' && info.contains(u'`'))
        return false; // inline code such as ```x```, not a fence
    qsizetype wordEnd = 0;
    while (wordEnd < info.size() && !info[wordEnd].isSpace() && info[wordEnd] != u'{')
        ++wordEnd;
    fence->character = c;
    fence->length = int(length);
    fence->indent = int(start);
    fence->language = info.left(wordEnd);
    return true;
}

bool isClosingFence(QStringView line, const Fence &open)
{
    qsizetype i = markerStart(line);
    if (i < 0)
        return false;
    const qsizetype start = i;
    while (i < line.size() && line[i] == open.character)
        ++i;
    if (i - start < open.length)
        return false;
    return isBlank(line.mid(i));
}

bool listItem(QStringView line, ListItem *item)
{
    const qsizetype start = markerStart(line);
    if (start < 0 || start >= line.size())
        return false;
    qsizetype i = start;
    const QChar c = line[i];
    ListItem result;
    if (c == u'-' || c == u'+' || c == u'*') {
        ++i;
    } else {
        while (i < line.size() && i - start < 10 && line[i].isDigit())
            ++i;
        const qsizetype digits = i - start;
        if (digits == 0 || digits > 9 || i >= line.size() || (line[i] != u'.' && line[i] != u')'))
            return false;
        result.ordered = true;
        int value = 0;
        for (qsizetype d = start; d < i; ++d)
            value = value * 10 + line[d].digitValue();
        result.startsAtOne = value == 1;
        ++i;
    }
    if (i < line.size() && !isSpaceOrTab(line[i]))
        return false;
    result.empty = isBlank(line.mid(i));
    *item = result;
    return true;
}

bool isQuote(QStringView line)
{
    const qsizetype i = markerStart(line);
    return i >= 0 && i < line.size() && line[i] == u'>';
}

bool isHtmlStart(QStringView line)
{
    const qsizetype i = markerStart(line);
    if (i < 0 || i + 1 >= line.size() || line[i] != u'<')
        return false;
    const QChar next = line[i + 1];
    if (next == u'!' || next == u'?')
        return true;
    if (next == u'/')
        return i + 2 < line.size() && line[i + 2].isLetter();
    if (!next.isLetter())
        return false;
    // "<https://x>" and "<a@b.c>" are autolinks, not HTML.
    qsizetype j = i + 1;
    while (j < line.size() && (line[j].isLetterOrNumber() || line[j] == u'-'))
        ++j;
    return j >= line.size() || line[j] == u'>' || line[j] == u'/' || isSpaceOrTab(line[j]);
}

bool isTableDelimiter(QStringView line)
{
    bool dash = false;
    bool pipe = false;
    for (const QChar c : line) {
        if (c == u'-')
            dash = true;
        else if (c == u'|')
            pipe = true;
        else if (c != u':' && !isSpaceOrTab(c))
            return false;
    }
    return dash && pipe;
}

bool interruptsParagraph(QStringView line)
{
    Fence fence;
    ListItem item;
    if (atxHeadingLevel(line) > 0 || isRule(line) || isQuote(line) || openingFence(line, &fence))
        return true;
    if (listItem(line, &item))
        return !item.empty && (!item.ordered || item.startsAtOne);
    return false;
}

} // namespace Markdown::Line
