// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/provideradapter.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QPair>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

/// Builds every request Confab sends, over the one QNetworkAccessManager the
/// app or CLI creates (passed in; never a static). Adds the User-Agent
/// "Confab/<version>", the auth header, Accept, HTTP/2; keeps TLS verified;
/// refuses plain http:// except to loopback hosts, and redirects to other
/// origins.
class RequestFactory
{
public:
    explicit RequestFactory(QNetworkAccessManager *manager);

    QNetworkAccessManager *manager() const { return m_manager; }

    /// "Confab/<version>".
    static QByteArray userAgent();
    /// 127.0.0.0/8, ::1 (and IPv4-mapped loopback), "localhost" / "*.localhost".
    static bool isLoopbackHost(const QString &host);
    /// Empty when Confab may send to url; otherwise an error naming the problem
    /// (invalid URL, unsupported scheme, plain http to a non-loopback host).
    static QString checkUrl(const QUrl &url);

    /// A streaming POST request for an adapter's spec. authHeader is the
    /// adapter's (name, value) pair (empty name: no auth). On a refused URL or
    /// a bad header returns false and sets error; the error never contains the key.
    bool streamRequest(const HttpRequestSpec &spec, const QPair<QByteArray, QByteArray> &authHeader,
                       QNetworkRequest *out, QString *error) const;
    /// A GET of a models list ("Test connection").
    bool modelsRequest(const QUrl &url, const QPair<QByteArray, QByteArray> &authHeader,
                       QNetworkRequest *out, QString *error) const;

    /// Sends a request built above. The caller owns the reply (deleteLater()).
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body) const;
    QNetworkReply *get(const QNetworkRequest &request) const;

private:
    bool prepare(const QUrl &url, const QPair<QByteArray, QByteArray> &authHeader, QNetworkRequest *out,
                 QString *error) const;

    QNetworkAccessManager *m_manager;
};
