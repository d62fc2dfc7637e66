// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "resilientbackend.h"

#include "secrets/redact.h"
#include "util/logging.h"

ResilientBackend::ResilientBackend(RequestFactory *factory, CircuitBreakerRegistry *breakers, ErrorMetrics *metrics,
                                   const QList<ProviderTarget> &targets, const ResilienceOptions &options)
    : m_factory(factory), m_breakers(breakers), m_metrics(metrics), m_targets(targets), m_options(options)
{
}

QString ResilientBackend::targetModel(const ProviderTarget &target)
{
    return target.model.isEmpty() ? target.config.defaultModel : target.model;
}

QStringList ResilientBackend::models() const
{
    QStringList out;
    for (const ProviderTarget &t : m_targets) {
        const QString m = targetModel(t);
        if (!m.isEmpty() && !out.contains(m))
            out.append(m);
    }
    return out;
}

BackendStream *ResilientBackend::createStream(const ChatRequest &request, QObject *parent)
{
    QList<ProviderTarget> chain = m_targets;
    // The requested model's target first; the others stay as fallbacks.
    for (qsizetype i = 1; i < chain.size(); ++i) {
        if (targetModel(chain.at(i)) == request.options.model) {
            chain.move(i, 0);
            break;
        }
    }
    ChatRequest upstream = request;
    upstream.options.model = targetModel(chain.constFirst());
    auto *rs = new ResilientStream(m_factory, m_breakers, m_metrics);
    rs->setOptions(m_options);
    rs->setFallbacks(chain.mid(1));
    return new ResilientBackendStream(rs, upstream, chain.constFirst(), parent);
}

ApiError ResilientBackend::toApiError(const StreamError &e)
{
    QString type;
    switch (e.kind) {
    case StreamError::Kind::RateLimit:
    case StreamError::Kind::Quota: type = QStringLiteral("rate_limit_error"); break;
    case StreamError::Kind::InvalidRequest:
    case StreamError::Kind::ContextLength:
    case StreamError::Kind::NotFound: type = QStringLiteral("invalid_request_error"); break;
    case StreamError::Kind::Timeout: type = QStringLiteral("timeout"); break;
    default: type = QStringLiteral("upstream_error"); break;
    }
    const QString code = e.providerCode.isEmpty() ? streamErrorKindName(e.kind) : e.providerCode;
    return ApiError::upstream(e.httpStatus, type, code,
                              Redact::redactSecrets(QStringLiteral("Upstream provider failed: %1").arg(e.displayText())));
}

ResilientBackendStream::ResilientBackendStream(ResilientStream *stream, const ChatRequest &request,
                                               const ProviderTarget &primary, QObject *parent)
    : BackendStream(parent), m_stream(stream), m_request(request), m_primary(primary)
{
    m_stream->setParent(this);
    connect(m_stream, &ResilientStream::textDelta, this,
            [this](const QString &t) { Q_EMIT event(StreamEvent::textDelta(t)); });
    connect(m_stream, &ResilientStream::thinkingDelta, this,
            [this](const QString &t) { Q_EMIT event(StreamEvent::thinkingDelta(t)); });
    connect(m_stream, &ResilientStream::toolCallDelta, this,
            [this](int index, const QString &id, const QString &name, const QString &args) {
                Q_EMIT event(StreamEvent::toolCallDelta(index, id, name, args));
            });
    connect(m_stream, &ResilientStream::usage, this, [this](qint64 in, qint64 out) {
        StreamEvent e;
        e.type = StreamEvent::Type::Usage;
        e.inputTokens = in;
        e.outputTokens = out;
        Q_EMIT event(e);
    });
    connect(m_stream, &ResilientStream::gaveUp, this, [this](const StreamError &e) { m_lastError = e; });
    connect(m_stream, &ResilientStream::retryScheduled, this,
            [](int attempt, int max, qint64 delayMs, const StreamError &e) {
                qCInfo(lcServer) << "upstream retry" << attempt << "/" << max << "in" << delayMs << "ms:" << e.message;
            });
    connect(m_stream, &ResilientStream::finished, this, &ResilientBackendStream::onFinished);
}

void ResilientBackendStream::start()
{
    m_stream->start(m_request, m_primary);
}

void ResilientBackendStream::cancel()
{
    m_cancelled = true;
    m_stream->cancel();
}

void ResilientBackendStream::onFinished(FinishReason reason)
{
    if (m_cancelled || reason == FinishReason::Cancelled)
        return;
    if (reason == FinishReason::Error || reason == FinishReason::None) {
        StreamError e = m_lastError;
        if (e.message.isEmpty())
            e.message = QStringLiteral("the upstream stream ended without an answer");
        Q_EMIT failed(ResilientBackend::toApiError(e));
        return;
    }
    StreamEvent fin;
    fin.type = StreamEvent::Type::Finish;
    fin.finishReason = reason;
    fin.rawFinishReason = m_stream->message().rawFinishReason();
    Q_EMIT event(fin);
    Q_EMIT completed();
}
