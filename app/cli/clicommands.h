// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// confab-cli is a thin dispatcher: each subcommand lives in its own file and
// registers here. Exit codes: 0 success, 1 failure, 2 usage error,
// 130 cancelled (Ctrl-C).
namespace Cli {

enum ExitCode { Ok = 0, Failed = 1, Usage = 2, Cancelled = 130 };

struct Command {
    QString name;
    QString summary;
    /// Runs the command; args excludes the program name and the command name.
    int (*run)(const QStringList &args);
};

/// All subcommands, in the order `--help` lists them.
QList<Command> commands();

/// Entry point: dispatches argv (including the program name).
int run(const QStringList &arguments);

/// Prints a one-line error ("confab-cli: ...") to stderr.
void printError(const QString &message);

} // namespace Cli
