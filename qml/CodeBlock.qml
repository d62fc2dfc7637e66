// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// A fenced code block: language label, copy button and monospace code
// highlighted by KSyntaxHighlighting (light or dark theme after the palette).
// A long fence is drawn as several CodeBlocks, one per segment, stacked
// without a seam: only the first has the label and the Copy button.
Control {
    id: root

    /// The code, without fences.
    property string code
    /// The fence's language ("cpp", "python"...), may be empty.
    property string language
    /// The code of the fence's earlier segments (for the highlighting state).
    property string codeBefore
    /// Which segment of its fence this block is: 0 for the first.
    property int segment: 0
    /// A later segment of the same fence follows (drawn right below).
    property bool continues: false
    /// Use the dark highlighting theme.
    property bool dark: root.palette.window.hslLightness < 0.5
    /// The highlighter, for tests.
    readonly property alias highlighter: highlighter

    /// Copy was clicked. Whoever shows the block puts the code on the
    /// clipboard: a segment holds only part of its fence.
    signal copyRequested()

    objectName: "codeBlock"
    padding: 0
    Accessible.role: Accessible.Grouping
    Accessible.name: root.language.length > 0 ? qsTr("%1 code").arg(root.language) : qsTr("Code")

    // Segments join without a seam: the rounded frame runs on past the
    // edges where the fence continues, and is clipped there.
    background: Item {
        clip: root.segment > 0 || root.continues
        Rectangle {
            readonly property int overlap: 8
            y: root.segment > 0 ? -overlap : 0
            width: parent.width
            height: parent.height - y + (root.continues ? overlap : 0)
            color: highlighter.backgroundColor
            border.color: root.palette.mid
            radius: 6
        }
    }

    // A Column, not a layout: a layout would ask the TextEdit for its
    // implicit width, and a TextEdit answers that by laying out the whole
    // document again without wrapping, on every streamed chunk.
    contentItem: Column {
        spacing: 0

        // The label and Copy, on the first segment of a fence only. Hidden,
        // not unloaded, on the others: the list reuses code rows for any
        // segment, and making the controls again would cost more.
        Item {
            visible: root.segment === 0
            width: parent.width
            height: visible ? row.implicitHeight : 0

            RowLayout {
                id: row
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
                        root.copyRequested();
                        copiedTimer.restart();
                    }
                    Timer {
                        id: copiedTimer
                        interval: 1500
                    }
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
            height: root.continues ? 0 : 10
        }
    }

    CodeHighlighter {
        id: highlighter
        document: codeEdit.textDocument
        code: root.code
        codeBefore: root.codeBefore
        language: root.language
        dark: root.dark
    }
}
