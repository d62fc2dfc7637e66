// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "appservices.h"

#include "offlinenetwork.h"

#include "controllers/apiservercontroller.h"
#include "controllers/conversationscontroller.h"
#include "controllers/localserverprobe.h"
#include "controllers/providerdirectory.h"
#include "net/requestfactory.h"
#include "secrets/keystore.h"
#include "storage/asyncstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QQmlApplicationEngine>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

AppServices::AppServices() = default;

AppServices::~AppServices()
{
    // Controllers first (they finish saving), then the store drains its queue.
    m_apiServer.reset();
    m_conversations.reset();
    if (m_store)
        m_store->waitForIdle();
}

bool AppServices::start(const Options &options, QString *error)
{
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_factory = std::make_unique<RequestFactory>(m_nam.get());
    m_settings = options.settingsPath.isEmpty() ? std::make_unique<QSettings>()
                                                : std::make_unique<QSettings>(options.settingsPath, QSettings::IniFormat);
    m_store = std::make_unique<AsyncStore>();
    // Opening is the one wait at start-up (nothing can show before it): a
    // blocking wait for the worker, not a nested event loop.
    m_store->open(options.databasePath.isEmpty() ? Store::defaultPath() : options.databasePath, Store::Options{},
                  nullptr, {});
    StoreError openError;
    bool isOpen = false;
    m_store->post([&openError, &isOpen](Store &s) {
        openError = s.lastError();
        isOpen = s.isOpen();
    });
    m_store->waitForIdle();
    if (!isOpen && !openError.isError())
        openError = {StoreError::Kind::Io, u"could not open the conversation database"_s};
    if (openError.isError()) {
        *error = openError.message;
        return false;
    }
    if (options.useKeychain)
        m_keys = std::make_unique<KeyStore>();
    m_providers = std::make_unique<ProviderDirectory>(m_settings.get(), m_keys.get(), m_factory.get());
    m_probe = std::make_unique<LocalServerProbe>(m_nam.get());
    m_conversations = std::make_unique<ConversationsController>(m_store.get(), m_factory.get(), m_providers.get());
    // Off unless the user turned it on in Settings (apiServer/enabled).
    m_apiServer = std::make_unique<ApiServerController>(m_settings.get(), m_providers.get(), m_factory.get(),
                                                        m_store.get());
    // A stored API exchange shows up in the sidebar.
    QObject::connect(m_apiServer.get(), &ApiServerController::exchangeStored, m_conversations.get(),
                     &ConversationsController::refresh);
    return true;
}

bool AppServices::importDemo(const QString &jsonPath, QString *error)
{
    QFile f(jsonPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the demo file '%1': %2"_s.arg(jsonPath, f.errorString());
        return false;
    }
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    if (!m_providers->hasProviders()) {
        const QJsonObject p = root.value("provider"_L1).toObject();
        m_providers->saveProvider(p.value("kind"_L1).toString(), p.value("id"_L1).toString(),
                                  p.value("name"_L1).toString(), p.value("baseUrl"_L1).toString(),
                                  p.value("model"_L1).toString(), 4, 60);
    }
    const QJsonArray conversations = root.value("conversations"_L1).toArray();
    const QString providerId = m_providers->defaultProviderId();
    m_store->post([conversations, providerId](Store &s) {
        for (const QJsonValue &cv : conversations) {
            const QJsonObject c = cv.toObject();
            StoredConversation conv;
            conv.title = c.value("title"_L1).toString();
            conv.providerId = providerId;
            const qint64 id = s.createConversation(conv);
            for (const QJsonValue &mv : c.value("messages"_L1).toArray()) {
                const QJsonObject o = mv.toObject();
                StoredMessage m;
                m.conversationId = id;
                roleFromName(o.value("role"_L1).toString(), &m.role);
                m.content = o.value("content"_L1).toString();
                m.thinking = o.value("thinking"_L1).toString();
                messageStateFromName(o.value("state"_L1).toString(u"complete"_s), &m.state);
                m.errorKind = o.value("errorKind"_L1).toString();
                m.errorMessage = o.value("errorMessage"_L1).toString();
                m.inputTokens = o.value("inputTokens"_L1).toInteger(-1);
                m.outputTokens = o.value("outputTokens"_L1).toInteger(-1);
                m.model = o.value("model"_L1).toString();
                m.providerId = m.role == ChatMessage::Role::Assistant ? providerId : QString();
                s.appendMessage(m);
            }
        }
    });
    m_store->waitForIdle();
    return true;
}

bool AppServices::load(QQmlApplicationEngine &engine)
{
    if (!m_offline)
        m_offline = std::make_unique<OfflineNetworkFactory>();
    engine.setNetworkAccessManagerFactory(m_offline.get());
    engine.setInitialProperties({
        {u"conversations"_s, QVariant::fromValue(m_conversations.get())},
        {u"providers"_s, QVariant::fromValue(m_providers.get())},
        {u"probe"_s, QVariant::fromValue(m_probe.get())},
        {u"apiServer"_s, QVariant::fromValue(m_apiServer.get())},
    });
    engine.loadFromModule("Confab", "Main");
    if (engine.rootObjects().isEmpty())
        return false;
    m_conversations->openMostRecent();
    return true;
}
