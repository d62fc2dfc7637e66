// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab

// The rows a message is drawn with (MessageListView's delegates): an
// answer's header, blocks and end row, and a user message.
Item {
    id: root
    width: 700
    height: 900

    Component { id: endComponent; AnswerEnd { width: root.width } }
    Component { id: headerComponent; AnswerHeader { width: root.width } }
    Component { id: blockComponent; AnswerBlock { width: root.width } }
    Component { id: codeComponent; AnswerCode { width: root.width } }
    Component { id: userComponent; UserMessage { width: root.width } }

    SignalSpy { id: continueSpy; signalName: "continueRequested" }
    SignalSpy { id: retrySpy; signalName: "retryRequested" }
    SignalSpy { id: regenerateSpy; signalName: "regenerateRequested" }
    SignalSpy { id: copySpy; signalName: "copyRequested" }
    SignalSpy { id: editSpy; signalName: "editRequested" }
    SignalSpy { id: codeCopySpy; signalName: "copyCodeRequested" }

    TestCase {
        name: "MessageParts"
        when: windowShown

        function makeEnd(overrides) {
            const props = {
                index: 7, messageId: 42, toolCalls: [], state: "complete", errorKind: "", errorMessage: "",
                inputTokens: 12, outputTokens: 34, tokensPerSecond: 56.5, timeToFirstTokenMs: 350, model: "test-model"
            };
            for (const key in overrides)
                props[key] = overrides[key];
            const end = createTemporaryObject(endComponent, root, props);
            verify(end, "end row created");
            for (const spy of [continueSpy, retrySpy, regenerateSpy, copySpy]) {
                spy.clear();
                spy.target = end;
            }
            return end;
        }

        function test_states_data() {
            return [
                { tag: "interrupted", state: "interrupted", label: "Interrupted", icon: "⚠", retry: false },
                { tag: "cancelled", state: "cancelled", label: "Cancelled", icon: "■", retry: false },
                { tag: "failed", state: "failed", label: "Failed", icon: "✕", retry: true },
            ];
        }

        function test_states(data) {
            const end = makeEnd({ state: data.state, errorKind: "rate_limited",
                                  errorMessage: "Too many requests; retry in 20 s" });
            const card = findChild(end, "statusCard");
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

            mouseClick(findChild(card, "continueButton"));
            compare(continueSpy.count, 1);
            compare(continueSpy.signalArguments[0][0], 42);
            if (data.retry) {
                mouseClick(findChild(card, "retryButton"));
                compare(retrySpy.count, 1);
            }
        }

        function test_completeShowsUsageAndRegenerate() {
            const end = makeEnd({});
            verify(!findChild(end, "statusCard").visible);
            const usage = findChild(end, "usageLabel").text;
            verify(usage.indexOf("test-model") >= 0, usage);
            verify(usage.indexOf("12 in") >= 0, usage);
            verify(usage.indexOf("34 out") >= 0, usage);
            verify(usage.indexOf("56.5 tok/s") >= 0, usage);
            verify(usage.indexOf("first token 350 ms") >= 0, usage);
            const regenerate = findChild(end, "regenerateButton");
            verify(regenerate.visible);
            mouseClick(regenerate);
            compare(regenerateSpy.count, 1);
            compare(regenerateSpy.signalArguments[0][0], 42);
            verify(!findChild(end, "editButton").visible);
        }

        function test_streamingShowsProgress() {
            const end = makeEnd({ state: "streaming", outputTokens: 120, tokensPerSecond: 0 });
            verify(!findChild(end, "statusCard").visible);
            compare(findChild(end, "usageLabel").text, "Writing… 120 tokens");
            verify(!findChild(end, "regenerateButton").visible);
        }

        // Copy asks for the text with the row: the end row never holds it.
        function test_copyAsksForTheAnswerByRow() {
            const end = makeEnd({});
            mouseClick(findChild(end, "copyMessageButton"));
            compare(copySpy.count, 1);
            compare(copySpy.signalArguments[0][0], 7);
        }

        function test_toolCallsArePrettyPrinted() {
            const end = makeEnd({ toolCalls: [{ id: "c1", name: "get_weather", arguments: "{\"city\":\"Oslo\",\"days\":3}" }] });
            const args = findChild(end, "toolArguments");
            verify(args);
            compare(args.text, "{\n    \"city\": \"Oslo\",\n    \"days\": 3\n}");
        }

        function test_thinkingIsCollapsible() {
            const header = createTemporaryObject(headerComponent, root,
                                                 { thinking: "Let me think about it.", state: "streaming" });
            const text = findChild(header, "thinkingText");
            verify(!text.visible, "collapsed by default");
            mouseClick(findChild(header, "thinkingToggle"));
            verify(text.visible);
            compare(text.text, "Let me think about it.");
            const none = createTemporaryObject(headerComponent, root, { thinking: "", state: "complete" });
            verify(!findChild(none, "thinkingToggle").visible);
        }

        function test_blocksRenderAsMarkdownOrRule_data() {
            return [
                { tag: "paragraph", kind: "paragraph", text: "Partial **answer**" },
                { tag: "rule", kind: "rule", text: "" },
            ];
        }

        function test_blocksRenderAsMarkdownOrRule(data) {
            const block = createTemporaryObject(blockComponent, root, { kind: data.kind, renderText: data.text });
            verify(block);
            tryVerify(() => block.height > 8);
            const prose = findChild(block, "markdownBlock");
            compare(prose.visible, data.kind === "paragraph");
            if (data.kind === "paragraph") {
                compare(prose.textFormat, TextEdit.MarkdownText);
                compare(prose.markdown, data.text);
                compare(prose.getText(0, prose.length), "Partial answer"); // rendered, not shown as source
                // The open block grows in place: same item, new text.
                block.renderText = data.text + " and more";
                compare(findChild(block, "markdownBlock"), prose);
                compare(prose.getText(0, prose.length), "Partial answer and more");
                // Its text can be selected, and copied.
                verify(prose.readOnly);
                verify(prose.selectByMouse);
                mouseDrag(prose, 2, prose.height / 2, prose.contentWidth, 0);
                verify(prose.selectedText.length > 0, "dragging selects");
                prose.selectAll();
                Clipboard.setText("");
                prose.copy();
                compare(Clipboard.text(), "Partial answer and more");
            }
        }

        function test_codeRowIsAHighlightedCodeBlock() {
            const row = createTemporaryObject(codeComponent, root, { renderText: "int x;", language: "cpp", index: 3,
                                                                     segment: 0, continues: false, codeBefore: "" });
            verify(row);
            const code = findChild(row, "codeBlock");
            verify(code);
            compare(code.language, "cpp");
            compare(code.code, "int x;");
            tryVerify(() => code.highlighter.definitionName === "C++", 5000);
            // The open block grows in place.
            row.renderText = "int x;\nint y;";
            compare(findChild(row, "codeBlock"), code);
            compare(findChild(code, "codeText").text, "int x;\nint y;");
        }

        // A segment of a long fence: no gap below it when the fence goes
        // on, the code before it reaches the highlighter, and Copy asks the
        // view for the whole fence by row.
        function test_codeSegmentJoinsTheNextAndCopiesByRow() {
            const props = { renderText: "b();", language: "cpp", index: 9,
                            segment: 1, continues: true, codeBefore: "a();\n" };
            const block = createTemporaryObject(codeComponent, root, props);
            const code = findChild(block, "codeBlock");
            tryVerify(() => code && code.height > 0);
            compare(block.height, code.height);
            compare(code.highlighter.codeBefore, "a();\n");
            block.continues = false;
            compare(block.height, code.height + 8);
            codeCopySpy.target = block;
            codeCopySpy.clear();
            // Copy sits on the first segment.
            const first = createTemporaryObject(codeComponent, root,
                                                Object.assign({}, props, { segment: 0, codeBefore: "", index: 8 }));
            codeCopySpy.target = first;
            mouseClick(findChild(first, "copyCodeButton"));
            compare(codeCopySpy.count, 1);
            compare(codeCopySpy.signalArguments[0][0], 8);
        }

        function test_userMessageIsPlainTextWithEdit() {
            const user = createTemporaryObject(userComponent, root,
                                               { messageId: 5, role: "user", text: "**not bold** <b>x</b>" });
            const plain = findChild(user, "plainText");
            verify(plain.visible);
            compare(plain.text, "**not bold** <b>x</b>");
            compare(plain.textFormat, TextEdit.PlainText);
            editSpy.clear();
            editSpy.target = user;
            mouseClick(findChild(user, "editButton"));
            compare(editSpy.count, 1);
            compare(editSpy.signalArguments[0][0], 5);
            compare(editSpy.signalArguments[0][1], "**not bold** <b>x</b>");
            Clipboard.setText("");
            mouseClick(findChild(user, "copyMessageButton"));
            compare(Clipboard.text(), "**not bold** <b>x</b>");
        }
    }
}
