// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "apierror.h"
#include "protocol/chatrequest.h"

#include <QByteArray>
#include <QJsonObject>

/// An OpenAI chat.completions request as the local API server received it,
/// turned into the provider-neutral ChatRequest.
struct ChatCompletionRequest {
    ChatRequest chat;          ///< messages and options (options.model as requested, may be empty)
    bool stream = false;       ///< "stream": true
    bool includeUsage = false; ///< "stream_options": {"include_usage": true}
};

/// Parses and validates a POST /v1/chat/completions body. On failure returns
/// false and sets *error to a 400 naming the field ("messages[2].role", ...).
/// Unknown top-level fields are ignored, as OpenAI-compatible servers do.
bool parseChatCompletionRequest(const QByteArray &body, ChatCompletionRequest *out, ApiError *error);

/// The same, for an already decoded JSON object (the WebSocket endpoint).
bool parseChatCompletionObject(const QJsonObject &root, ChatCompletionRequest *out, ApiError *error);
