// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "faultserver.h"

#include "faultconnection.h"

#include <QTcpSocket>

using namespace Qt::StringLiterals;

namespace FaultInjection {

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QJsonObject RecordedRequest::toJson() const
{
    QJsonObject h;
    for (const auto &p : headers)
        h.insert(QString::fromLatin1(p.first), QString::fromLatin1(p.second));
    return {{u"number"_s, number}, {u"method"_s, QString::fromLatin1(method)}, {u"path"_s, QString::fromLatin1(path)},
            {u"headers"_s, h}, {u"body"_s, QString::fromUtf8(body)}, {u"provider"_s, wireProviderName(provider)},
            {u"continuation"_s, continuation}, {u"partial"_s, partial}, {u"continuationOffset"_s, continuationOffset},
            {u"bodyBytesSent"_s, bodyBytesSent}, {u"completed"_s, completed}, {u"dropped"_s, dropped},
            {u"clientDisconnected"_s, clientDisconnected}, {u"disconnectedAfterMs"_s, disconnectedAfterMs}};
}

FaultServer::FaultServer(QObject *parent)
    : QObject(parent), m_script(std::make_shared<FaultScript>())
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultServer::onNewConnection);
}

FaultServer::~FaultServer()
{
    // Silence the connections first: they report into members destroyed before m_server.
    const QList<QTcpSocket *> sockets = m_server.findChildren<QTcpSocket *>();
    for (QTcpSocket *s : sockets) {
        QObject::disconnect(s, nullptr, nullptr, nullptr);
        s->abort();
    }
}

void FaultServer::setScript(const FaultScript &script)
{
    m_script = std::make_shared<const FaultScript>(script);
}

bool FaultServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}

quint16 FaultServer::port() const
{
    return m_server.serverPort();
}

QUrl FaultServer::baseUrl() const
{
    QUrl u;
    u.setScheme(u"http"_s);
    u.setHost(u"127.0.0.1"_s);
    u.setPort(port());
    return u;
}

RecordedRequest FaultServer::request(int number) const
{
    return number >= 1 && number <= m_requests.size() ? m_requests.at(number - 1) : RecordedRequest{};
}

int FaultServer::addRequest(const RecordedRequest &r)
{
    m_requests.append(r);
    m_requests.last().number = int(m_requests.size());
    return int(m_requests.size());
}

void FaultServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection())
        startFaultConnection(this, socket, m_script);
}

} // namespace FaultInjection
