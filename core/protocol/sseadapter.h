// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "provideradapter.h"
#include "sseparser.h"

#include <QJsonObject>

/// Common decoding for the SSE-based adapters (OpenAI, Anthropic): framing,
/// keep-alives, JSON parsing per event, the decode error, truncation.
class SseAdapter : public ProviderAdapter
{
public:
    void feed(QByteArrayView bytes, QList<StreamEvent> &out) override;
    void finish(QList<StreamEvent> &out) override;
    bool sawTerminator() const override { return m_terminated; }
    bool endedMidEvent() const override { return m_parser.endedMidEvent(); }
    DecodeError decodeError() const override { return m_error; }

protected:
    /// Handles one dispatched SSE event (eventNumber counts from 1).
    virtual void handleEvent(const SseItem &event, qint64 eventNumber, QList<StreamEvent> &out) = 0;

    /// Parses the event data as a JSON object; on failure sets a Malformed
    /// decode error naming the event and returns false.
    bool parseObject(const QByteArray &data, qint64 eventNumber, QJsonObject *obj);
    void setMalformed(const QString &message);

    bool m_terminated = false;

private:
    SseParser m_parser;
    QList<SseItem> m_items;
    DecodeError m_error;
    qint64 m_eventNumber = 0;
};
