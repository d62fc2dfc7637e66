// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "net/streamsession.h"
#include "protocol/chatrequest.h"
#include "protocol/messageaccumulator.h"
#include "resilience/retrypolicy.h"
#include "resilience/stitcher.h"
#include "resilience/streamerror.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <optional>

class CircuitBreakerRegistry;
class ErrorMetrics;
class RequestFactory;

/// One provider the stream may use: where, with which key and model.
struct ProviderTarget {
    ProviderConfig config;
    QString apiKey;   ///< handed only to the request factory; never logged
    QString model;    ///< empty: the request's model, else config.defaultModel
};

struct ResilienceOptions {
    RetryConfig retry;
    std::optional<quint64> seed; ///< set: deterministic jitter (tests, --seed)
    StreamOptions stream;        ///< timeouts and limits of each attempt
    int maxTotalAttempts = 32;   ///< hard bound over all providers and resumes
};

/// Streams one answer and climbs the recovery ladder when it fails:
///  1. resume from the partial answer (failure after content),
///  2. retry from the beginning (failure before content),
///  3. fall back to the next provider in the chain (retries exhausted,
///     circuit open, or a provider-specific error such as quota),
///  4. give up and keep the partial answer (gaveUp()),
///  5. abort (nothing received).
/// One StreamSession per attempt; a resumed attempt's text is stitched onto
/// the partial (Stitcher), so the signals below carry the answer without lost
/// or repeated text. An explicit state machine: no recursion.
class ResilientStream : public QObject
{
    Q_OBJECT
public:
    /// breakers and metrics may be null.
    ResilientStream(RequestFactory *factory, CircuitBreakerRegistry *breakers, ErrorMetrics *metrics,
                    QObject *parent = nullptr);
    ~ResilientStream() override;

    void setOptions(const ResilienceOptions &options) { m_options = options; }
    const ResilienceOptions &options() const { return m_options; }
    /// Providers to fall back to, in order, after the primary.
    void setFallbacks(const QList<ProviderTarget> &fallbacks) { m_fallbacks = fallbacks; }

    void start(const ChatRequest &request, const ProviderTarget &primary);
    /// Continues an answer that already has partialText (e.g. a stored,
    /// interrupted message): the first attempt is already a resume request,
    /// built and stitched exactly like the stream's own resumes (prefill or
    /// instruction per provider/model, trailing whitespace trimmed and
    /// restored, overlap removed). textDelta() carries only the continuation;
    /// message() holds the whole answer, seeded with partialText and
    /// partialThinking. Half-written tool calls are never resumed (see the
    /// ladder), so none are seeded: the turn continues from the text. With
    /// an empty partialText this is start() (the thinking is not kept).
    void startContinuation(const ChatRequest &request, const ProviderTarget &primary, const QString &partialText,
                           const QString &partialThinking = {});
    /// Stops at once (also during a backoff wait); finished(Cancelled), partial kept.
    void cancel();

    bool isRunning() const { return m_running; }
    /// The answer so far: stitched text, thinking, tool calls, usage, finish.
    const MessageAccumulator &message() const { return m_message; }
    int attempts() const { return m_totalAttempts; }
    int resumes() const { return m_resumes; }
    /// The fallback provider's id, empty when the primary answered.
    QString fallbackProvider() const { return m_fallbackUsed; }
    /// Every error met, in order.
    const QList<StreamError> &errors() const { return m_errors; }
    /// True when the stream ended without a complete answer.
    bool isPartial() const { return !m_message.isComplete(); }
    /// The continuation method of the current/last attempt.
    ContinuationMode lastContinuationMode() const { return m_mode; }

public Q_SLOTS:
    /// Skips the current backoff wait.
    void retryNow();

Q_SIGNALS:
    /// Attempt n (1-based, over all providers) was sent.
    void attemptStarted(int attempt);
    /// A retry or resume will be sent in delayMs; attempt counts per provider.
    void retryScheduled(int attempt, int maxAttempts, qint64 delayMs, const StreamError &error);
    /// A continuation request started; charsKept characters of answer are kept.
    void resumed(int charsKept);
    /// Switched to another provider (its id).
    void fallbackUsed(const QString &provider);
    /// An interrupted tool call was dropped; the turn restarts from the text.
    void toolCallsDiscarded();
    /// No more recovery; the partial answer is kept (message()).
    void gaveUp(const StreamError &error);
    /// Every error, as it happens (before any retry/fallback/giving up).
    void errorOccurred(const StreamError &error);

    void textDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void toolCallDelta(int index, const QString &id, const QString &name, const QString &argumentsFragment);
    void usage(qint64 inputTokens, qint64 outputTokens);
    void keepAlive();
    /// The end: Stop/Length/ToolCalls/ContentFilter, Cancelled, or Error (after gaveUp()).
    void finished(FinishReason reason);

private:
    enum class Next { Retry, Fallback, GiveUp };

    void startAttempt();
    void onSessionText(const QString &text);
    void onSessionFinished(FinishReason reason, const QString &raw);
    void onSessionFailed(const StreamFailure &failure);
    void handleError(const StreamError &error);
    bool moveToNextProvider();
    void scheduleAttempt(qint64 delayMs);
    void dropSession();
    void discardToolCalls();
    void giveUp(const StreamError &error);
    void finish(FinishReason reason);
    void recordMetric(const StreamError &error, StreamError::Action action);
    const ProviderTarget &target() const;
    QString targetModel() const;
    QString breakerKey() const;

    RequestFactory *m_factory;
    CircuitBreakerRegistry *m_breakers;
    ErrorMetrics *m_metrics;
    ResilienceOptions m_options;
    std::optional<RetryPolicy> m_policy;
    QList<ProviderTarget> m_fallbacks;
    ProviderTarget m_primary;
    ChatRequest m_request;
    QPointer<StreamSession> m_session;
    QTimer m_backoff;
    MessageAccumulator m_message;
    Stitcher m_stitcher;
    QList<StreamError> m_errors;
    QSet<QString> m_prefillRejected; ///< breakerKey + model
    QString m_fallbackUsed;
    ContinuationMode m_mode = ContinuationMode::None;
    int m_providerIndex = 0;         ///< 0: primary, i: m_fallbacks[i - 1]
    int m_providerAttempts = 0;      ///< attempts on this provider since the last progress
    int m_totalAttempts = 0;
    int m_resumes = 0;
    qsizetype m_textAtAttemptStart = 0;
    bool m_running = false;
};
