// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

// What is sent to a provider, independent of its wire format.

enum class ProviderKind {
    OpenAI,    ///< OpenAI Chat Completions and any OpenAI-compatible server
    Anthropic, ///< Anthropic Messages
    Ollama,    ///< Ollama native /api/chat (NDJSON)
};

/// "openai", "anthropic", "ollama".
QString providerKindName(ProviderKind kind);
/// Parses a provider name; returns false for an unknown one.
bool providerKindFromName(QStringView name, ProviderKind *kind);

/// A tool call made by the assistant (complete, not a fragment).
struct ToolCall {
    QString id;
    QString name;
    QString arguments; ///< the raw JSON arguments string
    bool operator==(const ToolCall &o) const = default;
};

struct ChatMessage {
    enum class Role { System, User, Assistant, Tool };
    Role role = Role::User;
    QString content;
    QString thinking;           ///< assistant reasoning, when kept
    QString thinkingSignature;  ///< Anthropic: needed to send thinking back
    QList<ToolCall> toolCalls;  ///< assistant tool calls
    QString toolCallId;         ///< Role::Tool: which call this answers
};

/// How to continue an interrupted assistant answer (see docs/resilience.md).
enum class ContinuationMode {
    None,        ///< a fresh request
    Prefill,     ///< Anthropic: the partial is the final assistant turn
    Instruction, ///< partial as assistant message + a user continuation instruction
};

struct ChatOptions {
    QString model;
    QString systemPrompt;
    double temperature = -1;     ///< < 0: provider default
    int maxTokens = 0;           ///< 0: provider default (Anthropic requires one; adapters pick a default)
    QStringList stopSequences;
    QJsonArray tools;            ///< tool definitions: [{name, description, parameters(JSON schema)}]
    int thinkingBudget = 0;      ///< 0: thinking off
};

struct ChatRequest {
    QList<ChatMessage> messages; ///< the conversation, oldest first, without the system prompt
    ChatOptions options;
    /// When continuing: the partial answer already received and how to ask
    /// for the rest. Adapters append it to the messages as the mode says.
    QString continuationPartial;
    ContinuationMode continuation = ContinuationMode::None;
};

/// The user message that asks a model to continue an interrupted answer
/// (ContinuationMode::Instruction). One shared text for every provider.
QString continuationInstruction();

/// The partial answer as it is sent for ContinuationMode::Prefill: trailing
/// whitespace removed (Anthropic rejects a final assistant turn ending in
/// whitespace). The caller re-inserts the trimmed whitespace when stitching.
QString prefillText(const QString &partial);

/// Where and how to reach one provider endpoint. The API key is not here: it
/// is looked up by the secrets layer and handed to the request factory.
struct ProviderConfig {
    ProviderKind kind = ProviderKind::OpenAI;
    QString id;          ///< stable id, e.g. "openai", "local-llama"
    QString displayName;
    QUrl baseUrl;        ///< e.g. https://api.openai.com/v1, https://api.anthropic.com, http://127.0.0.1:11434
    QString defaultModel;
};
