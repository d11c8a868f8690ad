// SPDX-License-Identifier: MIT
#pragma once

#include <QColor>

namespace vigil::ui {

/// Channel colours (Okabe–Ito: distinguishable with the common forms of colour blindness).
class SeriesColours
{
public:
    static QColor channel(int index);
};

} // namespace vigil::ui
