// SPDX-License-Identifier: MIT
#include "cli.h"

#include <ostream>

namespace vigil::cli {

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err)
{
    (void)args;
    (void)out;
    err << "vigil-cli: not built yet\n";
    return 1;
}

} // namespace vigil::cli
