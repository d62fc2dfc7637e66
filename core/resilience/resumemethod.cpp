// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "resumemethod.h"

#include <QStringList>

namespace ResumeMethod {

bool anthropicModelRejectsPrefill(const QString &model)
{
    const QString m = model.toLower();
    if (m.contains(QLatin1StringView("mythos")))
        return true;
    const qsizetype at = m.indexOf(QLatin1StringView("claude-"));
    if (at < 0)
        return false;
    // claude-3-5-sonnet-20241022, claude-sonnet-4-5-20250929, claude-opus-4-6,
    // claude-opus-4-20250514: the first short number is the major version,
    // a short number right after it the minor one; dates are skipped.
    const QStringList parts = m.mid(at + 7).split(QLatin1Char('-'));
    int major = -1;
    int minor = 0;
    for (const QString &p : parts) {
        bool ok = false;
        const int n = p.toInt(&ok);
        const bool shortNumber = ok && p.size() <= 2;
        if (major < 0) {
            if (shortNumber)
                major = n;
            continue;
        }
        if (shortNumber)
            minor = n;
        break;
    }
    if (major < 0)
        return false;
    return major > 4 || (major == 4 && minor >= 6);
}

ContinuationMode preferred(ProviderKind kind, const QString &model, bool thinkingEnabled)
{
    if (kind != ProviderKind::Anthropic)
        return ContinuationMode::Instruction;
    if (thinkingEnabled || anthropicModelRejectsPrefill(model))
        return ContinuationMode::Instruction;
    return ContinuationMode::Prefill;
}

qsizetype sentLength(ContinuationMode mode, const QString &partial)
{
    if (mode != ContinuationMode::Prefill)
        return partial.size();
    qsizetype end = partial.size();
    while (end > 0 && partial.at(end - 1).isSpace())
        --end;
    return end;
}

} // namespace ResumeMethod
