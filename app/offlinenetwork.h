// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#pragma once

#include <QQmlNetworkAccessManagerFactory>

/// The network of the desktop app's QML engine: none. Views load nothing
/// from the network by themselves (a remote image in an answer, a remote
/// source of any item); every request to a URL that is not local (file:,
/// qrc:, data:) fails at once without a connection. Confab's own requests go
/// through core's QNetworkAccessManager, not this one. The markdown
/// sanitizer already turns images into links; this makes sure of it.
class OfflineNetworkFactory : public QQmlNetworkAccessManagerFactory
{
public:
    QNetworkAccessManager *create(QObject *parent) override;
};
