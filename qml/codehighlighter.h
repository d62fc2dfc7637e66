// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QColor>
#include <QFont>
#include <QObject>
#include <QPointer>
#include <QQmlParserStatus>
#include <QQuickTextDocument>
#include <QtQml/qqmlregistration.h>

#include <KSyntaxHighlighting/State>
#include <memory>

class QTextCursor;
class QTextDocument;
namespace KSyntaxHighlighting {
class Repository;
class Theme;
}
class LineHighlighter;
class SyntaxRepository;

/// Highlights the code of a TextEdit with KSyntaxHighlighting.
///
/// Bind `document` to the TextEdit's textDocument and feed the code through
/// `code` (never through the TextEdit's text): when the new code extends the
/// old one, as while streaming, only the new characters are inserted and
/// only the new lines are highlighted (from the state the previous line
/// ended in), all in one edit of the document, so the document is laid out
/// once per update. (A QSyntaxHighlighter would mark each highlighted line
/// dirty on its own, and the document lays itself out again for each: the
/// work per chunk would grow with the block.) The theme is the default light
/// or dark KSyntaxHighlighting theme, chosen by `dark`.
class CodeHighlighter : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    QML_ELEMENT
    Q_INTERFACES(QQmlParserStatus)
    Q_PROPERTY(QQuickTextDocument *document READ document WRITE setDocument NOTIFY documentChanged)
    Q_PROPERTY(QString code READ code WRITE setCode NOTIFY codeChanged)
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    /// The code shown above this one that belongs to the same fence (the
    /// earlier segments of a long fence), each line ending in "\n": it is
    /// highlighted only for the state `code` starts in (inside a comment...).
    Q_PROPERTY(QString codeBefore READ codeBefore WRITE setCodeBefore NOTIFY codeBeforeChanged)
    /// True to use the dark theme.
    Q_PROPERTY(bool dark READ isDark WRITE setDark NOTIFY themeChanged)
    /// The name of the syntax definition in use ("C++"), empty when none matched.
    Q_PROPERTY(QString definitionName READ definitionName NOTIFY definitionChanged)
    /// Theme colours for the block's background and plain text.
    Q_PROPERTY(QColor backgroundColor READ backgroundColor NOTIFY themeChanged)
    Q_PROPERTY(QColor textColor READ textColor NOTIFY themeChanged)
    /// The system's fixed-width font.
    Q_PROPERTY(QFont fixedFont READ fixedFont CONSTANT)

public:
    explicit CodeHighlighter(QObject *parent = nullptr);
    ~CodeHighlighter() override;

    QQuickTextDocument *document() const { return m_document; }
    void setDocument(QQuickTextDocument *document);
    QString code() const { return m_code; }
    void setCode(const QString &code);
    QString language() const { return m_language; }
    QString codeBefore() const { return m_codeBefore; }
    void setCodeBefore(const QString &codeBefore);
    void setLanguage(const QString &language);
    bool isDark() const { return m_dark; }
    void setDark(bool dark);
    QString definitionName() const;
    QColor backgroundColor() const;
    QColor textColor() const;
    static QFont fixedFont();

    /// The colour the highlighter gave the character at `position` of the
    /// code (for tests and accessibility checks); invalid when unformatted.
    Q_INVOKABLE QColor colorAt(int position) const;

    void classBegin() override {}
    void componentComplete() override;

Q_SIGNALS:
    void documentChanged();
    void codeChanged();
    void languageChanged();
    void codeBeforeChanged();
    void themeChanged();
    void definitionChanged();

private:
    SyntaxRepository *shared();
    KSyntaxHighlighting::Theme theme();
    void applyDefinition();
    /// The state codeBefore ends in.
    void computeStartState();
    /// Language, code before or theme changed: highlight everything again,
    /// once, when the code is set next or else from the event loop (a
    /// reused view item gets all three at once).
    void markStale();
    void refresh();
    /// Highlights everything again now (from a new start state if needed).
    void rehighlightNow();
    /// Highlights the whole code again (new definition, theme or text).
    void rehighlightAll();
    /// Highlights from m_done on: complete lines for good, then the line
    /// still being written, tentatively. Within the caller's edit block.
    void highlightFrom(QTextCursor &cursor);
    QTextDocument *textDocument() const;

    QPointer<QQuickTextDocument> m_document;
    std::unique_ptr<LineHighlighter> m_lines;
    std::unique_ptr<SyntaxRepository> m_ownShared; // when not created by a QML engine
    QPointer<SyntaxRepository> m_shared;
    QString m_code;
    QString m_language;
    QString m_codeBefore;
    KSyntaxHighlighting::State m_startState; // the state after m_codeBefore
    qsizetype m_done = 0;              // code highlighted for good: whole lines
    KSyntaxHighlighting::State m_state; // the state the last of those lines ended in
    bool m_dark = false;
    bool m_complete = false;
    bool m_stale = false;      // everything must be highlighted again
    bool m_startStale = false; // ... from a new start state
};
