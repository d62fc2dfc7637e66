// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace QKeychain { class Job; }

/// API keys, one per provider id: in the OS keychain (QtKeychain; service =
/// the app id), from the environment (OPENAI_API_KEY, ANTHROPIC_API_KEY) when
/// the user chooses it, or, when no keychain service exists, held in memory
/// for this session only. Never written anywhere in plain text: QtKeychain's
/// insecure fallback is always off. Keys never appear in signals other than
/// keyRead(), nor in any error message.
///
/// Keychain operations are asynchronous (QtKeychain jobs); each finishes with
/// exactly one of its success signals or failed().
class KeyStore : public QObject
{
    Q_OBJECT
public:
    enum class Operation { Read, Write, Delete };
    Q_ENUM(Operation)

    /// service: the keychain service name; the app id (CONFAB_APP_ID) unless a test isolates itself.
    explicit KeyStore(const QString &service, QObject *parent = nullptr);
    explicit KeyStore(QObject *parent = nullptr);

    QString service() const { return m_service; }

    /// "OPENAI_API_KEY", "ANTHROPIC_API_KEY", or "" (Ollama needs none).
    static QString environmentVariable(ProviderKind kind);
    /// The key from the environment for this provider kind, or "".
    static QString environmentKey(ProviderKind kind);

    void readKey(const QString &providerId);
    void writeKey(const QString &providerId, const QString &key);
    void deleteKey(const QString &providerId);

    /// True once a keychain job found no keychain service; see unavailableMessage().
    bool isKeychainUnavailable() const { return m_unavailable; }
    /// What to tell the user when there is no keychain service.
    QString unavailableMessage() const { return m_unavailableMessage; }

    /// The in-memory fallback: kept until the process ends, never saved.
    void setSessionKey(const QString &providerId, const QString &key);
    QString sessionKey(const QString &providerId) const { return m_sessionKeys.value(providerId); }
    void clearSessionKeys() { m_sessionKeys.clear(); }

    /// Every key this object has seen (read, written, session, environment),
    /// for Redact::redactSecrets().
    QStringList knownSecrets() const;

Q_SIGNALS:
    void keyRead(const QString &providerId, const QString &key);
    void keyNotFound(const QString &providerId);
    void keyWritten(const QString &providerId);
    void keyDeleted(const QString &providerId);
    /// A keychain job failed. keychainUnavailable: there is no keychain
    /// service at all (offer setSessionKey()). message never contains a key.
    void failed(const QString &providerId, KeyStore::Operation operation, const QString &message,
                bool keychainUnavailable);

private:
    void startJob(QKeychain::Job *job, const QString &providerId, Operation operation);
    void remember(const QString &key);

    QString m_service;
    QHash<QString, QString> m_sessionKeys;
    QStringList m_seen;
    bool m_unavailable = false;
    QString m_unavailableMessage;
};
