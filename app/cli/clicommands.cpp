// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "clicommands.h"

#include "chatcommand.h"
#include "confabversion.h"
#include "continuecommand.h"
#include "decodecommand.h"
#include "servecommand.h"
#include "storecommands.h"

#include <cstdio>

namespace Cli {

QList<Command> commands()
{
    return {
        {QStringLiteral("chat"), QStringLiteral("Stream one answer from a provider to stdout (Ctrl-C cancels)"), &chatCommand},
        {QStringLiteral("continue"), QStringLiteral("Continue a stored answer that was interrupted, cancelled or failed"), &continueCommand},
        {QStringLiteral("list"), QStringLiteral("List stored conversations and unfinished answers"), &runList},
        {QStringLiteral("show"), QStringLiteral("Show a stored conversation's messages and their states"), &runShow},
        {QStringLiteral("export"), QStringLiteral("Export a stored conversation as Markdown or JSON"), &runExport},
        {QStringLiteral("decode"), QStringLiteral("Decode a recorded SSE/NDJSON response body (sse, openai, anthropic, ollama)"), &decodeCommand},
        {QStringLiteral("serve"), QStringLiteral("Serve an OpenAI-compatible API on 127.0.0.1 with Confab's resilience behind it"), &serveCommand},
    };
}

void printError(const QString &message)
{
    std::fprintf(stderr, "confab-cli: %s\n", qPrintable(message));
}

static void printHelp()
{
    std::printf("Usage: confab-cli [--help] [--version] COMMAND [ARGS...]\n\n"
                "The terminal front end of Confab, over the same core as the desktop app.\n\n"
                "Commands:\n");
    for (const Command &c : commands())
        std::printf("  %-10s %s\n", qPrintable(c.name), qPrintable(c.summary));
    std::printf("\nRun 'confab-cli COMMAND --help' for a command's options.\n");
}

int run(const QStringList &arguments)
{
    const QStringList args = arguments.mid(1);
    if (args.isEmpty()) {
        printHelp();
        return Usage;
    }
    const QString &first = args.constFirst();
    if (first == QLatin1String("--help") || first == QLatin1String("-h") || first == QLatin1String("help")) {
        printHelp();
        return Ok;
    }
    if (first == QLatin1String("--version") || first == QLatin1String("-v")) {
        std::printf("confab-cli %s\n", CONFAB_VERSION_STRING);
        return Ok;
    }
    for (const Command &c : commands()) {
        if (c.name == first)
            return c.run(args.mid(1));
    }
    printError(QStringLiteral("unknown command '%1' (see confab-cli --help)").arg(first));
    return Usage;
}

} // namespace Cli
