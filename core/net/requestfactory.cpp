// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "requestfactory.h"

#include "confabversion.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

RequestFactory::RequestFactory(QNetworkAccessManager *manager)
    : m_manager(manager)
{
    Q_ASSERT(manager);
}

QByteArray RequestFactory::userAgent()
{
    return QByteArrayLiteral("Confab/" CONFAB_VERSION_STRING);
}

bool RequestFactory::isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == "localhost"_L1 || h.endsWith(".localhost"_L1))
        return true;
    QHostAddress address;
    if (!address.setAddress(h))
        return false;
    return address.isLoopback();
}

QString RequestFactory::checkUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return u"invalid URL '%1'"_s.arg(url.toDisplayString(QUrl::RemoveUserInfo));
    const QString scheme = url.scheme().toLower();
    if (scheme == "https"_L1)
        return {};
    if (scheme == "http"_L1) {
        if (isLoopbackHost(url.host()))
            return {};
        return u"refusing plain http:// to %1: use https:// (http is only allowed for loopback hosts)"_s.arg(url.host());
    }
    return u"unsupported URL scheme '%1' (use https://, or http:// for loopback hosts)"_s.arg(url.scheme());
}

bool RequestFactory::prepare(const QUrl &url, const QPair<QByteArray, QByteArray> &auth, QNetworkRequest *out,
                             QString *error) const
{
    const QString problem = checkUrl(url);
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    if (auth.second.contains('\r') || auth.second.contains('\n') || auth.first.contains(':')) {
        if (error)
            *error = u"the API key contains a line break or invalid character"_s;
        return false;
    }
    QNetworkRequest r(url);
    r.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    r.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    r.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    // Never relax TLS: verification is explicit so no global default can turn it off.
    if (url.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
        r.setSslConfiguration(ssl);
    }
    if (!auth.first.isEmpty())
        r.setRawHeader(auth.first, auth.second);
    *out = r;
    return true;
}

bool RequestFactory::streamRequest(const HttpRequestSpec &spec, const QPair<QByteArray, QByteArray> &auth,
                                   QNetworkRequest *out, QString *error) const
{
    if (!prepare(spec.url, auth, out, error))
        return false;
    out->setRawHeader("Accept", "text/event-stream");
    out->setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &h : spec.headers)
        out->setRawHeader(h.first, h.second); // the adapter's own headers win (e.g. Accept for NDJSON)
    return true;
}

bool RequestFactory::modelsRequest(const QUrl &url, const QPair<QByteArray, QByteArray> &auth,
                                   QNetworkRequest *out, QString *error) const
{
    if (!prepare(url, auth, out, error))
        return false;
    out->setRawHeader("Accept", "application/json");
    return true;
}

QNetworkReply *RequestFactory::post(const QNetworkRequest &request, const QByteArray &body) const
{
    return m_manager->post(request, body);
}

QNetworkReply *RequestFactory::get(const QNetworkRequest &request) const
{
    return m_manager->get(request);
}
