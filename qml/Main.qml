// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The main window: conversations on the left, the open chat on the right,
// Settings and first-run onboarding. The services come from main() as
// initial properties; this file only lays out and forwards.
ApplicationWindow {
    id: window

    required property ConversationsController conversations
    required property ProviderDirectory providers
    required property LocalServerProbe probe
    required property ApiServerController apiServer

    readonly property ChatController chat: conversations.current
    property bool settingsOpen: false

    width: 1100
    height: 720
    minimumWidth: 640
    minimumHeight: 420
    visible: true
    title: conversations.currentTitle.length > 0 ? conversations.currentTitle + " — Confab" : "Confab"

    // One sequence each: listing StandardKey.New next to "Ctrl+N" registers the
    // same keys twice, and an ambiguous shortcut never fires activated().
    Shortcut { sequence: "Ctrl+N"; onActivated: { window.conversations.newChat(); chatView.focusComposer(); } }
    Shortcut { sequence: "Ctrl+F"; onActivated: sidebar.focusSearch() }
    Shortcut { sequence: "Esc"; enabled: window.chat !== null && window.chat.busy; onActivated: window.chat.cancel() }
    Shortcut {
        sequence: "Ctrl+Shift+C"
        onActivated: toast.show(window.conversations.copyLastAnswer() ? qsTr("Copied the last answer") : qsTr("No answer to copy"))
    }

    Connections {
        target: window.conversations
        function onNotice(text) { toast.show(text); }
    }
    Connections {
        target: window.chat
        ignoreUnknownSignals: true
        function onNotice(text) { toast.show(text); }
    }

    header: ToolBar {
        visible: !window.settingsOpen // the Settings page has its own bar (Back)
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 8
            anchors.rightMargin: 8
            Label {
                text: window.conversations.currentTitle.length > 0 ? window.conversations.currentTitle : "Confab"
                font.pixelSize: 15
                font.weight: Font.DemiBold
                elide: Text.ElideRight
                Layout.fillWidth: true
            }
            ProviderPicker { providers: window.providers; chat: window.chat }
            ToolButton {
                objectName: "exportButton"
                text: qsTr("Export")
                enabled: window.chat !== null
                Accessible.name: qsTr("Export the conversation to Markdown")
                onClicked: exportDialog.open()
            }
            ToolButton {
                objectName: "settingsButton"
                text: qsTr("Settings")
                Accessible.name: qsTr("Settings")
                onClicked: window.settingsOpen = true
            }
        }
    }

    SplitView {
        anchors.fill: parent
        visible: !window.settingsOpen

        ConversationList {
            id: sidebar
            SplitView.preferredWidth: 260
            SplitView.minimumWidth: 180
            model: window.conversations.model
            currentId: window.conversations.currentId
            onNewChatRequested: window.conversations.newChat()
            onOpenRequested: (id) => window.conversations.open(id)
            onRenameRequested: (id, title) => window.conversations.rename(id, title)
            onDeleteRequested: (id) => window.conversations.remove(id)
            onSearchRequested: (query) => window.conversations.search(query)
        }

        Item {
            SplitView.fillWidth: true
            ChatView {
                id: chatView
                anchors.fill: parent
                chat: window.chat
                visible: window.providers.hasProviders
            }
            Onboarding {
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 560)
                visible: !window.providers.hasProviders
                probe: window.probe
                onOpenSettings: window.settingsOpen = true
                onUseLocalServer: (kind, name, baseUrl, model) => {
                    const error = window.providers.saveProvider(kind, kind === "ollama" ? "ollama" : "local",
                                                                name, baseUrl, model, 4, 60);
                    toast.show(error.length > 0 ? error : qsTr("Using %1").arg(name));
                    if (window.chat) window.chat.providerId = window.providers.defaultProviderId();
                }
            }
        }
    }

    SettingsPage {
        anchors.fill: parent
        visible: window.settingsOpen
        providers: window.providers
        apiServer: window.apiServer
        onCloseRequested: window.settingsOpen = false
    }

    UndoToast {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 90
        text: window.conversations.pendingDeleteTitle.length > 0
              ? qsTr("Deleted “%1”").arg(window.conversations.pendingDeleteTitle) : ""
        onUndoRequested: window.conversations.undoRemove()
    }

    ToolTip { id: toast; function show(t) { toast.text = t; toast.open(); } timeout: 2500; x: (window.width - width) / 2; y: window.height - 140 }

    Dialog {
        id: exportDialog
        anchors.centerIn: parent
        modal: true
        title: qsTr("Export to Markdown")
        standardButtons: Dialog.Save | Dialog.Cancel
        TextField { id: exportPath; width: 360; text: "conversation.md"; Accessible.name: qsTr("File") }
        onAccepted: {
            const error = window.conversations.exportMarkdown("file://" + exportPath.text);
            toast.show(error.length > 0 ? error : qsTr("Exported to %1").arg(exportPath.text));
        }
    }
}
