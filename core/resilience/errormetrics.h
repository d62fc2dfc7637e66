// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "resilience/streamerror.h"

#include <QDateTime>
#include <QList>
#include <QString>

/// One record per stream error, for the error statistics.
struct ErrorRecord {
    QString kind;          ///< streamErrorKindName()
    QString code;          ///< provider code or type ("" when none)
    int httpStatus = 0;
    QString provider;      ///< provider id
    QString model;
    qint64 bytesReceived = 0;
    qint64 tokensReceived = 0;
    bool recoverable = false;
    QString actionTaken;   ///< "retry", "resume", "fallback", "abort"
    QDateTime time;        ///< UTC

    static ErrorRecord from(const StreamError &error, const QString &provider, const QString &model,
                            StreamError::Action actionTaken);
};

/// Where error records go. In memory for now; the storage layer persists
/// them by implementing this interface.
class ErrorMetrics
{
public:
    virtual ~ErrorMetrics() = default;
    virtual void record(const ErrorRecord &record) = 0;
};

/// Keeps the most recent records in memory.
class InMemoryErrorMetrics : public ErrorMetrics
{
public:
    explicit InMemoryErrorMetrics(qsizetype capacity = 1000);
    void record(const ErrorRecord &record) override;
    const QList<ErrorRecord> &records() const { return m_records; }
    void clear() { m_records.clear(); }

private:
    qsizetype m_capacity;
    QList<ErrorRecord> m_records;
};
