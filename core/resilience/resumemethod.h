// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"

#include <QString>

// How an interrupted answer is continued, per provider and model.
namespace ResumeMethod {

/// The preferred method for a provider/model:
///  - OpenAI-compatible and Ollama: Instruction (the partial as an assistant
///    message, then a short continuation instruction);
///  - Anthropic: Prefill (the partial as the final assistant turn), except
///    when thinking is on and for models that reject prefill (Claude 4.6 and
///    later, Mythos), which get Instruction.
ContinuationMode preferred(ProviderKind kind, const QString &model, bool thinkingEnabled);

/// True for Anthropic model names known to reject assistant prefill.
bool anthropicModelRejectsPrefill(const QString &model);

/// How many characters of partial the request carries: Prefill trims the
/// trailing whitespace (the API rejects it), Instruction sends it whole.
qsizetype sentLength(ContinuationMode mode, const QString &partial);

} // namespace ResumeMethod
