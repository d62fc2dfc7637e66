// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QObject>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

/// Decides what happens when the user clicks a link in an answer. Links are
/// written by a model, so only plain web links open directly; anything else
/// (mailto:, file:, custom app schemes...) asks first, and links that cannot
/// be opened at all are refused.
class LinkPolicy : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    enum Decision {
        Open,    ///< http(s) with a host: open in the browser.
        Confirm, ///< another scheme: ask the user before opening.
        Refuse,  ///< empty, relative, malformed or script links: do nothing.
    };
    Q_ENUM(Decision)

    using QObject::QObject;

    /// The decision for a link as given by Text.onLinkActivated.
    Q_INVOKABLE static Decision decide(const QString &link);
    /// The link as shown in a confirmation, e.g. "file:///etc/passwd".
    Q_INVOKABLE static QString displayString(const QString &link);
    /// Opens the link with the desktop's handler; returns false when that failed.
    Q_INVOKABLE static bool open(const QString &link);
};
