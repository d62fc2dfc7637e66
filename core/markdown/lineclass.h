// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QChar>
#include <QStringView>

// Classification of single markdown lines (CommonMark block starts). Every
// function looks at one line, without its newline, and is O(line length) at
// worst; most only look at the first few characters.
namespace Markdown::Line {

/// Columns of leading indentation (a tab counts as 4).
int indent(QStringView line);
/// True when the line has only spaces and tabs.
bool isBlank(QStringView line);
/// 1..6 for an ATX heading ("## Title"), else 0.
int atxHeadingLevel(QStringView line);
/// A thematic break: three or more of *, - or _ (spaces allowed).
bool isRule(QStringView line);
/// 1 for a setext "===" underline, 2 for "---", else 0.
int setextLevel(QStringView line);

struct Fence
{
    QChar character;
    int length = 0;
    int indent = 0;
    QStringView language; // first word of the info string
};
/// An opening code fence: 3+ backticks or tildes, indented at most 3.
bool openingFence(QStringView line, Fence *fence);
/// A closing fence for `open`: same character, at least as long, nothing after.
bool isClosingFence(QStringView line, const Fence &open);

struct ListItem
{
    bool ordered = false;
    bool startsAtOne = false;
    bool empty = false; // no content after the marker
};
/// A bullet (-, +, *) or ordered (1. or 1)) list item marker.
bool listItem(QStringView line, ListItem *item);
/// A block quote line ("> ...").
bool isQuote(QStringView line);
/// The start of an HTML block: "<tag", "</tag", "<!--", "<?" at indent <= 3.
bool isHtmlStart(QStringView line);
/// A GFM table delimiter row such as "|---|:--:|" or "--- | ---".
bool isTableDelimiter(QStringView line);
/// True when the line would end a paragraph by starting another block.
bool interruptsParagraph(QStringView line);

} // namespace Markdown::Line
