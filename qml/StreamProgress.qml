// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtQuick.Controls

// The quiet hint under a streaming answer: elapsed time and tokens so far.
Label {
    id: root

    /// When the answer started, in ms since the epoch.
    property real startedAt: 0
    /// Tokens (deltas) received so far.
    property int tokens: 0
    property real now: Date.now()

    objectName: "streamProgress"
    opacity: 0.6
    font.pointSize: Qt.application.font.pointSize * 0.9
    // Whole seconds, and none in the first second: a tenths counter that
    // is only refreshed a few times a second read "0.0 s" after tokens had
    // already arrived.
    text: {
        const ms = root.startedAt > 0 ? Math.max(0, root.now - root.startedAt) : 0;
        const s = Math.floor(ms / 1000);
        return s < 1 ? qsTr("Writing… %1 tokens").arg(root.tokens)
                     : qsTr("Writing… %1 s · %2 tokens").arg(s).arg(root.tokens);
    }
    onStartedAtChanged: now = Date.now()

    Timer {
        interval: 250
        repeat: true
        running: root.visible
        triggeredOnStart: true
        onTriggered: root.now = Date.now()
    }
}
