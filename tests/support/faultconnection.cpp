// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "faultconnection.h"

#include "faultserver.h"
#include "faultwire.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace FaultInjection {

namespace {
constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qsizetype MaxRequestBody = 32 * 1024 * 1024;
constexpr qint64 WriteHighWater = 256 * 1024; // never queue more than this in the socket

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 529: return "Overloaded";
    default: return status < 300 ? "OK" : "Error";
    }
}
} // namespace

// One accepted socket: reads one request, writes one scripted response.
class FaultConnection : public QObject
{
public:
    FaultConnection(FaultServer *server, QTcpSocket *socket, std::shared_ptr<const FaultScript> script)
        : QObject(socket), m_server(server), m_socket(socket), m_script(std::move(script))
    {
        connect(socket, &QTcpSocket::readyRead, this, &FaultConnection::onReadyRead);
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { pump(); });
        connect(socket, &QTcpSocket::disconnected, this, &FaultConnection::onDisconnected);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &FaultConnection::onTimer);
        connect(&m_keepAlive, &QTimer::timeout, this, &FaultConnection::sendKeepAlive);
    }

private:
    enum class State { Reading, DelayingHeaders, DelayingBody, Streaming, Stalled, Dropping, Done };

    void onReadyRead()
    {
        if (m_state != State::Reading) {
            m_socket->readAll(); // one request per connection; ignore the rest
            return;
        }
        m_in += m_socket->readAll();
        const qsizetype end = m_in.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_in.size() > MaxHeaderBytes)
                sendPlain(431, "request headers too large");
            return;
        }
        const QList<QByteArray> lines = m_in.left(end).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
            sendPlain(400, "malformed request line");
            return;
        }
        RecordedRequest r;
        r.method = requestLine.at(0);
        r.path = requestLine.at(1);
        qint64 contentLength = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            r.headers.append({name, value});
            if (name == "content-length")
                contentLength = value.toLongLong();
        }
        if (contentLength < 0 || contentLength > MaxRequestBody) {
            sendPlain(413, "request body too large");
            return;
        }
        if (m_in.size() - end - 4 < contentLength)
            return; // wait for the rest of the body
        r.body = m_in.mid(end + 4, contentLength);
        m_in.clear();
        startResponse(std::move(r));
    }

    void startResponse(RecordedRequest r)
    {
        m_clock.start();
        const FaultScript &script = *m_script;
        r.provider = script.provider != WireProvider::Auto ? script.provider : providerForPath(r.path);
        m_number = m_server->addRequest(r);
        m_plan = &script.planFor(m_number);
        m_text = script.answer.text;
        if (m_plan->continuation) {
            RecordedRequest &rec = m_server->record(m_number);
            const Continuation c = findContinuation(rec.body, m_text);
            rec.continuation = c.present;
            rec.partial = c.partial;
            rec.continuationOffset = c.offset;
            if (c.present && c.offset >= 0) {
                m_text = m_text.mid(qMax<qsizetype>(0, c.offset - m_plan->continuationOverlap));
                m_thinking = false;
            }
        }
        Q_EMIT m_server->requestReceived(m_number);
        m_state = State::DelayingHeaders;
        if (m_plan->delayHeadersMs > 0)
            m_timer.start(m_plan->delayHeadersMs);
        else
            onTimer();
    }

    void onTimer()
    {
        if (m_state == State::DelayingHeaders)
            sendHeaders();
        else if (m_state == State::DelayingBody || m_state == State::Streaming)
            pump();
        else if (m_state == State::Stalled)
            resumeFromStall();
    }

    void sendHeaders()
    {
        RecordedRequest &r = m_server->record(m_number);
        const QByteArray path = r.path.left(r.path.indexOf('?') < 0 ? r.path.size() : r.path.indexOf('?'));
        if (m_plan->hasBody || m_plan->status < 200 || m_plan->status >= 300) {
            sendFixed(m_plan->status, m_plan->body, m_plan->hasBody ? QByteArray("application/json") : QByteArray());
            return;
        }
        if (r.method == "GET" && (path.endsWith("/models") || path.endsWith("/api/tags"))) {
            const QJsonObject model{{u"id"_s, m_script->model}, {u"name"_s, m_script->model}, {u"type"_s, u"model"_s}};
            const QJsonObject list = path.endsWith("/api/tags") ? QJsonObject{{u"models"_s, QJsonArray{model}}}
                                                                : QJsonObject{{u"data"_s, QJsonArray{model}}, {u"object"_s, u"list"_s}};
            sendFixed(200, QJsonDocument(list).toJson(QJsonDocument::Compact), "application/json");
            return;
        }
        if (r.method != "POST" || r.provider == WireProvider::Auto) {
            sendFixed(404, R"({"error":{"message":"no such endpoint","type":"not_found_error"}})", "application/json");
            return;
        }
        m_source = std::make_unique<EventSource>(r.provider, *m_script, *m_plan, m_text, m_thinking);
        QByteArray head = "HTTP/1.1 " + QByteArray::number(m_plan->status) + ' ' + reasonPhrase(m_plan->status) + "\r\nContent-Type: " + m_source->contentType()
                          + "\r\nCache-Control: no-cache\r\nConnection: close\r\n";
        if (m_plan->chunkedFraming)
            head += "Transfer-Encoding: chunked\r\n";
        for (const auto &h : m_plan->headers)
            head += h.first + ": " + h.second + "\r\n";
        m_socket->write(head + "\r\n");
        m_state = State::DelayingBody;
        if (m_plan->delayBodyMs > 0)
            m_timer.start(m_plan->delayBodyMs);
        else
            pump();
    }

    void sendFixed(int status, const QByteArray &body, const QByteArray &contentType)
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
        if (!contentType.isEmpty())
            head += "Content-Type: " + contentType + "\r\n";
        head += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n";
        if (m_plan) {
            for (const auto &h : m_plan->headers)
                head += h.first + ": " + h.second + "\r\n";
        }
        m_socket->write(head + "\r\n" + body);
        if (m_number > 0)
            m_server->record(m_number).bodyBytesSent = body.size();
        finish(true);
    }

    void sendPlain(int status, const QByteArray &message)
    {
        m_state = State::Done;
        m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                        + "\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
                        + QByteArray::number(message.size()) + "\r\n\r\n" + message);
        m_socket->disconnectFromHost();
    }

    void writeBody(const QByteArray &bytes)
    {
        if (m_plan->chunkedFraming)
            m_socket->write(QByteArray::number(bytes.size(), 16) + "\r\n" + bytes + "\r\n");
        else
            m_socket->write(bytes);
        m_sent += bytes.size();
        m_server->record(m_number).bodyBytesSent = m_sent;
    }

    // Where the next write must end: inside a UTF-8 character or between \r and \n.
    static qsizetype nextSplit(const QByteArray &b)
    {
        for (qsizetype i = 1; i < b.size(); ++i) {
            if ((uchar(b.at(i)) & 0xC0) == 0x80 || (b.at(i - 1) == '\r' && b.at(i) == '\n'))
                return i;
        }
        return b.size();
    }

    void pump()
    {
        if (m_state == State::Dropping) {
            if (m_socket->bytesToWrite() == 0)
                drop();
            return;
        }
        if (m_state == State::DelayingBody)
            m_state = State::Streaming;
        while (m_state == State::Streaming) {
            if (m_socket->bytesToWrite() > WriteHighWater || m_timer.isActive())
                return; // resumed by bytesWritten or the timer
            if (m_pending.isEmpty() && !nextEvent())
                return;
            qsizetype n = m_pending.size();
            if (m_plan->dripBytes > 0)
                n = qMin<qsizetype>(n, m_plan->dripBytes);
            if (m_plan->splitWrites)
                n = qMin(n, nextSplit(m_pending));
            const qint64 dropAt = m_plan->dropAtByte, stallAt = m_stallDone ? -1 : m_plan->stallAtByte;
            if (dropAt >= 0 && m_sent + n >= dropAt)
                n = dropAt - m_sent;
            if (stallAt >= 0 && m_sent + n >= stallAt)
                n = stallAt - m_sent;
            if (n > 0) {
                writeBody(m_pending.left(n));
                m_pending.remove(0, n);
            }
            if (dropAt >= 0 && m_sent >= dropAt)
                return startDrop();
            if (stallAt >= 0 && m_sent >= stallAt)
                return stall();
            if (m_pending.isEmpty()) {
                if (m_event == m_plan->dropAfterEvent)
                    return startDrop();
                if (m_event == m_plan->stallAfterEvent && !m_stallDone)
                    return stall();
                if (m_endAfterPending)
                    return finishStream();
            }
            if (m_plan->dripBytes > 0 || m_plan->splitWrites) {
                m_socket->flush();
                m_timer.start(m_plan->dripBytes > 0 ? m_plan->dripIntervalMs : 2);
                return;
            }
        }
    }

    // Loads the next event into m_pending; false when the stream has ended.
    bool nextEvent()
    {
        if (m_endAfterPending) {
            finishStream();
            return false;
        }
        ++m_event;
        if (m_event == m_plan->errorAtEvent) {
            m_pending = m_source->errorEvent(m_plan->errorType, m_plan->errorMessage);
            m_endAfterPending = true;
            return true;
        }
        QByteArray ev;
        if (!m_source->next(&ev)) {
            finishStream();
            return false;
        }
        m_pending = m_event == m_plan->malformedAtEvent ? m_source->malformedEvent() : std::move(ev);
        return true;
    }

    void stall()
    {
        m_state = State::Stalled;
        m_stallDone = true;
        m_socket->flush();
        if (m_plan->stallMs > 0)
            m_timer.start(m_plan->stallMs);
        if (m_plan->keepAliveMs > 0)
            m_keepAlive.start(m_plan->keepAliveMs);
    }

    void resumeFromStall()
    {
        m_keepAlive.stop();
        m_state = State::Streaming;
        pump();
    }

    void sendKeepAlive()
    {
        if (m_state == State::Stalled && m_pending.isEmpty()) {
            writeBody(m_source->keepAlive());
            m_socket->flush();
        }
    }

    void startDrop()
    {
        m_state = State::Dropping;
        m_socket->flush();
        if (m_socket->bytesToWrite() == 0)
            drop();
    }

    void drop()
    {
        m_server->record(m_number).dropped = true;
        m_state = State::Done;
        m_timer.stop();
        m_keepAlive.stop();
        Q_EMIT m_server->responseEnded(m_number);
        m_socket->abort();
        m_socket->deleteLater();
    }

    void finishStream()
    {
        if (m_plan->chunkedFraming)
            m_socket->write("0\r\n\r\n");
        finish(true);
    }

    void finish(bool completed)
    {
        if (m_state == State::Done)
            return;
        m_state = State::Done;
        m_timer.stop();
        m_keepAlive.stop();
        if (m_number > 0) {
            m_server->record(m_number).completed = completed;
            Q_EMIT m_server->responseEnded(m_number);
        }
        m_socket->disconnectFromHost();
    }

    void onDisconnected()
    {
        if (m_state != State::Done && m_state != State::Reading && m_number > 0) {
            RecordedRequest &r = m_server->record(m_number);
            r.clientDisconnected = true;
            r.disconnectedAfterMs = m_clock.elapsed();
            m_state = State::Done;
            m_timer.stop();
            m_keepAlive.stop();
            Q_EMIT m_server->clientDisconnected(m_number);
            Q_EMIT m_server->responseEnded(m_number);
        }
        m_state = State::Done;
        m_socket->deleteLater();
    }

    QPointer<FaultServer> m_server;
    QTcpSocket *m_socket;
    std::shared_ptr<const FaultScript> m_script;
    const FaultPlan *m_plan = nullptr;
    std::unique_ptr<EventSource> m_source;
    State m_state = State::Reading;
    QByteArray m_in;
    QByteArray m_pending;
    QString m_text;        ///< the text to stream (the rest, when continuing)
    bool m_thinking = true; ///< include the thinking (not when continuing)
    int m_number = 0;
    int m_event = 0;
    qint64 m_sent = 0;
    bool m_stallDone = false;
    bool m_endAfterPending = false;
    QTimer m_timer;
    QTimer m_keepAlive;
    QElapsedTimer m_clock;
};

void startFaultConnection(FaultServer *server, QTcpSocket *socket, std::shared_ptr<const FaultScript> script)
{
    new FaultConnection(server, socket, std::move(script)); // owned by the socket
}

} // namespace FaultInjection
