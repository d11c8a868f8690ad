// SPDX-License-Identifier: MIT
// vigil-cli: subcommands over the core. Exit codes: 0 ok, 1 failure (message on stderr), 2 bad usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace vigil::cli {

/// How progress is shown on `err`.
enum class ProgressStyle {
    Lines, ///< one "[ 42%] phase" line per change (a file, a pipe, a test)
    Bar    ///< one line redrawn in place, ended when the work is (a terminal)
};

/// Runs vigil-cli with the given arguments (argv[0] excluded), writing to out/err.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
        ProgressStyle progress = ProgressStyle::Lines);

/// The style for the process's own stderr: a bar when it is a terminal (and TERM is not
/// "dumb"), lines otherwise.
ProgressStyle stderrProgressStyle();

} // namespace vigil::cli
