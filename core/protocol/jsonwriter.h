// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

// Minimal compact JSON writing with a caller-chosen key order (QJsonObject
// sorts keys). Output is UTF-8; only '"', '\\' and control characters are
// escaped, so the output is stable and byte-comparable.
namespace JsonWriter {

/// Appends s as a quoted JSON string.
void appendString(QByteArray &out, QStringView s);
/// Appends "key": (quoted key and colon).
void appendKey(QByteArray &out, QLatin1StringView key);
/// Appends an integer, or null when value < 0.
void appendCount(QByteArray &out, qint64 value);

} // namespace JsonWriter
