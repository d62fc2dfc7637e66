// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "codehighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
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

CodeHighlighter::CodeHighlighter(QObject *parent)
    : QObject(parent)
{
}

CodeHighlighter::~CodeHighlighter()
{
    // The highlighter is a child of the document, which may outlive us.
    delete m_highlighter;
}

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

void CodeHighlighter::componentComplete()
{
    m_complete = true;
    setDocument(m_document);
}

void CodeHighlighter::setDocument(QQuickTextDocument *document)
{
    const bool changed = document != m_document;
    m_document = document;
    if (!m_complete) {
        if (changed)
            Q_EMIT documentChanged();
        return;
    }
    QTextDocument *doc = textDocument();
    if (m_highlighter && m_highlighter->document() != doc) {
        delete m_highlighter;
        m_highlighter = nullptr;
    }
    if (doc && !m_highlighter) {
        m_highlighter = new KSyntaxHighlighting::SyntaxHighlighter(doc);
        applyTheme();
        applyDefinition();
        doc->setPlainText(m_code);
    }
    if (changed)
        Q_EMIT documentChanged();
}

void CodeHighlighter::setCode(const QString &code)
{
    if (code == m_code)
        return;
    if (QTextDocument *doc = m_complete ? textDocument() : nullptr) {
        if (!m_code.isEmpty() && code.startsWith(m_code)) {
            // Streaming: insert only what is new, so only the last lines
            // are laid out and highlighted again.
            QTextCursor cursor(doc);
            cursor.movePosition(QTextCursor::End);
            cursor.insertText(QStringView(code).mid(m_code.size()).toString());
        } else {
            doc->setPlainText(code);
        }
    }
    m_code = code;
    Q_EMIT codeChanged();
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
    applyTheme();
    Q_EMIT themeChanged();
}

QString CodeHighlighter::definitionName() const
{
    return m_highlighter && m_highlighter->definition().isValid() ? m_highlighter->definition().name() : QString();
}

QColor CodeHighlighter::backgroundColor() const
{
    auto *self = const_cast<CodeHighlighter *>(this);
    const auto theme = self->repository()->defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                               : KSyntaxHighlighting::Repository::LightTheme);
    return QColor::fromRgba(theme.editorColor(KSyntaxHighlighting::Theme::BackgroundColor));
}

QColor CodeHighlighter::textColor() const
{
    auto *self = const_cast<CodeHighlighter *>(this);
    const auto theme = self->repository()->defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                               : KSyntaxHighlighting::Repository::LightTheme);
    return QColor::fromRgba(theme.textColor(KSyntaxHighlighting::Theme::Normal));
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
    if (!block.isValid() || !block.layout())
        return {};
    const int offset = position - block.position();
    const auto formats = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : formats) {
        if (offset >= range.start && offset < range.start + range.length && range.format.hasProperty(QTextFormat::ForegroundBrush))
            return range.format.foreground().color();
    }
    return {};
}

void CodeHighlighter::applyDefinition()
{
    if (!m_highlighter)
        return;
    m_highlighter->setDefinition(findDefinition(*repository(), m_language));
    m_highlighter->rehighlight();
    Q_EMIT definitionChanged();
}

void CodeHighlighter::applyTheme()
{
    if (!m_highlighter)
        return;
    m_highlighter->setTheme(repository()->defaultTheme(m_dark ? KSyntaxHighlighting::Repository::DarkTheme
                                                              : KSyntaxHighlighting::Repository::LightTheme));
    m_highlighter->rehighlight();
}
