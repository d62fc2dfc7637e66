// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

/// Batches streamed text for a consumer (the UI updates at most once per
/// frame). Text is only ever delayed, never dropped or reordered: the
/// concatenation of everything flushed equals the concatenation of
/// everything appended, once flush() has been called at the end.
///
/// Strategies decide how much of the buffer may go out when text arrives:
/// - Time: nothing until the flush interval elapses (or maxSize is reached);
/// - Word: up to the last whitespace;
/// - Sentence: up to the last sentence end (., !, ? or … followed by
///   whitespace) or line break;
/// - Paragraph: up to the last blank line ("\n\n").
/// With every strategy, whatever is still held is flushed once it has waited
/// flushIntervalMs (if > 0), and everything is flushed when the buffer reaches
/// maxSize characters. The flush interval counts from the first held
/// character, so a steady stream still flushes at least once per interval.
class ChunkCoalescer : public QObject
{
    Q_OBJECT
public:
    enum class Strategy { Time, Word, Sentence, Paragraph };

    struct Options {
        Strategy strategy = Strategy::Time;
        int flushIntervalMs = 16;   ///< <= 0: no timed flush
        qsizetype maxSize = 4096;   ///< flush everything at this many characters (<= 0: no limit)
    };

    explicit ChunkCoalescer(QObject *parent = nullptr);
    explicit ChunkCoalescer(const Options &options, QObject *parent = nullptr);

    const Options &options() const { return m_options; }
    void setOptions(const Options &options);

    /// Adds text; may emit flushed() synchronously for the releasable part.
    void append(const QString &text);
    /// Emits everything held (nothing when empty).
    void flush();
    /// Drops everything held without emitting (e.g. a new message started).
    void clear();

    qsizetype pendingSize() const { return m_buffer.size(); }
    const QString &pending() const { return m_buffer; }

    /// The number of leading characters of buffer the strategy releases, given
    /// that the first `scanFrom` characters were already scanned without
    /// finding a boundary. Pure; exposed for tests.
    static qsizetype releasable(const QString &buffer, Strategy strategy, qsizetype scanFrom = 0);

Q_SIGNALS:
    void flushed(const QString &text);

private:
    void emitPrefix(qsizetype n);

    Options m_options;
    QString m_buffer;
    QTimer m_timer;
};
