// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// A user (or system, or tool) message: one row of the message list, its
// text shown as typed (never as markdown), with Copy and Edit.
Item {
    id: root

    required property var messageId
    required property string role
    required property string text

    signal editRequested(var messageId, string text)

    objectName: "userMessage"
    implicitHeight: bubble.implicitHeight + 14
    Accessible.role: Accessible.ListItem
    Accessible.name: (root.role === "user" ? qsTr("You") : root.role) + ": " + root.text

    Control {
        id: bubble
        width: parent.width
        padding: 12
        background: Rectangle {
            color: Qt.rgba(bubble.palette.highlight.r, bubble.palette.highlight.g, bubble.palette.highlight.b, 0.12)
            radius: 10
        }
        contentItem: ColumnLayout {
            spacing: 8
            Label {
                text: root.role === "user" ? qsTr("You") : root.role
                font.bold: true
                opacity: 0.7
            }
            TextEdit {
                objectName: "plainText"
                Layout.fillWidth: true
                text: root.text
                textFormat: TextEdit.PlainText
                wrapMode: TextEdit.Wrap
                readOnly: true
                selectByMouse: true
                color: bubble.palette.text
                selectionColor: bubble.palette.highlight
                selectedTextColor: bubble.palette.highlightedText
                Accessible.role: Accessible.StaticText
                Accessible.name: text
            }
            MessageFooter {
                Layout.fillWidth: true
                isUser: true
                onCopyClicked: Clipboard.setText(root.text)
                onEditClicked: root.editRequested(root.messageId, root.text)
            }
        }
    }
}
