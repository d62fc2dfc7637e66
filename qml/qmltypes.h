// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

// QML registrations for confabcore types. confabcore itself does not depend on
// QtQml; the types it exposes to QML are declared here with QML_FOREIGN.
#include <QtQml/qqmlregistration.h>
