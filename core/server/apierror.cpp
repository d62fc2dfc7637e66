// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "apierror.h"

#include "secrets/redact.h"

#include <QJsonDocument>
#include <QJsonObject>

static QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QByteArray ApiError::toJson() const
{
    QJsonObject inner{
        {QStringLiteral("message"), Redact::redactSecrets(message)},
        {QStringLiteral("type"), type},
        {QStringLiteral("param"), stringOrNull(param)},
        {QStringLiteral("code"), stringOrNull(code)},
    };
    return QJsonDocument(QJsonObject{{QStringLiteral("error"), inner}}).toJson(QJsonDocument::Compact);
}

ApiError ApiError::invalidRequest(const QString &message, const QString &param, const QString &code)
{
    return {400, QStringLiteral("invalid_request_error"), message, param, code};
}

ApiError ApiError::unauthorized()
{
    return {401, QStringLiteral("authentication_error"),
            QStringLiteral("Missing or invalid bearer token. Send 'Authorization: Bearer <token>' "
                           "with the token Confab shows in Settings or prints on 'confab-cli serve'."),
            {}, QStringLiteral("invalid_api_key")};
}

ApiError ApiError::tooLarge(qint64 limit)
{
    return {413, QStringLiteral("invalid_request_error"),
            QStringLiteral("Request body exceeds the limit of %1 bytes.").arg(limit), {},
            QStringLiteral("request_too_large")};
}

ApiError ApiError::tooManyStreams(int limit)
{
    return {429, QStringLiteral("rate_limit_error"),
            QStringLiteral("Too many concurrent streams (the limit is %1). Retry after the Retry-After delay.")
                    .arg(limit),
            {}, QStringLiteral("too_many_streams")};
}

ApiError ApiError::notFound(const QString &what)
{
    return {404, QStringLiteral("invalid_request_error"), QStringLiteral("Unknown URL: %1").arg(what), {},
            QStringLiteral("unknown_url")};
}

ApiError ApiError::methodNotAllowed()
{
    return {405, QStringLiteral("invalid_request_error"), QStringLiteral("Method not allowed for this URL."),
            {}, QStringLiteral("method_not_allowed")};
}

ApiError ApiError::upstream(int providerStatus, const QString &type, const QString &code,
                            const QString &message)
{
    int status = 502;
    if (providerStatus == 429 || (providerStatus >= 400 && providerStatus < 500 && providerStatus != 401
                                  && providerStatus != 403))
        status = providerStatus;
    return {status, type.isEmpty() ? QStringLiteral("upstream_error") : type,
            message.isEmpty() ? QStringLiteral("The upstream provider failed.") : message, {}, code};
}
