// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "storage/store.h"

#include <QHash>
#include <QList>

// Store operations the UI needs that Store does not offer (yet). They run on
// the AsyncStore worker thread, inside AsyncStore::call()/post() jobs.
namespace StoreExtras {

/// Conversations whose title or message text contains query (case-insensitive),
/// most recent first, with a snippet of text around the first hit.
struct SearchResult {
    QList<ConversationSummary> conversations;
    QHash<qint64, QString> snippets;
};
SearchResult search(Store &store, const QString &query);

/// A snippet of text around position at, on one line, with ellipses.
QString snippetAround(const QString &text, qsizetype at, qsizetype length);

} // namespace StoreExtras
