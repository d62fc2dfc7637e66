// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "storeerrormetrics.h"

#include "asyncstore.h"
#include "store.h"

StoreErrorMetrics::StoreErrorMetrics(AsyncStore *store)
    : m_async(store)
{
}

StoreErrorMetrics::StoreErrorMetrics(Store *store)
    : m_store(store)
{
}

void StoreErrorMetrics::record(const ErrorRecord &record)
{
    if (m_next)
        m_next->record(record);
    ErrorMetric metric;
    metric.at = record.time.isValid() ? record.time.toUTC() : QDateTime::currentDateTimeUtc();
    metric.kind = record.kind;
    metric.providerId = record.provider;
    metric.httpStatus = record.httpStatus;
    if (m_store) {
        m_store->recordError(metric); // a failure is logged by the store; metrics never stop a stream
        return;
    }
    AsyncStore *async = m_async;
    async->post([async, metric](Store &store) {
        if (!store.recordError(metric))
            Q_EMIT async->writeFailed(store.lastError());
    });
}
