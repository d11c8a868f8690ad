// SPDX-License-Identifier: MIT
// vigil-cli: subcommands over the core. Exit codes: 0 ok, 1 failure (message on stderr), 2 bad usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vigil::cli {

/// Runs vigil-cli with the given arguments (argv[0] excluded), writing to out/err.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace vigil::cli
