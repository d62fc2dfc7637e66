// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Settings section for the local OpenAI-compatible API server
// (docs/server.md): on/off, port, whether exchanges are stored, and the URL
// and bearer token clients use. All logic is in ApiServerController.
ColumnLayout {
    id: root

    property ApiServerController apiServer: null

    objectName: "apiServerSettings"
    spacing: 8

    Label { text: qsTr("Local API server"); font.weight: Font.DemiBold; font.pixelSize: 16; Layout.topMargin: 10 }
    Label {
        text: qsTr("An OpenAI-compatible endpoint on this computer only (127.0.0.1), answered by your providers.")
        wrapMode: Text.Wrap; opacity: 0.7; Layout.fillWidth: true
    }
    RowLayout {
        spacing: 12
        Switch {
            objectName: "apiServerSwitch"
            text: qsTr("Enabled")
            checked: root.apiServer ? root.apiServer.enabled : false
            enabled: root.apiServer !== null
            Accessible.name: qsTr("Local API server enabled")
            onToggled: root.apiServer.enabled = checked
        }
        Label { text: qsTr("Port") }
        SpinBox {
            objectName: "apiServerPort"
            from: 1; to: 65535
            editable: true
            value: root.apiServer ? root.apiServer.port : 8741
            textFromValue: (v, locale) => String(v)
            valueFromText: (t, locale) => parseInt(t, 10)
            Accessible.name: qsTr("Local API server port")
            onValueModified: root.apiServer.port = value
        }
    }
    CheckBox {
        objectName: "apiServerStore"
        text: qsTr("Save requests and answers as conversations")
        checked: root.apiServer ? root.apiServer.storeRequests : false
        enabled: root.apiServer !== null
        Accessible.name: qsTr("Save API requests as conversations")
        onToggled: root.apiServer.storeRequests = checked
    }
    GridLayout {
        visible: root.apiServer !== null && root.apiServer.running
        columns: 3
        columnSpacing: 12
        Layout.fillWidth: true
        Label { text: qsTr("Base URL") }
        TextField {
            objectName: "apiServerUrl"
            readOnly: true
            text: root.apiServer ? root.apiServer.url : ""
            Accessible.name: qsTr("Local API server base URL")
            Layout.fillWidth: true
        }
        Button { text: qsTr("Copy"); Accessible.name: qsTr("Copy base URL"); onClicked: Clipboard.setText(root.apiServer.url) }
        Label { text: qsTr("Token") }
        TextField {
            objectName: "apiServerToken"
            readOnly: true
            echoMode: TextInput.Password
            text: root.apiServer ? root.apiServer.token : ""
            Accessible.name: qsTr("Local API server bearer token")
            Layout.fillWidth: true
        }
        RowLayout {
            Button { text: qsTr("Copy"); Accessible.name: qsTr("Copy token"); onClicked: Clipboard.setText(root.apiServer.token) }
            Button { text: qsTr("New token"); flat: true; onClicked: root.apiServer.regenerateToken() }
        }
    }
    Label {
        objectName: "apiServerError"
        visible: text.length > 0
        text: root.apiServer ? root.apiServer.errorString : ""
        color: "#c62828"
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
}
