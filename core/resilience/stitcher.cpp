// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "stitcher.h"

#include <algorithm>
#include <utility>

namespace {

QString collapseWhitespace(QStringView text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (QChar c : text) {
        if (c.isSpace()) {
            space = true;
            continue;
        }
        if (space && !out.isEmpty())
            out += QLatin1Char(' ');
        space = false;
        out += c;
    }
    if (space && !out.isEmpty())
        out += QLatin1Char(' ');
    return out;
}

} // namespace

Stitcher::Stitcher()
    : Stitcher(Config{})
{
}

Stitcher::Stitcher(const Config &config)
    : m_config(config)
{
    m_config.minOverlap = std::max(1, m_config.minOverlap);
    m_config.window = std::max(m_config.minOverlap, m_config.window);
}

void Stitcher::begin(QStringView partial, qsizetype sentLength, bool detectOverlap)
{
    m_buf.clear();
    m_norm.clear();
    m_rawEnd.clear();
    m_scanned = 0;
    m_pendingSpace = false;
    m_removed = 0;
    m_alive.clear();

    qsizetype end = partial.size();
    while (end > 0 && partial.at(end - 1).isSpace())
        --end;
    m_trailingWs = partial.mid(end).toString();
    if (sentLength < 0 || sentLength > partial.size())
        sentLength = partial.size();
    m_unsentWs = partial.mid(std::max(end, sentLength)).toString();
    m_joinWs = m_unsentWs;
    const QStringView trimmed = partial.left(end);
    m_tail = collapseWhitespace(trimmed.right(std::min<qsizetype>(trimmed.size(), m_config.window)));

    for (qsizetype k = m_tail.size(); detectOverlap && k >= m_config.minOverlap; --k)
        m_alive.append(k);
    if (!m_alive.isEmpty())
        m_phase = Phase::Overlap;
    else if (!m_joinWs.isEmpty())
        m_phase = Phase::Whitespace;
    else
        m_phase = Phase::Pass;
}

void Stitcher::normalizeNew()
{
    for (; m_scanned < m_buf.size(); ++m_scanned) {
        const QChar c = m_buf.at(m_scanned);
        if (c.isSpace()) {
            m_pendingSpace = !m_norm.isEmpty();
            continue;
        }
        if (m_pendingSpace) {
            m_norm += QLatin1Char(' ');
            m_rawEnd.append(m_scanned);
            m_pendingSpace = false;
        }
        m_norm += c;
        m_rawEnd.append(m_scanned + 1);
    }
}

// Drops the candidates the new text contradicts; true while one of them could
// still turn out to be an overlap (the text so far is a proper prefix of it).
bool Stitcher::overlapUndecided() const
{
    const qsizetype n = m_norm.size();
    for (qsizetype k : m_alive) {
        if (k > n)
            return true;
    }
    return false;
}

QString Stitcher::feed(QStringView delta)
{
    if (m_phase == Phase::Pass)
        return delta.toString();
    m_buf += delta;
    if (m_phase == Phase::Overlap) {
        normalizeNew();
        const qsizetype n = m_norm.size();
        const QStringView norm(m_norm);
        m_alive.removeIf([&](qsizetype k) {
            const qsizetype len = std::min(k, n);
            return QStringView(m_tail).sliced(m_tail.size() - k, len) != norm.left(len);
        });
        const bool overLimit = m_buf.size() > qsizetype(m_config.window) * 2;
        if (overlapUndecided() && !overLimit)
            return {};
        return decideOverlap();
    }
    return joinWhitespace(false);
}

QString Stitcher::decideOverlap()
{
    qsizetype best = 0;
    for (qsizetype k : m_alive) {
        if (k <= m_norm.size())
            best = std::max(best, k);
    }
    m_alive.clear();
    const qsizetype cut = best > 0 ? m_rawEnd.at(best - 1) : 0;
    m_removed += cut;
    m_buf.remove(0, cut);
    m_norm.clear();
    m_rawEnd.clear();
    // After a repeated overlap the continuation restarts right after the
    // partial's last word, so it may repeat all of the trailing whitespace;
    // otherwise only the part the request left out.
    m_joinWs = best > 0 ? m_trailingWs : m_unsentWs;
    if (m_joinWs.isEmpty()) {
        m_phase = Phase::Pass;
        return std::exchange(m_buf, QString());
    }
    m_phase = Phase::Whitespace;
    return joinWhitespace(false);
}

QString Stitcher::joinWhitespace(bool final)
{
    qsizetype lead = 0;
    while (lead < m_buf.size() && m_buf.at(lead).isSpace())
        ++lead;
    if (lead == m_buf.size() && !final)
        return {}; // only whitespace so far: wait for the first word
    // Longest j with joinWs.right(j) == leading whitespace.left(j).
    const QStringView ws(m_joinWs);
    const QStringView leading = QStringView(m_buf).left(lead);
    qsizetype j = std::min(ws.size(), leading.size());
    while (j > 0 && ws.right(j) != leading.left(j))
        --j;
    m_removed += j;
    m_phase = Phase::Pass;
    QString out = m_buf.mid(j);
    m_buf.clear();
    return out;
}

QString Stitcher::flush()
{
    switch (m_phase) {
    case Phase::Pass:
        return {};
    case Phase::Overlap: {
        QString out = decideOverlap();
        if (m_phase == Phase::Whitespace)
            out += joinWhitespace(true);
        return out;
    }
    case Phase::Whitespace:
        return joinWhitespace(true);
    }
    return {};
}
