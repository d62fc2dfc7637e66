// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "apiservercontroller.h"

#include "controllers/providerdirectory.h"
#include "server/apiserver.h"
#include "server/resilientbackend.h"
#include "storage/asyncstore.h"
#include "util/logging.h"
#include "secrets/redact.h"

#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kEnabled = u"apiServer/enabled"_s;
const QString kPort = u"apiServer/port"_s;
const QString kStore = u"apiServer/storeRequests"_s;

QString titleFor(const ChatRequest &request)
{
    for (const ChatMessage &m : request.messages) {
        if (m.role != ChatMessage::Role::User)
            continue;
        QString t = m.content.simplified();
        if (t.size() > 60)
            t = t.left(59) + QChar(0x2026);
        if (!t.isEmpty())
            return t;
    }
    return u"API request"_s;
}
} // namespace

ApiServerController::ApiServerController(QSettings *settings, ProviderDirectory *providers,
                                         RequestFactory *factory, AsyncStore *store, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_providers(providers)
    , m_factory(factory)
    , m_store(store)
    , m_token(ApiServer::generateToken())
{
    if (m_settings) {
        m_enabled = m_settings->value(kEnabled, false).toBool();
        bool ok = false;
        const int p = m_settings->value(kPort, DefaultPort).toInt(&ok);
        m_port = ok && p >= 1 && p <= 65535 ? p : DefaultPort;
        m_storeRequests = m_settings->value(kStore, false).toBool();
    }
    if (m_providers) {
        connect(m_providers, &ProviderDirectory::providersChanged, this, [this] {
            if (m_enabled)
                apply(); // new targets or keys: restart with them
        });
    }
    if (m_enabled)
        apply();
}

ApiServerController::~ApiServerController()
{
    stop();
}

void ApiServerController::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (m_settings)
        m_settings->setValue(kEnabled, enabled);
    Q_EMIT enabledChanged();
    apply();
}

void ApiServerController::setPort(int port)
{
    if (port < 1 || port > 65535 || port == m_port)
        return;
    m_port = port;
    if (m_settings)
        m_settings->setValue(kPort, port);
    Q_EMIT portChanged();
    if (m_enabled)
        apply();
}

void ApiServerController::setStoreRequests(bool store)
{
    if (store == m_storeRequests)
        return;
    m_storeRequests = store;
    if (m_settings)
        m_settings->setValue(kStore, store);
    Q_EMIT storeRequestsChanged();
}

bool ApiServerController::isRunning() const
{
    return m_server && m_server->isListening();
}

QString ApiServerController::url() const
{
    return isRunning() ? m_server->baseUrl().toString() : QString();
}

QString ApiServerController::token() const
{
    return QString::fromLatin1(m_token);
}

void ApiServerController::regenerateToken()
{
    m_token = ApiServer::generateToken();
    if (m_enabled)
        apply();
    else
        Q_EMIT stateChanged();
}

void ApiServerController::stop()
{
    if (m_server) {
        disconnect(m_server.get(), nullptr, this, nullptr);
        m_server->close();
    }
    m_server.reset();
    m_backend.reset();
}

void ApiServerController::apply()
{
    stop();
    m_error.clear();
    if (m_enabled) {
        const QString primaryId = m_providers ? m_providers->defaultProviderId() : QString();
        const auto primary = primaryId.isEmpty() ? std::nullopt : m_providers->target(primaryId, {});
        if (!primary) {
            m_error = tr("Add a provider first: the local API server answers with your configured providers.");
        } else {
            QList<ProviderTarget> targets{*primary};
            targets += m_providers->fallbacks(primaryId);
            m_primaryId = primaryId;
            m_backend = std::make_unique<ResilientBackend>(m_factory, nullptr, nullptr, targets,
                                                           m_providers->resilience(primaryId));
            m_server = std::make_unique<ApiServer>(m_backend.get());
            connect(m_server.get(), &ApiServer::exchangeFinished, this, &ApiServerController::onExchangeFinished);
            ApiServerOptions options;
            options.port = quint16(m_port);
            options.token = m_token;
            QString why;
            if (!m_server->listen(options, &why)) {
                m_error = Redact::redactSecrets(
                    tr("Cannot start the local API server on port %1: %2").arg(m_port).arg(why),
                    m_providers->knownSecrets());
                qCWarning(lcServer) << m_error;
                m_server.reset();
                m_backend.reset();
            }
        }
    }
    Q_EMIT stateChanged();
}

void ApiServerController::onExchangeFinished(const ChatRequest &request, const ChatMessage &answer, bool complete)
{
    if (!m_storeRequests || !m_store)
        return;
    StoredConversation conv;
    conv.title = titleFor(request);
    conv.providerId = m_primaryId;
    conv.model = request.options.model;
    QList<StoredMessage> messages;
    for (const ChatMessage &m : request.messages) {
        StoredMessage sm;
        sm.role = m.role;
        sm.content = m.content;
        sm.thinking = m.thinking;
        sm.thinkingSignature = m.thinkingSignature;
        sm.toolCalls = m.toolCalls;
        sm.toolCallId = m.toolCallId;
        messages.append(sm);
    }
    StoredMessage a;
    a.role = ChatMessage::Role::Assistant;
    a.content = answer.content;
    a.thinking = answer.thinking;
    a.thinkingSignature = answer.thinkingSignature;
    a.toolCalls = answer.toolCalls;
    a.providerId = m_primaryId;
    a.model = request.options.model;
    a.state = complete ? MessageState::Complete : MessageState::Interrupted;
    a.finishReason = complete ? u"stop"_s : QString();
    messages.append(a);
    m_store->call<qint64>(
        [conv, messages](Store &s) mutable -> qint64 {
            const qint64 id = s.createConversation(conv);
            if (id <= 0) {
                qCWarning(lcServer) << "could not store an API exchange:" << s.lastError().message;
                return 0;
            }
            for (StoredMessage &m : messages) {
                m.conversationId = id;
                s.appendMessage(m);
            }
            return id;
        },
        this, [this](qint64 id) {
            if (id > 0)
                Q_EMIT exchangeStored(id);
        });
}
