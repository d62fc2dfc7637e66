// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "server/chatcompletionrequest.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestChatCompletionRequest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesAFullRequest()
    {
        const QByteArray body = R"({"model":"gpt-x","stream":true,"stream_options":{"include_usage":true},
            "temperature":0.5,"max_tokens":99,"stop":["END"],
            "messages":[{"role":"system","content":"Be brief."},
                        {"role":"developer","content":[{"type":"text","text":"Really."}]},
                        {"role":"user","content":[{"type":"text","text":"Hi "},{"type":"text","text":"there"}]},
                        {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},
                        {"role":"tool","tool_call_id":"c1","content":"42"}],
            "tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object"}}}],
            "unknown_field":1})";
        ChatCompletionRequest r;
        ApiError e;
        QVERIFY2(parseChatCompletionRequest(body, &r, &e), qPrintable(e.message));
        QVERIFY(r.stream);
        QVERIFY(r.includeUsage);
        QCOMPARE(r.chat.options.model, QStringLiteral("gpt-x"));
        QCOMPARE(r.chat.options.temperature, 0.5);
        QCOMPARE(r.chat.options.maxTokens, 99);
        QCOMPARE(r.chat.options.stopSequences, QStringList{QStringLiteral("END")});
        QCOMPARE(r.chat.options.systemPrompt, QStringLiteral("Be brief.\n\nReally."));
        QCOMPARE(r.chat.messages.size(), 3);
        QCOMPARE(r.chat.messages[0].content, QStringLiteral("Hi there"));
        QCOMPARE(r.chat.messages[1].role, ChatMessage::Role::Assistant);
        QCOMPARE(r.chat.messages[1].toolCalls.size(), 1);
        QCOMPARE(r.chat.messages[1].toolCalls[0].name, QStringLiteral("f"));
        QCOMPARE(r.chat.messages[2].toolCallId, QStringLiteral("c1"));
        QCOMPARE(r.chat.options.tools.size(), 1);
        QCOMPARE(r.chat.options.tools[0].toObject().value(QLatin1StringView("name")).toString(), QStringLiteral("f"));
    }

    void defaultsToNonStreaming()
    {
        ChatCompletionRequest r;
        ApiError e;
        QVERIFY(parseChatCompletionRequest(R"({"messages":[{"role":"user","content":"x"}]})", &r, &e));
        QVERIFY(!r.stream);
        QVERIFY(!r.includeUsage);
        QVERIFY(r.chat.options.model.isEmpty());
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("param");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("not json") << QByteArray("{\"messages\":") << QString() << QStringLiteral("not valid JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QString() << QStringLiteral("JSON object");
        QTest::newRow("no messages") << QByteArray("{\"model\":\"m\"}") << QStringLiteral("messages") << QStringLiteral("non-empty");
        QTest::newRow("empty messages") << QByteArray("{\"messages\":[]}") << QStringLiteral("messages") << QStringLiteral("non-empty");
        QTest::newRow("bad role") << QByteArray(R"({"messages":[{"role":"robot","content":"x"}]})")
                                  << QStringLiteral("messages[0].role") << QStringLiteral("must be one of");
        QTest::newRow("no content") << QByteArray(R"({"messages":[{"role":"user"}]})")
                                    << QStringLiteral("messages[0].content") << QStringLiteral("required");
        QTest::newRow("image part") << QByteArray(R"({"messages":[{"role":"user","content":[{"type":"image_url","image_url":{}}]}]})")
                                    << QStringLiteral("messages[0].content[0].type") << QStringLiteral("image_url");
        QTest::newRow("tool without id") << QByteArray(R"({"messages":[{"role":"tool","content":"x"}]})")
                                         << QStringLiteral("messages[0].tool_call_id") << QStringLiteral("tool_call_id");
        QTest::newRow("only system") << QByteArray(R"({"messages":[{"role":"system","content":"x"}]})")
                                     << QStringLiteral("messages") << QStringLiteral("no user");
        QTest::newRow("stream string") << QByteArray(R"({"stream":"yes","messages":[{"role":"user","content":"x"}]})")
                                       << QStringLiteral("stream") << QStringLiteral("boolean");
        QTest::newRow("temperature") << QByteArray(R"({"temperature":7,"messages":[{"role":"user","content":"x"}]})")
                                     << QStringLiteral("temperature") << QStringLiteral("0 to 2");
        QTest::newRow("max_tokens") << QByteArray(R"({"max_tokens":1.5,"messages":[{"role":"user","content":"x"}]})")
                                    << QStringLiteral("max_tokens") << QStringLiteral("positive integer");
        QTest::newRow("n") << QByteArray(R"({"n":3,"messages":[{"role":"user","content":"x"}]})")
                           << QStringLiteral("n") << QStringLiteral("'n': 1");
        QTest::newRow("stop") << QByteArray(R"({"stop":[1],"messages":[{"role":"user","content":"x"}]})")
                              << QStringLiteral("stop") << QStringLiteral("strings");
        QTest::newRow("model") << QByteArray(R"({"model":5,"messages":[{"role":"user","content":"x"}]})")
                               << QStringLiteral("model") << QStringLiteral("string");
        QTest::newRow("tools") << QByteArray(R"({"tools":[{"type":"web"}],"messages":[{"role":"user","content":"x"}]})")
                               << QStringLiteral("tools[0]") << QStringLiteral("function");
    }

    void rejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, param);
        QFETCH(QString, messagePart);
        ChatCompletionRequest r;
        ApiError e;
        QVERIFY(!parseChatCompletionRequest(body, &r, &e));
        QCOMPARE(e.httpStatus, 400);
        QCOMPARE(e.type, QStringLiteral("invalid_request_error"));
        QCOMPARE(e.param, param);
        QVERIFY2(e.message.contains(messagePart), qPrintable(e.message));
        // The body is OpenAI's error shape.
        const QJsonObject err = QJsonDocument::fromJson(e.toJson()).object().value(QLatin1StringView("error")).toObject();
        QCOMPARE(err.value(QLatin1StringView("message")).toString(), e.message);
        QCOMPARE(err.value(QLatin1StringView("type")).toString(), QStringLiteral("invalid_request_error"));
        QVERIFY(err.contains(QLatin1StringView("code")));
        QCOMPARE(err.value(QLatin1StringView("param")).isNull(), param.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestChatCompletionRequest)
#include "tst_chatcompletionrequest.moc"
