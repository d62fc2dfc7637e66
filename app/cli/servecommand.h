// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QStringList>

namespace Cli {

/// `confab-cli serve [--port N] [--provider KIND] [--base-url URL] [--model M]
///  [--api-key-env VAR] [--fallback KIND,URL,MODEL[,KEY_ENV]]... [--token-env VAR]
///  [--max-streams N] [--max-body-bytes N] [--keep-alive-ms N]`
/// Runs Confab's OpenAI-compatible API server on 127.0.0.1 (docs/server.md)
/// with the given providers behind it; prints the URL (the real port when
/// --port 0) and the bearer token, then serves until SIGINT/SIGTERM.
/// Exit 0 after a signal, 1 when it cannot listen, 2 on a usage error.
int serveCommand(const QStringList &args);

} // namespace Cli
