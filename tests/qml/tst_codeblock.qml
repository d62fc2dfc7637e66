// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab

Item {
    id: root
    width: 600
    height: 400

    Component {
        id: codeComponent
        CodeBlock {
            width: root.width
        }
    }

    SignalSpy { id: copySpy; signalName: "copyRequested" }

    TestCase {
        name: "CodeBlock"
        when: windowShown

        function create(code, language) {
            const block = createTemporaryObject(codeComponent, root, { code: code, language: language, dark: false });
            verify(block);
            return block;
        }

        function test_keywordColouredDifferentlyFromIdentifier() {
            const block = create("int main() { return 0; }", "cpp");
            const h = block.highlighter;
            tryVerify(() => h.definitionName === "C++", 5000);
            tryVerify(() => h.colorAt(0).valid, 5000, "the keyword 'int' got a colour");
            const keyword = h.colorAt(0);     // "int"
            const ret = h.colorAt(13);        // "return"
            const identifier = h.colorAt(4);  // "main"
            verify(!Qt.colorEqual(keyword, identifier.valid ? identifier : h.textColor),
                   "keyword " + keyword + " vs identifier " + identifier);
            verify(ret.valid);
            compare(findChild(block, "codeLanguage").text, "cpp");
        }

        function test_streamedCodeIsHighlightedIncrementally() {
            const block = create("x = 1", "python");
            const h = block.highlighter;
            tryVerify(() => h.definitionName === "Python", 5000);
            block.code = "x = 1\ndef f():";
            block.code = "x = 1\ndef f():\n    return 2";
            const edit = findChild(block, "codeText");
            compare(edit.text, "x = 1\ndef f():\n    return 2");
            const numberPos = 26; // the "2" of the last appended line
            compare(edit.text.charAt(numberPos), "2");
            tryVerify(() => h.colorAt(numberPos).valid, 5000, "the appended line is highlighted");
            verify(!Qt.colorEqual(h.colorAt(numberPos), h.textColor), "a number is not plain text");
            // A replacement that is not an extension resets the text.
            block.code = "y = 2";
            compare(edit.text, "y = 2");
        }

        function test_darkThemeFollowsPalette() {
            const block = create("int a;", "cpp");
            const lightness = block.highlighter.backgroundColor.hslLightness;
            const light = block.highlighter.backgroundColor.toString();
            verify(lightness > 0.5);
            block.dark = true;
            verify(block.highlighter.backgroundColor.toString() !== light);
            verify(block.highlighter.backgroundColor.hslLightness < 0.5);
        }

        // Every character stays readable when the theme changes under a
        // highlighted block: its colour (or the text colour, for characters
        // without one) stands out from the background, light and dark.
        function test_everyCharacterReadableAfterThemeChange() {
            const code = "void SseSplitter::feed(QByteArrayView bytes)\n{\n    qsizetype start = 0; // x\n}";
            const block = create(code, "cpp");
            const h = block.highlighter;
            tryVerify(() => h.colorAt(0).valid, 5000);
            const edit = findChild(block, "codeText");
            // WCAG relative luminance and contrast ratio.
            function luminance(c) {
                const lin = (v) => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
                return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
            }
            function contrast(a, b) {
                const la = luminance(a), lb = luminance(b);
                return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
            }
            function checkReadable(when) {
                for (let i = 0; i < code.length; ++i) {
                    if (code[i] === " " || code[i] === "\n")
                        continue;
                    const c = h.colorAt(i).valid ? h.colorAt(i) : edit.color;
                    verify(contrast(c, h.backgroundColor) >= 2,
                           when + ": '" + code[i] + "' at " + i + " is " + c + " on " + h.backgroundColor);
                }
            }
            checkReadable("light");
            // No event loop turn in between: the colours change with the theme.
            block.dark = true;
            checkReadable("dark");
            block.dark = false;
            checkReadable("light again");
        }

        function test_unknownLanguageIsPlain() {
            const block = create("just text", "no-such-language");
            compare(block.highlighter.definitionName, "");
            compare(findChild(block, "codeText").text, "just text");
        }

        // Copy asks whoever shows the block for the code: a segment of a
        // long fence holds only part of it.
        function test_copyAsksForTheCode() {
            const block = create("echo hello\necho world", "bash");
            copySpy.target = block;
            copySpy.clear();
            const button = findChild(block, "copyCodeButton");
            verify(button);
            mouseClick(button);
            compare(copySpy.count, 1);
            compare(button.text, "Copied");
        }

        // A later segment starts in the state the code before it ended in:
        // here inside a C comment, so its first word is coloured as comment.
        function test_segmentStartsWhereTheCodeBeforeEnded() {
            const comment = create("/* a comment */", "cpp");
            tryVerify(() => comment.highlighter.colorAt(3).valid, 5000);
            const commentColour = comment.highlighter.colorAt(3);
            const alone = create("still inside */ int x;", "cpp");
            tryVerify(() => alone.highlighter.colorAt(16).valid, 5000);
            verify(!Qt.colorEqual(alone.highlighter.colorAt(1), commentColour), "without the code before: not a comment");

            const segment = createTemporaryObject(codeComponent, root, {
                code: "still inside */ int x;", language: "cpp", dark: false,
                codeBefore: "int y;\n/* opened here\n", segment: 1
            });
            tryVerify(() => segment.highlighter.colorAt(1).valid, 5000);
            verify(Qt.colorEqual(segment.highlighter.colorAt(1), commentColour), "inside the comment");
            verify(Qt.colorEqual(segment.highlighter.colorAt(16), alone.highlighter.colorAt(16)), "'int' after it is a keyword again");
            // The next segment's code before extends this one's: the state
            // is carried on from the remembered one, with the same result.
            const next = createTemporaryObject(codeComponent, root, {
                code: "more */ int z; /* again", language: "cpp", dark: false,
                codeBefore: "int y;\n/* opened here\nstill inside\n", segment: 2
            });
            tryVerify(() => next.highlighter.colorAt(1).valid, 5000);
            verify(Qt.colorEqual(next.highlighter.colorAt(1), commentColour), "still inside the comment");
            verify(Qt.colorEqual(next.highlighter.colorAt(8), alone.highlighter.colorAt(16)), "'int' is a keyword");
            // Only the first segment carries the label and Copy.
            verify(!findChild(segment, "codeLanguage").visible);
            verify(findChild(comment, "codeLanguage").visible);
        }

        // Segments stack without a gap: a block that continues has no bottom
        // padding, so its last line meets the next segment's first.
        function test_continuingSegmentHasNoBottomPadding() {
            const last = createTemporaryObject(codeComponent, root, { code: "a\nb", language: "", segment: 1 });
            const middle = createTemporaryObject(codeComponent, root, { code: "a\nb", language: "", segment: 1, continues: true });
            const text = findChild(middle, "codeText");
            tryVerify(() => text.height > 0);
            compare(middle.height, text.height);
            compare(last.height, text.height + 10);
        }
    }
}
