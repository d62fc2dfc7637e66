// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// The first row of an answer: who wrote it, and its reasoning (collapsed).
ColumnLayout {
    id: root

    required property string thinking
    required property string state

    objectName: "answerHeader"
    spacing: 4
    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("Assistant") + ": " + MessageFormat.stateLabel(root.state)

    Label {
        Layout.topMargin: 4
        text: qsTr("Assistant")
        font.bold: true
        opacity: 0.7
    }

    ThinkingSection {
        Layout.fillWidth: true
        visible: root.thinking.length > 0
        thinking: root.thinking
        streaming: root.state === "streaming"
    }

    Item { implicitHeight: 4 }
}
