// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

/// Joins a continuation onto a partial answer without lost or repeated text.
///
/// A resumed model often repeats the end of what it already said ("…brown fox
/// jumps" + " brown fox jumps over"). The stitcher removes the longest
/// overlap: a suffix of the partial that is a prefix of the continuation, at
/// least minOverlap characters long, compared with whitespace runs treated as
/// equal and the continuation's leading whitespace ignored. It then joins the
/// whitespace: the partial's trailing whitespace (trimmed from a prefill
/// request but already shown to the user) is not repeated when the
/// continuation starts with it.
///
/// Incremental: feed() the continuation's deltas as they arrive. While the
/// text so far could still be the start of an overlap it is held back; once
/// the overlap is decided everything passes straight through.
class Stitcher
{
public:
    struct Config {
        int minOverlap = 8; ///< shortest overlap removed (whitespace-collapsed characters)
        int window = 2000;  ///< how much of the partial's end is searched
    };

    Stitcher();
    explicit Stitcher(const Config &config);

    /// Starts a continuation of partial (the text the user already has).
    /// sentLength: how much of it the continuation request carried (-1: all);
    /// a prefill request leaves out the trailing whitespace, and the model
    /// then usually starts with it again. detectOverlap false: the
    /// continuation is known to start exactly where the partial ends (prefill),
    /// so only the whitespace is joined. Overlap removal cannot tell a repeat
    /// from periodic text that legitimately continues the same way.
    void begin(QStringView partial, qsizetype sentLength = -1, bool detectOverlap = true);
    /// The next continuation delta; returns the text to append (possibly
    /// empty while deciding).
    QString feed(QStringView delta);
    /// The continuation ended or failed: returns whatever was held back.
    QString flush();

    bool isDeciding() const { return m_phase != Phase::Pass; }
    /// Continuation characters dropped as overlap or repeated whitespace.
    qsizetype removedChars() const { return m_removed; }

private:
    enum class Phase { Overlap, Whitespace, Pass };

    void normalizeNew();
    bool overlapUndecided() const;
    QString decideOverlap();
    QString joinWhitespace(bool final);

    Config m_config;
    Phase m_phase = Phase::Pass;
    QString m_tail;          ///< whitespace-collapsed end of the right-trimmed partial
    QString m_trailingWs;    ///< the partial's trailing whitespace
    QString m_unsentWs;      ///< the part of it the request did not carry
    QString m_joinWs;        ///< the whitespace the continuation may repeat
    QString m_buf;           ///< held-back continuation (raw)
    QString m_norm;          ///< whitespace-collapsed m_buf, leading whitespace dropped
    QList<qsizetype> m_rawEnd; ///< m_norm[i] ends at m_buf index m_rawEnd[i]
    qsizetype m_scanned = 0; ///< m_buf characters already normalized
    bool m_pendingSpace = false;
    QList<qsizetype> m_alive; ///< overlap lengths k still consistent with m_norm
    qsizetype m_removed = 0;
};
