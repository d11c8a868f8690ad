#!/bin/sh
# SPDX-License-Identifier: MIT
# The GUI binary's command line: bad usage exits 2 (an unknown option exited 1), a project
# that cannot be opened exits 1 with the reason on stderr (it said nothing), and --size has
# an upper bound (20000x20000 took 47 s and 6.3 GB).
# Usage: check_launch.sh PATH_TO_vigil
set -u
vigil=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export QT_QPA_PLATFORM=offscreen VIGIL_TRAIN_ON_OPEN=0 LANG=C LC_ALL=C
failed=0

expect() { # CODE PATTERN ARGS...: the exit code and a stderr line matching PATTERN
    want=$1 pattern=$2
    shift 2
    "$vigil" "$@" >"$dir/out" 2>"$dir/err"
    got=$?
    if [ "$got" -ne "$want" ] || ! grep -q -- "$pattern" "$dir/err"; then
        echo "FAIL: vigil $* exited $got (want $want), stderr:"
        cat "$dir/err"
        failed=1
    else
        echo "ok: vigil $* -> $got"
    fi
}

expect 2 "Unknown option 'bogus'" --bogus
expect 1 "no such project file" --screenshot "$dir/a.png" "$dir/missing.vigil"
mkdir "$dir/folder.vigil"
expect 1 "folder.vigil" --screenshot "$dir/b.png" "$dir/folder.vigil"
printf 'not a project\n' >"$dir/text.vigil"
expect 1 "text.vigil" --screenshot "$dir/c.png" "$dir/text.vigil"
expect 2 "from 200x150 to 8000x8000" --screenshot "$dir/d.png" --size 20000x20000
expect 2 "from 200x150 to 8000x8000" --screenshot "$dir/e.png" --size 100x100
if [ -e "$dir/a.png" ] || [ -e "$dir/d.png" ]; then
    echo "FAIL: a refused run wrote a screenshot"
    failed=1
fi
exit $failed
