// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "offlinenetwork.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace {

class OfflineAccessManager : public QNetworkAccessManager
{
public:
    using QNetworkAccessManager::QNetworkAccessManager;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        const QString scheme = request.url().scheme();
        if (scheme == QLatin1String("file") || scheme == QLatin1String("qrc") || scheme == QLatin1String("data"))
            return QNetworkAccessManager::createRequest(op, request, data);
        // An unknown scheme: the reply fails with ProtocolUnknownError and
        // nothing is sent anywhere.
        QNetworkRequest refused(request);
        refused.setUrl(QUrl(QStringLiteral("confab-offline:refused")));
        return QNetworkAccessManager::createRequest(op, refused, data);
    }
};

} // namespace

QNetworkAccessManager *OfflineNetworkFactory::create(QObject *parent)
{
    return new OfflineAccessManager(parent);
}
