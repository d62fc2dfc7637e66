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

        function test_unknownLanguageIsPlain() {
            const block = create("just text", "no-such-language");
            compare(block.highlighter.definitionName, "");
            compare(findChild(block, "codeText").text, "just text");
        }

        function test_copyPutsCodeOnClipboard() {
            const block = create("echo hello\necho world", "bash");
            Clipboard.setText("");
            const button = findChild(block, "copyCodeButton");
            verify(button);
            mouseClick(button);
            compare(Clipboard.text(), "echo hello\necho world");
            compare(button.text, "Copied");
        }
    }
}
