// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "messageformat.h"

#include <QJsonDocument>
#include <QLocale>
#include <QStringList>

using namespace Qt::StringLiterals;

QString MessageFormat::usage(const QString &model, int inputTokens, int outputTokens, double tokensPerSecond, int timeToFirstTokenMs)
{
    const QLocale locale;
    QStringList parts;
    if (!model.isEmpty())
        parts << model;
    if (inputTokens >= 0)
        parts << tr("%1 in").arg(locale.toString(inputTokens));
    if (outputTokens >= 0)
        parts << tr("%1 out").arg(locale.toString(outputTokens));
    if (tokensPerSecond > 0)
        parts << tr("%1 tok/s").arg(locale.toString(tokensPerSecond, 'f', 1));
    if (timeToFirstTokenMs >= 0)
        parts << tr("first token %1 ms").arg(locale.toString(timeToFirstTokenMs));
    return parts.join(u" · "_s);
}

QString MessageFormat::streamingHint(int outputTokens, double tokensPerSecond)
{
    const QLocale locale;
    QString hint = outputTokens > 0 ? tr("Writing… %1 tokens").arg(locale.toString(outputTokens)) : tr("Writing…");
    if (tokensPerSecond > 0)
        hint += u" · "_s + tr("%1 tok/s").arg(locale.toString(tokensPerSecond, 'f', 1));
    return hint;
}

QString MessageFormat::stateLabel(const QString &state)
{
    if (state == "interrupted"_L1)
        return tr("Interrupted");
    if (state == "cancelled"_L1)
        return tr("Cancelled");
    if (state == "failed"_L1)
        return tr("Failed");
    return {};
}

QString MessageFormat::stateDescription(const QString &state)
{
    if (state == "interrupted"_L1)
        return tr("The answer was interrupted. What arrived is kept; Continue picks up where it stopped.");
    if (state == "cancelled"_L1)
        return tr("You stopped this answer. What arrived is kept; Continue picks up where it stopped.");
    if (state == "failed"_L1)
        return tr("The answer failed. What arrived is kept; Continue or Retry when the problem is fixed.");
    if (state == "streaming"_L1)
        return tr("The answer is being written.");
    return {};
}

QString MessageFormat::errorTitle(const QString &errorKind)
{
    if (errorKind.isEmpty())
        return tr("Error");
    QString title = errorKind;
    title.replace(u'_', u' ').replace(u'-', u' ');
    title[0] = title[0].toUpper();
    return title;
}

QString MessageFormat::prettyJson(const QString &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return json;
    return QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
}
