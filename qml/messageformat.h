// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

/// Text shown around a message: usage lines, state labels, tool arguments.
class MessageFormat : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

public:
    using QObject::QObject;

    /// "gpt-x · 1,234 in · 567 out · 48.2 tok/s · first token 350 ms";
    /// unknown values ("", -1, 0 tok/s) are left out.
    Q_INVOKABLE static QString usage(const QString &model, int inputTokens, int outputTokens, double tokensPerSecond,
                                     int timeToFirstTokenMs);
    /// The hint under a streaming answer: "Writing… 120 tokens".
    Q_INVOKABLE static QString streamingHint(int outputTokens, double tokensPerSecond);
    /// Short label for a message state ("Interrupted", ...); empty for
    /// complete and streaming.
    Q_INVOKABLE static QString stateLabel(const QString &state);
    /// A sentence explaining the state to screen readers and tooltips.
    Q_INVOKABLE static QString stateDescription(const QString &state);
    /// The human title of an error kind ("rate_limited" -> "Rate limited").
    Q_INVOKABLE static QString errorTitle(const QString &errorKind);
    /// JSON tool arguments, indented; anything that is not JSON as it is.
    Q_INVOKABLE static QString prettyJson(const QString &json);
};
