// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
// Runs in two modes (see CMakeLists.txt):
//   CONFAB_TEST_KEYCHAIN=real  inside run-with-keyring.sh (a private gnome-keyring)
//   CONFAB_TEST_KEYCHAIN=none  with no D-Bus session at all
#include "confabversion.h"
#include "secrets/keystore.h"

#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
/// True if any file under dir contains needle.
bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            return true;
    }
    return false;
}
} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

    QString mode() const { return qEnvironmentVariable("CONFAB_TEST_KEYCHAIN"); }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(u"Confab"_s);
        QCoreApplication::setApplicationName(u"Confab"_s);
        QVERIFY2(mode() == "real"_L1 || mode() == "none"_L1, "set CONFAB_TEST_KEYCHAIN to real or none");
    }

    void storeReadReplaceDelete()
    {
        if (mode() != "real"_L1)
            QSKIP("needs the private Secret Service (run-with-keyring.sh)");
        KeyStore keys;
        QCOMPARE(keys.service(), QStringLiteral(CONFAB_APP_ID));
        QSignalSpy written(&keys, &KeyStore::keyWritten);
        QSignalSpy read(&keys, &KeyStore::keyRead);
        QSignalSpy notFound(&keys, &KeyStore::keyNotFound);
        QSignalSpy deleted(&keys, &KeyStore::keyDeleted);
        QSignalSpy failed(&keys, &KeyStore::failed);

        const QString first = u"sk-test-FIRSTkey0123456789abcdef"_s;
        const QString second = u"sk-test-SECONDkey0123456789abcdef"_s;
        keys.writeKey(u"openai"_s, first);
        QTRY_COMPARE_WITH_TIMEOUT(written.size() + failed.size(), 1, 20000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(2).toString()));

        // It really is in the Secret Service, under the app id.
        QProcess lookup;
        lookup.start(u"secret-tool"_s, {u"search"_s, u"--all"_s, u"server"_s, QStringLiteral(CONFAB_APP_ID)});
        QVERIFY(lookup.waitForFinished(20000));
        QVERIFY2(lookup.readAllStandardOutput().contains(QByteArray(QByteArray("secret = ") + first.toUtf8())), "key not found by secret-tool");

        keys.readKey(u"openai"_s);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 20000);
        QCOMPARE(read.at(0).at(0).toString(), u"openai"_s);
        QCOMPARE(read.at(0).at(1).toString(), first);

        keys.writeKey(u"openai"_s, second);
        QTRY_COMPARE_WITH_TIMEOUT(written.size(), 2, 20000);
        keys.readKey(u"openai"_s);
        QTRY_COMPARE_WITH_TIMEOUT(read.size(), 2, 20000);
        QCOMPARE(read.at(1).at(1).toString(), second);

        // Other providers are separate entries.
        keys.readKey(u"anthropic"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notFound.size(), 1, 20000);

        keys.deleteKey(u"openai"_s);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.size(), 1, 20000);
        keys.readKey(u"openai"_s);
        QTRY_COMPARE_WITH_TIMEOUT(notFound.size(), 2, 20000);
        QCOMPARE(notFound.at(1).at(0).toString(), u"openai"_s);
        QVERIFY(failed.isEmpty());

        // No plaintext copy anywhere in the private config/data dirs.
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QVERIFY(!anyFileContains(config, first.toUtf8()));
        QVERIFY(!anyFileContains(config, second.toUtf8()));
    }

    void noKeychainServiceSaysSoAndOffersSessionKey()
    {
        if (mode() != "none"_L1)
            QSKIP("needs an environment without a D-Bus session");
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        KeyStore keys;
        QSignalSpy failed(&keys, &KeyStore::failed);
        QSignalSpy written(&keys, &KeyStore::keyWritten);
        const QString key = u"sk-test-NOKEYCHAIN0123456789abcdef"_s;
        keys.writeKey(u"openai"_s, key);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 20000);
        QCOMPARE(written.size(), 0);
        QCOMPARE(failed.at(0).at(1).value<KeyStore::Operation>(), KeyStore::Operation::Write);
        const QString message = failed.at(0).at(2).toString();
        QVERIFY2(failed.at(0).at(3).toBool(), qPrintable(message));
        QVERIFY(keys.isKeychainUnavailable());
        QVERIFY2(message.contains(u"No keychain service"_s), qPrintable(message));
        QVERIFY2(message.contains(u"this session only"_s), qPrintable(message));
        QVERIFY(!message.contains(key));

        // Never a plaintext fallback: nothing with the key was written.
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QVERIFY(!anyFileContains(config, key.toUtf8()));

        keys.readKey(u"openai"_s);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, 20000);
        QVERIFY(failed.at(1).at(3).toBool());

        // The in-memory fallback.
        keys.setSessionKey(u"openai"_s, key);
        QCOMPARE(keys.sessionKey(u"openai"_s), key);
        QVERIFY(keys.knownSecrets().contains(key));
        keys.clearSessionKeys();
        QVERIFY(keys.sessionKey(u"openai"_s).isEmpty());
    }

    void environmentKeys()
    {
        QCOMPARE(KeyStore::environmentVariable(ProviderKind::OpenAI), u"OPENAI_API_KEY"_s);
        QCOMPARE(KeyStore::environmentVariable(ProviderKind::Anthropic), u"ANTHROPIC_API_KEY"_s);
        QVERIFY(KeyStore::environmentVariable(ProviderKind::Ollama).isEmpty());
        qputenv("ANTHROPIC_API_KEY", "sk-ant-env-0123456789abcdefgh\n");
        QCOMPARE(KeyStore::environmentKey(ProviderKind::Anthropic), u"sk-ant-env-0123456789abcdefgh"_s);
        KeyStore keys;
        QVERIFY(keys.knownSecrets().contains(u"sk-ant-env-0123456789abcdefgh"_s));
        qunsetenv("ANTHROPIC_API_KEY");
        QVERIFY(KeyStore::environmentKey(ProviderKind::Anthropic).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
