// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Backpressure: 100 MB streamed from the fault server through a session
// whose consumer is slow. The process's peak RSS growth must stay bounded
// (a memory bound, not a timing assertion). Its own executable, so the
// peak (VmHWM) is not inherited from other tests.

#include "sessionharness.h"

#include <QFile>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace FaultInjection;

namespace {
// kB value of a /proc/self/status field, -1 when unreadable.
qint64 statusKb(QByteArrayView field)
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}
} // namespace

class tst_StreamSessionMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void hundredMegabytesWithSlowConsumerStaysFlat();
};

void tst_StreamSessionMemory::hundredMegabytesWithSlowConsumerStaysFlat()
{
    constexpr qint64 Total = 100LL * 1024 * 1024;
    constexpr qint64 BoundKb = 64 * 1024;
    SessionHarness h;
    FaultScript s;
    s.answer.text = u"start "_s;
    s.every.hugeBytes = Total;
    s.every.chunkChars = 16;
    h.server.setScript(s);
    StreamOptions o;
    o.maxResponseBytes = 0;
    o.idleTimeoutMs = 30'000;
    const qint64 rssBefore = statusKb("VmRSS:");
    QVERIFY(rssBefore > 0);

    auto run = h.start(ProviderKind::OpenAI, o);
    StreamSession *session = run->session.get();
    // The slow consumer: every 2000 deltas it needs 5 ms and pauses the session meanwhile.
    int deltas = 0, pauses = 0;
    QObject::connect(session, &StreamSession::textDelta, session, [&] {
        if (++deltas % 2000 == 0) {
            session->pause();
            ++pauses;
            QTimer::singleShot(5, session, [session] { session->resume(); });
        }
    });
    WAIT_END(run, 600'000);
    QVERIFY2(run->finishedSeen, qPrintable(run->failure.detail));
    QVERIFY(pauses > 10);
    QVERIFY(run->session->stats().bytes() >= Total);
    const qint64 peakKb = statusKb("VmHWM:");
    qInfo("RSS before %lld kB, peak %lld kB, growth %lld kB over %lld body bytes, %d pauses",
          rssBefore, peakKb, peakKb - rssBefore, run->session->stats().bytes(), pauses);
    QVERIFY2(peakKb - rssBefore < BoundKb, "memory grew with the stream: buffers are not bounded");
    // Nothing was dropped on the way: the text is the generated pattern, complete.
    const QString &text = run->session->partial().text();
    QVERIFY(text.startsWith(u"start The quick brown fox"_s));
    QCOMPARE(text, run->text);
}

QTEST_GUILESS_MAIN(tst_StreamSessionMemory)
#include "tst_streamsession_memory.moc"
