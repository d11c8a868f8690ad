// SPDX-License-Identifier: MIT
#include "core_text.h"

#include "vigil/phrases.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace vigil::ui {

namespace phrases = core::phrases;

namespace {

/// One pattern of vigil/phrases.h as a regular expression over the English text.
struct Pattern
{
    const char* source;
    QString english; ///< source as a QString, to tell an untranslated pattern
    QRegularExpression expression;
    std::vector<int> placeholders; ///< the number of each capture's placeholder, in text order
};

/// Every pattern, the longest first, so a pattern that holds a shorter one is replaced whole.
const std::vector<Pattern>& patterns()
{
    static const std::vector<Pattern> all = [] {
        static const QRegularExpression placeholder(QStringLiteral("%([1-9])"));
        std::vector<Pattern> out;
        for (const char* source : phrases::kAll) {
            const QString text = QString::fromUtf8(source);
            QString expression;
            std::vector<int> numbers;
            qsizetype at = 0;
            for (auto it = placeholder.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                expression += QRegularExpression::escape(text.mid(at, m.capturedStart() - at));
                // An argument holds no space (phrases.h); the regex backtracks where a literal
                // such as "σ" or ")" follows it.
                expression += QStringLiteral("(\\S+)");
                numbers.push_back(m.captured(1).toInt());
                at = m.capturedEnd();
            }
            expression += QRegularExpression::escape(text.mid(at));
            out.push_back({source, text, QRegularExpression(expression), std::move(numbers)});
        }
        std::stable_sort(out.begin(), out.end(), [](const Pattern& a, const Pattern& b) {
            return std::char_traits<char>::length(a.source) >
                   std::char_traits<char>::length(b.source);
        });
        return out;
    }();
    return all;
}

/// A decimal number written by core ("6.8", "-0.012", "+0.050") in the default locale; any
/// other argument (a row number, a word) as it is.
QString localised(const QString& argument)
{
    static const QRegularExpression decimal(QStringLiteral("^([+-]?)(\\d+\\.(\\d+))$"));
    const auto m = decimal.match(argument);
    if (!m.hasMatch()) {
        return argument;
    }
    bool ok = false;
    const double value = m.captured(2).toDouble(&ok);
    return ok ? m.captured(1) + QLocale().toString(value, 'f', int(m.captured(3).size()))
              : argument;
}

} // namespace

QString coreText(const std::string& english)
{
    return coreText(QString::fromStdString(english));
}

QString coreText(const QString& english)
{
    struct Piece
    {
        QString text;
        bool translated;
    };
    std::vector<Piece> pieces{{english, false}};
    for (const Pattern& p : patterns()) {
        const QString translation = QCoreApplication::translate(phrases::kContext, p.source);
        if (translation == p.english) {
            continue; // English, or no translation of this pattern
        }
        std::vector<Piece> next;
        for (Piece& piece : pieces) {
            if (piece.translated) {
                next.push_back(std::move(piece));
                continue;
            }
            qsizetype at = 0;
            for (auto it = p.expression.globalMatch(piece.text); it.hasNext();) {
                const auto m = it.next();
                if (m.capturedStart() > at) {
                    next.push_back({piece.text.mid(at, m.capturedStart() - at), false});
                }
                // By placeholder number: a translation may put them in another order.
                std::vector<std::string> arguments(9);
                for (size_t k = 0; k < p.placeholders.size(); ++k) {
                    arguments[size_t(p.placeholders[k] - 1)] =
                        localised(m.captured(int(k) + 1)).toStdString();
                }
                next.push_back(
                    {QString::fromStdString(phrases::fill(translation.toStdString(), arguments)),
                     true});
                at = m.capturedEnd();
            }
            if (at < piece.text.size()) {
                next.push_back({piece.text.mid(at), false});
            }
        }
        pieces = std::move(next);
    }
    QString out;
    for (const Piece& piece : pieces) {
        out += piece.text;
    }
    return out;
}

} // namespace vigil::ui
