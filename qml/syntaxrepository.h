// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/State>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <memory>

namespace KSyntaxHighlighting {
class Repository;
}
class LineHighlighter;

/// Shares one KSyntaxHighlighting repository (definitions and themes) per QML
/// engine (loading it is the expensive part of highlighting), the
/// definitions found for fence languages, and recent highlighting states.
class SyntaxRepository : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    explicit SyntaxRepository(QObject *parent = nullptr);
    ~SyntaxRepository() override;
    KSyntaxHighlighting::Repository &repository();
    /// The definition for a fence's language ("cpp", "py", "Rust"...),
    /// invalid when none matches; looked up once per language.
    KSyntaxHighlighting::Definition definitionFor(const QString &fenceLanguage);
    /// The state highlighting `code` (whole lines, each ending in "\n") with
    /// `definition` ends in. The segments of a long fence ask for ever longer
    /// prefixes of the same code: recent answers are kept, and the work
    /// starts from the longest of them that `code` begins with.
    KSyntaxHighlighting::State stateAfter(const KSyntaxHighlighting::Definition &definition, const QString &code);

private:
    struct KnownState {
        QString definition;
        QString code; // shared with the highlighter that asked: no copy
        KSyntaxHighlighting::State state;
    };
    std::unique_ptr<KSyntaxHighlighting::Repository> m_repository;
    std::unique_ptr<LineHighlighter> m_lines;
    QHash<QString, KSyntaxHighlighting::Definition> m_definitions;
    QList<KnownState> m_states; // most recent last
};
