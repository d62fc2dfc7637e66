// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "streamsession.h"

#include "net/requestfactory.h"
#include "secrets/redact.h"
#include "util/logging.h"

#include <QNetworkReply>
#include <limits>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 ReadChunk = 16 * 1024;

bool isSuccess(int status) { return status >= 200 && status < 300; }
} // namespace

StreamSession::StreamSession(RequestFactory *factory, QObject *parent)
    : QObject(parent), m_factory(factory)
{
    m_phaseTimer.setSingleShot(true);
    m_totalTimer.setSingleShot(true);
    connect(&m_phaseTimer, &QTimer::timeout, this, &StreamSession::onPhaseTimer);
    connect(&m_totalTimer, &QTimer::timeout, this, [this] {
        endWithFailure(StreamFailure::Local::TotalTimeout,
                       u"the stream exceeded the total timeout of %1 ms"_s.arg(m_options.totalTimeoutMs));
    });
}

StreamSession::~StreamSession()
{
    releaseReply();
}

void StreamSession::start(const ChatRequest &request, const ProviderConfig &config, const QString &apiKey)
{
    if (m_state != State::Idle) {
        qCWarning(lcNet) << "StreamSession::start called twice; a session runs one attempt";
        return;
    }
    m_clock.start();
    m_stats.start(0);
    m_state = State::Connecting;
    if (!apiKey.isEmpty())
        m_secrets = {apiKey};

    auto failEarly = [this](const QString &detail) {
        StreamFailure f = baseFailure(StreamFailure::Local::None, detail);
        f.networkError = QNetworkReply::ProtocolUnknownError;
        m_state = State::Failed;
        m_failure = f;
        qCWarning(lcNet) << "stream not started:" << f.detail;
        QMetaObject::invokeMethod(this, [this, f] { Q_EMIT failed(f); }, Qt::QueuedConnection);
    };

    m_adapter = ProviderAdapter::create(config.kind);
    if (!m_adapter) {
        failEarly(u"the %1 provider is not available in this build"_s.arg(providerKindName(config.kind)));
        return;
    }
    const HttpRequestSpec spec = m_adapter->buildRequest(request, config);
    const auto auth = apiKey.isEmpty() ? QPair<QByteArray, QByteArray>() : m_adapter->authHeader(apiKey);
    QNetworkRequest netRequest;
    QString error;
    if (!m_factory->streamRequest(spec, auth, &netRequest, &error)) {
        failEarly(error);
        return;
    }
    qCDebug(lcNet) << "stream start" << providerKindName(config.kind) << spec.url.toDisplayString(QUrl::RemoveUserInfo);
    QNetworkReply *reply = m_factory->post(netRequest, spec.body);
    m_reply = reply;
    reply->setReadBufferSize(m_options.readBufferBytes);
    connect(reply, &QNetworkReply::metaDataChanged, this, &StreamSession::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &StreamSession::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &StreamSession::onReplyFinished);
    m_phase = Phase::Connect;
    m_lastActivityMs = 0;
    armPhaseTimer();
    if (m_options.totalTimeoutMs > 0)
        m_totalTimer.start(m_options.totalTimeoutMs);
}

void StreamSession::cancel()
{
    if (!isRunning())
        return;
    m_state = State::Cancelled;
    releaseReply();
    m_stats.end(m_clock.elapsed());
    qCDebug(lcNet) << "stream cancelled after" << m_bytes << "bytes";
    Q_EMIT finished(FinishReason::Cancelled, u"cancelled"_s);
}

void StreamSession::pause()
{
    if (m_paused)
        return;
    m_paused = true;
    m_phaseTimer.stop();
}

void StreamSession::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (!isRunning())
        return;
    m_lastActivityMs = m_clock.elapsed(); // time spent paused is the consumer's, not the server's
    armPhaseTimer();
    if (!m_processQueued) {
        m_processQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_processQueued = false;
            if (!isRunning() || m_paused || !m_reply)
                return;
            if (m_reply->isFinished())
                onReplyFinished();
            else
                onReadyRead();
        }, Qt::QueuedConnection);
    }
}

void StreamSession::onMetaData()
{
    if (!m_reply || !isRunning() || m_phase != Phase::Connect)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_httpStatus = status.toInt();
    m_headers.clear();
    for (const auto &h : m_reply->rawHeaderPairs())
        m_headers.append({h.first.toLower(), h.second});
    m_phase = Phase::FirstByte;
    m_lastActivityMs = m_clock.elapsed();
    armPhaseTimer();
    if (isSuccess(m_httpStatus)) {
        m_state = State::Streaming;
        Q_EMIT started();
    }
}

void StreamSession::onReadyRead()
{
    if (m_paused || m_processQueued || !m_reply || !isRunning())
        return;
    if (m_phase == Phase::Connect)
        onMetaData();
    if (!processBytes(m_options.maxBytesPerTurn > 0 ? m_options.maxBytesPerTurn : ReadChunk))
        return;
    if (m_reply && isRunning() && !m_paused && m_reply->bytesAvailable() > 0) {
        // More is buffered: continue on the next turn so the UI stays responsive.
        m_processQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_processQueued = false;
            onReadyRead();
        }, Qt::QueuedConnection);
    }
}

bool StreamSession::processBytes(qint64 budget)
{
    QPointer<QNetworkReply> reply = m_reply;
    if (!isSuccess(m_httpStatus) && m_httpStatus != 0) {
        // An error body: keep a bounded prefix for parseErrorBody, drop the rest.
        const QByteArray bytes = reply->readAll();
        m_errorBody += bytes.left(qMax<qint64>(0, m_options.maxErrorBodyBytes - m_errorBody.size()));
        m_lastActivityMs = m_clock.elapsed();
        return true;
    }
    while (budget > 0 && reply && reply == m_reply && isRunning() && reply->bytesAvailable() > 0) {
        const QByteArray chunk = reply->read(qMin(budget, ReadChunk));
        if (chunk.isEmpty())
            break;
        budget -= chunk.size();
        m_bytes += chunk.size();
        m_stats.addBytes(chunk.size());
        m_lastActivityMs = m_clock.elapsed();
        if (m_phase != Phase::Idle) {
            m_phase = Phase::Idle;
            armPhaseTimer();
        }
        if (m_options.maxResponseBytes > 0 && m_bytes > m_options.maxResponseBytes) {
            endWithFailure(StreamFailure::Local::SizeLimit,
                           u"the response exceeded the size limit of %1 bytes"_s.arg(m_options.maxResponseBytes));
            return false;
        }
        m_events.clear();
        m_adapter->feed(chunk, m_events);
        if (!dispatch(m_events))
            return false;
        const DecodeError decode = m_adapter->decodeError();
        if (decode.isError()) {
            endWithFailure(StreamFailure::Local::Malformed, decode.message);
            return false;
        }
    }
    return isRunning();
}

bool StreamSession::dispatch(const QList<StreamEvent> &events)
{
    QPointer<StreamSession> guard(this);
    for (const StreamEvent &e : events) {
        m_partial.add(e);
        Q_EMIT eventReceived(e);
        if (!guard || !isRunning())
            return false;
        switch (e.type) {
        case StreamEvent::Type::TextDelta:
            ++m_tokens;
            m_stats.addChunk(e.text.size(), m_clock.elapsed());
            Q_EMIT textDelta(e.text);
            break;
        case StreamEvent::Type::ThinkingDelta:
            ++m_tokens;
            m_stats.addChunk(e.text.size(), m_clock.elapsed());
            Q_EMIT thinkingDelta(e.text);
            break;
        case StreamEvent::Type::ToolCallDelta:
            ++m_tokens;
            m_stats.addChunk(e.text.size(), m_clock.elapsed());
            Q_EMIT toolCallDelta(e.toolIndex, e.toolId, e.toolName, e.text);
            break;
        case StreamEvent::Type::Usage:
            m_stats.setUsage(e.inputTokens, e.outputTokens);
            Q_EMIT usage(e.inputTokens, e.outputTokens);
            break;
        case StreamEvent::Type::KeepAlive:
            Q_EMIT keepAlive();
            break;
        case StreamEvent::Type::ThinkingSignature:
            break;
        case StreamEvent::Type::Error: {
            StreamFailure f = baseFailure(StreamFailure::Local::ProviderError,
                                          u"provider error in the stream: %1"_s.arg(e.error.message));
            f.providerError = e.error;
            f.providerError.message = Redact::redactSecrets(e.error.message, m_secrets);
            endFailure(f);
            return false;
        }
        case StreamEvent::Type::Finish:
            // The terminator was seen: the answer is complete, whatever follows.
            endFinished(e.finishReason, e.rawFinishReason);
            return false;
        }
        if (!guard || !isRunning())
            return false;
    }
    return true;
}

void StreamSession::onReplyFinished()
{
    if (sender() && sender() != m_reply)
        return; // a stale reply
    if (!m_reply || !isRunning())
        return;
    if (m_paused)
        return; // resume() picks it up
    if (m_phase == Phase::Connect)
        onMetaData();
    QPointer<QNetworkReply> reply = m_reply;
    const QNetworkReply::NetworkError netError = reply->error();
    if (m_httpStatus != 0 && !isSuccess(m_httpStatus)) {
        processBytes(0);
        StreamFailure f = baseFailure(StreamFailure::Local::None, QString());
        f.networkError = netError;
        if (m_httpStatus >= 400) {
            f.providerError = m_adapter->parseErrorBody(m_httpStatus, m_errorBody);
            f.providerError.message = Redact::redactSecrets(f.providerError.message, m_secrets);
            f.detail = Redact::redactSecrets(u"HTTP %1: %2"_s.arg(m_httpStatus).arg(
                f.providerError.message.isEmpty() ? reply->errorString() : f.providerError.message), m_secrets);
        } else {
            f.detail = u"unexpected HTTP status %1 (redirects to other hosts are refused)"_s.arg(m_httpStatus);
        }
        endFailure(f);
        return;
    }
    if (!processBytes(std::numeric_limits<qint64>::max()))
        return;
    if (m_httpStatus == 0 && netError != QNetworkReply::NoError) {
        StreamFailure f = baseFailure(StreamFailure::Local::None, reply->errorString());
        f.networkError = netError;
        endFailure(f);
        return;
    }
    m_events.clear();
    m_adapter->finish(m_events);
    if (!dispatch(m_events))
        return;
    const DecodeError decode = m_adapter->decodeError();
    if (decode.isError()) {
        endWithFailure(StreamFailure::Local::Malformed, decode.message);
        return;
    }
    StreamFailure f = baseFailure(StreamFailure::Local::Truncated,
                                  netError != QNetworkReply::NoError
                                      ? u"the stream broke off before its end: %1"_s.arg(reply->errorString())
                                      : u"the response ended without the provider's end-of-stream marker"_s);
    f.networkError = netError;
    endFailure(f);
}

void StreamSession::armPhaseTimer()
{
    if (m_paused || !isRunning())
        return;
    const int timeout = m_phase == Phase::Connect     ? m_options.connectTimeoutMs
                        : m_phase == Phase::FirstByte ? m_options.firstByteTimeoutMs
                                                      : m_options.idleTimeoutMs;
    if (timeout <= 0) {
        m_phaseTimer.stop();
        return;
    }
    const qint64 remaining = m_lastActivityMs + timeout - m_clock.elapsed();
    m_phaseTimer.start(int(qBound(qint64(0), remaining, qint64(timeout))));
}

void StreamSession::onPhaseTimer()
{
    if (m_paused || !isRunning())
        return;
    const int timeout = m_phase == Phase::Connect     ? m_options.connectTimeoutMs
                        : m_phase == Phase::FirstByte ? m_options.firstByteTimeoutMs
                                                      : m_options.idleTimeoutMs;
    if (timeout > 0 && m_clock.elapsed() - m_lastActivityMs < timeout) {
        armPhaseTimer(); // bytes arrived since the timer was armed
        return;
    }
    switch (m_phase) {
    case Phase::Connect:
        endWithFailure(StreamFailure::Local::ConnectTimeout, u"no response within %1 ms"_s.arg(timeout));
        break;
    case Phase::FirstByte:
        endWithFailure(StreamFailure::Local::FirstByteTimeout, u"no data within %1 ms of the response headers"_s.arg(timeout));
        break;
    case Phase::Idle:
        endWithFailure(StreamFailure::Local::IdleTimeout, u"the stream stalled: no data for %1 ms"_s.arg(timeout));
        break;
    }
}

StreamFailure StreamSession::baseFailure(StreamFailure::Local local, const QString &detail) const
{
    StreamFailure f;
    f.local = local;
    f.httpStatus = m_httpStatus;
    f.headers = m_headers;
    f.detail = Redact::redactSecrets(detail, m_secrets);
    f.bytesReceived = m_bytes;
    f.tokensReceived = m_tokens;
    f.afterContent = m_tokens > 0;
    return f;
}

void StreamSession::endWithFailure(StreamFailure::Local local, const QString &detail)
{
    if (!isRunning())
        return;
    StreamFailure f = baseFailure(local, detail);
    if (m_reply && m_reply->error() != QNetworkReply::NoError)
        f.networkError = m_reply->error();
    endFailure(f);
}

void StreamSession::endFailure(StreamFailure failure)
{
    if (!isRunning())
        return;
    m_state = State::Failed;
    m_failure = failure;
    releaseReply();
    m_stats.end(m_clock.elapsed());
    qCDebug(lcNet) << "stream failed:" << failure.detail;
    Q_EMIT failed(m_failure);
}

void StreamSession::endFinished(FinishReason reason, const QString &raw)
{
    if (!isRunning())
        return;
    m_state = State::Finished;
    releaseReply();
    m_stats.end(m_clock.elapsed());
    qCDebug(lcNet) << "stream finished:" << raw << m_bytes << "bytes";
    Q_EMIT finished(reason, raw);
}

void StreamSession::releaseReply()
{
    m_phaseTimer.stop();
    m_totalTimer.stop();
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    disconnect(reply, nullptr, this, nullptr);
    if (!reply->isFinished())
        reply->abort();
    reply->deleteLater();
}
