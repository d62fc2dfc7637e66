// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storedchat.h"

#include "clicommands.h"
#include "storage/storedanswer.h"
#include "storage/storeerrormetrics.h"

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Cli {

bool openStore(Store &store, const QString &path)
{
    if (store.open(path.isEmpty() ? Store::defaultPath() : path))
        return true;
    printError(store.lastError().message);
    return false;
}

StoredChat::StoredChat() = default;
StoredChat::~StoredChat() = default;

void StoredChat::setIds(qint64 conversationId, qint64 messageId)
{
    m_conversationId = conversationId;
    m_messageId = messageId;
}

bool StoredChat::beginChat(const QString &dbPath, const QString &conversationArg, const ProviderConfig &config,
                           const QString &prompt, ChatRequest *request)
{
    if (!openStore(m_store, dbPath))
        return false;
    StoredConversation conversation;
    if (!conversationArg.isEmpty()) {
        bool ok = false;
        const qint64 id = conversationArg.toLongLong(&ok);
        if (!ok || id <= 0) {
            printError(u"chat: --conversation must be a conversation id (a positive number), not '%1'"_s
                           .arg(conversationArg.left(40)));
            return false;
        }
        const std::optional<StoredConversation> found = m_store.conversation(id);
        if (!found) {
            printError(u"chat: no conversation %1 in %2"_s.arg(id).arg(m_store.path()));
            return false;
        }
        conversation = *found;
    } else {
        conversation.title = prompt.simplified().left(60);
        conversation.providerId = config.id;
        conversation.model = request->options.model;
        // Where to continue later; never the URL's user info.
        conversation.settings.insert(u"baseUrl"_s, config.baseUrl.toString(QUrl::RemoveUserInfo));
        if (!request->options.systemPrompt.isEmpty())
            conversation.settings.insert(u"systemPrompt"_s, request->options.systemPrompt);
        conversation.id = m_store.createConversation(conversation);
        if (conversation.id == 0) {
            printError(m_store.lastError().message);
            return false;
        }
    }
    m_conversationId = conversation.id;

    StoredMessage user;
    user.conversationId = conversation.id;
    user.role = ChatMessage::Role::User;
    user.content = prompt;
    user.state = MessageState::Complete;
    StoredMessage answer;
    answer.conversationId = conversation.id;
    answer.role = ChatMessage::Role::Assistant;
    answer.state = MessageState::Streaming; // before the request is sent: a crash leaves it to the sweep
    answer.providerId = config.id;
    answer.model = request->options.model;
    if (m_store.appendMessage(user) == 0 || m_store.appendMessage(answer) == 0) {
        printError(m_store.lastError().message);
        return false;
    }
    m_messageId = answer.id;

    const ChatRequest history =
        StoredHistory::requestBefore(m_store.messages(conversation.id), conversation, answer.id);
    request->messages = history.messages;
    if (request->options.systemPrompt.isEmpty())
        request->options.systemPrompt = history.options.systemPrompt;
    std::fprintf(stderr, "conversation %lld, message %lld\n", static_cast<long long>(m_conversationId),
                 static_cast<long long>(m_messageId));
    std::fflush(stderr);
    return true;
}

ErrorMetrics *StoredChat::metrics(ErrorMetrics *also)
{
    m_metrics = std::make_unique<StoreErrorMetrics>(&m_store);
    m_metrics->setForward(also);
    return m_metrics.get();
}

void StoredChat::attach(ResilientStream *stream, const QStringList &secrets)
{
    m_answer = std::make_unique<StoredAnswer>(&m_store, stream, m_messageId, secrets);
}

bool StoredChat::end()
{
    if (!m_answer || !m_answer->finalState())
        return true;
    if (!m_answer->saveError().isEmpty()) {
        printError(u"could not save message %1: %2"_s.arg(m_messageId).arg(m_answer->saveError()));
        return false;
    }
    return true;
}

} // namespace Cli
