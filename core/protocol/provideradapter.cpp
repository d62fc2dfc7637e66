// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "provideradapter.h"

#include "anthropicadapter.h"
#include "ollamaadapter.h"
#include "openaiadapter.h"

std::unique_ptr<ProviderAdapter> ProviderAdapter::create(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI:
        return std::make_unique<OpenAIAdapter>();
    case ProviderKind::Anthropic:
        return std::make_unique<AnthropicAdapter>();
    case ProviderKind::Ollama:
        return std::make_unique<OllamaAdapter>();
    }
    return nullptr;
}
