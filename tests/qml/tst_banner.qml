// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab

Item {
    id: root
    width: 700
    height: 120

    Component {
        id: bannerComponent
        ReconnectBanner {
            width: root.width
        }
    }

    SignalSpy { id: retrySpy; signalName: "retryNowRequested" }
    SignalSpy { id: cancelSpy; signalName: "cancelRequested" }

    TestCase {
        name: "ReconnectBanner"
        when: windowShown

        function createBanner() {
            const b = createTemporaryObject(bannerComponent, root);
            verify(b);
            retrySpy.clear(); cancelSpy.clear();
            retrySpy.target = b; cancelSpy.target = b;
            return b;
        }

        function test_hiddenWithoutMode() {
            const b = createBanner();
            verify(!b.visible);
        }

        function test_countdownFollowsTheDeadline() {
            const b = createBanner();
            b.reason = "The connection dropped";
            b.attempt = 2;
            b.maxAttempts = 5;
            b.mode = "waiting";
            verify(b.visible);
            // The timer keeps `now` current; pin both ends for exact checks.
            b.deadline = Date.now() + 3600 * 1000;
            b.now = b.deadline - 4500;
            const label = findChild(b, "bannerText");
            compare(b.secondsLeft, 5);
            verify(label.text.indexOf("The connection dropped") >= 0, label.text);
            verify(label.text.indexOf("2/5") >= 0, label.text);
            verify(label.text.indexOf("in 5 s") >= 0, label.text);
            b.now = b.deadline - 1000;
            verify(label.text.indexOf("in 1 s") >= 0, label.text);
            b.now = b.deadline + 10;
            compare(b.secondsLeft, 0);
            verify(label.text.indexOf("retrying now") >= 0, label.text);
        }

        function test_timerAdvancesNow() {
            const b = createBanner();
            b.mode = "waiting";
            b.now = 0;
            b.deadline = Date.now() + 60000;
            // The countdown timer replaces the pinned time with the clock.
            tryVerify(() => b.now > 0, 5000);
            verify(b.secondsLeft <= 60 && b.secondsLeft >= 1);
        }

        function test_buttons() {
            const b = createBanner();
            b.mode = "waiting";
            b.deadline = Date.now() + 10000;
            waitForRendering(b);
            const retry = findChild(b, "retryNowButton");
            const cancel = findChild(b, "bannerCancelButton");
            verify(retry.visible && cancel.visible);
            mouseClick(retry);
            compare(retrySpy.count, 1);
            mouseClick(cancel);
            compare(cancelSpy.count, 1);
        }

        function test_resumedAndFallbackNotes() {
            const b = createBanner();
            b.mode = "resumed";
            const label = findChild(b, "bannerText");
            verify(label.text.indexOf("Resumed") >= 0);
            verify(!findChild(b, "retryNowButton").visible, "no Retry now once resumed");
            b.fallbackProvider = "Ollama";
            b.mode = "fallback";
            verify(label.text.indexOf("Ollama") >= 0, label.text);
        }
    }
}
