// SPDX-License-Identifier: MIT
#include "plot/label_style.h"

#include "plot/palette.h"

#include <QCoreApplication>

#include <cmath>

namespace vigil::ui {
namespace {

QHash<int, QString>& customNames()
{
    static QHash<int, QString> names; // GUI thread only, like every widget that shows them
    return names;
}

} // namespace

void LabelStyle::setClassNames(const QHash<int, QString>& names)
{
    customNames() = names;
}

QColor LabelStyle::classColour(int classId)
{
    return Palette::instance().labelClass(classId);
}

QString LabelStyle::className(int classId)
{
    if (const auto it = customNames().constFind(classId); it != customNames().constEnd()) {
        return *it;
    }
    if (classId == core::kClassAnomaly) {
        return QCoreApplication::translate("vigil::ui::LabelStyle", "anomaly");
    }
    if (classId == core::kClassNormal) {
        return QCoreApplication::translate("vigil::ui::LabelStyle", "normal");
    }
    return QCoreApplication::translate("vigil::ui::LabelStyle", "class %1").arg(classId);
}

QBrush LabelStyle::fill(int classId)
{
    // The translucent class colour blended over the plot's white background ahead of time:
    // labels are drawn under the grid and the series, so the result looks the same, and an
    // opaque fill is ~15x cheaper for QPainter than a translucent one (it keeps a zoomed-out
    // replot with hundreds of labels within a frame).
    const QColor c = classColour(classId);
    const double a = (classId == core::kClassAnomaly ? 70 : 30) / 255.0;
    auto mix = [a](int channel) {
        return static_cast<int>(std::lround(255 * (1 - a) + channel * a));
    };
    return QBrush(QColor(mix(c.red()), mix(c.green()), mix(c.blue())));
}

QPen LabelStyle::outline(int classId, core::LabelSource source)
{
    QColor edge = classColour(classId);
    QPen pen(edge, 1.5);
    switch (source) {
    case core::LabelSource::Human:
        break;
    case core::LabelSource::Imported:
        edge.setAlpha(150);
        pen = QPen(edge, 1.0);
        break;
    case core::LabelSource::Propagated:
        pen.setStyle(Qt::DashLine);
        break;
    case core::LabelSource::Model:
        pen.setStyle(Qt::DotLine);
        break;
    }
    return pen;
}

} // namespace vigil::ui
