// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storeextras.h"

using namespace Qt::Literals::StringLiterals;

namespace StoreExtras {

QString snippetAround(const QString &text, qsizetype at, qsizetype length)
{
    const qsizetype from = std::max<qsizetype>(0, at - 30);
    const qsizetype to = std::min(text.size(), at + length + 50);
    QString s = text.mid(from, to - from).simplified();
    if (from > 0)
        s.prepend(u'…');
    if (to < text.size())
        s.append(u'…');
    return s;
}

SearchResult search(Store &store, const QString &query)
{
    SearchResult r;
    const QString q = query.trimmed();
    const QList<ConversationSummary> all = store.listConversations();
    for (const ConversationSummary &s : all) {
        if (q.isEmpty() || s.conversation.title.contains(q, Qt::CaseInsensitive)) {
            r.conversations.append(s);
            continue;
        }
        for (const StoredMessage &m : store.messages(s.conversation.id)) {
            const qsizetype at = m.content.indexOf(q, 0, Qt::CaseInsensitive);
            if (at >= 0) {
                r.conversations.append(s);
                r.snippets.insert(s.conversation.id, snippetAround(m.content, at, q.size()));
                break;
            }
        }
    }
    return r;
}

} // namespace StoreExtras
