#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang 14 (ASan + UBSan) in a separate build
# directory and runs each for SECONDS seconds on one core, with a corpus kept between runs.
# Crashes are written to <build>/artifacts/<target>/; minimise one with
#   <build>/bin/fuzz_<target> -minimize_crash=1 -max_total_time=60 <crash file>
# and keep the result in tests/fuzz/regressions/<target>/ (ctest replays that folder).
#
# Usage: packaging/run-fuzz.sh SECONDS [target...]   (targets: csv nab_windows potential
#        llm_reply project; default all)
# Environment: VIGIL_FUZZ_BUILD_DIR (default ./build-fuzz), VIGIL_JOBS (default: cores).
set -euo pipefail

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
case "${1:-}" in
  ''|-h|--help) usage; [ -n "${1:-}" ]; exit $? ;;
esac
seconds=$1
shift
case "$seconds" in
  *[!0-9]*) echo "run-fuzz: SECONDS must be a number, got '$seconds'" >&2; exit 2 ;;
esac
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv nab_windows potential llm_reply project)
fi

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${VIGIL_FUZZ_BUILD_DIR:-$here/build-fuzz}
jobs=${VIGIL_JOBS:-$(nproc)}
fuzz=$here/tests/fuzz

# clang, the libFuzzer runtime and the sanitizer runtimes: only this script needs them, so it
# installs them rather than packaging/install-deps.sh.
if ! command -v clang++-14 >/dev/null \
   || [ ! -e /usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a ]; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    clang-14 libclang-rt-14-dev
fi
"$here/packaging/install-deps.sh"

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DVIGIL_FUZZ=ON -DVIGIL_WERROR=ON
cmake --build "$build" -j "$jobs"

# The project target starts from a real project file; text targets from the checked-in seeds.
mkdir -p "$build/seeds/project"
"$build/bin/make_project_seed" "$build/seeds/project/seed.vigil"
"$build/bin/make_project_seed" "$build/seeds/project/small.vigil" --small

declare -A dict=([csv]=csv.dict [nab_windows]=json.dict [potential]=potential.dict
                 [llm_reply]=json.dict [project]=)
declare -A maxlen=([csv]=8192 [nab_windows]=8192 [potential]=2500 [llm_reply]=8192
                   [project]=262144)
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"

summary=()
failed=0
for t in "${targets[@]}"; do
  bin="$build/bin/fuzz_$t"
  [ -x "$bin" ] || { echo "run-fuzz: unknown target '$t'" >&2; exit 2; }
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  extra=()
  if [ -n "${dict[$t]}" ]; then
    extra+=("-dict=$fuzz/dicts/${dict[$t]}")
  fi
  inputs=("$corpus" "$fuzz/seeds/$t" "$fuzz/regressions/$t")
  if [ "$t" = project ]; then
    inputs+=("$build/seeds/project")
  fi
  before=$(find "$artifacts" -type f | wc -l)
  log="$build/fuzz-$t.log"
  echo "run-fuzz: $t for ${seconds}s (log $log)"
  # -fork=1 with -ignore_*: one worker that keeps going after a finding, so a single run
  # collects every distinct crash; each is saved under $artifacts.
  rc=0
  "$bin" "${inputs[@]}" "${extra[@]}" -fork=1 -ignore_crashes=1 -ignore_ooms=1 \
    -ignore_timeouts=1 -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -max_len="${maxlen[$t]}" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    >"$log" 2>&1 || rc=$?
  after=$(find "$artifacts" -type f | wc -l)
  execs=$(grep -Eo 'exec/s:? [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo '?')
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+' || echo '?')
  new=$((after - before))
  summary+=("$(printf '%-12s %6ss  cov %-6s exec/s %-7s new findings %d  (exit %d)' \
                "$t" "$seconds" "$cov" "$execs" "$new" "$rc")")
  if [ "$new" -gt 0 ]; then
    failed=1
  fi
done

echo
echo "run-fuzz summary (findings in $build/artifacts/<target>/):"
printf '  %s\n' "${summary[@]}"
exit "$failed"
