// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// The real window (offscreen, a real SQLite file with the demo conversations)
// at twice the pixel density, as on a high-DPI screen (QT_SCALE_FACTOR=2 in
// the test's environment); light and dark switched while it runs; and its place and size remembered between runs, including
// settings that no longer make sense.
#include "appservices.h"
#include "colorscheme.h"
#include "controllers/chatcontroller.h"
#include "controllers/conversationscontroller.h"
#include "e2ehelpers.h"
#include "windowgeometry.h"

#include <QFontMetricsF>
#include <QGuiApplication>
#include <QPalette>
#include <QScreen>
#include <QSettings>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::Literals::StringLiterals;
using E2E::findVisible;

class TestE2EWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    E2E::App m_app;

    void startWithDemo()
    {
        E2E::start(m_app, m_dir, u"window.sqlite"_s, [](AppServices &services) {
            QString error;
            QVERIFY2(services.importDemo(QStringLiteral(CONFAB_DEMO_JSON), &error), qPrintable(error));
        });
    }
    QSettings &settings() const { return *m_app.services->settings(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        startWithDemo();
    }
    void cleanupTestCase() { m_app.stop(); }

    // Everything is drawn at twice the pixels: the grab is twice the
    // window's logical size, and text and code keep their logical sizes.
    void drawsAtTwiceThePixels()
    {
        QCOMPARE(m_app.window->devicePixelRatio(), 2.0);
        const auto loaded = [this] {
            ChatController *chat = m_app.services->conversations()->current();
            return chat && chat->isLoaded() && chat->messages()->rowCount() > 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(loaded(), 10000); // the most recent demo conversation
        QTRY_VERIFY_WITH_TIMEOUT(findVisible(m_app.window, u"codeBlock"_s), 10000);
        const QImage shot = m_app.window->grabWindow();
        QCOMPARE(shot.size(), m_app.window->size() * 2);
        QVERIFY(!E2E::screenshot(m_app.window, QStringLiteral(CONFAB_E2E_SCREENS), u"window-hidpi-demo"_s).isEmpty());
        // Logical sizes do not depend on the scale: a code line is as tall
        // as its font says, not twice that.
        QQuickItem *code = findVisible(m_app.window, u"codeText"_s);
        QVERIFY(code);
        const QFontMetricsF metrics(code->property("font").value<QFont>());
        const int lines = code->property("lineCount").toInt();
        QVERIFY(lines > 0);
        QVERIFY2(code->height() < (metrics.height() + 1) * lines * 1.5,
                 qPrintable(u"%1 px for %2 lines"_s.arg(code->height()).arg(lines)));
    }

    // Dark, then light again, while the app runs: the window and the code
    // highlighting theme follow the palette. (Following the system goes
    // through the same palette change, on QStyleHints::colorSchemeChanged;
    // the offscreen platform cannot switch its scheme, so the scheme is set
    // as --color-scheme does.)
    void darkAndLightRecolourTheRunningWindow()
    {
        const auto codeIsDark = [this] {
            QQuickItem *code = findVisible(m_app.window, u"codeBlock"_s);
            return code && code->property("dark").toBool();
        };
        QVERIFY(!codeIsDark());
        ColorScheme::apply(*qGuiApp, u"dark"_s);
        QVERIFY(QGuiApplication::palette().window().color().lightness() < 100);
        QTRY_VERIFY_WITH_TIMEOUT(codeIsDark(), 5000);
        QVERIFY(!E2E::screenshot(m_app.window, QStringLiteral(CONFAB_E2E_SCREENS), u"window-dark"_s).isEmpty());
        ColorScheme::apply(*qGuiApp, u"light"_s);
        QVERIFY(QGuiApplication::palette().window().color().lightness() > 150);
        QTRY_VERIFY_WITH_TIMEOUT(!codeIsDark(), 5000);
    }

    // Saved on one run, restored on the next, from the same settings file.
    void geometryIsRememberedAcrossRuns()
    {
        const QRect where(30, 40, 900, 650);
        m_app.window->setGeometry(where);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->geometry(), where, 5000);
        WindowGeometry::save(m_app.window, settings());
        m_app.stop();

        startWithDemo();
        QVERIFY(m_app.window->geometry() != where);
        WindowGeometry::restore(m_app.window, settings());
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->geometry(), where, 5000);
    }

    // A value that is not a rectangle, or a tiny one, is ignored; one off
    // every screen keeps its size and comes back onto the primary screen.
    void badGeometryIsIgnoredOrMovedOnScreen()
    {
        const QRect before = m_app.window->geometry();
        settings().setValue(u"window/geometry"_s, u"not a rectangle"_s);
        WindowGeometry::restore(m_app.window, settings());
        QCOMPARE(m_app.window->geometry(), before);
        settings().setValue(u"window/geometry"_s, QRect(0, 0, 120, 80));
        WindowGeometry::restore(m_app.window, settings());
        QCOMPARE(m_app.window->geometry(), before);

        settings().setValue(u"window/geometry"_s, QRect(50000, 40000, 1000, 700));
        WindowGeometry::restore(m_app.window, settings());
        const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
        QTRY_COMPARE_WITH_TIMEOUT(m_app.window->geometry().size(), QSize(1000, 700), 5000);
        const QRect seen = screen.intersected(m_app.window->geometry());
        QVERIFY2(seen.width() >= 100 && seen.height() >= 100,
                 qPrintable(u"window at %1,%2 on a screen at %3,%4 %5x%6"_s.arg(m_app.window->x())
                                .arg(m_app.window->y()).arg(screen.x()).arg(screen.y())
                                .arg(screen.width()).arg(screen.height())));
    }
};

QTEST_MAIN(TestE2EWindow)
#include "tst_e2e_window.moc"
