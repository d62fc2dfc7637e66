// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "chatbackend.h"
#include "resilience/resilientstream.h"

#include <QList>
#include <QPointer>

class CircuitBreakerRegistry;
class ErrorMetrics;
class RequestFactory;

/// The API server's backend: the configured providers, each answer streamed
/// by a ResilientStream (retries, mid-stream resume with stitching,
/// fallback). A client asking for a model that one of the targets serves gets
/// that target first; any other model name gets the primary target.
class ResilientBackend : public ChatBackend
{
public:
    /// factory, breakers and metrics must outlive the backend; breakers and
    /// metrics may be null. targets: the primary first, then the fallbacks.
    ResilientBackend(RequestFactory *factory, CircuitBreakerRegistry *breakers, ErrorMetrics *metrics,
                     const QList<ProviderTarget> &targets, const ResilienceOptions &options = {});

    BackendStream *createStream(const ChatRequest &request, QObject *parent) override;
    QStringList models() const override;

    /// The model a target answers with: its own, else its config's default.
    static QString targetModel(const ProviderTarget &target);
    /// The OpenAI-style error the client gets when the stream gave up.
    static ApiError toApiError(const StreamError &error);

private:
    RequestFactory *m_factory;
    CircuitBreakerRegistry *m_breakers;
    ErrorMetrics *m_metrics;
    QList<ProviderTarget> m_targets;
    ResilienceOptions m_options;
};

/// One answer: a ResilientStream's signals as BackendStream events.
class ResilientBackendStream : public BackendStream
{
    Q_OBJECT
public:
    ResilientBackendStream(ResilientStream *stream, const ChatRequest &request, const ProviderTarget &primary,
                           QObject *parent);
    void start() override;
    void cancel() override;

private:
    void onFinished(FinishReason reason);

    ResilientStream *m_stream;
    ChatRequest m_request;
    ProviderTarget m_primary;
    StreamError m_lastError;
    bool m_cancelled = false;
};
