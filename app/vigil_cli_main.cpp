// SPDX-License-Identifier: MIT
#include "cli.h"
#include "vigil/omp_policy.h"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    vigil::core::restartWithPassiveOmp(argv);
    std::vector<std::string> args(argv + 1, argv + argc);
    return vigil::cli::run(args, std::cout, std::cerr, vigil::cli::stderrProgressStyle());
}
