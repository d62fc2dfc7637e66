// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "store.h"

#include "schema.h"
#include "secrets/redact.h"
#include "util/logging.h"

#include <QAtomicInt>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace {
QAtomicInt connectionCounter;

StoreError::Kind kindForSqliteCode(const QString &nativeCode)
{
    bool ok = false;
    const int code = nativeCode.toInt(&ok) & 0xff; // primary result code
    if (!ok)
        return StoreError::Kind::Query;
    switch (code) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
        return StoreError::Kind::Locked;
    case 8: // SQLITE_READONLY
        return StoreError::Kind::ReadOnly;
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
        return StoreError::Kind::Corrupt;
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
        return StoreError::Kind::Io;
    default:
        return StoreError::Kind::Query;
    }
}

QString describe(StoreError::Kind kind)
{
    switch (kind) {
    case StoreError::Kind::Corrupt: return u"the file is damaged or is not a SQLite database"_s;
    case StoreError::Kind::Locked: return u"it is locked by another program"_s;
    case StoreError::Kind::ReadOnly: return u"it is read-only"_s;
    case StoreError::Kind::Io: return u"a disk or file-system error occurred"_s;
    default: return {};
    }
}
} // namespace

Store::Store()
    : m_connectionName(u"confab-store-%1"_s.arg(connectionCounter.fetchAndAddRelaxed(1)))
{
}

Store::~Store()
{
    close();
}

QString Store::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/confab.sqlite"_s;
}

bool Store::fail(StoreError::Kind kind, const QString &problem)
{
    m_error.kind = kind;
    m_error.message = Redact::redactSecrets(u"Conversation database %1: %2"_s.arg(QDir::toNativeSeparators(m_path), problem));
    qCWarning(lcStorage).noquote() << m_error.message;
    return false;
}

bool Store::failSql(const QSqlError &error, const QString &doing)
{
    const StoreError::Kind kind = kindForSqliteCode(error.nativeErrorCode());
    const QString what = describe(kind);
    const QString detail = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    if (what.isEmpty())
        return fail(kind, u"%1 failed (%2)"_s.arg(doing, detail));
    return fail(kind, u"%1 failed: %2 (%3)"_s.arg(doing, what, detail));
}

bool Store::prepare(QSqlQuery &q, const QString &sql)
{
    m_prepareError = QSqlError();
    if (q.prepare(sql))
        return true;
    m_prepareError = q.lastError(); // exec() would only say "No query"
    return false;
}

bool Store::exec(QSqlQuery &q, const QString &doing)
{
    if (q.exec()) {
        m_prepareError = QSqlError();
        return true;
    }
    const QSqlError error = m_prepareError.isValid() ? m_prepareError : q.lastError();
    m_prepareError = QSqlError();
    return failSql(error, doing);
}

bool Store::checkFileBeforeOpen()
{
    const QFileInfo info(m_path);
    const QFileInfo dir(info.absolutePath());
    if (!info.exists()) {
        if (!dir.exists() && !QDir().mkpath(dir.absoluteFilePath()))
            return fail(StoreError::Kind::Io, u"cannot create the folder %1"_s.arg(dir.absoluteFilePath()));
        if (!dir.isWritable())
            return fail(StoreError::Kind::ReadOnly, u"the folder %1 is not writable"_s.arg(dir.absoluteFilePath()));
        return true;
    }
    if (!info.isFile())
        return fail(StoreError::Kind::Io, u"not a regular file"_s);
    if (!info.isReadable())
        return fail(StoreError::Kind::Io, u"the file cannot be read (permission denied)"_s);
    // Permission bits, not access(): a file the user marked read-only stays
    // untouched even when we run with privileges that could override it.
    const auto writeBits = QFileDevice::WriteOwner | QFileDevice::WriteGroup | QFileDevice::WriteOther;
    if (!info.isWritable() || !(info.permissions() & writeBits))
        return fail(StoreError::Kind::ReadOnly, u"the file is read-only; Confab needs to write to it"_s);
    if (!dir.isWritable())
        return fail(StoreError::Kind::ReadOnly,
                    u"the folder %1 is not writable (SQLite keeps its journal next to the file)"_s.arg(dir.absoluteFilePath()));
    if (info.size() == 0)
        return true; // an empty file is an empty database
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(StoreError::Kind::Io, u"cannot read the file: %1"_s.arg(f.errorString()));
    const QByteArray header = f.read(16);
    if (header != QByteArrayView("SQLite format 3\0", 16))
        return fail(StoreError::Kind::Corrupt, u"the file is not a SQLite database (unrecognised header)"_s);
    return true;
}

bool Store::open(const QString &path, const Options &options)
{
    close();
    m_error = {};
    m_path = path;
    m_fromVersion = 0;
    m_swept = 0;
    m_backupPath.clear();
    if (path.isEmpty())
        return fail(StoreError::Kind::Io, u"no file name given"_s);
    if (!checkFileBeforeOpen())
        return false;

    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid()) {
        QSqlDatabase::removeDatabase(m_connectionName);
        return fail(StoreError::Kind::Io, u"the Qt SQLite driver (QSQLITE) is not available"_s);
    }
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(options.busyTimeoutMs));
    if (!m_db.open()) {
        failSql(m_db.lastError(), u"opening"_s);
        close();
        return false;
    }
    m_open = true;
    if (!configureAndCheck() || !migrateIfNeeded()) {
        const StoreError saved = m_error;
        close();
        m_error = saved;
        return false;
    }
    if (options.sweepStreaming) {
        m_swept = sweepStreaming();
        if (m_swept < 0) {
            const StoreError saved = m_error;
            close();
            m_error = saved;
            return false;
        }
        if (m_swept > 0)
            qCInfo(lcStorage) << "marked" << m_swept << "cut-off streaming message(s) as interrupted";
    }
    return true;
}

bool Store::configureAndCheck()
{
    QSqlQuery q(m_db);
    // Read-only checks first: nothing is written to a file we may refuse.
    prepare(q, u"PRAGMA quick_check"_s);
    if (!exec(q, u"checking the file"_s))
        return false;
    QStringList problems;
    while (q.next())
        problems << q.value(0).toString();
    if (problems != QStringList{u"ok"_s})
        return fail(StoreError::Kind::Corrupt,
                    u"the file is damaged (%1)"_s.arg(problems.mid(0, 3).join(u"; "_s)));
    prepare(q, u"PRAGMA user_version"_s);
    if (!exec(q, u"reading the schema version"_s) || !q.next())
        return false;
    m_fromVersion = q.value(0).toInt();
    if (m_fromVersion > Schema::CurrentVersion)
        return fail(StoreError::Kind::TooNew,
                    u"it was written by a newer version of Confab (schema %1; this version knows up to %2)"_s
                        .arg(m_fromVersion)
                        .arg(Schema::CurrentVersion));
    if (m_fromVersion == 0) {
        prepare(q, u"SELECT count(*) FROM sqlite_master"_s);
        if (!exec(q, u"inspecting the schema"_s) || !q.next())
            return false;
        if (q.value(0).toInt() > 0)
            return fail(StoreError::Kind::NotConfab, u"it is a SQLite database of another program (no Confab schema version)"_s);
    }
    // Only now, with the file known to be ours, change anything.
    prepare(q, u"PRAGMA foreign_keys = ON"_s);
    if (!exec(q, u"enabling foreign keys"_s))
        return false;
    prepare(q, u"PRAGMA journal_mode = WAL"_s);
    if (!exec(q, u"switching to write-ahead logging"_s))
        return false;
    if (q.next() && q.value(0).toString() != "wal"_L1)
        qCWarning(lcStorage) << "WAL is not available for" << m_path << "; journal mode is" << q.value(0).toString();
    prepare(q, u"PRAGMA synchronous = NORMAL"_s);
    return exec(q, u"setting the sync mode"_s);
}

bool Store::migrateIfNeeded()
{
    const int version = m_fromVersion;
    if (version == Schema::CurrentVersion)
        return true;
    QSqlQuery q(m_db);
    if (version > 0) {
        // Back up before touching an existing schema; named after the old version.
        QString backup = u"%1.v%2.bak"_s.arg(m_path).arg(version);
        if (QFileInfo::exists(backup))
            backup = u"%1.v%2-%3.bak"_s.arg(m_path).arg(version).arg(QDateTime::currentDateTimeUtc().toString(u"yyyyMMddHHmmsszzz"_s));
        prepare(q, u"VACUUM INTO ?"_s);
        q.addBindValue(backup);
        if (!exec(q, u"backing up to %1 before migrating"_s.arg(backup)))
            return false;
        m_backupPath = backup;
        qCInfo(lcStorage) << "backed up schema" << version << "database to" << backup;
    }
    q.finish();
    QString error;
    if (!Schema::migrate(m_db, version, &error))
        return fail(StoreError::Kind::Query, u"upgrading from schema %1 failed; the file is unchanged (%2)"_s.arg(version).arg(error));
    qCInfo(lcStorage) << "migrated" << m_path << "from schema" << version << "to" << Schema::CurrentVersion;
    return true;
}

void Store::close()
{
    m_checkpointQuery.reset();
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
    m_open = false;
}

QString Store::integrityCheck()
{
    QSqlQuery q(m_db);
    if (!q.exec(u"PRAGMA integrity_check"_s))
        return q.lastError().text();
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out.join(u'\n');
}
