// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "ndjsondecoder.h"

#include <cstring>

namespace {
bool isBlank(QByteArrayView line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}
} // namespace

void NdjsonDecoder::feed(QByteArrayView bytes, QList<QByteArray> &lines)
{
    const char *p = bytes.data();
    const qsizetype size = bytes.size();
    qsizetype pos = 0;
    while (pos < size && !hasError()) {
        const void *nl = std::memchr(p + pos, '\n', size_t(size - pos));
        const qsizetype end = nl ? static_cast<const char *>(nl) - p : -1;
        const qsizetype len = (end < 0 ? size : end) - pos;
        if (m_pending.size() + len > m_maxLine) {
            m_error = QStringLiteral("NDJSON line %1 exceeds the limit of %2 bytes").arg(m_lines + 1).arg(m_maxLine);
            m_pending.clear();
            return;
        }
        if (end < 0) {
            m_pending.append(p + pos, len);
            return;
        }
        if (m_pending.isEmpty()) {
            emitLine(QByteArrayView(p + pos, len), lines);
        } else {
            m_pending.append(p + pos, len);
            emitLine(m_pending, lines);
            m_pending.clear();
        }
        pos = end + 1;
    }
}

void NdjsonDecoder::emitLine(QByteArrayView line, QList<QByteArray> &lines)
{
    if (!line.isEmpty() && line.back() == '\r')
        line.chop(1);
    if (isBlank(line))
        return;
    ++m_lines;
    lines.append(line.toByteArray());
}

QByteArray NdjsonDecoder::takeRemainder()
{
    QByteArray rest = std::exchange(m_pending, {});
    if (isBlank(rest))
        return {};
    return rest;
}
