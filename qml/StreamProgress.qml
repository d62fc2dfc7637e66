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
    text: {
        const s = root.startedAt > 0 ? Math.max(0, (root.now - root.startedAt) / 1000) : 0;
        return qsTr("Writing… %1 s · %2 tokens").arg(s.toFixed(1)).arg(root.tokens);
    }

    Timer {
        interval: 200
        repeat: true
        running: root.visible
        triggeredOnStart: true
        onTriggered: root.now = Date.now()
    }
}
