// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "continuecommand.h"

#include "clicommands.h"
#include "interruptguard.h"
#include "net/chatrun.h"
#include "net/requestfactory.h"
#include "resilience/circuitbreaker.h"
#include "resilience/resilientstream.h"
#include "secrets/redact.h"
#include "storage/storedanswer.h"
#include "storedchat.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

void writeOut(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

bool parseCount(const QCommandLineParser &p, const QString &name, qint64 min, qint64 max, qint64 *out)
{
    if (!p.isSet(name))
        return true;
    bool ok = false;
    const qint64 v = p.value(name).toLongLong(&ok);
    if (ok && v >= min && v <= max) {
        *out = v;
        return true;
    }
    printError(u"continue: --%1 must be a number from %2 to %3, not '%4'"_s.arg(name).arg(min).arg(max).arg(
        p.value(name).left(40)));
    return false;
}

// "openai", or "anthropic@host:port" as fallbacks are named.
bool kindFromProviderId(const QString &id, ProviderKind *kind)
{
    return !id.isEmpty() && providerKindFromName(QStringView(id).left(id.indexOf(u'@') < 0 ? id.size() : id.indexOf(u'@')), kind);
}

// Provider, base URL, model and key: flags first, then what the store says.
bool resolveTarget(const QCommandLineParser &p, const StoredMessage &m, const StoredConversation &c,
                   ProviderTarget *t, QString *model)
{
    if (p.isSet(u"provider"_s)) {
        if (!providerKindFromName(p.value(u"provider"_s), &t->config.kind)) {
            printError(u"continue: unknown provider '%1' (openai, anthropic, ollama)"_s.arg(p.value(u"provider"_s).left(40)));
            return false;
        }
    } else if (!kindFromProviderId(m.providerId, &t->config.kind) && !kindFromProviderId(c.providerId, &t->config.kind)) {
        printError(u"continue: the store does not say which provider wrote message %1; give --provider"_s.arg(m.id));
        return false;
    }
    t->config.id = m.providerId.isEmpty() ? providerKindName(t->config.kind) : m.providerId;
    ProviderKind storedKind;
    const QString storedUrl = c.settings.value(u"baseUrl"_s).toString();
    if (p.isSet(u"base-url"_s))
        t->config.baseUrl = QUrl(p.value(u"base-url"_s), QUrl::StrictMode);
    else if (!storedUrl.isEmpty() && kindFromProviderId(c.providerId, &storedKind) && storedKind == t->config.kind)
        t->config.baseUrl = QUrl(storedUrl, QUrl::StrictMode);
    else
        t->config.baseUrl = ChatRun::defaultBaseUrl(t->config.kind);
    const QString urlProblem = RequestFactory::checkUrl(t->config.baseUrl);
    if (!urlProblem.isEmpty()) {
        printError(u"continue: base URL: "_s + urlProblem);
        return false;
    }
    *model = p.isSet(u"model"_s) ? p.value(u"model"_s) : (m.model.isEmpty() ? c.model : m.model);
    if (model->trimmed().isEmpty()) {
        printError(u"continue: the store does not say which model wrote message %1; give --model"_s.arg(m.id));
        return false;
    }
    t->config.defaultModel = *model;
    const QString var = p.isSet(u"api-key-env"_s) ? p.value(u"api-key-env"_s) : ChatRun::defaultKeyVariable(t->config.kind);
    if (!var.isEmpty())
        t->apiKey = qEnvironmentVariable(var.toLocal8Bit().constData());
    const bool keyNeeded = t->config.kind != ProviderKind::Ollama && !RequestFactory::isLoopbackHost(t->config.baseUrl.host());
    if (t->apiKey.isEmpty() && (keyNeeded || p.isSet(u"api-key-env"_s))) {
        printError(u"continue: no API key: the environment variable %1 is not set"_s.arg(var.isEmpty() ? u"(none)"_s : var));
        return false;
    }
    return true;
}

} // namespace

int continueCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Continue a stored answer that was interrupted, cancelled or failed; the "
                                "continuation streams to stdout and is saved into the same message."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    p.addOptions({help,
                  {u"db"_s, u"The conversation database (default: the app's)."_s, u"PATH"_s},
                  {u"provider"_s, u"openai, anthropic or ollama (default: the message's)."_s, u"KIND"_s},
                  {u"base-url"_s, u"Endpoint base URL (default: the conversation's, else the provider's)."_s, u"URL"_s},
                  {u"model"_s, u"Model name (default: the message's)."_s, u"NAME"_s},
                  {u"api-key-env"_s, u"Environment variable holding the API key."_s, u"VAR"_s},
                  {u"max-tokens"_s, u"Maximum output tokens."_s, u"N"_s},
                  {u"idle-timeout"_s, u"Fail when no data arrives for this long."_s, u"MS"_s},
                  {u"max-retries"_s, u"Retries per provider after the first attempt (default 3)."_s, u"N"_s},
                  {u"retry-base-ms"_s, u"Backoff before the first retry (default 500)."_s, u"MS"_s}});
    p.addPositionalArgument(u"MESSAGE_ID"_s, u"The assistant message to continue (see confab-cli list/show)."_s);
    if (!p.parse(QStringList{u"confab-cli continue"_s} + args)) {
        printError(u"continue: "_s + p.errorText());
        return Usage;
    }
    if (p.isSet(help)) {
        writeOut(p.helpText());
        return Ok;
    }
    bool idOk = false;
    const qint64 messageId = p.positionalArguments().size() == 1 ? p.positionalArguments().constFirst().toLongLong(&idOk) : 0;
    if (!idOk || messageId <= 0) {
        printError(u"continue: expected one MESSAGE_ID (a positive number); see confab-cli continue --help"_s);
        return Usage;
    }
    ResilienceOptions resilience;
    qint64 maxTokens = 0, idle = 0, retries = -1, base = -1;
    if (!parseCount(p, u"max-tokens"_s, 1, 10'000'000, &maxTokens) || !parseCount(p, u"idle-timeout"_s, 1, 86'400'000, &idle)
        || !parseCount(p, u"max-retries"_s, 0, 100, &retries) || !parseCount(p, u"retry-base-ms"_s, 0, 600'000, &base))
        return Usage;
    if (idle > 0)
        resilience.stream.idleTimeoutMs = int(idle);
    if (retries >= 0)
        resilience.retry.maxAttempts = int(retries) + 1;
    if (base >= 0) {
        resilience.retry.baseDelayMs = base;
        resilience.retry.maxDelayMs = std::max(resilience.retry.maxDelayMs, base);
    }

    StoredChat stored;
    if (!openStore(stored.store(), p.value(u"db"_s)))
        return Failed;
    Store &store = stored.store();
    const std::optional<StoredMessage> message = store.message(messageId);
    if (!message) {
        printError(u"continue: no message %1 in %2"_s.arg(messageId).arg(store.path()));
        return Failed;
    }
    if (message->role != ChatMessage::Role::Assistant || !isContinuable(message->state)) {
        printError(u"continue: message %1 is %2 %3; only interrupted, cancelled or failed answers can be continued"_s
                       .arg(messageId)
                       .arg(message->role == ChatMessage::Role::Assistant ? u"an answer that is"_s : u"a"_s)
                       .arg(message->role == ChatMessage::Role::Assistant ? messageStateName(message->state)
                                                                         : roleName(message->role) + u" message"_s));
        return Failed;
    }
    const std::optional<StoredConversation> conversation = store.conversation(message->conversationId);
    if (!conversation) {
        printError(store.lastError().message);
        return Failed;
    }
    ProviderTarget primary;
    QString model;
    if (!resolveTarget(p, *message, *conversation, &primary, &model))
        return Usage;
    ChatRequest request = StoredHistory::requestBefore(store.messages(conversation->id), *conversation, messageId);
    request.options.model = model;
    request.options.maxTokens = int(maxTokens);

    // Streaming again: a crash from here on leaves it to the startup sweep.
    if (!store.checkpoint(messageId, message->content, message->thinking, MessageState::Streaming)) {
        printError(store.lastError().message);
        return Failed;
    }
    stored.setIds(conversation->id, messageId);
    std::fprintf(stderr, "conversation %lld, message %lld\n", static_cast<long long>(conversation->id),
                 static_cast<long long>(messageId));
    std::fflush(stderr);

    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    CircuitBreakerRegistry breakers;
    ResilientStream run(&factory, &breakers, stored.metrics(nullptr));
    run.setOptions(resilience);
    stored.attach(&run, {primary.apiKey});
    bool wroteText = false, endsWithNewline = false;
    QObject::connect(&run, &ResilientStream::textDelta, &run, [&](const QString &t) {
        writeOut(t);
        wroteText = true;
        endsWithNewline = t.endsWith(u'\n');
    });
    QObject::connect(&run, &ResilientStream::retryScheduled, &run,
                     [](int attempt, int maxAttempts, qint64 delayMs, const StreamError &e) {
                         std::fprintf(stderr, "retrying in %.1f s (attempt %d/%d): %s\n", double(delayMs) / 1000.0,
                                      attempt, maxAttempts, qPrintable(e.message));
                     });
    std::optional<StreamError> gaveUp;
    QObject::connect(&run, &ResilientStream::gaveUp, &run, [&](const StreamError &e) { gaveUp = e; });
    FinishReason reason = FinishReason::None;
    QEventLoop loop;
    QObject::connect(&run, &ResilientStream::finished, &loop, [&](FinishReason r) {
        reason = r;
        loop.quit();
    });
    InterruptGuard interrupt([&run] { run.cancel(); });
    run.startContinuation(request, primary, message->content, message->thinking);
    if (run.isRunning())
        loop.exec();
    if (wroteText && !endsWithNewline)
        writeOut(u"\n"_s);
    const bool saved = stored.end();
    const MessageState state = StoredAnswer::stateFor(reason, gaveUp);
    if (state == MessageState::Cancelled)
        return Cancelled;
    if (state == MessageState::Complete)
        return saved ? Ok : Failed;
    const QString why = gaveUp ? gaveUp->displayText() : u"the answer is incomplete"_s;
    printError(u"continue: message %1 is %2 again (the partial answer is kept): %3"_s.arg(messageId).arg(
        messageStateName(state), Redact::redactSecrets(why, {primary.apiKey})));
    return Failed;
}

} // namespace Cli
