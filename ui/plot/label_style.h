// SPDX-License-Identifier: MIT
#pragma once

#include "vigil/label.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QPen>
#include <QString>

namespace vigil::ui {

/// How labels look, shared by the chart, the overview strip and the status bar.
class LabelStyle
{
public:
    /// Colour of class `classId` (1..9) in the palette in use (see Palette).
    static QColor classColour(int classId);
    /// Short name of a class: the analyst's name for it in the open project, else "anomaly",
    /// "normal", "class N".
    static QString className(int classId);
    /// The open project's class names (core::classNames); empty for the defaults.
    static void setClassNames(const QHash<int, QString>& names);
    /// Fill as if translucent over the white plot (anomalies stronger than the other classes);
    /// opaque, so it must be drawn under the grid and the series.
    static QBrush fill(int classId);
    /// Outline by source: human solid, imported thin and lighter, propagated dashed
    /// ("suggested"), model dotted.
    static QPen outline(int classId, core::LabelSource source);
};

} // namespace vigil::ui
