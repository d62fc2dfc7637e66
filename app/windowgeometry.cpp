// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "windowgeometry.h"

#include <QGuiApplication>
#include <QScreen>
#include <QSettings>
#include <QWindow>

#include <algorithm>

namespace {
const QString Key = QStringLiteral("window/geometry");
constexpr int MinWidth = 640;
constexpr int MinHeight = 420;
// At least this much of the window must be on a screen to leave it there.
constexpr int MinVisible = 100;
} // namespace

namespace WindowGeometry {

void restore(QWindow *window, const QSettings &settings)
{
    const QVariant value = settings.value(Key);
    if (!window || value.metaType().id() != QMetaType::QRect)
        return;
    QRect r = value.toRect();
    if (!r.isValid() || r.width() < MinWidth || r.height() < MinHeight)
        return;
    const auto screens = QGuiApplication::screens();
    const bool onAScreen = std::any_of(screens.begin(), screens.end(), [&r](const QScreen *s) {
        const QRect seen = s->availableGeometry().intersected(r);
        return seen.width() >= MinVisible && seen.height() >= MinVisible;
    });
    if (!onAScreen) {
        if (const QScreen *primary = QGuiApplication::primaryScreen())
            r.moveTopLeft(primary->availableGeometry().topLeft());
    }
    window->setGeometry(r);
}

void save(const QWindow *window, QSettings &settings)
{
    if (window)
        settings.setValue(Key, window->geometry());
}

} // namespace WindowGeometry
