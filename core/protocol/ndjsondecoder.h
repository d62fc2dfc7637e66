// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

/// Incremental newline-delimited JSON framing (Ollama's native /api/chat):
/// splits bytes into lines at LF (a CR before the LF is dropped), skips blank
/// lines, and enforces a line-size limit. Framing is on bytes: a line split
/// anywhere across reads (inside a UTF-8 character too) comes out whole. Each
/// input byte is copied at most once into the pending-line buffer.
class NdjsonDecoder
{
public:
    explicit NdjsonDecoder(qsizetype maxLineBytes = 16 * 1024 * 1024) : m_maxLine(maxLineBytes) {}

    /// Appends each complete, non-blank line (without its ending) to lines.
    void feed(QByteArrayView bytes, QList<QByteArray> &lines);
    /// The stream ended: returns the unterminated last line, if any (not
    /// blank), and clears it.
    QByteArray takeRemainder();

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Number of lines produced so far.
    qint64 lineCount() const { return m_lines; }

private:
    void emitLine(QByteArrayView line, QList<QByteArray> &lines);

    QByteArray m_pending;
    QString m_error;
    qsizetype m_maxLine;
    qint64 m_lines = 0;
};
