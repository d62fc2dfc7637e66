// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QStringList>

namespace Cli {

/// `confab-cli chat --provider openai|anthropic|ollama --model NAME [--base-url URL]
///  [--system TEXT] [--max-tokens N] [--api-key-env VAR] [--idle-timeout MS] [--json] PROMPT`
/// Streams the answer's text to stdout as it arrives; --json prints only the
/// final message JSON (MessageAccumulator::toJson()) at the end. Ctrl-C
/// cancels cleanly. Exit 0 complete, 1 failed, 2 usage error, 130 cancelled.
/// The API key comes from the environment variable --api-key-env (default
/// OPENAI_API_KEY / ANTHROPIC_API_KEY; none needed for Ollama or loopback
/// servers) and is never printed.
int chatCommand(const QStringList &args);

} // namespace Cli
