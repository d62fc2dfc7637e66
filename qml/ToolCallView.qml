// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// One tool call of an answer: the tool's name and its pretty-printed arguments.
Frame {
    id: root

    /// The tool's name.
    property string name
    /// The call's arguments as JSON text.
    property string arguments

    objectName: "toolCall"
    Accessible.role: Accessible.Grouping
    Accessible.name: qsTr("Tool call %1").arg(root.name)

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: 4

        Label {
            text: qsTr("🔧 Tool call: %1").arg(root.name)
            font.bold: true
        }
        Label {
            objectName: "toolArguments"
            Layout.fillWidth: true
            text: MessageFormat.prettyJson(root.arguments)
            textFormat: Text.PlainText
            wrapMode: Text.WrapAnywhere
            font.family: "monospace"
            font.pixelSize: 12
        }
    }
}
