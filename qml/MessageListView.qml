// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Qt.labs.qmlmodels
import Confab

// The messages of a conversation. Each row is one piece of a message
// (ChatRowsModel): an answer is a header, one row per markdown block and an
// end row; any other message is one row. A ListView only creates the rows
// on screen, so a long answer costs what its visible blocks cost, and while
// it streams only its last block changes.
ListView {
    id: root

    signal continueRequested(var messageId)
    signal retryRequested(var messageId)
    signal regenerateRequested(var messageId)
    signal editRequested(var messageId, string text)

    /// The number of messages: a new one (Send) pins the view to the end
    /// again. Rows come and go with every block, so `count` can't tell.
    property int messageCount: 0
    /// Width of a row (the view minus its side margins).
    readonly property real rowWidth: width - leftMargin - rightMargin

    objectName: "messageListView"
    clip: true
    spacing: 0
    topMargin: 16
    bottomMargin: 16
    leftMargin: 24
    rightMargin: 24
    reuseItems: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {}
    Accessible.role: Accessible.List
    Accessible.name: qsTr("Messages")

    // Stay pinned to the bottom while the answer grows, unless the user
    // scrolled up to read. Rows settle their height after they are created
    // (markdown, code blocks), and a ListView only estimates the height of
    // rows it has not built: so re-pin on every height change, not once
    // after loading, and never leave the view past its end.
    property bool pinned: true
    function keepAtEnd() {
        if (pinned)
            Qt.callLater(stickToEnd);
    }
    function stickToEnd() {
        if (!pinned || count === 0)
            return;
        positionViewAtEnd();
        returnToBounds();
    }
    onMovementEnded: pinned = atYEnd
    onContentHeightChanged: keepAtEnd()
    onHeightChanged: keepAtEnd()
    onCountChanged: keepAtEnd()
    onMessageCountChanged: { pinned = true; keepAtEnd(); }
    onModelChanged: { pinned = true; keepAtEnd(); }

    delegate: DelegateChooser {
        role: "part"

        DelegateChoice {
            roleValue: "message"
            UserMessage {
                width: root.rowWidth
                onEditRequested: (id, text) => root.editRequested(id, text)
            }
        }
        DelegateChoice {
            roleValue: "head"
            AnswerHeader {
                width: root.rowWidth
            }
        }
        DelegateChoice {
            roleValue: "block"
            // Code and prose rows apart: each kind is reused for its own.
            delegate: DelegateChooser {
                role: "kind"

                DelegateChoice {
                    roleValue: "code"
                    AnswerCode {
                        width: root.rowWidth
                        onCopyCodeRequested: (row) => Clipboard.setText(root.model.codeText(row))
                    }
                }
                DelegateChoice {
                    AnswerBlock {
                        width: root.rowWidth
                        onLinkConfirmationRequested: (link) => linkDialog.ask(link)
                    }
                }
            }
        }
        DelegateChoice {
            roleValue: "end"
            AnswerEnd {
                width: root.rowWidth
                onContinueRequested: (id) => root.continueRequested(id)
                onRetryRequested: (id) => root.retryRequested(id)
                onRegenerateRequested: (id) => root.regenerateRequested(id)
                onCopyRequested: (row) => Clipboard.setText(root.model.messageText(row))
            }
        }
    }

    LinkConfirmDialog {
        id: linkDialog
    }
}
