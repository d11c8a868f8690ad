// SPDX-License-Identifier: MIT
// Fixed-point text of a number for reports and reasons ("0.925"), locale-independent.
#pragma once

#include <cstdio>
#include <string>

namespace vigil::core {

/// `v` with `digits` decimals, as printf's "%.*f" writes it ("nan", "inf" as they are).
inline std::string fixedText(double v, int digits = 3)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

} // namespace vigil::core
