// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Provider and model of the open conversation.
RowLayout {
    id: root

    property ProviderDirectory providers: null
    property ChatController chat: null

    spacing: 6
    visible: root.providers !== null && root.providers.hasProviders

    ComboBox {
        id: providerBox
        objectName: "providerPicker"
        Layout.preferredWidth: 170
        model: root.providers ? root.providers.providers : []
        textRole: "name"
        valueRole: "id"
        enabled: root.chat !== null && !root.chat.busy
        Accessible.name: qsTr("Provider")
        currentIndex: root.chat ? indexOfValue(root.chat.providerId) : -1
        onActivated: root.chat.providerId = currentValue
    }
    TextField {
        objectName: "modelField"
        Layout.preferredWidth: 180
        enabled: root.chat !== null && !root.chat.busy
        placeholderText: {
            const list = root.providers ? root.providers.providers : [];
            const p = list[providerBox.currentIndex];
            return p && p.defaultModel ? p.defaultModel : qsTr("Model");
        }
        text: root.chat ? root.chat.model : ""
        Accessible.name: qsTr("Model")
        onEditingFinished: if (root.chat) root.chat.model = text.trim()
    }
}
