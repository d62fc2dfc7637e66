// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chunkcoalescer.h"

namespace {
bool isSentenceEnd(QChar c)
{
    return c == u'.' || c == u'!' || c == u'?' || c == QChar(0x2026) /* … */ || c == QChar(0x3002) /* 。 */;
}
} // namespace

ChunkCoalescer::ChunkCoalescer(QObject *parent)
    : ChunkCoalescer(Options{}, parent)
{
}

ChunkCoalescer::ChunkCoalescer(const Options &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ChunkCoalescer::flush);
}

void ChunkCoalescer::setOptions(const Options &options)
{
    m_options = options;
}

qsizetype ChunkCoalescer::releasable(const QString &buffer, Strategy strategy, qsizetype scanFrom)
{
    // Scan backwards from the end, stopping where an earlier scan stopped: the
    // work per append is proportional to the new text, never to the buffer.
    const qsizetype stop = qMax<qsizetype>(0, scanFrom - 1);
    switch (strategy) {
    case Strategy::Time:
        return 0;
    case Strategy::Word:
        for (qsizetype i = buffer.size() - 1; i >= stop; --i) {
            if (buffer.at(i).isSpace())
                return i + 1;
        }
        return 0;
    case Strategy::Sentence:
        for (qsizetype i = buffer.size() - 1; i >= stop; --i) {
            const QChar c = buffer.at(i);
            if (c == u'\n')
                return i + 1;
            if (c.isSpace() && i > 0 && isSentenceEnd(buffer.at(i - 1)))
                return i + 1;
        }
        return 0;
    case Strategy::Paragraph:
        for (qsizetype i = buffer.size() - 1; i >= qMax<qsizetype>(1, stop); --i) {
            if (buffer.at(i) == u'\n' && buffer.at(i - 1) == u'\n')
                return i + 1;
        }
        return 0;
    }
    return 0;
}

void ChunkCoalescer::append(const QString &text)
{
    if (text.isEmpty())
        return;
    const qsizetype scanFrom = m_buffer.size();
    m_buffer += text;
    if (m_options.maxSize > 0 && m_buffer.size() >= m_options.maxSize) {
        flush();
        return;
    }
    const qsizetype n = releasable(m_buffer, m_options.strategy, scanFrom);
    if (n > 0)
        emitPrefix(n);
    if (!m_buffer.isEmpty() && m_options.flushIntervalMs > 0 && !m_timer.isActive())
        m_timer.start(m_options.flushIntervalMs);
}

void ChunkCoalescer::flush()
{
    m_timer.stop();
    if (m_buffer.isEmpty())
        return;
    QString out;
    out.swap(m_buffer);
    Q_EMIT flushed(out);
}

void ChunkCoalescer::clear()
{
    m_timer.stop();
    m_buffer.clear();
}

void ChunkCoalescer::emitPrefix(qsizetype n)
{
    if (n >= m_buffer.size()) {
        flush();
        return;
    }
    const QString out = m_buffer.left(n);
    m_buffer.remove(0, n);
    // The timer keeps running for the held rest: it was first held earlier.
    Q_EMIT flushed(out);
}
