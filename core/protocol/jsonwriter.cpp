// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "jsonwriter.h"

namespace JsonWriter {

void appendString(QByteArray &out, QStringView s)
{
    const QByteArray utf8 = s.toUtf8();
    out.reserve(out.size() + utf8.size() + 2);
    out.append('"');
    static const char hex[] = "0123456789abcdef";
    for (const char ch : utf8) {
        const auto c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out.append("\\\"", 2); break;
        case '\\': out.append("\\\\", 2); break;
        case '\n': out.append("\\n", 2); break;
        case '\r': out.append("\\r", 2); break;
        case '\t': out.append("\\t", 2); break;
        case '\b': out.append("\\b", 2); break;
        case '\f': out.append("\\f", 2); break;
        default:
            if (c < 0x20) {
                const char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
                out.append(esc, 6);
            } else {
                out.append(ch);
            }
        }
    }
    out.append('"');
}

void appendKey(QByteArray &out, QLatin1StringView key)
{
    out.append('"');
    out.append(key.data(), key.size());
    out.append("\":", 2);
}

void appendCount(QByteArray &out, qint64 value)
{
    if (value < 0)
        out.append("null", 4);
    else
        out.append(QByteArray::number(value));
}

} // namespace JsonWriter
