// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

#include <vector>

namespace vigil::ui::i18n {

/// QSettings key of the user interface language: "system" (the default), "en" or "de".
inline constexpr char kLanguageKey[] = "ui/language";
/// The value of kLanguageKey that follows the system locale.
inline constexpr char kSystemLanguage[] = "system";

/// One entry of a language chooser: the settings value and the name shown for it.
struct LanguageChoice
{
    QString code; ///< "system", "en", "de"
    QString name; ///< "System default" (translated), "English", "Deutsch" (each in itself)
};

/// The languages Vigil ships, "system" first; for the settings dialog.
std::vector<LanguageChoice> languageChoices();

/// True for "system" and for every language Vigil ships.
bool isKnownLanguage(const QString& code);

/// The value of `--lang X` or `--lang=X` in `arguments` (argv of the app), empty when absent.
/// Read before QCommandLineParser runs, so its help text is already translated.
QString languageFromArguments(const QStringList& arguments);

/// The language code (`en`, `de`) the choice resolves to: `system` (or empty, or an unknown
/// value) follows QLocale::system() and falls back to English when Vigil lacks that language.
QString resolveLanguage(const QString& choice);

/// Installs Vigil's and Qt's own translations for `choice` ("system", "en" or "de"; empty
/// reads kLanguageKey from QSettings) on the application, replacing translators installed by
/// an earlier call, and sets the default QLocale to match. Returns the language code in use.
/// Widgets built before a call keep their texts: the settings dialog asks for a restart.
/// Qt's translations (qtbase_de.qm, Debian package qt6-translations-l10n) are optional.
/// GUI thread only, after QCoreApplication exists.
QString installTranslators(const QString& choice = {});

} // namespace vigil::ui::i18n
