// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "retryafter.h"

#include <QByteArray>
#include <QString>
#include <QTimeZone>

#include <cmath>
#include <limits>

namespace RetryAfter {

namespace {

// Parses a finite decimal number; false for anything else (dates, junk, nan).
bool parseNumber(QByteArrayView value, double *out)
{
    const QByteArray trimmed = value.toByteArray().trimmed();
    if (trimmed.isEmpty())
        return false;
    for (char c : trimmed) {
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+'))
            return false;
    }
    bool ok = false;
    const double d = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(d))
        return false;
    *out = d;
    return true;
}

qint64 clampMs(double ms)
{
    if (ms <= 0)
        return 0;
    constexpr double maxMs = double(std::numeric_limits<qint64>::max() / 2);
    return ms >= maxMs ? qint64(maxMs) : qint64(std::llround(ms));
}

QDateTime parseHttpDate(const QString &text)
{
    // IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT" is RFC 2822 compatible.
    QDateTime dt = QDateTime::fromString(text, Qt::RFC2822Date);
    if (dt.isValid())
        return dt;
    // RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime "Sun Nov  6 08:49:37 1994".
    static const QString formats[] = {
        QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"),
        QStringLiteral("dddd, dd-MMM-yy hh:mm:ss 'GMT'"),
        QStringLiteral("ddd MMM d hh:mm:ss yyyy"),
    };
    const QString simplified = text.simplified();
    for (const QString &f : formats) {
        dt = QDateTime::fromString(simplified, f);
        if (dt.isValid()) {
            dt.setTimeZone(QTimeZone::UTC);
            if (dt.date().year() < 1970)
                dt = dt.addYears(100);
            return dt;
        }
    }
    return {};
}

} // namespace

qint64 parseRetryAfterValue(QByteArrayView value, const QDateTime &now)
{
    double seconds = 0;
    if (parseNumber(value, &seconds))
        return clampMs(seconds * 1000.0);
    const QString text = QString::fromLatin1(value.toByteArray().trimmed());
    if (text.isEmpty())
        return -1;
    const QDateTime when = parseHttpDate(text);
    if (!when.isValid())
        return -1;
    return clampMs(double(now.msecsTo(when)));
}

qint64 parseMs(QByteArrayView retryAfterMs, QByteArrayView retryAfter, const QDateTime &now)
{
    double ms = 0;
    if (parseNumber(retryAfterMs, &ms) && ms > 0)
        return clampMs(ms);
    const qint64 fromHeader = parseRetryAfterValue(retryAfter, now);
    if (fromHeader >= 0)
        return fromHeader;
    // retry-after-ms: 0 (or negative) with no usable retry-after means "now".
    if (parseNumber(retryAfterMs, &ms))
        return 0;
    return -1;
}

} // namespace RetryAfter
