// SPDX-License-Identifier: MIT
#include "plot/series_colours.h"

#include "plot/palette.h"

namespace vigil::ui {

QColor SeriesColours::channel(int index)
{
    return Palette::instance().channel(index);
}

} // namespace vigil::ui
