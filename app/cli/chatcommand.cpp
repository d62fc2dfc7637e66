// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chatcommand.h"

#include "clicommands.h"
#include "net/chatrun.h"
#include "net/requestfactory.h"
#include "resilience/circuitbreaker.h"
#include "resilience/errormetrics.h"
#include "resilience/resilientstream.h"
#include "secrets/redact.h"
#include "storedchat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSocketNotifier>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <functional>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Cli {

namespace {

int g_sigintPipe[2] = {-1, -1};

extern "C" void onSigint(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_sigintPipe[1], &byte, 1); // async-signal-safe
}

// Routes SIGINT into the event loop for as long as it lives.
class SigintGuard
{
public:
    explicit SigintGuard(const std::function<void()> &onInterrupt)
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_sigintPipe) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_sigintPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [onInterrupt] {
            char byte;
            [[maybe_unused]] const ssize_t n = ::read(g_sigintPipe[0], &byte, 1);
            onInterrupt();
        });
        struct sigaction sa = {};
        sa.sa_handler = onSigint;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESTART;
        ::sigaction(SIGINT, &sa, &m_previous);
        m_installed = true;
    }
    ~SigintGuard()
    {
        if (m_installed)
            ::sigaction(SIGINT, &m_previous, nullptr);
        m_notifier.reset();
        for (int &fd : g_sigintPipe) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    struct sigaction m_previous = {};
    bool m_installed = false;
};

void writeOut(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);
    std::fflush(stdout);
}

bool parsePositive(const QString &value, int *out)
{
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok || v <= 0)
        return false;
    *out = v;
    return true;
}

bool parseNonNegative(const QString &value, qint64 *out)
{
    bool ok = false;
    const qint64 v = value.toLongLong(&ok);
    if (!ok || v < 0)
        return false;
    *out = v;
    return true;
}

// --max-retries, --retry-base-ms, --retry-max-ms, --seed, --fallback.
int parseResilienceFlags(const QCommandLineParser &p, ResilienceOptions *o, QList<ProviderTarget> *fallbacks)
{
    qint64 v = 0;
    const auto bad = [](const QString &flag, const QString &value, const QString &what) {
        printError(u"chat: %1 must be %2, not '%3'"_s.arg(flag, what, value));
        return int(Usage);
    };
    if (p.isSet(u"max-retries"_s)) {
        if (!parseNonNegative(p.value(u"max-retries"_s), &v) || v > 100)
            return bad(u"--max-retries"_s, p.value(u"max-retries"_s), u"a number from 0 to 100"_s);
        o->retry.maxAttempts = int(v) + 1;
    }
    if (p.isSet(u"retry-base-ms"_s)) {
        if (!parseNonNegative(p.value(u"retry-base-ms"_s), &v))
            return bad(u"--retry-base-ms"_s, p.value(u"retry-base-ms"_s), u"a non-negative number of milliseconds"_s);
        o->retry.baseDelayMs = v;
        o->retry.maxDelayMs = std::max(o->retry.maxDelayMs, v);
    }
    if (p.isSet(u"retry-max-ms"_s)) {
        if (!parseNonNegative(p.value(u"retry-max-ms"_s), &v))
            return bad(u"--retry-max-ms"_s, p.value(u"retry-max-ms"_s), u"a non-negative number of milliseconds"_s);
        if (v < o->retry.baseDelayMs)
            return bad(u"--retry-max-ms"_s, p.value(u"retry-max-ms"_s), u"at least --retry-base-ms"_s);
        o->retry.maxDelayMs = v;
    }
    if (p.isSet(u"seed"_s)) {
        bool ok = false;
        const quint64 seed = p.value(u"seed"_s).toULongLong(&ok);
        if (!ok)
            return bad(u"--seed"_s, p.value(u"seed"_s), u"a non-negative integer"_s);
        o->seed = seed;
    }
    for (const QString &f : p.values(u"fallback"_s)) {
        const QStringList parts = f.split(u',');
        ProviderTarget t;
        if (parts.size() != 3 || !providerKindFromName(parts.at(0).trimmed(), &t.config.kind) || parts.at(2).trimmed().isEmpty())
            return bad(u"--fallback"_s, f, u"PROVIDER,BASE_URL,MODEL (provider openai, anthropic or ollama)"_s);
        t.config.baseUrl = QUrl(parts.at(1).trimmed(), QUrl::StrictMode);
        const QString urlProblem = RequestFactory::checkUrl(t.config.baseUrl);
        if (!urlProblem.isEmpty()) {
            printError(u"chat: --fallback %1: %2"_s.arg(parts.at(1).trimmed(), urlProblem));
            return Usage;
        }
        t.config.id = u"%1@%2"_s.arg(providerKindName(t.config.kind), t.config.baseUrl.authority());
        t.config.defaultModel = parts.at(2).trimmed();
        t.model = t.config.defaultModel;
        const QString var = ChatRun::defaultKeyVariable(t.config.kind);
        if (!var.isEmpty())
            t.apiKey = qEnvironmentVariable(var.toLocal8Bit().constData());
        fallbacks->append(t);
    }
    return Ok;
}

// The message JSON plus what the resilience layer did.
QByteArray resilienceJson(const ResilientStream &run, const InMemoryErrorMetrics &metrics)
{
    QByteArray out = run.message().toJson();
    out.chop(1); // the closing brace
    QJsonArray errors;
    for (const ErrorRecord &r : metrics.records())
        errors.append(QJsonObject{{u"kind"_s, r.kind}, {u"status"_s, r.httpStatus}, {u"action"_s, r.actionTaken}});
    // A JSON string literal, via a one-element array.
    const QByteArray fallback = run.fallbackProvider().isEmpty()
        ? QByteArray("null")
        : QJsonDocument(QJsonArray{run.fallbackProvider()}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    out += ",\"attempts\":" + QByteArray::number(run.attempts()) + ",\"resumes\":" + QByteArray::number(run.resumes())
        + ",\"fallback_used\":" + fallback
        + ",\"partial\":" + (run.isPartial() ? "true" : "false")
        + ",\"errors\":" + QJsonDocument(errors).toJson(QJsonDocument::Compact) + '}';
    return out;
}

} // namespace

int chatCommand(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(u"Stream one answer to stdout."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption provider(u"provider"_s, u"openai, anthropic or ollama."_s, u"KIND"_s);
    const QCommandLineOption baseUrl(u"base-url"_s, u"Endpoint base URL (default: the provider's)."_s, u"URL"_s);
    const QCommandLineOption model(u"model"_s, u"Model name."_s, u"NAME"_s);
    const QCommandLineOption system(u"system"_s, u"System prompt."_s, u"TEXT"_s);
    const QCommandLineOption maxTokens(u"max-tokens"_s, u"Maximum output tokens."_s, u"N"_s);
    const QCommandLineOption keyEnv(u"api-key-env"_s, u"Environment variable holding the API key."_s, u"VAR"_s);
    const QCommandLineOption idle(u"idle-timeout"_s, u"Fail when no data arrives for this long."_s, u"MS"_s);
    const QCommandLineOption json(u"json"_s, u"Print only the final message as JSON (with attempts, resumes, fallback_used, partial, errors)."_s);
    p.addOptions({help, provider, baseUrl, model, system, maxTokens, keyEnv, idle, json});
    p.addOptions({{u"max-retries"_s, u"Retries per provider after the first attempt (default 3)."_s, u"N"_s},
                  {u"retry-base-ms"_s, u"Backoff before the first retry (default 500)."_s, u"MS"_s},
                  {u"retry-max-ms"_s, u"Backoff ceiling (default 8000)."_s, u"MS"_s},
                  {u"seed"_s, u"Seed for the backoff jitter (reproducible delays)."_s, u"N"_s},
                  {u"fallback"_s, u"Provider to fall back to; repeatable. Key from its default variable."_s,
                   u"PROVIDER,BASE_URL,MODEL"_s}});
    p.addOptions({{u"db"_s, u"Store the exchange in this conversation database (see continue)."_s, u"PATH"_s},
                  {u"conversation"_s, u"With --db: append to this conversation (default: a new one)."_s, u"ID"_s}});
    p.addPositionalArgument(u"PROMPT"_s, u"The user message."_s);
    if (!p.parse(QStringList{u"confab-cli chat"_s} + args)) {
        printError(p.errorText());
        return Usage;
    }
    if (p.isSet(help)) {
        std::printf("%s", qPrintable(p.helpText()));
        return Ok;
    }
    ChatRun::Spec spec;
    if (!p.isSet(provider) || !providerKindFromName(p.value(provider), &spec.config.kind)) {
        printError(p.isSet(provider) ? u"unknown provider '%1' (openai, anthropic, ollama)"_s.arg(p.value(provider))
                                     : u"chat: --provider is required (openai, anthropic, ollama)"_s);
        return Usage;
    }
    if (!p.isSet(model) || p.value(model).trimmed().isEmpty()) {
        printError(u"chat: --model is required"_s);
        return Usage;
    }
    const QString prompt = p.positionalArguments().join(u' ');
    if (prompt.trimmed().isEmpty()) {
        printError(u"chat: a PROMPT is required"_s);
        return Usage;
    }
    spec.config.id = providerKindName(spec.config.kind);
    spec.config.baseUrl = p.isSet(baseUrl) ? QUrl(p.value(baseUrl), QUrl::StrictMode) : ChatRun::defaultBaseUrl(spec.config.kind);
    const QString urlProblem = RequestFactory::checkUrl(spec.config.baseUrl);
    if (!urlProblem.isEmpty()) {
        printError(u"chat: --base-url: "_s + urlProblem);
        return Usage;
    }
    spec.config.defaultModel = p.value(model);
    spec.request.options.model = p.value(model);
    spec.request.options.systemPrompt = p.value(system);
    if (p.isSet(maxTokens) && !parsePositive(p.value(maxTokens), &spec.request.options.maxTokens)) {
        printError(u"chat: --max-tokens must be a positive number, not '%1'"_s.arg(p.value(maxTokens)));
        return Usage;
    }
    if (p.isSet(idle) && !parsePositive(p.value(idle), &spec.options.idleTimeoutMs)) {
        printError(u"chat: --idle-timeout must be a positive number of milliseconds, not '%1'"_s.arg(p.value(idle)));
        return Usage;
    }
    ChatMessage user;
    user.role = ChatMessage::Role::User;
    user.content = prompt;
    spec.request.messages.append(user);

    const QString var = p.isSet(keyEnv) ? p.value(keyEnv) : ChatRun::defaultKeyVariable(spec.config.kind);
    if (!var.isEmpty())
        spec.apiKey = qEnvironmentVariable(var.toLocal8Bit().constData());
    const bool keyNeeded = spec.config.kind != ProviderKind::Ollama && !RequestFactory::isLoopbackHost(spec.config.baseUrl.host());
    if (spec.apiKey.isEmpty() && (keyNeeded || p.isSet(keyEnv))) {
        printError(u"chat: no API key: the environment variable %1 is not set"_s.arg(var.isEmpty() ? u"(none)"_s : var));
        return Usage;
    }

    ResilienceOptions resilience;
    resilience.stream = spec.options;
    QList<ProviderTarget> fallbacks;
    if (const int rc = parseResilienceFlags(p, &resilience, &fallbacks); rc != Ok)
        return rc;
    // --db: the user message and the answer (state streaming) are stored before the request is sent.
    std::unique_ptr<StoredChat> stored;
    if (p.isSet(u"conversation"_s) && !p.isSet(u"db"_s)) {
        printError(u"chat: --conversation needs --db"_s);
        return Usage;
    }
    if (p.isSet(u"db"_s)) {
        stored = std::make_unique<StoredChat>();
        if (!stored->beginChat(p.value(u"db"_s), p.value(u"conversation"_s), spec.config, prompt, &spec.request))
            return Failed;
    }

    const bool jsonOut = p.isSet(json);
    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    CircuitBreakerRegistry breakers;
    InMemoryErrorMetrics metrics;
    ResilientStream run(&factory, &breakers, stored ? stored->metrics(&metrics) : &metrics);
    run.setOptions(resilience);
    run.setFallbacks(fallbacks);
    if (stored) {
        QStringList keys{spec.apiKey};
        for (const ProviderTarget &f : fallbacks)
            keys.append(f.apiKey);
        stored->attach(&run, keys);
    }
    bool wroteText = false, endsWithNewline = false;
    if (!jsonOut) {
        QObject::connect(&run, &ResilientStream::textDelta, &run, [&](const QString &t) {
            writeOut(t);
            wroteText = true;
            endsWithNewline = t.endsWith(u'\n');
        });
    }
    // One stderr line per retry and per fallback.
    QObject::connect(&run, &ResilientStream::retryScheduled, &run,
                     [](int attempt, int maxAttempts, qint64 delayMs, const StreamError &e) {
                         std::fprintf(stderr, "retrying in %.1f s (attempt %d/%d): %s\n", double(delayMs) / 1000.0,
                                      attempt, maxAttempts, qPrintable(e.message));
                     });
    QObject::connect(&run, &ResilientStream::fallbackUsed, &run, [](const QString &providerId) {
        std::fprintf(stderr, "falling back to %s\n", qPrintable(providerId));
    });
    StreamError gaveUpError;
    bool gaveUp = false;
    QObject::connect(&run, &ResilientStream::gaveUp, &run, [&](const StreamError &e) {
        gaveUpError = e;
        gaveUp = true;
    });
    FinishReason reason = FinishReason::None;
    QEventLoop loop;
    QObject::connect(&run, &ResilientStream::finished, &loop, [&](FinishReason r) {
        reason = r;
        loop.quit();
    });
    SigintGuard sigint([&run] { run.cancel(); });
    ProviderTarget primary;
    primary.config = spec.config;
    primary.apiKey = spec.apiKey;
    run.start(spec.request, primary);
    if (run.isRunning())
        loop.exec();

    if (jsonOut) {
        writeOut(QString::fromUtf8(resilienceJson(run, metrics)) + u'\n');
    } else if ((wroteText || reason == FinishReason::Cancelled) && !endsWithNewline) {
        writeOut(u"\n"_s);
    }
    const bool saved = !stored || stored->end();
    if (reason == FinishReason::Cancelled)
        return Cancelled;
    if (!run.isPartial() && !gaveUp)
        return saved ? Ok : Failed;
    // Gave up (the partial, if any, was printed) or ended incomplete.
    QString why = gaveUp ? gaveUpError.message : u"the answer is incomplete"_s;
    if (gaveUp && gaveUpError.httpStatus > 0)
        why += u" (HTTP %1)"_s.arg(gaveUpError.httpStatus);
    if (gaveUp && !gaveUpError.detail.isEmpty())
        why += u": "_s + gaveUpError.detail;
    printError(u"chat: gave up: "_s + Redact::redactSecrets(why, {spec.apiKey}));
    return Failed;
}

} // namespace Cli
