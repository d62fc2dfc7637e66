// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "chatrequest.h"
#include "streamevent.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

// Helpers shared by the provider adapters (internal to core/protocol).
namespace AdapterUtil {

/// base + "/" + path, with exactly one slash between the base path and path.
QUrl joinUrl(const QUrl &base, QStringView path);

/// A JSON value as a string: strings as-is, numbers without exponent when
/// integral, anything else compact JSON; null/undefined give "".
QString jsonString(const QJsonValue &v);

/// A token count from JSON; -1 when absent or not a number.
qint64 tokenCount(const QJsonValue &v);

/// The error object of a provider body (the "error" object of OpenAI and
/// Anthropic, a top-level {"error":"..."} of Ollama, a top-level "message"),
/// redacted. Returns a null ProviderError when the JSON has none.
ProviderError errorFromJson(const QJsonObject &obj, int httpStatus);

/// Parses any provider's error body; falls back to a short excerpt of the body
/// (at most 200 characters) or "HTTP <status> with an empty body". Redacted.
ProviderError parseErrorBody(int httpStatus, const QByteArray &body);

/// "invalid JSON in event N: <reason>" / the JSON is not an object.
QString malformedMessage(const char *unit, qint64 number, const QString &reason);

/// Confab's tool definitions ({name, description, parameters}) in the
/// OpenAI function-tool shape that OpenAI and Ollama share:
/// [{"type":"function","function":{name, description?, parameters}}];
/// a missing schema becomes {"type":"object"}.
QJsonArray functionTools(const QJsonArray &tools);

/// Appends the continuation of an interrupted answer as plain
/// {"role","content"} messages: for Prefill the trimmed partial as the final
/// assistant turn; for Instruction the partial as an assistant message plus
/// the user continuation instruction. Nothing for ContinuationMode::None.
void appendContinuation(QJsonArray &messages, const ChatRequest &request);

} // namespace AdapterUtil
