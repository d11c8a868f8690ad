// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>

namespace vigil::ui {

/// Channel colours of the palette in use (see Palette).
class SeriesColours
{
public:
    static QColor channel(int index);
};

} // namespace vigil::ui
