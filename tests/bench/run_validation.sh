#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the two training-only criteria every `default` change is judged on (README, "Detection"):
# the 4-fold cross-validation over the 41 Yahoo A1 training series and the SMD validation split,
# for each seed, then prints their means beside the rolling-median baseline's. The test series
# are never read.
#
#   tests/bench/run_validation.sh [-s "0 1 2"] [-j JOBS] [-w yahoo|smd|both] [-d] DATA_DIR OUT_DIR [BENCH_OPTION...]
#
#   -s   seeds (default "0 1 2")
#   -j   benchmarks run side by side (default 2; each uses one torch thread)
#   -w   which criterion (default both)
#   -d   also write each run's --dump-scores directory, for tests/bench/refit_decision.py
#   BENCH_OPTION...  passed to every `vigil-cli bench` run (e.g. --peak-margin 0); words are
#                    split on spaces, so write JSON without them: --engine '{"lstmHidden":64}'
#
# OUT_DIR (a path without spaces) gets the splits (make_validation_splits.sh), one JSON, stdout table and stderr log per
# run (cv_fK_sS.*, smd_sS.*) and summary.txt. A run whose JSON exists is not run again, so an
# interrupted validation resumes; delete OUT_DIR (or its JSONs) after changing the code.
# The CV mean is over the held-out series that hold an anomaly (40 per seed), pooled over the
# four folds; the SMD mean is over the three machines. Needs python3 (standard library only)
# for the summary. VIGIL_CLI overrides the binary (default: build/bin/vigil-cli).
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
seeds="0 1 2"
jobs=2
which=both
dump=0
while getopts s:j:w:d opt; do
    case $opt in
    s) seeds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    w) which=$OPTARG ;;
    d) dump=1 ;;
    *) sed -n '3,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
data=${1:?usage: $0 [-s SEEDS] [-j JOBS] [-w yahoo|smd|both] [-d] DATA_DIR OUT_DIR [BENCH_OPTION...]}
out=${2:?usage: $0 [-s SEEDS] [-j JOBS] [-w yahoo|smd|both] [-d] DATA_DIR OUT_DIR [BENCH_OPTION...]}
shift 2
case $which in yahoo | smd | both) ;; *) echo "run_validation: -w must be yahoo, smd or both" >&2; exit 2 ;; esac
cli=${VIGIL_CLI:-$here/build/bin/vigil-cli}
if [ ! -x "$cli" ]; then
    echo "run_validation: $cli is missing; build first (packaging/build.sh test)" >&2
    exit 1
fi
command -v python3 >/dev/null || { echo "run_validation: python3 is needed for the summary" >&2; exit 1; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$here/tests/bench/make_validation_splits.sh" "$data" "$out/splits" >/dev/null

# One line per run: name, then the bench arguments. xargs runs them side by side.
jobsfile="$out/jobs.txt"
: >"$jobsfile"
for s in $seeds; do
    if [ "$which" != smd ]; then
        for k in 0 1 2 3; do
            echo "cv_f${k}_s$s --format yahoo --train $out/splits/yahoo_folds/f$k/train --test $out/splits/yahoo_folds/f$k/test --seed $s" >>"$jobsfile"
        done
    fi
    if [ "$which" != yahoo ]; then
        echo "smd_s$s --format smd --train $out/splits/smd_val --split half --seed $s" >>"$jobsfile"
    fi
done
extra="$*"
export cli out dump extra
started=$(date +%s)
# shellcheck disable=SC2016 # expanded by the inner shell
xargs -P "$jobs" -L 1 sh -c '
    name=$1; shift
    [ -s "$out/$name.json" ] && exit 0
    set -- "$@" --preset default --label-budget 0.05 --json "$out/$name.json.part"
    [ "$dump" = 1 ] && set -- "$@" --dump-scores "$out/dump_$name"
    # shellcheck disable=SC2086 # extra options are words
    if "$cli" bench "$@" $extra >"$out/$name.out" 2>"$out/$name.err"; then
        mv "$out/$name.json.part" "$out/$name.json"
        echo "run_validation: $name done" >&2
    else
        echo "run_validation: $name FAILED (see $out/$name.err)" >&2
        exit 255
    fi
' sh <"$jobsfile"
echo "run_validation: $(wc -l <"$jobsfile") runs in $(($(date +%s) - started)) s" >&2

python3 - "$out" "$seeds" "$which" "$extra" <<'EOF' | tee "$out/summary.txt"
import json, os, statistics, sys
out, seeds, which, extra = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4]
def load(name):
    with open(os.path.join(out, name + '.json')) as f:
        return json.load(f)
def mean_f1(series):
    f1 = [s['f1'] for s in series if s.get('has_anomaly', True)]
    return sum(f1) / len(f1), len(f1)
print('bench options: %s' % (extra or '(none)'))
for kind, label, names in (
        ('yahoo', 'Yahoo 4-fold CV', lambda s: ['cv_f%d_s%s' % (k, s) for k in range(4)]),
        ('smd', 'SMD validation split', lambda s: ['smd_s%s' % s])):
    if which not in (kind, 'both'):
        continue
    ours, base = [], []
    for s in seeds:
        runs = [load(n) for n in names(s)]
        m, n = mean_f1([x for r in runs for x in r['series']])
        b, _ = mean_f1([x for r in runs for x in r['baselines']['rolling-median residual']['series']])
        ours.append(m)
        base.append(b)
        print('%s, seed %s: default %.4f, rolling-median baseline %.4f (%d series)' % (label, s, m, b, n))
    sd = statistics.stdev(ours) if len(ours) > 1 else 0.0
    print('%s: default %.4f +- %.4f over seeds %s; baseline %.4f' %
          (label, sum(ours) / len(ours), sd, ' / '.join('%.3f' % v for v in ours), sum(base) / len(base)))
EOF
