// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "providerdirectory.h"

#include "net/requestfactory.h"
#include "protocol/anthropicadapter.h"
#include "protocol/provideradapter.h"
#include "secrets/keystore.h"
#include "secrets/redact.h"
#include "controllers/localserverprobe.h"

#include <QNetworkReply>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

ProviderDirectory::ProviderDirectory(QSettings *settings, KeyStore *keys, RequestFactory *factory, QObject *parent)
    : QObject(parent)
    , m_qsettings(settings)
    , m_settings(settings)
    , m_keys(keys)
    , m_factory(factory)
{
    if (m_keys) {
        connect(m_keys, &KeyStore::keyRead, this, [this](const QString &id, const QString &key) {
            m_keyCache.insert(id, key);
            Q_EMIT providersChanged();
        });
        connect(m_keys, &KeyStore::keyNotFound, this, [this](const QString &id) { m_keyCache.remove(id); });
        connect(m_keys, &KeyStore::failed, this,
                [this](const QString &id, KeyStore::Operation operation, const QString &message, bool) {
                    // A key the keychain refused is kept for this session only
                    // (never written elsewhere), and the page no longer says "in the keychain".
                    if (operation == KeyStore::Operation::Write) {
                        if (const QString key = m_keyCache.take(id); !key.isEmpty()) {
                            m_keys->setSessionKey(id, key);
                            Q_EMIT providersChanged();
                        }
                    }
                    Q_EMIT keyProblem(message);
                });
    }
    reload();
    if (m_keys) {
        for (const ProviderEntry &e : std::as_const(m_entries)) {
            if (e.config.kind != ProviderKind::Ollama)
                m_keys->readKey(e.config.id);
        }
    }
}

void ProviderDirectory::reload()
{
    m_errors.clear();
    m_entries = m_settings.providers(&m_errors);
    Q_EMIT providersChanged();
}

QString ProviderDirectory::keyFor(const ProviderEntry &e) const
{
    const QString cached = m_keyCache.value(e.config.id);
    if (!cached.isEmpty())
        return cached;
    if (m_keys && !m_keys->sessionKey(e.config.id).isEmpty())
        return m_keys->sessionKey(e.config.id);
    return KeyStore::environmentKey(e.config.kind);
}

QString ProviderDirectory::keyStorage(const ProviderEntry &e) const
{
    if (!m_keyCache.value(e.config.id).isEmpty())
        return u"keychain"_s;
    if (m_keys && !m_keys->sessionKey(e.config.id).isEmpty())
        return u"session"_s;
    return KeyStore::environmentKey(e.config.kind).isEmpty() ? QString() : u"environment"_s;
}

QVariantList ProviderDirectory::providersVariant() const
{
    QVariantList out;
    for (const ProviderEntry &e : m_entries) {
        out.append(QVariantMap{
            {u"id"_s, e.config.id},
            {u"name"_s, e.config.displayName.isEmpty() ? e.config.id : e.config.displayName},
            {u"kind"_s, providerKindName(e.config.kind)},
            {u"baseUrl"_s, e.config.baseUrl.toString()},
            {u"defaultModel"_s, e.config.defaultModel},
            {u"hasKey"_s, !keyFor(e).isEmpty()},
            {u"keyStorage"_s, keyStorage(e)},
            {u"maxRetries"_s, e.maxRetries},
            {u"timeoutSeconds"_s, e.idleTimeoutMs / 1000},
        });
    }
    return out;
}

QStringList ProviderDirectory::fallbackOrder() const
{
    return m_settings.fallbackOrder();
}

std::optional<ProviderEntry> ProviderDirectory::entry(const QString &id) const
{
    for (const ProviderEntry &e : m_entries) {
        if (e.config.id == id)
            return e;
    }
    return std::nullopt;
}

QString ProviderDirectory::defaultProviderId() const
{
    for (const QString &id : fallbackOrder()) {
        if (entry(id))
            return id;
    }
    return m_entries.isEmpty() ? QString() : m_entries.constFirst().config.id;
}

std::optional<ProviderTarget> ProviderDirectory::target(const QString &id, const QString &model) const
{
    const auto e = entry(id);
    if (!e)
        return std::nullopt;
    ProviderTarget t;
    t.config = e->config;
    t.apiKey = keyFor(*e);
    t.model = model.isEmpty() ? e->config.defaultModel : model;
    return t;
}

QList<ProviderTarget> ProviderDirectory::fallbacks(const QString &primaryId) const
{
    QList<ProviderTarget> out;
    for (const QString &id : fallbackOrder()) {
        if (id == primaryId)
            continue;
        if (auto t = target(id, {}))
            out.append(*t);
    }
    return out;
}

ResilienceOptions ProviderDirectory::resilience(const QString &id) const
{
    ResilienceOptions o;
    if (const auto e = entry(id)) {
        o.retry.maxAttempts = e->maxRetries + 1;
        o.stream.connectTimeoutMs = e->connectTimeoutMs;
        o.stream.firstByteTimeoutMs = e->firstByteTimeoutMs;
        o.stream.idleTimeoutMs = e->idleTimeoutMs;
        o.stream.totalTimeoutMs = e->totalTimeoutMs;
    }
    return o;
}

QString ProviderDirectory::displayName(const QString &id) const
{
    const auto e = entry(id);
    return e && !e->config.displayName.isEmpty() ? e->config.displayName : id;
}

QString ProviderDirectory::saveProvider(const QString &kind, const QString &id, const QString &name,
                                        const QString &baseUrl, const QString &defaultModel, int maxRetries,
                                        int timeoutSeconds)
{
    ProviderKind k;
    if (!providerKindFromName(kind, &k))
        return tr("Unknown provider type “%1”.").arg(kind);
    ProviderEntry e = entry(id).value_or(ProviderEntry::defaults(k, id));
    e.config.kind = k;
    e.config.id = id;
    e.config.displayName = name;
    if (!baseUrl.isEmpty())
        e.config.baseUrl = QUrl(baseUrl);
    e.config.defaultModel = defaultModel;
    e.maxRetries = maxRetries;
    if (timeoutSeconds > 0)
        e.idleTimeoutMs = timeoutSeconds * 1000;
    QString error;
    if (!m_settings.save(e, &error))
        return error;
    QStringList order = fallbackOrder();
    if (!order.contains(id)) {
        order.append(id);
        m_settings.setFallbackOrder(order, &error);
    }
    reload();
    return {};
}

void ProviderDirectory::removeProvider(const QString &id)
{
    m_settings.remove(id);
    if (m_keys) {
        m_keys->deleteKey(id);
        m_keys->setSessionKey(id, {});
    }
    m_keyCache.remove(id);
    reload();
}

void ProviderDirectory::setApiKey(const QString &id, const QString &key)
{
    if (!m_keys)
        return;
    if (key.isEmpty()) {
        m_keys->deleteKey(id);
        m_keys->setSessionKey(id, {});
        m_keyCache.remove(id);
    } else {
        m_keys->writeKey(id, key);
        m_keyCache.insert(id, key);
    }
    Q_EMIT providersChanged();
}

QString ProviderDirectory::setFallbackOrder(const QStringList &ids)
{
    QString error;
    if (!m_settings.setFallbackOrder(ids, &error))
        return error;
    Q_EMIT providersChanged();
    return {};
}

void ProviderDirectory::testConnection(const QString &id)
{
    const auto t = target(id, {});
    if (!t || !m_factory) {
        Q_EMIT testFinished(id, false, tr("Unknown provider."), {});
        return;
    }
    const auto adapter = ProviderAdapter::create(t->config.kind);
    QNetworkRequest request;
    QString error;
    if (!m_factory->modelsRequest(adapter->modelsUrl(t->config), adapter->authHeader(t->apiKey), &request, &error)) {
        Q_EMIT testFinished(id, false, error, {});
        return;
    }
    request.setTransferTimeout(10000);
    if (t->config.kind == ProviderKind::Anthropic) { // the Models API refuses requests without it
        const auto version = AnthropicAdapter::versionHeader();
        request.setRawHeader(version.first, version.second);
    }
    QNetworkReply *reply = m_factory->get(request);
    const QStringList secrets = knownSecrets();
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, secrets] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError && !(status >= 200 && status < 300)) {
            const QString why = status > 0 ? tr("The server answered %1.").arg(status) : reply->errorString();
            Q_EMIT testFinished(id, false, Redact::redactSecrets(why, secrets), {});
            return;
        }
        const QStringList models = LocalServerProbe::parseModels(reply->readAll());
        Q_EMIT testFinished(id, true, tr("Connected: %n model(s) available.", nullptr, int(models.size())), models);
    });
}

QStringList ProviderDirectory::knownSecrets() const
{
    QStringList out = m_keys ? m_keys->knownSecrets() : QStringList();
    for (const QString &k : m_keyCache)
        out.append(k);
    return out;
}
