// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "models/chatrowsmodel.h"
#include "models/messagelistmodel.h"
#include "net/chunkcoalescer.h"
#include "net/streamstats.h"
#include "resilience/streamerror.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class AsyncStore;
class Checkpointer;
class ProviderDirectory;
class RequestFactory;
class ResilientStream;

/// One open conversation. Loads its messages from the store, sends and
/// streams answers through a ResilientStream, and exposes the resilience
/// state (idle, streaming, waiting to retry with a deadline, resumed, gave
/// up) as properties for QML to bind to. Every change the user sees is
/// saved through the AsyncStore (a Checkpointer while streaming), so an
/// answer survives quits and crashes and can be continued.
class ChatController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(qint64 conversationId READ conversationId CONSTANT)
    Q_PROPERTY(MessageListModel *messages READ messages CONSTANT)
    /// The messages laid out for the chat view: one row per piece of a message.
    Q_PROPERTY(ChatRowsModel *rows READ rows CONSTANT)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    /// True while an answer streams or waits for a retry (Send is Cancel).
    Q_PROPERTY(bool busy READ isBusy NOTIFY statusChanged)
    Q_PROPERTY(bool loaded READ isLoaded NOTIFY loadedChanged)
    Q_PROPERTY(QString providerId READ providerId WRITE setProviderId NOTIFY providerChanged)
    Q_PROPERTY(QString model READ model WRITE setModel NOTIFY providerChanged)
    /// The retry that is pending: the reason in plain words, attempt n of N,
    /// and when it happens (ms since the epoch).
    Q_PROPERTY(QString retryReason READ retryReason NOTIFY retryChanged)
    Q_PROPERTY(int attempt READ attempt NOTIFY retryChanged)
    Q_PROPERTY(int maxAttempts READ maxAttempts NOTIFY retryChanged)
    Q_PROPERTY(double retryDeadline READ retryDeadline NOTIFY retryChanged)
    /// The fallback provider answering instead, "" when the chosen one is.
    Q_PROPERTY(QString fallbackProvider READ fallbackProvider NOTIFY retryChanged)
    /// After giving up: the classified reason and whether a partial is kept.
    Q_PROPERTY(QString errorKind READ errorKind NOTIFY errorChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    Q_PROPERTY(bool errorHasPartial READ errorHasPartial NOTIFY errorChanged)
    Q_PROPERTY(qint64 failedMessageId READ failedMessageId NOTIFY errorChanged)
    /// Progress of the streaming answer: when it started (ms since the
    /// epoch) and the tokens received so far.
    Q_PROPERTY(double streamStartedAt READ streamStartedAt NOTIFY progressChanged)
    Q_PROPERTY(int tokensSoFar READ tokensSoFar NOTIFY progressChanged)

public:
    enum Status {
        Idle,           ///< nothing in flight
        Streaming,      ///< an answer is arriving
        WaitingToRetry, ///< a retry is scheduled (see retryDeadline)
        Resumed,        ///< a retry succeeded; the answer continues (shown briefly)
        GaveUp,         ///< recovery ended; the partial answer is kept
    };
    Q_ENUM(Status)

    ChatController(qint64 conversationId, AsyncStore *store, RequestFactory *factory,
                   ProviderDirectory *providers, QObject *parent = nullptr);
    ~ChatController() override;

    qint64 conversationId() const { return m_conversationId; }
    MessageListModel *messages() { return &m_messages; }
    ChatRowsModel *rows() { return &m_rows; }
    Status status() const { return m_status; }
    bool isBusy() const { return m_status == Streaming || m_status == WaitingToRetry || m_status == Resumed; }
    bool isLoaded() const { return m_loaded; }
    QString providerId() const { return m_providerId; }
    void setProviderId(const QString &id);
    QString model() const { return m_model; }
    void setModel(const QString &model);
    QString retryReason() const { return m_retryReason; }
    int attempt() const { return m_attempt; }
    int maxAttempts() const { return m_maxAttempts; }
    double retryDeadline() const { return double(m_retryDeadline); }
    QString fallbackProvider() const { return m_fallback; }
    QString errorKind() const { return m_errorKind; }
    QString errorMessage() const { return m_errorMessage; }
    bool errorHasPartial() const { return m_errorHasPartial; }
    qint64 failedMessageId() const { return m_failedId; }
    double streamStartedAt() const { return double(m_startedAt); }
    int tokensSoFar() const { return m_tokens; }

    /// Sends a user message and streams the answer.
    Q_INVOKABLE void send(const QString &text);
    /// Stops the answer at once; the partial stays, marked cancelled.
    Q_INVOKABLE void cancel();
    /// Skips the wait of a scheduled retry.
    Q_INVOKABLE void retryNow();
    /// Continues an interrupted, cancelled or failed answer in the same bubble.
    Q_INVOKABLE void continueMessage(qint64 messageId);
    /// Asks again for a failed answer (drops it and resends).
    Q_INVOKABLE void retryMessage(qint64 messageId);
    /// Replaces an answer with a fresh one.
    Q_INVOKABLE void regenerate(qint64 messageId);
    /// Changes a user message, drops what followed, and sends it again.
    Q_INVOKABLE void editAndResend(qint64 messageId, const QString &text);
    Q_INVOKABLE void deleteMessage(qint64 messageId);
    Q_INVOKABLE void dismissError();
    /// The last answer's text ("" when none), for Ctrl+Shift+C.
    Q_INVOKABLE QString lastAnswer() const { return m_messages.lastAssistantText(); }

    /// The conversation as Markdown (title, then each message).
    QString toMarkdown(const QString &title) const;

Q_SIGNALS:
    void statusChanged();
    void loadedChanged();
    void providerChanged();
    void retryChanged();
    void errorChanged();
    void progressChanged();
    /// Something changed that the conversation list shows (activity, counts).
    void activity();
    /// A problem to show briefly (e.g. no provider configured).
    void notice(const QString &text);

private:
    void load();
    void startAnswer(qint64 assistantId, const QString &partial);
    void sendAfter(int keepRows);
    void onText(const QString &text);
    void onFinished(int reason);
    void setStatus(Status s);
    void clearRetry();
    void setError(const QString &kind, const QString &message, bool hasPartial, qint64 id);
    void saveWhole(qint64 id);
    void deleteFromStore(const QList<qint64> &ids);
    /// Deletes the saved messages from row on (model order == store order).
    void deleteFromIndex(int row);

    qint64 m_conversationId;
    AsyncStore *m_store;
    RequestFactory *m_factory;
    ProviderDirectory *m_providers;
    MessageListModel m_messages;
    ChatRowsModel m_rows;
    ChunkCoalescer m_coalescer;
    StreamStats m_stats;
    QElapsedTimer m_clock;
    QTimer m_resumedTimer;
    std::unique_ptr<ResilientStream> m_stream;
    std::unique_ptr<Checkpointer> m_checkpointer;
    qint64 m_streamingId = 0;   ///< the answer being written (temporary id until saved)
    Status m_status = Idle;
    bool m_loaded = false;
    QString m_providerId;
    QString m_model;
    QString m_retryReason;
    int m_attempt = 0;
    int m_maxAttempts = 0;
    qint64 m_retryDeadline = 0;
    QString m_fallback;
    QString m_errorKind;
    QString m_errorMessage;
    bool m_errorHasPartial = false;
    qint64 m_failedId = 0;
    qint64 m_startedAt = 0;
    int m_tokens = 0;
};
