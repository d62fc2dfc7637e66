// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Copy buttons of the real window (offscreen, real SQLite file, the
// fault-injection server on 127.0.0.1), clicked with the mouse: a long code
// fence, drawn as several segments, copies whole from its one Copy button;
// the answer's Copy takes the whole answer. The segments of the fence are
// stacked without a gap. (Also: with a provider configured, the first-run
// probe for local servers does not run; and the window's QML engine loads
// nothing from the network.)
#include "appservices.h"
#include "controllers/chatcontroller.h"
#include "controllers/conversationscontroller.h"
#include "controllers/localserverprobe.h"
#include "e2ehelpers.h"
#include "faultserver.h"
#include "markdown/blocksplitter.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlComponent>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::Literals::StringLiterals;
using namespace FaultInjection;
using E2E::findVisible;

namespace {

QString longCode()
{
    QStringList lines;
    for (int i = 0; i < Markdown::BlockSplitter::CodeSegmentLines * 2 + 10; ++i)
        lines << u"    total += step(%1)  # line %1"_s.arg(i);
    return u"def run():\n    total = 0\n"_s + lines.join(u'\n') + u"\n    return total"_s;
}

/// Every visible item named objectName under item, top to bottom on screen.
QList<QQuickItem *> allVisible(QQuickItem *item, const QString &objectName)
{
    QList<QQuickItem *> found;
    if (!item || !item->isVisible())
        return found;
    if (item->objectName() == objectName)
        found << item;
    const auto children = item->childItems();
    for (QQuickItem *child : children)
        found << allVisible(child, objectName);
    std::sort(found.begin(), found.end(), [](QQuickItem *a, QQuickItem *b) {
        return a->mapToScene({0, 0}).y() < b->mapToScene({0, 0}).y();
    });
    return found;
}

} // namespace

class TestE2ECopy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FaultServer m_server;
    E2E::App m_app;
    const QString m_code = longCode();
    const QString m_answer = u"Here is the script:\n\n```python\n"_s + m_code + u"\n```\n\nRun it with care."_s;

    ChatController *chat() const { return m_app.services->conversations()->current(); }
    QQuickItem *view() const { return findVisible(m_app.window, u"messageListView"_s); }
    /// Scrolls the message list so that `row` of ChatRowsModel is at its top.
    void showRow(int row)
    {
        constexpr int beginning = 0; // ListView.Beginning
        QVERIFY(QMetaObject::invokeMethod(view(), "positionViewAtIndex", Q_ARG(int, row), Q_ARG(int, beginning)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        E2E::useFaultServer(m_dir, m_server);
        if (QTest::currentTestFailed())
            return;
        // The first-run probe would ask the fault server too: it must not
        // run at all, a provider being configured.
        E2E::start(m_app, m_dir, u"copy.sqlite"_s, [this](AppServices &services) {
            LocalServerProbe::Candidate local;
            local.kind = ProviderKind::Ollama;
            local.name = u"Ollama"_s;
            local.baseUrl = m_server.baseUrl();
            local.modelsUrl = QUrl(m_server.baseUrl().toString() + u"/api/tags"_s);
            services.probe()->setCandidates({local});
        });
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(chat() && chat()->isLoaded(), 10000);
        QTest::qWait(300); // time enough for a probe request to arrive, if one were sent
        QCOMPARE(m_server.requestCount(), 0);
        QVERIFY(!m_app.services->probe()->isRunning());

        FaultScript script;
        script.answer.text = m_answer;
        m_server.setScript(script);
        QQuickItem *input = findVisible(m_app.window, u"composerInput"_s);
        QVERIFY(input);
        input->forceActiveFocus();
        E2E::typeText(m_app.window, u"Write the script"_s);
        QTest::keyClick(m_app.window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(chat()->lastAnswer(), m_answer, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!chat()->isBusy(), 15000);
    }
    void cleanupTestCase() { m_app.stop(); }

    void longFenceIsSegmentsWithoutAGap()
    {
        const ChatRowsModel *rows = chat()->rows();
        int first = -1;
        int segments = 0;
        for (int row = 0; row < rows->rowCount(); ++row) {
            if (rows->index(row).data(ChatRowsModel::KindRole).toString() == u"code"_s) {
                if (first < 0)
                    first = row;
                ++segments;
            }
        }
        QCOMPARE(segments, 3);
        showRow(first);
        QTRY_COMPARE_WITH_TIMEOUT(allVisible(m_app.window->contentItem(), u"codeBlock"_s).size() >= 2, true, 5000);
        const QList<QQuickItem *> blocks = allVisible(m_app.window->contentItem(), u"codeBlock"_s);
        const qreal bottom = blocks[0]->mapToScene({0, blocks[0]->height()}).y();
        const qreal top = blocks[1]->mapToScene({0, 0}).y();
        QCOMPARE(top, bottom);
        E2E::screenshot(m_app.window, QStringLiteral(CONFAB_E2E_SCREENS), u"copy-1-code-segments"_s);
        // One label and one Copy button for the fence, on its first segment.
        QCOMPARE(allVisible(m_app.window->contentItem(), u"copyCodeButton"_s).size(), 1);
    }

    void copyOnTheFirstSegmentTakesTheWholeFence()
    {
        QGuiApplication::clipboard()->setText(u"before"_s);
        QQuickItem *copy = findVisible(m_app.window, u"copyCodeButton"_s);
        QVERIFY(copy);
        E2E::click(m_app.window, copy);
        QCOMPARE(QGuiApplication::clipboard()->text(), m_code);
        QCOMPARE(copy->property("text").toString(), u"Copied"_s);
    }

    // A remote image in the window's engine is never fetched: the engine
    // has no network (OfflineNetworkFactory). A plain engine fetches it
    // from the same server, so the count is shown to work.
    void windowLoadsNothingFromTheNetwork()
    {
        const QByteArray qml = "import QtQuick\nImage { source: \"" + m_server.baseUrl().toString().toUtf8()
            + "/picture.png\" }";
        const int before = m_server.requestCount();
        {
            QQmlEngine plain;
            QQmlComponent control(&plain);
            control.setData(qml, QUrl());
            std::unique_ptr<QObject> image(control.create());
            QVERIFY2(image, qPrintable(control.errorString()));
            QTRY_VERIFY_WITH_TIMEOUT(m_server.requestCount() > before, 5000);
        }
        const int afterControl = m_server.requestCount();
        QQmlComponent inWindow(m_app.engine.get());
        inWindow.setData(qml, QUrl());
        std::unique_ptr<QObject> image(inWindow.create());
        QVERIFY2(image, qPrintable(inWindow.errorString()));
        constexpr int imageError = 3; // Image.Error
        QTRY_COMPARE_WITH_TIMEOUT(image->property("status").toInt(), imageError, 5000);
        QTest::qWait(200);
        QCOMPARE(m_server.requestCount(), afterControl);
    }

    void copyUnderTheAnswerTakesTheWholeAnswer()
    {
        QVERIFY(QMetaObject::invokeMethod(view(), "positionViewAtEnd"));
        QGuiApplication::clipboard()->setText(u"before"_s);
        QList<QQuickItem *> buttons;
        QTRY_VERIFY_WITH_TIMEOUT(
            !(buttons = allVisible(m_app.window->contentItem(), u"copyMessageButton"_s)).isEmpty(), 5000);
        E2E::click(m_app.window, buttons.last()); // the answer's, under it
        QCOMPARE(QGuiApplication::clipboard()->text(), m_answer);
        E2E::screenshot(m_app.window, QStringLiteral(CONFAB_E2E_SCREENS), u"copy-2-answer-end"_s);
    }
};

QTEST_MAIN(TestE2ECopy)
#include "tst_e2e_copy.moc"
