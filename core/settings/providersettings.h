// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

class QSettings;

/// One provider's settings: where it is and how patiently to talk to it.
/// Never holds an API key (those live in the keychain, see KeyStore).
struct ProviderEntry {
    ProviderConfig config;          ///< kind, id, display name, base URL, default model
    int maxRetries = 4;             ///< retries of one request (0..20)
    int connectTimeoutMs = 15000;   ///< until response headers
    int firstByteTimeoutMs = 60000; ///< until the first body byte
    int idleTimeoutMs = 60000;      ///< between bytes (keep-alives count)
    int totalTimeoutMs = 600000;    ///< the whole stream

    /// Sensible defaults for a kind (base URL of the official endpoint, or
    /// the local Ollama server).
    static ProviderEntry defaults(ProviderKind kind, const QString &id);
};

/// Providers in QSettings, under "providers/<id>/…", plus "fallbackOrder".
/// Everything read is validated: a bad URL, an unknown kind or a
/// non-numeric/out-of-range value gives an error naming the setting, and the
/// default is kept for it. save() validates first and writes nothing when
/// invalid. Keys never go into settings; a stray "apiKey" is ignored on load
/// and removed on save.
class ProviderSettings
{
public:
    explicit ProviderSettings(QSettings *settings);

    /// "" when valid, else what is wrong (naming the field).
    static QString validate(const ProviderEntry &entry);
    /// [a-z0-9][a-z0-9._-]*, at most 64 characters.
    static bool isValidId(const QString &id);

    QStringList providerIds() const;
    /// Loads one provider; problems are appended to errors (may be null).
    /// nullopt when it does not exist or its kind is unusable.
    std::optional<ProviderEntry> provider(const QString &id, QStringList *errors) const;
    /// Every provider that loads; problems appended to errors.
    QList<ProviderEntry> providers(QStringList *errors) const;

    bool save(const ProviderEntry &entry, QString *error);
    void remove(const QString &id);

    /// Provider ids to try in order when one fails; unknown ids are dropped.
    QStringList fallbackOrder() const;
    bool setFallbackOrder(const QStringList &ids, QString *error);

private:
    QSettings *m_settings;
};
