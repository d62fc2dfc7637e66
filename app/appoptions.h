// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QString>
#include <QStringList>

// Command-line options of the desktop app.
struct AppOptions {
    bool offscreen = false;   ///< render without a display (QPA "offscreen")
    QString screenshotPath;   ///< save a PNG of the main window, then quit
    QString databasePath;     ///< open this conversation database
    int screenshotDelayMs = 400; ///< settle time before the screenshot
    bool demo = false;        ///< open the shipped demo conversations in a temporary database
    QString colorScheme;      ///< "", "system", "light" or "dark" (forces the colour scheme)

    /// True when argv asks for offscreen rendering. Checked before the
    /// QGuiApplication exists, because the platform plugin is chosen then.
    static bool wantsOffscreen(int argc, char **argv);
    /// Parses the arguments of the running application. On error or
    /// --help/--version prints and returns false with exitCode set.
    bool parse(const QStringList &arguments, int &exitCode);
};
