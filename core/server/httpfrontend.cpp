// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "httpfrontend.h"

#include "apierror.h"
#include "apiserver.h"
#include "chatbackend.h"
#include "httprelay.h"
#include "util/logging.h"
#include "websocketsession.h"

#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>

static constexpr qint64 kHeaderAllowance = 64 * 1024;
static constexpr int kRejectGraceMs = 5000;

void writeApiError(QHttpServerResponder &responder, const ApiError &error, int retryAfterSeconds)
{
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    if (retryAfterSeconds > 0)
        headers.append(QHttpHeaders::WellKnownHeader::RetryAfter, QByteArray::number(retryAfterSeconds));
    responder.write(error.toJson(), headers, QHttpServerResponder::StatusCode(error.httpStatus));
}

// --- TrackingTcpServer -------------------------------------------------------

TrackingTcpServer::TrackingTcpServer(qint64 maxRequestBytes, QObject *parent)
    : QTcpServer(parent), m_maxRequestBytes(maxRequestBytes + kHeaderAllowance)
{
}

void TrackingTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    const quint16 peer = socket->peerPort();
    m_sockets.insert(peer, socket);
    socket->setProperty("confabBytes", qint64(0));
    // Connected before Qt HttpServer's own readyRead handler, so it runs first.
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    connect(socket, &QObject::destroyed, this, [this, peer] { m_sockets.remove(peer); });
    addPendingConnection(socket);
}

void TrackingTcpServer::onReadyRead(QTcpSocket *socket)
{
    if (socket->property("confabRejected").toBool()) {
        socket->readAll(); // discard until the close completes
        return;
    }
    const qint64 total = socket->property("confabBytes").toLongLong() + socket->bytesAvailable();
    socket->setProperty("confabBytes", total);
    if (total <= m_maxRequestBytes)
        return;
    // Far over the limit: answer 413 now instead of buffering the rest.
    qCInfo(lcServer) << "rejecting a request body over the size limit";
    socket->setProperty("confabRejected", true);
    socket->readAll();
    const QByteArray body = ApiError::tooLarge(m_maxRequestBytes - kHeaderAllowance).toJson();
    socket->write(QByteArrayLiteral("HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
                                    "Connection: close\r\nContent-Length: ")
                  + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n\r\n") + body);
    // Closing while the client still uploads would reset the connection
    // before it reads the 413: keep discarding its bytes for a bounded time.
    QTimer::singleShot(kRejectGraceMs, socket, [socket] { socket->disconnectFromHost(); });
}

void TrackingTcpServer::requestDispatched(quint16 peerPort)
{
    if (QTcpSocket *s = m_sockets.value(peerPort))
        s->setProperty("confabBytes", qint64(0));
}

// --- HttpFrontEnd ------------------------------------------------------------

HttpFrontEnd::HttpFrontEnd(ApiServer *server)
    : m_server(server)
{
    addWebSocketUpgradeVerifier(this, [this](const QHttpServerRequest &request) {
        if (request.url().path() != QLatin1StringView("/v1/stream"))
            return QHttpServerWebSocketUpgradeResponse::passToNext();
        if (!m_server->isAuthorized(request.value("authorization")))
            return QHttpServerWebSocketUpgradeResponse::deny(401, ApiError::unauthorized().toJson());
        return QHttpServerWebSocketUpgradeResponse::accept();
    });
    connect(this, &QAbstractHttpServer::newWebSocketConnection, this, &HttpFrontEnd::onNewWebSocket);
}

bool HttpFrontEnd::listen(quint16 port, QString *error)
{
    m_tcp = new TrackingTcpServer(m_server->options().maxBodyBytes, this);
    if (!m_tcp->listen(QHostAddress::LocalHost, port)) {
        *error = QStringLiteral("cannot listen on 127.0.0.1:%1: %2").arg(port).arg(m_tcp->errorString());
        return false;
    }
    if (!bind(m_tcp)) {
        *error = QStringLiteral("cannot bind the HTTP server to 127.0.0.1:%1").arg(port);
        return false;
    }
    return true;
}

quint16 HttpFrontEnd::port() const
{
    return m_tcp ? m_tcp->serverPort() : 0;
}

bool HttpFrontEnd::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    m_tcp->requestDispatched(request.remotePort());
    if (!m_server->isAuthorized(request.value("authorization"))) {
        writeApiError(responder, ApiError::unauthorized());
        return true;
    }
    const QString path = request.url().path();
    const bool isPost = request.method() == QHttpServerRequest::Method::Post;
    const bool isGet = request.method() == QHttpServerRequest::Method::Get;
    if (path == QLatin1StringView("/v1/chat/completions") || path == QLatin1StringView("/chat/completions")) {
        if (!isPost)
            writeApiError(responder, ApiError::methodNotAllowed());
        else
            chatCompletions(request, responder);
        return true;
    }
    if (path == QLatin1StringView("/v1/models") || path == QLatin1StringView("/models")) {
        if (!isGet)
            writeApiError(responder, ApiError::methodNotAllowed());
        else
            models(responder);
        return true;
    }
    return false;
}

void HttpFrontEnd::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    writeApiError(responder, ApiError::notFound(request.url().path()));
}

void HttpFrontEnd::chatCompletions(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    const ApiServerOptions &opt = m_server->options();
    const QByteArray body = request.body();
    if (body.size() > opt.maxBodyBytes) {
        writeApiError(responder, ApiError::tooLarge(opt.maxBodyBytes));
        return;
    }
    ChatCompletionRequest parsed;
    ApiError error;
    if (!parseChatCompletionRequest(body, &parsed, &error)) {
        writeApiError(responder, error);
        return;
    }
    if (!m_server->acquireStream()) {
        writeApiError(responder, ApiError::tooManyStreams(opt.maxConcurrentStreams), opt.retryAfterSeconds);
        return;
    }
    auto *relay = new HttpRelay(m_server, parsed, std::move(responder), m_tcp->socketForPeerPort(request.remotePort()),
                                this);
    relay->start();
}

void HttpFrontEnd::models(QHttpServerResponder &responder)
{
    QJsonArray data;
    const QStringList ids = m_server->backend()->models();
    for (const QString &id : ids)
        data.append(QJsonObject{{QStringLiteral("id"), id},
                                {QStringLiteral("object"), QStringLiteral("model")},
                                {QStringLiteral("created"), 0},
                                {QStringLiteral("owned_by"), QStringLiteral("confab")}});
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    responder.write(QJsonDocument(QJsonObject{{QStringLiteral("object"), QStringLiteral("list")},
                                              {QStringLiteral("data"), data}})
                            .toJson(QJsonDocument::Compact),
                    headers);
}

void HttpFrontEnd::onNewWebSocket()
{
    while (hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = nextPendingWebSocketConnection();
        if (socket)
            new WebSocketSession(m_server, socket.release(), this);
    }
}
