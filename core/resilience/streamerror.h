// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "net/streamfailure.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

/// A classified stream failure: what went wrong, whether trying again can
/// help, and what the recovery ladder should do next. Built from the raw
/// facts of a StreamFailure by StreamError::fromFailure(). Never contains an
/// API key: message and detail are redacted.
struct StreamError {
    enum class Kind {
        Network,        ///< connection refused/reset/dropped, DNS, truncated body
        Timeout,        ///< see timeoutKind
        RateLimit,      ///< 429 rate_limit_error / rate_limit_exceeded
        Quota,          ///< insufficient quota / billing / spend limit: waiting does not help
        Overloaded,     ///< Anthropic 529 / overloaded_error, server_is_overloaded
        Server,         ///< 5xx, api_error, server_error, mid-stream provider error
        Auth,           ///< 401 authentication
        Permission,     ///< 403 permission
        InvalidRequest, ///< 400/422 the request itself is wrong
        NotFound,       ///< 404 (usually an unknown model)
        ContextLength,  ///< the conversation is longer than the model's context
        ContentFilter,  ///< the provider refused the content
        Malformed,      ///< data that cannot be parsed
        Resource,       ///< a size limit (413, or the local response size limit)
        Cancelled,      ///< the user cancelled
        Unknown,        ///< anything else
    };
    enum class TimeoutKind {
        None,       ///< not a timeout (or a server-side 408 without a phase)
        Connect,    ///< no response headers in time
        FirstToken, ///< headers, but no body in time
        Idle,       ///< the stream stalled
        Total,      ///< the whole stream took too long
    };
    /// What the recovery ladder should try next.
    enum class Action {
        Retry,    ///< send the same request again (nothing useful received)
        Resume,   ///< continue from the partial answer
        Fallback, ///< this provider cannot serve it now; another one might
        Abort,    ///< stop; keep whatever was received
    };

    Kind kind = Kind::Unknown;
    TimeoutKind timeoutKind = TimeoutKind::None;
    Action action = Action::Abort;
    bool retryable = false;
    int httpStatus = 0;          ///< 0 when no HTTP error status was involved
    QString providerType;        ///< the provider's error type, e.g. "overloaded_error"
    QString providerCode;        ///< the provider's error code, e.g. "insufficient_quota"
    qint64 bytesReceived = 0;    ///< body bytes received before the failure
    qint64 tokensReceived = 0;   ///< deltas received before the failure
    bool afterContent = false;   ///< content had arrived before the failure
    qint64 retryAfterMs = -1;    ///< server-requested wait (retry-after-ms / retry-after), -1 if none
    bool prefillRejected = false;///< a 400 that names prefill (switch to the instruction method)
    QString message;             ///< short plain words, e.g. "rate limited"
    QString detail;              ///< the provider's/network's own words, redacted (may be empty)
    QDateTime time;              ///< when the error was classified (UTC)

    /// Classifies a failure. now is used for HTTP-date Retry-After values and
    /// the time stamp; knownSecrets are scrubbed from message and detail.
    static StreamError fromFailure(const StreamFailure &failure,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc(),
                                   const QStringList &knownSecrets = {});

    /// "message: detail" (or just message), for one-line display.
    QString displayText() const;
};

/// Stable names used by the CLI JSON and the UI: "network", "timeout",
/// "rate_limit", "quota", "overloaded", "server", "auth", "permission",
/// "invalid_request", "not_found", "context_length", "content_filter",
/// "malformed", "resource", "cancelled", "unknown".
QString streamErrorKindName(StreamError::Kind kind);
/// Inverse of streamErrorKindName(); false for an unknown name.
bool streamErrorKindFromName(QStringView name, StreamError::Kind *kind);
/// "", "connect", "first_token", "idle", "total".
QString timeoutKindName(StreamError::TimeoutKind kind);
/// "retry", "resume", "fallback", "abort".
QString streamErrorActionName(StreamError::Action action);
bool streamErrorActionFromName(QStringView name, StreamError::Action *action);

/// True for kinds that are never retried whatever the headers say: auth,
/// permission, invalid_request, not_found, context_length, quota,
/// content_filter (and cancelled).
bool isNeverRetriedKind(StreamError::Kind kind);
/// Kinds that are transient by nature (network, timeout, rate_limit,
/// overloaded, server): retryable by default, and an answer cut off by one of
/// them was interrupted rather than refused.
bool isTransientKind(StreamError::Kind kind);

Q_DECLARE_METATYPE(StreamError)
