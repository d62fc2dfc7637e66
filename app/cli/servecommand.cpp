// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "servecommand.h"

#include "clicommands.h"
#include "net/requestfactory.h"
#include "resilience/circuitbreaker.h"
#include "server/apiserver.h"
#include "server/resilientbackend.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace Cli {

namespace {

std::atomic<bool> g_stop{false};

void onSignal(int)
{
    g_stop.store(true);
}

void printServeHelp()
{
    std::printf(
        "Usage: confab-cli serve [OPTIONS]\n\n"
        "Serves an OpenAI-compatible API on 127.0.0.1 with Confab's resilience behind it:\n"
        "POST /v1/chat/completions (streaming and not), GET /v1/models, WebSocket /v1/stream.\n"
        "Every request needs 'Authorization: Bearer TOKEN' with the token printed on start.\n\n"
        "  --port N                 port on 127.0.0.1 (default 8741; 0 = any free port)\n"
        "  --provider KIND          openai, anthropic or ollama (default openai)\n"
        "  --base-url URL           the provider's base URL (default: the provider's official one)\n"
        "  --model M                model to use (required unless the provider has a default)\n"
        "  --api-key-env VAR        environment variable holding the provider's API key\n"
        "                           (default OPENAI_API_KEY / ANTHROPIC_API_KEY; none for ollama)\n"
        "  --fallback K,URL,M[,VAR] a fallback provider (repeatable, tried in order)\n"
        "  --token-env VAR          take the bearer token from VAR instead of generating one\n"
        "  --max-streams N          concurrent answers before 429 (default 8)\n"
        "  --max-body-bytes N       request body limit before 413 (default 4194304)\n"
        "  --keep-alive-ms N        SSE keep-alive comment interval (default 15000)\n");
}

bool parsePositive(const QString &text, qint64 min, qint64 *out)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min)
        return false;
    *out = v;
    return true;
}

QUrl defaultBaseUrl(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI: return QUrl(QStringLiteral("https://api.openai.com/v1"));
    case ProviderKind::Anthropic: return QUrl(QStringLiteral("https://api.anthropic.com"));
    case ProviderKind::Ollama: return QUrl(QStringLiteral("http://127.0.0.1:11434"));
    }
    return {};
}

QString defaultKeyEnv(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI: return QStringLiteral("OPENAI_API_KEY");
    case ProviderKind::Anthropic: return QStringLiteral("ANTHROPIC_API_KEY");
    case ProviderKind::Ollama: return {};
    }
    return {};
}

/// Builds one target; on error sets *error (never containing a key).
bool makeTarget(const QString &kindName, const QString &url, const QString &model, QString keyEnv, int index,
                ProviderTarget *out, QString *error)
{
    ProviderKind kind;
    if (!providerKindFromName(kindName, &kind)) {
        *error = QStringLiteral("unknown provider '%1' (use openai, anthropic or ollama)").arg(kindName);
        return false;
    }
    out->config.kind = kind;
    out->config.id = index == 0 ? kindName : QStringLiteral("%1-fallback-%2").arg(kindName).arg(index);
    out->config.displayName = out->config.id;
    out->config.baseUrl = url.isEmpty() ? defaultBaseUrl(kind) : QUrl(url, QUrl::StrictMode);
    const QString urlProblem = RequestFactory::checkUrl(out->config.baseUrl);
    if (!urlProblem.isEmpty()) {
        *error = QStringLiteral("bad base URL for %1: %2").arg(kindName, urlProblem);
        return false;
    }
    if (model.isEmpty()) {
        *error = QStringLiteral("no model given for provider %1 (use --model)").arg(out->config.id);
        return false;
    }
    out->model = model;
    out->config.defaultModel = model;
    if (keyEnv.isEmpty())
        keyEnv = defaultKeyEnv(kind);
    if (!keyEnv.isEmpty()) {
        out->apiKey = qEnvironmentVariable(qPrintable(keyEnv));
        if (out->apiKey.isEmpty() && kind != ProviderKind::Ollama) {
            *error = QStringLiteral("the environment variable %1 (the API key for %2) is empty or unset")
                             .arg(keyEnv, out->config.id);
            return false;
        }
    }
    return true;
}

} // namespace

int serveCommand(const QStringList &args)
{
    ApiServerOptions options;
    options.port = 8741;
    QString provider = QStringLiteral("openai"), baseUrl, model, keyEnv, tokenEnv;
    QStringList fallbacks;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1StringView("--help") || a == QLatin1StringView("-h")) {
            printServeHelp();
            return Ok;
        }
        if (i + 1 >= args.size()) {
            printError(QStringLiteral("serve: unknown option or missing value: %1 (see confab-cli serve --help)").arg(a));
            return Usage;
        }
        const QString v = args.at(++i);
        qint64 n = 0;
        if (a == QLatin1StringView("--port")) {
            if (!parsePositive(v, 0, &n) || n > 65535) {
                printError(QStringLiteral("serve: --port needs a number from 0 to 65535, not '%1'").arg(v));
                return Usage;
            }
            options.port = quint16(n);
        } else if (a == QLatin1StringView("--provider")) {
            provider = v;
        } else if (a == QLatin1StringView("--base-url")) {
            baseUrl = v;
        } else if (a == QLatin1StringView("--model")) {
            model = v;
        } else if (a == QLatin1StringView("--api-key-env")) {
            keyEnv = v;
        } else if (a == QLatin1StringView("--fallback")) {
            fallbacks.append(v);
        } else if (a == QLatin1StringView("--token-env")) {
            tokenEnv = v;
        } else if (a == QLatin1StringView("--max-streams") || a == QLatin1StringView("--max-body-bytes")
                   || a == QLatin1StringView("--keep-alive-ms")) {
            if (!parsePositive(v, 1, &n) || n > (qint64(1) << 40)) {
                printError(QStringLiteral("serve: %1 needs a positive number, not '%2'").arg(a, v));
                return Usage;
            }
            if (a == QLatin1StringView("--max-streams"))
                options.maxConcurrentStreams = int(qMin<qint64>(n, 100000));
            else if (a == QLatin1StringView("--max-body-bytes"))
                options.maxBodyBytes = n;
            else
                options.keepAliveIntervalMs = int(qMin<qint64>(n, 24 * 3600 * 1000));
        } else {
            printError(QStringLiteral("serve: unknown option %1 (see confab-cli serve --help)").arg(a));
            return Usage;
        }
    }

    QList<ProviderTarget> targets;
    QString error;
    ProviderTarget primary;
    if (!makeTarget(provider, baseUrl, model, keyEnv, 0, &primary, &error)) {
        printError(QStringLiteral("serve: ") + error);
        return Usage;
    }
    targets.append(primary);
    for (const QString &f : std::as_const(fallbacks)) {
        const QStringList parts = f.split(QLatin1Char(','));
        ProviderTarget t;
        if (parts.size() < 3 || parts.size() > 4
            || !makeTarget(parts.at(0), parts.at(1), parts.at(2), parts.value(3), int(targets.size()), &t, &error)) {
            printError(QStringLiteral("serve: bad --fallback '%1': %2")
                               .arg(f, error.isEmpty() ? QStringLiteral("expected KIND,URL,MODEL[,KEY_ENV]") : error));
            return Usage;
        }
        targets.append(t);
    }
    if (!tokenEnv.isEmpty()) {
        options.token = qgetenv(qPrintable(tokenEnv)).trimmed();
        if (options.token.size() < 16) {
            printError(QStringLiteral("serve: the token in %1 is missing or shorter than 16 characters").arg(tokenEnv));
            return Usage;
        }
    }

    QNetworkAccessManager nam;
    RequestFactory factory(&nam);
    CircuitBreakerRegistry breakers;
    ResilientBackend backend(&factory, &breakers, nullptr, targets);
    ApiServer server(&backend);
    if (!server.listen(options, &error)) {
        printError(QStringLiteral("serve: ") + error);
        return Failed;
    }
    std::printf("Confab API server listening on %s\n", qPrintable(server.baseUrl().toString()));
    std::printf("Bearer token: %s\n", server.token().constData());
    std::printf("Models: %s\n", qPrintable(backend.models().join(QStringLiteral(", "))));
    std::printf("Press Ctrl-C to stop.\n");
    std::fflush(stdout);

    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, qApp, [] {
        if (g_stop.load())
            QCoreApplication::quit();
    });
    poll.start(100);
    QCoreApplication::exec();
    server.close();
    std::printf("Stopped.\n");
    return Ok;
}

} // namespace Cli
