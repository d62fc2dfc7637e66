// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "checkpointer.h"
#include "protocol/streamevent.h"
#include "resilience/streamerror.h"
#include "storetypes.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

class ResilientStream;
class Store;

/// Records the assistant answer a ResilientStream writes into one stored
/// message (already in the store, state streaming): checkpointed while it
/// streams (Checkpointer: every N deltas or T ms, synchronous writes on this
/// thread), then, when the stream finishes, the whole row in one write with
/// its final state:
///  - complete: the stream finished normally (stop, length, tool calls, filter);
///  - cancelled: cancel();
///  - interrupted: gave up on a transient error (network, timeout, rate
///    limit, overloaded, server) or ended without an answer's end;
///  - failed: gave up on any other error (auth, malformed, invalid request...).
/// interrupted and failed keep the classified error kind and a redacted
/// message. Connect it before starting the stream.
class StoredAnswer : public QObject
{
    Q_OBJECT
public:
    /// secrets: every API key in use, scrubbed from the stored error message.
    StoredAnswer(Store *store, ResilientStream *stream, qint64 messageId, const QStringList &secrets,
                 const Checkpointer::Options &options = {}, QObject *parent = nullptr);
    ~StoredAnswer() override;

    qint64 messageId() const { return m_messageId; }
    /// Set once the stream has finished and the row was written (or failed to be).
    std::optional<MessageState> finalState() const { return m_final; }
    /// The last write failure (a checkpoint or the final save), "" when none.
    QString saveError() const { return m_saveError; }
    int checkpoints() const;

    /// The state a finished stream maps to (see the class comment).
    static MessageState stateFor(FinishReason reason, const std::optional<StreamError> &gaveUp);

Q_SIGNALS:
    /// The final row was written (ok) or the write failed (saveError()).
    void recorded(MessageState state, bool ok);

private:
    void onFinished(FinishReason reason);

    Store *m_store;
    ResilientStream *m_stream;
    qint64 m_messageId;
    QStringList m_secrets;
    std::unique_ptr<Checkpointer> m_checkpointer;
    std::optional<StreamError> m_gaveUp;
    std::optional<MessageState> m_final;
    QString m_saveError;
};

// Building requests from the store.
namespace StoredHistory {

/// The conversation before message `before` (all of it when before is 0), as
/// a request: system messages become the system prompt (else the
/// conversation's "systemPrompt" setting); empty messages are left out.
ChatRequest requestBefore(const QList<StoredMessage> &messages, const StoredConversation &conversation,
                          qint64 before);

} // namespace StoredHistory
