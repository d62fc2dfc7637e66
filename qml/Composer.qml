// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A multi-line input: Enter sends, Shift+Enter inserts a new line. While an
// answer streams the Send button becomes Cancel, and Esc cancels.
Pane {
    id: root

    /// True while an answer is streaming; turns Send into Cancel.
    property bool streaming: false
    /// The text being composed.
    property alias text: input.text

    /// Emitted with the trimmed text when the user sends a message.
    signal sendRequested(string text)
    /// Emitted when the user asks to stop the streaming answer.
    signal cancelRequested()

    /// Moves keyboard focus into the input.
    function focusInput() { input.forceActiveFocus(); }

    function send() {
        const t = input.text.trim();
        if (t.length === 0 || root.streaming)
            return;
        root.sendRequested(t);
        input.clear();
    }

    padding: 8

    RowLayout {
        anchors.fill: parent
        spacing: 8

        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(input.implicitHeight, 180)

            TextArea {
                id: input
                objectName: "composerInput"
                placeholderText: qsTr("Message Confab… (Enter to send, Shift+Enter for a new line)")
                wrapMode: TextEdit.Wrap
                Accessible.name: qsTr("Message")

                Keys.onPressed: (event) => {
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true;
                        root.send();
                    } else if (event.key === Qt.Key_Escape && root.streaming) {
                        event.accepted = true;
                        root.cancelRequested();
                    }
                }
            }
        }

        Button {
            id: sendButton
            objectName: "sendButton"
            text: root.streaming ? qsTr("Cancel") : qsTr("Send")
            Accessible.name: text
            enabled: root.streaming || input.text.trim().length > 0
            onClicked: root.streaming ? root.cancelRequested() : root.send()
        }
    }
}
