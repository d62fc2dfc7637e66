// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "protocoltesthelpers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;
using namespace TestHelpers;

class TestOllamaAdapter : public QObject
{
    Q_OBJECT
private slots:
    void text();
    void toolCalls();
    void thinking();
    void midStreamError();
    void truncated();
    void unterminatedCompleteLastLine();
    void malformedJson();
    void fragmentationInvariance_data();
    void fragmentationInvariance();
    void buildRequest();
    void buildRequestContinuation();
    void authAndErrors();
};

void TestOllamaAdapter::text()
{
    const Decoded d = decode(ProviderKind::Ollama, readData(u"ollama_text.ndjson"_s));
    QVERIFY(!d.error.isError());
    QCOMPARE(d.acc.text(), u"The sky is blü 🌍"_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Stop);
    QCOMPARE(d.acc.rawFinishReason(), u"stop"_s);
    QCOMPARE(d.acc.inputTokens(), 169);
    QCOMPARE(d.acc.outputTokens(), 15);
    QVERIFY(d.acc.isComplete());
    QVERIFY(d.terminator);
}

void TestOllamaAdapter::toolCalls()
{
    const Decoded d = decode(ProviderKind::Ollama, readData(u"ollama_tools.ndjson"_s));
    const QList<ToolCall> calls = d.acc.toolCalls();
    QCOMPARE(calls.size(), 2);
    QCOMPARE(calls.at(0), (ToolCall{QString(), u"get_weather"_s, u"{\"city\":\"Tokyo\"}"_s}));
    QCOMPARE(calls.at(1), (ToolCall{u"call_b"_s, u"get_time"_s, u"{\"fmt\":24,\"tz\":\"JST\"}"_s}));
    QCOMPARE(d.acc.finishReason(), FinishReason::ToolCalls);
    QCOMPARE(d.acc.rawFinishReason(), u"stop"_s);
    QCOMPARE(d.acc.thinking(), u"Need weather"_s);
}

void TestOllamaAdapter::thinking()
{
    const Decoded d = decode(ProviderKind::Ollama, readData(u"ollama_thinking.ndjson"_s));
    QCOMPARE(d.acc.thinking(), u"Hmm, okay."_s);
    QCOMPARE(d.acc.text(), u"Answer"_s);
    QCOMPARE(d.acc.finishReason(), FinishReason::Length);
    QCOMPARE(d.acc.inputTokens(), 0); // absent counts as 0
    QCOMPARE(d.acc.outputTokens(), 2);
}

void TestOllamaAdapter::midStreamError()
{
    const Decoded d = decode(ProviderKind::Ollama, readData(u"ollama_error.ndjson"_s));
    const auto errors = ofType(d.events, StreamEvent::Type::Error);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).error.message, u"an error was encountered while running the model"_s);
    QCOMPARE(d.acc.text(), u"Partial"_s);
    QVERIFY(!d.acc.isComplete());
}

void TestOllamaAdapter::truncated()
{
    const Decoded d = decode(ProviderKind::Ollama, readData(u"ollama_truncated.ndjson"_s));
    QVERIFY(!d.error.isError()); // cut mid-line is truncation, not malformed
    QCOMPARE(d.acc.text(), u"Cut"_s);
    QVERIFY(!d.acc.isComplete());
    QVERIFY(d.midEvent);
    QVERIFY(!d.terminator);
}

void TestOllamaAdapter::unterminatedCompleteLastLine()
{
    const Decoded d = decode(ProviderKind::Ollama, "{\"message\":{\"content\":\"a\"},\"done\":false}\n{\"done\":true,\"done_reason\":\"stop\"}"_ba);
    QVERIFY(d.acc.isComplete());
    QVERIFY(!d.midEvent);
    QCOMPARE(d.acc.text(), u"a"_s);
}

void TestOllamaAdapter::malformedJson()
{
    const Decoded d = decode(ProviderKind::Ollama, readData(u"ollama_malformed.ndjson"_s));
    QCOMPARE(d.error.kind, DecodeError::Kind::Malformed);
    QVERIFY2(d.error.message.startsWith(u"invalid JSON in line 2:"_s), qPrintable(d.error.message));
    QCOMPARE(d.acc.text(), u"ok"_s);
    QVERIFY(!d.acc.isComplete());
}

void TestOllamaAdapter::fragmentationInvariance_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : {"ollama_text.ndjson", "ollama_tools.ndjson", "ollama_thinking.ndjson", "ollama_error.ndjson",
                          "ollama_truncated.ndjson"})
        QTest::newRow(f) << QString::fromLatin1(f);
}

void TestOllamaAdapter::fragmentationInvariance()
{
    QFETCH(QString, file);
    const QByteArray bytes = readData(file);
    const QByteArray whole = decode(ProviderKind::Ollama, bytes).acc.toJson();
    QCOMPARE(decode(ProviderKind::Ollama, bytes, -1).acc.toJson(), whole);
    for (qint64 seed = 1; seed <= 50; ++seed)
        QCOMPARE(decode(ProviderKind::Ollama, bytes, seed).acc.toJson(), whole);
}

void TestOllamaAdapter::buildRequest()
{
    ChatRequest req;
    req.messages = {ChatMessage{ChatMessage::Role::User, u"Hi"_s, {}, {}, {}, {}}};
    ChatMessage asst;
    asst.role = ChatMessage::Role::Assistant;
    asst.toolCalls = {ToolCall{u"c1"_s, u"get_weather"_s, u"{\"city\":\"Tokyo\"}"_s}};
    req.messages.append(asst);
    ChatMessage tool;
    tool.role = ChatMessage::Role::Tool;
    tool.toolCallId = u"c1"_s;
    tool.content = u"sunny"_s;
    req.messages.append(tool);
    req.options.model = u"llama3.2"_s;
    req.options.systemPrompt = u"sys"_s;
    req.options.temperature = 0.7;
    req.options.maxTokens = 64;
    req.options.stopSequences = {u"###"_s};
    req.options.tools = QJsonArray{QJsonObject{{u"name"_s, u"get_weather"_s}, {u"parameters"_s, QJsonObject{{u"type"_s, u"object"_s}}}}};
    req.options.thinkingBudget = 100;
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"http://127.0.0.1:11434"_s);
    auto a = ProviderAdapter::create(ProviderKind::Ollama);
    const HttpRequestSpec spec = a->buildRequest(req, cfg);
    QCOMPARE(spec.url, QUrl(u"http://127.0.0.1:11434/api/chat"_s));
    const QJsonObject b = QJsonDocument::fromJson(spec.body).object();
    QCOMPARE(b.value(u"model"_s).toString(), u"llama3.2"_s);
    QCOMPARE(b.value(u"stream"_s).toBool(), true);
    QCOMPARE(b.value(u"think"_s).toBool(), true);
    const QJsonObject o = b.value(u"options"_s).toObject();
    QCOMPARE(o.value(u"temperature"_s).toDouble(), 0.7);
    QCOMPARE(o.value(u"num_predict"_s).toInt(), 64);
    QCOMPARE(o.value(u"stop"_s).toArray(), QJsonArray{u"###"_s});
    QCOMPARE(b.value(u"tools"_s).toArray().size(), 1);
    const QJsonArray msgs = b.value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 4);
    QCOMPARE(msgs.at(0).toObject().value(u"role"_s).toString(), u"system"_s);
    const QJsonObject fn = msgs.at(2).toObject().value(u"tool_calls"_s).toArray().at(0).toObject().value(u"function"_s).toObject();
    QCOMPARE(fn.value(u"arguments"_s).toObject().value(u"city"_s).toString(), u"Tokyo"_s); // an object, not a string
    QCOMPARE(msgs.at(3).toObject().value(u"tool_name"_s).toString(), u"get_weather"_s);
}

void TestOllamaAdapter::buildRequestContinuation()
{
    ChatRequest req;
    req.messages = {ChatMessage{ChatMessage::Role::User, u"Go"_s, {}, {}, {}, {}}};
    req.continuationPartial = u"abc "_s;
    req.continuation = ContinuationMode::Instruction;
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"http://127.0.0.1:11434/"_s);
    auto a = ProviderAdapter::create(ProviderKind::Ollama);
    const QJsonArray msgs = QJsonDocument::fromJson(a->buildRequest(req, cfg).body).object().value(u"messages"_s).toArray();
    QCOMPARE(msgs.size(), 3);
    QCOMPARE(msgs.at(1).toObject().value(u"content"_s).toString(), u"abc "_s);
    QCOMPARE(msgs.at(2).toObject().value(u"content"_s).toString(), continuationInstruction());
}

void TestOllamaAdapter::authAndErrors()
{
    auto a = ProviderAdapter::create(ProviderKind::Ollama);
    QVERIFY(a->authHeader(QString()).first.isEmpty());
    QCOMPARE(a->authHeader(u"k"_s), (QPair<QByteArray, QByteArray>("Authorization", "Bearer k")));
    ProviderConfig cfg;
    cfg.baseUrl = QUrl(u"http://127.0.0.1:11434"_s);
    QCOMPARE(a->modelsUrl(cfg), QUrl(u"http://127.0.0.1:11434/api/tags"_s));
    const ProviderError e = a->parseErrorBody(404, R"({"error":"model 'x' not found"})"_ba);
    QCOMPARE(e.httpStatus, 404);
    QCOMPARE(e.message, u"model 'x' not found"_s);
}

QTEST_GUILESS_MAIN(TestOllamaAdapter)
#include "tst_ollamaadapter.moc"
