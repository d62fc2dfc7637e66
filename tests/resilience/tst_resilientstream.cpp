// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// ResilientStream against the fault server: drops at many offsets for each
// provider, stitched continuations, stalls, malformed data, tool calls.
#include "resiliencetesthelpers.h"

#include "resilience/errormetrics.h"

using namespace ResilienceTest;
using namespace FaultInjection;

Q_DECLARE_METATYPE(ProviderKind)

class TestResilientStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_nam = std::make_unique<QNetworkAccessManager>(); m_factory = std::make_unique<RequestFactory>(m_nam.get()); }
    void cleanup() { m_factory.reset(); m_nam.reset(); }

    void providers_data()
    {
        QTest::addColumn<ProviderKind>("kind");
        QTest::newRow("openai") << ProviderKind::OpenAI;
        QTest::newRow("anthropic") << ProviderKind::Anthropic;
        QTest::newRow("ollama") << ProviderKind::Ollama;
    }

    void cleanStream_data() { providers_data(); }
    void cleanStream()
    {
        QFETCH(ProviderKind, kind);
        if (!hasAdapter(kind))
            QSKIP("no adapter for this provider yet");
        auto server = makeServer(scriptWith());
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(kind, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(stream.message().text(), Answer);
        QCOMPARE(run.streamedText, Answer);
        QCOMPARE(stream.attempts(), 1);
        QVERIFY(!stream.isPartial());
    }

    // Drops at >= 20 byte offsets spread over the whole body: the final text
    // equals the uninterrupted text exactly, however the drop fell.
    void dropsAtManyOffsets_data() { providers_data(); }
    void dropsAtManyOffsets()
    {
        QFETCH(ProviderKind, kind);
        if (!hasAdapter(kind))
            QSKIP("no adapter for this provider yet");
        qint64 bodySize = 0;
        {
            auto probe = makeServer(scriptWith());
            ResilientStream stream(m_factory.get(), nullptr, nullptr);
            Run run;
            watch(stream, run);
            stream.start(simpleRequest(), targetFor(kind, probe->baseUrl()));
            QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
            bodySize = probe->request(1).bodyBytesSent;
        }
        QVERIFY(bodySize > 200);
        constexpr int Offsets = 24;
        int resumedRuns = 0;
        for (int i = 0; i < Offsets; ++i) {
            const qint64 offset = 1 + bodySize * i / Offsets;
            FaultScript script = scriptWith();
            FaultPlan drop = script.every;
            drop.dropAtByte = offset;
            script.requests.insert(1, drop);
            auto server = makeServer(script);
            InMemoryErrorMetrics metrics;
            ResilientStream stream(m_factory.get(), nullptr, &metrics);
            stream.setOptions(fastOptions());
            Run run;
            watch(stream, run);
            stream.start(simpleRequest(), targetFor(kind, server->baseUrl()));
            QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
            const QString where = u"drop at byte %1 of %2"_s.arg(offset).arg(bodySize);
            QVERIFY2(run.reason == FinishReason::Stop, qPrintable(where));
            QVERIFY2(stream.message().text() == Answer, qPrintable(where + u": "_s + stream.message().text()));
            QVERIFY2(run.streamedText == Answer, qPrintable(where + u": "_s + run.streamedText));
            QVERIFY2(stream.attempts() == 2, qPrintable(where));
            QCOMPARE(metrics.records().size(), 1);
            QCOMPARE(metrics.records().at(0).kind, u"network"_s);
            if (server->request(2).continuation) {
                ++resumedRuns;
                QCOMPARE(stream.resumes(), 1);
                QCOMPARE(metrics.records().at(0).actionTaken, u"resume"_s);
            }
        }
        QVERIFY(resumedRuns >= Offsets / 2); // most drops fell after content
    }

    void overlapRepeatedIsStitched_data() { providers_data(); }
    void overlapRepeatedIsStitched()
    {
        QFETCH(ProviderKind, kind);
        if (!hasAdapter(kind))
            QSKIP("no adapter for this provider yet");
        for (int overlap : {10, 24}) {
            FaultScript script = scriptWith();
            script.every.continuationOverlap = overlap;
            FaultPlan drop = script.every;
            drop.dropAfterEvent = 12;
            script.requests.insert(1, drop);
            auto server = makeServer(script);
            ResilientStream stream(m_factory.get(), nullptr, nullptr);
            stream.setOptions(fastOptions());
            Run run;
            watch(stream, run);
            stream.start(simpleRequest(), targetFor(kind, server->baseUrl()));
            QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
            QVERIFY(server->request(2).continuation);
            QCOMPARE(run.resumedSignals, 1);
            QCOMPARE(stream.message().text(), Answer);
            QCOMPARE(run.streamedText, Answer);
        }
    }

    void stallCaughtByIdleTimeoutThenResumed()
    {
        FaultScript script = scriptWith();
        FaultPlan stall = script.every;
        stall.stallAfterEvent = 8;
        stall.stallMs = 0; // until the client goes away
        script.requests.insert(1, stall);
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        ResilienceOptions o = fastOptions();
        o.stream.idleTimeoutMs = 300;
        stream.setOptions(o);
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(stream.errors().size(), 1);
        QCOMPARE(stream.errors().at(0).kind, StreamError::Kind::Timeout);
        QCOMPARE(stream.errors().at(0).timeoutKind, StreamError::TimeoutKind::Idle);
        QVERIFY(server->request(2).continuation);
        QCOMPARE(stream.message().text(), Answer);
    }

    void malformedMidStreamKeepsPartial()
    {
        FaultScript script = scriptWith();
        script.every.malformedAtEvent = 10;
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Error);
        QCOMPARE(run.gaveUp.size(), 1);
        QCOMPARE(streamErrorKindName(run.gaveUp.at(0).kind), u"malformed"_s);
        QVERIFY(!stream.message().text().isEmpty());
        QVERIFY(Answer.startsWith(stream.message().text()));
        QVERIFY(stream.isPartial());
        QCOMPARE(server->requestCount(), 1);
    }

    void interruptedToolCallRestartsTurn()
    {
        FaultScript script = scriptWith(u"Let me look that up."_s);
        script.answer.toolCalls.append({u"call_1"_s, u"get_weather"_s, u"{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"_s});
        script.every.chunkChars = 3;
        auto probe = makeServer(script);
        qint64 bodySize = 0;
        {
            ResilientStream stream(m_factory.get(), nullptr, nullptr);
            Run run;
            watch(stream, run);
            stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, probe->baseUrl()));
            QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
            QCOMPARE(stream.message().toolCalls().size(), 1);
            bodySize = probe->request(1).bodyBytesSent;
        }
        FaultPlan drop = script.every;
        drop.dropAtByte = bodySize * 85 / 100; // inside the tool call's arguments
        script.requests.insert(1, drop);
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        QSignalSpy discarded(&stream, &ResilientStream::toolCallsDiscarded);
        Run run;
        watch(stream, run);
        stream.start(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::ToolCalls);
        QCOMPARE(discarded.size(), 1);
        QCOMPARE(stream.message().text(), u"Let me look that up."_s);
        const QList<ToolCall> calls = stream.message().toolCalls();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.at(0).arguments, u"{\"city\":\"Tokyo\",\"unit\":\"celsius\"}"_s);
    }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<RequestFactory> m_factory;
};

QTEST_GUILESS_MAIN(TestResilientStream)
#include "tst_resilientstream.moc"
