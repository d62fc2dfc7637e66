// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "chatcommand.h"

#include "clicommands.h"
#include "net/chatrun.h"
#include "net/requestfactory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QSocketNotifier>

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
    const QCommandLineOption json(u"json"_s, u"Print only the final message as JSON."_s);
    p.addOptions({help, provider, baseUrl, model, system, maxTokens, keyEnv, idle, json});
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

    const bool jsonOut = p.isSet(json);
    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    ChatRun run(&factory);
    bool wroteText = false, endsWithNewline = false;
    if (!jsonOut) {
        QObject::connect(&run, &ChatRun::textDelta, &run, [&](const QString &t) {
            writeOut(t);
            wroteText = true;
            endsWithNewline = t.endsWith(u'\n');
        });
    }
    QEventLoop loop;
    QObject::connect(&run, &ChatRun::done, &loop, &QEventLoop::quit);
    SigintGuard sigint([&run] { run.cancel(); });
    run.start(spec);
    if (run.outcome() == ChatRun::Outcome::Running)
        loop.exec();

    if (jsonOut) {
        writeOut(QString::fromUtf8(run.message().toJson()) + u'\n');
    } else if ((wroteText || run.outcome() == ChatRun::Outcome::Cancelled) && !endsWithNewline) {
        writeOut(u"\n"_s);
    }
    switch (run.outcome()) {
    case ChatRun::Outcome::Complete:
        return Ok;
    case ChatRun::Outcome::Cancelled:
        return Cancelled;
    case ChatRun::Outcome::Failed:
    case ChatRun::Outcome::Running:
        break;
    }
    printError(u"chat: "_s + run.errorMessage());
    return Failed;
}

} // namespace Cli
