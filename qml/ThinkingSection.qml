// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The model's reasoning, collapsed by default.
ColumnLayout {
    id: root

    /// The reasoning text.
    property string thinking
    /// True while the answer (and maybe the reasoning) is still streaming.
    property bool streaming: false
    /// Whether the reasoning is shown.
    property bool expanded: false

    spacing: 4

    ToolButton {
        objectName: "thinkingToggle"
        text: (root.expanded ? "▾ " : "▸ ") + (root.streaming ? qsTr("Thinking…") : qsTr("Thoughts"))
        font.pixelSize: 13
        checkable: true
        checked: root.expanded
        onToggled: root.expanded = checked
        Accessible.name: root.expanded ? qsTr("Hide thinking") : qsTr("Show thinking")
    }

    Label {
        objectName: "thinkingText"
        Layout.fillWidth: true
        Layout.leftMargin: 12
        visible: root.expanded
        text: root.thinking
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        opacity: 0.75
        font.italic: true
    }
}
