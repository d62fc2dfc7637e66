// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "settings/providersettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestProviderSettings : public QObject
{
    Q_OBJECT

    QString iniPath() const { return m_dir.filePath(u"confab-%1.ini"_s.arg(m_n)); }

private Q_SLOTS:
    void init() { ++m_n; }

    void roundTripAndFallbackOrder()
    {
        {
            QSettings ini(iniPath(), QSettings::IniFormat);
            ProviderSettings ps(&ini);
            ProviderEntry e = ProviderEntry::defaults(ProviderKind::Ollama, u"local-llama"_s);
            e.config.displayName = u"Llama on the desk"_s;
            e.config.baseUrl = QUrl(u"http://127.0.0.1:8080/v1"_s);
            e.config.defaultModel = u"llama3"_s;
            e.maxRetries = 7;
            e.idleTimeoutMs = 12345;
            QString error;
            QVERIFY2(ps.save(e, &error), qPrintable(error));
            QVERIFY(ps.save(ProviderEntry::defaults(ProviderKind::Anthropic, u"anthropic"_s), &error));
            QVERIFY(ps.setFallbackOrder({u"anthropic"_s, u"local-llama"_s}, &error));
            QVERIFY(!ps.setFallbackOrder({u"nobody"_s}, &error));
            QVERIFY(error.contains(u"nobody"_s));
        }
        QSettings ini(iniPath(), QSettings::IniFormat);
        ProviderSettings ps(&ini);
        QCOMPARE(ps.providerIds(), (QStringList{u"anthropic"_s, u"local-llama"_s}));
        QStringList errors;
        const auto e = ps.provider(u"local-llama"_s, &errors);
        QVERIFY(e);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
        QCOMPARE(e->config.kind, ProviderKind::Ollama);
        QCOMPARE(e->config.displayName, u"Llama on the desk"_s);
        QCOMPARE(e->config.baseUrl, QUrl(u"http://127.0.0.1:8080/v1"_s));
        QCOMPARE(e->config.defaultModel, u"llama3"_s);
        QCOMPARE(e->maxRetries, 7);
        QCOMPARE(e->idleTimeoutMs, 12345);
        QCOMPARE(ps.fallbackOrder(), (QStringList{u"anthropic"_s, u"local-llama"_s}));
        ps.remove(u"anthropic"_s);
        QCOMPARE(ps.fallbackOrder(), QStringList{u"local-llama"_s});
    }

    void badValuesGiveErrorsAndKeepDefaults()
    {
        QSettings ini(iniPath(), QSettings::IniFormat);
        ini.setValue(u"providers/openai/kind"_s, u"openai"_s);
        ini.setValue(u"providers/openai/baseUrl"_s, u"ht!tp://[broken"_s);
        ini.setValue(u"providers/openai/maxRetries"_s, u"lots"_s);
        ini.setValue(u"providers/openai/connectTimeoutMs"_s, u"-5"_s);
        ini.setValue(u"providers/openai/idleTimeoutMs"_s, u"2500"_s);
        ini.setValue(u"providers/openai/apiKey"_s, u"sk-should-never-be-read-0123456789"_s);
        ini.setValue(u"providers/weird/kind"_s, u"gemini"_s);
        ProviderSettings ps(&ini);
        QStringList errors;
        const auto e = ps.provider(u"openai"_s, &errors);
        QVERIFY(e);
        const QString all = errors.join(u'\n');
        QVERIFY2(all.contains(u"providers/openai/baseUrl"_s), qPrintable(all));
        QVERIFY2(all.contains(u"providers/openai/maxRetries: 'lots' is not a whole number; using 4"_s), qPrintable(all));
        QVERIFY2(all.contains(u"providers/openai/connectTimeoutMs: -5 is outside"_s), qPrintable(all));
        QVERIFY2(all.contains(u"API keys are never read from settings"_s), qPrintable(all));
        QVERIFY(!all.contains(u"sk-should-never-be-read"_s));
        QCOMPARE(e->config.baseUrl, QUrl(u"https://api.openai.com/v1"_s));
        QCOMPARE(e->maxRetries, 4);
        QCOMPARE(e->connectTimeoutMs, 15000);
        QCOMPARE(e->idleTimeoutMs, 2500); // good values are still taken

        errors.clear();
        QVERIFY(!ps.provider(u"weird"_s, &errors));
        QVERIFY2(errors.join(u'\n').contains(u"unknown provider kind 'gemini'"_s), qPrintable(errors.join(u'\n')));
        QCOMPARE(ps.providers(nullptr).size(), 1);

        // Saving removes the stray key from the file.
        QString error;
        QVERIFY(ps.save(*e, &error));
        QFile f(iniPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("sk-should-never-be-read"));
    }

    void saveValidatesFirst_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("retries");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("words");
        QTest::newRow("ftp") << u"ftp://example.com"_s << 3 << u"x"_s << u"must start with https://"_s;
        QTest::newRow("remote http") << u"http://example.com/v1"_s << 3 << u"x"_s << u"only allowed for this computer"_s;
        QTest::newRow("no host") << u"https://"_s << 3 << u"x"_s << u"has no host"_s;
        QTest::newRow("retries") << u"https://example.com"_s << 99 << u"x"_s << u"maxRetries must be between 0 and 20"_s;
        QTest::newRow("id") << u"https://example.com"_s << 3 << u"Bad Id"_s << u"provider id 'Bad Id' is invalid"_s;
        QTest::newRow("userinfo") << u"https://me:pw@example.com"_s << 3 << u"x"_s << u"user name or password"_s;
    }

    void saveValidatesFirst()
    {
        QFETCH(QString, url);
        QFETCH(int, retries);
        QFETCH(QString, id);
        QFETCH(QString, words);
        QSettings ini(iniPath(), QSettings::IniFormat);
        ProviderSettings ps(&ini);
        ProviderEntry e = ProviderEntry::defaults(ProviderKind::OpenAI, id);
        e.config.baseUrl = QUrl(url);
        e.maxRetries = retries;
        QString error;
        QVERIFY(!ps.save(e, &error));
        QVERIFY2(error.contains(words), qPrintable(error));
        QVERIFY(ps.providerIds().isEmpty()); // nothing written
    }

    void loopbackHttpAllowed()
    {
        for (const QString &u : {u"http://localhost:11434"_s, u"http://127.0.0.1:1"_s, u"http://[::1]:8080/v1"_s}) {
            ProviderEntry e = ProviderEntry::defaults(ProviderKind::OpenAI, u"local"_s);
            e.config.baseUrl = QUrl(u);
            QVERIFY2(ProviderSettings::validate(e).isEmpty(), qPrintable(ProviderSettings::validate(e)));
        }
    }

private:
    QTemporaryDir m_dir;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestProviderSettings)
#include "tst_providersettings.moc"
