// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// A real OpenAI client (the official `openai` npm package) talking to
// Confab's local API server. Used by tst_server_openai_node.
//
//   node openai_client.mjs MODE BASE_URL TOKEN
//   MODE: stream | complete | badtoken | models
// Prints one JSON object on stdout: {"text","finish_reason","usage","chunks"}
// or {"error_status","error_type"} when the SDK raised an APIError.
import OpenAI from 'openai';

const [mode, baseURL, apiKey] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: mode === 'badtoken' ? 'wrong-token' : apiKey,
                            maxRetries: 0, timeout: 60_000 });
const messages = [{ role: 'user', content: 'Tell me the canonical answer.' }];

async function main() {
    if (mode === 'models') {
        const list = await client.models.list();
        return { models: list.data.map((m) => m.id) };
    }
    if (mode === 'complete') {
        const r = await client.chat.completions.create({ model: 'fake-model', messages });
        return { text: r.choices[0].message.content, finish_reason: r.choices[0].finish_reason, usage: r.usage };
    }
    const stream = await client.chat.completions.create({
        model: 'fake-model', messages, stream: true, stream_options: { include_usage: true } });
    let text = '';
    let finish = null;
    let usage = null;
    let chunks = 0;
    for await (const chunk of stream) {
        chunks++;
        if (chunk.usage) usage = chunk.usage;
        for (const c of chunk.choices) {
            if (c.delta?.content) text += c.delta.content;
            if (c.finish_reason) finish = c.finish_reason;
        }
    }
    return { text, finish_reason: finish, usage, chunks };
}

main().then((r) => {
    process.stdout.write(JSON.stringify(r) + '\n');
}).catch((e) => {
    if (e instanceof OpenAI.APIError) {
        process.stdout.write(JSON.stringify({ error_status: e.status ?? null, error_type: e.type ?? null,
                                              error_message: e.message }) + '\n');
    } else {
        process.stderr.write(String(e?.stack ?? e) + '\n');
        process.exit(3);
    }
});
