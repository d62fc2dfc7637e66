// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "colorscheme.h"

#include <QGuiApplication>
#include <QPalette>
#include <QStyleHints>

using namespace Qt::Literals::StringLiterals;

namespace {
QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4c, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x42, 0x46));
    p.setColor(QPalette::Mid, QColor(0x30, 0x32, 0x35));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x84, 0xe4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x78, 0xae, 0xf0));
    p.setColor(QPalette::LinkVisited, QColor(0xb0, 0x90, 0xe8));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabledText);
    return p;
}

void applyPalette(Qt::ColorScheme scheme)
{
    // The light palette is the platform's own; dark is ours, because some
    // platforms (and the offscreen one) give no dark palette.
    QGuiApplication::setPalette(scheme == Qt::ColorScheme::Dark ? darkPalette() : QPalette());
}
} // namespace

namespace ColorScheme {

bool isValidName(const QString &name)
{
    return name.isEmpty() || name == "system"_L1 || name == "light"_L1 || name == "dark"_L1;
}

void apply(QGuiApplication &app, const QString &forced)
{
    QStyleHints *hints = QGuiApplication::styleHints();
    if (forced == "light"_L1 || forced == "dark"_L1) {
        const auto scheme = forced == "dark"_L1 ? Qt::ColorScheme::Dark : Qt::ColorScheme::Light;
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
        hints->setColorScheme(scheme); // also tells the platform (title bars)
#endif
        applyPalette(scheme);
        return;
    }
    applyPalette(hints->colorScheme());
    QObject::connect(hints, &QStyleHints::colorSchemeChanged, &app, [](Qt::ColorScheme scheme) { applyPalette(scheme); });
}

} // namespace ColorScheme
