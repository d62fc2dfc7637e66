// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocol/messageaccumulator.h"
#include "server/openaichunks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

static QJsonObject dataOf(const QByteArray &event)
{
    if (!event.startsWith("data: ") || !event.endsWith("\n\n"))
        return {};
    QJsonParseError pe;
    const QJsonDocument d = QJsonDocument::fromJson(event.mid(6, event.size() - 8), &pe);
    return pe.error == QJsonParseError::NoError ? d.object() : QJsonObject{};
}

static QJsonObject deltaOf(const QByteArray &event)
{
    return dataOf(event).value(QLatin1StringView("choices")).toArray().at(0).toObject().value(QLatin1StringView("delta")).toObject();
}

class TestOpenAIChunks : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void envelopeAndRole()
    {
        OpenAIChunkFormatter f(QStringLiteral("chatcmpl-1"), QStringLiteral("m\"odel"), 1700000000);
        const QJsonObject o = dataOf(f.roleChunk());
        QCOMPARE(o.value(QLatin1StringView("id")).toString(), QStringLiteral("chatcmpl-1"));
        QCOMPARE(o.value(QLatin1StringView("object")).toString(), QStringLiteral("chat.completion.chunk"));
        QCOMPARE(o.value(QLatin1StringView("created")).toInteger(), 1700000000);
        QCOMPARE(o.value(QLatin1StringView("model")).toString(), QStringLiteral("m\"odel"));
        QCOMPARE(deltaOf(f.roleChunk()).value(QLatin1StringView("role")).toString(), QStringLiteral("assistant"));
    }

    void textIsEscapedExactly()
    {
        OpenAIChunkFormatter f(QStringLiteral("id"), QStringLiteral("m"), 1);
        const QString tricky = QStringLiteral("a\"b\\c\nd\te\x01 é 😀 </script>");
        const QByteArray ev = f.chunkFor(StreamEvent::textDelta(tricky));
        QCOMPARE(deltaOf(ev).value(QLatin1StringView("content")).toString(), tricky);
        const QJsonObject choice = dataOf(ev).value(QLatin1StringView("choices")).toArray().at(0).toObject();
        QVERIFY(choice.value(QLatin1StringView("finish_reason")).isNull());
        QCOMPARE(deltaOf(f.chunkFor(StreamEvent::thinkingDelta(QStringLiteral("hmm")))).value(QLatin1StringView("reasoning_content")).toString(),
                 QStringLiteral("hmm"));
    }

    void toolCallDeltas()
    {
        OpenAIChunkFormatter f(QStringLiteral("id"), QStringLiteral("m"), 1);
        StreamEvent first;
        first.type = StreamEvent::Type::ToolCallDelta;
        first.toolIndex = 1;
        first.toolId = QStringLiteral("call_1");
        first.toolName = QStringLiteral("get");
        StreamEvent frag = first;
        frag.toolId.clear();
        frag.toolName.clear();
        frag.text = QStringLiteral("{\"a\":");
        const QJsonObject c1 = deltaOf(f.chunkFor(first)).value(QLatin1StringView("tool_calls")).toArray().at(0).toObject();
        QCOMPARE(c1.value(QLatin1StringView("index")).toInt(), 1);
        QCOMPARE(c1.value(QLatin1StringView("id")).toString(), QStringLiteral("call_1"));
        QCOMPARE(c1.value(QLatin1StringView("type")).toString(), QStringLiteral("function"));
        QCOMPARE(c1.value(QLatin1StringView("function")).toObject().value(QLatin1StringView("name")).toString(), QStringLiteral("get"));
        const QJsonObject c2 = deltaOf(f.chunkFor(frag)).value(QLatin1StringView("tool_calls")).toArray().at(0).toObject();
        QVERIFY(!c2.contains(QLatin1StringView("id")));
        QCOMPARE(c2.value(QLatin1StringView("function")).toObject().value(QLatin1StringView("arguments")).toString(),
                 QStringLiteral("{\"a\":"));
    }

    void finishUsageAndDone()
    {
        OpenAIChunkFormatter f(QStringLiteral("id"), QStringLiteral("m"), 1);
        QVERIFY(!f.hasUsage());
        StreamEvent usage;
        usage.type = StreamEvent::Type::Usage;
        usage.inputTokens = 12;
        usage.outputTokens = 30;
        QVERIFY(f.chunkFor(usage).isEmpty());
        QVERIFY(f.hasUsage());
        StreamEvent fin;
        fin.type = StreamEvent::Type::Finish;
        fin.finishReason = FinishReason::Length;
        const QJsonObject choice = dataOf(f.chunkFor(fin)).value(QLatin1StringView("choices")).toArray().at(0).toObject();
        QCOMPARE(choice.value(QLatin1StringView("finish_reason")).toString(), QStringLiteral("length"));
        const QJsonObject u = dataOf(f.usageChunk());
        QVERIFY(u.value(QLatin1StringView("choices")).toArray().isEmpty());
        QCOMPARE(u.value(QLatin1StringView("usage")).toObject().value(QLatin1StringView("total_tokens")).toInt(), 42);
        QCOMPARE(OpenAIChunkFormatter::done(), QByteArray("data: [DONE]\n\n"));
        QCOMPARE(OpenAIChunkFormatter::keepAlive(), QByteArray(": keep-alive\n\n"));
        QVERIFY(f.chunkFor(StreamEvent::keepAlive()).isEmpty());
    }

    void errorEventAndCompletion()
    {
        const QJsonObject e = dataOf(OpenAIChunkFormatter::errorEvent(ApiError::upstream(503, QStringLiteral("server_error"), {}, QStringLiteral("down"))));
        QCOMPARE(e.value(QLatin1StringView("error")).toObject().value(QLatin1StringView("message")).toString(), QStringLiteral("down"));

        MessageAccumulator acc;
        acc.add(StreamEvent::textDelta(QStringLiteral("Hel")));
        acc.add(StreamEvent::textDelta(QStringLiteral("lo")));
        StreamEvent fin;
        fin.type = StreamEvent::Type::Finish;
        fin.finishReason = FinishReason::Stop;
        acc.add(fin);
        OpenAIChunkFormatter f(QStringLiteral("chatcmpl-9"), QStringLiteral("m"), 5);
        const QJsonObject c = QJsonDocument::fromJson(f.completion(acc)).object();
        QCOMPARE(c.value(QLatin1StringView("object")).toString(), QStringLiteral("chat.completion"));
        const QJsonObject choice = c.value(QLatin1StringView("choices")).toArray().at(0).toObject();
        QCOMPARE(choice.value(QLatin1StringView("message")).toObject().value(QLatin1StringView("content")).toString(), QStringLiteral("Hello"));
        QCOMPARE(choice.value(QLatin1StringView("finish_reason")).toString(), QStringLiteral("stop"));
    }

    void completionIdsAreRandom()
    {
        const QString a = OpenAIChunkFormatter::newCompletionId();
        QVERIFY(a.startsWith(QLatin1StringView("chatcmpl-")));
        QCOMPARE(a.size(), 33);
        QVERIFY(a != OpenAIChunkFormatter::newCompletionId());
    }
};

QTEST_GUILESS_MAIN(TestOpenAIChunks)
#include "tst_openaichunks.moc"
