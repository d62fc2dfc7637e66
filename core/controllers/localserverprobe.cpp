// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "localserverprobe.h"

#include "util/logging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

LocalServerProbe::LocalServerProbe(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
    , m_candidates(defaultCandidates())
{
}

LocalServerProbe::~LocalServerProbe() = default;

QList<LocalServerProbe::Candidate> LocalServerProbe::defaultCandidates()
{
    return {
        {ProviderKind::Ollama, u"Ollama"_s, QUrl(u"http://127.0.0.1:11434"_s),
         QUrl(u"http://127.0.0.1:11434/api/tags"_s)},
        {ProviderKind::OpenAI, u"llama.cpp server"_s, QUrl(u"http://127.0.0.1:8080/v1"_s),
         QUrl(u"http://127.0.0.1:8080/v1/models"_s)},
    };
}

void LocalServerProbe::probe(int timeoutMs)
{
    if (!m_nam)
        return;
    const int generation = ++m_generation;
    const bool wasRunning = isRunning();
    if (!m_found.isEmpty()) {
        m_found.clear();
        Q_EMIT foundChanged();
    }
    m_pending = int(m_candidates.size());
    if (m_pending == 0) {
        if (wasRunning)
            Q_EMIT runningChanged();
        Q_EMIT finished();
        return;
    }
    for (const Candidate &c : std::as_const(m_candidates)) {
        QNetworkRequest request(c.modelsUrl);
        request.setTransferTimeout(timeoutMs);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = m_nam->get(request);
        connect(reply, &QNetworkReply::finished, this,
                [this, reply, c, generation] { onReply(reply, c, generation); });
    }
    if (!wasRunning)
        Q_EMIT runningChanged();
}

void LocalServerProbe::onReply(QNetworkReply *reply, const Candidate &candidate, int generation)
{
    reply->deleteLater();
    if (generation != m_generation)
        return; // an older probe; a newer one owns the results
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status >= 200 && status < 300) {
        const QStringList models = parseModels(reply->readAll());
        qCInfo(lcUi) << "found a local model server:" << candidate.name << models.size() << "models";
        m_found.append(QVariantMap{
            {u"kind"_s, providerKindName(candidate.kind)},
            {u"name"_s, candidate.name},
            {u"baseUrl"_s, candidate.baseUrl.toString()},
            {u"models"_s, models},
        });
        Q_EMIT foundChanged();
    }
    if (--m_pending == 0) {
        Q_EMIT runningChanged();
        Q_EMIT finished();
    }
}

QStringList LocalServerProbe::parseModels(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QStringList out;
    // Ollama: {"models": [{"name": ...}]}; OpenAI style: {"data": [{"id": ...}]}.
    for (const QJsonValue &v : o.value("models"_L1).toArray()) {
        const QString name = v.toObject().value("name"_L1).toString();
        if (!name.isEmpty())
            out.append(name);
    }
    for (const QJsonValue &v : o.value("data"_L1).toArray()) {
        const QString id = v.toObject().value("id"_L1).toString();
        if (!id.isEmpty())
            out.append(id);
    }
    return out;
}
