// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// A fenced code block: language label, copy button and monospace code
// highlighted by KSyntaxHighlighting (light or dark theme after the palette).
Control {
    id: root

    /// The code, without fences.
    property string code
    /// The fence's language ("cpp", "python"...), may be empty.
    property string language
    /// Use the dark highlighting theme.
    property bool dark: root.palette.window.hslLightness < 0.5
    /// The highlighter, for tests.
    readonly property alias highlighter: highlighter

    objectName: "codeBlock"
    padding: 0
    Accessible.role: Accessible.Grouping
    Accessible.name: root.language.length > 0 ? qsTr("%1 code").arg(root.language) : qsTr("Code")

    background: Rectangle {
        color: highlighter.backgroundColor
        border.color: root.palette.mid
        radius: 6
    }

    // A Column, not a layout: a layout would ask the TextEdit for its
    // implicit width, and a TextEdit answers that by laying out the whole
    // document again without wrapping, on every streamed chunk.
    contentItem: Column {
        spacing: 0

        RowLayout {
            x: 10
            width: parent.width - 14

            Label {
                objectName: "codeLanguage"
                text: root.language.length > 0 ? root.language : qsTr("code")
                color: highlighter.textColor
                opacity: 0.7
                font.pixelSize: 12
            }
            Item { Layout.fillWidth: true }
            ToolButton {
                id: copyButton
                objectName: "copyCodeButton"
                text: copiedTimer.running ? qsTr("Copied") : qsTr("Copy")
                font.pixelSize: 12
                Accessible.name: qsTr("Copy code")
                palette.buttonText: highlighter.textColor
                onClicked: {
                    Clipboard.setText(root.code);
                    copiedTimer.restart();
                }
                Timer {
                    id: copiedTimer
                    interval: 1500
                }
            }
        }

        TextEdit {
            id: codeEdit
            objectName: "codeText"
            x: 10
            width: parent.width - 20
            readOnly: true
            selectByMouse: true
            textFormat: TextEdit.PlainText
            wrapMode: TextEdit.Wrap
            font: highlighter.fixedFont
            color: highlighter.textColor
            selectionColor: root.palette.highlight
            selectedTextColor: root.palette.highlightedText
            Accessible.role: Accessible.EditableText
            Accessible.name: qsTr("Code")
            Accessible.readOnly: true
        }
        Item {
            width: 1
            height: 10
        }
    }

    CodeHighlighter {
        id: highlighter
        document: codeEdit.textDocument
        code: root.code
        language: root.language
        dark: root.dark
    }
}
