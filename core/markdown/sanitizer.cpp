// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "markdown/sanitizer.h"

#include "markdown/lineclass.h"

#include <optional>

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

// Inside code (a fence, an inline code span) the text must show as it is,
// but the sanitizer's idea of where code is may differ from the renderer's
// (a span opened on an earlier line, a fence a table row swallows...). So
// code is neutralized invisibly: a zero-width space after the '!' of "!["
// and after the '<' of a tag, which no renderer takes for an image or HTML.
void neutralizeCode(QStringView code, QString &out)
{
    constexpr QChar ZeroWidthSpace(0x200B);
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code[i];
        out += c;
        if ((c == u'!' && i + 1 < code.size() && code[i + 1] == u'[') || (c == u'<' && startsTag(code, i)))
            out += ZeroWidthSpace;
    }
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
            neutralizeCode(line.mid(i, stop - i), out);
            i = stop;
            continue;
        }
        if (c == u'!' && i + 1 < line.size() && line[i + 1] == u'[' && !isEscaped(line, i)) {
            // A '!' just before would make "![" again ("!![x](y)"): escape it.
            if (out.endsWith(u'!') && !isEscaped(out, out.size() - 1))
                out.insert(out.size() - 1, u'\\');
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

// Where a line sits: the columns before its first block-quote marker, the
// number of markers, the columns of indentation after the last one, and what
// follows. (A tab advances to the next multiple of 4 columns.)
struct LineShape
{
    int outer = 0;
    int depth = 0;
    int inner = 0;
    QStringView rest;
};

LineShape shapeOf(QStringView line)
{
    LineShape shape;
    qsizetype i = 0;
    int column = 0;
    auto skipIndent = [&] {
        const int from = column;
        while (i < line.size() && (line[i] == u' ' || line[i] == u'\t')) {
            column = line[i] == u'\t' ? (column / 4 + 1) * 4 : column + 1;
            ++i;
        }
        return column - from;
    };
    shape.outer = skipIndent();
    shape.inner = shape.outer;
    int sinceMarker = shape.outer;
    while (i < line.size() && line[i] == u'>' && sinceMarker <= 3) {
        ++shape.depth;
        ++i;
        ++column;
        if (i < line.size() && line[i] == u' ') { // the optional space after '>'
            ++i;
            ++column;
        }
        sinceMarker = shape.inner = skipIndent();
    }
    shape.rest = line.mid(i);
    return shape;
}

// The fence the sanitizer is inside: where its opening line sat.
struct OpenFence
{
    Line::Fence fence;
    LineShape shape;
};

// Whether `shape` continues the fenced code opened at `open`, judged so that
// the sanitizer never stays in a fence longer than a markdown renderer does
// (leaving early only means code is sanitized too, which is safe): same
// quote depth, and unless blank, indented at least as far as the fence
// line; a line that may close it ends it.
bool continuesFence(const LineShape &shape, const OpenFence &open, bool *closes)
{
    *closes = false;
    if (shape.depth != open.shape.depth)
        return false;
    if (Line::isBlank(shape.rest))
        return true;
    if (shape.outer < open.shape.outer || shape.inner < open.shape.inner)
        return false;
    const qsizetype run = runLength(shape.rest, 0, open.fence.character);
    *closes = run >= 3 && Line::isBlank(shape.rest.mid(run));
    return true;
}

} // namespace

QString sanitizeForDisplay(QStringView markdown)
{
    QString out;
    out.reserve(markdown.size() + 16);
    std::optional<OpenFence> fence;
    // Set once a fence was left other than by a closing line: a renderer may
    // still be inside it, and a fence line that follows may close it rather
    // than open one. From there on nothing is taken for code.
    bool lostTrack = false;
    qsizetype pos = 0;
    while (pos <= markdown.size()) {
        qsizetype nl = markdown.indexOf(u'\n', pos);
        if (nl < 0)
            nl = markdown.size();
        const QStringView line = markdown.mid(pos, nl - pos);
        const LineShape shape = shapeOf(line);
        bool closes = false;
        if (fence && !continuesFence(shape, *fence, &closes)) {
            fence.reset();
            lostTrack = true;
        }
        if (fence) {
            neutralizeCode(line, out);
            if (closes)
                fence.reset();
        } else {
            // Only a fence line indented 3 columns or less (outside and
            // inside quotes) opens a fence here: deeper ones may be indented
            // code or paragraph text to a renderer, so they are sanitized.
            Line::Fence opened;
            if (!lostTrack && shape.outer <= 3 && shape.inner <= 3 && Line::openingFence(shape.rest, &opened)) {
                fence = OpenFence{opened, shape};
                neutralizeCode(line, out);
            } else {
                sanitizeLine(line, out);
            }
        }
        if (nl < markdown.size())
            out += u'\n';
        pos = nl + 1;
    }
    return out;
}

} // namespace Markdown
