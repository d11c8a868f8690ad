#!/usr/bin/env bash
# The performance suite (tests/bench): builds with the benchmarks on, runs each program and prints
# one table. Run on demand; ctest never runs it.
#
# Usage: packaging/run-benchmarks.sh [--full] [--knn-n N] [--no-build]
#   --full       kNN propagation on 10^6 windows (the README figure; ~1-2 min more)
#   --knn-n N    kNN propagation on N windows (default 200000, a few seconds)
#   --no-build   use the build as it is
# Environment: VIGIL_BUILD_DIR (default ./build), VIGIL_JOBS (default: cores),
#              VIGIL_BENCH_TMP (default: a temp dir; the 10 M-point CSV is ~170 MB).
# The chart replot row needs the GUI build (bench_chart_replot); it is skipped when absent.
set -euo pipefail

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}
knn_n=200000
build_first=1
while [ $# -gt 0 ]; do
  case "$1" in
    --full) knn_n=1000000 ;;
    --knn-n) knn_n=${2:?--knn-n needs a number}; shift ;;
    --no-build) build_first=0 ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${VIGIL_BUILD_DIR:-$here/build}
jobs=${VIGIL_JOBS:-$(nproc)}
bin=$build/bin
if [ "$build_first" = 1 ]; then
  "$here/packaging/install-deps.sh"
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIL_BUILD_BENCH=ON
  cmake --build "$build" -j "$jobs"
fi
tmp=${VIGIL_BENCH_TMP:-$(mktemp -d)}
mkdir -p "$tmp"
logs=$tmp/logs
mkdir -p "$logs"

rows=()
row() { rows+=("| $1 | $2 |"); }
# value <log> <key>: the number after "key " on its line (the benches print "key value").
value() { awk -v k="$2" '$1 == k { print $2; exit }' "$1"; }
run() { # run <name> <command...>: output to $logs/<name>.log, stderr too; never aborts the table
  local name=$1; shift
  echo "run-benchmarks: $name" >&2
  if ! "$@" >"$logs/$name.log" 2>&1; then
    echo "run-benchmarks: $name failed (see $logs/$name.log)" >&2
    return 1
  fi
}

if run csv "$bin/bench_csv_parse"; then
  row "CSV parse (200 MB, timestamp + 4 floats, one core, best of 3)" \
      "$(value "$logs/csv.log" csv_parse_mb_per_s) MB/s"
fi

if run pyramid "$bin/bench_pyramid"; then
  for n in 1000000 10000000; do
    row "pyramid build, $n points" \
        "$(value "$logs/pyramid.log" pyramid_build_ms_$n) ms ($(value "$logs/pyramid.log" pyramid_build_mpoints_per_s_$n) M points/s)"
    row "pyramid query, $n points: range min/max; decimate to 1400 px (median / p95)" \
        "$(value "$logs/pyramid.log" pyramid_range_minmax_us_$n) µs; $(value "$logs/pyramid.log" pyramid_decimate_1400px_median_ms_$n) / $(value "$logs/pyramid.log" pyramid_decimate_1400px_p95_ms_$n) ms"
  done
fi

if run potential "$bin/bench_potential_eval"; then
  rate=$(value "$logs/potential.log" potential_evals_per_s)
  row "potential evaluation (10-term expression, one core)" \
      "$(awk -v r="$rate" 'BEGIN { printf "%.1f M windows/s", r / 1e6 }')"
fi

if run engine "$bin/bench_engine" 10000 1; then
  score=$(grep -Eo 'scoring: [0-9]+' "$logs/engine.log" | grep -Eo '[0-9]+')
  vae=$(grep -Eo 'VAE training: [0-9]+' "$logs/engine.log" | grep -Eo '[0-9]+')
  row "LSTM scoring (10 000 points, 1 thread, VAE errors included)" "$score windows/s"
  row "VAE training (1 thread)" "$vae samples/s"
fi

if run knn "$bin/bench_knn_spreading" "$knn_n"; then
  row "kNN label propagation, $knn_n windows of 25, 1 % labelled (graph + solve)" \
      "$(value "$logs/knn.log" knn_total_seconds) s ($(value "$logs/knn.log" knn_graph_seconds) + $(value "$logs/knn.log" knn_solve_seconds))"
fi

if [ -x "$bin/bench_chart_replot" ]; then
  if QT_QPA_PLATFORM=offscreen run chart "$bin/bench_chart_replot" || [ -s "$logs/chart.log" ]; then
    while read -r n median p95; do
      row "chart replot after pan/zoom, $n points (median / p95)" "$median / $p95 ms"
    done < <(sed -nE 's/^ *([0-9]+) points:.*replot median ([0-9.]+) ms, p95 ([0-9.]+) ms.*/\1 \2 \3/p' "$logs/chart.log")
  fi
else
  row "chart replot" "skipped (no GUI build: bench_chart_replot not built)"
fi

# Peak memory of importing a 10 M-point series into a new project (the CLI, as a user would).
csv=$tmp/ten_million.csv
if [ ! -s "$csv" ]; then
  echo "run-benchmarks: writing $csv" >&2
  awk 'BEGIN { print "t,value"; for (i = 0; i < 10000000; i++) printf "%d,%.6f\n", i, sin(i * 0.001) + (i % 977) * 0.001 }' >"$csv"
fi
rm -f "$tmp/ten_million.vigil"*
if run import10m /usr/bin/time -v "$bin/vigil-cli" import --project "$tmp/ten_million.vigil" "$csv"; then
  kb=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$logs/import10m.log")
  wall=$(sed -nE 's/.*Elapsed \(wall clock\) time.*: (.*)/\1/p' "$logs/import10m.log")
  row "peak memory, importing a 10 M-point CSV ($(du -m "$csv" | cut -f1) MB) with vigil-cli" \
      "$(awk -v k="$kb" 'BEGIN { printf "%.0f MB", k / 1024 }') RSS (wall $wall)"
  if run info10m /usr/bin/time -v "$bin/vigil-cli" info --project "$tmp/ten_million.vigil"; then
    kb=$(sed -nE 's/.*Maximum resident set size \(kbytes\): ([0-9]+)/\1/p' "$logs/info10m.log")
    row "peak memory, vigil-cli info on that project" \
        "$(awk -v k="$kb" 'BEGIN { printf "%.0f MB", k / 1024 }') RSS"
  fi
fi

echo
echo "Vigil benchmarks — $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; logs in $logs"
echo
echo "| benchmark | figure |"
echo "|---|---|"
printf '%s\n' "${rows[@]}"
