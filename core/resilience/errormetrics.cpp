// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "errormetrics.h"

#include <algorithm>

ErrorRecord ErrorRecord::from(const StreamError &error, const QString &provider, const QString &model,
                              StreamError::Action actionTaken)
{
    ErrorRecord r;
    r.kind = streamErrorKindName(error.kind);
    r.code = error.providerCode.isEmpty() ? error.providerType : error.providerCode;
    r.httpStatus = error.httpStatus;
    r.provider = provider;
    r.model = model;
    r.bytesReceived = error.bytesReceived;
    r.tokensReceived = error.tokensReceived;
    r.recoverable = error.retryable;
    r.actionTaken = streamErrorActionName(actionTaken);
    r.time = error.time.isValid() ? error.time : QDateTime::currentDateTimeUtc();
    return r;
}

InMemoryErrorMetrics::InMemoryErrorMetrics(qsizetype capacity)
    : m_capacity(std::max<qsizetype>(1, capacity))
{
}

void InMemoryErrorMetrics::record(const ErrorRecord &record)
{
    if (m_records.size() >= m_capacity)
        m_records.removeFirst();
    m_records.append(record);
}
