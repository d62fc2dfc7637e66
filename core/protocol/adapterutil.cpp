// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "adapterutil.h"

#include "secrets/redact.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace AdapterUtil {

QUrl joinUrl(const QUrl &base, QStringView path)
{
    QUrl url = base;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    QStringView rel = path;
    while (rel.startsWith(u'/'))
        rel = rel.sliced(1);
    url.setPath(basePath + u'/' + rel);
    return url;
}

QString jsonString(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

qint64 tokenCount(const QJsonValue &v)
{
    if (!v.isDouble())
        return -1;
    const double d = v.toDouble();
    if (d < 0 || d > 9.0e15)
        return -1;
    return qint64(d);
}

ProviderError errorFromJson(const QJsonObject &obj, int httpStatus)
{
    ProviderError err;
    err.httpStatus = httpStatus;
    const QJsonValue e = obj.value(QLatin1StringView("error"));
    if (e.isObject()) {
        const QJsonObject eo = e.toObject();
        err.type = jsonString(eo.value(QLatin1StringView("type")));
        err.code = jsonString(eo.value(QLatin1StringView("code")));
        err.message = jsonString(eo.value(QLatin1StringView("message")));
        if (err.code.isEmpty()) // Anthropic: error.details.error_code
            err.code = jsonString(eo.value(QLatin1StringView("details")).toObject().value(QLatin1StringView("error_code")));
    } else if (e.isString()) {
        err.message = e.toString();
    } else if (obj.value(QLatin1StringView("message")).isString()) {
        err.message = obj.value(QLatin1StringView("message")).toString();
        err.type = jsonString(obj.value(QLatin1StringView("type")));
        err.code = jsonString(obj.value(QLatin1StringView("code")));
    } else {
        return {};
    }
    if (err.type.isEmpty() && err.code.isEmpty() && err.message.isEmpty())
        err.message = QStringLiteral("unspecified provider error");
    err.type = Redact::redactSecrets(err.type);
    err.code = Redact::redactSecrets(err.code);
    err.message = Redact::redactSecrets(err.message);
    return err;
}

ProviderError parseErrorBody(int httpStatus, const QByteArray &body)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error == QJsonParseError::NoError && doc.isObject()) {
        ProviderError err = errorFromJson(doc.object(), httpStatus);
        if (!err.isNull())
            return err;
    }
    ProviderError err;
    err.httpStatus = httpStatus;
    QString excerpt = QString::fromUtf8(body.left(4096)).simplified();
    if (excerpt.isEmpty()) {
        err.message = QStringLiteral("HTTP %1 with an empty body").arg(httpStatus);
    } else {
        // Redact before cutting so a key is never half-shown.
        excerpt = Redact::redactSecrets(excerpt);
        if (excerpt.size() > 200)
            excerpt = excerpt.left(200) + QStringLiteral("…");
        err.message = excerpt;
    }
    return err;
}

QJsonArray functionTools(const QJsonArray &tools)
{
    const auto L = [](const char *s) { return QLatin1StringView(s); };
    QJsonArray out;
    for (const QJsonValue &t : tools) {
        const QJsonObject d = t.toObject();
        QJsonObject fn{{L("name"), d.value(L("name"))}};
        if (d.contains(L("description")))
            fn.insert(L("description"), d.value(L("description")));
        fn.insert(L("parameters"), d.contains(L("parameters")) ? d.value(L("parameters"))
                                                                  : QJsonObject{{L("type"), L("object")}});
        out.append(QJsonObject{{L("type"), L("function")}, {L("function"), fn}});
    }
    return out;
}

void appendContinuation(QJsonArray &messages, const ChatRequest &request)
{
    const auto message = [](QLatin1StringView role, const QString &text) {
        return QJsonObject{{QLatin1StringView("role"), role}, {QLatin1StringView("content"), text}};
    };
    if (request.continuation == ContinuationMode::Prefill) {
        const QString partial = prefillText(request.continuationPartial);
        if (!partial.isEmpty())
            messages.append(message(QLatin1StringView("assistant"), partial));
    } else if (request.continuation == ContinuationMode::Instruction && !request.continuationPartial.isEmpty()) {
        messages.append(message(QLatin1StringView("assistant"), request.continuationPartial));
        messages.append(message(QLatin1StringView("user"), continuationInstruction()));
    }
}

QString malformedMessage(const char *unit, qint64 number, const QString &reason)
{
    return QStringLiteral("invalid JSON in %1 %2: %3").arg(QLatin1StringView(unit)).arg(number).arg(reason);
}

} // namespace AdapterUtil
