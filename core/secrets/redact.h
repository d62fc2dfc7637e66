// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Scrubbing of API keys from any text that may reach a log, an error message,
// the database or the terminal. Every path that turns provider or network
// output into user-visible text runs it through redactSecrets().
namespace Redact {

/// The placeholder that replaces a secret.
inline constexpr QLatin1StringView Placeholder{"[redacted]"};

/// Replaces every occurrence of each known secret (exact, case-sensitive;
/// secrets shorter than 8 characters are ignored as too likely to be ordinary
/// words), then anything shaped like a provider key or a bearer token:
/// `sk-…`/`sk-ant-…` keys of 16+ key characters, and `Bearer <token>`.
QString redactSecrets(QString text, const QStringList &knownSecrets = {});

/// True if text contains one of the known secrets or a key-shaped token.
bool containsSecret(const QString &text, const QStringList &knownSecrets = {});

} // namespace Redact
