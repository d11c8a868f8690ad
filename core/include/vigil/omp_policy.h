// SPDX-License-Identifier: MIT
// libgomp reads OMP_WAIT_POLICY when it is loaded, before main(). Its default (spinning worker
// threads) makes torch up to 10x slower whenever another thread or process wants the core, and
// in the GUI it competes with the event loop. Both executables therefore restart themselves once
// with the passive policy unless the user chose one. Call first thing in main().
#pragma once

#include <cstdlib>
#include <unistd.h>

namespace vigil::core {

/// Re-executes the running program with OMP_WAIT_POLICY=PASSIVE when the variable is unset.
/// Returns only when it is already set or the restart failed (then the program runs as it is).
inline void restartWithPassiveOmp(char** argv)
{
    if (std::getenv("OMP_WAIT_POLICY") == nullptr) {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
        execv("/proc/self/exe", argv);
    }
}

} // namespace vigil::core
