// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// The continuation method per provider and model.
#include "resilience/resumemethod.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestResumeMethod : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anthropicModels_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("rejects");
        QTest::newRow("3.5 sonnet") << u"claude-3-5-sonnet-20241022"_s << false;
        QTest::newRow("opus 4") << u"claude-opus-4-20250514"_s << false;
        QTest::newRow("opus 4.1") << u"claude-opus-4-1"_s << false;
        QTest::newRow("sonnet 4.5 dated") << u"claude-sonnet-4-5-20250929"_s << false;
        QTest::newRow("haiku 4.5") << u"claude-haiku-4-5"_s << false;
        QTest::newRow("opus 4.6") << u"claude-opus-4-6"_s << true;
        QTest::newRow("sonnet 4.6") << u"claude-sonnet-4-6"_s << true;
        QTest::newRow("opus 4.7") << u"claude-opus-4-7"_s << true;
        QTest::newRow("opus 4.8 dated") << u"claude-opus-4-8-20260101"_s << true;
        QTest::newRow("5") << u"claude-sonnet-5"_s << true;
        QTest::newRow("mythos") << u"claude-mythos-preview"_s << true;
        QTest::newRow("unknown") << u"fake-model"_s << false;
    }
    void anthropicModels()
    {
        QFETCH(QString, model);
        QFETCH(bool, rejects);
        QCOMPARE(ResumeMethod::anthropicModelRejectsPrefill(model), rejects);
        QCOMPARE(ResumeMethod::preferred(ProviderKind::Anthropic, model, false),
                 rejects ? ContinuationMode::Instruction : ContinuationMode::Prefill);
        // Thinking always rules prefill out.
        QCOMPARE(ResumeMethod::preferred(ProviderKind::Anthropic, model, true), ContinuationMode::Instruction);
    }

    void otherProvidersUseInstruction()
    {
        QCOMPARE(ResumeMethod::preferred(ProviderKind::OpenAI, u"claude-3-5-sonnet"_s, false), ContinuationMode::Instruction);
        QCOMPARE(ResumeMethod::preferred(ProviderKind::Ollama, u"llama3.2"_s, false), ContinuationMode::Instruction);
    }

    void sentLength()
    {
        QCOMPARE(ResumeMethod::sentLength(ContinuationMode::Prefill, u"Hello world.\n\n "_s), 12);
        QCOMPARE(ResumeMethod::sentLength(ContinuationMode::Instruction, u"Hello world.\n\n "_s), 15);
        QCOMPARE(ResumeMethod::sentLength(ContinuationMode::Prefill, u"   "_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestResumeMethod)
#include "tst_resumemethod.moc"
