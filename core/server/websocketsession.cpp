// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "websocketsession.h"

#include "apiserver.h"
#include "chatbackend.h"
#include "openaichunks.h"
#include "util/logging.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QWebSocket>

WebSocketSession::WebSocketSession(ApiServer *server, QWebSocket *socket, QObject *parent)
    : QObject(parent), m_server(server), m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(server->options().maxBodyBytes));
    m_keepAlive.setInterval(server->options().keepAliveIntervalMs);
    connect(&m_keepAlive, &QTimer::timeout, this, [this] {
        if (!m_sentSinceTick)
            send(QJsonObject{{QStringLiteral("type"), QStringLiteral("keep_alive")}});
        m_sentSinceTick = false;
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WebSocketSession::onMessage);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &m) { onMessage(QString::fromUtf8(m)); });
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketSession::onSocketGone);
}

WebSocketSession::~WebSocketSession()
{
    if (m_stream) {
        m_stream->cancel();
        m_server->releaseStream();
    }
}

QJsonObject WebSocketSession::eventMessage(const StreamEvent &e)
{
    switch (e.type) {
    case StreamEvent::Type::TextDelta:
        return {{QStringLiteral("type"), QStringLiteral("text_delta")}, {QStringLiteral("text"), e.text}};
    case StreamEvent::Type::ThinkingDelta:
        return {{QStringLiteral("type"), QStringLiteral("thinking_delta")}, {QStringLiteral("text"), e.text}};
    case StreamEvent::Type::ThinkingSignature:
        return {{QStringLiteral("type"), QStringLiteral("thinking_signature")}, {QStringLiteral("text"), e.text}};
    case StreamEvent::Type::ToolCallDelta:
        return {{QStringLiteral("type"), QStringLiteral("tool_call_delta")},
                {QStringLiteral("index"), e.toolIndex},
                {QStringLiteral("id"), e.toolId},
                {QStringLiteral("name"), e.toolName},
                {QStringLiteral("arguments"), e.text}};
    case StreamEvent::Type::Usage:
        return {{QStringLiteral("type"), QStringLiteral("usage")},
                {QStringLiteral("input_tokens"), e.inputTokens},
                {QStringLiteral("output_tokens"), e.outputTokens}};
    case StreamEvent::Type::Finish:
        return {{QStringLiteral("type"), QStringLiteral("finish")},
                {QStringLiteral("finish_reason"), finishReasonName(e.finishReason)},
                {QStringLiteral("raw_finish_reason"), e.rawFinishReason}};
    case StreamEvent::Type::Error:
        return {{QStringLiteral("type"), QStringLiteral("provider_error")},
                {QStringLiteral("message"), e.error.message}};
    case StreamEvent::Type::KeepAlive:
        return {{QStringLiteral("type"), QStringLiteral("keep_alive")}};
    }
    return {};
}

void WebSocketSession::send(const QJsonObject &message)
{
    if (m_gone)
        return;
    m_sentSinceTick = true;
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

void WebSocketSession::sendError(const ApiError &error)
{
    QJsonObject body = QJsonDocument::fromJson(error.toJson()).object();
    body.insert(QStringLiteral("type"), QStringLiteral("error"));
    body.insert(QStringLiteral("status"), error.httpStatus);
    send(body);
}

void WebSocketSession::onMessage(const QString &message)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(message.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        sendError(ApiError::invalidRequest(QStringLiteral("The message is not a JSON object."), {},
                                           QStringLiteral("invalid_json")));
        return;
    }
    const QJsonObject msg = doc.object();
    const QString type = msg.value(QLatin1StringView("type")).toString();
    if (type == QLatin1StringView("cancel")) {
        if (m_stream) {
            cancelStream();
            send(QJsonObject{{QStringLiteral("type"), QStringLiteral("cancelled")}});
        }
        return;
    }
    if (type != QLatin1StringView("request")) {
        sendError(ApiError::invalidRequest(QStringLiteral("Unknown message type '%1' (use \"request\" or \"cancel\").")
                                                   .arg(type),
                                           QStringLiteral("type")));
        return;
    }
    if (m_stream) {
        sendError(ApiError::invalidRequest(QStringLiteral("An answer is already streaming on this socket; "
                                                          "cancel it or wait for \"done\".")));
        return;
    }
    ApiError error;
    ChatCompletionRequest parsed;
    if (!parseChatCompletionObject(msg.value(QLatin1StringView("request")).toObject(), &parsed, &error)) {
        sendError(error);
        return;
    }
    const ApiServerOptions &opt = m_server->options();
    if (!m_server->acquireStream()) {
        ApiError busy = ApiError::tooManyStreams(opt.maxConcurrentStreams);
        QJsonObject body = QJsonDocument::fromJson(busy.toJson()).object();
        body.insert(QStringLiteral("type"), QStringLiteral("error"));
        body.insert(QStringLiteral("status"), busy.httpStatus);
        body.insert(QStringLiteral("retry_after"), opt.retryAfterSeconds);
        send(body);
        return;
    }
    m_request = parsed;
    m_answer = {};
    m_stream = m_server->backend()->createStream(parsed.chat, this);
    connect(m_stream, &BackendStream::event, this, &WebSocketSession::onEvent);
    connect(m_stream, &BackendStream::completed, this, &WebSocketSession::onCompleted);
    connect(m_stream, &BackendStream::failed, this, &WebSocketSession::onFailed);
    send(QJsonObject{{QStringLiteral("type"), QStringLiteral("start")},
                     {QStringLiteral("id"), OpenAIChunkFormatter::newCompletionId()},
                     {QStringLiteral("model"), parsed.chat.options.model}});
    m_keepAlive.start();
    m_stream->start();
}

void WebSocketSession::onEvent(const StreamEvent &event)
{
    m_answer.add(event);
    send(eventMessage(event));
}

void WebSocketSession::onCompleted()
{
    send(QJsonObject{{QStringLiteral("type"), QStringLiteral("done")}});
    endStream(true);
}

void WebSocketSession::onFailed(const ApiError &error)
{
    sendError(error);
    endStream(false);
}

void WebSocketSession::cancelStream()
{
    if (!m_stream)
        return;
    qCInfo(lcServer) << "WebSocket client cancelled; cancelling the upstream request";
    m_stream->cancel();
    endStream(false);
}

void WebSocketSession::endStream(bool complete)
{
    if (!m_stream)
        return;
    m_keepAlive.stop();
    m_stream->disconnect(this);
    m_stream->deleteLater();
    m_stream = nullptr;
    m_server->releaseStream();
    Q_EMIT m_server->exchangeFinished(m_request.chat, m_answer.toMessage(), complete);
}

void WebSocketSession::onSocketGone()
{
    if (m_gone)
        return;
    cancelStream();
    m_gone = true;
    deleteLater();
}
