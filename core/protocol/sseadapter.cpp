// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "sseadapter.h"

#include "adapterutil.h"
#include "util/logging.h"

#include <QJsonDocument>
#include <QJsonParseError>

void SseAdapter::feed(QByteArrayView bytes, QList<StreamEvent> &out)
{
    if (m_error.isError())
        return;
    m_items.clear();
    m_parser.feed(bytes, m_items);
    for (const SseItem &item : std::as_const(m_items)) {
        if (m_error.isError())
            break;
        switch (item.kind) {
        case SseItem::Kind::Comment:
            out.append(StreamEvent::keepAlive());
            break;
        case SseItem::Kind::Retry:
            break; // no SSE-level reconnection for LLM streams
        case SseItem::Kind::Event:
            ++m_eventNumber;
            if (!m_terminated) // anything after the terminator is ignored
                handleEvent(item, m_eventNumber, out);
            break;
        }
    }
    if (!m_error.isError() && m_parser.hasError()) {
        m_error.kind = DecodeError::Kind::LimitExceeded;
        m_error.message = m_parser.errorString();
        qCDebug(lcProtocol) << "decode error:" << m_error.message;
    }
}

void SseAdapter::finish(QList<StreamEvent> &out)
{
    Q_UNUSED(out);
    m_parser.finish();
}

bool SseAdapter::parseObject(const QByteArray &data, qint64 eventNumber, QJsonObject *obj)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError) {
        setMalformed(AdapterUtil::malformedMessage("event", eventNumber, pe.errorString()));
        return false;
    }
    if (!doc.isObject()) {
        setMalformed(QStringLiteral("invalid JSON in event %1: not an object").arg(eventNumber));
        return false;
    }
    *obj = doc.object();
    return true;
}

void SseAdapter::setMalformed(const QString &message)
{
    m_error.kind = DecodeError::Kind::Malformed;
    m_error.message = message;
    qCDebug(lcProtocol) << "decode error:" << message;
}
