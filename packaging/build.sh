#!/usr/bin/env bash
# One entry point for the README's two commands:
#   packaging/build.sh run    install dependencies, build Release, start the GUI on the demo project
#   packaging/build.sh test   install dependencies, build Release, run the whole test suite
# Environment: VIGIL_BUILD_DIR (default ./build), VIGIL_JOBS (default: number of cores).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-}
case "$mode" in
  run|test) shift ;;
  *) echo "usage: packaging/build.sh run|test" >&2; exit 2 ;;
esac

"$here/packaging/install-deps.sh"

build=${VIGIL_BUILD_DIR:-$here/build}
jobs=${VIGIL_JOBS:-$(nproc)}
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_WERROR=ON
cmake --build "$build" -j "$jobs"

if [ "$mode" = test ]; then
  cd "$build"
  exec ctest --output-on-failure -j "$jobs" "$@"
fi

demo="$build/demo.vigil"
if [ ! -f "$demo" ]; then
  "$build/bin/vigil-cli" demo --project "$demo"
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "no display: starting Vigil under xvfb-run" >&2
  exec xvfb-run -a "$build/bin/vigil" "$demo" "$@"
fi
exec "$build/bin/vigil" "$demo" "$@"
