// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// RetryPolicy: backoff formula, jitter bounds, determinism, Retry-After, per-kind rules.
#include "resilience/retrypolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Kind = StreamError::Kind;

namespace {
StreamError retryable(Kind kind = Kind::Server, qint64 retryAfterMs = -1)
{
    StreamError e;
    e.kind = kind;
    e.retryable = true;
    e.action = StreamError::Action::Retry;
    e.retryAfterMs = retryAfterMs;
    e.message = u"server error"_s;
    return e;
}
} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ceilingDoublesUpToMax()
    {
        RetryPolicy p({/*maxAttempts*/ 10, /*base*/ 500, /*max*/ 8000, /*cap*/ 120000}, 1);
        const QList<qint64> expected{500, 1000, 2000, 4000, 8000, 8000, 8000};
        for (int n = 0; n < expected.size(); ++n)
            QCOMPARE(p.ceilingMs(n), expected.at(n));
        QCOMPARE(p.ceilingMs(1000), 8000); // no overflow for huge n
    }

    void jitterWithinBounds()
    {
        RetryPolicy p({10, 1000, 64000, 120000}, 42);
        for (int n = 0; n < 6; ++n) {
            for (int i = 0; i < 200; ++i) {
                const qint64 d = p.backoffMs(n);
                const qint64 c = p.ceilingMs(n);
                QVERIFY2(d > c * 3 / 4 - 1 && d <= c, qPrintable(u"%1 not in (0.75*%2, %2]"_s.arg(d).arg(c)));
            }
        }
    }

    void jitterVaries()
    {
        RetryPolicy p({10, 1000, 64000, 120000}, 7);
        QSet<qint64> seen;
        for (int i = 0; i < 50; ++i)
            seen.insert(p.backoffMs(3));
        QVERIFY(seen.size() > 10);
    }

    void deterministicWhenSeeded()
    {
        RetryPolicy a({10, 500, 8000, 120000}, 1234);
        RetryPolicy b({10, 500, 8000, 120000}, 1234);
        RetryPolicy c({10, 500, 8000, 120000}, 1235);
        QList<qint64> da, db, dc;
        for (int attempt = 1; attempt < 8; ++attempt) {
            da.append(a.decide(retryable(), attempt).delayMs);
            db.append(b.decide(retryable(), attempt).delayMs);
            dc.append(c.decide(retryable(), attempt).delayMs);
        }
        QCOMPARE(da, db);
        QVERIFY(da != dc);
    }

    void maxAttempts()
    {
        RetryPolicy p({3, 10, 100, 1000}, 1);
        QVERIFY(p.decide(retryable(), 1).retry);
        QVERIFY(p.decide(retryable(), 2).retry);
        const auto d = p.decide(retryable(), 3);
        QVERIFY(!d.retry);
        QVERIFY(d.reason.contains(u"3 attempts"_s));
        RetryPolicy once({1, 10, 100, 1000}, 1);
        QVERIFY(!once.decide(retryable(), 1).retry);
    }

    void retryAfterHonoured()
    {
        RetryPolicy p({4, 500, 8000, 60000}, 1);
        auto d = p.decide(retryable(Kind::RateLimit, 2500), 1);
        QVERIFY(d.retry);
        QVERIFY(d.fromRetryAfter);
        QCOMPARE(d.delayMs, 2500);
        // Longer than the backoff ceiling but within the cap: still honoured.
        d = p.decide(retryable(Kind::RateLimit, 45000), 1);
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, 45000);
        d = p.decide(retryable(Kind::RateLimit, 0), 1);
        QVERIFY(d.retry);
        QCOMPARE(d.delayMs, 0);
    }

    void retryAfterBeyondCapIsReported()
    {
        RetryPolicy p({4, 500, 8000, 60000}, 1);
        const qint64 threeHours = 3LL * 3600 * 1000;
        const auto d = p.decide(retryable(Kind::RateLimit, threeHours), 1);
        QVERIFY(!d.retry);
        QVERIFY(d.waitTooLong);
        QCOMPARE(d.requestedWaitMs, threeHours);
        QVERIFY2(d.reason.contains(u"3 h 0 min"_s), qPrintable(d.reason));
    }

    void neverRetriedKinds_data()
    {
        QTest::addColumn<int>("kind");
        for (Kind k : {Kind::Auth, Kind::Permission, Kind::InvalidRequest, Kind::NotFound, Kind::ContextLength,
                       Kind::Quota, Kind::ContentFilter, Kind::Cancelled})
            QTest::newRow(qPrintable(streamErrorKindName(k))) << int(k);
    }
    void neverRetriedKinds()
    {
        QFETCH(int, kind);
        QVERIFY(isNeverRetriedKind(Kind(kind)));
        // Classification never marks them retryable, so the policy refuses.
        StreamError e;
        e.kind = Kind(kind);
        e.retryable = false;
        RetryPolicy p({5, 10, 100, 1000}, 1);
        QVERIFY(!p.decide(e, 1).retry);
    }

    void formatWait()
    {
        QCOMPARE(RetryPolicy::formatWait(2000), u"2.0 s"_s);
        QCOMPARE(RetryPolicy::formatWait(150), u"0.1 s"_s);
        QCOMPARE(RetryPolicy::formatWait(12 * 60000), u"12 min"_s);
        QCOMPARE(RetryPolicy::formatWait(200 * 60000), u"3 h 20 min"_s);
    }

    void sanitizesConfig()
    {
        RetryPolicy p({0, -5, -10, -1}, 1);
        QCOMPARE(p.config().maxAttempts, 1);
        QCOMPARE(p.config().baseDelayMs, 0);
        QCOMPARE(p.backoffMs(3), 0);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
