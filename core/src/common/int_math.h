// SPDX-License-Identifier: MIT
// Integer division that rounds toward minus infinity (times before 1970 are negative).
#pragma once

#include <cstdint>

namespace vigil::core {

/// a / b rounded down: floorDiv(-500, 1000) is -1 (C++'s / gives 0).
inline std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/// The remainder that goes with floorDiv: it has the sign of b.
inline std::int64_t floorMod(std::int64_t a, std::int64_t b)
{
    return a - floorDiv(a, b) * b;
}

} // namespace vigil::core
