// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// One message of the conversation: the delegate of MessageListModel.
// Answers render block by block from their MessageBlocksModel; user messages
// show their text as typed. Unfinished answers carry a status card with
// Continue; every message has its usage line and actions underneath.
Control {
    id: root

    required property int index
    required property var messageId
    required property string role
    required property string text
    required property var blocks
    required property string thinking
    required property var toolCalls
    required property string state
    required property string errorKind
    required property string errorMessage
    required property int inputTokens
    required property int outputTokens
    required property real tokensPerSecond
    required property int timeToFirstTokenMs
    required property string model

    signal continueRequested(var messageId)
    signal retryRequested(var messageId)
    signal regenerateRequested(var messageId)
    signal editRequested(var messageId, string text)
    signal copyRequested(string text)

    readonly property bool isUser: root.role === "user"
    readonly property bool dark: root.palette.window.hslLightness < 0.5

    objectName: "messageBubble"
    implicitWidth: 640
    padding: 12
    Accessible.role: Accessible.ListItem
    Accessible.name: (root.isUser ? qsTr("You") : qsTr("Assistant")) + ": " + MessageFormat.stateLabel(root.state)

    background: Rectangle {
        color: root.isUser ? Qt.rgba(root.palette.highlight.r, root.palette.highlight.g, root.palette.highlight.b, 0.12)
                           : "transparent"
        radius: 10
    }

    contentItem: ColumnLayout {
        spacing: 8

        Label {
            text: root.isUser ? qsTr("You") : root.role === "assistant" ? qsTr("Assistant") : root.role
            font.bold: true
            opacity: 0.7
        }

        ThinkingSection {
            Layout.fillWidth: true
            visible: root.thinking.length > 0
            thinking: root.thinking
            streaming: root.state === "streaming"
        }

        Column {
            id: blockColumn
            objectName: "blockColumn"
            Layout.fillWidth: true
            spacing: 8
            visible: root.blocks !== null && root.blocks !== undefined

            Repeater {
                model: blockColumn.visible ? root.blocks : null
                delegate: Loader {
                    id: block
                    required property string kind
                    required property string renderText
                    required property string language

                    width: blockColumn.width
                    sourceComponent: block.kind === "code" ? codeView : block.kind === "rule" ? ruleView : proseView

                    Component {
                        id: proseView
                        MarkdownBlock {
                            markdown: block.renderText
                            kind: block.kind
                            onLinkConfirmationRequested: (link) => linkDialog.ask(link)
                        }
                    }
                    Component {
                        id: codeView
                        CodeBlock {
                            code: block.renderText
                            language: block.language
                            dark: root.dark
                        }
                    }
                    Component {
                        id: ruleView
                        Item {
                            implicitHeight: 9
                            Rectangle { anchors.centerIn: parent; width: parent.width; height: 1; color: root.palette.mid }
                        }
                    }
                }
            }
        }

        TextEdit {
            objectName: "plainText"
            Layout.fillWidth: true
            visible: !blockColumn.visible
            // Answers render from their blocks; don't lay the text out twice.
            text: blockColumn.visible ? "" : root.text
            textFormat: TextEdit.PlainText
            wrapMode: TextEdit.Wrap
            readOnly: true
            selectByMouse: true
            color: root.palette.text
            selectionColor: root.palette.highlight
            selectedTextColor: root.palette.highlightedText
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }

        Repeater {
            model: root.toolCalls
            delegate: ToolCallView {
                required property var modelData
                Layout.fillWidth: true
                name: modelData.name ?? ""
                arguments: modelData.arguments ?? ""
            }
        }

        MessageStatusCard {
            Layout.fillWidth: true
            messageState: root.state
            errorKind: root.errorKind
            errorMessage: root.errorMessage
            dark: root.dark
            onContinueRequested: root.continueRequested(root.messageId)
            onRetryRequested: root.retryRequested(root.messageId)
        }

        MessageFooter {
            Layout.fillWidth: true
            isUser: root.isUser
            messageState: root.state
            inputTokens: root.inputTokens
            outputTokens: root.outputTokens
            tokensPerSecond: root.tokensPerSecond
            timeToFirstTokenMs: root.timeToFirstTokenMs
            model: root.model
            onCopyClicked: {
                Clipboard.setText(root.text);
                root.copyRequested(root.text);
            }
            onEditClicked: root.editRequested(root.messageId, root.text)
            onRegenerateClicked: root.regenerateRequested(root.messageId)
        }
    }

    LinkConfirmDialog {
        id: linkDialog
    }
}
