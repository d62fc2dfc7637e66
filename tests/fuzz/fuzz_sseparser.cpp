// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// libFuzzer target: SseParser never crashes and gives the same items whole
// and fragmented.
#include "fuzzcommon.h"
#include "protocol/sseparser.h"

namespace {
bool same(const QList<SseItem> &a, const QList<SseItem> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const SseItem &x = a.at(i);
        const SseItem &y = b.at(i);
        if (x.kind != y.kind || x.type != y.type || x.data != y.data || x.lastEventId != y.lastEventId
            || x.retryMs != y.retryMs)
            return false;
    }
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    SseParser::Limits limits;
    limits.maxLineBytes = 4096; // small limits so the fuzzer reaches the limit paths
    limits.maxEventBytes = 8192;

    SseParser whole(limits);
    QList<SseItem> a;
    whole.feed(body, a);
    whole.finish();

    SseParser pieces(limits);
    QList<SseItem> b;
    for (QByteArrayView part : Fuzz::fragments(body, data[0]))
        pieces.feed(part, b);
    pieces.finish();

    Fuzz::check(whole.hasError() == pieces.hasError());
    if (!whole.hasError()) {
        Fuzz::check(same(a, b));
        Fuzz::check(whole.endedMidEvent() == pieces.endedMidEvent());
    }
    return 0;
}
