// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocol/anthropicadapter.h"
#include "protocoltesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace TestHelpers;

class TestAnthropicAdapter : public QObject
{
    Q_OBJECT
private slots:
    void text();
    void parallelToolCalls();
    void thinking();
    void midStreamError();
    void truncated();
    void malformedJson();
    void eventNameMissing();
    void stopReasons_data();
    void stopReasons();
    void fragmentationInvariance_data();
    void fragmentationInvariance();
    void buildRequest();
    void buildRequestContinuation();
    void authAndUrls();
    void errorBody();
};

void TestAnthropicAdapter::text()
{
    const Decoded d = decode(ProviderKind::Anthropic, readData(u"anthropic_text.sse"_s));
    QVERIFY(!d.error.isError());
    QCOMPARE(d.acc.text(), u"Hello wörld 🌍!"_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Stop);
    QCOMPARE(d.acc.rawFinishReason(), u"end_turn"_s);
    QCOMPARE(d.acc.inputTokens(), 25);
    QCOMPARE(d.acc.outputTokens(), 15);
    QCOMPARE(d.acc.keepAliveCount(), 1); // ping
    QVERIFY(d.acc.isComplete());
    QVERIFY(d.terminator);
}

void TestAnthropicAdapter::parallelToolCalls()
{
    const Decoded d = decode(ProviderKind::Anthropic, readData(u"anthropic_tools.sse"_s));
    QVERIFY(!d.error.isError());
    QCOMPARE(d.acc.text(), u"Checking both."_s);
    const QList<ToolCall> calls = d.acc.toolCalls();
    QCOMPARE(calls.size(), 3);
    QCOMPARE(calls.at(0), (ToolCall{u"toolu_01"_s, u"get_weather"_s, u"{\"location\": \"San Francisco, CA\"}"_s}));
    QCOMPARE(calls.at(1), (ToolCall{u"toolu_02"_s, u"get_time"_s, u"{\"tz\": \"PST\"}"_s}));
    QCOMPARE(calls.at(2), (ToolCall{u"toolu_03"_s, u"no_args"_s, u"{}"_s}));
    QCOMPARE(d.acc.finishReason(), FinishReason::ToolCalls);
    QCOMPARE(d.acc.inputTokens(), 480); // input + cache read
    QCOMPARE(d.acc.outputTokens(), 89); // overwritten, not 2 + 89
}

void TestAnthropicAdapter::thinking()
{
    const Decoded d = decode(ProviderKind::Anthropic, readData(u"anthropic_thinking.sse"_s));
    QCOMPARE(d.acc.thinking(), u"1071 = 2 × 462 + 147\nso GCD is 21"_s);
    QCOMPARE(d.acc.thinkingSignature(), u"EqQBCgIYAhIM1gbcDa9G"_s);
    QCOMPARE(d.acc.text(), u"The GCD is 21."_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Length);
    QCOMPARE(d.acc.inputTokens(), 12);
    QCOMPARE(d.acc.outputTokens(), 300);
}

void TestAnthropicAdapter::midStreamError()
{
    const Decoded d = decode(ProviderKind::Anthropic, readData(u"anthropic_error.sse"_s));
    QVERIFY(!d.error.isError());
    const auto errors = ofType(d.events, StreamEvent::Type::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).error.type, u"overloaded_error"_s);
    QCOMPARE(errors.at(0).error.message, u"Overloaded"_s);
    QCOMPARE(d.acc.text(), u"Partial"_s);
    QVERIFY(!d.acc.isComplete());
    QCOMPARE(d.acc.finishReason(), FinishReason::Error);
}

void TestAnthropicAdapter::truncated()
{
    // message_stop arrives without its blank line: not dispatched, not complete.
    const Decoded d = decode(ProviderKind::Anthropic, readData(u"anthropic_truncated.sse"_s));
    QVERIFY(!d.error.isError());
    QCOMPARE(d.acc.text(), u"Cut"_s);
    QVERIFY(!d.acc.isComplete());
    QVERIFY(!d.terminator);
    QVERIFY(d.midEvent);
    QVERIFY(ofType(d.events, StreamEvent::Type::Finish).isEmpty());
}

void TestAnthropicAdapter::malformedJson()
{
    const Decoded d = decode(ProviderKind::Anthropic, readData(u"anthropic_malformed.sse"_s));
    QCOMPARE(d.error.kind, DecodeError::Kind::Malformed);
    QVERIFY2(d.error.message.startsWith(u"invalid JSON in event 3:"_s), qPrintable(d.error.message));
    QCOMPARE(d.acc.text(), u"ok"_s);
    QVERIFY(!d.acc.isComplete());
}

void TestAnthropicAdapter::eventNameMissing()
{
    const Decoded d = decode(ProviderKind::Anthropic,
                             "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}\n\n"
                             "data: {\"type\":\"message_stop\"}\n\n"_ba);
    QCOMPARE(d.acc.text(), u"x"_s);
    QVERIFY(d.acc.isComplete());
}

void TestAnthropicAdapter::stopReasons_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<FinishReason>("expected");
    QTest::newRow("end_turn") << u"end_turn"_s << FinishReason::Stop;
    QTest::newRow("stop_sequence") << u"stop_sequence"_s << FinishReason::Stop;
    QTest::newRow("pause_turn") << u"pause_turn"_s << FinishReason::Stop;
    QTest::newRow("max_tokens") << u"max_tokens"_s << FinishReason::Length;
    QTest::newRow("window") << u"model_context_window_exceeded"_s << FinishReason::Length;
    QTest::newRow("tool_use") << u"tool_use"_s << FinishReason::ToolCalls;
    QTest::newRow("refusal") << u"refusal"_s << FinishReason::ContentFilter;
}

void TestAnthropicAdapter::stopReasons()
{
    QFETCH(QString, raw);
    QFETCH(FinishReason, expected);
    QCOMPARE(AnthropicAdapter::mapStopReason(raw), expected);
}

void TestAnthropicAdapter::fragmentationInvariance_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : {"anthropic_text.sse", "anthropic_tools.sse", "anthropic_thinking.sse", "anthropic_error.sse",
                          "anthropic_truncated.sse"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestAnthropicAdapter::fragmentationInvariance()
{
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    const QByteArray whole = decode(ProviderKind::Anthropic, bytes).acc.toJson();
    QCOMPARE(decode(ProviderKind::Anthropic, bytes, -1).acc.toJson(), whole);
    for (qint64 seed = 1; seed <= 50; ++seed)
        QCOMPARE(decode(ProviderKind::Anthropic, bytes, seed).acc.toJson(), whole);
}

void TestAnthropicAdapter::buildRequest()
{
    ChatRequest req;
    req.messages = {ChatMessage{ChatMessage::Role::User, u"Hi"_s, {}, {}, {}, {}}};
    ChatMessage asst;
    asst.role = ChatMessage::Role::Assistant;
    asst.thinking = u"t"_s;
    asst.thinkingSignature = u"sig"_s;
    asst.toolCalls = {ToolCall{u"toolu_1"_s, u"f"_s, u"{\"a\":1}"_s}};
    req.messages.append(asst);
    ChatMessage tool;
    tool.role = ChatMessage::Role::Tool;
    tool.toolCallId = u"toolu_1"_s;
    tool.content = u"42"_s;
    req.messages.append(tool);
    req.options.model = u"claude-x"_s;
    req.options.systemPrompt = u"Be brief"_s;
    req.options.temperature = 0.3;
    req.options.maxTokens = 1000;
    req.options.stopSequences = {u"END"_s};
    req.options.tools = QJsonArray{QJsonObject{{u"name"_s, u"f"_s}, {u"parameters"_s, QJsonObject{{u"type"_s, u"object"_s}}}}};
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"https://api.anthropic.com"_s);
    auto a = ProviderAdapter::create(ProviderKind::Anthropic);
    HttpRequestSpec spec = a->buildRequest(req, cfg);
    QCOMPARE(spec.url, QUrl(u"https://api.anthropic.com/v1/messages"_s));
    bool version = false;
    for (const auto &h : spec.headers) {
        QVERIFY(h.first.compare("x-api-key", Qt::CaseInsensitive) != 0);
        version |= (h.first == "anthropic-version" && h.second == "2023-06-01");
    }
    QVERIFY(version);
    QJsonObject b = QJsonDocument::fromJson(spec.body).object();
    QCOMPARE(b.value(u"model"_s).toString(), u"claude-x"_s);
    QCOMPARE(b.value(u"system"_s).toString(), u"Be brief"_s);
    QCOMPARE(b.value(u"max_tokens"_s).toInt(), 1000);
    QCOMPARE(b.value(u"temperature"_s).toDouble(), 0.3);
    QCOMPARE(b.value(u"stream"_s).toBool(), true);
    QCOMPARE(b.value(u"stop_sequences"_s).toArray(), QJsonArray{u"END"_s});
    QCOMPARE(b.value(u"tools"_s).toArray().at(0).toObject().value(u"input_schema"_s).toObject().value(u"type"_s).toString(), u"object"_s);
    QVERIFY(!b.contains(u"thinking"_s));
    const QJsonArray msgs = b.value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 3);
    const QJsonArray blocks = msgs.at(1).toObject().value(u"content"_s).toArray();
    QCOMPARE(blocks.at(0).toObject().value(u"type"_s).toString(), u"thinking"_s);
    QCOMPARE(blocks.at(0).toObject().value(u"signature"_s).toString(), u"sig"_s);
    QCOMPARE(blocks.at(1).toObject().value(u"input"_s).toObject().value(u"a"_s).toInt(), 1);
    QCOMPARE(msgs.at(2).toObject().value(u"content"_s).toArray().at(0).toObject().value(u"tool_use_id"_s).toString(), u"toolu_1"_s);

    // Thinking: budget sent, temperature dropped, default max_tokens above budget.
    req.options.thinkingBudget = 2048;
    req.options.maxTokens = 0;
    b = QJsonDocument::fromJson(a->buildRequest(req, cfg).body).object();
    QCOMPARE(b.value(u"thinking"_s).toObject(), (QJsonObject{{u"type"_s, u"enabled"_s}, {u"budget_tokens"_s, 2048}}));
    QVERIFY(!b.contains(u"temperature"_s));
    QVERIFY(b.value(u"max_tokens"_s).toInt() > 2048);
}

void TestAnthropicAdapter::buildRequestContinuation()
{
    ChatRequest req;
    req.messages = {ChatMessage{ChatMessage::Role::User, u"Write"_s, {}, {}, {}, {}}};
    req.continuationPartial = u"Once upon a time \n"_s;
    req.continuation = ContinuationMode::Prefill;
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"http://127.0.0.1:9/v1"_s);
    auto a = ProviderAdapter::create(ProviderKind::Anthropic);
    const HttpRequestSpec spec = a->buildRequest(req, cfg);
    QCOMPARE(spec.url, QUrl(u"http://127.0.0.1:9/v1/messages"_s));
    QJsonArray msgs = QJsonDocument::fromJson(spec.body).object().value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 2);
    QCOMPARE(msgs.at(1).toObject().value(u"role"_s).toString(), u"assistant"_s);
    QCOMPARE(msgs.at(1).toObject().value(u"content"_s).toString(), u"Once upon a time"_s); // trailing whitespace trimmed

    req.continuation = ContinuationMode::Instruction;
    msgs = QJsonDocument::fromJson(a->buildRequest(req, cfg).body).object().value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 3);
    QCOMPARE(msgs.at(1).toObject().value(u"content"_s).toString(), u"Once upon a time \n"_s);
    QCOMPARE(msgs.at(2).toObject().value(u"role"_s).toString(), u"user"_s);
    QCOMPARE(msgs.at(2).toObject().value(u"content"_s).toString(), continuationInstruction());
}

void TestAnthropicAdapter::authAndUrls()
{
    auto a = ProviderAdapter::create(ProviderKind::Anthropic);
    QCOMPARE(a->authHeader(u"sk-ant-x"_s), (QPair<QByteArray, QByteArray>("x-api-key", "sk-ant-x")));
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"https://api.anthropic.com/"_s);
    QCOMPARE(a->modelsUrl(cfg), QUrl(u"https://api.anthropic.com/v1/models"_s));
}

void TestAnthropicAdapter::errorBody()
{
    auto a = ProviderAdapter::create(ProviderKind::Anthropic);
    ProviderError e = a->parseErrorBody(
        529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"})"_ba);
    QCOMPARE(e.httpStatus, 529);
    QCOMPARE(e.type, u"overloaded_error"_s);
    QCOMPARE(e.message, u"Overloaded"_s);
    e = a->parseErrorBody(
        429, R"({"type":"error","error":{"type":"rate_limit_error","message":"spend","details":{"error_code":"enforced_spend_limit_reached"}}})"_ba);
    QCOMPARE(e.code, u"enforced_spend_limit_reached"_s);
    e = a->parseErrorBody(401, R"({"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key sk-ant-api03-abcdefghijklmnopqrstuvwxyz"}})"_ba);
    QVERIFY(!e.message.contains(u"abcdefghij"_s));
    QVERIFY(e.message.contains(u"[redacted]"_s));
}

QTEST_GUILESS_MAIN(TestAnthropicAdapter)
#include "tst_anthropicadapter.moc"
