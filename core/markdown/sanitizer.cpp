// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "markdown/sanitizer.h"

#include "markdown/lineclass.h"

using namespace Qt::StringLiterals;

namespace Markdown {

namespace {

qsizetype runLength(QStringView s, qsizetype from, QChar c)
{
    qsizetype i = from;
    while (i < s.size() && s[i] == c)
        ++i;
    return i - from;
}

// End (one past the closing run) of an inline code span opened by a run of
// `length` backticks at `from`, or -1 when the run is never closed.
qsizetype codeSpanEnd(QStringView s, qsizetype from, qsizetype length)
{
    qsizetype i = from + length;
    while (i < s.size()) {
        const qsizetype next = s.indexOf(u'`', i);
        if (next < 0)
            return -1;
        const qsizetype run = runLength(s, next, u'`');
        if (run == length)
            return next + run;
        i = next + run;
    }
    return -1;
}

// "<scheme:...>" or "<user@host>": an autolink, which is safe.
bool isAutolink(QStringView s, qsizetype from)
{
    const qsizetype close = s.indexOf(u'>', from);
    if (close < 0)
        return false;
    const QStringView inner = s.mid(from + 1, close - from - 1);
    if (inner.isEmpty())
        return false;
    for (const QChar c : inner) {
        if (c.isSpace() || c == u'<')
            return false;
    }
    const qsizetype colon = inner.indexOf(u':');
    if (colon >= 2 && colon <= 32) {
        for (qsizetype i = 0; i < colon; ++i) {
            const QChar c = inner[i];
            if (!(c.isLetterOrNumber() || c == u'+' || c == u'.' || c == u'-'))
                return false;
        }
        return inner[0].isLetter();
    }
    return inner.contains(u'@') && !inner.contains(u'/');
}

bool startsTag(QStringView s, qsizetype i)
{
    if (i + 1 >= s.size())
        return false;
    const QChar next = s[i + 1];
    return next.isLetter() || next == u'/' || next == u'!' || next == u'?';
}

bool isEscaped(QStringView s, qsizetype i)
{
    qsizetype backslashes = 0;
    while (i - backslashes - 1 >= 0 && s[i - backslashes - 1] == u'\\')
        ++backslashes;
    return backslashes % 2 == 1;
}

void sanitizeLine(QStringView line, QString &out)
{
    qsizetype i = 0;
    while (i < line.size()) {
        const QChar c = line[i];
        if (c == u'`' && !isEscaped(line, i)) {
            const qsizetype run = runLength(line, i, u'`');
            const qsizetype end = codeSpanEnd(line, i, run);
            const qsizetype stop = end < 0 ? i + run : end;
            out += line.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == u'!' && i + 1 < line.size() && line[i + 1] == u'[' && !isEscaped(line, i)) {
            out += "[Image: "_L1;
            i += 2;
            continue;
        }
        if (c == u'<' && !isEscaped(line, i) && startsTag(line, i) && !isAutolink(line, i)) {
            out += "&lt;"_L1;
            ++i;
            continue;
        }
        out += c;
        ++i;
    }
}

// Strips block-quote markers and indentation to see whether a line is a fence.
QStringView fenceCandidate(QStringView line)
{
    qsizetype i = 0;
    while (i < line.size() && (line[i] == u' ' || line[i] == u'\t' || line[i] == u'>'))
        ++i;
    return line.mid(i);
}

} // namespace

QString sanitizeForDisplay(QStringView markdown)
{
    QString out;
    out.reserve(markdown.size() + 16);
    bool inFence = false;
    Line::Fence fence;
    qsizetype pos = 0;
    while (pos <= markdown.size()) {
        qsizetype nl = markdown.indexOf(u'\n', pos);
        if (nl < 0)
            nl = markdown.size();
        const QStringView line = markdown.mid(pos, nl - pos);
        const QStringView candidate = fenceCandidate(line);
        if (inFence) {
            out += line;
            if (Line::isClosingFence(candidate, fence))
                inFence = false;
        } else if (Line::openingFence(candidate, &fence)) {
            out += line;
            inFence = true;
        } else {
            sanitizeLine(line, out);
        }
        if (nl < markdown.size())
            out += u'\n';
        pos = nl + 1;
    }
    return out;
}

} // namespace Markdown
