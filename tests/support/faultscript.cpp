// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "faultscript.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QSet>

using namespace Qt::StringLiterals;

namespace FaultInjection {

bool wireProviderFromName(const QString &name, WireProvider *out)
{
    if (name == "auto"_L1 || name.isEmpty())
        *out = WireProvider::Auto;
    else if (name == "openai"_L1)
        *out = WireProvider::OpenAI;
    else if (name == "anthropic"_L1)
        *out = WireProvider::Anthropic;
    else if (name == "ollama"_L1)
        *out = WireProvider::Ollama;
    else
        return false;
    return true;
}

QString wireProviderName(WireProvider p)
{
    switch (p) {
    case WireProvider::Auto: return u"auto"_s;
    case WireProvider::OpenAI: return u"openai"_s;
    case WireProvider::Anthropic: return u"anthropic"_s;
    case WireProvider::Ollama: return u"ollama"_s;
    }
    return {};
}

namespace {

// Reads typed values from a JSON object, remembering the first error.
struct Reader {
    const QJsonObject &o;
    QString prefix;
    QString *error;
    bool ok = true;

    bool fail(const QString &msg)
    {
        if (ok && error)
            *error = msg;
        ok = false;
        return false;
    }
    void integer(const char *key, qint64 *out)
    {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isUndefined())
            return;
        if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble())))
            fail(u"%1%2: expected an integer"_s.arg(prefix, QLatin1StringView(key)));
        else
            *out = qint64(v.toDouble());
    }
    void integer(const char *key, int *out)
    {
        qint64 v = *out;
        integer(key, &v);
        *out = int(v);
    }
    void boolean(const char *key, bool *out)
    {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isUndefined())
            return;
        if (!v.isBool())
            fail(u"%1%2: expected true or false"_s.arg(prefix, QLatin1StringView(key)));
        else
            *out = v.toBool();
    }
    void string(const char *key, QString *out)
    {
        const QJsonValue v = o.value(QLatin1StringView(key));
        if (v.isUndefined())
            return;
        if (!v.isString())
            fail(u"%1%2: expected a string"_s.arg(prefix, QLatin1StringView(key)));
        else
            *out = v.toString();
    }
    void checkKeys(std::initializer_list<const char *> known)
    {
        QSet<QString> names;
        for (const char *k : known)
            names.insert(QString::fromLatin1(k));
        for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
            if (!names.contains(it.key()))
                fail(u"%1%2: unknown key"_s.arg(prefix, it.key()));
        }
    }
};

bool answerFromJson(const QJsonObject &o, CanonicalAnswer *a, QString *error)
{
    Reader r{o, u"answer."_s, error};
    r.checkKeys({"text", "thinking", "toolCalls", "inputTokens", "outputTokens", "finishReason"});
    r.string("text", &a->text);
    r.string("thinking", &a->thinking);
    r.integer("inputTokens", &a->inputTokens);
    r.integer("outputTokens", &a->outputTokens);
    r.string("finishReason", &a->finishReason);
    const QJsonValue calls = o.value("toolCalls"_L1);
    if (!calls.isUndefined() && !calls.isArray())
        return r.fail(u"answer.toolCalls: expected an array"_s);
    for (const QJsonValue &c : calls.toArray()) {
        const QJsonObject co = c.toObject();
        FakeToolCall call;
        Reader cr{co, u"answer.toolCalls[]."_s, error};
        cr.checkKeys({"id", "name", "arguments"});
        cr.string("id", &call.id);
        cr.string("name", &call.name);
        cr.string("arguments", &call.arguments);
        if (!c.isObject() || !cr.ok || call.name.isEmpty())
            return r.fail(cr.ok ? u"answer.toolCalls[]: expected an object with a name"_s : *error);
        if (call.arguments.isEmpty())
            call.arguments = u"{}"_s;
        a->toolCalls.append(call);
    }
    return r.ok;
}

} // namespace

bool FaultPlan::fromJson(const QJsonObject &o, FaultPlan *p, QString *error)
{
    Reader r{o, QString(), error};
    r.checkKeys({"delayHeadersMs", "delayBodyMs", "dripBytes", "dripIntervalMs", "stallAtByte",
                 "stallAfterEvent", "stallMs", "keepAliveMs", "dropAtByte", "dropAfterEvent", "status",
                 "headers", "body", "malformedAtEvent", "errorAtEvent", "errorType", "errorMessage",
                 "omitTerminator", "splitWrites", "crlf", "chunkedFraming", "chunkChars", "hugeBytes",
                 "continuationOverlap", "continuation"});
    r.integer("delayHeadersMs", &p->delayHeadersMs);
    r.integer("delayBodyMs", &p->delayBodyMs);
    r.integer("dripBytes", &p->dripBytes);
    r.integer("dripIntervalMs", &p->dripIntervalMs);
    r.integer("stallAtByte", &p->stallAtByte);
    r.integer("stallAfterEvent", &p->stallAfterEvent);
    r.integer("stallMs", &p->stallMs);
    r.integer("keepAliveMs", &p->keepAliveMs);
    r.integer("dropAtByte", &p->dropAtByte);
    r.integer("dropAfterEvent", &p->dropAfterEvent);
    r.integer("status", &p->status);
    r.integer("malformedAtEvent", &p->malformedAtEvent);
    r.integer("errorAtEvent", &p->errorAtEvent);
    r.string("errorType", &p->errorType);
    r.string("errorMessage", &p->errorMessage);
    r.boolean("omitTerminator", &p->omitTerminator);
    r.boolean("splitWrites", &p->splitWrites);
    r.boolean("crlf", &p->crlf);
    r.boolean("chunkedFraming", &p->chunkedFraming);
    r.integer("chunkChars", &p->chunkChars);
    r.integer("hugeBytes", &p->hugeBytes);
    r.integer("continuationOverlap", &p->continuationOverlap);
    r.boolean("continuation", &p->continuation);
    const QJsonValue body = o.value("body"_L1);
    if (body.isString()) {
        p->hasBody = true;
        p->body = body.toString().toUtf8();
    } else if (body.isObject() || body.isArray()) {
        p->hasBody = true;
        p->body = body.isObject() ? QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact)
                                  : QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    } else if (!body.isUndefined()) {
        r.fail(u"body: expected a string or JSON"_s);
    }
    const QJsonValue headers = o.value("headers"_L1);
    if (headers.isObject()) {
        const QJsonObject h = headers.toObject();
        for (auto it = h.constBegin(); it != h.constEnd(); ++it) {
            if (!it.value().isString() && !it.value().isDouble()) {
                r.fail(u"headers.%1: expected a string"_s.arg(it.key()));
                continue;
            }
            const QString v = it.value().isString() ? it.value().toString()
                                                    : QString::number(it.value().toDouble());
            p->headers.append({it.key().toLatin1(), v.toLatin1()});
        }
    } else if (!headers.isUndefined()) {
        r.fail(u"headers: expected an object"_s);
    }
    if (r.ok && (p->status < 100 || p->status > 999))
        r.fail(u"status: %1 is not an HTTP status"_s.arg(p->status));
    if (r.ok && p->chunkChars < 1)
        r.fail(u"chunkChars: must be at least 1"_s);
    if (r.ok && (p->dripBytes < 0 || p->continuationOverlap < 0))
        r.fail(u"dripBytes/continuationOverlap: must not be negative"_s);
    return r.ok;
}

bool FaultScript::fromJson(const QJsonObject &o, FaultScript *s, QString *error)
{
    Reader r{o, QString(), error};
    r.checkKeys({"provider", "model", "answer", "every", "requests"});
    QString provider;
    r.string("provider", &provider);
    if (r.ok && !wireProviderFromName(provider, &s->provider))
        return r.fail(u"provider: unknown provider '%1' (auto, openai, anthropic, ollama)"_s.arg(provider));
    r.string("model", &s->model);
    if (!r.ok)
        return false;
    const QJsonValue answer = o.value("answer"_L1);
    if (!answer.isUndefined() && !answer.isObject())
        return r.fail(u"answer: expected an object"_s);
    if (!answerFromJson(answer.toObject(), &s->answer, error))
        return false;
    const QJsonValue every = o.value("every"_L1);
    if (!every.isUndefined() && !every.isObject())
        return r.fail(u"every: expected an object"_s);
    const QJsonObject everyObj = every.toObject();
    if (!FaultPlan::fromJson(everyObj, &s->every, error)) {
        if (error)
            *error = u"every."_s + *error;
        return false;
    }
    const QJsonValue requests = o.value("requests"_L1);
    if (!requests.isUndefined() && !requests.isObject())
        return r.fail(u"requests: expected an object keyed by request number"_s);
    const QJsonObject reqs = requests.toObject();
    for (auto it = reqs.constBegin(); it != reqs.constEnd(); ++it) {
        bool okNumber = false;
        const int n = it.key().toInt(&okNumber);
        if (!okNumber || n < 1)
            return r.fail(u"requests.%1: keys are request numbers from 1"_s.arg(it.key()));
        if (!it.value().isObject())
            return r.fail(u"requests.%1: expected an object"_s.arg(it.key()));
        QJsonObject merged = everyObj;
        const QJsonObject own = it.value().toObject();
        for (auto k = own.constBegin(); k != own.constEnd(); ++k)
            merged.insert(k.key(), k.value());
        FaultPlan plan;
        if (!FaultPlan::fromJson(merged, &plan, error)) {
            if (error)
                *error = u"requests.%1."_s.arg(it.key()) + *error;
            return false;
        }
        s->requests.insert(n, plan);
    }
    return true;
}

bool FaultScript::fromJsonBytes(const QByteArray &json, FaultScript *out, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = pe.error != QJsonParseError::NoError
                         ? u"invalid JSON at offset %1: %2"_s.arg(pe.offset).arg(pe.errorString())
                         : u"the script must be a JSON object"_s;
        return false;
    }
    return fromJson(doc.object(), out, error);
}

} // namespace FaultInjection
