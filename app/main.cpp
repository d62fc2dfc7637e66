// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// The desktop app: parses options, creates the services once, hands them to
// the QML module and loads Confab/Main.

#include "appoptions.h"
#include "appservices.h"
#include "colorscheme.h"
#include "confabversion.h"
#include "windowgeometry.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

int main(int argc, char *argv[])
{
    const bool offscreen = AppOptions::wantsOffscreen(argc, argv);
    if (offscreen) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // The offscreen platform has no GPU context; render in software.
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    } else if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
               && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
#if defined(Q_OS_LINUX)
        std::fprintf(stderr,
                     "confab: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                     "        Run with --offscreen to render without a display, e.g.\n"
                     "        confab --offscreen --screenshot window.png\n");
        return 1;
#endif
    }

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral(CONFAB_APP_NAME));
    QGuiApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION_STRING));
    QGuiApplication::setOrganizationName(QStringLiteral("Confab"));
    QGuiApplication::setDesktopFileName(QStringLiteral(CONFAB_APP_ID));

    AppOptions options;
    int exitCode = 0;
    if (!options.parse(QGuiApplication::arguments(), exitCode))
        return exitCode;

    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(QStringLiteral("Fusion"));

    // --demo: the shipped demo conversations in a fresh database and settings
    // file of their own, so the user's data is never touched.
    std::unique_ptr<QTemporaryDir> demoDir;
    AppServices::Options serviceOptions;
    serviceOptions.databasePath = options.databasePath;
    if (options.demo) {
        demoDir = std::make_unique<QTemporaryDir>();
        if (serviceOptions.databasePath.isEmpty())
            serviceOptions.databasePath = demoDir->filePath(QStringLiteral("demo.sqlite"));
        serviceOptions.settingsPath = demoDir->filePath(QStringLiteral("settings.ini"));
        serviceOptions.useKeychain = false;
    }
    AppServices services;
    QString error;
    if (!services.start(serviceOptions, &error)) {
        std::fprintf(stderr, "confab: %s\n", qPrintable(error));
        return 1;
    }
    if (options.demo && !services.importDemo(QStringLiteral(":/confab/demo/demo.json"), &error)) {
        std::fprintf(stderr, "confab: %s\n", qPrintable(error));
        return 1;
    }

    QQmlApplicationEngine engine;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    if (!services.load(engine))
        return 1;
    // The scheme's palette is set once the window exists: a palette set
    // before is overridden by the Quick Controls style's own.
    ColorScheme::apply(app, options.colorScheme);

    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (window && !options.demo) {
        // Window geometry is remembered between runs.
        WindowGeometry::restore(window, *services.settings());
        QObject::connect(&app, &QCoreApplication::aboutToQuit, window,
                         [window, &services] { WindowGeometry::save(window, *services.settings()); });
    }
    if (!options.screenshotPath.isEmpty() && window) {
        const QString path = options.screenshotPath;
        const int delay = options.screenshotDelayMs;
        QObject::connect(window, &QQuickWindow::frameSwapped, window, [window, path, delay] {
            QTimer::singleShot(delay, window, [window, path] {
                const QImage image = window->grabWindow();
                if (image.isNull() || !image.save(path, "PNG")) {
                    std::fprintf(stderr, "confab: could not save the screenshot to '%s'\n", qPrintable(path));
                    QCoreApplication::exit(1);
                    return;
                }
                std::fprintf(stderr, "confab: screenshot saved to %s\n", qPrintable(path));
                QCoreApplication::exit(0);
            });
        }, Qt::SingleShotConnection);
        window->update();
    }
    return QGuiApplication::exec();
}
