// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "httprelay.h"

#include "apiserver.h"
#include "chatbackend.h"
#include "httpfrontend.h"
#include "util/logging.h"

#include <QDateTime>
#include <QHttpHeaders>
#include <QTcpSocket>

HttpRelay::HttpRelay(ApiServer *server, const ChatCompletionRequest &request, QHttpServerResponder &&responder,
                     QTcpSocket *socket, QObject *parent)
    : QObject(parent),
      m_server(server),
      m_request(request),
      m_responder(std::move(responder)),
      m_socket(socket),
      m_format(OpenAIChunkFormatter::newCompletionId(),
               request.chat.options.model.isEmpty() ? QStringLiteral("confab") : request.chat.options.model,
               QDateTime::currentSecsSinceEpoch())
{
    m_keepAlive.setInterval(server->options().keepAliveIntervalMs);
    connect(&m_keepAlive, &QTimer::timeout, this, &HttpRelay::onKeepAliveTick);
    if (m_socket)
        connect(m_socket, &QTcpSocket::disconnected, this, &HttpRelay::onClientGone);
}

HttpRelay::~HttpRelay()
{
    if (!m_ended) {
        // The server is shutting down: stop the upstream, free the slot.
        m_ended = true;
        if (m_stream)
            m_stream->cancel();
        m_server->releaseStream();
    }
}

void HttpRelay::start()
{
    m_stream = m_server->backend()->createStream(m_request.chat, this);
    connect(m_stream, &BackendStream::event, this, &HttpRelay::onEvent);
    connect(m_stream, &BackendStream::completed, this, &HttpRelay::onCompleted);
    connect(m_stream, &BackendStream::failed, this, &HttpRelay::onFailed);
    if (m_request.stream)
        m_keepAlive.start();
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        onClientGone();
        return;
    }
    m_stream->start();
}

void HttpRelay::beginStreamIfNeeded()
{
    if (m_headersSent)
        return;
    m_headersSent = true;
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "text/event-stream; charset=utf-8");
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache");
    headers.append("X-Accel-Buffering", "no");
    m_responder.writeBeginChunked(headers);
    m_responder.writeChunk(m_format.roleChunk());
}

void HttpRelay::write(const QByteArray &bytes)
{
    if (bytes.isEmpty() || m_ended)
        return;
    beginStreamIfNeeded();
    m_responder.writeChunk(bytes);
    m_wroteSinceTick = true;
}

void HttpRelay::onEvent(const StreamEvent &event)
{
    if (m_ended)
        return;
    m_answer.add(event);
    if (m_request.stream)
        write(m_format.chunkFor(event));
}

void HttpRelay::onKeepAliveTick()
{
    if (m_ended)
        return;
    // A comment only when nothing else went out during the interval.
    if (!m_wroteSinceTick) {
        beginStreamIfNeeded();
        m_responder.writeChunk(OpenAIChunkFormatter::keepAlive());
    }
    m_wroteSinceTick = false;
}

void HttpRelay::onCompleted()
{
    if (m_ended)
        return;
    if (m_request.stream) {
        beginStreamIfNeeded();
        if (m_request.includeUsage)
            m_responder.writeChunk(m_format.usageChunk());
        m_responder.writeEndChunked(OpenAIChunkFormatter::done());
    } else {
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
        m_responder.write(m_format.completion(m_answer), headers);
    }
    Q_EMIT m_server->exchangeFinished(m_request.chat, m_answer.toMessage(), true);
    end();
}

void HttpRelay::onFailed(const ApiError &error)
{
    if (m_ended)
        return;
    qCInfo(lcServer) << "upstream gave up:" << error.httpStatus << error.type;
    if (m_headersSent) {
        // Mid-stream: an error event and no [DONE], so the client knows the
        // answer is incomplete (protocols.md §2.7).
        m_responder.writeEndChunked(OpenAIChunkFormatter::errorEvent(error));
    } else {
        writeApiError(m_responder, error);
    }
    Q_EMIT m_server->exchangeFinished(m_request.chat, m_answer.toMessage(), false);
    end();
}

void HttpRelay::onClientGone()
{
    if (m_ended)
        return;
    qCInfo(lcServer) << "client went away; cancelling the upstream request";
    if (m_stream)
        m_stream->cancel();
    Q_EMIT m_server->exchangeFinished(m_request.chat, m_answer.toMessage(), false);
    end();
}

void HttpRelay::end()
{
    m_ended = true;
    m_keepAlive.stop();
    m_server->releaseStream();
    deleteLater();
}
