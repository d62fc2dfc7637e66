// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Deleted …  Undo": shown while a delete can still be undone.
Pane {
    id: root
    property string text: ""
    signal undoRequested()

    objectName: "undoToast"
    visible: text.length > 0
    padding: 8
    background: Rectangle { radius: 8; color: root.palette.toolTipBase; border.color: root.palette.mid }
    RowLayout {
        spacing: 12
        Label { text: root.text }
        Button { objectName: "undoButton"; text: qsTr("Undo"); Accessible.name: qsTr("Undo the delete"); onClicked: root.undoRequested() }
    }
}
