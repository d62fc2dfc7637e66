// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Shown when the resilience layer gave up: the classified reason in plain
// words, a reassurance that the partial answer is kept, and Continue/Retry.
Pane {
    id: root

    /// The classified kind ("network", "rate_limit", "auth", ...).
    property string errorKind: ""
    /// The reason in plain words (already redacted).
    property string errorMessage: ""
    /// True when part of the answer was received and is kept.
    property bool hasPartial: false

    signal continueRequested()
    signal retryRequested()
    signal dismissRequested()

    objectName: "giveUpCard"
    padding: 12
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title.text

    background: Rectangle {
        radius: 8
        color: Qt.rgba(0.85, 0.25, 0.2, 0.10)
        border.color: Qt.rgba(0.85, 0.25, 0.2, 0.45)
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                id: title
                objectName: "errorCardTitle"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.weight: Font.DemiBold
                text: root.errorMessage.length > 0 ? root.errorMessage : qsTr("The answer stopped")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                opacity: 0.75
                text: root.hasPartial ? qsTr("What arrived so far is kept. Continue picks up where it stopped.")
                                      : qsTr("Nothing was lost. Retry sends the request again.")
            }
        }
        Button {
            objectName: "errorContinueButton"
            visible: root.hasPartial
            text: qsTr("Continue")
            highlighted: true
            Accessible.name: qsTr("Continue the answer")
            onClicked: root.continueRequested()
        }
        Button {
            objectName: "errorRetryButton"
            text: qsTr("Retry")
            Accessible.name: qsTr("Retry the answer")
            onClicked: root.retryRequested()
        }
        ToolButton {
            text: "✕"
            Accessible.name: qsTr("Dismiss")
            onClicked: root.dismissRequested()
        }
    }
}
