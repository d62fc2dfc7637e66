// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "secrets/redact.h"

#include <QTest>

class TestRedact : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void knownSecretIsReplacedEverywhere()
    {
        const QString key = QStringLiteral("my-local-token-123456");
        const QString in = QStringLiteral("auth failed for %1; retry with %1").arg(key);
        const QString out = Redact::redactSecrets(in, {key});
        QVERIFY(!out.contains(key));
        QCOMPARE(out, QStringLiteral("auth failed for [redacted]; retry with [redacted]"));
    }

    void keyShapedTokensAreReplaced_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("openai") << QStringLiteral("Incorrect API key provided: sk-proj-abcdEFGH12345678xyz.")
                                << QStringLiteral("Incorrect API key provided: [redacted].");
        QTest::newRow("anthropic") << QStringLiteral("key sk-ant-api03-AAAABBBBCCCCDDDD_eeee-ffff end")
                                   << QStringLiteral("key [redacted] end");
        QTest::newRow("bearer") << QStringLiteral("Authorization: Bearer abc.def-ghi_jkl")
                                << QStringLiteral("Authorization: Bearer [redacted]");
        QTest::newRow("short sk- word is kept") << QStringLiteral("task-sk-1 and sk-short")
                                                << QStringLiteral("task-sk-1 and sk-short");
    }

    void keyShapedTokensAreReplaced()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(Redact::redactSecrets(input), expected);
    }

    void shortKnownSecretsAreIgnored()
    {
        // A 3-letter "secret" would shred ordinary prose; it is not treated as one.
        QCOMPARE(Redact::redactSecrets(QStringLiteral("the cat sat"), {QStringLiteral("cat")}),
                 QStringLiteral("the cat sat"));
    }

    void containsSecretDetects()
    {
        QVERIFY(Redact::containsSecret(QStringLiteral("x sk-abcdefghijklmnopqrstu y")));
        QVERIFY(Redact::containsSecret(QStringLiteral("hello planted-key-0001"), {QStringLiteral("planted-key-0001")}));
        QVERIFY(!Redact::containsSecret(QStringLiteral("nothing to see here")));
    }
};

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
