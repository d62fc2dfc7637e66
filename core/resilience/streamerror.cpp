// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "streamerror.h"

#include "resilience/retryafter.h"
#include "secrets/redact.h"

#include <array>
#include <utility>

using Kind = StreamError::Kind;
using TK = StreamError::TimeoutKind;
using Action = StreamError::Action;

namespace {

constexpr std::array<std::pair<Kind, const char *>, 16> kindNames{{
    {Kind::Network, "network"},
    {Kind::Timeout, "timeout"},
    {Kind::RateLimit, "rate_limit"},
    {Kind::Quota, "quota"},
    {Kind::Overloaded, "overloaded"},
    {Kind::Server, "server"},
    {Kind::Auth, "auth"},
    {Kind::Permission, "permission"},
    {Kind::InvalidRequest, "invalid_request"},
    {Kind::NotFound, "not_found"},
    {Kind::ContextLength, "context_length"},
    {Kind::ContentFilter, "content_filter"},
    {Kind::Malformed, "malformed"},
    {Kind::Resource, "resource"},
    {Kind::Cancelled, "cancelled"},
    {Kind::Unknown, "unknown"},
}};

constexpr std::array<std::pair<Action, const char *>, 4> actionNames{{
    {Action::Retry, "retry"},
    {Action::Resume, "resume"},
    {Action::Fallback, "fallback"},
    {Action::Abort, "abort"},
}};

bool has(const QString &haystack, const char *needle)
{
    return haystack.contains(QLatin1StringView(needle), Qt::CaseInsensitive);
}

// Classifies a provider error (HTTP error body or mid-stream error event).
Kind classifyProvider(const ProviderError &pe, int status, bool midStream)
{
    const QString &t = pe.type;
    const QString &c = pe.code;
    const QString &m = pe.message;
    if (has(c, "insufficient_quota") || has(t, "insufficient_quota") || has(t, "billing_error")
        || has(c, "enforced_spend_limit") || has(m, "exceeded your current quota")
        || has(m, "credit balance is too low") || status == 402)
        return Kind::Quota;
    if (has(t, "overloaded") || has(c, "overloaded") || status == 529)
        return Kind::Overloaded;
    if (has(c, "context_length_exceeded") || has(m, "context length") || has(m, "context window")
        || has(m, "prompt is too long") || has(m, "maximum context"))
        return Kind::ContextLength;
    if (has(c, "content_filter") || has(c, "content_policy") || has(t, "content_filter"))
        return Kind::ContentFilter;
    if (has(t, "rate_limit") || has(c, "rate_limit") || has(c, "slow_down") || status == 429)
        return Kind::RateLimit;
    if (has(t, "authentication") || has(c, "invalid_api_key") || status == 401)
        return Kind::Auth;
    if (has(t, "permission") || status == 403)
        return Kind::Permission;
    if (has(t, "not_found") || has(c, "model_not_found") || status == 404)
        return Kind::NotFound;
    if (has(t, "request_too_large") || status == 413)
        return Kind::Resource;
    if (status == 408)
        return Kind::Timeout;
    if (has(t, "timeout_error") || has(t, "api_error") || has(t, "server_error") || status >= 500)
        return Kind::Server;
    if (has(t, "invalid_request") || status == 400 || status == 422)
        return Kind::InvalidRequest;
    if (status == 409)
        return Kind::Server; // a conflict; the SDKs retry it
    if (status >= 400)
        return Kind::InvalidRequest;
    // A mid-stream error event of an unlisted type: the provider failed while
    // generating (Ollama sends only a message). Treat as a server error.
    return midStream ? Kind::Server : Kind::Unknown;
}

Kind classifyNetwork(QNetworkReply::NetworkError e, TK *timeout)
{
    switch (e) {
    case QNetworkReply::TimeoutError:
        *timeout = TK::Connect;
        return Kind::Timeout;
    case QNetworkReply::OperationCanceledError:
        // QNetworkRequest's transfer timeout aborts with this code; a user
        // cancel is reported by the session as Local::Cancelled.
        *timeout = TK::Idle;
        return Kind::Timeout;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
        return Kind::Unknown;
    case QNetworkReply::ProtocolFailure:
        return Kind::Malformed;
    default:
        return Kind::Network;
    }
}

QString plainMessage(Kind kind, TK timeout, int status)
{
    switch (kind) {
    case Kind::Network: return QStringLiteral("connection lost");
    case Kind::Timeout:
        switch (timeout) {
        case TK::Connect: return QStringLiteral("timed out connecting");
        case TK::FirstToken: return QStringLiteral("timed out waiting for the first token");
        case TK::Idle: return QStringLiteral("the stream stalled");
        case TK::Total: return QStringLiteral("the answer took too long");
        case TK::None: return QStringLiteral("the server timed out");
        }
        break;
    case Kind::RateLimit: return QStringLiteral("rate limited");
    case Kind::Quota: return QStringLiteral("quota exhausted");
    case Kind::Overloaded: return QStringLiteral("the provider is overloaded");
    case Kind::Server:
        return status > 0 ? QStringLiteral("server error (HTTP %1)").arg(status) : QStringLiteral("server error");
    case Kind::Auth: return QStringLiteral("the API key was rejected");
    case Kind::Permission: return QStringLiteral("permission denied");
    case Kind::InvalidRequest: return QStringLiteral("the provider rejected the request");
    case Kind::NotFound: return QStringLiteral("not found (check the model name)");
    case Kind::ContextLength: return QStringLiteral("the conversation is too long for the model");
    case Kind::ContentFilter: return QStringLiteral("blocked by the provider's content filter");
    case Kind::Malformed: return QStringLiteral("the provider sent data that cannot be read");
    case Kind::Resource: return QStringLiteral("the response is too large");
    case Kind::Cancelled: return QStringLiteral("cancelled");
    case Kind::Unknown: break;
    }
    return status > 0 ? QStringLiteral("request failed (HTTP %1)").arg(status) : QStringLiteral("request failed");
}

} // namespace

bool isTransientKind(Kind kind)
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimit:
    case Kind::Overloaded:
    case Kind::Server:
        return true;
    default:
        return false;
    }
}

bool isNeverRetriedKind(Kind kind)
{
    switch (kind) {
    case Kind::Auth:
    case Kind::Permission:
    case Kind::InvalidRequest:
    case Kind::NotFound:
    case Kind::ContextLength:
    case Kind::Quota:
    case Kind::ContentFilter:
    case Kind::Cancelled:
        return true;
    default:
        return false;
    }
}

StreamError StreamError::fromFailure(const StreamFailure &f, const QDateTime &now, const QStringList &knownSecrets)
{
    StreamError e;
    e.time = now.toUTC();
    e.httpStatus = f.httpStatus >= 300 ? f.httpStatus : 0;
    e.providerType = Redact::redactSecrets(f.providerError.type, knownSecrets);
    e.providerCode = Redact::redactSecrets(f.providerError.code, knownSecrets);
    e.bytesReceived = f.bytesReceived;
    e.tokensReceived = f.tokensReceived;
    e.afterContent = f.afterContent;

    switch (f.local) {
    case StreamFailure::Local::ConnectTimeout: e.kind = Kind::Timeout; e.timeoutKind = TK::Connect; break;
    case StreamFailure::Local::FirstByteTimeout: e.kind = Kind::Timeout; e.timeoutKind = TK::FirstToken; break;
    case StreamFailure::Local::IdleTimeout: e.kind = Kind::Timeout; e.timeoutKind = TK::Idle; break;
    case StreamFailure::Local::TotalTimeout: e.kind = Kind::Timeout; e.timeoutKind = TK::Total; break;
    case StreamFailure::Local::SizeLimit: e.kind = Kind::Resource; break;
    case StreamFailure::Local::Malformed: e.kind = Kind::Malformed; break;
    case StreamFailure::Local::Truncated: e.kind = Kind::Network; break;
    case StreamFailure::Local::Cancelled: e.kind = Kind::Cancelled; break;
    case StreamFailure::Local::ProviderError:
        e.kind = classifyProvider(f.providerError, f.providerError.httpStatus, true);
        break;
    case StreamFailure::Local::None:
        if (e.httpStatus > 0 || !f.providerError.isNull())
            e.kind = classifyProvider(f.providerError, e.httpStatus, false);
        else
            e.kind = classifyNetwork(f.networkError, &e.timeoutKind);
        break;
    }

    e.prefillRejected = e.httpStatus == 400 && has(f.providerError.message, "prefill");
    e.retryable = isTransientKind(e.kind);
    e.retryAfterMs = RetryAfter::parseMs(f.header("retry-after-ms"), f.header("retry-after"), e.time);

    // x-should-retry: the server's explicit word, within the per-kind rules.
    const QByteArray shouldRetry = f.header("x-should-retry").trimmed().toLower();
    if (shouldRetry == "false")
        e.retryable = false;
    else if (shouldRetry == "true" && !isNeverRetriedKind(e.kind))
        e.retryable = true;
    if (isNeverRetriedKind(e.kind))
        e.retryable = false;

    if (e.retryable)
        e.action = e.afterContent ? Action::Resume : Action::Retry;
    else if (e.kind == Kind::Quota || e.kind == Kind::Auth || e.kind == Kind::Permission || e.kind == Kind::NotFound)
        e.action = Action::Fallback; // specific to this provider; another may serve it
    else
        e.action = Action::Abort;

    e.message = plainMessage(e.kind, e.timeoutKind, e.httpStatus);
    QString detail = f.providerError.message.isEmpty() ? f.detail : f.providerError.message;
    if (detail.size() > 300)
        detail = detail.left(300) + QStringLiteral("…");
    e.detail = Redact::redactSecrets(detail.simplified(), knownSecrets);
    return e;
}

QString StreamError::displayText() const
{
    return detail.isEmpty() ? message : message + QStringLiteral(": ") + detail;
}

QString streamErrorKindName(Kind kind)
{
    for (const auto &[k, name] : kindNames) {
        if (k == kind)
            return QLatin1StringView(name);
    }
    return QStringLiteral("unknown");
}

bool streamErrorKindFromName(QStringView name, Kind *kind)
{
    for (const auto &[k, n] : kindNames) {
        if (name == QLatin1StringView(n)) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString timeoutKindName(TK kind)
{
    switch (kind) {
    case TK::None: return {};
    case TK::Connect: return QStringLiteral("connect");
    case TK::FirstToken: return QStringLiteral("first_token");
    case TK::Idle: return QStringLiteral("idle");
    case TK::Total: return QStringLiteral("total");
    }
    return {};
}

QString streamErrorActionName(Action action)
{
    for (const auto &[a, name] : actionNames) {
        if (a == action)
            return QLatin1StringView(name);
    }
    return QStringLiteral("abort");
}

bool streamErrorActionFromName(QStringView name, Action *action)
{
    for (const auto &[a, n] : actionNames) {
        if (name == QLatin1StringView(n)) {
            *action = a;
            return true;
        }
    }
    return false;
}
