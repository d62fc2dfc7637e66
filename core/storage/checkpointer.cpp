// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "checkpointer.h"

#include "asyncstore.h"
#include "store.h"
#include "util/logging.h"

#include <algorithm>

Checkpointer::Checkpointer(qint64 messageId, Source source, Writer writer, const Options &options, QObject *parent)
    : QObject(parent)
    , m_messageId(messageId)
    , m_source(std::move(source))
    , m_writer(std::move(writer))
    , m_options(options)
{
    m_options.everyTokens = std::max(1, m_options.everyTokens);
    m_options.everyMs = std::max(1, m_options.everyMs);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Checkpointer::flush);
}

Checkpointer::Writer Checkpointer::storeWriter(Store *store)
{
    return [store](qint64 id, const Snapshot &s, MessageState state, QString *error) {
        if (store->checkpoint(id, s.content, s.thinking, state))
            return true;
        *error = store->lastError().message;
        return false;
    };
}

Checkpointer::Writer Checkpointer::asyncWriter(AsyncStore *store)
{
    return [store](qint64 id, const Snapshot &s, MessageState state, QString *) {
        store->checkpoint(id, s.content, s.thinking, state); // failures arrive as AsyncStore::writeFailed
        return true;
    };
}

void Checkpointer::tokenAdded()
{
    ++m_unsaved;
    if (m_unsaved >= m_options.everyTokens) {
        save();
        return;
    }
    if (!m_timer.isActive())
        m_timer.start(m_options.everyMs);
}

void Checkpointer::setState(MessageState state)
{
    m_state = state;
    save();
}

void Checkpointer::flush()
{
    if (m_unsaved > 0)
        save();
}

void Checkpointer::save()
{
    m_timer.stop();
    m_unsaved = 0;
    QString error;
    if (m_writer(m_messageId, m_source(), m_state, &error)) {
        ++m_saves;
        return;
    }
    qCWarning(lcStorage).noquote() << "checkpoint of message" << m_messageId << "failed:" << error;
    Q_EMIT saveFailed(error);
}
