// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chatrun.h"

#include "secrets/redact.h"

using namespace Qt::StringLiterals;

ChatRun::ChatRun(RequestFactory *factory, QObject *parent)
    : QObject(parent), m_factory(factory)
{
}

void ChatRun::start(const Spec &spec)
{
    Q_ASSERT(!m_session);
    m_session = new StreamSession(m_factory, this);
    m_session->setOptions(spec.options);
    connect(m_session, &StreamSession::textDelta, this, &ChatRun::textDelta);
    connect(m_session, &StreamSession::thinkingDelta, this, &ChatRun::thinkingDelta);
    connect(m_session, &StreamSession::finished, this, [this](FinishReason reason, const QString &) {
        end(reason == FinishReason::Cancelled ? Outcome::Cancelled : Outcome::Complete);
    });
    connect(m_session, &StreamSession::failed, this, [this, key = spec.apiKey](const StreamFailure &f) {
        m_error = Redact::redactSecrets(describe(f), {key});
        end(Outcome::Failed);
    });
    m_session->start(spec.request, spec.config, spec.apiKey);
}

void ChatRun::cancel()
{
    if (m_session && m_outcome == Outcome::Running)
        m_session->cancel();
}

const MessageAccumulator &ChatRun::message() const
{
    return m_session ? m_session->partial() : m_empty;
}

void ChatRun::end(Outcome outcome)
{
    if (m_outcome != Outcome::Running)
        return;
    m_outcome = outcome;
    Q_EMIT done(outcome);
}

QUrl ChatRun::defaultBaseUrl(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI: return QUrl(u"https://api.openai.com/v1"_s);
    case ProviderKind::Anthropic: return QUrl(u"https://api.anthropic.com"_s);
    case ProviderKind::Ollama: return QUrl(u"http://127.0.0.1:11434"_s);
    }
    return {};
}

QString ChatRun::defaultKeyVariable(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI: return u"OPENAI_API_KEY"_s;
    case ProviderKind::Anthropic: return u"ANTHROPIC_API_KEY"_s;
    case ProviderKind::Ollama: break;
    }
    return {};
}

QString ChatRun::describe(const StreamFailure &f)
{
    using L = StreamFailure::Local;
    QString what;
    switch (f.local) {
    case L::ConnectTimeout: what = u"connection timed out"_s; break;
    case L::FirstByteTimeout: what = u"no answer arrived in time"_s; break;
    case L::IdleTimeout: what = u"the stream stalled"_s; break;
    case L::TotalTimeout: what = u"the stream took too long"_s; break;
    case L::SizeLimit: what = u"the response is too large"_s; break;
    case L::Malformed: what = u"the response could not be decoded"_s; break;
    case L::Truncated: what = u"the answer was cut off"_s; break;
    case L::ProviderError: what = u"the provider reported an error"_s; break;
    case L::Cancelled: what = u"cancelled"_s; break;
    case L::None:
        what = f.httpStatus >= 400 ? u"request failed"_s : u"network error"_s;
        break;
    }
    QString out = what;
    if (!f.detail.isEmpty())
        out += u": "_s + f.detail;
    if (f.afterContent && f.local != L::Cancelled)
        out += u" (partial answer kept, %1 bytes received)"_s.arg(f.bytesReceived);
    return out;
}
