// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "codehighlighter.h"

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

SyntaxRepository::SyntaxRepository(QObject *parent)
    : QObject(parent)
    , m_repository(std::make_unique<KSyntaxHighlighting::Repository>())
{
}

SyntaxRepository::~SyntaxRepository() = default;

KSyntaxHighlighting::Repository &SyntaxRepository::repository()
{
    return *m_repository;
}

namespace {

// Fence names that neither match a definition name nor a file extension.
QString aliasFor(const QString &language)
{
    static const QHash<QString, QString> aliases = {
        {u"shell"_s, u"Bash"_s}, {u"console"_s, u"Bash"_s}, {u"sh"_s, u"Bash"_s},
        {u"golang"_s, u"Go"_s}, {u"csharp"_s, u"C#"_s}, {u"cs"_s, u"C#"_s},
        {u"c++"_s, u"C++"_s}, {u"cpp"_s, u"C++"_s}, {u"objc"_s, u"Objective-C"_s},
        {u"py"_s, u"Python"_s}, {u"js"_s, u"JavaScript"_s}, {u"ts"_s, u"TypeScript"_s},
        {u"text"_s, QString()}, {u"plaintext"_s, QString()}, {u"txt"_s, QString()},
    };
    return aliases.value(language, language);
}

KSyntaxHighlighting::Definition findDefinition(KSyntaxHighlighting::Repository &repo, const QString &fenceLanguage)
{
    const QString language = aliasFor(fenceLanguage.trimmed().toLower());
    if (language.isEmpty())
        return {};
    KSyntaxHighlighting::Definition def = repo.definitionForName(language);
    if (def.isValid())
        return def;
    def = repo.definitionForFileName(u"file."_s + language);
    if (def.isValid())
        return def;
    const auto all = repo.definitions();
    for (const auto &candidate : all) {
        if (candidate.name().compare(language, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return {};
}

} // namespace

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

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        if (length <= 0)
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
};

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

KSyntaxHighlighting::Repository *CodeHighlighter::repository()
{
    if (m_repository)
        return m_repository;
    if (QQmlEngine *engine = qmlEngine(this)) {
        if (auto *shared = engine->singletonInstance<SyntaxRepository *>("Confab", "SyntaxRepository"))
            m_repository = &shared->repository();
    }
    if (!m_repository) {
        m_ownRepository = std::make_unique<KSyntaxHighlighting::Repository>();
        m_repository = m_ownRepository.get();
    }
    return m_repository;
}

KSyntaxHighlighting::Theme CodeHighlighter::theme()
{
    return repository()->defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                             : KSyntaxHighlighting::Repository::LightTheme);
}

void CodeHighlighter::componentComplete()
{
    m_complete = true;
    m_lines->setTheme(theme());
    m_lines->setDefinition(findDefinition(*repository(), m_language));
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
        if (extends) {
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
            rehighlightAll();
        }
    }
    Q_EMIT codeChanged();
}

void CodeHighlighter::rehighlightAll()
{
    QTextDocument *doc = m_complete ? textDocument() : nullptr;
    if (!doc)
        return;
    m_done = 0;
    m_state = {};
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

void CodeHighlighter::setDark(bool dark)
{
    if (dark == m_dark)
        return;
    m_dark = dark;
    if (m_complete) {
        m_lines->setTheme(theme());
        rehighlightAll();
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
    m_lines->setDefinition(findDefinition(*repository(), m_language));
    rehighlightAll();
    Q_EMIT definitionChanged();
}
