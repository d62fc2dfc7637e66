// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab

// The hint under a streaming answer: elapsed whole seconds and tokens so far,
// ticking on its own while it is shown.
Item {
    id: root
    width: 400
    height: 40

    Component {
        id: progressComponent
        StreamProgress {}
    }

    TestCase {
        name: "StreamProgress"
        when: windowShown

        function test_firstSecondShowsTokensOnly() {
            const p = createTemporaryObject(progressComponent, root, { startedAt: Date.now(), tokens: 3 });
            verify(p);
            compare(p.text, "Writing… 3 tokens");
            p.tokens = 7;
            compare(p.text, "Writing… 7 tokens");
        }

        function test_elapsedSecondsAndTokens() {
            const p = createTemporaryObject(progressComponent, root, { startedAt: Date.now() - 3200, tokens: 42 });
            verify(p);
            compare(p.text, "Writing… 3 s · 42 tokens");
        }

        // The seconds move on without any new token.
        function test_ticksWhileShown() {
            const p = createTemporaryObject(progressComponent, root, { startedAt: Date.now() - 1200, tokens: 5 });
            compare(p.text, "Writing… 1 s · 5 tokens");
            tryCompare(p, "text", "Writing… 2 s · 5 tokens", 3000);
        }

        // A new answer restarts the clock.
        function test_newStartRestarts() {
            const p = createTemporaryObject(progressComponent, root, { startedAt: Date.now() - 9200, tokens: 90 });
            compare(p.text, "Writing… 9 s · 90 tokens");
            p.tokens = 0;
            p.startedAt = Date.now();
            compare(p.text, "Writing… 0 tokens");
        }
    }
}
