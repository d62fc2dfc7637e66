// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QSqlDatabase>
#include <QString>

// Versioned schema of the conversation store. The version lives in
// PRAGMA user_version; each migration step N-1 -> N is a list of statements.
// Version 1 was the first release's schema (conversations and messages with
// content and state only); version 2 added provider/model settings, thinking,
// tool calls, finish reason, usage, errors and the error_metrics table.
namespace Schema {

/// The version this build writes.
inline constexpr int CurrentVersion = 2;

/// The statements that bring a database from version - 1 to version.
QStringList migrationStatements(int version);

/// Runs the steps from `from` to CurrentVersion in one transaction (all or
/// nothing), ending with PRAGMA user_version = CurrentVersion. On failure the
/// transaction is rolled back and *error names the statement's problem.
bool migrate(QSqlDatabase &db, int from, QString *error);

} // namespace Schema
