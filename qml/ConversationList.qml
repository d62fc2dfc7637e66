// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The sidebar: New chat, search, and the conversations, most recent first.
// It binds to a ConversationListModel and reports what the user asks for;
// the ConversationsController does the work.
Pane {
    id: root

    /// A ConversationListModel.
    property var model: null
    /// The id of the open conversation (highlighted).
    property var currentId: 0

    signal newChatRequested()
    signal openRequested(var conversationId)
    signal renameRequested(var conversationId, string title)
    signal deleteRequested(var conversationId)
    signal searchRequested(string query)

    /// Moves keyboard focus to the search field (Ctrl+F).
    function focusSearch() {
        search.forceActiveFocus();
        search.selectAll();
    }

    padding: 8
    background: Rectangle { color: root.palette.alternateBase }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        Button {
            objectName: "newChatButton"
            Layout.fillWidth: true
            text: qsTr("New chat")
            icon.name: "list-add"
            Accessible.name: qsTr("New chat (Ctrl+N)")
            onClicked: root.newChatRequested()
        }

        TextField {
            id: search
            objectName: "searchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search conversations (Ctrl+F)")
            Accessible.name: qsTr("Search conversations")
            onTextChanged: root.searchRequested(text)
            Keys.onEscapePressed: text = ""
        }

        ListView {
            id: list
            objectName: "conversationListView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.model
            spacing: 2
            ScrollBar.vertical: ScrollBar {}

            delegate: ItemDelegate {
                id: row
                required property int index
                required property var conversationId
                required property string title
                required property string snippet
                required property int continuableCount

                width: ListView.view.width
                highlighted: row.conversationId === root.currentId
                Accessible.name: row.title
                onClicked: root.openRequested(row.conversationId)

                contentItem: ColumnLayout {
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: row.title
                            elide: Text.ElideRight
                            font.weight: row.highlighted ? Font.DemiBold : Font.Normal
                        }
                        Label {
                            visible: row.continuableCount > 0
                            text: "●"
                            color: "#d08a1e"
                            ToolTip.visible: hover.hovered
                            ToolTip.text: qsTr("Has an interrupted answer")
                            HoverHandler { id: hover }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.snippet.length > 0
                        text: row.snippet
                        elide: Text.ElideRight
                        opacity: 0.65
                        font.pointSize: Qt.application.font.pointSize * 0.9
                    }
                }

                TapHandler {
                    acceptedButtons: Qt.RightButton
                    onTapped: menu.popup()
                }
                Menu {
                    id: menu
                    MenuItem {
                        text: qsTr("Rename…")
                        onTriggered: renameDialog.openFor(row.conversationId, row.title)
                    }
                    MenuItem {
                        text: qsTr("Delete")
                        onTriggered: root.deleteRequested(row.conversationId)
                    }
                }
            }

            Label {
                anchors.centerIn: parent
                visible: list.count === 0
                text: search.text.length > 0 ? qsTr("No matches") : qsTr("No conversations yet")
                opacity: 0.6
            }
        }
    }

    Dialog {
        id: renameDialog
        property var conversationId: 0
        function openFor(id, title) {
            conversationId = id;
            titleField.text = title;
            open();
            titleField.forceActiveFocus();
            titleField.selectAll();
        }
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Rename conversation")
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField {
            id: titleField
            objectName: "renameField"
            width: 280
            Accessible.name: qsTr("Title")
            onAccepted: renameDialog.accept()
        }
        onAccepted: root.renameRequested(conversationId, titleField.text)
    }
}
