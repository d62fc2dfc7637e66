// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chatrequest.h"

QString providerKindName(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI:
        return QStringLiteral("openai");
    case ProviderKind::Anthropic:
        return QStringLiteral("anthropic");
    case ProviderKind::Ollama:
        return QStringLiteral("ollama");
    }
    return {};
}

bool providerKindFromName(QStringView name, ProviderKind *kind)
{
    static const ProviderKind all[] = {ProviderKind::OpenAI, ProviderKind::Anthropic, ProviderKind::Ollama};
    for (ProviderKind k : all) {
        if (name == providerKindName(k)) {
            if (kind)
                *kind = k;
            return true;
        }
    }
    return false;
}

QString continuationInstruction()
{
    return QStringLiteral(
        "Your previous response was interrupted. Continue it exactly where it stopped: "
        "do not repeat anything already written, do not add a preamble or comment, "
        "and start with the very next character.");
}

QString prefillText(const QString &partial)
{
    qsizetype end = partial.size();
    while (end > 0 && partial.at(end - 1).isSpace())
        --end;
    return partial.left(end);
}
