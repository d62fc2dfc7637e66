// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "asyncstore.h"

#include <QSemaphore>

AsyncStore::AsyncStore(QObject *parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("confab-store"));
    m_worker = new QObject;
    m_worker->moveToThread(&m_thread);
    m_store = new Store;
    m_thread.start();
}

AsyncStore::~AsyncStore()
{
    // Last checkpoints first, then close, all on the worker that owns the connection.
    QMetaObject::invokeMethod(m_worker, [this]() { flushCheckpoints(); }, Qt::QueuedConnection);
    Store *store = m_store;
    QObject *worker = m_worker;
    QMetaObject::invokeMethod(worker, [store, worker]() {
        delete store; // closes the connection on the thread that opened it
        delete worker;
    }, Qt::QueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void AsyncStore::open(const QString &path, const Store::Options &options, QObject *context,
                      std::function<void(const StoreError &, int)> done)
{
    QPointer<QObject> guard(context);
    post([path, options, guard, context, done = std::move(done)](Store &store) {
        store.open(path, options);
        const StoreError error = store.lastError();
        const int swept = store.sweptAtOpen();
        if (guard && done)
            QMetaObject::invokeMethod(context, [done, error, swept]() { done(error, swept); }, Qt::QueuedConnection);
    });
}

void AsyncStore::post(std::function<void(Store &)> job)
{
    Store *store = m_store;
    QMetaObject::invokeMethod(m_worker, [store, job = std::move(job)]() { job(*store); }, Qt::QueuedConnection);
}

void AsyncStore::checkpoint(qint64 messageId, const QString &content, const QString &thinking, MessageState state)
{
    {
        QMutexLocker lock(&m_mutex);
        m_pending.insert(messageId, PendingCheckpoint{content, thinking, state});
        if (m_flushQueued)
            return;
        m_flushQueued = true;
    }
    QMetaObject::invokeMethod(m_worker, [this]() { flushCheckpoints(); }, Qt::QueuedConnection);
}

void AsyncStore::flushCheckpoints()
{
    QHash<qint64, PendingCheckpoint> pending;
    {
        QMutexLocker lock(&m_mutex);
        pending.swap(m_pending);
        m_flushQueued = false;
    }
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        if (!m_store->isOpen() || !m_store->checkpoint(it.key(), it->content, it->thinking, it->state))
            Q_EMIT writeFailed(m_store->isOpen() ? m_store->lastError()
                                                 : StoreError{StoreError::Kind::Io, QStringLiteral("the conversation database is not open")});
    }
}

void AsyncStore::waitForIdle()
{
    QSemaphore done;
    post([&done](Store &) { done.release(); });
    done.acquire();
}
