// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chatcontroller.h"

#include "controllers/providerdirectory.h"
#include "resilience/resilientstream.h"
#include "storage/asyncstore.h"
#include "storage/checkpointer.h"
#include "util/logging.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace {
QString capitalized(QString s)
{
    if (!s.isEmpty())
        s[0] = s.at(0).toUpper();
    return s;
}
} // namespace

ChatController::ChatController(qint64 conversationId, AsyncStore *store, RequestFactory *factory,
                               ProviderDirectory *providers, QObject *parent)
    : QObject(parent)
    , m_conversationId(conversationId)
    , m_store(store)
    , m_factory(factory)
    , m_providers(providers)
{
    m_rows.setSource(&m_messages);
    // Time strategy at 16 ms: at most one model update per frame.
    m_coalescer.setOptions({ChunkCoalescer::Strategy::Time, 16, 1 << 16});
    connect(&m_coalescer, &ChunkCoalescer::flushed, this, [this](const QString &t) {
        m_messages.appendText(m_streamingId, t);
        m_tokens = int(m_stats.outputTokens());
        Q_EMIT progressChanged();
    });
    m_resumedTimer.setSingleShot(true);
    m_resumedTimer.setInterval(2500);
    connect(&m_resumedTimer, &QTimer::timeout, this, [this] {
        if (m_status == Resumed)
            setStatus(Streaming);
    });
    load();
}

ChatController::~ChatController()
{
    if (m_stream && m_stream->isRunning()) {
        // Quitting mid-answer: keep it as interrupted (continuable).
        m_stream->disconnect(this);
        m_stream->cancel();
        m_coalescer.flush();
        if (m_checkpointer)
            m_checkpointer->setState(MessageState::Interrupted);
    }
}

void ChatController::load()
{
    const qint64 id = m_conversationId;
    m_store->call<std::pair<std::optional<StoredConversation>, QList<StoredMessage>>>(
        [id](Store &s) { return std::make_pair(s.conversation(id), s.messages(id)); }, this,
        [this](std::pair<std::optional<StoredConversation>, QList<StoredMessage>> r) {
            if (r.first) {
                m_providerId = r.first->providerId;
                m_model = r.first->model;
            }
            if (m_providerId.isEmpty() && m_providers)
                m_providerId = m_providers->defaultProviderId();
            Q_EMIT providerChanged();
            m_messages.setMessages(r.second);
            m_loaded = true;
            Q_EMIT loadedChanged();
        });
}

void ChatController::setProviderId(const QString &id)
{
    if (id == m_providerId)
        return;
    m_providerId = id;
    m_model.clear();
    Q_EMIT providerChanged();
    const qint64 cid = m_conversationId;
    m_store->post([cid, id](Store &s) {
        if (auto c = s.conversation(cid)) {
            c->providerId = id;
            c->model.clear();
            s.updateConversation(*c);
        }
    });
}

void ChatController::setModel(const QString &model)
{
    if (model == m_model)
        return;
    m_model = model;
    Q_EMIT providerChanged();
    const qint64 cid = m_conversationId;
    m_store->post([cid, model](Store &s) {
        if (auto c = s.conversation(cid)) {
            c->model = model;
            s.updateConversation(*c);
        }
    });
}

void ChatController::send(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty() || isBusy() || !m_loaded)
        return;
    StoredMessage user;
    user.conversationId = m_conversationId;
    user.role = ChatMessage::Role::User;
    user.content = t;
    const int row = m_messages.append(user);
    const qint64 tmp = m_messages.message(row).id;
    m_store->call<qint64>([user](Store &s) mutable {
                              return s.appendMessage(user);
                          }, this,
                          [this, tmp](qint64 id) {
                              if (id > 0)
                                  m_messages.setMessageId(m_messages.rowOf(tmp), id);
                          });
    sendAfter(m_messages.rowCount());
}

void ChatController::sendAfter(int keepRows)
{
    const auto target = m_providers ? m_providers->target(m_providerId, m_model) : std::nullopt;
    if (!target) {
        Q_EMIT notice(tr("Choose a provider in Settings first."));
        return;
    }
    StoredMessage answer;
    answer.conversationId = m_conversationId;
    answer.role = ChatMessage::Role::Assistant;
    answer.state = MessageState::Streaming;
    answer.providerId = target->config.id;
    answer.model = target->model;
    m_messages.truncateFrom(keepRows);
    const int row = m_messages.append(answer);
    startAnswer(m_messages.message(row).id, {});
    const qint64 tmp = m_streamingId;
    m_store->call<qint64>([answer](Store &s) mutable {
                              return s.appendMessage(answer);
                          }, this,
                          [this, tmp](qint64 id) {
                              const int r = m_messages.rowOf(tmp);
                              if (id <= 0 || r < 0)
                                  return;
                              m_messages.setMessageId(r, id);
                              if (m_streamingId == tmp)
                                  m_streamingId = id;
                              if (m_failedId == tmp) {
                                  m_failedId = id;
                                  Q_EMIT errorChanged(); // failedMessageId changed
                              }
                              saveWhole(id); // catches up with everything so far (and a final state)
                              if (m_stream && m_stream->isRunning() && m_streamingId == id) {
                                  m_checkpointer = std::make_unique<Checkpointer>(
                                      id,
                                      [this, id] {
                                          const StoredMessage m = m_messages.message(m_messages.rowOf(id));
                                          return Checkpointer::Snapshot{m.content + m_coalescer.pending(), m.thinking};
                                      },
                                      Checkpointer::asyncWriter(m_store));
                              }
                          });
}

void ChatController::startAnswer(qint64 assistantId, const QString &partial)
{
    const int row = m_messages.rowOf(assistantId);
    const StoredMessage answer = m_messages.message(row);
    const auto target = m_providers ? m_providers->target(answer.providerId.isEmpty() ? m_providerId : answer.providerId,
                                                          answer.providerId.isEmpty() ? m_model : answer.model)
                                    : std::nullopt;
    if (!target) {
        Q_EMIT notice(tr("Choose a provider in Settings first."));
        return;
    }
    ChatRequest request;
    for (int i = 0; i < row; ++i)
        request.messages.append(m_messages.message(i).toChatMessage());
    request.options.model = target->model;

    m_streamingId = assistantId;
    m_coalescer.clear();
    m_stats.reset();
    m_clock.start();
    m_stats.start(0);
    m_startedAt = QDateTime::currentMSecsSinceEpoch();
    m_tokens = 0;
    m_fallback.clear();
    clearRetry();
    setError({}, {}, false, 0);
    m_messages.setState(assistantId, MessageState::Streaming);
    Q_EMIT progressChanged();

    m_stream = std::make_unique<ResilientStream>(m_factory, nullptr, nullptr);
    m_stream->setOptions(m_providers->resilience(target->config.id));
    m_stream->setFallbacks(m_providers->fallbacks(target->config.id));
    ResilientStream *s = m_stream.get();
    connect(s, &ResilientStream::textDelta, this, &ChatController::onText);
    connect(s, &ResilientStream::thinkingDelta, this, [this](const QString &t) {
        m_messages.appendThinking(m_streamingId, t);
        if (m_checkpointer)
            m_checkpointer->tokenAdded();
    });
    connect(s, &ResilientStream::attemptStarted, this, [this](int) {
        if (m_status == WaitingToRetry)
            clearRetry();
        if (m_status != Resumed)
            setStatus(Streaming);
    });
    connect(s, &ResilientStream::retryScheduled, this,
            [this](int attempt, int maxAttempts, qint64 delayMs, const StreamError &e) {
                m_retryReason = capitalized(e.message);
                m_attempt = attempt;
                m_maxAttempts = maxAttempts;
                m_retryDeadline = QDateTime::currentMSecsSinceEpoch() + delayMs;
                m_messages.setAttempt(m_streamingId, attempt, maxAttempts, true);
                Q_EMIT retryChanged();
                setStatus(WaitingToRetry);
            });
    connect(s, &ResilientStream::resumed, this, [this](int) {
        clearRetry();
        setStatus(Resumed);
        m_resumedTimer.start();
    });
    connect(s, qOverload<const QString &>(&ResilientStream::fallbackUsed), this, [this](const QString &provider) {
        m_fallback = m_providers->displayName(provider);
        Q_EMIT retryChanged();
    });
    connect(s, &ResilientStream::usage, this,
            [this](qint64 in, qint64 out) { m_stats.setUsage(in, out); });
    connect(s, &ResilientStream::gaveUp, this, [this](const StreamError &e) {
        m_coalescer.flush();
        const QString text = m_messages.message(m_messages.rowOf(m_streamingId)).content;
        setError(streamErrorKindName(e.kind), capitalized(e.displayText()), !text.isEmpty(), m_streamingId);
    });
    connect(s, &ResilientStream::finished, this, [this](FinishReason r) { onFinished(int(r)); });
    setStatus(Streaming);
    // A Continue is the stream's own resume (prefill or instruction per
    // provider and model, trimming, stitching): textDelta() carries only the
    // new text, which is appended to the kept partial.
    if (partial.isEmpty())
        s->start(request, *target);
    else
        s->startContinuation(request, *target, partial, answer.thinking);
}

void ChatController::onText(const QString &text)
{
    m_stats.addChunk(text.size(), m_clock.elapsed());
    if (!text.isEmpty())
        m_coalescer.append(text);
    if (m_checkpointer)
        m_checkpointer->tokenAdded();
}
