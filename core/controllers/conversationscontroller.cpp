// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "conversationscontroller.h"

#include "controllers/chatcontroller.h"
#include "controllers/providerdirectory.h"
#include "controllers/storeextras.h"
#include "storage/asyncstore.h"

#include <QClipboard>
#include <QFile>
#include <QGuiApplication>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

ConversationsController::ConversationsController(AsyncStore *store, RequestFactory *factory,
                                                 ProviderDirectory *providers, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_factory(factory)
    , m_providers(providers)
{
    m_undoTimer.setSingleShot(true);
    m_undoTimer.setInterval(8000);
    connect(&m_undoTimer, &QTimer::timeout, this, &ConversationsController::commitPendingDelete);
}

ConversationsController::~ConversationsController()
{
    commitPendingDelete();
}

qint64 ConversationsController::currentId() const
{
    return m_current ? m_current->conversationId() : 0;
}

QString ConversationsController::currentTitle() const
{
    const auto s = m_model.summary(currentId());
    return s ? (s->conversation.title.isEmpty() ? tr("New chat") : s->conversation.title) : QString();
}

QString ConversationsController::pendingDeleteTitle() const
{
    if (!m_pendingDelete)
        return {};
    return m_pendingDelete->conversation.title.isEmpty() ? tr("New chat") : m_pendingDelete->conversation.title;
}

void ConversationsController::refresh()
{
    const int generation = ++m_searchGeneration;
    const QString q = m_query;
    const qint64 hidden = m_pendingDelete ? m_pendingDelete->conversation.id : 0;
    m_store->call<StoreExtras::SearchResult>([q](Store &s) { return StoreExtras::search(s, q); }, this,
                                             [this, generation, hidden](StoreExtras::SearchResult r) {
                                                 if (generation != m_searchGeneration)
                                                     return; // a newer query is on its way
                                                 r.conversations.removeIf([hidden](const ConversationSummary &c) {
                                                     return c.conversation.id == hidden;
                                                 });
                                                 m_model.setConversations(r.conversations, r.snippets);
                                                 Q_EMIT currentTitleChanged();
                                             });
}

void ConversationsController::search(const QString &query)
{
    if (query == m_query)
        return;
    m_query = query;
    Q_EMIT queryChanged();
    refresh();
}

void ConversationsController::newChat()
{
    StoredConversation c;
    c.providerId = m_providers ? m_providers->defaultProviderId() : QString();
    m_store->call<qint64>([c](Store &s) { return s.createConversation(c); }, this, [this](qint64 id) {
        if (id <= 0) {
            Q_EMIT notice(tr("Could not create a conversation."));
            return;
        }
        if (!m_query.isEmpty())
            search({});
        else
            refresh();
        open(id);
    });
}

void ConversationsController::open(qint64 id)
{
    if (id == currentId() || id <= 0)
        return;
    if (m_current)
        m_current->deleteLater();
    m_current = new ChatController(id, m_store, m_factory, m_providers, this);
    connect(m_current, &ChatController::activity, this, [this] {
        titleFromFirstMessage();
        refresh();
    });
    connect(m_current, &ChatController::notice, this, &ConversationsController::notice);
    Q_EMIT currentChanged();
    Q_EMIT currentTitleChanged();
}

void ConversationsController::openMostRecent()
{
    m_store->call<QList<ConversationSummary>>([](Store &s) { return s.listConversations(); }, this,
                                              [this](const QList<ConversationSummary> &list) {
                                                  m_model.setConversations(list);
                                                  if (list.isEmpty())
                                                      newChat();
                                                  else
                                                      open(m_model.idAt(0));
                                              });
}

void ConversationsController::titleFromFirstMessage()
{
    const auto s = m_model.summary(currentId());
    if (!m_current || !s || !s->conversation.title.isEmpty() || m_current->messages()->rowCount() == 0)
        return;
    QString title = m_current->messages()->message(0).content.simplified();
    if (title.size() > 48)
        title = title.left(47) + u'…';
    rename(currentId(), title);
}

void ConversationsController::rename(qint64 id, const QString &title)
{
    const QString t = title.simplified();
    if (t.isEmpty())
        return;
    if (auto s = m_model.summary(id)) {
        s->conversation.title = t;
        m_model.upsert(*s);
        Q_EMIT currentTitleChanged();
    }
    m_store->post([id, t](Store &s) {
        if (auto c = s.conversation(id)) {
            c->title = t;
            s.updateConversation(*c);
        }
    });
}

void ConversationsController::remove(qint64 id)
{
    commitPendingDelete();
    m_pendingDelete = m_model.take(id);
    if (!m_pendingDelete)
        return;
    if (id == currentId()) {
        m_current->deleteLater();
        m_current = nullptr;
        Q_EMIT currentChanged();
        Q_EMIT currentTitleChanged();
    }
    m_undoTimer.start();
    Q_EMIT pendingDeleteChanged();
}

void ConversationsController::undoRemove()
{
    if (!m_pendingDelete)
        return;
    m_undoTimer.stop();
    const ConversationSummary s = *m_pendingDelete;
    m_pendingDelete.reset();
    m_model.upsert(s);
    Q_EMIT pendingDeleteChanged();
    if (!m_current)
        open(s.conversation.id);
}

void ConversationsController::commitPendingDelete()
{
    if (!m_pendingDelete)
        return;
    const qint64 id = m_pendingDelete->conversation.id;
    m_pendingDelete.reset();
    m_undoTimer.stop();
    m_store->post([id](Store &s) { s.deleteConversation(id); });
    Q_EMIT pendingDeleteChanged();
}

QString ConversationsController::exportMarkdown(const QUrl &file)
{
    if (!m_current)
        return tr("No conversation is open.");
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)
        || out.write(m_current->toMarkdown(currentTitle()).toUtf8()) < 0 || !out.commit())
        return tr("Could not write “%1”: %2").arg(path, out.errorString());
    return {};
}

bool ConversationsController::copyLastAnswer()
{
    const QString text = m_current ? m_current->lastAnswer() : QString();
    if (text.isEmpty() || !QGuiApplication::clipboard())
        return false;
    QGuiApplication::clipboard()->setText(text);
    return true;
}
