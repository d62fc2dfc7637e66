// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "storetypes.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <optional>

/// The durable conversation store: one SQLite file (WAL, foreign keys on,
/// versioned migrations with a backup before each), opened through Qt SQL.
///
/// Synchronous and bound to the thread that opened it (it owns its own
/// connection). The GUI uses it through AsyncStore, which runs it on a worker
/// thread; the CLI and tests use it directly.
///
/// Safety: a corrupt, locked, read-only or foreign file is refused with an
/// error naming the file and the problem, and is never written, truncated or
/// recreated. Every write is one transaction, so a failed write leaves the
/// saved conversation as it was.
class Store
{
public:
    struct Options {
        int busyTimeoutMs = 3000; ///< how long to wait for another program's lock
        bool sweepStreaming = true; ///< at open, turn "streaming" messages into "interrupted"
    };

    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    /// AppDataLocation/confab.sqlite.
    static QString defaultPath();

    /// Opens (creating if missing) and migrates the database at path.
    bool open(const QString &path, const Options &options);
    bool open(const QString &path) { return open(path, Options{}); }
    void close();
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    /// The last failure; message names the file and the problem.
    StoreError lastError() const { return m_error; }
    /// The schema version found in the file before migrating (0 for a new file).
    int openedFromVersion() const { return m_fromVersion; }
    /// The backup taken before migrating at open, or "" if none was needed.
    QString backupPath() const { return m_backupPath; }
    /// How many cut-off "streaming" messages open() turned into "interrupted".
    int sweptAtOpen() const { return m_swept; }

    // Conversations
    /// Inserts c (id, timestamps filled in when unset); returns the new id, 0 on error.
    qint64 createConversation(const StoredConversation &c);
    bool updateConversation(const StoredConversation &c);
    bool deleteConversation(qint64 id);
    std::optional<StoredConversation> conversation(qint64 id);
    /// All conversations, most recently updated first, with message counts.
    QList<ConversationSummary> listConversations();

    // Messages
    /// Appends m at the end of its conversation; fills in id, position and
    /// timestamps; returns the id, 0 on error.
    qint64 appendMessage(StoredMessage &m);
    /// Rewrites every column of an existing message (one transaction).
    bool updateMessage(const StoredMessage &m);
    /// The cheap streaming save: content, thinking and state of one row.
    bool checkpoint(qint64 messageId, const QString &content, const QString &thinking, MessageState state);
    std::optional<StoredMessage> message(qint64 id);
    /// The messages of a conversation, in order.
    QList<StoredMessage> messages(qint64 conversationId);
    /// Deletes the messages with these ids in one transaction (ids not found
    /// are skipped); false, with nothing deleted, on failure.
    bool deleteMessages(const QList<qint64> &ids);
    /// Deletes the message at 0-based index (in conversation order) and every
    /// later one (regenerate, edit-and-resend); returns how many, -1 on error.
    int deleteMessagesFrom(qint64 conversationId, int index);
    /// Turns every "streaming" message into "interrupted"; returns how many.
    int sweepStreaming();

    // Error metrics
    bool recordError(const ErrorMetric &metric);
    /// Counts by kind and provider over the hour, day and week before now.
    QList<ErrorCount> errorCounts(const QDateTime &now);
    /// Deletes metrics older than cutoff; returns how many.
    int pruneErrorMetrics(const QDateTime &cutoff);

    /// PRAGMA integrity_check: "ok" or the problems found.
    QString integrityCheck();

private:
    bool fail(StoreError::Kind kind, const QString &problem);
    bool failSql(const QSqlError &error, const QString &doing);
    bool checkFileBeforeOpen();
    bool configureAndCheck();
    bool migrateIfNeeded();
    bool prepare(QSqlQuery &q, const QString &sql);
    bool exec(QSqlQuery &q, const QString &doing);
    StoredMessage readMessage(const QSqlQuery &q) const;

    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    std::optional<QSqlQuery> m_checkpointQuery;
    bool m_open = false;
    StoreError m_error;
    int m_fromVersion = 0;
    int m_swept = 0;
    QString m_backupPath;
    QSqlError m_prepareError;
};
