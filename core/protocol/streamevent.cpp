// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "streamevent.h"

QString finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::None:
        return {};
    case FinishReason::Stop:
        return QStringLiteral("stop");
    case FinishReason::Length:
        return QStringLiteral("length");
    case FinishReason::ToolCalls:
        return QStringLiteral("tool_calls");
    case FinishReason::ContentFilter:
        return QStringLiteral("content_filter");
    case FinishReason::Error:
        return QStringLiteral("error");
    case FinishReason::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

FinishReason finishReasonFromName(QStringView name)
{
    static const FinishReason all[] = {FinishReason::Stop, FinishReason::Length, FinishReason::ToolCalls,
                                       FinishReason::ContentFilter, FinishReason::Error, FinishReason::Cancelled};
    if (name.isEmpty())
        return FinishReason::None;
    for (FinishReason r : all) {
        if (name == finishReasonName(r))
            return r;
    }
    return FinishReason::None;
}
