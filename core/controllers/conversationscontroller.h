// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "controllers/chatcontroller.h"
#include "models/conversationlistmodel.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <optional>

class AsyncStore;
class ProviderDirectory;
class RequestFactory;

/// The sidebar's controller: lists and searches conversations (on the store's
/// worker), creates, renames and deletes them (with undo), and owns the
/// ChatController of the open one.
class ConversationsController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(ConversationListModel *model READ model CONSTANT)
    Q_PROPERTY(ChatController *current READ current NOTIFY currentChanged)
    Q_PROPERTY(qint64 currentId READ currentId NOTIFY currentChanged)
    Q_PROPERTY(QString currentTitle READ currentTitle NOTIFY currentTitleChanged)
    Q_PROPERTY(QString query READ query NOTIFY queryChanged)
    /// Title of the conversation just deleted while Undo is still offered, else "".
    Q_PROPERTY(QString pendingDeleteTitle READ pendingDeleteTitle NOTIFY pendingDeleteChanged)

public:
    ConversationsController(AsyncStore *store, RequestFactory *factory, ProviderDirectory *providers,
                            QObject *parent = nullptr);
    ~ConversationsController() override; ///< finishes a pending delete

    ConversationListModel *model() { return &m_model; }
    ChatController *current() const { return m_current; }
    qint64 currentId() const;
    QString currentTitle() const;
    QString query() const { return m_query; }
    QString pendingDeleteTitle() const;

    /// Reloads the list (or the search results).
    Q_INVOKABLE void refresh();
    /// Creates an empty conversation and opens it.
    Q_INVOKABLE void newChat();
    Q_INVOKABLE void open(qint64 id);
    /// Opens the most recent conversation, or starts a new one when there is none.
    Q_INVOKABLE void openMostRecent();
    Q_INVOKABLE void rename(qint64 id, const QString &title);
    /// Removes from the list at once; deleted for good when Undo times out.
    Q_INVOKABLE void remove(qint64 id);
    Q_INVOKABLE void undoRemove();
    /// Filters by title and content; "" lists everything.
    Q_INVOKABLE void search(const QString &query);
    /// Writes the open conversation as Markdown; "" or the problem.
    Q_INVOKABLE QString exportMarkdown(const QUrl &file);
    /// The last answer of the open conversation, copied to the clipboard.
    Q_INVOKABLE bool copyLastAnswer();

Q_SIGNALS:
    void currentChanged();
    void currentTitleChanged();
    void queryChanged();
    void pendingDeleteChanged();
    void notice(const QString &text);

private:
    void commitPendingDelete();
    void titleFromFirstMessage();

    AsyncStore *m_store;
    RequestFactory *m_factory;
    ProviderDirectory *m_providers;
    ConversationListModel m_model;
    QPointer<ChatController> m_current;
    QString m_query;
    int m_searchGeneration = 0;
    std::optional<ConversationSummary> m_pendingDelete;
    QTimer m_undoTimer;
};
