// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QStringList>

namespace Cli {

/// `confab-cli continue MESSAGE_ID [--db PATH] [--provider KIND] [--base-url URL]
///  [--model NAME] [--api-key-env VAR] [--max-tokens N] [--idle-timeout MS]
///  [--max-retries N] [--retry-base-ms MS]`
/// Continues a stored assistant answer that is interrupted, cancelled or
/// failed (others are refused): rebuilds the conversation from the store,
/// sends a continuation request seeded with the partial (ResilientStream::
/// startContinuation), prints only the continuation to stdout, checkpoints
/// into the same message and completes it. Provider, base URL and model
/// default to those stored with the message and its conversation. Exit 0
/// complete, 1 failed again (partial kept; state failed or interrupted),
/// 2 usage error, 130 Ctrl-C (state cancelled).
int continueCommand(const QStringList &args);

} // namespace Cli
