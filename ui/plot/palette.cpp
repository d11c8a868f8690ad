// SPDX-License-Identifier: MIT
#include "plot/palette.h"

#include <QSettings>

#include <algorithm>
#include <array>

namespace vigil::ui {
namespace {

const QString kSettingKey = QStringLiteral("ui/palette");

// Default: Okabe–Ito channels and classes, the score in a purple that is none of them.
constexpr std::array<QRgb, 7> kChannels = {0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7,
                                           0xff56b4e9, 0xffd55e00, 0xfff0e442};
constexpr std::array<QRgb, 9> kClasses = {0xffd55e00, 0xff009e73, 0xffcc79a7,
                                          0xff56b4e9, 0xffe69f00, 0xff0072b2,
                                          0xfff0e442, 0xff999999, 0xff000000};
constexpr QRgb kScore = 0xff6a3d9a;

// Colour-blind-safe: picked from the Okabe–Ito and Tol sets so that the first four channels
// and the score stay apart (CIELAB distance >= 30) under Machado et al.'s protanopia,
// deuteranopia and tritanopia simulations, and anomaly / normal differ the most possible
// (vermillion against dark blue). Nothing too light to read on white.
constexpr std::array<QRgb, 7> kSafeChannels = {0xff004488, 0xffe69f00, 0xff56b4e9, 0xffee3377,
                                               0xff009988, 0xffbb5566, 0xff777777};
constexpr std::array<QRgb, 9> kSafeClasses = {0xffd55e00, 0xff004488, 0xffee3377,
                                              0xff56b4e9, 0xffe69f00, 0xff009988,
                                              0xffddaa33, 0xff777777, 0xff000000};
constexpr QRgb kSafeScore = 0xff000000;

} // namespace

Palette& Palette::instance()
{
    static auto* palette = new Palette; // lives as long as the process
    return *palette;
}

Palette::Palette()
{
    reload();
}

void Palette::reload()
{
    const PaletteKind kind = fromSettingValue(QSettings().value(kSettingKey).toString());
    if (kind != m_kind) {
        m_kind = kind;
        Q_EMIT changed();
    }
}

void Palette::setKind(PaletteKind kind)
{
    QSettings().setValue(kSettingKey, settingValue(kind));
    if (kind != m_kind) {
        m_kind = kind;
        Q_EMIT changed();
    }
}

QString Palette::settingValue(PaletteKind kind)
{
    return kind == PaletteKind::ColourBlind ? QStringLiteral("colourblind")
                                            : QStringLiteral("default");
}

PaletteKind Palette::fromSettingValue(const QString& value)
{
    return value == QLatin1String("colourblind") ? PaletteKind::ColourBlind : PaletteKind::Default;
}

QColor Palette::channel(PaletteKind kind, int index)
{
    const auto& colours = kind == PaletteKind::ColourBlind ? kSafeChannels : kChannels;
    return QColor::fromRgb(colours[static_cast<std::size_t>(std::max(index, 0)) % colours.size()]);
}

QColor Palette::labelClass(PaletteKind kind, int classId)
{
    const auto& colours = kind == PaletteKind::ColourBlind ? kSafeClasses : kClasses;
    return QColor::fromRgb(colours[static_cast<std::size_t>(std::clamp(classId, 1, 9) - 1)]);
}

QColor Palette::score(PaletteKind kind)
{
    return QColor::fromRgb(kind == PaletteKind::ColourBlind ? kSafeScore : kScore);
}

QColor Palette::channel(int index) const
{
    return channel(m_kind, index);
}

QColor Palette::labelClass(int classId) const
{
    return labelClass(m_kind, classId);
}

QColor Palette::score() const
{
    return score(m_kind);
}

} // namespace vigil::ui
