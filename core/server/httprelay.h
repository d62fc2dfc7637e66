// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "chatcompletionrequest.h"
#include "openaichunks.h"
#include "protocol/messageaccumulator.h"

#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTimer>

class ApiServer;
class BackendStream;
class QTcpSocket;

/// Relays one upstream answer to one POST /v1/chat/completions client:
/// SSE chunks (with `: keep-alive` comments while the upstream is quiet, the
/// usage chunk when asked for, and [DONE]) or one JSON object. Holds one of
/// the server's stream slots until it ends. A client disconnect cancels the
/// upstream at once. Deletes itself when done.
class HttpRelay : public QObject
{
    Q_OBJECT
public:
    HttpRelay(ApiServer *server, const ChatCompletionRequest &request, QHttpServerResponder &&responder,
              QTcpSocket *socket, QObject *parent);
    ~HttpRelay() override;

    void start();

private:
    void onEvent(const StreamEvent &event);
    void onCompleted();
    void onFailed(const ApiError &error);
    void onClientGone();
    void onKeepAliveTick();
    void beginStreamIfNeeded();
    void write(const QByteArray &bytes);
    void end();

    ApiServer *m_server;
    ChatCompletionRequest m_request;
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    BackendStream *m_stream = nullptr;
    OpenAIChunkFormatter m_format;
    MessageAccumulator m_answer;
    QTimer m_keepAlive;
    bool m_headersSent = false;
    bool m_ended = false;
    bool m_wroteSinceTick = false;
};
