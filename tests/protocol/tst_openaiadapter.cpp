// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocoltesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace TestHelpers;

class TestOpenAIAdapter : public QObject
{
    Q_OBJECT
private slots:
    void text();
    void parallelToolCalls();
    void thinkingAndKeepAlive();
    void refusal();
    void midStreamError();
    void errorEventType();
    void truncated();
    void malformedJson();
    void nothingAfterDone();
    void fragmentationInvariance_data();
    void fragmentationInvariance();
    void buildRequest();
    void buildRequestContinuation();
    void authHeader();
    void errorBody_data();
    void errorBody();
};

void TestOpenAIAdapter::text()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_text.sse"_s));
    QVERIFY(!d.error.isError());
    QCOMPARE(d.acc.text(), u"Héllo, wörld 🌍!\nNew \"line\""_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Stop);
    QCOMPARE(d.acc.rawFinishReason(), u"stop"_s);
    QCOMPARE(d.acc.inputTokens(), 79);
    QCOMPARE(d.acc.outputTokens(), 5);
    QVERIFY(d.acc.isComplete());
    QVERIFY(d.terminator);
    QVERIFY(!d.midEvent);
    QCOMPARE(ofType(d.events, StreamEvent::Type::Finish).size(), 1);
    QCOMPARE(d.events.constLast().type, StreamEvent::Type::Finish);
}

void TestOpenAIAdapter::parallelToolCalls()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_tools.sse"_s));
    QVERIFY(!d.error.isError());
    const QList<ToolCall> calls = d.acc.toolCalls();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0), (ToolCall{u"call_JMW1"_s, u"GetWeatherArgs"_s, u"{\"city\": \"Edinburgh\", \"country\": \"GB\"}"_s}));
    QCOMPARE(calls.at(1), (ToolCall{u"call_DNYT"_s, u"get_stock_price"_s, u"{\"ticker\": \"AAPL\"}"_s}));
    QCOMPARE(d.acc.finishReason(), FinishReason::ToolCalls);
    QCOMPARE(d.acc.text(), QString());
    QCOMPARE(d.acc.inputTokens(), 149);
    QVERIFY(d.acc.isComplete());
}

void TestOpenAIAdapter::thinkingAndKeepAlive()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_thinking.sse"_s));
    QCOMPARE(d.acc.thinking(), u"Let me think. Done."_s);
    QCOMPARE(d.acc.text(), u"42"_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Length);
    QCOMPARE(d.acc.keepAliveCount(), 1);
    QVERIFY(!d.acc.hasUsage());
}

void TestOpenAIAdapter::refusal()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_refusal.sse"_s));
    QCOMPARE(d.acc.text(), u"I can't help with that."_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::ContentFilter);
    QCOMPARE(d.acc.rawFinishReason(), u"stop"_s);
}

void TestOpenAIAdapter::midStreamError()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_error.sse"_s));
    QVERIFY(!d.error.isError());
    const auto errors = ofType(d.events, StreamEvent::Type::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).error.type, u"server_error"_s);
    QCOMPARE(errors.at(0).error.message, u"The server had an error"_s);
    QCOMPARE(errors.at(0).error.httpStatus, 0);
    QCOMPARE(d.acc.text(), u"Partial"_s); // the error never enters the text
    QCOMPARE(d.acc.finishReason(), FinishReason::Error);
}

void TestOpenAIAdapter::errorEventType()
{
    const QByteArray in = "event: error\ndata: {\"message\":\"boom sk-abcdefghijklmnopqrstuvwx\",\"code\":\"x\"}\n\n"_ba;
    const Decoded d = decode(ProviderKind::OpenAI, in);
    const auto errors = ofType(d.events, StreamEvent::Type::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).error.code, u"x"_s);
    QVERIFY(errors.at(0).error.message.startsWith(u"boom"_s));
    QVERIFY(!errors.at(0).error.message.contains(u"sk-abcdef"_s)); // redacted
    QVERIFY(!d.acc.isComplete());
}

void TestOpenAIAdapter::truncated()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_truncated.sse"_s));
    QVERIFY(!d.error.isError());
    QCOMPARE(d.acc.text(), u"Cut off"_s);
    QVERIFY(!d.acc.isComplete());
    QVERIFY(!d.terminator);
    QVERIFY(d.midEvent);
    QCOMPARE(d.acc.finishReason(), FinishReason::None);
    QVERIFY(ofType(d.events, StreamEvent::Type::Finish).isEmpty());
}

void TestOpenAIAdapter::malformedJson()
{
    const Decoded d = decode(ProviderKind::OpenAI, readData(u"openai_malformed.sse"_s));
    QCOMPARE(d.error.kind, DecodeError::Kind::Malformed);
    QVERIFY2(d.error.message.startsWith(u"invalid JSON in event 2:"_s), qPrintable(d.error.message));
    QCOMPARE(d.acc.text(), u"Fine"_s);
    QVERIFY(!d.acc.isComplete()); // [DONE] after the error is not decoded
}

void TestOpenAIAdapter::nothingAfterDone()
{
    const Decoded d = decode(ProviderKind::OpenAI,
                             "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\ndata: [DONE]\n\n"
                             "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n"_ba);
    QCOMPARE(d.acc.text(), u"a"_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Stop);
    QCOMPARE(d.acc.rawFinishReason(), QString());
}

void TestOpenAIAdapter::fragmentationInvariance_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : {"openai_text.sse", "openai_tools.sse", "openai_error.sse", "openai_truncated.sse",
                          "openai_refusal.sse", "openai_thinking.sse"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestOpenAIAdapter::fragmentationInvariance()
{
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    const QByteArray whole = decode(ProviderKind::OpenAI, bytes).acc.toJson();
    QCOMPARE(decode(ProviderKind::OpenAI, bytes, -1).acc.toJson(), whole);
    for (qint64 seed = 1; seed <= 50; ++seed)
        QCOMPARE(decode(ProviderKind::OpenAI, bytes, seed).acc.toJson(), whole);
}

void TestOpenAIAdapter::buildRequest()
{
    ChatRequest req;
    req.messages = {ChatMessage{ChatMessage::Role::User, u"Hi"_s, {}, {}, {}, {}}};
    ChatMessage asst;
    asst.role = ChatMessage::Role::Assistant;
    asst.toolCalls = {ToolCall{u"call_1"_s, u"f"_s, u"{}"_s}};
    req.messages.append(asst);
    ChatMessage tool;
    tool.role = ChatMessage::Role::Tool;
    tool.toolCallId = u"call_1"_s;
    tool.content = u"42"_s;
    req.messages.append(tool);
    req.options.model = u"gpt-4o"_s;
    req.options.systemPrompt = u"Be brief"_s;
    req.options.temperature = 0.5;
    req.options.maxTokens = 100;
    req.options.stopSequences = {u"END"_s};
    req.options.tools = QJsonArray{QJsonObject{{u"name"_s, u"f"_s}, {u"description"_s, u"d"_s},
                                               {u"parameters"_s, QJsonObject{{u"type"_s, u"object"_s}}}}};
    req.options.thinkingBudget = 4000;
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"http://127.0.0.1:8080/v1/"_s);
    auto a = ProviderAdapter::create(ProviderKind::OpenAI);
    const HttpRequestSpec spec = a->buildRequest(req, cfg);
    QCOMPARE(spec.url, QUrl(u"http://127.0.0.1:8080/v1/chat/completions"_s));
    for (const auto &h : spec.headers)
        QVERIFY(h.first.compare("Authorization", Qt::CaseInsensitive) != 0);
    const QJsonObject b = QJsonDocument::fromJson(spec.body).object();
    QCOMPARE(b.value(u"model"_s).toString(), u"gpt-4o"_s);
    QCOMPARE(b.value(u"stream"_s).toBool(), true);
    QCOMPARE(b.value(u"stream_options"_s).toObject().value(u"include_usage"_s).toBool(), true);
    QCOMPARE(b.value(u"temperature"_s).toDouble(), 0.5);
    QCOMPARE(b.value(u"max_tokens"_s).toInt(), 100);
    QCOMPARE(b.value(u"stop"_s).toArray(), QJsonArray{u"END"_s});
    QCOMPARE(b.value(u"reasoning_effort"_s).toString(), u"medium"_s);
    const QJsonObject fn = b.value(u"tools"_s).toArray().at(0).toObject().value(u"function"_s).toObject();
    QCOMPARE(fn.value(u"name"_s).toString(), u"f"_s);
    QCOMPARE(fn.value(u"parameters"_s).toObject().value(u"type"_s).toString(), u"object"_s);
    const QJsonArray msgs = b.value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 4);
    QCOMPARE(msgs.at(0).toObject().value(u"role"_s).toString(), u"system"_s);
    QCOMPARE(msgs.at(0).toObject().value(u"content"_s).toString(), u"Be brief"_s);
    QCOMPARE(msgs.at(2).toObject().value(u"tool_calls"_s).toArray().at(0).toObject().value(u"id"_s).toString(), u"call_1"_s);
    QCOMPARE(msgs.at(3).toObject().value(u"tool_call_id"_s).toString(), u"call_1"_s);

    // Defaults: no temperature/max_tokens/stop/tools when unset; defaultModel used.
    ChatRequest plain;
    plain.messages = {ChatMessage{ChatMessage::Role::User, u"Hi"_s, {}, {}, {}, {}}};
    cfg.defaultModel = u"llama"_s;
    const QJsonObject pb = QJsonDocument::fromJson(a->buildRequest(plain, cfg).body).object();
    QCOMPARE(pb.value(u"model"_s).toString(), u"llama"_s);
    for (const QString &k : {u"temperature"_s, u"max_tokens"_s, u"stop"_s, u"tools"_s, u"reasoning_effort"_s})
        QVERIFY2(!pb.contains(k), qPrintable(k));
}

void TestOpenAIAdapter::buildRequestContinuation()
{
    ChatRequest req;
    req.messages = {ChatMessage{ChatMessage::Role::User, u"Write"_s, {}, {}, {}, {}}};
    req.continuationPartial = u"Once upon a time "_s;
    req.continuation = ContinuationMode::Instruction;
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"https://api.openai.com/v1"_s);
    auto a = ProviderAdapter::create(ProviderKind::OpenAI);
    QJsonArray msgs = QJsonDocument::fromJson(a->buildRequest(req, cfg).body).object().value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 3);
    QCOMPARE(msgs.at(1).toObject().value(u"role"_s).toString(), u"assistant"_s);
    QCOMPARE(msgs.at(1).toObject().value(u"content"_s).toString(), u"Once upon a time "_s);
    QCOMPARE(msgs.at(2).toObject().value(u"role"_s).toString(), u"user"_s);
    QCOMPARE(msgs.at(2).toObject().value(u"content"_s).toString(), continuationInstruction());

    req.continuation = ContinuationMode::Prefill;
    msgs = QJsonDocument::fromJson(a->buildRequest(req, cfg).body).object().value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 2);
    QCOMPARE(msgs.at(1).toObject().value(u"content"_s).toString(), u"Once upon a time"_s);
}

void TestOpenAIAdapter::authHeader()
{
    auto a = ProviderAdapter::create(ProviderKind::OpenAI);
    QCOMPARE(a->authHeader(u"sk-test"_s), (QPair<QByteArray, QByteArray>("Authorization", "Bearer sk-test")));
    QVERIFY(a->authHeader(QString()).first.isEmpty());
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"http://127.0.0.1:1234/v1"_s);
    QCOMPARE(a->modelsUrl(cfg), QUrl(u"http://127.0.0.1:1234/v1/models"_s));
}

void TestOpenAIAdapter::errorBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::newRow("openai") << R"({"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}})"_ba
                            << u"requests"_s << u"rate_limit_exceeded"_s << u"Rate limit reached"_s;
    QTest::newRow("numeric-code") << R"({"error":{"message":"bad","type":"invalid_request_error","code":400}})"_ba
                                  << u"invalid_request_error"_s << u"400"_s << u"bad"_s;
    QTest::newRow("key-redacted") << R"({"error":{"message":"Incorrect API key provided: sk-proj-abcdefghijklmnopqrstuvwxyz","type":"invalid_request_error","code":"invalid_api_key"}})"_ba
                                  << u"invalid_request_error"_s << u"invalid_api_key"_s << u"Incorrect API key provided: [redacted]"_s;
    QTest::newRow("html") << "<html><body>502 Bad Gateway</body></html>"_ba << QString() << QString()
                          << u"<html><body>502 Bad Gateway</body></html>"_s;
    QTest::newRow("empty") << QByteArray() << QString() << QString() << u"HTTP 503 with an empty body"_s;
}

void TestOpenAIAdapter::errorBody()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, type);
    QFETCH(QString, code);
    QFETCH(QString, message);
    auto a = ProviderAdapter::create(ProviderKind::OpenAI);
    const ProviderError e = a->parseErrorBody(503, body);
    QCOMPARE(e.httpStatus, 503);
    QCOMPARE(e.type, type);
    QCOMPARE(e.code, code);
    QCOMPARE(e.message, message);
    // Long non-JSON bodies are cut to a short excerpt.
    const ProviderError longErr = a->parseErrorBody(500, QByteArray(5000, 'x'));
    QVERIFY(longErr.message.size() <= 201);
}

QTEST_GUILESS_MAIN(TestOpenAIAdapter)
#include "tst_openaiadapter.moc"
