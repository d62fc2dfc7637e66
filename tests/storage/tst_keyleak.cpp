// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
//
// API keys never reach the database, settings, logs or CLI output. A known,
// distinctive key is planted through --api-key-env; confab-cli runs stored
// sessions with all debug logging on (a clean one, a 401 whose body echoes
// the key, a mid-stream error echoing it, a continue that fails again), and
// then every byte it left behind is searched for the key. The search itself
// is checked on a control file holding the key, so the test can fail.
#include "clitesthelpers.h"

#include "settings/providersettings.h"
#include "storage/store.h"

#include <QDir>
#include <QDirIterator>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace StorageCliTest;

namespace {

// Not shaped like an sk-… key, so only the known-secret redaction can hide it.
const QString Key = u"ConfabLeakCanary-7f3a9c21e4b8d605Qx"_s;
const QString KeyTail = u"7f3a9c21e4b8d605"_s; // catches a partly printed key too
const QString Text = u"A short answer that arrives in several pieces, then ends."_s;

/// Where the key (or its tail) appears in data, as UTF-8 or UTF-16; "" when nowhere.
QString findKey(const QByteArray &data)
{
    for (const QString &needle : {Key, KeyTail}) {
        if (data.contains(needle.toUtf8()))
            return u"UTF-8 '%1'"_s.arg(needle);
        const QByteArray utf16(reinterpret_cast<const char *>(needle.utf16()), needle.size() * 2);
        if (data.contains(utf16))
            return u"UTF-16 '%1'"_s.arg(needle);
    }
    return {};
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject script(const QJsonObject &every)
{
    return {{u"answer"_s, QJsonObject{{u"text"_s, Text}}}, {u"every"_s, every}};
}

} // namespace

class TestKeyLeak : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void searchFindsAPlantedKey()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile control(dir.filePath(u"control.bin"_s));
        QVERIFY(control.open(QIODevice::WriteOnly));
        control.write(QByteArray(100, '\0') + "header " + Key.toUtf8() + " trailer" + QByteArray(100, '\1'));
        control.close();
        QVERIFY(!findKey(readAll(control.fileName())).isEmpty());
        const QByteArray partial = "Bearer " + KeyTail.toUtf8();
        QVERIFY(!findKey(partial).isEmpty());
        QVERIFY(findKey("ConfabLeakCanary-[redacted]").isEmpty());
    }

    void keyNeverLeaves()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // The test servers' own scripts hold the key: they live apart from
        // everything Confab may write, which is searched below.
        QTemporaryDir scripts;
        QVERIFY(scripts.isValid());
        FaultServerProcess ok;
        QVERIFY(ok.start(scripts.path(), script({{u"chunkChars"_s, 5}})));
        // A 401 whose body echoes the key, as OpenAI's "Incorrect API key provided: …" does.
        FaultServerProcess unauthorized;
        QVERIFY(unauthorized.start(scripts.path(),
                                   script({{u"status"_s, 401},
                                           {u"body"_s, QJsonObject{{u"error"_s, QJsonObject{
                                               {u"message"_s, QString(u"Incorrect API key provided: "_s + Key + u". Find your key."_s)},
                                               {u"type"_s, u"invalid_request_error"_s},
                                               {u"code"_s, u"invalid_api_key"_s}}}}}})));
        // A mid-stream provider error that quotes the key.
        FaultServerProcess midStream;
        QVERIFY(midStream.start(scripts.path(),
                                script({{u"chunkChars"_s, 5}, {u"errorAtEvent"_s, 4}, {u"errorType"_s, u"server_error"_s},
                                        {u"errorMessage"_s, QString(u"upstream rejected key "_s + Key)}})));

        const QString db = dir.filePath(u"data/confab.sqlite"_s);
        QVERIFY(QDir().mkpath(dir.filePath(u"data"_s)));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CONFAB_LEAK_KEY"_s, Key);
        env.insert(u"QT_LOGGING_RULES"_s, u"*.debug=true"_s); // every category, every level
        env.insert(u"HOME"_s, dir.filePath(u"home"_s));        // anything written under HOME is searched too
        env.insert(u"XDG_CONFIG_HOME"_s, dir.filePath(u"home/.config"_s));
        env.insert(u"XDG_DATA_HOME"_s, dir.filePath(u"home/.local/share"_s));
        const auto chat = [&](const FaultServerProcess &server, const QStringList &extra) {
            return runCli(QStringList{u"chat"_s, u"--db"_s, db, u"--provider"_s, u"openai"_s, u"--base-url"_s,
                                      server.openAiUrl(), u"--model"_s, u"fake-model"_s, u"--api-key-env"_s,
                                      u"CONFAB_LEAK_KEY"_s, u"--max-retries"_s, u"0"_s}
                              + extra,
                          env);
        };
        QList<CliResult> runs;
        QByteArray everything; // all CLI output, searched at the end

        runs.append(chat(ok, {u"first question"_s}));
        QCOMPARE(runs.last().exitCode, 0);
        qint64 conversation = 0, message = 0;
        QVERIFY(parseIds(runs.last().err, &conversation, &message));
        // Held open to the end, so the CLI's exits do not fold the -wal file
        // into the database and delete it: it is searched as it was written.
        Store holder;
        QVERIFY(holder.open(db));

        runs.append(chat(unauthorized, {u"--conversation"_s, QString::number(conversation), u"second question"_s}));
        QCOMPARE(runs.last().exitCode, 1);
        qint64 failedMessage = 0;
        QVERIFY(parseIds(runs.last().err, &conversation, &failedMessage));

        runs.append(chat(midStream, {u"--conversation"_s, QString::number(conversation), u"third question"_s}));
        QCOMPARE(runs.last().exitCode, 1);
        qint64 midMessage = 0;
        QVERIFY(parseIds(runs.last().err, &conversation, &midMessage));

        // Continuing the refused answer is refused again, the same way.
        runs.append(runCli({u"continue"_s, QString::number(failedMessage), u"--db"_s, db, u"--base-url"_s,
                            unauthorized.openAiUrl(), u"--api-key-env"_s, u"CONFAB_LEAK_KEY"_s, u"--max-retries"_s, u"0"_s},
                           env));
        QCOMPARE(runs.last().exitCode, 1);
        runs.append(runCli({u"show"_s, u"--db"_s, db, u"--json"_s, QString::number(conversation)}, env));
        QCOMPARE(runs.last().exitCode, 0);
        runs.append(runCli({u"export"_s, u"--db"_s, db, u"--format"_s, u"md"_s, QString::number(conversation)}, env));
        QCOMPARE(runs.last().exitCode, 0);
        for (const CliResult &r : std::as_const(runs))
            everything += r.out + '\n' + r.err + '\n';
        // The runs did meet the key: the errors were stored, with it redacted.
        {
            Store store;
            QVERIFY(store.open(db));
            const std::optional<StoredMessage> failed = store.message(failedMessage);
            QVERIFY(failed);
            QCOMPARE(failed->state, MessageState::Failed);
            QCOMPARE(failed->errorKind, u"auth"_s);
            QVERIFY2(failed->errorMessage.contains(u"[redacted]"_s), qPrintable(failed->errorMessage));
            const std::optional<StoredMessage> mid = store.message(midMessage);
            QVERIFY(mid);
            QCOMPARE(mid->state, MessageState::Interrupted);
            QCOMPARE(mid->errorKind, u"server"_s);
            QVERIFY(!mid->content.isEmpty());
            QVERIFY2(mid->errorMessage.contains(u"[redacted]"_s), qPrintable(mid->errorMessage));
            QVERIFY(store.errorCounts(QDateTime::currentDateTimeUtc()).size() >= 2); // metrics were persisted
        }
        QVERIFY(everything.contains("confab.")); // debug logging really was on

        // Settings: the CLI writes none, so write some through the settings
        // API, with a stray key planted the way a careless caller might.
        const QString ini = dir.filePath(u"home/.config/confab-test.ini"_s);
        {
            QSettings settings(ini, QSettings::IniFormat);
            settings.setValue(u"providers/openai/apiKey"_s, Key);
            ProviderSettings providers(&settings);
            QString error;
            QVERIFY2(providers.save(ProviderEntry::defaults(ProviderKind::OpenAI, u"openai"_s), &error), qPrintable(error));
            settings.sync();
        }
        QVERIFY(QFile::exists(ini));

        // Search every file left behind (database, -wal, -shm, settings,
        // anything under HOME), and all the captured output and logs.
        QStringList searched;
        QDirIterator it(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            searched.append(QFileInfo(path).fileName());
            const QString hit = findKey(readAll(path));
            QVERIFY2(hit.isEmpty(), qPrintable(u"the key is in %1 (%2)"_s.arg(path, hit)));
        }
        QVERIFY2(searched.contains(u"confab.sqlite"_s) && searched.contains(u"confab.sqlite-wal"_s)
                     && searched.contains(u"confab.sqlite-shm"_s),
                 qPrintable(searched.join(u", "_s)));
        QVERIFY(searched.contains(u"confab-test.ini"_s));
        const QString hit = findKey(everything);
        QVERIFY2(hit.isEmpty(), qPrintable(u"the key is in the CLI output/logs ("_s + hit + u")"_s));
    }
};

QTEST_GUILESS_MAIN(TestKeyLeak)
#include "tst_keyleak.moc"
