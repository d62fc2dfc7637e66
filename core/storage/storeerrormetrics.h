// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "resilience/errormetrics.h"

class AsyncStore;
class Store;

/// The resilience layer's ErrorMetrics sink, persisted in the store's
/// error_metrics table (queried with Store::errorCounts()). Records carry the
/// kind, provider, HTTP status and time only: never messages, so never keys.
class StoreErrorMetrics : public ErrorMetrics
{
public:
    /// Queued on the store's worker thread (the GUI).
    explicit StoreErrorMetrics(AsyncStore *store);
    /// Synchronous, on the calling thread (the CLI).
    explicit StoreErrorMetrics(Store *store);

    void record(const ErrorRecord &record) override;
    /// Also hands every record to next (e.g. an in-memory sink for a report); may be null.
    void setForward(ErrorMetrics *next) { m_next = next; }

private:
    ErrorMetrics *m_next = nullptr;
    AsyncStore *m_async = nullptr;
    Store *m_store = nullptr;
};
