// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// ResilientStream::startContinuation() against the fault server: a stream
// seeded with a stored partial answer sends a resume request at once and
// ends with exactly the canonical answer, for each provider, with and without
// the server repeating the partial's last words.
#include "resiliencetesthelpers.h"

#include "resilience/resumemethod.h"

using namespace ResilienceTest;
using namespace FaultInjection;

Q_DECLARE_METATYPE(ProviderKind)

namespace {

// Cut points into Answer: mid-word, right after a space (trailing whitespace
// that prefill trims), after "\n\n", after a non-ASCII letter, near the end.
QList<qsizetype> cutPoints()
{
    QList<qsizetype> cuts{1, 9, Answer.indexOf(u"keeps"_s) + 2, Answer.indexOf(u"the partial"_s),
                          Answer.indexOf(u"\n\n"_s) + 2, Answer.indexOf(u"Ünï"_s) + 1, Answer.size() - 3};
    return cuts;
}

} // namespace

class TestResilientContinue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_nam = std::make_unique<QNetworkAccessManager>(); m_factory = std::make_unique<RequestFactory>(m_nam.get()); }
    void cleanup() { m_factory.reset(); m_nam.reset(); }

    void seeded_data()
    {
        QTest::addColumn<ProviderKind>("kind");
        QTest::addColumn<int>("overlap");
        for (int overlap : {0, 12}) {
            QTest::addRow("openai overlap %d", overlap) << ProviderKind::OpenAI << overlap;
            QTest::addRow("anthropic overlap %d", overlap) << ProviderKind::Anthropic << overlap;
            QTest::addRow("ollama overlap %d", overlap) << ProviderKind::Ollama << overlap;
        }
    }

    // The first request already carries the partial; the deltas are only the
    // rest; message() is the whole canonical answer, whatever the cut point.
    void seeded()
    {
        QFETCH(ProviderKind, kind);
        QFETCH(int, overlap);
        if (!hasAdapter(kind))
            QSKIP("no adapter for this provider yet");
        for (const qsizetype cut : cutPoints()) {
            // An overlap longer than the partial cannot be repeated.
            if (overlap > 0 && cut < overlap + 8)
                continue;
            const QString partial = Answer.left(cut);
            const QString where = u"cut at %1 (%2)"_s.arg(cut).arg(partial.right(12));
            FaultScript script = scriptWith();
            script.every.continuationOverlap = overlap;
            auto server = makeServer(script);
            ResilientStream stream(m_factory.get(), nullptr, nullptr);
            stream.setOptions(fastOptions());
            Run run;
            watch(stream, run);
            stream.startContinuation(simpleRequest(), targetFor(kind, server->baseUrl()), partial);
            QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
            QVERIFY2(run.reason == FinishReason::Stop, qPrintable(where));
            QVERIFY2(server->requestCount() == 1, qPrintable(where));
            QVERIFY2(server->request(1).continuation, qPrintable(where));
            // The server located the partial exactly (after any trimming).
            QVERIFY2(server->request(1).continuationOffset >= 0, qPrintable(where));
            QVERIFY2(stream.message().text() == Answer, qPrintable(where + u": "_s + stream.message().text()));
            QVERIFY2(run.streamedText == Answer.mid(cut), qPrintable(where + u": "_s + run.streamedText));
            QCOMPARE(run.resumedSignals, 1);
            QCOMPARE(stream.resumes(), 1);
            QVERIFY(!stream.isPartial());
            const ContinuationMode expected = kind == ProviderKind::Anthropic ? ContinuationMode::Prefill
                                                                              : ContinuationMode::Instruction;
            QCOMPARE(stream.lastContinuationMode(), expected);
            if (expected == ContinuationMode::Prefill) // prefill trims trailing whitespace; the stitcher restores it
                QCOMPARE(server->request(1).partial, partial.left(ResumeMethod::sentLength(expected, partial)));
        }
    }

    // A continuation that itself drops is resumed again from the whole
    // answer so far (seed + what arrived), still without gaps or repeats.
    void seededThenDropped_data()
    {
        QTest::addColumn<ProviderKind>("kind");
        QTest::newRow("openai") << ProviderKind::OpenAI;
        QTest::newRow("anthropic") << ProviderKind::Anthropic;
        QTest::newRow("ollama") << ProviderKind::Ollama;
    }
    void seededThenDropped()
    {
        QFETCH(ProviderKind, kind);
        if (!hasAdapter(kind))
            QSKIP("no adapter for this provider yet");
        const qsizetype cut = Answer.indexOf(u"fetched"_s);
        FaultScript script = scriptWith();
        FaultPlan drop = script.every;
        drop.dropAfterEvent = 6;
        script.requests.insert(1, drop);
        auto server = makeServer(script);
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.startContinuation(simpleRequest(), targetFor(kind, server->baseUrl()), Answer.left(cut));
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(server->requestCount(), 2);
        QVERIFY(server->request(1).continuation);
        QVERIFY(server->request(2).continuation);
        QVERIFY(server->request(2).partial.size() > server->request(1).partial.size());
        QCOMPARE(stream.message().text(), Answer);
        QCOMPARE(run.streamedText, Answer.mid(cut));
        QCOMPARE(stream.resumes(), 2);
    }

    // Stored thinking is kept in message(); thinking on (Anthropic) uses the
    // instruction method, as the stream's own resumes do.
    void seededThinkingUsesInstructionOnAnthropic()
    {
        const qsizetype cut = Answer.indexOf(u"joined"_s);
        auto server = makeServer(scriptWith());
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        ChatRequest request = simpleRequest();
        request.options.thinkingBudget = 1024;
        request.options.maxTokens = 4096;
        stream.startContinuation(request, targetFor(ProviderKind::Anthropic, server->baseUrl()), Answer.left(cut),
                                 u"Stored reasoning."_s);
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QCOMPARE(stream.lastContinuationMode(), ContinuationMode::Instruction);
        QVERIFY(server->request(1).continuation);
        QCOMPARE(stream.message().text(), Answer);
        QVERIFY(stream.message().thinking().startsWith(u"Stored reasoning."_s));
    }

    // No partial text: an ordinary first attempt (no continuation, no resume).
    void emptySeedIsAFreshStart()
    {
        auto server = makeServer(scriptWith());
        ResilientStream stream(m_factory.get(), nullptr, nullptr);
        stream.setOptions(fastOptions());
        Run run;
        watch(stream, run);
        stream.startContinuation(simpleRequest(), targetFor(ProviderKind::OpenAI, server->baseUrl()), QString(),
                                 u"orphan thinking"_s);
        QTRY_VERIFY_WITH_TIMEOUT(run.reason != FinishReason::None, 10000);
        QCOMPARE(run.reason, FinishReason::Stop);
        QVERIFY(!server->request(1).continuation);
        QCOMPARE(stream.resumes(), 0);
        QCOMPARE(run.streamedText, Answer);
        QVERIFY(!stream.message().thinking().contains(u"orphan"_s));
    }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<RequestFactory> m_factory;
};

QTEST_MAIN(TestResilientContinue)
#include "tst_resilientcontinue.moc"
