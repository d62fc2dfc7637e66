// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// Shared helpers for the protocol tests: transcript files and feeding bytes
// whole, byte by byte or in seeded random fragments.

#include "protocol/messageaccumulator.h"
#include "protocol/provideradapter.h"

#include <QFile>
#include <QRandomGenerator>
#include <QtTest/QTest>

namespace TestHelpers {

inline QByteArray readData(const QString &name)
{
    QFile f(QStringLiteral(CONFAB_PROTOCOL_DATA_DIR "/") + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

/// Splits bytes into fragments: seed 0 = whole, seed < 0 = one byte each,
/// otherwise seeded random sizes of 1..64 bytes.
inline QList<QByteArrayView> fragments(const QByteArray &bytes, qint64 seed)
{
    QList<QByteArrayView> parts;
    if (seed == 0) {
        parts.append(bytes);
        return parts;
    }
    QRandomGenerator rng{quint32(seed)};
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype n = seed < 0 ? 1 : qMin<qsizetype>(rng.bounded(1, 65), bytes.size() - pos);
        parts.append(QByteArrayView(bytes).sliced(pos, n));
        pos += n;
    }
    return parts;
}

struct Decoded {
    QList<StreamEvent> events;
    MessageAccumulator acc;
    DecodeError error;
    bool terminator = false;
    bool midEvent = false;
};

inline Decoded decode(ProviderKind kind, const QByteArray &bytes, qint64 seed = 0)
{
    Decoded d;
    auto adapter = ProviderAdapter::create(kind);
    for (QByteArrayView part : fragments(bytes, seed))
        adapter->feed(part, d.events);
    adapter->finish(d.events);
    d.acc.add(d.events);
    d.error = adapter->decodeError();
    d.terminator = adapter->sawTerminator();
    d.midEvent = adapter->endedMidEvent();
    return d;
}

inline QList<StreamEvent> ofType(const QList<StreamEvent> &events, StreamEvent::Type type)
{
    QList<StreamEvent> r;
    for (const StreamEvent &e : events) {
        if (e.type == type)
            r.append(e);
    }
    return r;
}

} // namespace TestHelpers
