// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab

Item {
    id: root
    width: 600
    height: 200

    Component {
        id: composerComponent
        Composer {
            width: root.width
        }
    }

    SignalSpy { id: sendSpy; signalName: "sendRequested" }
    SignalSpy { id: cancelSpy; signalName: "cancelRequested" }

    TestCase {
        name: "Composer"
        when: windowShown

        function createComposer() {
            const c = createTemporaryObject(composerComponent, root);
            verify(c);
            sendSpy.clear(); cancelSpy.clear();
            sendSpy.target = c; cancelSpy.target = c;
            const input = findChild(c, "composerInput");
            verify(input);
            input.forceActiveFocus();
            return { composer: c, input: input };
        }

        function test_enterSendsTrimmedText() {
            const t = createComposer();
            keyClick(Qt.Key_H); keyClick(Qt.Key_I); keyClick(Qt.Key_Space);
            keyClick(Qt.Key_Return);
            compare(sendSpy.count, 1);
            compare(sendSpy.signalArguments[0][0], "hi");
            compare(t.input.text, "", "the input clears after sending");
        }

        function test_shiftEnterAddsNewline() {
            const t = createComposer();
            keyClick(Qt.Key_A);
            keyClick(Qt.Key_Return, Qt.ShiftModifier);
            keyClick(Qt.Key_B);
            compare(sendSpy.count, 0);
            compare(t.input.text, "a\nb");
        }

        function test_emptyInputDoesNotSend() {
            createComposer();
            keyClick(Qt.Key_Space);
            keyClick(Qt.Key_Return);
            compare(sendSpy.count, 0);
        }

        function test_streamingTurnsSendIntoCancel() {
            const t = createComposer();
            const button = findChild(t.composer, "sendButton");
            compare(button.text, "Send");
            t.composer.streaming = true;
            compare(button.text, "Cancel");
            mouseClick(button);
            compare(cancelSpy.count, 1);
            t.input.forceActiveFocus();
            keyClick(Qt.Key_Escape);
            compare(cancelSpy.count, 2, "Esc cancels while streaming");
            keyClick(Qt.Key_X);
            keyClick(Qt.Key_Return);
            compare(sendSpy.count, 0, "nothing is sent while an answer streams");
        }
    }
}
