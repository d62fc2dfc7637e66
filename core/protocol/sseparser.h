// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

/// One item produced by SseParser, in stream order.
struct SseItem {
    enum class Kind {
        Event,   ///< a dispatched event: type, data, lastEventId
        Comment, ///< a comment line (":..."): a keep-alive; data holds the text after ':'
        Retry,   ///< a valid retry field: retryMs
    };
    Kind kind = Kind::Event;
    QByteArray type;        ///< Event: the event type, "message" when unset (UTF-8)
    QByteArray data;        ///< Event: data lines joined with '\n' (UTF-8, complete lines only)
    QByteArray lastEventId; ///< Event: the last event id at dispatch (persists across events)
    qint64 retryMs = -1;    ///< Retry
};

/// Incremental, byte-framed Server-Sent Events parser following the WHATWG
/// "event stream" rules exactly (see docs/shared protocols.md §1.1):
/// LF, CR and CRLF line endings (a CRLF split across reads is one ending), an
/// optional UTF-8 BOM at the very start (also when split), comments, the
/// fields event/data/id/retry, one leading space stripped from a value, an id
/// containing NUL ignored, retry only when all ASCII digits, no dispatch for
/// an empty data buffer, event type reset after each dispatch, last event id
/// persisting. An event without its terminating blank line at the end of the
/// stream is not dispatched; endedMidEvent() then reports it.
///
/// Lines are handled as bytes; nothing is decoded here, so a multi-byte UTF-8
/// character split across reads arrives whole. Each input byte is copied at
/// most once into the pending-line buffer: the work is O(n) in the input.
class SseParser
{
public:
    struct Limits {
        qsizetype maxLineBytes = 16 * 1024 * 1024;  ///< one line, without its ending
        qsizetype maxEventBytes = 16 * 1024 * 1024; ///< the data buffer of one event
    };

    SseParser() = default;
    explicit SseParser(Limits limits) : m_limits(limits) {}

    /// Parses the next bytes, appending items to out. After an error nothing
    /// more is parsed.
    void feed(QByteArrayView bytes, QList<SseItem> &out);
    /// The stream ended. Any incomplete event is discarded (not dispatched).
    void finish();

    /// True after finish() when the stream ended inside an event: a partial
    /// line, or field lines not yet followed by a blank line.
    bool endedMidEvent() const { return m_endedMidEvent; }
    bool hasError() const { return !m_error.isEmpty(); }
    /// Names the problem, e.g. "SSE line exceeds the limit of 16777216 bytes".
    QString errorString() const { return m_error; }
    /// Number of events dispatched so far.
    qint64 eventCount() const { return m_eventCount; }
    /// The last event id buffer.
    QByteArray lastEventId() const { return m_lastId; }

private:
    void feedBody(QByteArrayView bytes, QList<SseItem> &out);
    void processLine(QByteArrayView line, QList<SseItem> &out);
    void dispatch(QList<SseItem> &out);
    void fail(const QString &message);

    Limits m_limits;
    QByteArray m_line;     ///< the pending (incomplete) line
    QByteArray m_data;     ///< data buffer
    QByteArray m_type;     ///< event type buffer
    QByteArray m_lastId;   ///< last event id buffer
    QByteArray m_bomHeld;  ///< bytes at stream start that may still be a split BOM
    QString m_error;
    qint64 m_eventCount = 0;
    bool m_bomDone = false;
    bool m_pendingCR = false;   ///< the last byte was a CR: skip a following LF
    bool m_fieldsPending = false; ///< field lines seen since the last blank line
    bool m_endedMidEvent = false;
};
