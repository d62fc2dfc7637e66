// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArrayView>
#include <QDateTime>

// Parsing of the server's requested wait before a retry.
namespace RetryAfter {

/// The wait in milliseconds requested by the response headers, or -1 when
/// none is given or the values cannot be parsed.
///  - `retry-after-ms`: a (possibly fractional) number of milliseconds; read
///    first. A value of 0 lets `retry-after` decide.
///  - `retry-after`: a (possibly fractional) number of seconds, or an
///    HTTP-date (RFC 7231 IMF-fixdate / RFC 2822), relative to now.
/// Negative numbers and dates in the past give 0 ("retry now").
qint64 parseMs(QByteArrayView retryAfterMs, QByteArrayView retryAfter, const QDateTime &now);

/// A `retry-after` value alone (seconds or HTTP-date), or -1.
qint64 parseRetryAfterValue(QByteArrayView value, const QDateTime &now);

} // namespace RetryAfter
