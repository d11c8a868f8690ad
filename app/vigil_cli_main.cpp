// SPDX-License-Identifier: MIT
#include "cli.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <unistd.h>
#include <vector>

int main(int argc, char** argv)
{
    // libgomp reads OMP_WAIT_POLICY when it is loaded, before main(). Its default (spinning
    // worker threads) makes torch up to 10x slower when the other core is busy, so restart once
    // with the passive policy unless the user chose one.
    if (std::getenv("OMP_WAIT_POLICY") == nullptr) {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
        execv("/proc/self/exe", argv); // returns only on failure: then run as we are
    }
    std::vector<std::string> args(argv + 1, argv + argc);
    return vigil::cli::run(args, std::cout, std::cerr);
}
