// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "net/streamfailure.h"
#include "net/streamsession.h"
#include "protocol/chatrequest.h"

#include <QObject>
#include <QString>

class RequestFactory;

/// One answer for a front end without a UI (confab-cli chat): resolves what
/// to send, runs the stream and reports a single outcome. The stream engine
/// is one StreamSession today; the resilience layer can swap in a
/// ResilientStream behind the same signals without touching the front end.
class ChatRun : public QObject
{
    Q_OBJECT
public:
    enum class Outcome { Running, Complete, Failed, Cancelled };
    Q_ENUM(Outcome)

    struct Spec {
        ProviderConfig config;
        ChatRequest request;
        QString apiKey;         ///< may be empty (Ollama, loopback servers)
        StreamOptions options;
    };

    explicit ChatRun(RequestFactory *factory, QObject *parent = nullptr);

    void start(const Spec &spec);
    /// Cancels at once; outcome Cancelled with the partial kept.
    void cancel();

    Outcome outcome() const { return m_outcome; }
    /// The message so far (final after done()).
    const MessageAccumulator &message() const;
    /// A one-line, redacted description of the failure (Failed only).
    QString errorMessage() const { return m_error; }

    /// Default base URL per provider (the official endpoints; Ollama's local one).
    static QUrl defaultBaseUrl(ProviderKind kind);
    /// Default environment variable holding the key ("" for Ollama).
    static QString defaultKeyVariable(ProviderKind kind);
    /// A short, readable description of a failure (no key, no body dumps).
    static QString describe(const StreamFailure &failure);

Q_SIGNALS:
    void textDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void done(ChatRun::Outcome outcome);

private:
    void end(Outcome outcome);

    RequestFactory *m_factory;
    StreamSession *m_session = nullptr;
    Outcome m_outcome = Outcome::Running;
    QString m_error;
    MessageAccumulator m_empty;
};
