// SPDX-License-Identifier: MIT
#include "i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace vigil::ui::i18n {
namespace {

/// The languages with a vigil_<code>.qm in the resources (":/i18n", see translations/).
const QStringList& shippedLanguages()
{
    static const QStringList codes{QStringLiteral("en"), QStringLiteral("de")};
    return codes;
}

/// Translators installed by the last installTranslators() call.
QList<QPointer<QTranslator>>& installed()
{
    static QList<QPointer<QTranslator>> list;
    return list;
}

/// The locale to format numbers and dates with for language `code`: the system's own when it
/// speaks that language (de_AT stays de_AT), else the language's main country.
QLocale localeFor(const QString& code)
{
    const QLocale system = QLocale::system();
    const QLocale wanted(code);
    if (system.language() == wanted.language()) {
        return system;
    }
    return code == QLatin1String("de") ? QLocale(QLocale::German, QLocale::Germany)
                                       : QLocale(QLocale::English, QLocale::UnitedStates);
}

} // namespace

std::vector<LanguageChoice> languageChoices()
{
    // Each language is named in itself, so a user lost in a foreign UI still finds their own.
    return {{QString::fromLatin1(kSystemLanguage),
             QCoreApplication::translate("vigil::ui::i18n", "System default")},
            {QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("de"), QStringLiteral("Deutsch")}};
}

bool isKnownLanguage(const QString& code)
{
    return code == QLatin1String(kSystemLanguage) || shippedLanguages().contains(code);
}

QString languageFromArguments(const QStringList& arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--")) {
            break;
        }
        if (a == QLatin1String("--lang") && i + 1 < arguments.size()) {
            return arguments[i + 1];
        }
        if (a.startsWith(QLatin1String("--lang="))) {
            return a.mid(7);
        }
    }
    return {};
}

QString resolveLanguage(const QString& choice)
{
    if (shippedLanguages().contains(choice)) {
        return choice;
    }
    // The system's preferred UI languages in order ("de-AT", "de", "en-US", ...).
    for (const QString& tag : QLocale::system().uiLanguages()) {
        const QString code = QLocale(tag).name().section(QLatin1Char('_'), 0, 0);
        if (shippedLanguages().contains(code)) {
            return code;
        }
    }
    return QStringLiteral("en");
}

QString installTranslators(const QString& choice)
{
    QString wanted = choice;
    if (wanted.isEmpty()) {
        wanted = QSettings()
                     .value(QLatin1String(kLanguageKey), QLatin1String(kSystemLanguage))
                     .toString();
    }
    const QString code = resolveLanguage(wanted);

    for (const QPointer<QTranslator>& t : installed()) {
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    installed().clear();

    const QLocale locale = localeFor(code);
    QLocale::setDefault(locale);
    auto add = [](const QString& file, const QString& dir) {
        auto* t = new QTranslator(QCoreApplication::instance());
        if (t->load(file, dir) && QCoreApplication::installTranslator(t)) {
            installed() << t;
            return true;
        }
        delete t;
        return false;
    };
    // Qt's own texts (standard dialogs, context menus, --help); absent unless installed.
    if (code != QLatin1String("en")) {
        const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
        add(QStringLiteral("qtbase_%1").arg(code), qtDir);
    }
    // English is the source language; vigil_en holds its plural forms only ("1 point").
    add(QStringLiteral("vigil_%1").arg(code), QStringLiteral(":/i18n"));
    return code;
}

} // namespace vigil::ui::i18n
