// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "apiserver.h"

#include "httpfrontend.h"
#include "util/logging.h"

#include <QRandomGenerator>

ApiServer::ApiServer(ChatBackend *backend, QObject *parent)
    : QObject(parent), m_backend(backend)
{
    qRegisterMetaType<ChatRequest>();
    qRegisterMetaType<ChatMessage>();
}

ApiServer::~ApiServer()
{
    close();
}

bool ApiServer::listen(const ApiServerOptions &options, QString *error)
{
    close();
    m_options = options;
    if (m_options.token.isEmpty())
        m_options.token = generateToken();
    if (m_options.maxConcurrentStreams < 1 || m_options.maxBodyBytes < 1 || m_options.keepAliveIntervalMs < 1) {
        if (error)
            *error = QStringLiteral("invalid server limits: streams, body size and keep-alive interval must be positive");
        return false;
    }
    auto http = std::make_unique<HttpFrontEnd>(this);
    QString why;
    if (!http->listen(options.port, &why)) {
        if (error)
            *error = why;
        return false;
    }
    m_http = std::move(http);
    qCInfo(lcServer) << "API server listening on" << baseUrl().toString();
    return true;
}

void ApiServer::close()
{
    if (!m_http)
        return;
    m_http.reset(); // destroys the listener, the connections and the relays (children)
    qCInfo(lcServer) << "API server stopped";
}

bool ApiServer::isListening() const
{
    return m_http != nullptr;
}

quint16 ApiServer::port() const
{
    return m_http ? m_http->port() : 0;
}

QUrl ApiServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(QStringLiteral("/v1"));
    return url;
}

QByteArray ApiServer::generateToken()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (char &c : raw)
        c = char(rng->bounded(256));
    return QByteArrayLiteral("confab-")
            + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool ApiServer::isAuthorized(const QByteArray &header) const
{
    static const QByteArray prefix = QByteArrayLiteral("bearer ");
    if (header.size() <= prefix.size() || header.left(prefix.size()).toLower() != prefix)
        return false;
    const QByteArray given = header.mid(prefix.size()).trimmed();
    const QByteArray &want = m_options.token;
    if (given.size() != want.size() || want.isEmpty())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < want.size(); ++i)
        diff |= static_cast<unsigned char>(given.at(i) ^ want.at(i));
    return diff == 0;
}

bool ApiServer::acquireStream()
{
    if (m_activeStreams >= m_options.maxConcurrentStreams)
        return false;
    ++m_activeStreams;
    Q_EMIT activeStreamsChanged(m_activeStreams);
    return true;
}

void ApiServer::releaseStream()
{
    if (m_activeStreams <= 0)
        return;
    --m_activeStreams;
    Q_EMIT activeStreamsChanged(m_activeStreams);
}
