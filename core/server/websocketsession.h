// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "apierror.h"
#include "chatcompletionrequest.h"
#include "protocol/messageaccumulator.h"
#include "protocol/streamevent.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

class ApiServer;
class BackendStream;
class QWebSocket;

/// One client of the WebSocket endpoint /v1/stream. The client sends
/// {"type":"request","request":{chat.completions body}} and receives the
/// unified stream events as JSON messages (docs/server.md); it cancels with
/// {"type":"cancel"} or by closing the socket, which cancels the upstream at
/// once. One answer at a time per socket. Owns the socket; deletes itself
/// when the socket goes away.
class WebSocketSession : public QObject
{
    Q_OBJECT
public:
    WebSocketSession(ApiServer *server, QWebSocket *socket, QObject *parent);
    ~WebSocketSession() override;

    /// The JSON message for one stream event ({"type":"text_delta","text":...}, ...).
    static QJsonObject eventMessage(const StreamEvent &event);

private:
    void onMessage(const QString &message);
    void onEvent(const StreamEvent &event);
    void onCompleted();
    void onFailed(const ApiError &error);
    void onSocketGone();
    void cancelStream();
    void endStream(bool complete);
    void send(const QJsonObject &message);
    void sendError(const ApiError &error);

    ApiServer *m_server;
    QWebSocket *m_socket;
    BackendStream *m_stream = nullptr;
    ChatCompletionRequest m_request;
    MessageAccumulator m_answer;
    QTimer m_keepAlive;
    bool m_sentSinceTick = false;
    bool m_gone = false;
};
