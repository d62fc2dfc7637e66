// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Confab

// One markdown block of an answer, one row of the message list: prose as
// markdown, a code fence as a highlighted CodeBlock, a rule as a line.
// Only the block still being written ever changes while an answer streams.
Item {
    id: root

    /// The block's kind ("paragraph", "code", "rule"...: ChatRowsModel.KindRole).
    required property string kind
    /// Sanitized markdown, or the code of a code block.
    required property string renderText
    /// A code block's language.
    required property string language

    /// A link that is not http(s) was clicked: ask before opening it.
    signal linkConfirmationRequested(string link)

    readonly property bool isProse: root.kind !== "code" && root.kind !== "rule"

    objectName: "answerBlock"
    implicitHeight: (root.isProse ? prose.height : loader.height) + 8

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

    Loader {
        id: loader
        width: parent.width
        active: !root.isProse
        sourceComponent: root.kind === "code" ? codeView : ruleView
    }

    Component {
        id: codeView
        CodeBlock {
            code: root.renderText
            language: root.language
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
