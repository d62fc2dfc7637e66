// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Confab contributors
#include "providersettings.h"

#include "util/logging.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr auto Group = "providers/"_L1;
constexpr auto FallbackKey = "fallbackOrder"_L1;
const QStringList forbiddenKeys = {u"apiKey"_s, u"api_key"_s, u"key"_s, u"token"_s};

struct IntField {
    QLatin1StringView name;
    int ProviderEntry::*member;
    int min;
    int max;
};
const IntField intFields[] = {
    {"maxRetries"_L1, &ProviderEntry::maxRetries, 0, 20},
    {"connectTimeoutMs"_L1, &ProviderEntry::connectTimeoutMs, 100, 3600000},
    {"firstByteTimeoutMs"_L1, &ProviderEntry::firstByteTimeoutMs, 100, 3600000},
    {"idleTimeoutMs"_L1, &ProviderEntry::idleTimeoutMs, 100, 3600000},
    {"totalTimeoutMs"_L1, &ProviderEntry::totalTimeoutMs, 100, 24 * 3600000},
};

// Kind names as in settings files (the same words as providerKindName(), kept
// here so settings do not depend on the protocol area).
struct KindName {
    ProviderKind kind;
    QLatin1StringView name;
};
constexpr KindName kindNames[] = {
    {ProviderKind::OpenAI, "openai"_L1},
    {ProviderKind::Anthropic, "anthropic"_L1},
    {ProviderKind::Ollama, "ollama"_L1},
};

QString kindToSetting(ProviderKind kind)
{
    for (const KindName &k : kindNames) {
        if (k.kind == kind)
            return k.name;
    }
    return {};
}

bool kindFromSetting(QStringView name, ProviderKind *kind)
{
    for (const KindName &k : kindNames) {
        if (name.compare(k.name, Qt::CaseInsensitive) == 0) {
            *kind = k.kind;
            return true;
        }
    }
    return false;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString urlProblem(const QUrl &url)
{
    if (url.isEmpty())
        return u"the base URL is empty"_s;
    if (!url.isValid())
        return u"the base URL is not a valid URL (%1)"_s.arg(url.errorString());
    const QString scheme = url.scheme().toLower();
    if (scheme != "https"_L1 && scheme != "http"_L1)
        return u"the base URL must start with https:// (got '%1')"_s.arg(url.toDisplayString());
    if (url.host().isEmpty())
        return u"the base URL has no host (got '%1')"_s.arg(url.toDisplayString());
    if (scheme == "http"_L1 && !isLoopbackHost(url.host()))
        return u"plain http:// is only allowed for this computer (localhost, 127.0.0.1, ::1); use https:// for %1"_s.arg(url.host());
    if (!url.userInfo().isEmpty())
        return u"the base URL must not contain a user name or password"_s;
    return {};
}
} // namespace

ProviderEntry ProviderEntry::defaults(ProviderKind kind, const QString &id)
{
    ProviderEntry e;
    e.config.kind = kind;
    e.config.id = id;
    switch (kind) {
    case ProviderKind::OpenAI:
        e.config.displayName = u"OpenAI"_s;
        e.config.baseUrl = QUrl(u"https://api.openai.com/v1"_s);
        break;
    case ProviderKind::Anthropic:
        e.config.displayName = u"Anthropic"_s;
        e.config.baseUrl = QUrl(u"https://api.anthropic.com"_s);
        break;
    case ProviderKind::Ollama:
        e.config.displayName = u"Ollama"_s;
        e.config.baseUrl = QUrl(u"http://127.0.0.1:11434"_s);
        break;
    }
    return e;
}

ProviderSettings::ProviderSettings(QSettings *settings)
    : m_settings(settings)
{
}

bool ProviderSettings::isValidId(const QString &id)
{
    static const QRegularExpression re(u"^[a-z0-9][a-z0-9._-]{0,63}$"_s);
    return re.match(id).hasMatch();
}

QString ProviderSettings::validate(const ProviderEntry &entry)
{
    if (!isValidId(entry.config.id))
        return u"provider id '%1' is invalid (use a-z, 0-9, '.', '_' or '-', at most 64 characters)"_s.arg(entry.config.id);
    const QString prefix = u"provider '%1': "_s.arg(entry.config.id);
    if (const QString p = urlProblem(entry.config.baseUrl); !p.isEmpty())
        return prefix + p;
    for (const IntField &f : intFields) {
        const int v = entry.*f.member;
        if (v < f.min || v > f.max)
            return prefix + u"%1 must be between %2 and %3 (got %4)"_s.arg(f.name).arg(f.min).arg(f.max).arg(v);
    }
    return {};
}

QStringList ProviderSettings::providerIds() const
{
    m_settings->beginGroup(u"providers"_s);
    QStringList ids = m_settings->childGroups();
    m_settings->endGroup();
    ids.sort();
    return ids;
}

std::optional<ProviderEntry> ProviderSettings::provider(const QString &id, QStringList *errors) const
{
    QStringList local;
    QStringList &errs = errors ? *errors : local;
    if (!isValidId(id)) {
        errs << u"provider id '%1' is invalid"_s.arg(id);
        return std::nullopt;
    }
    const QString base = Group + id + u'/';
    if (!m_settings->contains(base + u"kind"_s)) {
        errs << u"provider '%1' is not configured (no %2kind)"_s.arg(id, base);
        return std::nullopt;
    }
    const QString kindName = m_settings->value(base + u"kind"_s).toString();
    ProviderKind kind;
    if (!kindFromSetting(kindName, &kind)) {
        errs << u"%1kind: unknown provider kind '%2' (expected openai, anthropic or ollama)"_s.arg(base, kindName);
        return std::nullopt;
    }
    ProviderEntry e = ProviderEntry::defaults(kind, id);
    const QString name = m_settings->value(base + u"displayName"_s).toString().trimmed();
    if (!name.isEmpty())
        e.config.displayName = name;
    e.config.defaultModel = m_settings->value(base + u"defaultModel"_s).toString().trimmed();
    if (m_settings->contains(base + u"baseUrl"_s)) {
        const QString raw = m_settings->value(base + u"baseUrl"_s).toString().trimmed();
        const QUrl url(raw, QUrl::StrictMode);
        if (const QString p = urlProblem(url); p.isEmpty())
            e.config.baseUrl = url;
        else
            errs << u"%1baseUrl: %2; using %3"_s.arg(base, p, e.config.baseUrl.toDisplayString());
    }
    for (const IntField &f : intFields) {
        const QString key = base + f.name;
        if (!m_settings->contains(key))
            continue;
        const QString raw = m_settings->value(key).toString().trimmed();
        bool ok = false;
        const int v = raw.toInt(&ok);
        if (!ok)
            errs << u"%1: '%2' is not a whole number; using %3"_s.arg(key, raw.left(40)).arg(e.*f.member);
        else if (v < f.min || v > f.max)
            errs << u"%1: %2 is outside %3..%4; using %5"_s.arg(key).arg(v).arg(f.min).arg(f.max).arg(e.*f.member);
        else
            e.*f.member = v;
    }
    for (const QString &k : forbiddenKeys) {
        if (m_settings->contains(base + k))
            errs << u"%1%2: API keys are never read from settings (use the keychain); ignored"_s.arg(base, k);
    }
    for (const QString &err : std::as_const(errs))
        qCWarning(lcStorage).noquote() << "settings:" << err;
    return e;
}

QList<ProviderEntry> ProviderSettings::providers(QStringList *errors) const
{
    QList<ProviderEntry> out;
    const QStringList ids = providerIds();
    for (const QString &id : ids) {
        if (auto e = provider(id, errors))
            out.append(*e);
    }
    return out;
}

bool ProviderSettings::save(const ProviderEntry &entry, QString *error)
{
    if (const QString problem = validate(entry); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    const QString base = Group + entry.config.id + u'/';
    m_settings->setValue(base + u"kind"_s, kindToSetting(entry.config.kind));
    m_settings->setValue(base + u"displayName"_s, entry.config.displayName);
    m_settings->setValue(base + u"baseUrl"_s, entry.config.baseUrl.toString());
    m_settings->setValue(base + u"defaultModel"_s, entry.config.defaultModel);
    for (const IntField &f : intFields)
        m_settings->setValue(base + f.name, entry.*f.member);
    for (const QString &k : forbiddenKeys)
        m_settings->remove(base + k);
    m_settings->sync();
    if (m_settings->status() != QSettings::NoError) {
        if (error)
            *error = u"could not write the settings file %1"_s.arg(m_settings->fileName());
        return false;
    }
    return true;
}

void ProviderSettings::remove(const QString &id)
{
    if (!isValidId(id))
        return;
    m_settings->remove(Group + id);
    QStringList order = fallbackOrder();
    order.removeAll(id);
    m_settings->setValue(FallbackKey, order);
}

QStringList ProviderSettings::fallbackOrder() const
{
    const QStringList known = providerIds();
    QStringList out;
    const QStringList stored = m_settings->value(FallbackKey).toStringList();
    for (const QString &id : stored) {
        if (known.contains(id) && !out.contains(id))
            out << id;
    }
    return out;
}

bool ProviderSettings::setFallbackOrder(const QStringList &ids, QString *error)
{
    const QStringList known = providerIds();
    for (const QString &id : ids) {
        if (!known.contains(id)) {
            if (error)
                *error = u"fallback order: there is no provider '%1'"_s.arg(id);
            return false;
        }
    }
    m_settings->setValue(FallbackKey, ids);
    return true;
}
