// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Decode throughput of the official OpenAI and Anthropic Node SDKs' own stream
// decoders on the transcript files bench_decode --write-dir writes, so both
// sides decode exactly the same bytes. Measures only; never a pass/fail test.
//
//   node decode.mjs --dir DIR [--sdk-dir ~/.cache/confab/npm-sdk] [--runs 5]
//
// The bytes are served as a Response whose body yields 16 KiB chunks (the
// read size bench_decode uses). Two paths per provider:
//   stream  Stream.fromSSEResponse(response) iterated, the text deltas
//           concatenated by hand (the SDK's SSE + JSON decoder alone);
//   helper  client.chat.completions.stream() / client.messages.stream() with a
//           `fetch` that returns that Response (no network), awaiting the
//           SDK's own accumulated final text (ChatCompletionStream /
//           MessageStream: decoder + the SDK's accumulation + events).
// "events" counts the items the SDK stream yields (OpenAI: chunks; Anthropic:
// SSE events), so events/s is comparable to bench_decode's per protocol.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ReadSize = 16 * 1024;

function arg(name, fallback) {
    const i = process.argv.indexOf(name);
    return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const dir = arg('--dir', null);
const sdkDir = arg('--sdk-dir', process.env.CONFAB_SDK_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'confab/npm-sdk'));
const runs = Math.max(1, Math.min(100, parseInt(arg('--runs', '5'), 10) || 5));
if (!dir) {
    console.error('usage: node decode.mjs --dir DIR [--sdk-dir DIR] [--runs N]');
    process.exit(2);
}

// Load the SDKs' ES modules from the install folder outside the repository.
const modules = join(sdkDir, 'node_modules');
async function load(name, file) {
    try {
        return await import(pathToFileURL(join(modules, name, file)).href);
    } catch (e) {
        console.error(`cannot load ${name}/${file} from ${modules} (run tests/bench/sdk-decode/install.sh): ${e.message}`);
        process.exit(2);
    }
}
const openaiMod = await load('openai', 'index.mjs');
const anthropicMod = await load('@anthropic-ai/sdk', 'index.mjs');
const openaiStreaming = await load('openai', 'core/streaming.mjs');
const anthropicStreaming = await load('@anthropic-ai/sdk', 'core/streaming.mjs');
const version = (name) => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8')).version;
const versions = { openai: version('openai'), anthropic: version('@anthropic-ai/sdk') };

function responseOf(bytes) {
    let pos = 0;
    const body = new ReadableStream({
        pull(ctrl) {
            if (pos >= bytes.length) return ctrl.close();
            ctrl.enqueue(bytes.subarray(pos, Math.min(pos + ReadSize, bytes.length)));
            pos += ReadSize;
        },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

// --- the decoder alone -------------------------------------------------------
async function openaiStream(bytes) {
    const stream = openaiStreaming.Stream.fromSSEResponse(responseOf(bytes), new AbortController());
    let text = '';
    let events = 0;
    for await (const chunk of stream) {
        ++events;
        const c = chunk.choices?.[0]?.delta?.content;
        if (c) text += c;
    }
    return { events, text };
}

async function anthropicStream(bytes) {
    const stream = anthropicStreaming.Stream.fromSSEResponse(responseOf(bytes), new AbortController());
    let text = '';
    let events = 0;
    for await (const ev of stream) {
        ++events;
        if (ev.type === 'content_block_delta' && ev.delta?.type === 'text_delta') text += ev.delta.text;
    }
    return { events, text };
}

// --- the SDK's streaming helpers (decoder + accumulation) ---------------------
async function openaiHelper(bytes) {
    const OpenAI = openaiMod.default ?? openaiMod.OpenAI;
    const client = new OpenAI({
        apiKey: 'bench-not-a-key',
        baseURL: 'http://127.0.0.1:9/v1',
        maxRetries: 0,
        fetch: async () => responseOf(bytes),
    });
    const stream = client.chat.completions.stream({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
    let events = 0;
    stream.on('chunk', () => ++events);
    const text = await stream.finalContent();
    return { events, text: text ?? '' };
}

async function anthropicHelper(bytes) {
    const Anthropic = anthropicMod.default ?? anthropicMod.Anthropic;
    const client = new Anthropic({
        apiKey: 'bench-not-a-key',
        baseURL: 'http://127.0.0.1:9',
        maxRetries: 0,
        fetch: async () => responseOf(bytes),
    });
    const stream = client.messages.stream({ model: 'claude', max_tokens: 1024, messages: [{ role: 'user', content: 'hi' }] });
    let events = 0;
    stream.on('streamEvent', () => ++events);
    const text = await stream.finalText();
    return { events, text };
}

async function best(fn, bytes) {
    let b = null;
    for (let r = 0; r < runs; ++r) {
        const t0 = performance.now();
        const m = await fn(bytes);
        const s = (performance.now() - t0) / 1000;
        if (!b || s < b.seconds) b = { ...m, seconds: s };
    }
    return b;
}

const cases = [
    ['openai', 'stream', `openai ${versions.openai}`, 'openai.sse', openaiStream],
    ['openai', 'helper', `openai ${versions.openai}`, 'openai.sse', openaiHelper],
    ['anthropic', 'stream', `@anthropic-ai/sdk ${versions.anthropic}`, 'anthropic.sse', anthropicStream],
    ['anthropic', 'helper', `@anthropic-ai/sdk ${versions.anthropic}`, 'anthropic.sse', anthropicHelper],
];
console.log(`# node ${process.version}, best of ${runs}, ${ReadSize / 1024} KiB chunks`);
console.log(['protocol', 'path', 'sdk', 'MiB', 'best_s', 'MB/s', 'events/s', 'chars'].join('\t'));
for (const [proto, path, sdk, file, fn] of cases) {
    const bytes = new Uint8Array(readFileSync(join(dir, file)));
    const m = await best(fn, bytes);
    console.log([proto, path, sdk.replaceAll(' ', '@'), (bytes.length / 1048576).toFixed(1), m.seconds.toFixed(4),
        (bytes.length / 1e6 / m.seconds).toFixed(1), Math.round(m.events / m.seconds), m.text.length].join('\t'));
}
