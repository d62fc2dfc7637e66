// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "syntaxrepository.h"

#include "linehighlighter.h"

#include <KSyntaxHighlighting/Repository>

using namespace Qt::StringLiterals;

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

// The state after the whole lines of `code` (each ending in "\n"), from `state`.
KSyntaxHighlighting::State stateAfterLines(LineHighlighter &lines, KSyntaxHighlighting::State state, QStringView code)
{
    for (qsizetype start = 0; start < code.size();) {
        qsizetype newline = code.indexOf(u'\n', start);
        if (newline < 0)
            newline = code.size();
        state = lines.highlight(code.mid(start, newline - start), state);
        start = newline + 1;
    }
    return state;
}

} // namespace

SyntaxRepository::SyntaxRepository(QObject *parent)
    : QObject(parent)
    , m_repository(std::make_unique<KSyntaxHighlighting::Repository>())
    , m_lines(std::make_unique<LineHighlighter>())
{
    m_lines->setCollecting(false);
}

SyntaxRepository::~SyntaxRepository() = default;

KSyntaxHighlighting::Repository &SyntaxRepository::repository()
{
    return *m_repository;
}

KSyntaxHighlighting::Definition SyntaxRepository::definitionFor(const QString &fenceLanguage)
{
    auto it = m_definitions.constFind(fenceLanguage);
    if (it == m_definitions.cend())
        it = m_definitions.insert(fenceLanguage, findDefinition(*m_repository, fenceLanguage));
    return *it;
}

KSyntaxHighlighting::State SyntaxRepository::stateAfter(const KSyntaxHighlighting::Definition &definition,
                                                        const QString &code)
{
    if (!definition.isValid() || code.isEmpty())
        return {};
    const QString name = definition.name();
    const KnownState *best = nullptr;
    for (const KnownState &known : std::as_const(m_states)) {
        if (known.definition == name && code.startsWith(known.code) && (!best || known.code.size() > best->code.size()))
            best = &known;
    }
    if (best && best->code.size() == code.size())
        return best->state;
    if (m_lines->definition() != definition)
        m_lines->setDefinition(definition);
    const qsizetype from = best ? best->code.size() : 0;
    const KSyntaxHighlighting::State state
        = stateAfterLines(*m_lines, best ? best->state : KSyntaxHighlighting::State(), QStringView(code).mid(from));
    constexpr qsizetype Remembered = 32;
    if (m_states.size() >= Remembered)
        m_states.removeFirst();
    m_states.append({name, code, state});
    return state;
}
