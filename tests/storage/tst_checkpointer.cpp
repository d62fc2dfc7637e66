// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storage/asyncstore.h"
#include "storage/checkpointer.h"
#include "storage/store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestCheckpointer : public QObject
{
    Q_OBJECT

    qint64 newStreamingMessage(Store &s)
    {
        const qint64 cid = s.createConversation({});
        StoredMessage m;
        m.conversationId = cid;
        m.role = ChatMessage::Role::Assistant;
        m.state = MessageState::Streaming;
        return s.appendMessage(m);
    }

    /// What another connection (a restarted app) would read.
    QString storedContent(qint64 id)
    {
        Store reader;
        Store::Options o;
        o.sweepStreaming = false;
        if (!reader.open(m_path, o))
            return u"<open failed>"_s;
        const auto m = reader.message(id);
        return m ? m->content : u"<missing>"_s;
    }

private Q_SLOTS:
    void init() { m_path = m_dir.filePath(u"cp-%1.sqlite"_s.arg(++m_n)); }

    void savesEveryNTokensBeforeReturning()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const qint64 id = newStreamingMessage(s);
        QString text;
        Checkpointer::Options o;
        o.everyTokens = 5;
        o.everyMs = 3600 * 1000;
        Checkpointer cp(id, [&] { return Checkpointer::Snapshot{text, {}}; }, Checkpointer::storeWriter(&s), o);
        QStringList deltas;
        for (int i = 0; i < 23; ++i) {
            const QString d = u"tok%1 "_s.arg(i);
            deltas << d;
            text += d;
            cp.tokenAdded();
            // At most everyTokens - 1 added deltas are unsaved, and what is saved is a prefix.
            const QString saved = storedContent(id);
            QVERIFY(text.startsWith(saved));
            const QString unsaved = text.mid(saved.size());
            int unsavedDeltas = 0;
            for (qsizetype pos = 0, k = deltas.size() - 1; pos < unsaved.size(); --k) {
                pos += deltas[k].size();
                ++unsavedDeltas;
            }
            QVERIFY2(unsavedDeltas <= o.everyTokens - 1, qPrintable(u"%1 unsaved deltas"_s.arg(unsavedDeltas)));
            QCOMPARE(unsavedDeltas, (i + 1) % 5);
        }
        QCOMPARE(cp.saveCount(), 4);
        cp.setState(MessageState::Complete);
        QCOMPARE(storedContent(id), text);
        QCOMPARE(s.message(id)->state, MessageState::Complete);
    }

    void savesAfterIntervalWhenTokensStop()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const qint64 id = newStreamingMessage(s);
        QString text = u"only one delta"_s;
        Checkpointer::Options o;
        o.everyTokens = 1000;
        o.everyMs = 20;
        Checkpointer cp(id, [&] { return Checkpointer::Snapshot{text, u"why"_s}; }, Checkpointer::storeWriter(&s), o);
        cp.tokenAdded();
        QCOMPARE(cp.saveCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(cp.saveCount(), 1, 5000);
        QCOMPARE(storedContent(id), text);
        QCOMPARE(s.message(id)->thinking, u"why"_s);
        QCOMPARE(s.message(id)->state, MessageState::Streaming);
    }

    void stateChangeSavesAtOnce()
    {
        Store s;
        QVERIFY(s.open(m_path));
        const qint64 id = newStreamingMessage(s);
        QString text = u"cut here"_s;
        Checkpointer cp(id, [&] { return Checkpointer::Snapshot{text, {}}; }, Checkpointer::storeWriter(&s));
        cp.tokenAdded();
        cp.setState(MessageState::Interrupted);
        const auto m = s.message(id);
        QCOMPARE(m->state, MessageState::Interrupted);
        QCOMPARE(m->content, text);
    }

    void failedSaveIsReported()
    {
        Store s;
        QVERIFY(s.open(m_path));
        QString text = u"x"_s;
        Checkpointer cp(424242, [&] { return Checkpointer::Snapshot{text, {}}; }, Checkpointer::storeWriter(&s));
        QSignalSpy failed(&cp, &Checkpointer::saveFailed);
        cp.setState(MessageState::Failed);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(u"424242"_s));
    }

    void asyncStoreRunsOffThreadAndDeliversOnCaller()
    {
        AsyncStore async;
        StoreError openError{StoreError::Kind::Query, u"not called"_s};
        async.open(m_path, {}, this, [&](const StoreError &e, int) { openError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(!openError.isError(), 10000);

        qint64 id = 0;
        QThread *deliveredOn = nullptr;
        QThread *ranOn = nullptr;
        async.call<qint64>([&](Store &s) { ranOn = QThread::currentThread(); return newStreamingMessage(s); }, this,
                           [&](qint64 r) { id = r; deliveredOn = QThread::currentThread(); });
        QTRY_VERIFY_WITH_TIMEOUT(id > 0, 10000);
        QCOMPARE(deliveredOn, QThread::currentThread());
        QVERIFY(ranOn != QThread::currentThread());

        QString text;
        Checkpointer::Options o;
        o.everyTokens = 3;
        Checkpointer cp(id, [&] { return Checkpointer::Snapshot{text, {}}; }, Checkpointer::asyncWriter(&async), o);
        for (int i = 0; i < 100; ++i) {
            text += u"w%1 "_s.arg(i);
            cp.tokenAdded();
        }
        cp.setState(MessageState::Complete);
        async.waitForIdle();
        QString final;
        MessageState state = MessageState::Streaming;
        async.call<StoredMessage>([id](Store &s) { return s.message(id).value_or(StoredMessage{}); }, this,
                                  [&](StoredMessage m) { final = m.content; state = m.state; });
        QTRY_COMPARE_WITH_TIMEOUT(final, text, 10000);
        QCOMPARE(state, MessageState::Complete);
    }

    void asyncWriteFailureIsSignalled()
    {
        AsyncStore async;
        bool opened = false;
        async.open(m_path, {}, this, [&](const StoreError &, int) { opened = true; });
        QTRY_VERIFY_WITH_TIMEOUT(opened, 10000);
        QSignalSpy failed(&async, &AsyncStore::writeFailed);
        async.checkpoint(999, u"x"_s, {}, MessageState::Streaming);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(failed.at(0).at(0).value<StoreError>().kind, StoreError::Kind::NotFound);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestCheckpointer)
#include "tst_checkpointer.moc"
