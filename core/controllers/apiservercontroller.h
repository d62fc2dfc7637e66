// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"

#include <QObject>
#include <QString>
#include <memory>

class ApiServer;
class AsyncStore;
class ProviderDirectory;
class QSettings;
class RequestFactory;
class ResilientBackend;

/// The Settings page's switch for the local API server (docs/server.md).
/// Off by default. When enabled it runs an ApiServer on 127.0.0.1:port with
/// the configured providers (the default provider first, then the fallback
/// order, keys from ProviderDirectory). enabled, port and storeRequests are
/// kept in QSettings under "apiServer/"; the bearer token is not persisted:
/// a fresh one is generated per controller (per app run) or on request.
/// When storeRequests is on, every finished exchange is saved as a new
/// conversation; when off, nothing the server relays is stored.
class ApiServerController : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool enabled READ isEnabled WRITE setEnabled NOTIFY enabledChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged)
    Q_PROPERTY(bool storeRequests READ storeRequests WRITE setStoreRequests NOTIFY storeRequestsChanged)
    /// True while the server is listening.
    Q_PROPERTY(bool running READ isRunning NOTIFY stateChanged)
    /// http://127.0.0.1:PORT/v1 while running, else "".
    Q_PROPERTY(QString url READ url NOTIFY stateChanged)
    /// The bearer token clients must send (valid while running).
    Q_PROPERTY(QString token READ token NOTIFY stateChanged)
    /// Why the server is not running although enabled; "" otherwise.
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)

public:
    static constexpr int DefaultPort = 8741;

    /// store may be null (then storeRequests has no effect). Every pointer
    /// must outlive the controller. Starts the server when the saved setting
    /// says enabled.
    ApiServerController(QSettings *settings, ProviderDirectory *providers, RequestFactory *factory,
                        AsyncStore *store, QObject *parent = nullptr);
    ~ApiServerController() override;

    bool isEnabled() const { return m_enabled; }
    void setEnabled(bool enabled);
    int port() const { return m_port; }
    /// 1..65535; other values are ignored.
    void setPort(int port);
    bool storeRequests() const { return m_storeRequests; }
    void setStoreRequests(bool store);

    bool isRunning() const;
    QString url() const;
    QString token() const;
    QString errorString() const { return m_error; }

    /// A new token; a running server restarts with it (old clients get 401).
    Q_INVOKABLE void regenerateToken();

Q_SIGNALS:
    void enabledChanged();
    void portChanged();
    void storeRequestsChanged();
    void stateChanged();
    /// A finished exchange was saved as conversation id (storeRequests on).
    void exchangeStored(qint64 conversationId);

private:
    void apply();
    void stop();
    void onExchangeFinished(const ChatRequest &request, const ChatMessage &answer, bool complete);

    QSettings *m_settings;
    ProviderDirectory *m_providers;
    RequestFactory *m_factory;
    AsyncStore *m_store;
    bool m_enabled = false;
    int m_port = DefaultPort;
    bool m_storeRequests = false;
    QByteArray m_token;
    QString m_error;
    QString m_primaryId;
    std::unique_ptr<ResilientBackend> m_backend;
    std::unique_ptr<ApiServer> m_server;
};
