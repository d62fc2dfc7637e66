// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// End to end: the real Main.qml in a real (offscreen) window, over a real
// SQLite file, against the fault-injection server on 127.0.0.1. Driven
// through the UI: keys typed into the composer, buttons clicked.
#include "appservices.h"
#include "controllers/chatcontroller.h"
#include "controllers/conversationscontroller.h"
#include "e2ehelpers.h"
#include "faultserver.h"
#include "models/messageblocksmodel.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::Literals::StringLiterals;
using namespace FaultInjection;
using E2E::findVisible;

namespace {
const QString answer = u"Streams survive drops, stalls and restarts; every interrupted answer can be continued."_s;
} // namespace

class TestE2E : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FaultServer m_server;
    E2E::App m_app;
    QQuickWindow *m_window = nullptr;
    int m_shot = 0;

    void startApp()
    {
        E2E::start(m_app, m_dir, u"e2e.sqlite"_s);
        if (QTest::currentTestFailed())
            return;
        m_window = m_app.window;
        QTRY_VERIFY_WITH_TIMEOUT(chat() && chat()->isLoaded(), 10000);
    }
    void stopApp()
    {
        m_window = nullptr;
        m_app.stop();
    }
    ChatController *chat() const { return m_app.services->conversations()->current(); }
    void screenshot(const QString &step)
    {
        const QString dir = QStringLiteral(CONFAB_E2E_SCREENS);
        QDir().mkpath(dir);
        m_window->grabWindow().save(u"%1/%2-%3.png"_s.arg(dir).arg(++m_shot, 2, 10, QLatin1Char('0')).arg(step));
    }
    void typeAndSend(const QString &text)
    {
        QQuickItem *input = findVisible(m_window, u"composerInput"_s);
        QVERIFY(input);
        input->forceActiveFocus();
        for (const QChar c : text)
            QTest::keyClick(m_window, c.toLatin1());
        QTest::keyClick(m_window, Qt::Key_Return);
    }
    void click(QQuickItem *item)
    {
        QVERIFY(item);
        const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
        QTest::mouseClick(m_window, Qt::LeftButton, {}, c.toPoint());
    }
    QString lastState() const
    {
        auto *m = const_cast<ChatController *>(chat())->messages();
        return m->index(m->rowCount() - 1).data(MessageListModel::StateRole).toString();
    }
    QString lastText() const
    {
        auto *m = const_cast<ChatController *>(chat())->messages();
        return m->index(m->rowCount() - 1).data(MessageListModel::TextRole).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        E2E::useFaultServer(m_dir, m_server);
        if (QTest::currentTestFailed())
            return;
    }

    void dropRetriesAndResumesExactly()
    {
        FaultScript script;
        script.answer.text = answer;
        FaultPlan drop;
        drop.dropAfterEvent = 6;
        script.requests.insert(1, drop);
        m_server.setScript(script);
        startApp();
        screenshot(u"start"_s);
        QQuickItem *banner = m_window->findChild<QQuickItem *>(u"reconnectBanner"_s);
        QVERIFY(banner);
        QSignalSpy bannerShown(banner, SIGNAL(visibleChanged()));
        typeAndSend(u"Tell me about Confab"_s);
        QTRY_VERIFY_WITH_TIMEOUT(bannerShown.count() >= 1, 15000);
        if (banner->isVisible())
            screenshot(u"banner"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 20000);
        QCOMPARE(lastText(), answer);
        QVERIFY(m_server.requestCount() >= 2);
        QVERIFY(m_server.request(2).continuation);
        screenshot(u"resumed"_s);
    }

    void cancelKeepsThePartial()
    {
        FaultScript script;
        script.answer.text = answer;
        script.every.dripBytes = 40;
        script.every.dripIntervalMs = 150;
        m_server.setScript(script);
        typeAndSend(u"Cancel me"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lastText().size() >= 8 && lastState() == u"streaming"_s, 15000);
        QQuickItem *send = findVisible(m_window, u"sendButton"_s);
        QVERIFY(send);
        QCOMPARE(send->property("text").toString(), u"Cancel"_s);
        click(send);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"cancelled"_s, 5000);
        const QString partial = lastText();
        QVERIFY(!partial.isEmpty());
        QVERIFY2(answer.startsWith(partial), qPrintable(partial));
        QVERIFY(partial.size() < answer.size());
        screenshot(u"cancelled"_s);
    }

    void restartThenContinueCompletes()
    {
        stopApp(); // quit: the cancelled answer is on disk
        FaultScript script;
        script.answer.text = answer;
        m_server.setScript(script);
        startApp();
        QCOMPARE(lastState(), u"cancelled"_s);
        screenshot(u"restarted"_s);
        // The view may still be scrolling to the end: find and click until the
        // answer leaves the cancelled state (a click on a moving target misses).
        const auto clickContinue = [this] {
            if (QQuickItem *cont = findVisible(m_window, u"continueButton"_s)) {
                const QPointF c = cont->mapToScene(QPointF(cont->width() / 2, cont->height() / 2));
                QTest::mouseClick(m_window, Qt::LeftButton, {}, c.toPoint());
            }
            return lastState() != u"cancelled"_s;
        };
        QTRY_VERIFY_WITH_TIMEOUT(clickContinue(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 20000);
        QCOMPARE(lastText(), answer);
        auto *m = chat()->messages();
        auto *blocks = qobject_cast<MessageBlocksModel *>(
            m->index(m->rowCount() - 1).data(MessageListModel::BlocksRole).value<QObject *>());
        QVERIFY(blocks);
        QCOMPARE(blocks->rowCount(), 1); // continued in the same paragraph of the same bubble
        screenshot(u"continued"_s);
        stopApp();
    }
};

QTEST_MAIN(TestE2E)
#include "tst_e2e.moc"
