// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls
import Confab

// Asks before opening a link that is not a plain web link (mailto:, file:,
// app schemes...). LinkPolicy decides which links need asking.
Dialog {
    id: root

    /// The link waiting for the user's answer.
    property string link

    function ask(link) {
        root.link = link;
        root.open();
    }

    objectName: "linkConfirmDialog"
    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    title: qsTr("Open this link?")
    standardButtons: Dialog.Open | Dialog.Cancel

    Label {
        width: Math.min(implicitWidth, 420)
        wrapMode: Text.WrapAnywhere
        text: qsTr("The answer links to something that is not a web page:\n%1").arg(LinkPolicy.displayString(root.link))
    }

    onAccepted: LinkPolicy.open(root.link)
}
