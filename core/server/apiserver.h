// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "apiserveroptions.h"
#include "protocol/chatrequest.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

class ChatBackend;
class HttpFrontEnd;
class QTcpSocket;

/// Confab's local, OpenAI-compatible API server (docs/server.md): Qt
/// HttpServer on 127.0.0.1 only, bearer-token auth on every request,
/// POST /v1/chat/completions (SSE or JSON), GET /v1/models and the WebSocket
/// endpoint /v1/stream, with the configured providers and their resilience
/// (the ChatBackend) behind them. Off until listen() is called.
class ApiServer : public QObject
{
    Q_OBJECT
public:
    explicit ApiServer(ChatBackend *backend, QObject *parent = nullptr);
    ~ApiServer() override;

    /// Binds 127.0.0.1:options.port. Generates a token when options.token is
    /// empty. On failure returns false with a clear *error.
    bool listen(const ApiServerOptions &options, QString *error = nullptr);
    /// Stops listening and cancels every running stream.
    void close();
    bool isListening() const;

    quint16 port() const;
    /// http://127.0.0.1:PORT/v1 (what OpenAI clients take as base URL).
    QUrl baseUrl() const;
    QByteArray token() const { return m_options.token; }
    const ApiServerOptions &options() const { return m_options; }
    ChatBackend *backend() const { return m_backend; }

    /// Answers currently relayed (HTTP and WebSocket).
    int activeStreams() const { return m_activeStreams; }

    /// A fresh random token: "confab-" + 43 base64url characters (256 bits).
    static QByteArray generateToken();
    /// True when the Authorization header value carries this server's token
    /// (constant-time comparison).
    bool isAuthorized(const QByteArray &authorizationHeader) const;

    /// Reserves one of maxConcurrentStreams slots; false when all are taken.
    bool acquireStream();
    void releaseStream();

Q_SIGNALS:
    void activeStreamsChanged(int count);
    /// An answer ended (complete, failed or cancelled). Nothing is stored by
    /// the server itself; a controller may store it when the user enabled it.
    void exchangeFinished(const ChatRequest &request, const ChatMessage &answer, bool complete);

private:
    ChatBackend *m_backend;
    ApiServerOptions m_options;
    std::unique_ptr<HttpFrontEnd> m_http;
    int m_activeStreams = 0;
};
