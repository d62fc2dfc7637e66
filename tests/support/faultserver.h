// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "faultscript.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>
#include <memory>

// A real HTTP/1.1 server on 127.0.0.1 that streams a canonical answer in the
// wire format of OpenAI, Anthropic or Ollama and injects faults per request
// (delays, drips, stalls, drops, statuses, malformed events, split writes,
// huge lazily generated bodies). Continues partial answers deterministically.
// See tests/support/README.md for the script format.

namespace FaultInjection {

/// One request as the server saw it, and what became of its response.
struct RecordedRequest {
    int number = 0;  ///< 1-based, in arrival order
    QByteArray method;
    QByteArray path; ///< including any query
    QList<QPair<QByteArray, QByteArray>> headers; ///< names lower-case
    QByteArray body;
    WireProvider provider = WireProvider::Auto; ///< the format the response used
    bool continuation = false; ///< the request carried a partial answer
    QString partial;           ///< that partial
    qsizetype continuationOffset = -1; ///< where it ends in the canonical text (-1: not found)
    qint64 bodyBytesSent = 0;  ///< response body bytes written (without chunk framing)
    bool completed = false;    ///< the server sent the whole response
    bool dropped = false;      ///< the server aborted the connection (dropAtByte/dropAfterEvent)
    bool clientDisconnected = false; ///< the client went away before the response ended
    qint64 disconnectedAfterMs = -1; ///< ms from the request's arrival to that disconnect

    QByteArray header(QByteArrayView name) const;
    QJsonObject toJson() const;
};

class FaultConnection;

class FaultServer : public QObject
{
    Q_OBJECT
public:
    explicit FaultServer(QObject *parent = nullptr);
    ~FaultServer() override;

    /// Applies to requests that arrive afterwards; running responses keep theirs.
    void setScript(const FaultScript &script);
    FaultScript script() const { return *m_script; }

    /// Listens on 127.0.0.1 (port 0: any free port).
    bool listen(quint16 port = 0);
    quint16 port() const;
    /// http://127.0.0.1:PORT (no path).
    QUrl baseUrl() const;

    QList<RecordedRequest> requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    /// Request n (1-based); a default-constructed one when there is none.
    RecordedRequest request(int number) const;

Q_SIGNALS:
    void requestReceived(int number);
    /// The response ended: completed, dropped, or the client went away.
    void responseEnded(int number);
    void clientDisconnected(int number);

private:
    friend class FaultConnection;
    int addRequest(const RecordedRequest &r);
    RecordedRequest &record(int number) { return m_requests[number - 1]; }
    void onNewConnection();

    QTcpServer m_server;
    std::shared_ptr<const FaultScript> m_script;
    QList<RecordedRequest> m_requests;
};

} // namespace FaultInjection
