// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "retrypolicy.h"

#include <QtMath>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <random>

RetryPolicy::RetryPolicy(const RetryConfig &config)
    : RetryPolicy(config, QRandomGenerator::global()->generate64())
{
}

RetryPolicy::RetryPolicy(const RetryConfig &config, quint64 seed)
    : m_config(config)
{
    const quint32 seeds[2] = {quint32(seed), quint32(seed >> 32)};
    std::seed_seq sequence(std::begin(seeds), std::end(seeds));
    m_random.seed(sequence);
    m_config.maxAttempts = std::max(1, m_config.maxAttempts);
    m_config.baseDelayMs = std::max<qint64>(0, m_config.baseDelayMs);
    m_config.maxDelayMs = std::max(m_config.baseDelayMs, m_config.maxDelayMs);
    m_config.retryAfterCapMs = std::max<qint64>(0, m_config.retryAfterCapMs);
}

qint64 RetryPolicy::ceilingMs(int retryIndex) const
{
    const int n = std::clamp(retryIndex, 0, 40);
    const double d = double(m_config.baseDelayMs) * std::pow(2.0, n);
    return qint64(std::min(d, double(m_config.maxDelayMs)));
}

qint64 RetryPolicy::backoffMs(int retryIndex)
{
    const double u = m_random.generateDouble(); // [0, 1)
    return qint64(std::llround(double(ceilingMs(retryIndex)) * (1.0 - 0.25 * u)));
}

RetryPolicy::Decision RetryPolicy::decide(const StreamError &error, int attemptsMade)
{
    Decision d;
    d.requestedWaitMs = error.retryAfterMs;
    if (!error.retryable) {
        d.reason = error.message;
        return d;
    }
    if (attemptsMade >= m_config.maxAttempts) {
        d.reason = QStringLiteral("gave up after %1 attempts: %2").arg(attemptsMade).arg(error.message);
        return d;
    }
    if (error.retryAfterMs > m_config.retryAfterCapMs) {
        d.waitTooLong = true;
        d.reason = QStringLiteral("%1; the provider asks to wait %2").arg(error.message, formatWait(error.retryAfterMs));
        return d;
    }
    d.retry = true;
    if (error.retryAfterMs >= 0) {
        d.delayMs = error.retryAfterMs;
        d.fromRetryAfter = true;
    } else {
        d.delayMs = backoffMs(attemptsMade - 1);
    }
    return d;
}

QString RetryPolicy::formatWait(qint64 ms)
{
    if (ms < 60'000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
    const qint64 totalMin = (ms + 59'999) / 60'000;
    if (totalMin < 60)
        return QStringLiteral("%1 min").arg(totalMin);
    return QStringLiteral("%1 h %2 min").arg(totalMin / 60).arg(totalMin % 60);
}
