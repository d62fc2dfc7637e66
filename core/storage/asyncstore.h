// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "store.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <functional>

/// Runs a Store on its own worker thread so that database work never blocks
/// the calling (GUI) thread. Jobs are queued in order; each result is
/// delivered on the thread of a context object through a queued call, and is
/// dropped if that object has been destroyed.
///
/// Streaming checkpoints are coalesced: while a checkpoint of a message is
/// still waiting, a newer one replaces it, so a slow disk never builds a
/// backlog and the caller only pays for a mutex and a hash insert.
class AsyncStore : public QObject
{
    Q_OBJECT
public:
    explicit AsyncStore(QObject *parent = nullptr);
    ~AsyncStore() override; ///< finishes queued jobs, then closes the store

    /// Opens the store on the worker. done(error, sweptCount) runs on context's thread.
    void open(const QString &path, const Store::Options &options, QObject *context,
              std::function<void(const StoreError &, int swept)> done);

    /// Runs job(store) on the worker, then done(result) on context's thread.
    template<typename R>
    void call(std::function<R(Store &)> job, QObject *context, std::function<void(R)> done)
    {
        QPointer<QObject> guard(context);
        post([job = std::move(job), guard, context, done = std::move(done)](Store &store) {
            R result = job(store);
            if (!guard || !done)
                return;
            QMetaObject::invokeMethod(context, [done, result = std::move(result)]() { done(result); },
                                      Qt::QueuedConnection);
        });
    }
    /// Runs job(store) on the worker; no result.
    void post(std::function<void(Store &)> job);

    /// Queues a cheap save of a streaming message (coalesced per message).
    void checkpoint(qint64 messageId, const QString &content, const QString &thinking, MessageState state);

    /// Blocks until every job queued so far has run (for shutdown and tests).
    void waitForIdle();

Q_SIGNALS:
    /// A queued write failed; the message names the file and the problem.
    void writeFailed(const StoreError &error);

private:
    struct PendingCheckpoint {
        QString content;
        QString thinking;
        MessageState state = MessageState::Streaming;
    };
    void flushCheckpoints();

    QThread m_thread;
    QObject *m_worker = nullptr; ///< lives on m_thread
    Store *m_store = nullptr;    ///< used only on m_thread
    QMutex m_mutex;
    QHash<qint64, PendingCheckpoint> m_pending;
    bool m_flushQueued = false;
};
