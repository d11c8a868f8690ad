// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>
#include <QObject>
#include <QString>

namespace vigil::ui {

/// Which colours the charts use. Both keep channels, classes and the score apart for most
/// viewers; the colour-blind-safe one also keeps them apart under simulated protanopia,
/// deuteranopia and tritanopia (the default's score purple reads as its first channel's blue
/// there), at the cost of a plainer look.
enum class PaletteKind { Default, ColourBlind };

/// The colours of channels, label classes and the anomaly score, in the palette the user chose
/// (QSettings ui/palette = default|colourblind). Charts connect to changed() and recolour at
/// once. GUI thread only (it is read while drawing).
class Palette : public QObject
{
    Q_OBJECT

public:
    static Palette& instance();

    PaletteKind kind() const { return m_kind; }
    /// Switches the palette (and stores the choice); emits changed() when it differs.
    void setKind(PaletteKind kind);
    /// Reads ui/palette again.
    void reload();

    /// "default" or "colourblind", as stored in QSettings.
    static QString settingValue(PaletteKind kind);
    static PaletteKind fromSettingValue(const QString& value);

    /// Colour of channel `index` (any index; the colours repeat).
    QColor channel(int index) const;
    /// Colour of label class `classId` (1..9).
    QColor labelClass(int classId) const;
    /// The anomaly score's line, axis and threshold colour; the score strip's ramp ends in it.
    QColor score() const;

    /// The same for an explicit palette (the settings preview, tests).
    static QColor channel(PaletteKind kind, int index);
    static QColor labelClass(PaletteKind kind, int classId);
    static QColor score(PaletteKind kind);

Q_SIGNALS:
    void changed();

private:
    Palette();
    PaletteKind m_kind = PaletteKind::Default;
};

} // namespace vigil::ui
