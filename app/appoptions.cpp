// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "appoptions.h"

#include "colorscheme.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <cstdio>
#include <cstring>

bool AppOptions::wantsOffscreen(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--offscreen") == 0)
            return true;
    }
    return false;
}

bool AppOptions::parse(const QStringList &arguments, int &exitCode)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Confab: a chat app for large language models that never loses an answer."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption offscreenOpt(QStringLiteral("offscreen"),
        QCoreApplication::translate("main", "Render without a display (for screenshots and tests)."));
    const QCommandLineOption screenshotOpt(QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Save a PNG of the main window to <file> and quit."), QStringLiteral("file"));
    const QCommandLineOption dbOpt(QStringLiteral("db"),
        QCoreApplication::translate("main", "Open the conversation database at <path>."), QStringLiteral("path"));
    const QCommandLineOption delayOpt(QStringLiteral("screenshot-delay"),
        QCoreApplication::translate("main", "Milliseconds to wait before the screenshot (default 400)."), QStringLiteral("ms"));
    const QCommandLineOption demoOpt(QStringLiteral("demo"),
        QCoreApplication::translate("main", "Show the demo conversations (in a temporary database)."));
    const QCommandLineOption schemeOpt(QStringLiteral("color-scheme"),
        QCoreApplication::translate("main", "Colour scheme: system (default), light or dark."), QStringLiteral("scheme"));
    parser.addOptions({offscreenOpt, screenshotOpt, dbOpt, delayOpt, demoOpt, schemeOpt});

    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "confab: %s\n", qPrintable(parser.errorText()));
        exitCode = 2;
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("%s", qPrintable(parser.helpText()));
        exitCode = 0;
        return false;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("%s %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(QCoreApplication::applicationVersion()));
        exitCode = 0;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        std::fprintf(stderr, "confab: unexpected argument '%s'\n", qPrintable(parser.positionalArguments().constFirst()));
        exitCode = 2;
        return false;
    }
    offscreen = parser.isSet(offscreenOpt);
    screenshotPath = parser.value(screenshotOpt);
    databasePath = parser.value(dbOpt);
    demo = parser.isSet(demoOpt);
    colorScheme = parser.value(schemeOpt);
    if (!ColorScheme::isValidName(colorScheme)) {
        std::fprintf(stderr, "confab: --color-scheme must be system, light or dark (not '%s')\n", qPrintable(colorScheme));
        exitCode = 2;
        return false;
    }
    if (parser.isSet(delayOpt)) {
        bool ok = false;
        screenshotDelayMs = parser.value(delayOpt).toInt(&ok);
        if (!ok || screenshotDelayMs < 0) {
            std::fprintf(stderr, "confab: --screenshot-delay needs a non-negative number of milliseconds\n");
            exitCode = 2;
            return false;
        }
    }
    if (!screenshotPath.isEmpty()) {
        const QFileInfo dir(QFileInfo(screenshotPath).absolutePath());
        if (!dir.isDir() || !dir.isWritable()) {
            std::fprintf(stderr, "confab: cannot write the screenshot: folder '%s' does not exist or is not writable\n",
                         qPrintable(dir.filePath()));
            exitCode = 2;
            return false;
        }
    }
    return true;
}
