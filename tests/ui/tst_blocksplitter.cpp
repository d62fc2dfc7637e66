// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "markdown/blocksplitter.h"
#include "markdown/sanitizer.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Markdown::Block;
using Markdown::BlockKind;
using Markdown::BlockSplitter;

namespace {

struct Expect
{
    BlockKind kind;
    QString text;
    QString language = {};
    int level = 0;
};

QList<Block> split(const QString &text, bool finish = true)
{
    BlockSplitter s;
    s.append(text);
    if (finish)
        s.finish();
    return s.blocks();
}

QString describe(const QList<Block> &blocks)
{
    QString out;
    for (const Block &b : blocks) {
        out += Markdown::blockKindName(b.kind) + u'[' + b.language + u']' + QString::number(b.headingLevel)
            + (b.closed ? u"C"_s : u"O"_s) + u": " + b.text + u"\n--\n"_s;
    }
    return out;
}

void compareBlocks(const QList<Block> &actual, const QList<Expect> &expected)
{
    QVERIFY2(actual.size() == expected.size(), qPrintable(describe(actual)));
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(Markdown::blockKindName(actual[i].kind), Markdown::blockKindName(expected[i].kind));
        QCOMPARE(actual[i].text, expected[i].text);
        QCOMPARE(actual[i].language, expected[i].language);
        QCOMPARE(actual[i].headingLevel, expected[i].level);
        QVERIFY(actual[i].closed);
    }
}

// Appends text one character at a time: each append changes at most the
// previously last block and never removes one, a closed block never changes
// afterwards, and the end result is that of the whole text at once.
void streamCharByChar(const QString &text)
{
    BlockSplitter s;
    QList<Block> closedSoFar;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const BlockSplitter::Change change = s.append(QStringView(text).mid(i, 1));
        QVERIFY(change.newCount >= change.oldCount);
        QVERIFY(change.firstChanged >= change.oldCount - 1);
        for (qsizetype b = 0; b < closedSoFar.size(); ++b)
            QVERIFY2(s.blocks().at(b) == closedSoFar.at(b), qPrintable(u"block %1 at char %2"_s.arg(b).arg(i)));
        closedSoFar.clear();
        for (const Block &b : s.blocks()) {
            if (!b.closed)
                break;
            closedSoFar.append(b);
        }
    }
    s.finish();
    QCOMPARE(s.blocks(), split(text));
}

// A message that exercises every block kind.
const QString kSample = uR"(# Title

Intro paragraph
continues here.

- one
- two

  still two
1. first
2. second

> quoted
lazy line

| a | b |
|---|---|
| 1 | 2 |

```cpp
int main() {

  return 0;
}
```

~~~ python extra words
print("~~~ not the end")
~~~

Setext heading
==============

***
<div>
html here
</div>

Last words)"_s;

} // namespace

class TstBlockSplitter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyKind()
    {
        compareBlocks(split(kSample), {
            {BlockKind::Heading, u"# Title"_s, {}, 1},
            {BlockKind::Paragraph, u"Intro paragraph\ncontinues here."_s},
            {BlockKind::List, u"- one\n- two\n\n  still two\n1. first\n2. second"_s},
            {BlockKind::Quote, u"> quoted\nlazy line"_s},
            {BlockKind::Table, u"| a | b |\n|---|---|\n| 1 | 2 |"_s},
            {BlockKind::Code, u"int main() {\n\n  return 0;\n}"_s, u"cpp"_s},
            {BlockKind::Code, u"print(\"~~~ not the end\")"_s, u"python"_s},
            {BlockKind::Heading, u"Setext heading\n=============="_s, {}, 1},
            {BlockKind::Rule, u"***"_s},
            {BlockKind::Html, u"<div>\nhtml here\n</div>"_s},
            {BlockKind::Paragraph, u"Last words"_s},
        });
    }

    void blockStartsInterruptParagraphs()
    {
        compareBlocks(split(u"Here is a list:\n- a\n- b\nText after\n## Head\nbody\n```\ncode\n```\nend"_s), {
            {BlockKind::Paragraph, u"Here is a list:"_s},
            {BlockKind::List, u"- a\n- b\nText after"_s}, // lazy continuation
            {BlockKind::Heading, u"## Head"_s, {}, 2},
            {BlockKind::Paragraph, u"body"_s},
            {BlockKind::Code, u"code"_s},
            {BlockKind::Paragraph, u"end"_s},
        });
    }

    void listEndsAtUnindentedTextAfterBlank()
    {
        compareBlocks(split(u"* a\n* b\n\nNot in the list\n"_s), {
            {BlockKind::List, u"* a\n* b"_s},
            {BlockKind::Paragraph, u"Not in the list"_s},
        });
    }

    void fenceDetails()
    {
        // Longer closing fences close; shorter ones and other characters do not.
        compareBlocks(split(u"````md\n```\ninner\n```\n`````\n"_s), {
            {BlockKind::Code, u"```\ninner\n```"_s, u"md"_s},
        });
        // Backticks in the info string: inline code, not a fence.
        compareBlocks(split(u"```x``` is code\n"_s), {{BlockKind::Paragraph, u"```x``` is code"_s}});
        // Indented fence: its indentation is removed from the code lines.
        compareBlocks(split(u"  ```\n    two\n  one\n  ```\n"_s), {{BlockKind::Code, u"  two\none"_s}});
        // CRLF line endings.
        compareBlocks(split(u"```js\r\nlet a;\r\n```\r\n"_s), {{BlockKind::Code, u"let a;"_s, u"js"_s}});
        // Info string with attributes.
        compareBlocks(split(u"```rust{.numberLines}\nfn f(){}\n```"_s), {{BlockKind::Code, u"fn f(){}"_s, u"rust"_s}});
    }

    // A long fence becomes segments of CodeSegmentLines lines; joined with
    // newlines they are the fence's code; only the last is open.
    void longFenceIsSplitIntoSegments()
    {
        const int lines = BlockSplitter::CodeSegmentLines * 2 + 5;
        QString code;
        for (int i = 0; i < lines; ++i)
            code += (i ? u"\n"_s : QString()) + u"line %1"_s.arg(i);
        const QString text = u"Intro\n\n```rust\n"_s + code + u"\n```\nAfter\n"_s;

        BlockSplitter s;
        s.append(text);
        const QList<Block> &b = s.blocks();
        QVERIFY2(b.size() == 5, qPrintable(describe(b)));
        QStringList joined;
        for (int i = 1; i <= 3; ++i) {
            QCOMPARE(b[i].kind, BlockKind::Code);
            QCOMPARE(b[i].language, u"rust"_s);
            QCOMPARE(b[i].segment, i - 1);
            QCOMPARE(b[i].continues, i < 3);
            QVERIFY(b[i].closed);
            joined.append(b[i].text);
        }
        QCOMPARE(b[1].text.count(u'\n') + 1, BlockSplitter::CodeSegmentLines);
        QCOMPARE(b[3].text.count(u'\n') + 1, 5);
        QCOMPARE(joined.join(u'\n'), code);
        QCOMPARE(b[4].text, u"After"_s);
        QCOMPARE(b[4].segment, 0);
        QVERIFY(!b[0].continues && !b[4].continues);

        // Exactly CodeSegmentLines lines: one segment, nothing empty after it.
        QString full;
        for (int i = 0; i < BlockSplitter::CodeSegmentLines; ++i)
            full += u"x\n"_s;
        const QList<Block> one = split(u"```\n"_s + full + u"```\n"_s);
        QCOMPARE(one.size(), 1);
        QVERIFY(!one[0].continues);

        // Few but long lines: segments by size too.
        const QString wide(BlockSplitter::CodeSegmentChars, u'w');
        const QList<Block> wideBlocks = split(u"```\n"_s + wide + u"\n"_s + wide + u"\n```"_s);
        QCOMPARE(wideBlocks.size(), 2);
        QCOMPARE(wideBlocks[1].segment, 1);
        QCOMPARE(wideBlocks[1].text, wide);

        // Streamed in any two pieces, or character by character, the
        // segments are the same, and a closed segment never changes.
        const QList<Block> whole = split(text);
        for (qsizetype cut = 0; cut <= text.size(); cut += 7) {
            BlockSplitter t;
            t.append(QStringView(text).left(cut));
            t.append(QStringView(text).mid(cut));
            t.finish();
            QVERIFY2(t.blocks() == whole, qPrintable(u"cut at %1:\n"_s.arg(cut) + describe(t.blocks())));
        }
        streamCharByChar(text);
    }

    void unclosedFenceWhileStreaming()
    {
        BlockSplitter s;
        s.append(u"Text\n\n```python\nprint(1)\nprint(2"_s);
        QCOMPARE(s.blocks().size(), 2);
        const Block &code = s.blocks().at(1);
        QCOMPARE(code.kind, BlockKind::Code);
        QCOMPARE(code.language, u"python"_s);
        QCOMPARE(code.text, u"print(1)\nprint(2"_s);
        QVERIFY(!code.closed);
        QVERIFY(s.blocks().at(0).closed);

        // A line that looks like markdown stays code inside the fence.
        s.append(u")\n# not a heading\n"_s);
        QCOMPARE(s.blocks().size(), 2);
        QCOMPARE(s.blocks().at(1).text, u"print(1)\nprint(2)\n# not a heading"_s);

        // A closing fence being written is not shown as code.
        s.append(u"``"_s);
        QCOMPARE(s.blocks().at(1).text, u"print(1)\nprint(2)\n# not a heading"_s);
        // The fence closes later; what follows is a new block.
        s.append(u"`\nAfter"_s);
        QCOMPARE(s.blocks().size(), 3);
        QVERIFY(s.blocks().at(1).closed);
        QCOMPARE(s.blocks().at(1).text, u"print(1)\nprint(2)\n# not a heading"_s);
        QCOMPARE(s.blocks().at(2).text, u"After"_s);
        QVERIFY(!s.blocks().at(2).closed);

        // finish() closes an unclosed fence with what arrived.
        BlockSplitter t;
        t.append(u"```\nhalf"_s);
        t.finish();
        QCOMPARE(t.blocks().size(), 1);
        QCOMPARE(t.blocks().at(0).text, u"half"_s);
        QVERIFY(t.blocks().at(0).closed);

        // Found by fuzz_markdown: a line of code that grows into what may be
        // the closing fence is withheld, as when it arrives whole.
        BlockSplitter v;
        v.append(u"\n ```\n "_s);
        v.append(u"`"_s);
        QCOMPARE(v.blocks(), split(u"\n ```\n `"_s, false));
        QCOMPARE(v.blocks().at(0).text, QString());

        // Backticks that turn out to be code are shown once they are.
        BlockSplitter u;
        u.append(u"```\n``"_s);
        QCOMPARE(u.blocks().at(0).text, QString());
        u.append(u"` still code"_s);
        QCOMPARE(u.blocks().at(0).text, u"``` still code"_s);
    }

    // Found by fuzz_markdown: a line that starts like a fence and turns out
    // to be inline code (a backtick after the info string), arriving in
    // pieces, is shown as the paragraph it is, as when it arrives whole.
    void longFenceLikeLineTurnsIntoInlineCode()
    {
        const QString line = u"```not a fence, since this line ``` has more backticks"_s;
        BlockSplitter s;
        s.append(QStringView(line).left(10));
        QCOMPARE(s.blocks().at(0).kind, BlockKind::Code);
        s.append(QStringView(line).mid(10, 20)); // past the re-classifying length, no backtick yet
        QCOMPARE(s.blocks().at(0).kind, BlockKind::Code);
        s.append(QStringView(line).mid(30));
        QCOMPARE(s.blocks(), split(line, false));
        QCOMPARE(s.blocks().at(0).kind, BlockKind::Paragraph);
        QCOMPARE(s.blocks().at(0).text, line);

        // A short line that becomes long in one piece is classified whole.
        BlockSplitter t;
        t.append(u"\n~~"_s);
        t.append(u"~ and then more than sixteen characters"_s);
        QCOMPARE(t.blocks(), split(u"\n~~~ and then more than sixteen characters"_s, false));
        QCOMPARE(t.blocks().at(0).kind, BlockKind::Code);

        // A long run of dashes is a rule until something else follows.
        BlockSplitter r;
        r.append(u"--------------------"_s);
        QCOMPARE(r.blocks().at(0).kind, BlockKind::Rule);
        r.append(u"----x"_s);
        QCOMPARE(r.blocks(), split(u"------------------------x"_s, false));
        QCOMPARE(r.blocks().at(0).kind, BlockKind::Paragraph);
    }

    void partialLineIsShownTentatively()
    {
        BlockSplitter s;
        s.append(u"Hello wor"_s);
        QCOMPARE(s.blocks().size(), 1);
        QCOMPARE(s.blocks().at(0).text, u"Hello wor"_s);
        s.append(u"ld"_s);
        QCOMPARE(s.blocks().at(0).text, u"Hello world"_s);
        // A partial fence line inside the paragraph: the paragraph only
        // closes once the line is complete.
        s.append(u"\n```c"_s);
        QCOMPARE(s.blocks().size(), 1);
        s.append(u"pp\n"_s);
        QCOMPARE(s.blocks().size(), 2);
        QCOMPARE(s.blocks().at(0).text, u"Hello world"_s);
        QVERIFY(s.blocks().at(0).closed);
        QCOMPARE(s.blocks().at(1).language, u"cpp"_s);
        // A heading being typed after a blank line gets its own open block.
        BlockSplitter h;
        h.append(u"para\n\n## Hea"_s);
        QCOMPARE(h.blocks().size(), 2);
        QCOMPARE(h.blocks().at(1).kind, BlockKind::Heading);
        QCOMPARE(h.blocks().at(1).text, u"## Hea"_s);
        QVERIFY(!h.blocks().at(1).closed);
        h.append(u"d\n"_s);
        QVERIFY(h.blocks().at(1).closed);
        QCOMPARE(h.blocks().at(1).text, u"## Head"_s);
    }

    // Appending the text in two pieces, split at every position, gives the
    // same blocks as all at once, both before and after finish().
    void incrementalEqualsWholeAtEverySplit()
    {
        const QList<Block> whole = split(kSample, false);
        const QList<Block> wholeFinished = split(kSample, true);
        for (qsizetype cut = 0; cut <= kSample.size(); ++cut) {
            BlockSplitter s;
            s.append(QStringView(kSample).left(cut));
            s.append(QStringView(kSample).mid(cut));
            QVERIFY2(s.blocks() == whole, qPrintable(u"cut at %1:\n"_s.arg(cut) + describe(s.blocks())));
            s.finish();
            QVERIFY2(s.blocks() == wholeFinished, qPrintable(u"cut at %1"_s.arg(cut)));
        }
    }

    // Character by character: a closed block never changes afterwards, and
    // each append changes at most the previously last block.
    void closedBlocksNeverChange()
    {
        streamCharByChar(kSample);
    }

    void appendAfterFinishStartsNewBlocks()
    {
        BlockSplitter s;
        s.append(u"first"_s);
        s.finish();
        const auto change = s.append(u" second"_s);
        QCOMPARE(change.firstChanged, 1);
        QCOMPARE(s.blocks().size(), 2);
        QCOMPARE(s.blocks().at(0).text, u"first"_s);
    }

    void sanitizerRewritesImagesAndHtml()
    {
        using Markdown::sanitizeForDisplay;
        QCOMPARE(sanitizeForDisplay(u"See ![cat](http://127.0.0.1:9/cat.png) now"_s),
                 u"See [Image: cat](http://127.0.0.1:9/cat.png) now"_s);
        QCOMPARE(sanitizeForDisplay(u"<img src=\"http://x/y.png\"> and </b>"_s),
                 u"&lt;img src=\"http://x/y.png\"> and &lt;/b>"_s);
        QCOMPARE(sanitizeForDisplay(u"auto <https://example.org/a> <me@example.org> 1 < 2"_s),
                 u"auto <https://example.org/a> <me@example.org> 1 < 2"_s);
        // Code looks the same, with a zero-width space (\u200B) in "![" and
        // after the '<' of a tag.
        QCOMPARE(sanitizeForDisplay(u"code `![x](y) <b>` stays, \\![escaped](z)"_s),
                 u"code `!\u200B[x](y) <\u200Bb>` stays, \\![escaped](z)"_s);
        QCOMPARE(sanitizeForDisplay(u"- item\n  ```\n  <img src=x>\n  ```\n<img src=y>"_s),
                 u"- item\n  ```\n  <\u200Bimg src=x>\n  ```\n&lt;img src=y>"_s);
        // Found by fuzz_markdown: the '!' before an image would make a new
        // image of the rewritten one ("![Image: ]()"); it is escaped.
        QCOMPARE(sanitizeForDisplay(u"!![]()"_s), u"\\![Image: ]()"_s);
        QCOMPARE(sanitizeForDisplay(u"!!![a](b)"_s), u"!\\![Image: a](b)"_s);
        QCOMPARE(sanitizeForDisplay(u"\\!![a](b)"_s), u"\\![Image: a](b)"_s);
        // Found by fuzz_markdown: a tab before ``` makes indented code, not a
        // fence, so what follows is markdown and is sanitized.
        QCOMPARE(sanitizeForDisplay(u"\t```\n![i]()"_s), u"\t```\n[Image: i]()"_s);
        // ... and a quoted fence ends where the quote does.
        QCOMPARE(sanitizeForDisplay(u"> ```\n![i](x)"_s), u"> ```\n[Image: i](x)"_s);
        // Once a fence ends other than by its closing line, a later fence
        // line may be that closing line to a renderer: nothing after it is
        // taken for code.
        QCOMPARE(sanitizeForDisplay(u"~~~\n>\n~~~\n![r]\n\n[r]:e"_s), u"~~~\n>\n~~~\n[Image: r]\n\n[r]:e"_s);
        // A fence in a list item keeps its code as it is.
        QCOMPARE(sanitizeForDisplay(u"1. Run:\n   ```\n   echo <b> ![x](y)\n   ```\n"_s),
                 u"1. Run:\n   ```\n   echo <\u200Bb> !\u200B[x](y)\n   ```\n"_s);
        // Found by fuzz_markdown: a fence line right after a table is a table
        // row to the renderer; code or not, nothing in it becomes an image.
        QCOMPARE(sanitizeForDisplay(u"| a |\n|---|\n~~~\n<img src=x>"_s), u"| a |\n|---|\n~~~\n<\u200Bimg src=x>"_s);
    }
};

QTEST_GUILESS_MAIN(TstBlockSplitter)
#include "tst_blocksplitter.moc"
