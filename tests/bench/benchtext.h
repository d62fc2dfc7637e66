// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QList>
#include <QString>

// Deterministic synthetic LLM answers for the rendering benchmarks.
namespace BenchText {

/// A markdown answer of about `bytes` characters: headings, paragraphs with
/// inline markup and links, lists, a table, and `codeBlocks` fenced code
/// blocks (C++ and Python) spread evenly.
QString answer(qsizetype bytes, int codeBlocks);
/// End offsets of ~4-character tokens covering `text`.
QList<qsizetype> tokenBoundaries(const QString &text);

} // namespace BenchText
