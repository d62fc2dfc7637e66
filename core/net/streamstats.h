// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QtGlobal>

/// Measurements of one stream: time to first token, output tokens per
/// second, body bytes and chunks. Times are passed in (milliseconds of a
/// monotonic clock, e.g. QElapsedTimer::elapsed()), so the arithmetic is
/// deterministic and testable.
///
/// When the provider reports no output token count, tokens are estimated
/// from the characters received at ~4 characters per token (the usual rule
/// of thumb for English text with GPT/Claude tokenizers), rounded up, and
/// tokensEstimated() is true.
class StreamStats
{
public:
    static constexpr int CharsPerToken = 4;
    /// ceil(chars / 4); 0 for no characters.
    static qint64 estimateTokens(qint64 chars) { return chars <= 0 ? 0 : (chars + CharsPerToken - 1) / CharsPerToken; }

    void reset() { *this = StreamStats(); }

    /// The request was sent.
    void start(qint64 nowMs) { m_startMs = nowMs; }
    /// Body bytes arrived (any bytes, keep-alives too).
    void addBytes(qint64 n) { m_bytes += n; }
    /// A content chunk (text, thinking or tool-argument delta) of `chars` characters.
    void addChunk(qint64 chars, qint64 nowMs);
    /// Token counts reported by the provider (-1: unknown); later reports replace earlier ones.
    void setUsage(qint64 inputTokens, qint64 outputTokens);
    /// The stream ended (finished, failed or cancelled).
    void end(qint64 nowMs) { m_endMs = nowMs; }

    qint64 bytes() const { return m_bytes; }
    qint64 chunks() const { return m_chunks; }
    qint64 characters() const { return m_chars; }
    qint64 inputTokens() const { return m_inputTokens; }
    /// Reported output tokens, else the estimate from characters.
    qint64 outputTokens() const { return m_outputTokens >= 0 ? m_outputTokens : estimateTokens(m_chars); }
    bool tokensEstimated() const { return m_outputTokens < 0; }
    /// ms from start() to the first content chunk; -1 when none arrived.
    qint64 timeToFirstTokenMs() const;
    /// ms from start() to end() (or the last chunk while running); -1 before start().
    qint64 durationMs() const;
    /// Output tokens per second over the generation time (first chunk to the
    /// end, or to the last chunk while running); 0 when that time is 0 or unknown.
    double tokensPerSecond() const;

private:
    qint64 m_startMs = -1;
    qint64 m_firstChunkMs = -1;
    qint64 m_lastChunkMs = -1;
    qint64 m_endMs = -1;
    qint64 m_bytes = 0;
    qint64 m_chunks = 0;
    qint64 m_chars = 0;
    qint64 m_inputTokens = -1;
    qint64 m_outputTokens = -1;
};
