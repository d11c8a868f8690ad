// SPDX-License-Identifier: MIT
#include "plot/series_colours.h"

#include <algorithm>
#include <array>

namespace vigil::ui {
namespace {
constexpr std::array<QRgb, 7> kChannelColours = {0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7,
                                                  0xff56b4e9, 0xffd55e00, 0xfff0e442};
} // namespace

QColor SeriesColours::channel(int index)
{
    return QColor::fromRgb(
        kChannelColours[static_cast<std::size_t>(std::max(index, 0)) % kChannelColours.size()]);
}

} // namespace vigil::ui
