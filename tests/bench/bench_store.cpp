// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Storage benchmarks (measure, never pass/fail). See docs/performance.md.
//  1. CPU of a paced 2,000 tokens/s stream with checkpoints off, through a
//     synchronous Store, and through AsyncStore (the GUI path), plus the time
//     spent on the calling thread per checkpoint.
//  2. Opening a store of 1,000 conversations / 100,000 messages, listing it,
//     and loading its largest conversation.
#include "storage/asyncstore.h"
#include "storage/checkpointer.h"
#include "storage/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct StreamResult {
    double cpuPercent = 0;
    int saves = 0;
    QList<qint64> saveNs; ///< calling-thread time per checkpoint
};

enum class Mode { Off, Sync, Async };

/// Streams `seconds` of 2,000 tokens/s (10 tokens every 5 ms) into a string.
StreamResult pacedStream(Mode mode, const QString &path, int seconds)
{
    Store store;
    std::unique_ptr<AsyncStore> async;
    qint64 id = 0;
    if (mode != Mode::Off) {
        store.open(path);
        const qint64 cid = store.createConversation({});
        StoredMessage m;
        m.conversationId = cid;
        m.role = ChatMessage::Role::Assistant;
        m.state = MessageState::Streaming;
        id = store.appendMessage(m);
        if (mode == Mode::Async) {
            store.close();
            async = std::make_unique<AsyncStore>();
            async->open(path, {}, nullptr, {});
            async->waitForIdle();
        }
    }
    QString text;
    StreamResult r;
    Checkpointer::Writer inner = mode == Mode::Async ? Checkpointer::asyncWriter(async.get())
                                                     : Checkpointer::storeWriter(&store);
    Checkpointer::Writer timed = [&](qint64 mid, const Checkpointer::Snapshot &s, MessageState st, QString *e) {
        QElapsedTimer t;
        t.start();
        const bool ok = inner(mid, s, st, e);
        r.saveNs.append(t.nsecsElapsed());
        return ok;
    };
    Checkpointer cp(id, [&] { return Checkpointer::Snapshot{text, {}}; }, timed);
    const int ticks = seconds * 200;
    int tick = 0;
    QEventLoop loop;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(5);
    const double cpu0 = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    QObject::connect(&timer, &QTimer::timeout, &loop, [&] {
        for (int i = 0; i < 10; ++i) {
            text += u"token "_s;
            if (mode != Mode::Off)
                cp.tokenAdded();
        }
        if (++tick == ticks)
            loop.quit();
    });
    timer.start();
    loop.exec();
    if (mode != Mode::Off)
        cp.setState(MessageState::Complete);
    if (async)
        async->waitForIdle();
    r.cpuPercent = 100.0 * (cpuSeconds() - cpu0) / (double(wall.nsecsElapsed()) / 1e9);
    r.saves = cp.saveCount();
    return r;
}

qint64 percentile(QList<qint64> v, double p)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    return v.at(std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size()))));
}

void printStream(const char *name, const StreamResult &r)
{
    std::printf("  %-28s CPU %5.1f%%  checkpoints %4d  calling-thread per checkpoint: median %6.1f us, p99 %7.1f us, max %7.1f us\n",
                name, r.cpuPercent, r.saves, double(percentile(r.saveNs, 0.5)) / 1e3,
                double(percentile(r.saveNs, 0.99)) / 1e3, double(percentile(r.saveNs, 1.0)) / 1e3);
}

/// 1,000 conversations, 100,000 messages; conversation 1 is the largest (1,099).
void populate(const QString &path)
{
    {
        Store s;
        s.open(path); // creates the schema
    }
    auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bench-populate"_s);
    db.setDatabaseName(path);
    db.open();
    db.transaction();
    QSqlQuery conv(db), msg(db);
    conv.prepare(u"INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)"_s);
    msg.prepare(u"INSERT INTO messages (conversation_id, position, role, content, state, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, 'complete', ?, ?)"_s);
    const QString body = QString(u"Lorem ipsum dolor sit amet, consectetur adipiscing elit. "_s).repeated(10); // ~570 chars
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int total = 0;
    for (int c = 1; c <= 1000; ++c) {
        conv.addBindValue(c);
        conv.addBindValue(u"Conversation %1"_s.arg(c));
        conv.addBindValue(now);
        conv.addBindValue(now + c);
        conv.exec();
        const int count = c == 1 ? 1099 : 99; // 1,099 + 999 * 99 = 100,000
        for (int i = 0; i < count; ++i, ++total) {
            msg.addBindValue(c);
            msg.addBindValue(i);
            msg.addBindValue(i % 2 ? u"assistant"_s : u"user"_s);
            msg.addBindValue(body);
            msg.addBindValue(now);
            msg.addBindValue(now);
            msg.exec();
        }
    }
    db.commit();
    std::printf("  populated: 1000 conversations, %d messages\n", total);
    conv.finish();
    msg.finish();
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"bench-populate"_s);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int seconds = 5;
    const QStringList args = app.arguments();
    if (const qsizetype i = args.indexOf(u"--seconds"_s); i >= 0 && i + 1 < args.size())
        seconds = std::max(1, args.at(i + 1).toInt());
    QTemporaryDir dir;

    std::printf("Checkpoint overhead: 2,000 tokens/s for %d s, checkpoints every 64 tokens or 250 ms\n", seconds);
    printStream("off", pacedStream(Mode::Off, {}, seconds));
    printStream("sync Store (CLI)", pacedStream(Mode::Sync, dir.filePath(u"sync.sqlite"_s), seconds));
    printStream("AsyncStore (GUI)", pacedStream(Mode::Async, dir.filePath(u"async.sqlite"_s), seconds));

    std::printf("Large store\n");
    const QString big = dir.filePath(u"big.sqlite"_s);
    populate(big);
    QElapsedTimer t;
    for (int run = 0; run < 3; ++run) {
        Store s;
        t.start();
        const bool ok = s.open(big);
        const double openMs = double(t.nsecsElapsed()) / 1e6;
        t.start();
        const QList<ConversationSummary> list = s.listConversations();
        const double listMs = double(t.nsecsElapsed()) / 1e6;
        t.start();
        const QList<StoredMessage> largest = s.messages(1);
        const double loadMs = double(t.nsecsElapsed()) / 1e6;
        std::printf("  run %d: open %s %.1f ms (quick_check, migrations check, sweep); list %lld conversations %.1f ms;"
                    " load largest (%lld messages) %.1f ms\n",
                    run + 1, ok ? "ok" : "FAILED", openMs, qlonglong(list.size()), listMs, qlonglong(largest.size()), loadMs);
    }
    return 0;
}
