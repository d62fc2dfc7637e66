// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "resilience/streamerror.h"

#include <QRandomGenerator>

/// Knobs of the retry policy (see docs/resilience.md).
struct RetryConfig {
    int maxAttempts = 4;              ///< attempts per provider, the first one included (>= 1)
    qint64 baseDelayMs = 500;         ///< backoff before the first retry, before jitter
    qint64 maxDelayMs = 8000;         ///< backoff ceiling, before jitter
    qint64 retryAfterCapMs = 120000;  ///< a server-requested wait above this is not waited out
};

/// Decides whether and when to try again after a StreamError.
///
/// Backoff for retry number n (n = 0 for the first retry):
///
///     delay(n) = min(base * 2^n, max) * (1 - 0.25 * U),   U uniform in [0, 1)
///
/// i.e. the official SDKs' jitter: uniform in (0.75 d, d]. A server wait
/// (retry-after-ms / retry-after) replaces the backoff when it is within
/// retryAfterCapMs; above the cap the policy does not retry and reports the
/// wait instead. U comes from a generator seeded at construction, so a seeded
/// policy gives the same delays every run.
class RetryPolicy
{
public:
    struct Decision {
        bool retry = false;
        qint64 delayMs = 0;          ///< wait before the next attempt (when retry)
        bool fromRetryAfter = false; ///< delayMs is the server's requested wait
        bool waitTooLong = false;    ///< the server asked for more than the cap: no retry
        qint64 requestedWaitMs = -1; ///< the server's requested wait, when given
        QString reason;              ///< why not, in plain words (when !retry)
    };

    explicit RetryPolicy(const RetryConfig &config = {});
    RetryPolicy(const RetryConfig &config, quint64 seed);

    const RetryConfig &config() const { return m_config; }

    /// attemptsMade: attempts already sent to this provider, the failed one
    /// included (>= 1). Consumes one random number when it backs off.
    Decision decide(const StreamError &error, int attemptsMade);

    /// The jittered backoff before retry number n (0-based). Consumes one
    /// random number.
    qint64 backoffMs(int retryIndex);
    /// The backoff ceiling for retry n, before jitter: min(base * 2^n, max).
    qint64 ceilingMs(int retryIndex) const;

    /// A wait in words: "2.0 s", "12 min", "3 h 20 min".
    static QString formatWait(qint64 ms);

private:
    RetryConfig m_config;
    QRandomGenerator m_random;
};
