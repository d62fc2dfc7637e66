// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// First run: no provider yet. Offers a model server found on this machine
// (Ollama or llama.cpp, detected by the LocalServerProbe) or the settings.
Pane {
    id: root

    property LocalServerProbe probe: null

    signal useLocalServer(string kind, string name, string baseUrl, string model)
    signal openSettings()

    objectName: "onboarding"
    padding: 24
    background: Rectangle {
        radius: 12
        color: root.palette.base
        border.color: root.palette.mid
    }

    // Look for local servers when the card shows (no provider yet), not on
    // every start: with a provider configured nothing is probed.
    function lookIfShown() {
        if (root.visible && root.probe && !root.probe.running)
            root.probe.probe(1500);
    }
    Component.onCompleted: root.lookIfShown()
    onVisibleChanged: root.lookIfShown()

    ColumnLayout {
        anchors.fill: parent
        spacing: 12

        Label {
            text: qsTr("Welcome to Confab")
            font.pixelSize: 24
            font.weight: Font.DemiBold
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            opacity: 0.8
            text: qsTr("Connect a model to start. Answers are saved as they stream, so nothing is lost if the network drops.")
        }
        Label {
            visible: root.probe !== null && root.probe.running
            text: qsTr("Looking for a model server on this computer…")
            opacity: 0.7
        }
        Repeater {
            model: root.probe ? root.probe.found : []
            delegate: RowLayout {
                id: server
                required property var modelData
                Layout.fillWidth: true
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: qsTr("Found %1 at %2 (%n model(s))", "", server.modelData.models.length)
                            .arg(server.modelData.name).arg(server.modelData.baseUrl)
                }
                Button {
                    objectName: "useLocalServerButton"
                    text: qsTr("Use %1").arg(server.modelData.name)
                    highlighted: true
                    onClicked: root.useLocalServer(server.modelData.kind, server.modelData.name,
                                                   server.modelData.baseUrl,
                                                   server.modelData.models.length > 0 ? server.modelData.models[0] : "")
                }
            }
        }
        Label {
            visible: root.probe !== null && !root.probe.running && root.probe.found.length === 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            opacity: 0.7
            text: qsTr("No local server found (Ollama on port 11434, llama.cpp on 8080).")
        }
        RowLayout {
            Button {
                objectName: "openSettingsButton"
                text: qsTr("Add OpenAI, Anthropic or another provider…")
                onClicked: root.openSettings()
            }
            Button {
                objectName: "lookAgainButton"
                text: qsTr("Look again")
                Accessible.name: qsTr("Look again for a local model server")
                flat: true
                enabled: root.probe !== null && !root.probe.running
                onClicked: root.probe.probe(1500)
            }
        }
    }
}
