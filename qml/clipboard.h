// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

/// The system clipboard, for the copy buttons.
class Clipboard : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// Puts plain text on the clipboard.
    Q_INVOKABLE static void setText(const QString &text);
    /// The clipboard's plain text.
    Q_INVOKABLE static QString text();
};
