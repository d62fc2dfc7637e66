// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include "protocol/chatrequest.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QVariantList>

class QNetworkAccessManager;
class QNetworkReply;

/// First-run detection of a model server on this machine: asks Ollama
/// (127.0.0.1:11434/api/tags) and a llama.cpp server (127.0.0.1:8080/v1/models)
/// for their models, each with a short timeout, and lists the ones that answer.
class LocalServerProbe : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool running READ isRunning NOTIFY runningChanged)
    /// [{kind, name, baseUrl, models: [..]}] for each server that answered.
    Q_PROPERTY(QVariantList found READ found NOTIFY foundChanged)

public:
    struct Candidate {
        ProviderKind kind = ProviderKind::OpenAI;
        QString name;     ///< shown to the user, e.g. "Ollama"
        QUrl baseUrl;     ///< what a provider configuration would use
        QUrl modelsUrl;   ///< what the probe asks
    };

    explicit LocalServerProbe(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~LocalServerProbe() override;

    /// Ollama on 11434 and llama.cpp on 8080, both on 127.0.0.1.
    static QList<Candidate> defaultCandidates();
    /// Replaces the servers to look for (tests point it at their own server).
    void setCandidates(const QList<Candidate> &candidates) { m_candidates = candidates; }

    bool isRunning() const { return m_pending > 0; }
    QVariantList found() const { return m_found; }

    /// Asks every candidate at once; each request gives up after timeoutMs.
    /// finished() follows when all have answered or timed out.
    Q_INVOKABLE void probe(int timeoutMs = 1500);

    /// Model names from an /api/tags or /v1/models body ("" entries dropped).
    static QStringList parseModels(const QByteArray &body);

Q_SIGNALS:
    void runningChanged();
    void foundChanged();
    void finished();

private:
    void onReply(QNetworkReply *reply, const Candidate &candidate, int generation);

    QPointer<QNetworkAccessManager> m_nam;
    QList<Candidate> m_candidates;
    QVariantList m_found;
    int m_pending = 0;
    int m_generation = 0;
};
