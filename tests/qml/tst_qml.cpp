// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QQmlEngine>
#include <QQmlNetworkAccessManagerFactory>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

// The Confab QML module is a static plugin: import it so `import Confab` works.
Q_IMPORT_QML_PLUGIN(ConfabPlugin)

// Counts the requests the QML engine makes (images, remote sources), so
// tests can prove that nothing is fetched. Available as ConfabTest.NetworkProbe.
class NetworkProbe : public QObject
{
    Q_OBJECT
    Q_PROPERTY(int requests READ requests NOTIFY requestsChanged)
    Q_PROPERTY(QString lastUrl READ lastUrl NOTIFY requestsChanged)

public:
    int requests() const { return m_requests; }
    QString lastUrl() const { return m_lastUrl; }
    void record(const QUrl &url)
    {
        ++m_requests;
        m_lastUrl = url.toString();
        Q_EMIT requestsChanged();
    }

Q_SIGNALS:
    void requestsChanged();

private:
    int m_requests = 0;
    QString m_lastUrl;
};

class ProbingAccessManager : public QNetworkAccessManager
{
public:
    ProbingAccessManager(NetworkProbe *probe, QObject *parent)
        : QNetworkAccessManager(parent)
        , m_probe(probe)
    {
    }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *data) override
    {
        // The probe is only read on the GUI thread; the factory may run elsewhere.
        QMetaObject::invokeMethod(m_probe, [probe = m_probe, url = request.url()] { probe->record(url); });
        return QNetworkAccessManager::createRequest(op, request, data);
    }

private:
    NetworkProbe *m_probe;
};

class ProbingFactory : public QQmlNetworkAccessManagerFactory
{
public:
    explicit ProbingFactory(NetworkProbe *probe)
        : m_probe(probe)
    {
    }
    QNetworkAccessManager *create(QObject *parent) override { return new ProbingAccessManager(m_probe, parent); }

private:
    NetworkProbe *m_probe;
};

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->setNetworkAccessManagerFactory(&m_factory);
        if (!m_registered) // one engine per test file, one registration
            qmlRegisterSingletonInstance("ConfabTest", 1, 0, "NetworkProbe", &m_probe);
        m_registered = true;
    }

private:
    bool m_registered = false;
    NetworkProbe m_probe;
    ProbingFactory m_factory{&m_probe};
};

QUICK_TEST_MAIN_WITH_SETUP(confab, Setup)

#include "tst_qml.moc"
