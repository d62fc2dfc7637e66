// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import Confab

// A code block of an answer, one row of the message list: a highlighted
// CodeBlock. A long fence comes as several rows (segments), drawn as one
// block; only the segment still being written changes while it streams.
// Code rows have a delegate of their own, so the list reuses them for code
// (keeping their CodeBlock) and never turns a prose row into a code row.
Item {
    id: root

    /// The code of this segment (ChatRowsModel.RenderTextRole).
    required property string renderText
    /// The fence's language.
    required property string language
    /// The row (ChatRowsModel), for Copy.
    required property int index
    /// Which segment of a long code fence the row is (0: the first).
    required property int segment
    /// A later segment of the same fence follows.
    required property bool continues
    /// The code of the fence's earlier segments.
    required property string codeBefore

    /// Copy: the view copies the whole fence of row `row`.
    signal copyCodeRequested(int row)

    objectName: "answerCode"
    // A gap below each block, but none inside a long code fence.
    implicitHeight: code.height + (root.continues ? 0 : 8)

    CodeBlock {
        id: code
        width: parent.width
        code: root.renderText
        language: root.language
        codeBefore: root.codeBefore
        segment: root.segment
        continues: root.continues
        onCopyRequested: root.copyCodeRequested(root.index)
    }
}
