// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The calm strip shown above the composer while the network misbehaves.
// It only displays what the ChatController says: the reason in plain words,
// the attempt as n/N and a countdown to the retry deadline, with Retry now
// and Cancel. After a retry it briefly says "Resumed", and it notes when a
// fallback provider answers.
Pane {
    id: root

    /// "waiting" (a retry is pending), "resumed", "fallback" or "" (hidden).
    property string mode: ""
    /// The reason for the retry, in plain words ("The connection dropped").
    property string reason: ""
    property int attempt: 0
    property int maxAttempts: 0
    /// When the retry happens, in ms since the epoch (Date.now() clock).
    property real deadline: 0
    /// The current time; a timer advances it while waiting (tests set it).
    property real now: Date.now()
    /// For "fallback": the provider that took over.
    property string fallbackProvider: ""
    /// For "resumed": how many characters of the partial answer were kept.
    property int charsKept: 0

    /// Whole seconds left until the retry, rounded up; 0 when due.
    readonly property int secondsLeft: Math.max(0, Math.ceil((deadline - now) / 1000))

    signal retryNowRequested()
    signal cancelRequested()

    objectName: "reconnectBanner"
    visible: mode !== ""
    padding: 10
    Accessible.role: Accessible.AlertMessage
    Accessible.name: message.text

    background: Rectangle {
        radius: 8
        color: root.mode === "waiting" ? Qt.rgba(0.95, 0.65, 0.15, 0.16) : Qt.rgba(0.2, 0.6, 0.35, 0.16)
        border.color: root.mode === "waiting" ? Qt.rgba(0.95, 0.65, 0.15, 0.55) : Qt.rgba(0.2, 0.6, 0.35, 0.5)
    }

    Timer {
        interval: 250
        repeat: true
        running: root.visible && root.mode === "waiting"
        triggeredOnStart: true
        onTriggered: root.now = Date.now()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 10

        BusyIndicator {
            Layout.preferredWidth: 22
            Layout.preferredHeight: 22
            running: root.mode === "waiting"
            visible: running
        }

        Label {
            id: message
            objectName: "bannerText"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: {
                if (root.mode === "waiting") {
                    const when = root.secondsLeft > 0 ? qsTr("retrying in %1 s").arg(root.secondsLeft)
                                                      : qsTr("retrying now…");
                    return qsTr("%1 — attempt %2/%3, %4").arg(root.reason).arg(root.attempt)
                            .arg(root.maxAttempts).arg(when);
                }
                if (root.mode === "resumed")
                    return qsTr("Resumed — the answer continues where it stopped.");
                if (root.mode === "fallback")
                    return qsTr("%1 is answering instead.").arg(root.fallbackProvider);
                return "";
            }
        }

        Button {
            objectName: "retryNowButton"
            visible: root.mode === "waiting"
            text: qsTr("Retry now")
            Accessible.name: text
            onClicked: root.retryNowRequested()
        }
        Button {
            objectName: "bannerCancelButton"
            visible: root.mode === "waiting"
            text: qsTr("Cancel")
            flat: true
            Accessible.name: qsTr("Cancel the answer")
            onClicked: root.cancelRequested()
        }
    }
}
