// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "chatrequest.h"
#include "streamevent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QUrl>
#include <memory>

/// A request as an adapter builds it, before the request factory adds the
/// User-Agent, timeouts and the API key.
struct HttpRequestSpec {
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers; ///< never contains the key
    QByteArray body;                              ///< JSON
};

/// A failure to decode the stream itself (not a provider error).
struct DecodeError {
    enum class Kind { None, Malformed, LimitExceeded };
    Kind kind = Kind::None;
    QString message; ///< names the problem, e.g. "invalid JSON in event 12: unterminated string"
    bool isError() const { return kind != Kind::None; }
};

/// Turns one provider's wire format into StreamEvents, and builds its
/// requests. One instance per stream: it is stateful (framing, tool-call
/// indices, the terminator). Decoding is incremental and byte-exact: the
/// events produced are identical however the input bytes are fragmented.
class ProviderAdapter
{
public:
    virtual ~ProviderAdapter() = default;

    /// A fresh adapter for the given provider kind.
    static std::unique_ptr<ProviderAdapter> create(ProviderKind kind);

    virtual ProviderKind kind() const = 0;

    /// URL, headers (without the key) and JSON body for a streaming request.
    virtual HttpRequestSpec buildRequest(const ChatRequest &request, const ProviderConfig &config) const = 0;
    /// The header that carries the API key: ("Authorization", "Bearer KEY")
    /// or ("x-api-key", KEY). Empty name when the provider needs no key.
    virtual QPair<QByteArray, QByteArray> authHeader(const QString &apiKey) const = 0;
    /// URL that lists models (for "Test connection").
    virtual QUrl modelsUrl(const ProviderConfig &config) const = 0;

    /// Decodes the next bytes of a 2xx response body, appending events to out.
    /// After a decode error no further events are produced.
    virtual void feed(QByteArrayView bytes, QList<StreamEvent> &out) = 0;
    /// The body ended. Appends any final events. Never emits Finish unless the
    /// provider's terminator ([DONE], message_stop, done:true) was seen.
    virtual void finish(QList<StreamEvent> &out) = 0;
    /// True once the provider's terminator has been decoded.
    virtual bool sawTerminator() const = 0;
    /// True when the body ended in the middle of an event/line (truncated).
    virtual bool endedMidEvent() const = 0;
    virtual DecodeError decodeError() const = 0;

    /// Parses a non-2xx response body into a ProviderError (type, code,
    /// message); falls back to a short excerpt of the body when it is not the
    /// provider's JSON shape. The result is redacted.
    virtual ProviderError parseErrorBody(int httpStatus, const QByteArray &body) const = 0;
};
