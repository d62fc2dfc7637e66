// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storeextras.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace StoreExtras {

namespace {
void fill(QString &s)
{
    if (s.isNull())
        s.reserve(1); // allocates: empty but not null
}
} // namespace

void fillNulls(StoredConversation &c)
{
    fill(c.title);
    fill(c.providerId);
    fill(c.model);
}

void fillNulls(StoredMessage &m)
{
    for (QString *s : {&m.content, &m.thinking, &m.thinkingSignature, &m.toolCallId, &m.finishReason,
                       &m.providerId, &m.model, &m.errorKind, &m.errorMessage})
        fill(*s);
}

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

bool deleteMessages(Store &store, const QList<qint64> &ids, QString *error)
{
    if (ids.isEmpty())
        return true;
    const QString name = u"confab-extras-%1"_s.arg(quintptr(QThread::currentThreadId()));
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name)
                                                       : QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(store.path());
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=3000"_s);
        if (!db.isOpen() && !db.open()) {
            if (error)
                *error = db.lastError().text();
            return false;
        }
        db.transaction();
        QSqlQuery q(db);
        q.prepare(u"DELETE FROM messages WHERE id = ?"_s);
        ok = true;
        for (qint64 id : ids) {
            q.addBindValue(id);
            if (!q.exec()) {
                ok = false;
                if (error)
                    *error = q.lastError().text();
                break;
            }
        }
        if (ok)
            ok = db.commit();
        else
            db.rollback();
    }
    return ok;
}

} // namespace StoreExtras
