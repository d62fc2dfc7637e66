// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// The real thing end to end on 127.0.0.1: the fault-injection server as the
// upstream provider, the one QNetworkAccessManager and RequestFactory, a
// ResilientBackend (ResilientStream) and the ApiServer in front.

#include "faultserver.h"
#include "net/requestfactory.h"
#include "server/apiserver.h"
#include "server/resilientbackend.h"

#include <QNetworkAccessManager>
#include <QTest>
#include <memory>

struct ServerHarness {
    FaultInjection::FaultServer upstream;
    QNetworkAccessManager nam;
    RequestFactory factory{&nam};
    std::unique_ptr<ResilientBackend> backend;
    std::unique_ptr<ApiServer> server;
    FaultInjection::FaultScript script;

    static QString canonicalText()
    {
        return QStringLiteral("Never lose an answer: streams survive drops, stalls and cancels. "
                              "Ünïcödé 😀 and \"quotes\" too.");
    }

    /// Starts both servers; returns false (with a QTest failure) on error.
    bool start(ApiServerOptions options = {})
    {
        if (!upstream.listen())
            return false;
        script.provider = FaultInjection::WireProvider::OpenAI;
        script.answer.text = canonicalText();
        script.answer.inputTokens = 12;
        script.answer.outputTokens = 34;
        upstream.setScript(script);
        ProviderTarget t;
        t.config.kind = ProviderKind::OpenAI;
        t.config.id = QStringLiteral("fault");
        QUrl base = upstream.baseUrl();
        base.setPath(QStringLiteral("/v1"));
        t.config.baseUrl = base;
        t.config.defaultModel = QStringLiteral("fake-model");
        t.apiKey = QStringLiteral("sk-upstream-secret-0123456789abcdef");
        ResilienceOptions ro;
        ro.retry.baseDelayMs = 10;
        ro.retry.maxDelayMs = 50;
        ro.seed = 1;
        backend = std::make_unique<ResilientBackend>(&factory, nullptr, nullptr, QList<ProviderTarget>{t}, ro);
        server = std::make_unique<ApiServer>(backend.get());
        QString error;
        if (!server->listen(options, &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return true;
    }

    void setScript(const FaultInjection::FaultScript &s)
    {
        script = s;
        upstream.setScript(s);
    }

    QUrl url(const QString &path) const
    {
        QUrl u = server->baseUrl();
        u.setPath(path);
        return u;
    }

    QNetworkRequest request(const QString &path, bool withToken = true) const
    {
        QNetworkRequest r(url(path));
        r.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        if (withToken)
            r.setRawHeader("Authorization", "Bearer " + server->token());
        return r;
    }

    static QByteArray chatBody(bool stream, bool includeUsage = false)
    {
        QByteArray b = R"({"model":"fake-model","messages":[{"role":"user","content":"Hello?"}])";
        if (stream)
            b += R"(,"stream":true)";
        if (includeUsage)
            b += R"(,"stream_options":{"include_usage":true})";
        return b + '}';
    }
};
