// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "net/streamfailure.h"
#include "net/streamstats.h"
#include "protocol/chatrequest.h"
#include "protocol/messageaccumulator.h"
#include "protocol/provideradapter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class RequestFactory;
class QNetworkReply;

/// Limits and timeouts of one streaming attempt. 0 disables a timeout/limit.
struct StreamOptions {
    int connectTimeoutMs = 30'000;     ///< request sent -> response headers
    int firstByteTimeoutMs = 600'000;  ///< response headers -> first body byte
    int idleTimeoutMs = 120'000;       ///< between body bytes (keep-alives count)
    int totalTimeoutMs = 0;            ///< the whole attempt
    qint64 maxResponseBytes = 256LL * 1024 * 1024; ///< body size limit (Local::SizeLimit)
    qint64 maxErrorBodyBytes = 64 * 1024;          ///< how much of a >= 400 body is read
    qint64 readBufferBytes = 256 * 1024;           ///< QNetworkReply::setReadBufferSize
    qint64 maxBytesPerTurn = 64 * 1024;            ///< decoded per event-loop turn
};

/// One streaming attempt against one provider: sends the request through the
/// shared QNetworkAccessManager (via the RequestFactory), decodes the body
/// with the provider's adapter as bytes arrive and emits a signal per event.
/// The partial message is kept at every moment (partial()), whatever happens.
///
/// One-shot: an orchestrator (ResilientStream) runs a new session per attempt.
/// Exactly one of finished() or failed() is emitted, once, after start();
/// cancel() ends with finished(FinishReason::Cancelled). Early problems (no
/// adapter, refused URL) are reported by a queued failed(), so callers may
/// connect after start().
///
/// Backpressure: the reply's read buffer is bounded and at most
/// maxBytesPerTurn bytes are decoded per event-loop turn; pause() stops
/// reading altogether (the bounded buffers fill and TCP pushes back on the
/// server), so memory stays flat however fast the server sends. While
/// paused the idle and first-byte timers are suspended (the total one is not).
class StreamSession : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Streaming, Finished, Failed, Cancelled };
    Q_ENUM(State)

    explicit StreamSession(RequestFactory *factory, QObject *parent = nullptr);
    ~StreamSession() override;

    void setOptions(const StreamOptions &options) { m_options = options; }
    const StreamOptions &options() const { return m_options; }

    /// Starts the request. The API key is only handed to the request factory.
    void start(const ChatRequest &request, const ProviderConfig &config, const QString &apiKey);
    /// Aborts at once; ends with finished(Cancelled), the partial intact. No-op once ended.
    void cancel();
    /// Stops/restarts reading from the network (consumer-driven backpressure).
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Connecting || m_state == State::Streaming; }
    /// The message received so far (complete after finished()).
    const MessageAccumulator &partial() const { return m_partial; }
    const StreamStats &stats() const { return m_stats; }
    int httpStatus() const { return m_httpStatus; }
    /// Response headers, names lower-case.
    const QList<QPair<QByteArray, QByteArray>> &responseHeaders() const { return m_headers; }
    /// The failure, after failed().
    const StreamFailure &failure() const { return m_failure; }

Q_SIGNALS:
    /// A 2xx response arrived; the body follows.
    void started();
    /// Every decoded event, before the specific signal below.
    void eventReceived(const StreamEvent &event);
    void textDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void toolCallDelta(int index, const QString &id, const QString &name, const QString &argumentsFragment);
    void usage(qint64 inputTokens, qint64 outputTokens);
    void keepAlive();
    void finished(FinishReason reason, const QString &rawReason);
    void failed(const StreamFailure &failure);

private:
    void onMetaData();
    void onReadyRead();
    void onReplyFinished();
    void onPhaseTimer();
    bool processBytes(qint64 budget); ///< false: the stream ended (or this was deleted)
    bool dispatch(const QList<StreamEvent> &events);
    void armPhaseTimer();
    void endWithFailure(StreamFailure::Local local, const QString &detail);
    void endFailure(StreamFailure failure);
    void endFinished(FinishReason reason, const QString &raw);
    void releaseReply();
    StreamFailure baseFailure(StreamFailure::Local local, const QString &detail) const;

    enum class Phase { Connect, FirstByte, Idle };

    RequestFactory *m_factory;
    StreamOptions m_options;
    std::unique_ptr<ProviderAdapter> m_adapter;
    QPointer<QNetworkReply> m_reply;
    State m_state = State::Idle;
    Phase m_phase = Phase::Connect;
    MessageAccumulator m_partial;
    StreamStats m_stats;
    StreamFailure m_failure;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QStringList m_secrets;      ///< the API key, for redaction only
    QByteArray m_errorBody;     ///< bounded body of a >= 400 response
    int m_httpStatus = 0;
    qint64 m_bytes = 0;
    qint64 m_tokens = 0;
    qint64 m_lastActivityMs = 0;
    bool m_paused = false;
    bool m_processQueued = false;
    QElapsedTimer m_clock;
    QTimer m_phaseTimer;
    QTimer m_totalTimer;
    QList<StreamEvent> m_events; ///< scratch, reused per turn
};
