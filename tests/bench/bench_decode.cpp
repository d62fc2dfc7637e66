// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Decode throughput per protocol: generates a large realistic transcript
// (about 32 MiB each), feeds it in 16 KiB reads through the adapter and the
// MessageAccumulator, and prints MB/s and events/s (best of several runs).
// Measures only; never a pass/fail test. See docs/performance.md.
//
//   bench_decode [--size-mb N] [--runs N] [--write-dir DIR]
// --write-dir also writes the generated transcripts (openai.sse, anthropic.sse,
// ollama.ndjson) for tests/bench/sdk-decode/compare.sh. "chars" is the decoded
// answer's length in UTF-16 units, to check both sides decoded the same text.

#include "protocol/messageaccumulator.h"
#include "protocol/provideradapter.h"
#include "protocol/sseparser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

namespace {
constexpr qsizetype ReadSize = 16 * 1024;

// Token-like fragments, some multi-byte and with JSON escapes.
const char *const Tokens[] = {"The", " quick", " brown", " fox", " jumps", " über", " the", " lazy",
                              " dog", ".", "\\n", " Ça", " va", "?", " 🌍", " \\\"quoted\\\"", " and",
                              " then", " some", " more", " text", ","};
constexpr int TokenCount = int(sizeof(Tokens) / sizeof(Tokens[0]));

QByteArray generate(ProviderKind kind, bool rawSse, qsizetype targetBytes)
{
    QByteArray out;
    out.reserve(targetBytes + 4096);
    int i = 0;
    // A real OpenAI stream's first chunk carries the role (the SDK helpers
    // used by tests/bench/sdk-decode require it).
    if (kind == ProviderKind::OpenAI)
        out += "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\","
               "\"created\":1727346168,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\","
               "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    if (kind == ProviderKind::Anthropic && !rawSse)
        out += "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
               "\"role\":\"assistant\",\"content\":[],\"model\":\"claude\",\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n"
               "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
    while (out.size() < targetBytes) {
        const QByteArray tok(Tokens[i++ % TokenCount]);
        switch (kind) {
        case ProviderKind::OpenAI:
            out += "data: {\"id\":\"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL\",\"object\":\"chat.completion.chunk\","
                   "\"created\":1727346168,\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"fp_5050236cbd\","
                   "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + tok + "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
            break;
        case ProviderKind::Anthropic:
            out += "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                   "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + tok + "\"}}\n\n";
            break;
        case ProviderKind::Ollama:
            out += "{\"model\":\"llama3.2\",\"created_at\":\"2025-07-07T20:22:19.19314Z\",\"message\":{\"role\":\"assistant\","
                   "\"content\":\"" + tok + "\"},\"done\":false}\n";
            break;
        }
    }
    switch (kind) {
    case ProviderKind::OpenAI:
        out += "data: {\"id\":\"x\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
               "data: {\"id\":\"x\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":9}}\n\ndata: [DONE]\n\n";
        break;
    case ProviderKind::Anthropic:
        out += "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
               "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":9}}\n\n"
               "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        break;
    case ProviderKind::Ollama:
        out += "{\"model\":\"llama3.2\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,"
               "\"prompt_eval_count\":9,\"eval_count\":9}\n";
        break;
    }
    return out;
}

struct Measure {
    double seconds = 1e9;
    qint64 events = 0;
    qsizetype answerChars = 0;
};

Measure decodeOnce(ProviderKind kind, const QByteArray &bytes)
{
    QElapsedTimer t;
    t.start();
    auto adapter = ProviderAdapter::create(kind);
    MessageAccumulator acc;
    QList<StreamEvent> events;
    qint64 count = 0;
    for (qsizetype pos = 0; pos < bytes.size(); pos += ReadSize) {
        events.clear();
        adapter->feed(QByteArrayView(bytes).sliced(pos, qMin(ReadSize, bytes.size() - pos)), events);
        count += events.size();
        acc.add(events);
    }
    events.clear();
    adapter->finish(events);
    acc.add(events);
    Measure m;
    m.seconds = double(t.nsecsElapsed()) / 1e9;
    m.events = count + events.size();
    m.answerChars = acc.text().size();
    if (!acc.isComplete())
        std::fprintf(stderr, "warning: %s transcript did not decode as complete\n", qPrintable(providerKindName(kind)));
    return m;
}

Measure parseSseOnce(const QByteArray &bytes)
{
    QElapsedTimer t;
    t.start();
    SseParser parser;
    QList<SseItem> items;
    qint64 count = 0;
    for (qsizetype pos = 0; pos < bytes.size(); pos += ReadSize) {
        items.clear();
        parser.feed(QByteArrayView(bytes).sliced(pos, qMin(ReadSize, bytes.size() - pos)), items);
        count += items.size();
    }
    parser.finish();
    Measure m;
    m.seconds = double(t.nsecsElapsed()) / 1e9;
    m.events = count;
    return m;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    qsizetype sizeMb = 32;
    int runs = 5;
    QString writeDir;
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args.at(i) == u"--size-mb")
            sizeMb = qBound(1, args.at(i + 1).toInt(), 1024);
        else if (args.at(i) == u"--runs")
            runs = qBound(1, args.at(i + 1).toInt(), 100);
        else if (args.at(i) == u"--write-dir")
            writeDir = args.at(i + 1);
    }
    const qsizetype target = sizeMb * 1024 * 1024;
    std::printf("%-22s %10s %10s %12s %14s %12s\n", "protocol", "MiB", "best s", "MB/s", "events/s", "chars");

    struct Case {
        const char *name;
        ProviderKind kind;
        bool rawSse;
        const char *file;
    };
    const Case cases[] = {{"sse (parser only)", ProviderKind::OpenAI, true, nullptr},
                          {"openai", ProviderKind::OpenAI, false, "openai.sse"},
                          {"anthropic", ProviderKind::Anthropic, false, "anthropic.sse"},
                          {"ollama", ProviderKind::Ollama, false, "ollama.ndjson"}};
    for (const Case &c : cases) {
        const QByteArray bytes = generate(c.kind, false, target);
        if (!writeDir.isEmpty() && c.file) {
            QDir().mkpath(writeDir);
            QFile f(QDir(writeDir).filePath(QLatin1StringView(c.file)));
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
                std::fprintf(stderr, "cannot write %s\n", qPrintable(f.fileName()));
        }
        Measure best;
        for (int r = 0; r < runs; ++r) {
            const Measure m = c.rawSse ? parseSseOnce(bytes) : decodeOnce(c.kind, bytes);
            if (m.seconds < best.seconds)
                best = m;
        }
        std::printf("%-22s %10.1f %10.4f %12.1f %14.0f %12lld\n", c.name, double(bytes.size()) / (1024.0 * 1024.0), best.seconds,
                    double(bytes.size()) / 1e6 / best.seconds, double(best.events) / best.seconds, qlonglong(best.answerChars));
    }
    return 0;
}
