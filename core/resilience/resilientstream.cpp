// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "resilientstream.h"

#include "resilience/circuitbreaker.h"
#include "resilience/errormetrics.h"
#include "resilience/resumemethod.h"
#include "util/logging.h"

#include <algorithm>
#include <limits>

using Kind = StreamError::Kind;

namespace {

// Failures that say something about the endpoint's health.
bool countsForBreaker(Kind kind)
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimit:
    case Kind::Overloaded:
    case Kind::Server:
    case Kind::Malformed:
    case Kind::Unknown:
        return true;
    default:
        return false;
    }
}

} // namespace

ResilientStream::ResilientStream(RequestFactory *factory, CircuitBreakerRegistry *breakers, ErrorMetrics *metrics,
                                 QObject *parent)
    : QObject(parent)
    , m_factory(factory)
    , m_breakers(breakers)
    , m_metrics(metrics)
{
    m_backoff.setSingleShot(true);
    connect(&m_backoff, &QTimer::timeout, this, &ResilientStream::startAttempt);
}

ResilientStream::~ResilientStream()
{
    dropSession();
}

void ResilientStream::start(const ChatRequest &request, const ProviderTarget &primary)
{
    startContinuation(request, primary, QString());
}

void ResilientStream::startContinuation(const ChatRequest &request, const ProviderTarget &primary,
                                        const QString &partialText, const QString &partialThinking)
{
    dropSession();
    m_backoff.stop();
    m_request = request;
    m_request.continuation = ContinuationMode::None;
    m_request.continuationPartial.clear();
    m_primary = primary;
    m_policy.emplace(m_options.retry, m_options.seed ? *m_options.seed : QRandomGenerator::global()->generate64());
    m_message = MessageAccumulator();
    // A seeded partial makes the first attempt a resume (startAttempt()).
    // Without text the attempt starts over, so thinking is not kept either.
    if (!partialText.isEmpty()) {
        if (!partialThinking.isEmpty())
            m_message.add(StreamEvent::thinkingDelta(partialThinking));
        m_message.add(StreamEvent::textDelta(partialText));
    }
    m_errors.clear();
    m_fallbackUsed.clear();
    m_mode = ContinuationMode::None;
    m_providerIndex = 0;
    m_providerAttempts = 0;
    m_totalAttempts = 0;
    m_resumes = 0;
    m_running = true;
    startAttempt();
}

const ProviderTarget &ResilientStream::target() const
{
    return m_providerIndex == 0 ? m_primary : m_fallbacks.at(m_providerIndex - 1);
}

QString ResilientStream::targetModel() const
{
    const ProviderTarget &t = target();
    if (!t.model.isEmpty())
        return t.model;
    if (m_providerIndex == 0 && !m_request.options.model.isEmpty())
        return m_request.options.model;
    return t.config.defaultModel;
}

QString ResilientStream::breakerKey() const
{
    return target().config.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
}

void ResilientStream::startAttempt()
{
    if (!m_running)
        return;
    dropSession();
    if (m_breakers && !m_breakers->breakerFor(breakerKey())->allowRequest()) {
        StreamError e;
        e.kind = Kind::Overloaded;
        e.action = StreamError::Action::Fallback;
        e.message = QStringLiteral("%1 is paused after repeated failures (circuit open)").arg(target().config.id);
        e.time = QDateTime::currentDateTimeUtc();
        e.afterContent = !m_message.text().isEmpty();
        m_errors.append(e);
        Q_EMIT errorOccurred(e);
        const bool canFallBack = m_providerIndex < m_fallbacks.size();
        recordMetric(e, canFallBack ? StreamError::Action::Fallback : StreamError::Action::Abort);
        if (canFallBack && moveToNextProvider())
            scheduleAttempt(0);
        else
            giveUp(e);
        return;
    }

    ChatRequest request = m_request;
    request.options.model = targetModel();
    const QString partial = m_message.text();
    m_mode = ContinuationMode::None;
    if (!partial.isEmpty()) {
        m_mode = ResumeMethod::preferred(target().config.kind, request.options.model,
                                         request.options.thinkingBudget > 0);
        if (m_mode == ContinuationMode::Prefill
            && m_prefillRejected.contains(breakerKey() + QLatin1Char('|') + request.options.model))
            m_mode = ContinuationMode::Instruction;
        request.continuation = m_mode;
        request.continuationPartial = partial;
        // Overlap removal for both methods (docs/resilience.md).
        m_stitcher.begin(partial, ResumeMethod::sentLength(m_mode, partial));
    } else {
        m_stitcher.begin({});
    }
    m_textAtAttemptStart = partial.size();

    auto *session = new StreamSession(m_factory, this);
    m_session = session;
    session->setOptions(m_options.stream);
    connect(session, &StreamSession::textDelta, this, &ResilientStream::onSessionText);
    connect(session, &StreamSession::thinkingDelta, this, [this](const QString &t) {
        m_message.add(StreamEvent::thinkingDelta(t));
        Q_EMIT thinkingDelta(t);
    });
    connect(session, &StreamSession::toolCallDelta, this,
            [this](int index, const QString &id, const QString &name, const QString &args) {
                m_message.add(StreamEvent::toolCallDelta(index, id, name, args));
                Q_EMIT toolCallDelta(index, id, name, args);
            });
    connect(session, &StreamSession::usage, this, [this](qint64 in, qint64 out) {
        StreamEvent e;
        e.type = StreamEvent::Type::Usage;
        e.inputTokens = in;
        e.outputTokens = out;
        m_message.add(e);
        Q_EMIT usage(in, out);
    });
    connect(session, &StreamSession::keepAlive, this, &ResilientStream::keepAlive);
    connect(session, &StreamSession::finished, this, &ResilientStream::onSessionFinished);
    connect(session, &StreamSession::failed, this, &ResilientStream::onSessionFailed);

    ++m_totalAttempts;
    ++m_providerAttempts;
    qCDebug(lcResilience).nospace() << "attempt " << m_totalAttempts << " to " << target().config.id
                                   << (partial.isEmpty() ? "" : " (resuming)");
    Q_EMIT attemptStarted(m_totalAttempts);
    if (!partial.isEmpty()) {
        ++m_resumes;
        Q_EMIT resumed(int(partial.size()));
    }
    session->start(request, target().config, target().apiKey);
}

void ResilientStream::onSessionText(const QString &text)
{
    const QString out = m_stitcher.feed(text);
    if (out.isEmpty())
        return;
    m_message.add(StreamEvent::textDelta(out));
    Q_EMIT textDelta(out);
}

void ResilientStream::onSessionFinished(FinishReason reason, const QString &raw)
{
    if (reason == FinishReason::Cancelled) {
        finish(FinishReason::Cancelled);
        return;
    }
    const QString rest = m_stitcher.flush();
    if (!rest.isEmpty()) {
        m_message.add(StreamEvent::textDelta(rest));
        Q_EMIT textDelta(rest);
    }
    if (m_breakers)
        m_breakers->breakerFor(breakerKey())->recordSuccess();
    StreamEvent e;
    e.type = StreamEvent::Type::Finish;
    e.finishReason = reason;
    e.rawFinishReason = raw;
    m_message.add(e);
    finish(reason);
}

void ResilientStream::onSessionFailed(const StreamFailure &failure)
{
    StreamError error = StreamError::fromFailure(failure, QDateTime::currentDateTimeUtc(), {target().apiKey});
    // What the user has, not what this attempt alone received.
    error.afterContent = !m_message.text().isEmpty() || !m_message.toolCalls().isEmpty();
    if (error.retryable)
        error.action = error.afterContent ? StreamError::Action::Resume : StreamError::Action::Retry;
    handleError(error);
}

void ResilientStream::handleError(const StreamError &error)
{
    dropSession();
    m_errors.append(error);
    qCDebug(lcResilience).noquote() << "attempt" << m_totalAttempts << "failed:" << streamErrorKindName(error.kind)
                                   << error.displayText();
    Q_EMIT errorOccurred(error);
    if (error.kind == Kind::Cancelled) {
        finish(FinishReason::Cancelled);
        return;
    }
    if (m_breakers && countsForBreaker(error.kind))
        m_breakers->breakerFor(breakerKey())->recordFailure();
    // Progress since the attempt started resets the per-provider count.
    if (m_message.text().size() > m_textAtAttemptStart)
        m_providerAttempts = 1;
    // Never resume half-written tool-call JSON: drop the calls, keep the text.
    if (!m_message.toolCalls().isEmpty())
        discardToolCalls();

    if (error.prefillRejected && m_mode == ContinuationMode::Prefill) {
        m_prefillRejected.insert(breakerKey() + QLatin1Char('|') + targetModel());
        recordMetric(error, StreamError::Action::Resume);
        Q_EMIT retryScheduled(m_providerAttempts + 1, m_policy->config().maxAttempts, 0, error);
        scheduleAttempt(0);
        return;
    }

    const RetryPolicy::Decision d = m_policy->decide(error, m_providerAttempts);
    if (d.retry && m_totalAttempts < m_options.maxTotalAttempts) {
        const bool resume = !m_message.text().isEmpty();
        recordMetric(error, resume ? StreamError::Action::Resume : StreamError::Action::Retry);
        Q_EMIT retryScheduled(m_providerAttempts + 1, m_policy->config().maxAttempts, d.delayMs, error);
        scheduleAttempt(d.delayMs);
        return;
    }
    const bool fallbackHelps = error.retryable || d.waitTooLong || error.action == StreamError::Action::Fallback;
    if (fallbackHelps && m_totalAttempts < m_options.maxTotalAttempts && m_providerIndex < m_fallbacks.size()) {
        recordMetric(error, StreamError::Action::Fallback);
        moveToNextProvider();
        scheduleAttempt(0);
        return;
    }
    recordMetric(error, StreamError::Action::Abort);
    StreamError final = error;
    if (d.waitTooLong || !d.reason.isEmpty())
        final.message = d.reason.isEmpty() ? error.message : d.reason;
    giveUp(final);
}

bool ResilientStream::moveToNextProvider()
{
    if (m_providerIndex >= m_fallbacks.size())
        return false;
    ++m_providerIndex;
    m_providerAttempts = 0;
    m_fallbackUsed = target().config.id;
    qCDebug(lcResilience) << "falling back to" << m_fallbackUsed;
    Q_EMIT fallbackUsed(m_fallbackUsed);
    return true;
}

void ResilientStream::scheduleAttempt(qint64 delayMs)
{
    m_backoff.start(int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max())));
}

void ResilientStream::retryNow()
{
    if (m_running && m_backoff.isActive()) {
        m_backoff.stop();
        startAttempt();
    }
}

void ResilientStream::cancel()
{
    if (!m_running)
        return;
    m_backoff.stop();
    dropSession();
    finish(FinishReason::Cancelled);
}

void ResilientStream::dropSession()
{
    if (!m_session)
        return;
    StreamSession *s = m_session;
    m_session = nullptr;
    s->disconnect(this);
    s->cancel();
    s->deleteLater();
}

void ResilientStream::discardToolCalls()
{
    MessageAccumulator kept;
    if (!m_message.thinking().isEmpty())
        kept.add(StreamEvent::thinkingDelta(m_message.thinking()));
    if (!m_message.text().isEmpty())
        kept.add(StreamEvent::textDelta(m_message.text()));
    m_message = kept;
    Q_EMIT toolCallsDiscarded();
}

void ResilientStream::giveUp(const StreamError &error)
{
    qCDebug(lcResilience).noquote() << "giving up:" << error.displayText();
    Q_EMIT gaveUp(error);
    finish(FinishReason::Error);
}

void ResilientStream::finish(FinishReason reason)
{
    if (!m_running)
        return;
    m_running = false;
    m_backoff.stop();
    dropSession();
    Q_EMIT finished(reason);
}

void ResilientStream::recordMetric(const StreamError &error, StreamError::Action action)
{
    if (m_metrics)
        m_metrics->record(ErrorRecord::from(error, target().config.id, targetModel(), action));
}
