// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

class QSettings;
class QWindow;

/// The main window's place and size, remembered between runs (key
/// "window/geometry" of the app's settings).
namespace WindowGeometry {

/// Puts the window where it was when save() last ran, if that still makes
/// sense: a value that is not a rectangle, or one smaller than 640x420, is
/// ignored; a window that would be off every screen now (a monitor was
/// unplugged) keeps its size and moves onto the primary screen.
void restore(QWindow *window, const QSettings &settings);
/// Remembers the window's place and size.
void save(const QWindow *window, QSettings &settings);

} // namespace WindowGeometry
