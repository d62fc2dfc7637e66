// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "logging.h"

Q_LOGGING_CATEGORY(lcProtocol, "confab.protocol", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "confab.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcResilience, "confab.resilience", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStorage, "confab.storage", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "confab.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "confab.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServer, "confab.server", QtInfoMsg)
