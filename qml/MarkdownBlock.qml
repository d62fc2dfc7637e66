// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Confab

// One prose block of an answer (paragraph, heading, list, quote, table...),
// rendered as markdown. Each block is its own read-only TextEdit (so its
// text can be selected and copied with the mouse), and while an answer
// streams only the block still being written is parsed and laid out again.
// The markdown must come from MessageBlocksModel's renderText role: images
// are already links there and raw HTML is escaped, so nothing is fetched.
TextEdit {
    id: root

    /// Sanitized markdown of the block.
    property string markdown
    /// The block kind; raw HTML blocks are shown as plain text.
    property string kind: "paragraph"

    /// A link that is not http(s) was clicked: ask before opening it.
    signal linkConfirmationRequested(string link)

    objectName: "markdownBlock"
    text: root.markdown
    textFormat: root.kind === "html" ? TextEdit.PlainText : TextEdit.MarkdownText
    wrapMode: TextEdit.Wrap
    readOnly: true
    selectByMouse: true
    color: root.palette.text
    selectionColor: root.palette.highlight
    selectedTextColor: root.palette.highlightedText
    Accessible.role: Accessible.StaticText
    Accessible.name: root.markdown
    Accessible.readOnly: true

    onLinkActivated: (link) => {
        switch (LinkPolicy.decide(link)) {
        case LinkPolicy.Open:
            LinkPolicy.open(link);
            break;
        case LinkPolicy.Confirm:
            root.linkConfirmationRequested(link);
            break;
        default:
            break;
        }
    }

    HoverHandler {
        cursorShape: root.hoveredLink.length > 0 ? Qt.PointingHandCursor : Qt.ArrowCursor
    }
}
