// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QList>
#include <QTextCharFormat>

/// Highlights one line at a time and hands back the formats of that line.
class LineHighlighter : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    struct Range {
        int offset;
        int length;
        QTextCharFormat format;
    };

    /// Highlights `line` starting in `state`; fills ranges(); returns the end state.
    KSyntaxHighlighting::State highlight(QStringView line, const KSyntaxHighlighting::State &state)
    {
        m_ranges.clear();
        return highlightLine(line, state);
    }
    const QList<Range> &ranges() const { return m_ranges; }
    /// False: only states are wanted, formats are not collected.
    void setCollecting(bool collect) { m_collect = collect; }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        if (length <= 0 || !m_collect)
            return;
        QTextCharFormat f;
        f.setForeground(format.textColor(theme())); // always: the palette may not match the theme
        if (format.hasBackgroundColor(theme()))
            f.setBackground(format.backgroundColor(theme()));
        if (format.isBold(theme()))
            f.setFontWeight(QFont::Bold);
        if (format.isItalic(theme()))
            f.setFontItalic(true);
        if (format.isUnderline(theme()))
            f.setFontUnderline(true);
        if (format.isStrikeThrough(theme()))
            f.setFontStrikeOut(true);
        m_ranges.append({offset, length, f});
    }

private:
    QList<Range> m_ranges;
    bool m_collect = true;
};
