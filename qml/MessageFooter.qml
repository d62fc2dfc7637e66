// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// The line under a message: usage and speed (or a progress hint while
// streaming) and the message's actions.
RowLayout {
    id: root

    property bool isUser: false
    property string messageState
    property int inputTokens: -1
    property int outputTokens: -1
    property real tokensPerSecond: 0
    property int timeToFirstTokenMs: -1
    property string model

    signal copyClicked()
    signal editClicked()
    signal regenerateClicked()

    spacing: 4

    Label {
        objectName: "usageLabel"
        Layout.fillWidth: true
        elide: Text.ElideRight
        opacity: 0.65
        font.pixelSize: 12
        visible: !root.isUser
        text: root.messageState === "streaming"
              ? MessageFormat.streamingHint(root.outputTokens, root.tokensPerSecond)
              : MessageFormat.usage(root.model, root.inputTokens, root.outputTokens, root.tokensPerSecond,
                                     root.timeToFirstTokenMs)
    }
    Item { Layout.fillWidth: root.isUser }

    ToolButton {
        id: copy
        objectName: "copyMessageButton"
        text: copiedTimer.running ? qsTr("Copied") : qsTr("Copy")
        font.pixelSize: 12
        Accessible.name: qsTr("Copy message")
        onClicked: { root.copyClicked(); copiedTimer.restart(); }
        Timer { id: copiedTimer; interval: 1500 }
    }
    ToolButton {
        objectName: "editButton"
        visible: root.isUser
        text: qsTr("Edit")
        font.pixelSize: 12
        Accessible.name: qsTr("Edit message")
        onClicked: root.editClicked()
    }
    ToolButton {
        objectName: "regenerateButton"
        visible: !root.isUser && root.messageState !== "streaming"
        text: qsTr("Regenerate")
        font.pixelSize: 12
        Accessible.name: qsTr("Regenerate answer")
        onClicked: root.regenerateClicked()
    }
}
