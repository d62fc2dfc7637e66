// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "codehighlighter.h"

#include "linehighlighter.h"
#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Theme>
#include <QFontDatabase>
#include <QQmlEngine>
#include <QQuickTextDocument>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>

using namespace Qt::StringLiterals;

CodeHighlighter::CodeHighlighter(QObject *parent)
    : QObject(parent)
    , m_lines(std::make_unique<LineHighlighter>())
{
}

CodeHighlighter::~CodeHighlighter() = default;

QTextDocument *CodeHighlighter::textDocument() const
{
    return m_document ? m_document->textDocument() : nullptr;
}

SyntaxRepository *CodeHighlighter::shared()
{
    if (!m_shared) {
        if (QQmlEngine *engine = qmlEngine(this))
            m_shared = engine->singletonInstance<SyntaxRepository *>("Confab", "SyntaxRepository");
    }
    if (!m_shared) {
        m_ownShared = std::make_unique<SyntaxRepository>();
        m_shared = m_ownShared.get();
    }
    return m_shared;
}

KSyntaxHighlighting::Theme CodeHighlighter::theme()
{
    return shared()->repository().defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                             : KSyntaxHighlighting::Repository::LightTheme);
}

void CodeHighlighter::componentComplete()
{
    m_complete = true;
    m_lines->setTheme(theme());
    m_lines->setDefinition(shared()->definitionFor(m_language));
    computeStartState();
    Q_EMIT definitionChanged();
    QQuickTextDocument *document = m_document;
    m_document = nullptr;
    setDocument(document);
}

void CodeHighlighter::setDocument(QQuickTextDocument *document)
{
    const bool changed = document != m_document;
    m_document = document;
    if (m_complete && changed) {
        if (QTextDocument *doc = textDocument()) {
            doc->setUndoRedoEnabled(false); // a read-only view: formats need no undo history
            doc->setPlainText(m_code);
            rehighlightAll();
        }
    }
    if (changed)
        Q_EMIT documentChanged();
}

void CodeHighlighter::setCode(const QString &code)
{
    if (code == m_code)
        return;
    QTextDocument *doc = m_complete ? textDocument() : nullptr;
    const bool extends = !m_code.isEmpty() && code.startsWith(m_code);
    const qsizetype before = m_code.size();
    m_code = code;
    if (doc) {
        if (extends && !m_stale) {
            // Streaming: insert only what is new and highlight only the new
            // lines, in one edit: the document is laid out once.
            QTextCursor cursor(doc);
            cursor.beginEditBlock();
            cursor.movePosition(QTextCursor::End);
            cursor.insertText(QStringView(code).mid(before).toString(), QTextCharFormat());
            highlightFrom(cursor);
            cursor.endEditBlock();
        } else {
            doc->setPlainText(code);
            rehighlightNow();
        }
    }
    Q_EMIT codeChanged();
}

void CodeHighlighter::rehighlightAll()
{
    QTextDocument *doc = m_complete ? textDocument() : nullptr;
    if (!doc)
        return;
    m_stale = false;
    m_done = 0;
    m_state = m_startState;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    cursor.select(QTextCursor::Document);
    cursor.setCharFormat(QTextCharFormat());
    highlightFrom(cursor);
    cursor.endEditBlock();
}

void CodeHighlighter::highlightFrom(QTextCursor &cursor)
{
    const qsizetype end = std::min<qsizetype>(m_code.size(), cursor.document()->characterCount() - 1);
    // The line that was being written was highlighted tentatively: clear it.
    if (m_done < end) {
        cursor.setPosition(int(m_done));
        cursor.setPosition(int(end), QTextCursor::KeepAnchor);
        cursor.setCharFormat(QTextCharFormat());
    }
    if (!m_lines->definition().isValid())
        return;
    auto apply = [&](qsizetype lineStart) {
        for (const LineHighlighter::Range &r : m_lines->ranges()) {
            cursor.setPosition(int(lineStart) + r.offset);
            cursor.setPosition(int(lineStart) + r.offset + r.length, QTextCursor::KeepAnchor);
            cursor.setCharFormat(r.format);
        }
    };
    qsizetype start = m_done;
    while (start < end) {
        const qsizetype newline = m_code.indexOf(u'\n', start);
        if (newline < 0 || newline >= end) {
            // The last line, maybe still being written: highlighted now,
            // again from its start when more of it arrives.
            m_lines->highlight(QStringView(m_code).mid(start, end - start), m_state);
            apply(start);
            break;
        }
        m_state = m_lines->highlight(QStringView(m_code).mid(start, newline - start), m_state);
        apply(start);
        start = newline + 1;
        m_done = start;
    }
}

void CodeHighlighter::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    applyDefinition();
    Q_EMIT languageChanged();
}

void CodeHighlighter::setCodeBefore(const QString &codeBefore)
{
    if (codeBefore == m_codeBefore)
        return;
    m_codeBefore = codeBefore;
    m_startStale = true;
    markStale();
    Q_EMIT codeBeforeChanged();
}

void CodeHighlighter::computeStartState()
{
    m_startStale = false;
    m_startState = shared()->stateAfter(m_lines->definition(), m_codeBefore);
}

void CodeHighlighter::markStale()
{
    if (!m_complete || m_stale)
        return;
    m_stale = true;
    QMetaObject::invokeMethod(this, &CodeHighlighter::refresh, Qt::QueuedConnection);
}

void CodeHighlighter::refresh()
{
    if (m_stale)
        rehighlightNow();
}

void CodeHighlighter::rehighlightNow()
{
    if (m_startStale)
        computeStartState();
    rehighlightAll();
}

void CodeHighlighter::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (m_complete) {
        // At once, not from the event loop: the background changes with the
        // palette now, and old colours on it can be unreadable for a frame.
        m_lines->setTheme(theme());
        rehighlightNow();
    }
    Q_EMIT themeChanged();
}

QString CodeHighlighter::definitionName() const
{
    return m_lines->definition().isValid() ? m_lines->definition().name() : QString();
}

QColor CodeHighlighter::backgroundColor() const
{
    auto *self = const_cast<CodeHighlighter *>(this);
    return QColor::fromRgba(self->theme().editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
}

QColor CodeHighlighter::textColor() const
{
    auto *self = const_cast<CodeHighlighter *>(this);
    return QColor::fromRgba(self->theme().textColor(KSyntaxHighlighting::Theme::Normal));
}

QFont CodeHighlighter::fixedFont()
{
    return QFontDatabase::systemFont(QFontDatabase::FixedFont);
}

QColor CodeHighlighter::colorAt(int position) const
{
    const QTextDocument *doc = textDocument();
    if (!doc)
        return {};
    const QTextBlock block = doc->findBlock(position);
    for (auto it = block.begin(); !it.atEnd(); ++it) {
        const QTextFragment fragment = it.fragment();
        if (fragment.contains(position) && fragment.charFormat().hasProperty(QTextFormat::ForegroundBrush))
            return fragment.charFormat().foreground().color();
    }
    return {};
}

void CodeHighlighter::applyDefinition()
{
    if (!m_complete)
        return;
    m_lines->setDefinition(shared()->definitionFor(m_language));
    m_startStale = true;
    markStale();
    Q_EMIT definitionChanged();
}
