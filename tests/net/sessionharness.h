// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// Shared set-up for StreamSession tests: a fault server on 127.0.0.1, the
// one QNetworkAccessManager, a RequestFactory, and a session whose signals
// are recorded.

#include "faultserver.h"
#include "net/requestfactory.h"
#include "net/streamsession.h"

#include <QNetworkAccessManager>
#include <QTest>
#include <memory>

inline const QString TestApiKey = QStringLiteral("sk-test-9f8e7d6c5b4a39281706f5e4d3c2b1a0");

struct SessionRun {
    std::unique_ptr<StreamSession> session;
    QString text;
    QString thinking;
    int keepAlives = 0;
    int textDeltas = 0;
    bool startedSeen = false;
    bool ended = false;
    bool finishedSeen = false;
    FinishReason reason = FinishReason::None;
    QString rawReason;
    bool failedSeen = false;
    StreamFailure failure;
    int endSignals = 0;
};

class SessionHarness
{
public:
    SessionHarness() : factory(&nam) { QVERIFY(server.listen()); }

    static bool adapterAvailable(ProviderKind kind) { return ProviderAdapter::create(kind) != nullptr; }

    ProviderConfig config(ProviderKind kind) const
    {
        ProviderConfig c;
        c.kind = kind;
        c.id = providerKindName(kind);
        QUrl base = server.baseUrl();
        if (kind == ProviderKind::OpenAI)
            base.setPath(QStringLiteral("/v1"));
        c.baseUrl = base;
        c.defaultModel = QStringLiteral("fake-model");
        return c;
    }

    static ChatRequest request(const QString &prompt = QStringLiteral("Hello?"))
    {
        ChatRequest r;
        ChatMessage m;
        m.role = ChatMessage::Role::User;
        m.content = prompt;
        r.messages.append(m);
        r.options.model = QStringLiteral("fake-model");
        r.options.maxTokens = 256;
        return r;
    }

    /// Creates a session, records its signals, starts it.
    std::unique_ptr<SessionRun> start(ProviderKind kind, const StreamOptions &options = {},
                                      const ChatRequest &req = request())
    {
        auto run = std::make_unique<SessionRun>();
        run->session = std::make_unique<StreamSession>(&factory);
        run->session->setOptions(options);
        SessionRun *r = run.get();
        StreamSession *s = r->session.get();
        QObject::connect(s, &StreamSession::started, s, [r] { r->startedSeen = true; });
        QObject::connect(s, &StreamSession::textDelta, s, [r](const QString &t) { r->text += t; ++r->textDeltas; });
        QObject::connect(s, &StreamSession::thinkingDelta, s, [r](const QString &t) { r->thinking += t; });
        QObject::connect(s, &StreamSession::keepAlive, s, [r] { ++r->keepAlives; });
        QObject::connect(s, &StreamSession::finished, s, [r](FinishReason reason, const QString &raw) {
            r->finishedSeen = r->ended = true;
            r->reason = reason;
            r->rawReason = raw;
            ++r->endSignals;
        });
        QObject::connect(s, &StreamSession::failed, s, [r](const StreamFailure &f) {
            r->failedSeen = r->ended = true;
            r->failure = f;
            ++r->endSignals;
        });
        s->start(req, config(kind), TestApiKey);
        return run;
    }

    QNetworkAccessManager nam;
    RequestFactory factory;
    FaultInjection::FaultServer server;
};

/// Waits (bounded) for the run to end.
#define WAIT_END(run, ms) QTRY_VERIFY_WITH_TIMEOUT((run)->ended, ms)
