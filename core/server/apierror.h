// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QString>

/// An error the local API server returns to its client, in OpenAI's shape:
/// {"error":{"message","type","param","code"}} (docs/server.md).
struct ApiError {
    int httpStatus = 0;  ///< 0: no error
    QString type;        ///< "invalid_request_error", "authentication_error", ...
    QString message;     ///< human text; never contains a key
    QString param;       ///< the offending request field, or empty (null)
    QString code;        ///< machine code, or empty (null)

    bool isError() const { return httpStatus != 0; }

    /// {"error":{...}} as compact JSON.
    QByteArray toJson() const;

    static ApiError invalidRequest(const QString &message, const QString &param = {},
                                   const QString &code = {});
    static ApiError unauthorized();
    static ApiError tooLarge(qint64 limit);
    static ApiError tooManyStreams(int limit);
    static ApiError notFound(const QString &what);
    static ApiError methodNotAllowed();
    /// The upstream provider(s) failed for good; status is 502 unless the
    /// provider's own status is a meaningful client error (429, 4xx).
    static ApiError upstream(int providerStatus, const QString &type, const QString &code,
                             const QString &message);
};
