// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// libFuzzer target: the markdown of an answer, as a model may write it.
//  - BlockSplitter gives the same blocks whole and streamed in fragments
//    (while streaming, up to the kind of the line still being written),
//    never changes a closed block, and reports its changes truthfully; the
//    segments of a long code fence chain up.
//  - sanitizeForDisplay never lets Qt's markdown renderer create an image.
#include "fuzzcommon.h"
#include "markdown/blocksplitter.h"
#include "markdown/sanitizer.h"

#include <QGuiApplication>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

using Markdown::Block;
using Markdown::BlockKind;
using Markdown::BlockSplitter;

namespace {

void checkSegments(const QList<Block> &blocks)
{
    for (qsizetype i = 0; i < blocks.size(); ++i) {
        const Block &b = blocks.at(i);
        Fuzz::check(b.segment >= 0, "segment >= 0");
        Fuzz::check(b.segment == 0 || b.kind == BlockKind::Code, "only code has segments");
        if (b.continues) {
            Fuzz::check(b.kind == BlockKind::Code && b.closed && i + 1 < blocks.size(), "a continued segment is closed code with a next block");
            Fuzz::check(blocks.at(i + 1).kind == BlockKind::Code && blocks.at(i + 1).segment == b.segment + 1,
                        "the next segment follows");
            Fuzz::check(blocks.at(i + 1).language == b.language, "segments share the language");
        } else if (i + 1 < blocks.size()) {
            Fuzz::check(blocks.at(i + 1).segment == 0, "a new block starts at segment 0");
        }
    }
}

// No image of any kind reaches the document.
void checkNoImage(const QString &markdown)
{
    QTextDocument doc;
    doc.setMarkdown(Markdown::sanitizeForDisplay(markdown));
    for (QTextBlock block = doc.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it)
            Fuzz::check(!it.fragment().charFormat().isImageFormat(), "no image in sanitized markdown");
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    static QGuiApplication app(*argc, *argv); // QTextDocument needs fonts
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    BlockSplitter whole;
    whole.append(text);
    const QList<Block> open = whole.blocks();
    whole.finish();
    checkSegments(whole.blocks());

    // The same text in fragments whose sizes come from the first byte.
    BlockSplitter streamed;
    QList<Block> closedSoFar;
    qsizetype pos = 0;
    const QByteArray sizesFrom(text.size(), 'x');
    for (QByteArrayView part : Fuzz::fragments(sizesFrom, data[0])) {
        const BlockSplitter::Change c = streamed.append(QStringView(text).mid(pos, part.size()));
        pos += part.size();
        const QList<Block> &now = streamed.blocks();
        Fuzz::check(c.newCount == now.size() && c.newCount >= c.oldCount, "blocks are only added");
        Fuzz::check(c.firstChanged <= c.oldCount && c.firstChanged >= c.oldCount - 1, "only the last block changes");
        for (qsizetype i = 0; i < closedSoFar.size(); ++i)
            Fuzz::check(now.at(i) == closedSoFar.at(i), "a closed block never changes");
        closedSoFar.clear();
        for (const Block &b : now) {
            if (!b.closed)
                break;
            closedSoFar.append(b);
        }
        checkSegments(now);
    }
    // Before finish() the line still being written is shown tentatively, and
    // once it is longer than the splitter re-classifies (a few characters)
    // its block keeps the kind it was first given: only its kind may differ.
    const QList<Block> &shown = streamed.blocks();
    Fuzz::check(shown.size() == open.size(), "streamed has as many blocks as whole");
    for (qsizetype i = 0; i < shown.size(); ++i) {
        Fuzz::check(i + 1 == shown.size() ? shown.at(i).text == open.at(i).text : shown.at(i) == open.at(i),
                    "streamed equals whole");
    }
    streamed.finish();
    Fuzz::check(streamed.blocks() == whole.blocks(), "streamed equals whole, finished");
    Fuzz::check(streamed.text() == text, "text kept");

    checkNoImage(text);
    return 0;
}
