// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "redact.h"

#include <QRegularExpression>

namespace Redact {

namespace {
constexpr qsizetype MinSecretLength = 8;

const QRegularExpression &keyPattern()
{
    // sk-..., sk-proj-..., sk-ant-api03-...: at least 16 key characters after "sk-".
    static const QRegularExpression re(QStringLiteral("\\bsk-[A-Za-z0-9_\\-]{16,}"));
    return re;
}

const QRegularExpression &bearerPattern()
{
    static const QRegularExpression re(QStringLiteral("(Bearer\\s+)[A-Za-z0-9._~+/=\\-]{8,}"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}
} // namespace

QString redactSecrets(QString text, const QStringList &knownSecrets)
{
    for (const QString &secret : knownSecrets) {
        if (secret.size() >= MinSecretLength)
            text.replace(secret, Placeholder);
    }
    text.replace(keyPattern(), Placeholder);
    text.replace(bearerPattern(), QStringLiteral("\\1") + Placeholder);
    return text;
}

bool containsSecret(const QString &text, const QStringList &knownSecrets)
{
    for (const QString &secret : knownSecrets) {
        if (secret.size() >= MinSecretLength && text.contains(secret))
            return true;
    }
    return keyPattern().match(text).hasMatch() || bearerPattern().match(text).hasMatch();
}

} // namespace Redact
