// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "clicommands.h"
#include "confabversion.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral(CONFAB_APP_NAME));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONFAB_VERSION_STRING));
    QCoreApplication::setOrganizationName(QStringLiteral("Confab"));
    return Cli::run(QCoreApplication::arguments());
}
