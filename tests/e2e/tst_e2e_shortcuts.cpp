// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Keyboard shortcuts of the real window (offscreen, real SQLite file, the
// fault-injection server on 127.0.0.1): Ctrl+N, Ctrl+F, Esc while an answer
// streams, Ctrl+Shift+C. Each is pressed with the focus on an item that does
// not handle the key itself, so only the window's shortcut can do the work.
// Also the accessible names a screen reader gets for the main controls.
#include "appservices.h"
#include "controllers/chatcontroller.h"
#include "controllers/conversationscontroller.h"
#include "e2ehelpers.h"
#include "faultserver.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::Literals::StringLiterals;
using namespace FaultInjection;
using E2E::findVisible;

namespace {
const QString answer = u"Shortcuts are for people who type: this answer is long enough to cancel halfway."_s;
}

class TestE2EShortcuts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FaultServer m_server;
    E2E::App m_app;
    QQuickWindow *m_window = nullptr;

    ChatController *chat() const { return m_app.services->conversations()->current(); }
    QString lastState() const
    {
        auto *m = chat()->messages();
        return m->rowCount() > 0 ? m->index(m->rowCount() - 1).data(MessageListModel::StateRole).toString() : QString();
    }
    QString focusName() const
    {
        QQuickItem *f = m_window->activeFocusItem();
        return f ? f->objectName() : QString();
    }
    /// Takes the keyboard focus away from every control (up to the window's
    /// root), so no item can handle the key itself.
    void focusNeutral()
    {
        for (int i = 0; i < 10; ++i) {
            QQuickItem *f = m_window->activeFocusItem();
            if (!f || f == m_window->contentItem())
                break;
            f->setFocus(false);
        }
        QQuickItem *f = m_window->activeFocusItem();
        QVERIFY2(!f || f == m_window->contentItem(), f ? f->metaObject()->className() : "");
    }
    void send(const QString &text)
    {
        QQuickItem *input = findVisible(m_window, u"composerInput"_s);
        QVERIFY(input);
        input->forceActiveFocus();
        E2E::typeText(m_window, text);
        QTest::keyClick(m_window, Qt::Key_Return);
    }

private Q_SLOTS:
    void initTestCase()
    {
        E2E::useFaultServer(m_dir, m_server);
        if (QTest::currentTestFailed())
            return;

        E2E::start(m_app, m_dir, u"shortcuts.sqlite"_s);
        if (QTest::currentTestFailed())
            return;
        m_window = m_app.window;
        QTRY_VERIFY_WITH_TIMEOUT(chat() && chat()->isLoaded(), 10000);
    }
    void cleanupTestCase() { m_app.stop(); }

    void mainControlsHaveAccessibleNames_data()
    {
        QTest::addColumn<QString>("objectName");
        QTest::addColumn<int>("role");
        QTest::addColumn<QString>("name");
        QTest::newRow("new chat") << u"newChatButton"_s << int(QAccessible::Button) << u"New chat (Ctrl+N)"_s;
        QTest::newRow("search") << u"searchField"_s << int(QAccessible::EditableText) << u"Search conversations"_s;
        QTest::newRow("composer") << u"composerInput"_s << int(QAccessible::EditableText) << u"Message"_s;
        QTest::newRow("send") << u"sendButton"_s << int(QAccessible::Button) << u"Send"_s;
        QTest::newRow("provider") << u"providerPicker"_s << int(QAccessible::ComboBox) << u"Provider"_s;
        QTest::newRow("model") << u"modelField"_s << int(QAccessible::EditableText) << u"Model"_s;
        QTest::newRow("export") << u"exportButton"_s << int(QAccessible::Button)
                                << u"Export the conversation to Markdown"_s;
        QTest::newRow("settings") << u"settingsButton"_s << int(QAccessible::Button) << u"Settings"_s;
    }
    void mainControlsHaveAccessibleNames()
    {
        QFETCH(QString, objectName);
        QFETCH(int, role);
        QFETCH(QString, name);
        QQuickItem *item = findVisible(m_window, objectName);
        QVERIFY2(item, qPrintable(objectName));
        QCOMPARE(E2E::accessibleName(item), name);
        QCOMPARE(int(E2E::accessibleRole(item)), role);
    }

    void ctrlShiftCCopiesTheLastAnswer()
    {
        FaultScript script;
        script.answer.text = answer;
        m_server.setScript(script);
        send(u"Say something"_s);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"complete"_s, 15000);
        QCOMPARE(chat()->lastAnswer(), answer);
        QGuiApplication::clipboard()->setText(u"before"_s);
        focusNeutral();
        QTest::keyClick(m_window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), answer);
    }

    void ctrlFFocusesSearch()
    {
        QQuickItem *search = findVisible(m_window, u"searchField"_s);
        QVERIFY(search);
        QVERIFY(!search->hasActiveFocus());
        findVisible(m_window, u"composerInput"_s)->forceActiveFocus();
        QTest::keyClick(m_window, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(search->hasActiveFocus());
        E2E::typeText(m_window, u"zzz"_s);
        QCOMPARE(search->property("text").toString(), u"zzz"_s);
        QTest::keyClick(m_window, Qt::Key_Escape); // the search field clears itself
        QCOMPARE(search->property("text").toString(), QString());
    }

    void escCancelsTheStreamingAnswer()
    {
        FaultScript script;
        script.answer.text = answer;
        script.every.dripBytes = 40;
        script.every.dripIntervalMs = 150;
        m_server.setScript(script);
        send(u"Go slowly"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lastState() == u"streaming"_s && !chat()->lastAnswer().isEmpty(), 15000);
        QVERIFY(chat()->isBusy());
        focusNeutral();
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(lastState(), u"cancelled"_s, 5000);
        QVERIFY(!chat()->isBusy());
        const QString partial = chat()->lastAnswer();
        QVERIFY2(!partial.isEmpty() && partial.size() < answer.size() && answer.startsWith(partial),
                 qPrintable(partial));
    }

    void ctrlNStartsANewChat()
    {
        const qint64 before = m_app.services->conversations()->currentId();
        QVERIFY(chat()->messages()->rowCount() > 0);
        focusNeutral();
        QTest::keyClick(m_window, Qt::Key_N, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(m_app.services->conversations()->currentId() != before, 5000);
        QVERIFY(m_app.services->conversations()->currentId() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(chat()->isLoaded(), 5000);
        QCOMPARE(chat()->messages()->rowCount(), 0);
        QCOMPARE(focusName(), u"composerInput"_s); // ready to type
        // Nothing to copy in the new chat: the clipboard keeps what it had.
        QGuiApplication::clipboard()->setText(u"kept"_s);
        focusNeutral();
        QTest::keyClick(m_window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), u"kept"_s);
    }
};

QTEST_MAIN(TestE2EShortcuts)
#include "tst_e2e_shortcuts.moc"
