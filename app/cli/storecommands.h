// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

class Store;

// The stored-conversation subcommands of confab-cli: list, show, export
// (continue lives with the streaming code). Each opens the store given by
// --db PATH (default: the app's database), so a corrupt, locked or read-only
// file gives the store's clear error and exit code 1.
namespace Cli {

int runList(const QStringList &args);
int runShow(const QStringList &args);
int runExport(const QStringList &args);

/// Opens the store at path (or the default path when empty); prints the
/// error and returns false on failure.
bool openStoreForCli(Store &store, const QString &path);

/// A conversation and its messages as one JSON object (show --json, export json).
QJsonObject conversationJson(Store &store, qint64 conversationId, QString *error);

} // namespace Cli
