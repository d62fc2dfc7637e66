// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// The marker under an answer that did not complete: icon, label and colour
// for interrupted/cancelled/failed, the classified error of a failure, and
// the Continue (and, for failures, Retry) buttons.
Control {
    id: root

    /// "interrupted", "cancelled" or "failed" (hidden otherwise).
    property string messageState
    property string errorKind
    property string errorMessage
    property bool dark: false

    signal continueRequested()
    signal retryRequested()

    readonly property color tone: root.messageState === "failed" ? (root.dark ? "#f87171" : "#b91c1c")
                                : root.messageState === "interrupted" ? (root.dark ? "#fbbf24" : "#b45309")
                                : (root.dark ? "#9ca3af" : "#4b5563")

    objectName: "statusCard"
    visible: MessageFormat.stateLabel(root.messageState).length > 0
    padding: 10
    Accessible.role: Accessible.AlertMessage
    Accessible.name: MessageFormat.stateLabel(root.messageState) + ". " + MessageFormat.stateDescription(root.messageState)
                     + (root.messageState === "failed" ? " " + MessageFormat.errorTitle(root.errorKind) + ": " + root.errorMessage : "")

    background: Rectangle {
        color: Qt.rgba(root.tone.r, root.tone.g, root.tone.b, 0.10)
        border.color: root.tone
        radius: 6
    }

    contentItem: ColumnLayout {
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 8

            Label {
                objectName: "stateIcon"
                text: root.messageState === "failed" ? "✕" : root.messageState === "interrupted" ? "⚠" : "■"
                color: root.tone
                font.bold: true
                Accessible.ignored: true
            }
            Label {
                objectName: "stateLabel"
                text: MessageFormat.stateLabel(root.messageState)
                color: root.tone
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                text: MessageFormat.stateDescription(root.messageState)
                wrapMode: Text.Wrap
                opacity: 0.8
                font.pixelSize: 12
            }
        }

        Label {
            objectName: "errorCard"
            Layout.fillWidth: true
            visible: root.messageState === "failed"
            text: MessageFormat.errorTitle(root.errorKind) + (root.errorMessage.length > 0 ? ": " + root.errorMessage : "")
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: root.tone
        }

        RowLayout {
            spacing: 6
            Button {
                objectName: "continueButton"
                text: qsTr("Continue")
                Accessible.name: qsTr("Continue this answer")
                highlighted: true
                onClicked: root.continueRequested()
            }
            Button {
                objectName: "retryButton"
                visible: root.messageState === "failed"
                text: qsTr("Retry")
                Accessible.name: qsTr("Retry this answer from the start")
                onClicked: root.retryRequested()
            }
        }
    }
}
