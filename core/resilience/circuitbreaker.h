// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

/// A monotonic clock in milliseconds; injectable for tests.
using ResilienceClock = std::function<qint64()>;
/// The default clock (QElapsedTimer-based, monotonic).
ResilienceClock steadyResilienceClock();

/// Stops sending requests to an endpoint that keeps failing.
///
/// Closed: requests pass; after failureThreshold consecutive failures it
/// opens. Open: requests are refused until cooldownMs has passed, then the
/// next allowRequest() lets one probe through (HalfOpen). HalfOpen: a success
/// closes it, a failure opens it again for another cooldown; other requests
/// are refused while the probe is out.
class CircuitBreaker : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString endpoint READ endpoint CONSTANT)
public:
    enum class State { Closed, Open, HalfOpen };
    Q_ENUM(State)

    struct Config {
        int failureThreshold = 5;
        qint64 cooldownMs = 30'000;
    };

    CircuitBreaker(const QString &endpoint, const Config &config, ResilienceClock clock, QObject *parent = nullptr);

    QString endpoint() const { return m_endpoint; }
    State state() const { return m_state; }
    int consecutiveFailures() const { return m_failures; }
    /// Milliseconds until an open breaker lets a probe through (0 when not open).
    qint64 msUntilProbe() const;

    /// True if a request may be sent now. In Open, once the cooldown has
    /// passed, moves to HalfOpen and admits exactly one probe.
    bool allowRequest();
    void recordSuccess();
    void recordFailure();

    /// "closed", "open", "half_open".
    static QString stateName(State state);

Q_SIGNALS:
    void stateChanged(CircuitBreaker::State state);

private:
    void setState(State state);

    QString m_endpoint;
    Config m_config;
    ResilienceClock m_clock;
    State m_state = State::Closed;
    int m_failures = 0;
    qint64 m_openedAt = 0;
    bool m_probeOut = false;
};

/// One CircuitBreaker per provider endpoint. Created once (in main) and
/// passed to whoever streams.
class CircuitBreakerRegistry : public QObject
{
    Q_OBJECT
public:
    explicit CircuitBreakerRegistry(const CircuitBreaker::Config &config = {}, ResilienceClock clock = {},
                                    QObject *parent = nullptr);

    /// The breaker for an endpoint key (e.g. the base URL), created on first use.
    CircuitBreaker *breakerFor(const QString &endpoint);
    QList<CircuitBreaker *> breakers() const { return m_breakers.values(); }

Q_SIGNALS:
    void breakerStateChanged(const QString &endpoint, CircuitBreaker::State state);

private:
    CircuitBreaker::Config m_config;
    ResilienceClock m_clock;
    QHash<QString, CircuitBreaker *> m_breakers;
};
