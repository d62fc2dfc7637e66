// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// Shared by the libFuzzer targets: split the input into fragments whose sizes
// come from the input itself, so the fuzzer explores read boundaries too.

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace Fuzz {

/// The first byte seeds fragment sizes (1..64); the rest is the body.
inline QList<QByteArrayView> fragments(QByteArrayView body, uint8_t seed)
{
    QList<QByteArrayView> parts;
    uint32_t state = seed * 2654435761u + 1;
    qsizetype pos = 0;
    while (pos < body.size()) {
        state = state * 1103515245u + 12345u;
        const qsizetype n = qMin<qsizetype>(1 + (state >> 16) % 64, body.size() - pos);
        parts.append(body.sliced(pos, n));
        pos += n;
    }
    return parts;
}

/// Aborts (a finding) when an invariant is broken, naming it.
inline void check(bool ok, const char *what = "")
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace Fuzz
