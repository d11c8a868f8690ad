// SPDX-License-Identifier: MIT
#pragma once

namespace vigil::ui {

/// What a left-drag on the chart does.
enum class InteractionMode {
    Explore, ///< drag zooms to the dragged time range; Ctrl+drag or middle-drag pans
    Label    ///< drag labels the range with the current class, click one point, Shift erases
};

} // namespace vigil::ui
