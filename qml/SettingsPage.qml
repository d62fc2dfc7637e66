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

    property string status: ""

    Connections {
        target: root.providers
        function onTestFinished(id, ok, message, models) {
            root.status = message + (models.length > 0 ? "\n" + models.slice(0, 12).join(", ") : "");
        }
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹ " + qsTr("Back"); Accessible.name: qsTr("Back"); onClicked: root.closeRequested() }
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
                    Layout.fillWidth: true
                    RowLayout {
                        anchors.fill: parent
                        ColumnLayout {
                            Layout.fillWidth: true
                            Label { text: card.modelData.name + "  ·  " + card.modelData.kind; font.weight: Font.DemiBold }
                            Label { text: card.modelData.baseUrl + "  ·  " + (card.modelData.defaultModel || qsTr("no default model")); opacity: 0.7 }
                            Label {
                                text: card.modelData.hasKey ? qsTr("API key: ••••••••  (in the keychain)") : qsTr("No API key")
                                opacity: 0.7
                            }
                        }
                        Label { text: qsTr("Fallback #%1").arg(root.providers.fallbackOrder.indexOf(card.modelData.id) + 1); opacity: 0.6 }
                        Button { text: qsTr("Test connection"); onClicked: { root.status = qsTr("Testing…"); root.providers.testConnection(card.modelData.id); } }
                        Button { text: qsTr("Edit"); flat: true; onClicked: form.load(card.modelData) }
                        Button { text: qsTr("Remove"); flat: true; onClicked: root.providers.removeProvider(card.modelData.id) }
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
                    textRole: "text"; valueRole: "value"
                    model: [{ text: "OpenAI", value: "openai" }, { text: "Anthropic", value: "anthropic" },
                            { text: "Ollama", value: "ollama" }, { text: qsTr("OpenAI-compatible (custom URL)"), value: "openai" }]
                    Accessible.name: qsTr("Provider type")
                }
                Label { text: qsTr("Id") }
                TextField { id: idField; placeholderText: "openai"; Accessible.name: qsTr("Provider id"); Layout.fillWidth: true }
                Label { text: qsTr("Name") }
                TextField { id: nameField; placeholderText: "OpenAI"; Accessible.name: qsTr("Display name"); Layout.fillWidth: true }
                Label { text: qsTr("Base URL") }
                TextField { id: urlField; placeholderText: qsTr("default for the type"); Accessible.name: qsTr("Base URL"); Layout.fillWidth: true }
                Label { text: qsTr("Default model") }
                TextField { id: modelField; Accessible.name: qsTr("Default model"); Layout.fillWidth: true }
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
                SpinBox { id: retries; from: 0; to: 20; value: 4; Accessible.name: qsTr("Retries") }
                Label { text: qsTr("Stall timeout (s)") }
                SpinBox { id: timeout; from: 5; to: 600; value: 60; Accessible.name: qsTr("Stall timeout in seconds") }
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
                        if (error.length === 0 && keyField.text.length > 0)
                            root.providers.setApiKey(idField.text, keyField.text);
                        keyField.text = "";
                        root.status = error.length > 0 ? error : qsTr("Saved.");
                    }
                }
            }
            Label { text: qsTr("Fallback order"); font.weight: Font.DemiBold; font.pixelSize: 16; Layout.topMargin: 10 }
            TextField {
                Layout.fillWidth: true
                text: root.providers ? root.providers.fallbackOrder.join(", ") : ""
                Accessible.name: qsTr("Fallback order, comma separated")
                onEditingFinished: {
                    const e = root.providers.setFallbackOrder(text.split(",").map(s => s.trim()).filter(s => s.length > 0));
                    if (e.length > 0) root.status = e;
                }
            }
            ApiServerSettings {
                apiServer: root.apiServer
                Layout.fillWidth: true
            }
        }
    }
}
