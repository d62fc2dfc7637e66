// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
import QtQuick
import QtTest
import Confab
import ConfabTest

// Links and images in answers: remote images are never fetched, links only
// open on click and anything that is not http(s) asks first.
Item {
    id: root
    width: 600
    height: 300

    Component {
        id: blockComponent
        MarkdownBlock {
            width: root.width
        }
    }
    Component {
        id: naiveComponent
        Text {
            textFormat: Text.MarkdownText
        }
    }
    Component {
        id: modelComponent
        MessageBlocksModel {}
    }

    SignalSpy { id: confirmSpy; signalName: "linkConfirmationRequested" }

    TestCase {
        name: "LinkSafety"
        when: windowShown

        function test_policy() {
            compare(LinkPolicy.decide("https://example.org/a"), LinkPolicy.Open);
            compare(LinkPolicy.decide("http://example.org"), LinkPolicy.Open);
            compare(LinkPolicy.decide("mailto:someone@example.org"), LinkPolicy.Confirm);
            compare(LinkPolicy.decide("file:///etc/passwd"), LinkPolicy.Confirm);
            compare(LinkPolicy.decide("myapp://do-something"), LinkPolicy.Confirm);
            compare(LinkPolicy.decide("javascript:alert(1)"), LinkPolicy.Refuse);
            compare(LinkPolicy.decide("data:text/html,hi"), LinkPolicy.Refuse);
            compare(LinkPolicy.decide(""), LinkPolicy.Refuse);
            compare(LinkPolicy.decide("relative/page.html"), LinkPolicy.Refuse);
            compare(LinkPolicy.decide("https://"), LinkPolicy.Refuse);
        }

        function test_nonWebLinkAsksFirst() {
            const block = createTemporaryObject(blockComponent, root, { markdown: "[x](file:///etc/passwd)" });
            confirmSpy.clear();
            confirmSpy.target = block;
            block.linkActivated("file:///etc/passwd");
            compare(confirmSpy.count, 1);
            compare(confirmSpy.signalArguments[0][0], "file:///etc/passwd");
            block.linkActivated("javascript:alert(1)");
            compare(confirmSpy.count, 1, "refused links do not even ask");
        }

        // The probe sees requests of the QML engine's network access manager.
        function test_controlUnsafeTextFetchesImages() {
            const before = NetworkProbe.requests;
            const text = createTemporaryObject(naiveComponent, root,
                { text: "![x](http://127.0.0.1:9/control.png)" });
            verify(text);
            tryVerify(() => NetworkProbe.requests > before, 5000,
                      "an unsanitized markdown image is fetched (so the probe works)");
        }

        function test_remoteImagesAreNeverFetched() {
            const model = createTemporaryObject(modelComponent, root);
            model.setText("Look: ![cat](http://127.0.0.1:9/cat.png)\n\n"
                          + "<img src=\"http://127.0.0.1:9/raw.png\">\n\n"
                          + "| a |\n|---|\n| ![t](http://127.0.0.1:9/table.png) |\n\n"
                          + "> quote <img src=\"http://127.0.0.1:9/quote.png\">", true);
            const before = NetworkProbe.requests;
            const blocks = [];
            for (let row = 0; row < model.count; ++row) {
                const md = model.data(model.index(row, 0), MessageBlocksModel.RenderTextRole);
                const kind = model.data(model.index(row, 0), MessageBlocksModel.KindRole);
                blocks.push(createTemporaryObject(blockComponent, root, { markdown: md, kind: kind }));
            }
            compare(blocks.length, 4);
            verify(blocks[0].text.indexOf("[Image: cat](http://127.0.0.1:9/cat.png)") >= 0);
            // Give any image load the same chance the control test needed.
            wait(300);
            compare(NetworkProbe.requests, before, NetworkProbe.lastUrl);
        }
    }
}
