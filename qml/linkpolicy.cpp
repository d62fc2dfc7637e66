// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "linkpolicy.h"

#include "util/logging.h"

#include <QDesktopServices>

using namespace Qt::StringLiterals;

LinkPolicy::Decision LinkPolicy::decide(const QString &link)
{
    const QUrl url(link.trimmed(), QUrl::StrictMode);
    if (link.trimmed().isEmpty() || !url.isValid() || url.isRelative())
        return Refuse;
    const QString scheme = url.scheme().toLower();
    if (scheme == "javascript"_L1 || scheme == "vbscript"_L1 || scheme == "data"_L1)
        return Refuse;
    if (scheme == "http"_L1 || scheme == "https"_L1)
        return url.host().isEmpty() ? Refuse : Open;
    return Confirm;
}

QString LinkPolicy::displayString(const QString &link)
{
    return QUrl(link.trimmed()).toDisplayString();
}

bool LinkPolicy::open(const QString &link)
{
    if (decide(link) == Refuse)
        return false;
    const bool ok = QDesktopServices::openUrl(QUrl(link.trimmed()));
    if (!ok)
        qCWarning(lcUi) << "could not open link" << displayString(link);
    return ok;
}
