// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// Shared by the end-to-end tests of the real window (Settings, onboarding,
// shortcuts): find items the way a user or a screen reader does, type and
// press keys, save screenshots.
#pragma once

#include "appservices.h"
#include "faultserver.h"
#include "settings/providersettings.h"

#include <QAccessible>
#include <QDir>
#include <QSettings>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace E2E {

/// The first visible item named objectName under item (view delegates have no
/// QObject parent to search, so this walks the visual tree).
inline QQuickItem *findVisible(QQuickItem *item, const QString &objectName)
{
    if (!item || !item->isVisible())
        return nullptr;
    if (item->objectName() == objectName)
        return item;
    const auto children = item->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findVisible(child, objectName))
            return found;
    }
    return nullptr;
}

inline QQuickItem *findVisible(QQuickWindow *window, const QString &objectName)
{
    return findVisible(window->contentItem(), objectName);
}

/// What assistive technology reads for an item (its Accessible.name, or a
/// control's text). Accessibility is switched on first: controls only publish
/// their names while it is active.
inline QString accessibleName(QQuickItem *item)
{
    QAccessible::setActive(true);
    QAccessibleInterface *iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->text(QAccessible::Name) : QString();
}

inline QAccessible::Role accessibleRole(QQuickItem *item)
{
    QAccessible::setActive(true);
    QAccessibleInterface *iface = item ? QAccessible::queryAccessibleInterface(item) : nullptr;
    return iface ? iface->role() : QAccessible::NoRole;
}

/// Every string a visible item shows: text, displayText, placeholderText, title.
inline QStringList visibleTexts(QQuickItem *item)
{
    QStringList out;
    if (!item || !item->isVisible())
        return out;
    for (const char *p : {"text", "displayText", "placeholderText", "title"}) {
        const QVariant v = item->property(p);
        if (v.metaType().id() == QMetaType::QString && !v.toString().isEmpty())
            out << v.toString();
    }
    const auto children = item->childItems();
    for (QQuickItem *child : children)
        out << visibleTexts(child);
    return out;
}

/// Types text into the focused item, one key at a time (ASCII only).
inline void typeText(QQuickWindow *window, const QString &text)
{
    for (const QChar c : text)
        QTest::keyClick(window, c.toLatin1());
}

/// Focuses a text field, selects everything in it and types text over it.
inline void replaceText(QQuickWindow *window, QQuickItem *field, const QString &text)
{
    QVERIFY(field);
    field->forceActiveFocus();
    QVERIFY(field->hasActiveFocus());
    QTest::keyClick(window, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(window, Qt::Key_Delete);
    typeText(window, text);
}

/// Presses a button from the keyboard (focus, then Space), wherever the page
/// is scrolled.
inline void press(QQuickWindow *window, QQuickItem *button)
{
    QVERIFY(button);
    QVERIFY2(button->isEnabled(), qPrintable(button->objectName() + QStringLiteral(" is disabled")));
    button->forceActiveFocus();
    QVERIFY(button->hasActiveFocus());
    QTest::keyClick(window, Qt::Key_Space);
}

inline void click(QQuickWindow *window, QQuickItem *item)
{
    QVERIFY(item);
    const QPointF c = item->mapToScene(QPointF(item->width() / 2, item->height() / 2));
    QTest::mouseClick(window, Qt::LeftButton, {}, c.toPoint());
}

/// Grabs the window into dir/name.png; returns the path ("" on failure).
inline QString screenshot(QQuickWindow *window, const QString &dir, const QString &name)
{
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    return window->grabWindow().save(path) ? path : QString();
}

/// Writes the settings file at settingsPath with the fault server as the
/// only provider (OpenAI-compatible, id "fault"), and as the fallback order.
inline void saveFaultProvider(const QString &settingsPath, const FaultInjection::FaultServer &server)
{
    QSettings s(settingsPath, QSettings::IniFormat);
    ProviderSettings providers(&s);
    ProviderEntry e = ProviderEntry::defaults(ProviderKind::OpenAI, QStringLiteral("fault"));
    e.config.displayName = QStringLiteral("Fault server");
    e.config.baseUrl = QUrl(server.baseUrl().toString() + QStringLiteral("/v1"));
    e.config.defaultModel = QStringLiteral("fake-model");
    QString error;
    QVERIFY2(providers.save(e, &error), qPrintable(error));
    QVERIFY2(providers.setFallbackOrder({QStringLiteral("fault")}, &error), qPrintable(error));
    s.sync();
}

/// Starts the fault server and writes dir/settings.ini with it as the only
/// provider (see saveFaultProvider).
inline void useFaultServer(const QTemporaryDir &dir, FaultInjection::FaultServer &server)
{
    QVERIFY(dir.isValid());
    QVERIFY(server.listen());
    saveFaultProvider(dir.filePath(QStringLiteral("settings.ini")), server);
}

/// The real app: its services, its QML engine and its window. Members go
/// in reverse order: the window before the services it shows.
struct App
{
    std::unique_ptr<AppServices> services;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;

    void stop()
    {
        window = nullptr;
        engine.reset();
        services.reset();
    }
};

/// Starts the app on dir's settings.ini and the database dir/database,
/// with the keychain or without, and waits for its window to be exposed.
/// beforeLoad runs on the started services before the window is made.
inline void start(App &app, const QTemporaryDir &dir, const QString &database,
                  const std::function<void(AppServices &)> &beforeLoad = {}, bool useKeychain = false)
{
    app.services = std::make_unique<AppServices>();
    AppServices::Options o;
    o.databasePath = dir.filePath(database);
    o.settingsPath = dir.filePath(QStringLiteral("settings.ini"));
    o.useKeychain = useKeychain;
    QString error;
    QVERIFY2(app.services->start(o, &error), qPrintable(error));
    if (beforeLoad)
        beforeLoad(*app.services);
    app.engine = std::make_unique<QQmlApplicationEngine>();
    QVERIFY(app.services->load(*app.engine));
    app.window = qobject_cast<QQuickWindow *>(app.engine->rootObjects().constFirst());
    QVERIFY(app.window);
    QVERIFY(QTest::qWaitForWindowExposed(app.window));
}

} // namespace E2E
