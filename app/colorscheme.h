// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QString>

class QGuiApplication;

/// Light or dark: follows the system colour scheme (QStyleHints) and keeps
/// following it while the app runs, unless forced (--color-scheme, for
/// screenshots and tests). Sets a matching application palette, which the
/// Qt Quick Controls (Fusion) and Confab's views take their colours from.
namespace ColorScheme {

/// "system", "light" or "dark"; false for anything else.
bool isValidName(const QString &name);
/// Applies the scheme named by forced ("system" or "" follows the system).
void apply(QGuiApplication &app, const QString &forced);

} // namespace ColorScheme
