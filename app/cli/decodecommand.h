// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QStringList>

namespace Cli {

/// `confab-cli decode --protocol sse|openai|anthropic|ollama FILE [--fragment SEED]`
/// sse: one {"event","data","id"} line per dispatched event ({"retry":N} for a
/// valid retry field). Providers: the accumulated message as one JSON object
/// (MessageAccumulator::toJson()). --fragment feeds the file in seeded random
/// pieces of 1..64 bytes; the output is identical. Exit 0 ok, 1 decode error
/// (invalid JSON, limit), 2 usage error (bad flag, unknown protocol, missing file).
int decodeCommand(const QStringList &args);

} // namespace Cli
