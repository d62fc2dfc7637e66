// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QByteArray>
#include <QtGlobal>

/// How the local API server runs (docs/server.md). It only ever binds 127.0.0.1.
struct ApiServerOptions {
    quint16 port = 0;                        ///< 0: any free port (see ApiServer::port())
    QByteArray token;                        ///< bearer token clients must send; empty: generated
    qint64 maxBodyBytes = 4 * 1024 * 1024;   ///< larger request bodies get 413
    int maxConcurrentStreams = 8;            ///< more concurrent answers get 429
    int retryAfterSeconds = 1;               ///< Retry-After sent with that 429
    int keepAliveIntervalMs = 15000;         ///< `: keep-alive` comment interval on idle streams
};
