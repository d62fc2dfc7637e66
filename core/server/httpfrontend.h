// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>
#include <QTcpServer>

class ApiServer;
class QTcpSocket;
struct ApiError;

/// A QTcpServer that keeps track of its sockets by peer port, so a request
/// can be tied to its connection (a disconnect cancels the upstream), and
/// that rejects request bodies far over the limit before they are buffered.
class TrackingTcpServer : public QTcpServer
{
    Q_OBJECT
public:
    TrackingTcpServer(qint64 maxRequestBytes, QObject *parent);
    QTcpSocket *socketForPeerPort(quint16 port) const { return m_sockets.value(port); }
    /// A request was dispatched on that connection: its byte count restarts.
    void requestDispatched(quint16 peerPort);

protected:
    void incomingConnection(qintptr handle) override;

private:
    void onReadyRead(QTcpSocket *socket);
    qint64 m_maxRequestBytes;
    QHash<quint16, QPointer<QTcpSocket>> m_sockets;
};

/// The Qt HttpServer behind ApiServer: routes, auth and limits.
class HttpFrontEnd : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit HttpFrontEnd(ApiServer *server);
    bool listen(quint16 port, QString *error);
    quint16 port() const;

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    void chatCompletions(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void models(QHttpServerResponder &responder);
    void onNewWebSocket();

    ApiServer *m_server;
    TrackingTcpServer *m_tcp = nullptr;
};

/// Writes an OpenAI-style error response (JSON body; Retry-After for 429).
void writeApiError(QHttpServerResponder &responder, const ApiError &error, int retryAfterSeconds = 0);
