// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// The Settings page of the real window (offscreen), driven from the keyboard:
// providers of every kind are added, their keys go to a real Secret Service
// (run-with-keyring.sh: a private gnome-keyring in its own dbus-run-session)
// and never to the settings file or the screen, "Test connection" lists the
// models of the fault-injection server on 127.0.0.1, bad base URLs are
// refused, retries/timeouts and the fallback order are saved.
#include "appservices.h"
#include "controllers/localserverprobe.h"
#include "controllers/providerdirectory.h"
#include "e2ehelpers.h"
#include "faultserver.h"
#include "secrets/keystore.h"

#include <QFile>
#include <QQmlApplicationEngine>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ConfabPlugin)

using namespace Qt::Literals::StringLiterals;
using namespace FaultInjection;
using E2E::findVisible;

namespace {
const QString masked = u"API key: ••••••••  (in the keychain)"_s;

/// The key a fresh KeyStore reads from the Secret Service ("" = none).
QString keychainKey(const QString &providerId)
{
    KeyStore keys;
    QSignalSpy read(&keys, &KeyStore::keyRead);
    QSignalSpy notFound(&keys, &KeyStore::keyNotFound);
    QSignalSpy failed(&keys, &KeyStore::failed);
    keys.readKey(providerId);
    if (!QTest::qWaitFor([&] { return read.size() + notFound.size() + failed.size() > 0; }, 20000))
        return u"<keychain timeout>"_s;
    if (!failed.isEmpty())
        return u"<keychain failed: %1>"_s.arg(failed.at(0).at(2).toString());
    return read.isEmpty() ? QString() : read.at(0).at(1).toString();
}
} // namespace

class TestE2ESettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    FaultServer m_server;
    E2E::App m_app;
    QQuickWindow *m_window = nullptr;

    QString settingsPath() const { return m_dir.filePath(u"settings.ini"_s); }
    QByteArray settingsBytes() const
    {
        m_app.services->settings()->sync();
        QFile f(settingsPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QVariant saved(const QString &key) const
    {
        m_app.services->settings()->sync();
        return QSettings(settingsPath(), QSettings::IniFormat).value(key);
    }
    void startApp()
    {
        E2E::start(m_app, m_dir, u"settings.sqlite"_s, [](AppServices &services) {
            services.probe()->setCandidates({}); // onboarding: never knock on real local ports
        }, /*useKeychain=*/true);
        if (QTest::currentTestFailed())
            return;
        m_window = m_app.window;
        E2E::click(m_window, findVisible(m_window, u"settingsButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(findVisible(m_window, u"settingsPage"_s), 5000);
    }
    void stopApp()
    {
        m_window = nullptr;
        m_app.stop();
    }
    QQuickItem *field(const QString &name) const { return findVisible(m_window, name); }
    QQuickItem *card(const QString &id) const { return findVisible(m_window, u"providerCard_"_s + id); }
    QString cardText(const QString &id, const QString &name) const
    {
        QQuickItem *item = findVisible(card(id), name);
        return item ? item->property("text").toString() : u"<no %1 in card %2>"_s.arg(name, id);
    }
    /// What a status label shows ("" when hidden): settingsStatus under the
    /// providers (Test connection), saveStatus next to Save, fallbackStatus.
    QString status(const QString &label = u"settingsStatus"_s) const
    {
        QQuickItem *s = field(label);
        return s ? s->property("text").toString() : QString();
    }
    void chooseKind(int index)
    {
        QQuickItem *kind = field(u"providerKind"_s);
        QVERIFY(kind);
        kind->forceActiveFocus();
        QTest::keyClick(m_window, Qt::Key_Home);
        for (int i = 0; i < index; ++i)
            QTest::keyClick(m_window, Qt::Key_Down);
        QCOMPARE(kind->property("currentIndex").toInt(), index);
    }
    /// Fills the "Add or edit a provider" form and presses Save.
    void fillAndSave(int kindIndex, const QString &id, const QString &name, const QString &url,
                     const QString &model, const QString &key)
    {
        chooseKind(kindIndex);
        E2E::replaceText(m_window, field(u"providerIdField"_s), id);
        E2E::replaceText(m_window, field(u"providerNameField"_s), name);
        E2E::replaceText(m_window, field(u"baseUrlField"_s), url);
        E2E::replaceText(m_window, field(u"defaultModelField"_s), model);
        QQuickItem *keyField = field(u"apiKeyField"_s);
        E2E::replaceText(m_window, keyField, key);
        QCOMPARE(keyField->property("text").toString(), key);
        // Masked while typed: the field shows no character of it.
        if (!key.isEmpty())
            QVERIFY(!keyField->property("displayText").toString().contains(key.right(6)));
        E2E::press(m_window, field(u"saveProviderButton"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Only keys typed into the page count: none from the environment.
        qunsetenv("OPENAI_API_KEY");
        qunsetenv("ANTHROPIC_API_KEY");
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.listen());
        startApp();
    }
    void cleanupTestCase() { stopApp(); }

    void addsProvidersAndListsTheirModels_data()
    {
        QTest::addColumn<int>("kindIndex");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("savedKind");
        QTest::addColumn<QString>("savedUrl");
        QTest::addColumn<QByteArray>("modelsPath");
        QTest::addColumn<QByteArray>("authHeader");
        QTest::addColumn<QByteArray>("authValue");
        const QString base = m_server.baseUrl().toString();
        const QString openaiKey = u"sk-test-OPENAIkey0123456789abcdef"_s;
        const QString anthropicKey = u"sk-ant-test-ANTHROPICkey0123456789"_s;
        const QString customKey = u"sk-test-CUSTOMkey0123456789abcdef"_s;
        QTest::newRow("openai") << 0 << u"openai"_s << base + u"/v1"_s << openaiKey << u"openai"_s
                                << base + u"/v1"_s << QByteArray("/v1/models") << QByteArray("authorization")
                                << QByteArray("Bearer " + openaiKey.toLatin1());
        QTest::newRow("anthropic") << 1 << u"anthropic"_s << base << anthropicKey << u"anthropic"_s << base
                                   << QByteArray("/v1/models") << QByteArray("x-api-key") << anthropicKey.toLatin1();
        QTest::newRow("ollama") << 2 << u"ollama"_s << base << QString() << u"ollama"_s << base
                                << QByteArray("/api/tags") << QByteArray("authorization") << QByteArray();
        QTest::newRow("custom OpenAI-compatible") << 3 << u"local-vllm"_s << base + u"/custom/v1"_s << customKey
                                                  << u"openai"_s << base + u"/custom/v1"_s
                                                  << QByteArray("/custom/v1/models") << QByteArray("authorization")
                                                  << QByteArray("Bearer " + customKey.toLatin1());
        // No URL typed: the official endpoint of the type (not contacted here).
        QTest::newRow("openai, default URL") << 0 << u"openai-official"_s << QString() << QString() << u"openai"_s
                                             << u"https://api.openai.com/v1"_s << QByteArray() << QByteArray()
                                             << QByteArray();
    }
    void addsProvidersAndListsTheirModels()
    {
        QFETCH(int, kindIndex);
        QFETCH(QString, id);
        QFETCH(QString, url);
        QFETCH(QString, key);
        QFETCH(QString, savedKind);
        QFETCH(QString, savedUrl);
        QFETCH(QByteArray, modelsPath);
        QFETCH(QByteArray, authHeader);
        QFETCH(QByteArray, authValue);
        const QString model = u"model-of-"_s + id;
        const QString name = u"Name of "_s + id;

        fillAndSave(kindIndex, id, name, url, u"default-"_s + id, key);
        QTRY_VERIFY_WITH_TIMEOUT(card(id), 5000);
        QCOMPARE(cardText(id, u"apiKeyStatus"_s), key.isEmpty() ? u"No API key"_s : masked);
        QCOMPARE(saved(u"providers/%1/kind"_s.arg(id)).toString(), savedKind);
        QCOMPARE(saved(u"providers/%1/baseUrl"_s.arg(id)).toString(), savedUrl);
        QCOMPARE(saved(u"providers/%1/displayName"_s.arg(id)).toString(), name);
        QCOMPARE(saved(u"providers/%1/defaultModel"_s.arg(id)).toString(), u"default-"_s + id);
        // The form's defaults: 4 retries, a 60 s stall timeout.
        QCOMPARE(saved(u"providers/%1/maxRetries"_s.arg(id)).toInt(), 4);
        QCOMPARE(saved(u"providers/%1/idleTimeoutMs"_s.arg(id)).toInt(), 60000);
        QVERIFY(saved(u"fallbackOrder"_s).toStringList().contains(id));

        if (!key.isEmpty()) {
            QVERIFY(field(u"apiKeyField"_s)->property("text").toString().isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(keychainKey(id), key, 30000);
            const QStringList texts = E2E::visibleTexts(m_window->contentItem());
            for (const QString &t : texts)
                QVERIFY2(!t.contains(key), qPrintable(u"key shown in clear: "_s + t));
            QVERIFY(!settingsBytes().contains(key.toUtf8()));
            QVERIFY(!QVariant(m_app.services->providers()->providersVariant()).toString().contains(key));
        }

        if (modelsPath.isEmpty())
            return;
        FaultScript script;
        script.model = model;
        m_server.setScript(script);
        const int before = m_server.requestCount();
        QQuickItem *test = findVisible(card(id), u"testConnectionButton"_s);
        QCOMPARE(E2E::accessibleName(test), u"Test connection to "_s + name);
        E2E::press(m_window, test);
        QTRY_COMPARE_WITH_TIMEOUT(status(), u"Connected: 1 model(s) available.\n"_s + model, 15000);
        QCOMPARE(m_server.requestCount(), before + 1);
        const RecordedRequest r = m_server.request(before + 1);
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.path, modelsPath);
        QCOMPARE(r.header(authHeader), authValue);
        if (kindIndex == 1)
            QCOMPARE(r.header("anthropic-version"), QByteArray("2023-06-01")); // the Models API requires it
    }

    void testConnectionReportsRefusal()
    {
        FaultScript script;
        script.every.status = 401;
        script.every.body = R"({"error":{"message":"bad key","type":"invalid_request_error"}})";
        script.every.hasBody = true;
        m_server.setScript(script);
        E2E::press(m_window, findVisible(card(u"openai"_s), u"testConnectionButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(status(), u"The server answered 401."_s, 15000);
        m_server.setScript(FaultScript{});
    }

    void refusesBadBaseUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problem");
        QTest::newRow("http to another host")
            << u"http://example.com/v1"_s
            << u"plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1); use https:// for example.com"_s;
        QTest::newRow("garbage") << u"not a url"_s << u"the base URL must start with https://"_s;
        QTest::newRow("other scheme") << u"ftp://127.0.0.1/v1"_s << u"the base URL must start with https://"_s;
        QTest::newRow("no host") << u"https://"_s << u"the base URL has no host"_s;
        QTest::newRow("credentials") << u"https://user:pw@example.com/v1"_s
                                     << u"the base URL must not contain a user name or password"_s;
    }
    void refusesBadBaseUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, problem);
        const QString key = u"sk-test-REFUSEDkey0123456789abcdef"_s;
        fillAndSave(3, u"refused"_s, u"Refused"_s, url, u"m"_s, key);
        QVERIFY2(status(u"saveStatus"_s).startsWith(u"provider 'refused': "_s + problem),
                 qPrintable(status(u"saveStatus"_s)));
        QVERIFY(!card(u"refused"_s));
        QVERIFY(!saved(u"providers/refused/kind"_s).isValid());
        // The typed key is kept (masked) for the corrected URL, and not stored.
        QCOMPARE(field(u"apiKeyField"_s)->property("text").toString(), key);
        QVERIFY(!field(u"apiKeyField"_s)->property("displayText").toString().contains(u"REFUSED"_s));
        QCOMPARE(keychainKey(u"refused"_s), QString());
        E2E::replaceText(m_window, field(u"apiKeyField"_s), QString());
    }

    void screenshotsOfTheSettingsPage()
    {
        const QString dir = QStringLiteral(CONFAB_E2E_SCREENS);
        QVERIFY(!E2E::screenshot(m_window, dir, u"settings-top"_s).isEmpty());
        const QSize size = m_window->size();
        QSignalSpy frames(m_window, &QQuickWindow::frameSwapped);
        m_window->resize(size.width(), 1600); // the whole page at once
        QVERIFY(frames.wait(5000)); // laid out and rendered at the new size
        QVERIFY(!E2E::screenshot(m_window, dir, u"settings-full"_s).isEmpty());
        m_window->resize(size);
    }

    void retriesAndTimeoutArePersisted()
    {
        E2E::press(m_window, findVisible(card(u"anthropic"_s), u"editProviderButton"_s));
        QCOMPARE(field(u"providerIdField"_s)->property("text").toString(), u"anthropic"_s);
        QCOMPARE(field(u"providerKind"_s)->property("currentText").toString(), u"Anthropic"_s);
        QQuickItem *retries = field(u"retriesSpin"_s);
        QQuickItem *timeout = field(u"timeoutSpin"_s);
        QCOMPARE(retries->property("value").toInt(), 4);
        QCOMPARE(timeout->property("value").toInt(), 60);
        retries->forceActiveFocus();
        QTest::keyClick(m_window, Qt::Key_Down);
        QTest::keyClick(m_window, Qt::Key_Down);
        timeout->forceActiveFocus();
        for (int i = 0; i < 30; ++i)
            QTest::keyClick(m_window, Qt::Key_Up);
        QCOMPARE(retries->property("value").toInt(), 2);
        QCOMPARE(timeout->property("value").toInt(), 90);
        E2E::press(m_window, field(u"saveProviderButton"_s));
        QCOMPARE(status(u"saveStatus"_s), u"Saved."_s);
        QCOMPARE(saved(u"providers/anthropic/maxRetries"_s).toInt(), 2);
        QCOMPARE(saved(u"providers/anthropic/idleTimeoutMs"_s).toInt(), 90000);
        QCOMPARE(saved(u"providers/openai/maxRetries"_s).toInt(), 4); // others untouched
        // Saving without typing a key keeps the stored one.
        QCOMPARE(cardText(u"anthropic"_s, u"apiKeyStatus"_s), masked);
        QTRY_COMPARE_WITH_TIMEOUT(keychainKey(u"anthropic"_s), u"sk-ant-test-ANTHROPICkey0123456789"_s, 30000);
    }

    void fallbackOrderIsPersisted()
    {
        QQuickItem *order = field(u"fallbackOrderField"_s);
        E2E::replaceText(m_window, order, u"ollama, anthropic"_s);
        QTest::keyClick(m_window, Qt::Key_Return);
        QCOMPARE(saved(u"fallbackOrder"_s).toStringList(), (QStringList{u"ollama"_s, u"anthropic"_s}));
        QCOMPARE(cardText(u"ollama"_s, u"fallbackPosition"_s), u"Fallback #1"_s);
        QCOMPARE(cardText(u"anthropic"_s, u"fallbackPosition"_s), u"Fallback #2"_s);
        QCOMPARE(cardText(u"openai"_s, u"fallbackPosition"_s), u"Not a fallback"_s);

        E2E::replaceText(m_window, order, u"ollama, nobody"_s);
        QTest::keyClick(m_window, Qt::Key_Return);
        QCOMPARE(status(u"fallbackStatus"_s), u"fallback order: there is no provider 'nobody'"_s);
        QCOMPARE(saved(u"fallbackOrder"_s).toStringList(), (QStringList{u"ollama"_s, u"anthropic"_s}));
    }

    void removeDeletesTheKeyFromTheKeychain()
    {
        QTRY_COMPARE_WITH_TIMEOUT(keychainKey(u"local-vllm"_s), u"sk-test-CUSTOMkey0123456789abcdef"_s, 30000);
        E2E::press(m_window, findVisible(card(u"local-vllm"_s), u"removeProviderButton"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!card(u"local-vllm"_s), 5000);
        QVERIFY(!saved(u"providers/local-vllm/kind"_s).isValid());
        QTRY_COMPARE_WITH_TIMEOUT(keychainKey(u"local-vllm"_s), QString(), 30000);
    }

    void backReturnsToTheChat()
    {
        QVERIFY(!findVisible(m_window, u"settingsButton"_s)); // the page has its own bar
        QQuickItem *back = findVisible(m_window, u"settingsBackButton"_s);
        QCOMPARE(E2E::accessibleName(back), u"Back"_s);
        E2E::click(m_window, back);
        QTRY_VERIFY_WITH_TIMEOUT(!findVisible(m_window, u"settingsPage"_s), 5000);
        QVERIFY(findVisible(m_window, u"settingsButton"_s));
        QVERIFY(findVisible(m_window, u"composerInput"_s));
    }

    // Run alone by tst_e2e_settings_nokeychain, with no D-Bus session at all.
    void withoutAKeychainTheKeyIsKeptForThisSessionOnly()
    {
        if (qEnvironmentVariable("CONFAB_TEST_KEYCHAIN") != "none"_L1)
            QSKIP("needs CONFAB_TEST_KEYCHAIN=none and no D-Bus session");
        const QString key = u"sk-test-SESSIONkey0123456789abcdef"_s;
        fillAndSave(0, u"session"_s, u"Session"_s, m_server.baseUrl().toString() + u"/v1"_s, u"m"_s, key);
        QTRY_VERIFY_WITH_TIMEOUT(status(u"saveStatus"_s).startsWith(u"No keychain service is available"_s), 30000);
        QCOMPARE(cardText(u"session"_s, u"apiKeyStatus"_s), u"API key: ••••••••  (this session only: not in a keychain)"_s);
        const QStringList texts = E2E::visibleTexts(m_window->contentItem());
        for (const QString &t : texts)
            QVERIFY2(!t.contains(key), qPrintable(u"key shown in clear: "_s + t));
        QVERIFY(!settingsBytes().contains(key.toUtf8()));
        // Still used until Confab quits.
        const int before = m_server.requestCount();
        E2E::press(m_window, findVisible(card(u"session"_s), u"testConnectionButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(status(), u"Connected: 1 model(s) available.\nfake-model"_s, 15000);
        QCOMPARE(m_server.request(before + 1).header("authorization"), QByteArray("Bearer " + key.toLatin1()));
    }

    void afterARestartKeysComeFromTheKeychain()
    {
        if (qEnvironmentVariable("CONFAB_TEST_KEYCHAIN") == "none"_L1)
            QSKIP("no keychain");
        stopApp();
        const QByteArray file = [this] {
            QFile f(settingsPath());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(file.contains("ollama"));
        QVERIFY(!file.contains("OPENAIkey") && !file.contains("ANTHROPICkey") && !file.contains("CUSTOMkey"));
        startApp();
        QTRY_COMPARE_WITH_TIMEOUT(cardText(u"openai"_s, u"apiKeyStatus"_s), masked, 30000);
        QCOMPARE(saved(u"fallbackOrder"_s).toStringList(), (QStringList{u"ollama"_s, u"anthropic"_s}));
        QCOMPARE(saved(u"providers/anthropic/maxRetries"_s).toInt(), 2);
        FaultScript script;
        script.model = u"after-restart"_s;
        m_server.setScript(script);
        const int before = m_server.requestCount();
        E2E::press(m_window, findVisible(card(u"openai"_s), u"testConnectionButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(status(), u"Connected: 1 model(s) available.\nafter-restart"_s, 15000);
        QCOMPARE(m_server.request(before + 1).header("authorization"),
                 QByteArray("Bearer sk-test-OPENAIkey0123456789abcdef"));
    }
};

QTEST_MAIN(TestE2ESettings)
#include "tst_e2e_settings.moc"
