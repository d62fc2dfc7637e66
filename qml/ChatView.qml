// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One open conversation: the messages, the reconnect banner or error card,
// a progress hint while streaming, and the composer. Everything it shows
// comes from its ChatController; every action goes back to it.
Item {
    id: root

    /// The ChatController of the open conversation (null: none open).
    property ChatController chat: null
    readonly property bool streaming: chat !== null && chat.busy

    /// Focus the composer (after New chat, for instance).
    function focusComposer() { composer.focusInput(); }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        MessageListView {
            id: messages
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: root.chat ? root.chat.rows : null
            messageCount: root.chat ? root.chat.messages.count : 0
            onContinueRequested: (id) => root.chat.continueMessage(id)
            onRetryRequested: (id) => root.chat.retryMessage(id)
            onRegenerateRequested: (id) => root.chat.regenerate(id)
            onEditRequested: (id, text) => root.chat.editAndResend(id, text)
        }

        ColumnLayout {
            Layout.fillWidth: true
            // Layouts fill by default: this one would take half the height
            // from the message list and leave a blank gap under it.
            Layout.fillHeight: false
            Layout.leftMargin: 16
            Layout.rightMargin: 16
            spacing: 6

            ReconnectBanner {
                Layout.fillWidth: true
                mode: {
                    if (!root.chat)
                        return "";
                    if (root.chat.status === ChatController.WaitingToRetry)
                        return "waiting";
                    if (root.chat.fallbackProvider.length > 0 && root.chat.status === ChatController.Streaming)
                        return "fallback";
                    if (root.chat.status === ChatController.Resumed)
                        return "resumed";
                    return "";
                }
                reason: root.chat ? root.chat.retryReason : ""
                attempt: root.chat ? root.chat.attempt : 0
                maxAttempts: root.chat ? root.chat.maxAttempts : 0
                deadline: root.chat ? root.chat.retryDeadline : 0
                fallbackProvider: root.chat ? root.chat.fallbackProvider : ""
                onRetryNowRequested: root.chat.retryNow()
                onCancelRequested: root.chat.cancel()
            }

            ErrorCard {
                Layout.fillWidth: true
                visible: root.chat !== null && root.chat.status === ChatController.GaveUp
                errorKind: root.chat ? root.chat.errorKind : ""
                errorMessage: root.chat ? root.chat.errorMessage : ""
                hasPartial: root.chat !== null && root.chat.errorHasPartial
                onContinueRequested: root.chat.continueMessage(root.chat.failedMessageId)
                onRetryRequested: root.chat.retryMessage(root.chat.failedMessageId)
                onDismissRequested: root.chat.dismissError()
            }

            StreamProgress {
                Layout.fillWidth: true
                visible: root.streaming
                startedAt: root.chat ? root.chat.streamStartedAt : 0
                tokens: root.chat ? root.chat.tokensSoFar : 0
            }
        }

        Composer {
            id: composer
            Layout.fillWidth: true
            Layout.margins: 12
            enabled: root.chat !== null
            streaming: root.streaming
            onSendRequested: (text) => root.chat.send(text)
            onCancelRequested: root.chat.cancel()
        }
    }
}
