// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "resilience/resilientstream.h"
#include "settings/providersettings.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <optional>

class KeyStore;
class QSettings;
class RequestFactory;

/// The configured providers as the UI sees them: a list for the picker and
/// the settings page, the stream targets (with keys from the keychain or the
/// environment) for the chat controllers, and "Test connection".
/// Keys are read from the KeyStore once at start and when saved; they are
/// only handed to ResilientStream, never exposed to QML.
class ProviderDirectory : public QObject
{
    Q_OBJECT
    /// [{id, name, kind, baseUrl, defaultModel, hasKey, keyStorage, maxRetries, timeoutSeconds}];
    /// keyStorage: "keychain", "session" (the keychain refused it), "environment" or "".
    Q_PROPERTY(QVariantList providers READ providersVariant NOTIFY providersChanged)
    Q_PROPERTY(bool hasProviders READ hasProviders NOTIFY providersChanged)
    Q_PROPERTY(QStringList fallbackOrder READ fallbackOrder NOTIFY providersChanged)
    /// Problems found in the saved settings (each names the setting).
    Q_PROPERTY(QStringList settingsErrors READ settingsErrors NOTIFY providersChanged)

public:
    /// keys may be null (no keychain): only environment keys are used.
    ProviderDirectory(QSettings *settings, KeyStore *keys, RequestFactory *factory, QObject *parent = nullptr);

    QVariantList providersVariant() const;
    bool hasProviders() const { return !m_entries.isEmpty(); }
    QStringList fallbackOrder() const;
    QStringList settingsErrors() const { return m_errors; }

    std::optional<ProviderEntry> entry(const QString &id) const;
    /// The provider new chats use: the first of the fallback order, else the first one.
    Q_INVOKABLE QString defaultProviderId() const;
    /// Where to stream for a provider (model "" = its default); nullopt when unknown.
    std::optional<ProviderTarget> target(const QString &id, const QString &model) const;
    /// The other providers of the fallback order, in order.
    QList<ProviderTarget> fallbacks(const QString &primaryId) const;
    /// Retry and timeout knobs of a provider.
    ResilienceOptions resilience(const QString &id) const;
    /// The display name of a provider id (the id itself when unknown).
    Q_INVOKABLE QString displayName(const QString &id) const;

    /// Adds or replaces a provider; returns "" or the problem (naming the field).
    Q_INVOKABLE QString saveProvider(const QString &kind, const QString &id, const QString &name,
                                     const QString &baseUrl, const QString &defaultModel, int maxRetries,
                                     int timeoutSeconds);
    Q_INVOKABLE void removeProvider(const QString &id);
    /// Stores the key in the keychain (empty: deletes it).
    Q_INVOKABLE void setApiKey(const QString &id, const QString &key);
    Q_INVOKABLE QString setFallbackOrder(const QStringList &ids);
    /// Lists the provider's models; testFinished() follows.
    Q_INVOKABLE void testConnection(const QString &id);
    /// Every key seen, for redaction.
    QStringList knownSecrets() const;

Q_SIGNALS:
    void providersChanged();
    void testFinished(const QString &id, bool ok, const QString &message, const QStringList &models);
    /// A keychain problem in plain words (never contains a key).
    void keyProblem(const QString &message);

private:
    void reload();
    QString keyFor(const ProviderEntry &e) const;
    QString keyStorage(const ProviderEntry &e) const;

    QSettings *m_qsettings;
    ProviderSettings m_settings;
    QPointer<KeyStore> m_keys;
    RequestFactory *m_factory;
    QList<ProviderEntry> m_entries;
    QStringList m_errors;
    QHash<QString, QString> m_keyCache; ///< provider id -> key from the keychain
};
