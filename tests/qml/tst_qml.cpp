// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

// The Confab QML module is a static plugin: import it so `import Confab` works.
Q_IMPORT_QML_PLUGIN(ConfabPlugin)

QUICK_TEST_MAIN(confab)
