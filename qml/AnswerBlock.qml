// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Confab

// One markdown block of an answer, one row of the message list: prose as
// markdown, or a rule as a line (code blocks are AnswerCode rows). Only the
// block still being written ever changes while an answer streams.
Item {
    id: root

    /// The block's kind ("paragraph", "heading", "rule"...: ChatRowsModel.KindRole).
    required property string kind
    /// Sanitized markdown.
    required property string renderText

    /// A link that is not http(s) was clicked: ask before opening it.
    signal linkConfirmationRequested(string link)

    readonly property bool isProse: root.kind !== "rule"

    objectName: "answerBlock"
    implicitHeight: (root.isProse ? prose.height : rule.height) + 8

    // Prose (most rows) is a MarkdownBlock of its own, not loaded: a Loader
    // asks its item for an implicit width, which makes a wrapped Text lay
    // its markdown out a second time, unwrapped.
    MarkdownBlock {
        id: prose
        width: parent.width
        visible: root.isProse
        markdown: root.isProse ? root.renderText : ""
        kind: root.kind
        onLinkConfirmationRequested: (link) => root.linkConfirmationRequested(link)
    }

    Item {
        id: rule
        visible: !root.isProse
        width: parent.width
        height: root.isProse ? 0 : 9
        Rectangle { anchors.centerIn: parent; width: parent.width; height: 1; color: root.palette.mid }
    }
}
