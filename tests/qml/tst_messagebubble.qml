// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab

Item {
    id: root
    width: 700
    height: 900

    Component {
        id: bubbleComponent
        MessageBubble {
            width: root.width
        }
    }
    Component {
        id: blocksComponent
        MessageBlocksModel {}
    }

    SignalSpy { id: continueSpy; signalName: "continueRequested" }
    SignalSpy { id: retrySpy; signalName: "retryRequested" }
    SignalSpy { id: regenerateSpy; signalName: "regenerateRequested" }
    SignalSpy { id: copySpy; signalName: "copyRequested" }

    TestCase {
        name: "MessageBubble"
        when: windowShown

        function makeBubble(overrides) {
            const blocks = createTemporaryObject(blocksComponent, root);
            blocks.setText("Partial **answer**\n\n```cpp\nint x;\n```\n\nMore", false);
            const props = {
                index: 0, messageId: 42, role: "assistant", text: "Partial **answer**", blocks: blocks,
                thinking: "", toolCalls: [], state: "complete", errorKind: "", errorMessage: "",
                inputTokens: 12, outputTokens: 34, tokensPerSecond: 56.5, timeToFirstTokenMs: 350, model: "test-model"
            };
            for (const key in overrides)
                props[key] = overrides[key];
            const bubble = createTemporaryObject(bubbleComponent, root, props);
            verify(bubble, "bubble created");
            for (const spy of [continueSpy, retrySpy, regenerateSpy, copySpy]) {
                spy.clear();
                spy.target = bubble;
            }
            return bubble;
        }

        // The block items (Loaders) of a bubble, in order.
        function blockItems(bubble) {
            const column = findChild(bubble, "blockColumn");
            const items = [];
            for (let i = 0; i < column.children.length; ++i) {
                if (column.children[i].kind !== undefined)
                    items.push(column.children[i].item);
            }
            return items;
        }

        function test_states_data() {
            return [
                { tag: "interrupted", state: "interrupted", label: "Interrupted", icon: "⚠", retry: false },
                { tag: "cancelled", state: "cancelled", label: "Cancelled", icon: "■", retry: false },
                { tag: "failed", state: "failed", label: "Failed", icon: "✕", retry: true },
            ];
        }

        function test_states(data) {
            const bubble = makeBubble({ state: data.state, errorKind: "rate_limited",
                                        errorMessage: "Too many requests; retry in 20 s" });
            const card = findChild(bubble, "statusCard");
            verify(card.visible, "unfinished answers carry a marker");
            compare(findChild(card, "stateLabel").text, data.label);
            compare(findChild(card, "stateIcon").text, data.icon);
            verify(card.Accessible.name.indexOf(data.label) === 0);
            verify(findChild(card, "continueButton").visible);
            compare(findChild(card, "retryButton").visible, data.retry);
            const error = findChild(card, "errorCard");
            compare(error.visible, data.state === "failed");
            if (data.state === "failed")
                compare(error.text, "Rate limited: Too many requests; retry in 20 s");
            // The answer's own text never carries the error.
            for (const block of blockItems(bubble))
                verify(!block.text || block.text.indexOf("Too many") < 0);

            mouseClick(findChild(card, "continueButton"));
            compare(continueSpy.count, 1);
            compare(continueSpy.signalArguments[0][0], 42);
            if (data.retry) {
                mouseClick(findChild(card, "retryButton"));
                compare(retrySpy.count, 1);
            }
        }

        function test_completeShowsUsageAndRegenerate() {
            const bubble = makeBubble({});
            verify(!findChild(bubble, "statusCard").visible);
            const usage = findChild(bubble, "usageLabel").text;
            verify(usage.indexOf("test-model") >= 0, usage);
            verify(usage.indexOf("12 in") >= 0, usage);
            verify(usage.indexOf("34 out") >= 0, usage);
            verify(usage.indexOf("56.5 tok/s") >= 0, usage);
            verify(usage.indexOf("first token 350 ms") >= 0, usage);
            const regenerate = findChild(bubble, "regenerateButton");
            verify(regenerate.visible);
            mouseClick(regenerate);
            compare(regenerateSpy.count, 1);
            verify(!findChild(bubble, "editButton").visible);
        }

        function test_streamingShowsProgress() {
            const bubble = makeBubble({ state: "streaming", outputTokens: 120, tokensPerSecond: 0 });
            verify(!findChild(bubble, "statusCard").visible);
            compare(findChild(bubble, "usageLabel").text, "Writing… 120 tokens");
            verify(!findChild(bubble, "regenerateButton").visible);
        }

        function test_blocksRenderAsMarkdownAndCode() {
            const bubble = makeBubble({});
            const items = blockItems(bubble);
            compare(items.length, 3);
            const code = findChild(bubble, "codeBlock");
            verify(code);
            compare(code, items[1]);
            compare(code.language, "cpp");
            compare(code.code, "int x;");
            compare(items[0].textFormat, Text.MarkdownText);
            compare(items[0].text, "Partial **answer**");
            // Streaming more text grows the last block in place.
            bubble.blocks.appendText(" and more");
            const after = blockItems(bubble);
            compare(after.length, 3);
            compare(after[2], items[2], "the open block's item is reused");
            compare(after[0], items[0]);
            compare(items[2].text, "More and more");
        }

        function test_userMessageIsPlainText() {
            const bubble = makeBubble({ role: "user", blocks: null, text: "**not bold** <b>x</b>" });
            const plain = findChild(bubble, "plainText");
            verify(plain.visible);
            compare(plain.text, "**not bold** <b>x</b>");
            verify(!findChild(bubble, "blockColumn").visible);
            verify(findChild(bubble, "editButton").visible);
        }

        function test_copyPutsTheMessageOnTheClipboard() {
            const bubble = makeBubble({});
            Clipboard.setText("");
            mouseClick(findChild(bubble, "copyMessageButton"));
            compare(Clipboard.text(), "Partial **answer**");
            compare(copySpy.count, 1);
        }

        function test_thinkingIsCollapsible() {
            const bubble = makeBubble({ thinking: "Let me think about it." });
            const text = findChild(bubble, "thinkingText");
            verify(!text.visible, "collapsed by default");
            mouseClick(findChild(bubble, "thinkingToggle"));
            verify(text.visible);
            compare(text.text, "Let me think about it.");
        }

        function test_toolCallsArePrettyPrinted() {
            const bubble = makeBubble({ toolCalls: [{ id: "c1", name: "get_weather", arguments: "{\"city\":\"Oslo\",\"days\":3}" }] });
            const args = findChild(bubble, "toolArguments");
            verify(args);
            compare(args.text, "{\n    \"city\": \"Oslo\",\n    \"days\": 3\n}");
        }
    }
}
