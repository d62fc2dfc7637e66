// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// CircuitBreaker with an injected clock: opens, half-opens, closes.
#include "resilience/circuitbreaker.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using State = CircuitBreaker::State;

class TestCircuitBreaker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensHalfOpensCloses()
    {
        qint64 now = 1000;
        CircuitBreaker b(u"http://127.0.0.1:1"_s, {3, 5000}, [&now] { return now; });
        QSignalSpy spy(&b, &CircuitBreaker::stateChanged);
        QCOMPARE(b.state(), State::Closed);
        b.recordFailure();
        b.recordFailure();
        QCOMPARE(b.state(), State::Closed);
        QVERIFY(b.allowRequest());
        b.recordFailure();
        QCOMPARE(b.state(), State::Open);
        QCOMPARE(spy.size(), 1);
        QVERIFY(!b.allowRequest());
        QCOMPARE(b.msUntilProbe(), 5000);
        now += 4999;
        QVERIFY(!b.allowRequest());
        QCOMPARE(b.msUntilProbe(), 1);
        now += 1;
        QVERIFY(b.allowRequest()); // the probe
        QCOMPARE(b.state(), State::HalfOpen);
        QVERIFY(!b.allowRequest()); // only one probe at a time
        b.recordSuccess();
        QCOMPARE(b.state(), State::Closed);
        QCOMPARE(b.consecutiveFailures(), 0);
        QCOMPARE(spy.size(), 3);
        QCOMPARE(spy.at(1).at(0).value<State>(), State::HalfOpen);
        QCOMPARE(spy.at(2).at(0).value<State>(), State::Closed);
    }

    void failedProbeReopens()
    {
        qint64 now = 0;
        CircuitBreaker b(u"e"_s, {1, 100}, [&now] { return now; });
        b.recordFailure();
        QCOMPARE(b.state(), State::Open);
        now = 100;
        QVERIFY(b.allowRequest());
        b.recordFailure();
        QCOMPARE(b.state(), State::Open);
        QVERIFY(!b.allowRequest()); // a fresh cooldown from the failed probe
        now = 199;
        QVERIFY(!b.allowRequest());
        now = 200;
        QVERIFY(b.allowRequest());
    }

    void successResetsCount()
    {
        qint64 now = 0;
        CircuitBreaker b(u"e"_s, {2, 100}, [&now] { return now; });
        b.recordFailure();
        b.recordSuccess();
        b.recordFailure();
        QCOMPARE(b.state(), State::Closed);
    }

    void registryOnePerEndpoint()
    {
        qint64 now = 0;
        CircuitBreakerRegistry reg({1, 100}, [&now] { return now; });
        QSignalSpy spy(&reg, &CircuitBreakerRegistry::breakerStateChanged);
        CircuitBreaker *a = reg.breakerFor(u"http://127.0.0.1:1/v1"_s);
        QCOMPARE(reg.breakerFor(u"http://127.0.0.1:1/v1"_s), a);
        CircuitBreaker *b = reg.breakerFor(u"http://127.0.0.1:2"_s);
        QVERIFY(a != b);
        a->recordFailure();
        QCOMPARE(a->state(), State::Open);
        QCOMPARE(b->state(), State::Closed);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), u"http://127.0.0.1:1/v1"_s);
        QCOMPARE(reg.breakers().size(), 2);
    }

    void names()
    {
        QCOMPARE(CircuitBreaker::stateName(State::HalfOpen), u"half_open"_s);
        QCOMPARE(CircuitBreaker::stateName(State::Open), u"open"_s);
        QCOMPARE(CircuitBreaker::stateName(State::Closed), u"closed"_s);
    }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuitbreaker.moc"
