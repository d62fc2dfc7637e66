// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QString>
#include <memory>

class ApiServerController;
class AsyncStore;
class ConversationsController;
class KeyStore;
class LocalServerProbe;
class OfflineNetworkFactory;
class ProviderDirectory;
class QNetworkAccessManager;
class QQmlApplicationEngine;
class QSettings;
class RequestFactory;

/// Every service of the desktop app, created once (in main, or by the
/// end-to-end test) and handed to Main.qml as initial properties.
class AppServices
{
public:
    struct Options {
        QString databasePath;  ///< "" = Store::defaultPath()
        QString settingsPath;  ///< "" = the platform's QSettings; else an INI file
        bool useKeychain = true;
    };

    AppServices();
    ~AppServices();

    /// Opens the database (blocking until open), builds the controllers.
    /// On failure returns false with a message naming the file and problem.
    bool start(const Options &options, QString *error);
    /// Imports the demo conversations (JSON as in resources/demo/demo.json)
    /// and configures a demo provider when none exists.
    bool importDemo(const QString &jsonPath, QString *error);
    /// Sets the initial properties and loads Confab/Main, with no network
    /// for the QML engine itself (OfflineNetworkFactory).
    bool load(QQmlApplicationEngine &engine);

    ConversationsController *conversations() const { return m_conversations.get(); }
    ProviderDirectory *providers() const { return m_providers.get(); }
    AsyncStore *store() const { return m_store.get(); }
    QSettings *settings() const { return m_settings.get(); }
    ApiServerController *apiServer() const { return m_apiServer.get(); }
    /// The first-run probe; tests point it at their own server (setCandidates()) before load().
    LocalServerProbe *probe() const { return m_probe.get(); }

private:
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<RequestFactory> m_factory;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<AsyncStore> m_store;
    std::unique_ptr<KeyStore> m_keys;
    std::unique_ptr<ProviderDirectory> m_providers;
    std::unique_ptr<LocalServerProbe> m_probe;
    std::unique_ptr<ConversationsController> m_conversations;
    std::unique_ptr<ApiServerController> m_apiServer;
    std::unique_ptr<OfflineNetworkFactory> m_offline;
};
