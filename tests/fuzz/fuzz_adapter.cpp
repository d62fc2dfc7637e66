// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// libFuzzer target for one provider adapter (CONFAB_FUZZ_KIND): decoding never
// crashes, and the accumulated message, decode error and terminator are the
// same whole and fragmented.
#include "fuzzcommon.h"
#include "protocol/messageaccumulator.h"
#include "protocol/provideradapter.h"

namespace {
struct Result {
    QByteArray json;
    DecodeError::Kind error = DecodeError::Kind::None;
    QString message;
    bool terminator = false;
};

template<typename Parts>
Result run(const Parts &parts)
{
    auto adapter = ProviderAdapter::create(ProviderKind::CONFAB_FUZZ_KIND);
    MessageAccumulator acc;
    QList<StreamEvent> events;
    for (QByteArrayView part : parts) {
        events.clear();
        adapter->feed(part, events);
        acc.add(events);
    }
    events.clear();
    adapter->finish(events);
    acc.add(events);
    Result r;
    r.json = acc.toJson();
    r.error = adapter->decodeError().kind;
    r.message = adapter->decodeError().message;
    r.terminator = adapter->sawTerminator();
    Fuzz::check(!r.terminator || acc.isComplete());
    return r;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const QByteArrayView body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const Result whole = run(QList<QByteArrayView>{body});
    const Result pieces = run(Fuzz::fragments(body, data[0]));
    Fuzz::check(whole.json == pieces.json);
    Fuzz::check(whole.error == pieces.error);
    Fuzz::check(whole.message == pieces.message);
    Fuzz::check(whole.terminator == pieces.terminator);
    return 0;
}
