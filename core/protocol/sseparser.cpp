// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "sseparser.h"

#include <cstring>

namespace {
constexpr char Bom[] = "\xEF\xBB\xBF";
constexpr qsizetype BomSize = 3;

// Index of the first CR or LF in [from, size), or -1.
qsizetype findLineEnd(const char *p, qsizetype from, qsizetype size)
{
    for (qsizetype i = from; i < size; ++i) {
        const char c = p[i];
        if (c == '\n' || c == '\r')
            return i;
    }
    return -1;
}

bool allAsciiDigits(QByteArrayView v)
{
    if (v.isEmpty())
        return false;
    for (char c : v) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}
} // namespace

void SseParser::feed(QByteArrayView bytes, QList<SseItem> &out)
{
    if (hasError() || bytes.isEmpty())
        return;
    if (!m_bomDone) {
        // Hold up to three bytes at the very start until we know whether they
        // are a BOM; a BOM split across reads is still a BOM.
        const qsizetype want = BomSize - m_bomHeld.size();
        const qsizetype take = qMin(want, bytes.size());
        m_bomHeld.append(bytes.first(take));
        bytes = bytes.sliced(take);
        if (std::memcmp(m_bomHeld.constData(), Bom, size_t(m_bomHeld.size())) != 0) {
            m_bomDone = true; // not a BOM: the held bytes are content
            const QByteArray held = std::exchange(m_bomHeld, {});
            feedBody(held, out);
        } else if (m_bomHeld.size() == BomSize) {
            m_bomDone = true; // a BOM: dropped
            m_bomHeld.clear();
        } else {
            return; // still a possible BOM prefix, need more bytes
        }
    }
    feedBody(bytes, out);
}

void SseParser::feedBody(QByteArrayView bytes, QList<SseItem> &out)
{
    const char *p = bytes.data();
    const qsizetype size = bytes.size();
    qsizetype pos = 0;
    while (pos < size && !hasError()) {
        if (m_pendingCR) {
            m_pendingCR = false;
            if (p[pos] == '\n') { // second half of a CRLF
                ++pos;
                continue;
            }
        }
        const qsizetype end = findLineEnd(p, pos, size);
        if (end < 0) {
            // Incomplete line: keep it (each byte is copied once).
            if (m_line.size() + (size - pos) > m_limits.maxLineBytes) {
                fail(QStringLiteral("SSE line exceeds the limit of %1 bytes").arg(m_limits.maxLineBytes));
                return;
            }
            m_line.append(p + pos, size - pos);
            return;
        }
        if (m_line.size() + (end - pos) > m_limits.maxLineBytes) {
            fail(QStringLiteral("SSE line exceeds the limit of %1 bytes").arg(m_limits.maxLineBytes));
            return;
        }
        if (m_line.isEmpty()) {
            processLine(QByteArrayView(p + pos, end - pos), out);
        } else {
            m_line.append(p + pos, end - pos);
            processLine(m_line, out);
            m_line.clear(); // keeps the capacity
        }
        m_pendingCR = (p[end] == '\r');
        pos = end + 1;
    }
}

void SseParser::processLine(QByteArrayView line, QList<SseItem> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':') {
        SseItem item;
        item.kind = SseItem::Kind::Comment;
        item.data = line.sliced(1).toByteArray();
        out.append(std::move(item));
        return;
    }
    m_fieldsPending = true;
    const qsizetype colon = line.indexOf(':');
    QByteArrayView name = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (!value.isEmpty() && value.front() == ' ')
        value = value.sliced(1);

    if (name == "data") {
        if (m_data.size() + value.size() + 1 > m_limits.maxEventBytes) {
            fail(QStringLiteral("SSE event %1 exceeds the limit of %2 bytes")
                     .arg(m_eventCount + 1)
                     .arg(m_limits.maxEventBytes));
            return;
        }
        m_data.append(value.data(), value.size());
        m_data.append('\n');
    } else if (name == "event") {
        m_type = value.toByteArray();
    } else if (name == "id") {
        if (!value.contains('\0'))
            m_lastId = value.toByteArray();
    } else if (name == "retry") {
        if (allAsciiDigits(value)) {
            bool ok = false;
            const qint64 ms = value.toLongLong(&ok);
            if (ok) { // an all-digit value too large for 64 bits is ignored
                SseItem item;
                item.kind = SseItem::Kind::Retry;
                item.retryMs = ms;
                out.append(std::move(item));
            }
        }
    }
    // Any other field is ignored.
}

void SseParser::dispatch(QList<SseItem> &out)
{
    m_fieldsPending = false;
    if (m_data.isEmpty()) {
        m_type.clear();
        return;
    }
    m_data.chop(1); // the trailing LF
    SseItem item;
    item.kind = SseItem::Kind::Event;
    item.type = m_type.isEmpty() ? QByteArrayLiteral("message") : std::move(m_type);
    item.data = std::move(m_data);
    item.lastEventId = m_lastId;
    out.append(std::move(item));
    ++m_eventCount;
    m_data = QByteArray();
    m_type = QByteArray();
}

void SseParser::finish()
{
    // A stream holding only part of a BOM: those bytes are a partial line.
    m_endedMidEvent = !m_line.isEmpty() || m_fieldsPending || !m_bomHeld.isEmpty();
    m_line.clear();
    m_data.clear();
    m_type.clear();
    m_bomHeld.clear();
    m_fieldsPending = false;
}

void SseParser::fail(const QString &message)
{
    m_error = message;
    m_line.clear();
    m_data.clear();
}
