// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// For the storage CLI tests: the shared processes (tests/support/
// cliprocesses.h) and reading confab-cli's output.
// Needs CONFAB_CLI_PATH and CONFAB_FAULTSERVER_PATH.
#pragma once

#include "cliprocesses.h"

#include <QRegularExpression>
#include <QString>

namespace StorageCliTest {

using namespace Qt::StringLiterals;

using CliTest::CliResult;
using CliTest::FaultServerProcess;
using CliTest::runCli;

/// The "conversation N, message M" line confab-cli prints on stderr; false if absent.
inline bool parseIds(const QByteArray &err, qint64 *conversation, qint64 *message)
{
    static const QRegularExpression re(u"conversation (\\d+), message (\\d+)"_s);
    const QRegularExpressionMatch m = re.match(QString::fromUtf8(err));
    if (!m.hasMatch())
        return false;
    *conversation = m.captured(1).toLongLong();
    *message = m.captured(2).toLongLong();
    return true;
}

} // namespace StorageCliTest
