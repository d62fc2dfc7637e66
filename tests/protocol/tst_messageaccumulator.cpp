// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocol/messageaccumulator.h"
#include "protocoltesthelpers.h"

#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace {
StreamEvent tool(int index, const QString &id, const QString &name, const QString &frag)
{
    StreamEvent e;
    e.type = StreamEvent::Type::ToolCallDelta;
    e.toolIndex = index;
    e.toolId = id;
    e.toolName = name;
    e.text = frag;
    return e;
}
StreamEvent usage(qint64 in, qint64 out)
{
    StreamEvent e;
    e.type = StreamEvent::Type::Usage;
    e.inputTokens = in;
    e.outputTokens = out;
    return e;
}
StreamEvent finish(FinishReason r, const QString &raw)
{
    StreamEvent e;
    e.type = StreamEvent::Type::Finish;
    e.finishReason = r;
    e.rawFinishReason = raw;
    return e;
}
} // namespace

class TestMessageAccumulator : public QObject
{
    Q_OBJECT
private slots:
    void emptyJson();
    void fullJson();
    void toolCallsMergedByIndexOutOfOrder();
    void usageOverwritesNeverAdds();
    void signatureReplaces();
    void errorWithoutTerminator();
    void jsonEscaping();
    void fragmentationInvarianceManySeeds();
    void toMessage();
};

void TestMessageAccumulator::emptyJson()
{
    MessageAccumulator acc;
    QCOMPARE(acc.toJson(),
             R"({"text":"","thinking":"","tool_calls":[],"finish_reason":null,"raw_finish_reason":null,"usage":null,"complete":false})"_ba);
    QVERIFY(!acc.isComplete());
}

void TestMessageAccumulator::fullJson()
{
    MessageAccumulator acc;
    acc.add(StreamEvent::thinkingDelta(u"hm"_s));
    acc.add(StreamEvent::textDelta(u"Hel"_s));
    acc.add(StreamEvent::keepAlive());
    acc.add(StreamEvent::textDelta(u"lo"_s));
    acc.add(tool(0, u"c1"_s, u"f"_s, u"{\"a\":"_s));
    acc.add(tool(0, {}, {}, u"1}"_s));
    acc.add(usage(10, 3));
    acc.add(finish(FinishReason::ToolCalls, u"tool_use"_s));
    QCOMPARE(acc.toJson(),
             R"({"text":"Hello","thinking":"hm","tool_calls":[{"id":"c1","name":"f","arguments":"{\"a\":1}"}],"finish_reason":"tool_calls","raw_finish_reason":"tool_use","usage":{"input_tokens":10,"output_tokens":3},"complete":true})"_ba);
    QCOMPARE(acc.keepAliveCount(), 1);
}

void TestMessageAccumulator::toolCallsMergedByIndexOutOfOrder()
{
    MessageAccumulator acc;
    acc.add(tool(1, u"b"_s, u"g"_s, u"[1"_s));
    acc.add(tool(0, u"a"_s, u"f"_s, u"{"_s));
    acc.add(tool(1, {}, {}, u",2]"_s));
    acc.add(tool(0, {}, {}, u"}"_s));
    acc.add(tool(5, u"c"_s, u"h"_s, QString()));
    const QList<ToolCall> calls = acc.toolCalls();
    QCOMPARE(calls.size(), 3);
    QCOMPARE(calls.at(0), (ToolCall{u"a"_s, u"f"_s, u"{}"_s}));
    QCOMPARE(calls.at(1), (ToolCall{u"b"_s, u"g"_s, u"[1,2]"_s}));
    QCOMPARE(calls.at(2), (ToolCall{u"c"_s, u"h"_s, QString()}));
}

void TestMessageAccumulator::usageOverwritesNeverAdds()
{
    MessageAccumulator acc;
    acc.add(usage(25, 1));
    acc.add(usage(-1, 15));
    acc.add(usage(-1, 89));
    QCOMPARE(acc.inputTokens(), 25);
    QCOMPARE(acc.outputTokens(), 89);
}

void TestMessageAccumulator::signatureReplaces()
{
    MessageAccumulator acc;
    StreamEvent s;
    s.type = StreamEvent::Type::ThinkingSignature;
    s.text = u"first"_s;
    acc.add(s);
    s.text = u"second"_s;
    acc.add(s);
    QCOMPARE(acc.thinkingSignature(), u"second"_s);
}

void TestMessageAccumulator::errorWithoutTerminator()
{
    MessageAccumulator acc;
    acc.add(StreamEvent::textDelta(u"x"_s));
    StreamEvent e;
    e.type = StreamEvent::Type::Error;
    e.error.type = u"overloaded_error"_s;
    acc.add(e);
    QCOMPARE(acc.finishReason(), FinishReason::Error);
    QVERIFY(!acc.isComplete());
    QCOMPARE(acc.errors().size(), 1);
    QCOMPARE(acc.text(), u"x"_s);
    QVERIFY(acc.toJson().contains(R"("finish_reason":"error","raw_finish_reason":null)"));
}

void TestMessageAccumulator::jsonEscaping()
{
    MessageAccumulator acc;
    acc.add(StreamEvent::textDelta(u"q\"b\\n\n\t\x01é🌍"_s));
    const QByteArray expected = R"({"text":"q\"b\\n\n\t\u0001)"_ba + u"é🌍"_s.toUtf8() + "\""_ba;
    QVERIFY(acc.toJson().startsWith(expected));
}

void TestMessageAccumulator::fragmentationInvarianceManySeeds()
{
    // The whole pipeline: bytes -> adapter -> accumulator, for every OpenAI
    // transcript, must give byte-identical JSON for 200 fragmentations.
    for (const char *f : {"openai_text.sse", "openai_tools.sse", "openai_thinking.sse"}) {
        const QByteArray bytes = TestHelpers::readData(QString::fromLatin1(f));
        const QByteArray whole = TestHelpers::decode(ProviderKind::OpenAI, bytes).acc.toJson();
        QVERIFY(whole.contains("\"complete\":true"));
        for (qint64 seed = 1; seed <= 200; ++seed)
            QCOMPARE(TestHelpers::decode(ProviderKind::OpenAI, bytes, seed).acc.toJson(), whole);
    }
}

void TestMessageAccumulator::toMessage()
{
    MessageAccumulator acc;
    acc.add(StreamEvent::textDelta(u"t"_s));
    acc.add(StreamEvent::thinkingDelta(u"r"_s));
    acc.add(tool(0, u"id"_s, u"n"_s, u"{}"_s));
    const ChatMessage m = acc.toMessage();
    QCOMPARE(m.role, ChatMessage::Role::Assistant);
    QCOMPARE(m.content, u"t"_s);
    QCOMPARE(m.thinking, u"r"_s);
    QCOMPARE(m.toolCalls.size(), 1);
}

QTEST_GUILESS_MAIN(TestMessageAccumulator)
#include "tst_messageaccumulator.moc"
