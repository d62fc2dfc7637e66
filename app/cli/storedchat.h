// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"
#include "storage/store.h"

#include <QString>
#include <QStringList>
#include <memory>

class ErrorMetrics;
class ResilientStream;
class StoredAnswer;
class StoreErrorMetrics;

namespace Cli {

/// The stored side of `confab-cli chat --db PATH [--conversation ID]` and of
/// `confab-cli continue`: the store, the assistant message being written
/// (checkpointed by a StoredAnswer) and the persisted error metrics.
class StoredChat
{
public:
    StoredChat();
    ~StoredChat();

    /// chat: opens the store, appends the user message and an assistant
    /// message in state streaming to conversation conversationArg (a new one
    /// when empty), and sets request->messages (and the system prompt, unless
    /// given) from the stored conversation. Prints "conversation N, message M"
    /// on stderr. false: the error was printed.
    bool beginChat(const QString &dbPath, const QString &conversationArg, const ProviderConfig &config,
                   const QString &prompt, ChatRequest *request);

    /// The metrics sink for the stream: persisted, and forwarded to also.
    ErrorMetrics *metrics(ErrorMetrics *also);
    /// Records the stream's answer into the assistant message (connect before starting).
    void attach(ResilientStream *stream, const QStringList &secrets);
    /// After the stream finished: false (error printed) when the final save failed.
    bool end();

    Store &store() { return m_store; }
    qint64 conversationId() const { return m_conversationId; }
    qint64 messageId() const { return m_messageId; }
    /// Used by continue, which works on an existing message.
    void setIds(qint64 conversationId, qint64 messageId);

private:
    Store m_store;
    std::unique_ptr<StoreErrorMetrics> m_metrics;
    std::unique_ptr<StoredAnswer> m_answer;
    qint64 m_conversationId = 0;
    qint64 m_messageId = 0;
};

/// Opens the store at path (the default path when empty); prints the error.
bool openStore(Store &store, const QString &path);

} // namespace Cli
