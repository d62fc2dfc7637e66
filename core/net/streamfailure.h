// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/streamevent.h"

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QString>

/// The raw facts of one failed StreamSession attempt, as the network layer
/// saw them. The resilience layer classifies these into a StreamError
/// (kind, retryable, action, retryAfter). Never contains an API key.
struct StreamFailure {
    /// What the session itself detected (as opposed to what the network said).
    enum class Local {
        None,             ///< see networkError / httpStatus / providerError
        ConnectTimeout,   ///< no response headers within the connect timeout
        FirstByteTimeout, ///< headers but no body byte within the first-byte timeout
        IdleTimeout,      ///< no bytes (keep-alives count) within the idle timeout
        TotalTimeout,     ///< the whole stream exceeded the total timeout
        SizeLimit,        ///< the response exceeded the size limit
        Malformed,        ///< the body could not be decoded (bad JSON, over-long line)
        Truncated,        ///< the body ended without the provider's terminator
        ProviderError,    ///< a mid-stream error event (providerError is set)
        Cancelled,        ///< cancel() was called
    };

    Local local = Local::None;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    int httpStatus = 0;                               ///< 0 when no response arrived
    QList<QPair<QByteArray, QByteArray>> headers;     ///< response headers (lower-case names)
    ProviderError providerError;                      ///< from the error body or a mid-stream error event
    QString detail;                                   ///< short, redacted description for logs and the UI
    qint64 bytesReceived = 0;                         ///< body bytes received before the failure
    qint64 tokensReceived = 0;                        ///< text/thinking/tool deltas received before the failure
    bool afterContent = false;                        ///< true when any text/thinking/tool delta had arrived

    /// The value of a response header (case-insensitive), or empty.
    QByteArray header(QByteArrayView name) const
    {
        for (const auto &h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
};

Q_DECLARE_METATYPE(StreamFailure)
