// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Providers: OpenAI, Anthropic, Ollama or any OpenAI-compatible base URL.
// Keys go to the keychain and are never shown again; Test connection lists
// the provider's models. Retry/timeout defaults and the fallback order.
Page {
    id: root

    property ProviderDirectory providers: null
    property ApiServerController apiServer: null
    signal closeRequested()

    objectName: "settingsPage"
    title: qsTr("Settings")
    padding: 20

    property string status: ""      ///< Test connection, under the providers
    property string formStatus: ""  ///< Save provider and keychain problems, next to Save
    property string orderStatus: "" ///< a refused fallback order, under its field

    Connections {
        target: root.providers
        function onTestFinished(id, ok, message, models) {
            root.status = message + (models.length > 0 ? "\n" + models.slice(0, 12).join(", ") : "");
        }
        function onKeyProblem(message) { root.formStatus = message; }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { objectName: "settingsBackButton"; text: "‹ " + qsTr("Back"); Accessible.name: qsTr("Back"); onClicked: root.closeRequested() }
            Label { text: root.title; font.pixelSize: 18; Layout.fillWidth: true }
        }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 14

            Label { text: qsTr("Providers"); font.weight: Font.DemiBold; font.pixelSize: 16 }
            Repeater {
                model: root.providers ? root.providers.providers : []
                delegate: Frame {
                    id: card
                    required property var modelData
                    required property int index
                    objectName: "providerCard_" + modelData.id
                    Layout.fillWidth: true
                    RowLayout {
                        anchors.fill: parent
                        // The labels fill the width: the buttons stay together on the right.
                        ColumnLayout {
                            Layout.fillWidth: true
                            Label {
                                text: card.modelData.name + "  ·  " + card.modelData.kind
                                font.weight: Font.DemiBold; elide: Text.ElideRight; Layout.fillWidth: true
                            }
                            Label {
                                text: card.modelData.baseUrl + "  ·  " + (card.modelData.defaultModel || qsTr("no default model"))
                                opacity: 0.7; elide: Text.ElideMiddle; Layout.fillWidth: true
                            }
                            Label {
                                objectName: "apiKeyStatus"
                                Layout.fillWidth: true
                                text: ({ keychain: qsTr("API key: ••••••••  (in the keychain)"),
                                         session: qsTr("API key: ••••••••  (this session only: not in a keychain)"),
                                         environment: qsTr("API key from the environment") })[card.modelData.keyStorage]
                                      ?? qsTr("No API key")
                                opacity: 0.7
                            }
                        }
                        Label {
                            objectName: "fallbackPosition"
                            readonly property int position: root.providers.fallbackOrder.indexOf(card.modelData.id) + 1
                            text: position > 0 ? qsTr("Fallback #%1").arg(position) : qsTr("Not a fallback")
                            opacity: 0.6
                        }
                        Button {
                            objectName: "testConnectionButton"
                            text: qsTr("Test connection")
                            Accessible.name: qsTr("Test connection to %1").arg(card.modelData.name)
                            onClicked: { root.status = qsTr("Testing…"); root.providers.testConnection(card.modelData.id); }
                        }
                        Button {
                            objectName: "editProviderButton"
                            text: qsTr("Edit"); flat: true
                            Accessible.name: qsTr("Edit %1").arg(card.modelData.name)
                            onClicked: form.load(card.modelData)
                        }
                        Button {
                            objectName: "removeProviderButton"
                            text: qsTr("Remove"); flat: true
                            Accessible.name: qsTr("Remove %1").arg(card.modelData.name)
                            onClicked: root.providers.removeProvider(card.modelData.id)
                        }
                    }
                }
            }
            Label { visible: root.status.length > 0; text: root.status; wrapMode: Text.Wrap; Layout.fillWidth: true; objectName: "settingsStatus" }

            Label { text: qsTr("Add or edit a provider"); font.weight: Font.DemiBold; font.pixelSize: 16; Layout.topMargin: 10 }
            GridLayout {
                id: form
                columns: 2
                columnSpacing: 12
                Layout.fillWidth: true
                function load(p) {
                    kind.currentIndex = kind.indexOfValue(p.kind); idField.text = p.id; nameField.text = p.name;
                    urlField.text = p.baseUrl; modelField.text = p.defaultModel; retries.value = p.maxRetries;
                    timeout.value = p.timeoutSeconds; keyField.text = "";
                }
                Label { text: qsTr("Type") }
                ComboBox {
                    id: kind
                    objectName: "providerKind"
                    implicitContentWidthPolicy: ComboBox.WidestText
                    textRole: "text"; valueRole: "value"
                    model: [{ text: "OpenAI", value: "openai" }, { text: "Anthropic", value: "anthropic" },
                            { text: "Ollama", value: "ollama" }, { text: qsTr("OpenAI-compatible (custom URL)"), value: "openai" }]
                    Accessible.name: qsTr("Provider type")
                }
                Label { text: qsTr("Id") }
                TextField { id: idField; objectName: "providerIdField"; placeholderText: "openai"; Accessible.name: qsTr("Provider id"); Layout.fillWidth: true }
                Label { text: qsTr("Name") }
                TextField { id: nameField; objectName: "providerNameField"; placeholderText: "OpenAI"; Accessible.name: qsTr("Display name"); Layout.fillWidth: true }
                Label { text: qsTr("Base URL") }
                TextField { id: urlField; objectName: "baseUrlField"; placeholderText: qsTr("default for the type"); Accessible.name: qsTr("Base URL"); Layout.fillWidth: true }
                Label { text: qsTr("Default model") }
                TextField { id: modelField; objectName: "defaultModelField"; Accessible.name: qsTr("Default model"); Layout.fillWidth: true }
                Label { text: qsTr("API key") }
                TextField {
                    id: keyField
                    objectName: "apiKeyField"
                    echoMode: TextInput.Password
                    placeholderText: qsTr("stored in the system keychain")
                    Accessible.name: qsTr("API key")
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Retries") }
                SpinBox { id: retries; objectName: "retriesSpin"; from: 0; to: 20; value: 4; Accessible.name: qsTr("Retries") }
                Label { text: qsTr("Stall timeout (s)") }
                SpinBox { id: timeout; objectName: "timeoutSpin"; from: 5; to: 600; value: 60; Accessible.name: qsTr("Stall timeout in seconds") }
            }
            RowLayout {
                Button {
                    objectName: "saveProviderButton"
                    text: qsTr("Save provider")
                    highlighted: true
                    enabled: idField.text.length > 0
                    onClicked: {
                        const error = root.providers.saveProvider(kind.currentValue, idField.text, nameField.text,
                                                                  urlField.text, modelField.text, retries.value, timeout.value);
                        root.formStatus = error.length > 0 ? error : qsTr("Saved.");
                        // A refused provider keeps the typed key (masked) for the next try.
                        if (error.length === 0 && keyField.text.length > 0) {
                            root.providers.setApiKey(idField.text, keyField.text); // a keychain problem replaces formStatus
                            keyField.text = "";
                        }
                    }
                }
                Label { objectName: "saveStatus"; text: root.formStatus; wrapMode: Text.Wrap; Layout.fillWidth: true }
            }
            Label { text: qsTr("Fallback order"); font.weight: Font.DemiBold; font.pixelSize: 16; Layout.topMargin: 10 }
            TextField {
                objectName: "fallbackOrderField"
                Layout.fillWidth: true
                text: root.providers ? root.providers.fallbackOrder.join(", ") : ""
                Accessible.name: qsTr("Fallback order, comma separated")
                onEditingFinished: {
                    const e = root.providers.setFallbackOrder(text.split(",").map(s => s.trim()).filter(s => s.length > 0));
                    root.orderStatus = e;
                }
            }
            Label { objectName: "fallbackStatus"; visible: text.length > 0; text: root.orderStatus; wrapMode: Text.Wrap; Layout.fillWidth: true }
            ApiServerSettings {
                apiServer: root.apiServer
                Layout.fillWidth: true
            }
        }
    }
}
