// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "benchtext.h"

using namespace Qt::StringLiterals;

namespace BenchText {

namespace {

const QString kProse[] = {
    u"The **stream** keeps every token it receives, so an answer that stops halfway can be *continued* "
    u"from exactly where it stopped. See [the docs](https://example.org/docs) for `details`.\n\n"_s,
    u"## Section heading\n\nA shorter paragraph that explains the next step in plain words.\n\n"_s,
    u"- first item with `code`\n- second item, a bit longer than the first one\n- third item\n\n"_s,
    u"> A quoted remark that spans\n> two lines of text.\n\n"_s,
    u"| Name | Value | Notes |\n|------|-------|-------|\n| alpha | 1 | first |\n| beta | 2 | second |\n\n"_s,
    u"1. Open the file.\n2. Change the value.\n3. Save and run the tests again.\n\n"_s,
};

const QString kCpp = u"int compute(const std::vector<int> &values, int factor)\n{\n    int total = 0;\n"
                     u"    for (int v : values) // accumulate\n        total += v * factor;\n    return total;\n}\n\n"_s;
const QString kPython = u"def compute(values, factor):\n    \"\"\"Accumulate the values.\"\"\"\n    total = 0\n"
                        u"    for v in values:\n        total += v * factor  # scale\n    return total\n\n"_s;

} // namespace

QString answer(qsizetype bytes, int codeBlocks)
{
    QString out;
    out.reserve(bytes + 4096);
    const qsizetype codeShare = bytes * 35 / 100; // about a third of the answer is code
    const qsizetype perCode = codeBlocks > 0 ? codeShare / codeBlocks : 0;
    const qsizetype prosePerGap = (bytes - codeShare) / (codeBlocks + 1);
    int prose = 0;
    for (int block = 0; block <= codeBlocks; ++block) {
        const qsizetype stop = out.size() + prosePerGap;
        while (out.size() < stop)
            out += kProse[prose++ % std::size(kProse)];
        if (block == codeBlocks)
            break;
        const bool cpp = block % 2 == 0;
        out += cpp ? u"```cpp\n"_s : u"```python\n"_s;
        const qsizetype codeStop = out.size() + perCode;
        while (out.size() < codeStop)
            out += cpp ? kCpp : kPython;
        out += u"```\n\n"_s;
    }
    return out;
}

QList<qsizetype> tokenBoundaries(const QString &text)
{
    QList<qsizetype> ends;
    ends.reserve(text.size() / 4 + 1);
    quint32 seed = 12345;
    qsizetype pos = 0;
    while (pos < text.size()) {
        seed = seed * 1103515245u + 12345u;
        pos = std::min<qsizetype>(text.size(), pos + 1 + qsizetype((seed >> 16) % 7)); // 1..7, mean 4
        ends.append(pos);
    }
    return ends;
}

} // namespace BenchText
