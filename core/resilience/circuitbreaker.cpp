// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "circuitbreaker.h"

#include "util/logging.h"

#include <QElapsedTimer>
#include <algorithm>
#include <memory>

ResilienceClock steadyResilienceClock()
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    return [timer] { return timer->elapsed(); };
}

CircuitBreaker::CircuitBreaker(const QString &endpoint, const Config &config, ResilienceClock clock, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_config(config)
    , m_clock(clock ? std::move(clock) : steadyResilienceClock())
{
    m_config.failureThreshold = std::max(1, m_config.failureThreshold);
    m_config.cooldownMs = std::max<qint64>(0, m_config.cooldownMs);
}

qint64 CircuitBreaker::msUntilProbe() const
{
    if (m_state != State::Open)
        return 0;
    return std::max<qint64>(0, m_openedAt + m_config.cooldownMs - m_clock());
}

bool CircuitBreaker::allowRequest()
{
    switch (m_state) {
    case State::Closed:
        return true;
    case State::Open:
        if (m_clock() - m_openedAt < m_config.cooldownMs)
            return false;
        setState(State::HalfOpen);
        m_probeOut = true;
        return true;
    case State::HalfOpen:
        if (m_probeOut)
            return false;
        m_probeOut = true;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess()
{
    m_failures = 0;
    m_probeOut = false;
    setState(State::Closed);
}

void CircuitBreaker::recordFailure()
{
    ++m_failures;
    m_probeOut = false;
    if (m_state == State::HalfOpen || (m_state == State::Closed && m_failures >= m_config.failureThreshold)) {
        m_openedAt = m_clock();
        setState(State::Open);
    }
}

QString CircuitBreaker::stateName(State state)
{
    switch (state) {
    case State::Closed: return QStringLiteral("closed");
    case State::Open: return QStringLiteral("open");
    case State::HalfOpen: return QStringLiteral("half_open");
    }
    return {};
}

void CircuitBreaker::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcResilience) << "circuit for" << m_endpoint << "is now" << stateName(state);
    Q_EMIT stateChanged(state);
}

CircuitBreakerRegistry::CircuitBreakerRegistry(const CircuitBreaker::Config &config, ResilienceClock clock, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_clock(clock ? std::move(clock) : steadyResilienceClock())
{
}

CircuitBreaker *CircuitBreakerRegistry::breakerFor(const QString &endpoint)
{
    auto it = m_breakers.constFind(endpoint);
    if (it != m_breakers.constEnd())
        return it.value();
    auto *breaker = new CircuitBreaker(endpoint, m_config, m_clock, this);
    connect(breaker, &CircuitBreaker::stateChanged, this,
            [this, endpoint](CircuitBreaker::State s) { Q_EMIT breakerStateChanged(endpoint, s); });
    m_breakers.insert(endpoint, breaker);
    return breaker;
}
