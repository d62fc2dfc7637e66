// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "storetypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>

class AsyncStore;
class Store;

/// Saves a streaming assistant message while it is being written: every
/// `everyTokens` deltas or `everyMs` milliseconds after the first unsaved
/// delta, whichever comes first, and at every state change. A save is the
/// cheap Store::checkpoint() (one UPDATE of one row).
///
/// Guarantee (used by the crash test): a save triggered by tokenAdded() runs
/// before tokenAdded() returns, so at any moment at most everyTokens - 1
/// deltas the caller has already added are not yet on disk.
///
/// The checkpointer never copies the answer per delta: it asks the source for
/// the current text only when it saves.
class Checkpointer : public QObject
{
    Q_OBJECT
public:
    struct Options {
        int everyTokens = 64; ///< save after this many unsaved deltas (>= 1)
        int everyMs = 250;    ///< or this long after the first unsaved delta (>= 1)
    };
    struct Snapshot {
        QString content;
        QString thinking;
    };
    using Source = std::function<Snapshot()>;
    /// Writes one checkpoint; returns false (with a message) when it failed.
    using Writer = std::function<bool(qint64 messageId, const Snapshot &, MessageState, QString *error)>;

    Checkpointer(qint64 messageId, Source source, Writer writer, const Options &options, QObject *parent = nullptr);
    Checkpointer(qint64 messageId, Source source, Writer writer, QObject *parent = nullptr)
        : Checkpointer(messageId, std::move(source), std::move(writer), Options{}, parent) {}

    /// Synchronous writes through a Store on this thread (the CLI).
    static Writer storeWriter(Store *store);
    /// Queued, coalesced writes through an AsyncStore (the GUI); never blocks.
    static Writer asyncWriter(AsyncStore *store);

    qint64 messageId() const { return m_messageId; }
    MessageState state() const { return m_state; }
    const Options &options() const { return m_options; }

    /// Call after each text/thinking/tool delta has been added to the source.
    void tokenAdded();
    /// A state change (e.g. Streaming -> Interrupted): saved at once.
    void setState(MessageState state);
    /// Saves now if anything is unsaved.
    void flush();

    int saveCount() const { return m_saves; }
    int unsavedTokens() const { return m_unsaved; }

Q_SIGNALS:
    void saveFailed(const QString &message);

private:
    void save();

    qint64 m_messageId;
    Source m_source;
    Writer m_writer;
    Options m_options;
    MessageState m_state = MessageState::Streaming;
    QTimer m_timer;
    int m_unsaved = 0;
    int m_saves = 0;
};
