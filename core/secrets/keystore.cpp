// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "keystore.h"

#include "confabversion.h"
#include "redact.h"
#include "util/logging.h"

#include <qt6keychain/keychain.h>

using namespace Qt::Literals::StringLiterals;

namespace {
QString operationText(KeyStore::Operation op)
{
    switch (op) {
    case KeyStore::Operation::Read: return u"reading"_s;
    case KeyStore::Operation::Write: return u"saving"_s;
    case KeyStore::Operation::Delete: return u"deleting"_s;
    }
    return {};
}

bool meansNoService(QKeychain::Error error, const QString &text)
{
    if (error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented)
        return true;
    // libsecret without a session bus or without a Secret Service on it.
    return error == QKeychain::OtherError
        && (text.contains("D-Bus"_L1, Qt::CaseInsensitive) || text.contains("DBus"_L1, Qt::CaseInsensitive)
            || text.contains("org.freedesktop.secrets"_L1) || text.contains("secret service"_L1, Qt::CaseInsensitive));
}
} // namespace

KeyStore::KeyStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

KeyStore::KeyStore(QObject *parent)
    : KeyStore(QStringLiteral(CONFAB_APP_ID), parent)
{
}

QString KeyStore::environmentVariable(ProviderKind kind)
{
    switch (kind) {
    case ProviderKind::OpenAI: return u"OPENAI_API_KEY"_s;
    case ProviderKind::Anthropic: return u"ANTHROPIC_API_KEY"_s;
    case ProviderKind::Ollama: return {};
    }
    return {};
}

QString KeyStore::environmentKey(ProviderKind kind)
{
    const QString var = environmentVariable(kind);
    return var.isEmpty() ? QString() : qEnvironmentVariable(var.toLatin1().constData()).trimmed();
}

void KeyStore::remember(const QString &key)
{
    if (!key.isEmpty() && !m_seen.contains(key))
        m_seen.append(key);
}

QStringList KeyStore::knownSecrets() const
{
    QStringList all = m_seen;
    for (const QString &k : m_sessionKeys)
        all.append(k);
    for (ProviderKind kind : {ProviderKind::OpenAI, ProviderKind::Anthropic}) {
        const QString env = environmentKey(kind);
        if (!env.isEmpty())
            all.append(env);
    }
    return all;
}

void KeyStore::setSessionKey(const QString &providerId, const QString &key)
{
    m_sessionKeys.insert(providerId, key);
}

void KeyStore::readKey(const QString &providerId)
{
    startJob(new QKeychain::ReadPasswordJob(m_service, this), providerId, Operation::Read);
}

void KeyStore::writeKey(const QString &providerId, const QString &key)
{
    remember(key);
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setTextData(key);
    startJob(job, providerId, Operation::Write);
}

void KeyStore::deleteKey(const QString &providerId)
{
    startJob(new QKeychain::DeletePasswordJob(m_service, this), providerId, Operation::Delete);
}

void KeyStore::startJob(QKeychain::Job *job, const QString &providerId, Operation operation)
{
    job->setKey(providerId);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plaintext in QSettings
    connect(job, &QKeychain::Job::finished, this, [this, providerId, operation](QKeychain::Job *j) {
        const QKeychain::Error error = j->error();
        if (error == QKeychain::NoError) {
            switch (operation) {
            case Operation::Read: {
                const QString key = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                remember(key);
                Q_EMIT keyRead(providerId, key);
                break;
            }
            case Operation::Write: Q_EMIT keyWritten(providerId); break;
            case Operation::Delete: Q_EMIT keyDeleted(providerId); break;
            }
            return;
        }
        if (error == QKeychain::EntryNotFound) {
            if (operation == Operation::Delete)
                Q_EMIT keyDeleted(providerId); // already gone: the wish is fulfilled
            else
                Q_EMIT keyNotFound(providerId);
            return;
        }
        const QString detail = Redact::redactSecrets(j->errorString(), knownSecrets());
        const bool noService = meansNoService(error, detail);
        QString message;
        if (noService) {
            m_unavailable = true;
            message = u"No keychain service is available (%1). Confab never stores API keys in plain text: "
                      "enter the key for this session only (kept in memory until Confab quits), or use the "
                      "OPENAI_API_KEY / ANTHROPIC_API_KEY environment variable."_s
                          .arg(detail);
            m_unavailableMessage = message;
        } else {
            message = u"Keychain error while %1 the key of provider '%2': %3"_s.arg(operationText(operation), providerId, detail);
        }
        qCWarning(lcSecrets).noquote() << message;
        Q_EMIT failed(providerId, operation, message, noService);
    });
    job->start();
}
