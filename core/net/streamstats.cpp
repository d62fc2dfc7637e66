// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "streamstats.h"

void StreamStats::addChunk(qint64 chars, qint64 nowMs)
{
    ++m_chunks;
    m_chars += qMax<qint64>(0, chars);
    if (m_firstChunkMs < 0)
        m_firstChunkMs = nowMs;
    m_lastChunkMs = nowMs;
}

void StreamStats::setUsage(qint64 inputTokens, qint64 outputTokens)
{
    if (inputTokens >= 0)
        m_inputTokens = inputTokens;
    if (outputTokens >= 0)
        m_outputTokens = outputTokens;
}

qint64 StreamStats::timeToFirstTokenMs() const
{
    if (m_startMs < 0 || m_firstChunkMs < 0)
        return -1;
    return qMax<qint64>(0, m_firstChunkMs - m_startMs);
}

qint64 StreamStats::durationMs() const
{
    if (m_startMs < 0)
        return -1;
    const qint64 last = m_endMs >= 0 ? m_endMs : m_lastChunkMs;
    return last < 0 ? 0 : qMax<qint64>(0, last - m_startMs);
}

double StreamStats::tokensPerSecond() const
{
    if (m_firstChunkMs < 0)
        return 0;
    const qint64 last = m_endMs >= 0 ? m_endMs : m_lastChunkMs;
    const qint64 ms = last - m_firstChunkMs;
    if (ms <= 0)
        return 0;
    return double(outputTokens()) * 1000.0 / double(ms);
}
