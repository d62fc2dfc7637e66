// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "decodecommand.h"

#include "clicommands.h"
#include "protocol/jsonwriter.h"
#include "protocol/messageaccumulator.h"
#include "protocol/provideradapter.h"
#include "protocol/sseparser.h"
#include "secrets/redact.h"

#include <QFile>
#include <QRandomGenerator>

#include <cstdio>

namespace Cli {

namespace {
constexpr qint64 MaxFileBytes = qint64(1) << 31; // 2 GiB: refuse larger inputs

void printUsage()
{
    std::printf("Usage: confab-cli decode --protocol sse|openai|anthropic|ollama FILE [--fragment SEED]\n\n"
                "Decodes a recorded response body. sse prints one JSON line per event;\n"
                "a provider protocol prints the accumulated final message as JSON.\n"
                "--fragment SEED feeds the file in random pieces of 1-64 bytes (same output).\n");
}

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

/// Calls feed(piece) for the whole input or seeded fragments of 1..64 bytes.
template<typename Feed>
void feedAll(const QByteArray &bytes, bool fragment, quint32 seed, Feed feed)
{
    if (!fragment) {
        feed(QByteArrayView(bytes));
        return;
    }
    QRandomGenerator rng(seed);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        const qsizetype n = qMin<qsizetype>(rng.bounded(1, 65), bytes.size() - pos);
        feed(QByteArrayView(bytes).sliced(pos, n));
        pos += n;
    }
}

int decodeSse(const QByteArray &bytes, bool fragment, quint32 seed)
{
    using namespace JsonWriter;
    SseParser parser;
    QList<SseItem> items;
    QByteArray out;
    feedAll(bytes, fragment, seed, [&](QByteArrayView piece) {
        items.clear();
        parser.feed(piece, items);
        for (const SseItem &item : std::as_const(items)) {
            if (item.kind == SseItem::Kind::Event) {
                out.append('{');
                appendKey(out, QLatin1StringView("event"));
                appendString(out, QString::fromUtf8(item.type));
                out.append(',');
                appendKey(out, QLatin1StringView("data"));
                appendString(out, QString::fromUtf8(item.data));
                out.append(',');
                appendKey(out, QLatin1StringView("id"));
                appendString(out, QString::fromUtf8(item.lastEventId));
                out.append("}\n", 2);
            } else if (item.kind == SseItem::Kind::Retry) {
                out.append("{\"retry\":" + QByteArray::number(item.retryMs) + "}\n");
            }
        }
        if (out.size() > (1 << 16)) {
            writeOut(out);
            out.clear();
        }
    });
    parser.finish();
    writeOut(out);
    std::fflush(stdout);
    if (parser.hasError()) {
        printError(parser.errorString());
        return Failed;
    }
    return Ok;
}

int decodeProvider(ProviderKind kind, const QByteArray &bytes, bool fragment, quint32 seed)
{
    auto adapter = ProviderAdapter::create(kind);
    MessageAccumulator acc;
    QList<StreamEvent> events;
    feedAll(bytes, fragment, seed, [&](QByteArrayView piece) {
        events.clear();
        adapter->feed(piece, events);
        acc.add(events);
    });
    events.clear();
    adapter->finish(events);
    acc.add(events);
    const DecodeError err = adapter->decodeError();
    if (err.isError()) {
        printError(Redact::redactSecrets(err.message));
        return Failed;
    }
    writeOut(acc.toJson() + '\n');
    std::fflush(stdout);
    // Provider errors are reported by the stream, not by decoding: the JSON
    // shows finish_reason "error"; the message goes to stderr for the reader.
    for (const ProviderError &pe : acc.errors()) {
        const QString what = pe.type.isEmpty() ? pe.code : pe.type;
        printError(QStringLiteral("provider error in stream: %1%2")
                       .arg(what.isEmpty() ? QString() : what + QStringLiteral(": "), pe.message));
    }
    return Ok;
}
} // namespace

int decodeCommand(const QStringList &args)
{
    QString protocol;
    QString file;
    bool fragment = false;
    quint32 seed = 0;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == u"--help" || a == u"-h") {
            printUsage();
            return Ok;
        }
        if (a == u"--protocol" || a == u"--fragment") {
            if (i + 1 >= args.size()) {
                printError(QStringLiteral("decode: %1 needs a value").arg(a));
                return Usage;
            }
            const QString value = args.at(++i);
            if (a == u"--protocol") {
                protocol = value;
            } else {
                bool ok = false;
                seed = value.toUInt(&ok);
                if (!ok) {
                    printError(QStringLiteral("decode: --fragment needs a non-negative integer seed, got '%1'").arg(value));
                    return Usage;
                }
                fragment = true;
            }
        } else if (a.startsWith(u"--protocol=")) {
            protocol = a.mid(11);
        } else if (a.startsWith(u'-') && a.size() > 1) {
            printError(QStringLiteral("decode: unknown option '%1' (see confab-cli decode --help)").arg(a));
            return Usage;
        } else if (file.isEmpty()) {
            file = a;
        } else {
            printError(QStringLiteral("decode: unexpected argument '%1' (one FILE only)").arg(a));
            return Usage;
        }
    }
    if (protocol.isEmpty()) {
        printError(QStringLiteral("decode: --protocol is required (sse, openai, anthropic or ollama)"));
        return Usage;
    }
    ProviderKind kind = ProviderKind::OpenAI;
    const bool sse = protocol == u"sse";
    if (!sse && !providerKindFromName(protocol, &kind)) {
        printError(QStringLiteral("decode: unknown protocol '%1' (use sse, openai, anthropic or ollama)").arg(protocol));
        return Usage;
    }
    if (file.isEmpty()) {
        printError(QStringLiteral("decode: missing FILE"));
        return Usage;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        printError(QStringLiteral("decode: cannot read '%1': %2").arg(file, f.errorString()));
        return Usage;
    }
    if (f.size() > MaxFileBytes) {
        printError(QStringLiteral("decode: '%1' is larger than 2 GiB").arg(file));
        return Usage;
    }
    const QByteArray bytes = f.readAll();
    return sse ? decodeSse(bytes, fragment, seed) : decodeProvider(kind, bytes, fragment, seed);
}

} // namespace Cli
