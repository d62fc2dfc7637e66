// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Confab

// The last row of an answer: its tool calls, the marker and Continue of an
// unfinished answer, and the usage line with Copy and Regenerate. It never
// holds the answer's text: Copy asks for it (copyRequested with the row).
ColumnLayout {
    id: root

    required property int index
    required property var messageId
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
    /// Copy the whole answer: `row` is this row of the message list.
    signal copyRequested(int row)

    objectName: "answerEnd"
    spacing: 8

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
        dark: root.palette.window.hslLightness < 0.5
        onContinueRequested: root.continueRequested(root.messageId)
        onRetryRequested: root.retryRequested(root.messageId)
    }

    MessageFooter {
        Layout.fillWidth: true
        isUser: false
        messageState: root.state
        inputTokens: root.inputTokens
        outputTokens: root.outputTokens
        tokensPerSecond: root.tokensPerSecond
        timeToFirstTokenMs: root.timeToFirstTokenMs
        model: root.model
        onCopyClicked: root.copyRequested(root.index)
        onRegenerateClicked: root.regenerateRequested(root.messageId)
    }

    Item { implicitHeight: 14 }
}
