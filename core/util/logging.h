// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QLoggingCategory>

// One logging category per area. Enable with e.g.
//   QT_LOGGING_RULES="confab.net.debug=true"
Q_DECLARE_LOGGING_CATEGORY(lcProtocol)   // confab.protocol
Q_DECLARE_LOGGING_CATEGORY(lcNet)        // confab.net
Q_DECLARE_LOGGING_CATEGORY(lcResilience) // confab.resilience
Q_DECLARE_LOGGING_CATEGORY(lcStorage)    // confab.storage
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)    // confab.secrets
Q_DECLARE_LOGGING_CATEGORY(lcUi)         // confab.ui
Q_DECLARE_LOGGING_CATEGORY(lcServer)     // confab.server
