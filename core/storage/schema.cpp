// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "schema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace Schema {

QStringList migrationStatements(int version)
{
    switch (version) {
    case 1:
        return {
            QStringLiteral("CREATE TABLE conversations ("
                           " id INTEGER PRIMARY KEY,"
                           " title TEXT NOT NULL DEFAULT '',"
                           " created_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE TABLE messages ("
                           " id INTEGER PRIMARY KEY,"
                           " conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " role TEXT NOT NULL,"
                           " content TEXT NOT NULL DEFAULT '',"
                           " state TEXT NOT NULL DEFAULT 'complete',"
                           " created_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX messages_by_conversation ON messages(conversation_id, position)"),
        };
    case 2:
        return {
            QStringLiteral("ALTER TABLE conversations ADD COLUMN provider_id TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN model TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE conversations ADD COLUMN settings TEXT NOT NULL DEFAULT '{}'"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN thinking TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN thinking_signature TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN tool_calls TEXT NOT NULL DEFAULT '[]'"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN tool_call_id TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN finish_reason TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN input_tokens INTEGER NOT NULL DEFAULT -1"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN output_tokens INTEGER NOT NULL DEFAULT -1"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN provider_id TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN model TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN error_kind TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN error_message TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE messages ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("UPDATE messages SET updated_at = created_at"),
            QStringLiteral("CREATE INDEX messages_by_state ON messages(state)"),
            QStringLiteral("CREATE TABLE error_metrics ("
                           " id INTEGER PRIMARY KEY,"
                           " at INTEGER NOT NULL,"
                           " kind TEXT NOT NULL,"
                           " provider_id TEXT NOT NULL DEFAULT '',"
                           " http_status INTEGER NOT NULL DEFAULT 0)"),
            QStringLiteral("CREATE INDEX error_metrics_by_time ON error_metrics(at)"),
        };
    default:
        return {};
    }
}

bool migrate(QSqlDatabase &db, int from, QString *error)
{
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    for (int version = from + 1; version <= CurrentVersion; ++version) {
        const QStringList statements = migrationStatements(version);
        for (const QString &sql : statements) {
            if (!q.exec(sql)) {
                *error = QStringLiteral("migration to schema %1 failed: %2")
                             .arg(version)
                             .arg(q.lastError().text());
                q.finish();
                db.rollback();
                return false;
            }
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(CurrentVersion))) {
        *error = q.lastError().text();
        q.finish();
        db.rollback();
        return false;
    }
    q.finish();
    if (!db.commit()) {
        *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace Schema
