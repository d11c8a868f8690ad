#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the validation splits used to tune `default` without looking at the test series
# (README, "Detection"): links, never copies, the benchmark data.
#
#   tests/bench/make_validation_splits.sh ../shared/data OUT
#
# OUT/yahoo_val: the 41 Yahoo A1 training series of `--split paper` (names sorted as strings),
#   so `bench --split paper` on it trains on 37 and validates on real_43, real_44, real_45, real_5.
# OUT/yahoo_folds/fK (K = 0..3): the same 41 series in 4 folds (the i-th name in sorted order
#   goes to fold i mod 4): `bench --train OUT/yahoo_folds/fK/train --test OUT/yahoo_folds/fK/test`
#   holds out 10-11 series per fold, 41 over the four (a steadier criterion than 4 series).
# OUT/smd_val: each SMD machine's test and label files cut to their first half, so
#   `bench --split half` on it draws the pool from the first quarter and tests on the second;
#   the unlabelled train files are linked as they are.
set -eu
data=${1:?usage: $0 DATA_DIR OUT_DIR}
out=${2:?usage: $0 DATA_DIR OUT_DIR}
data=$(cd "$data" && pwd)
mkdir -p "$out/yahoo_val" "$out/smd_val/train" "$out/smd_val/test" "$out/smd_val/test_label"

names=$(find "$data/yahoo_a1" -maxdepth 1 -name 'real_*.csv' -printf '%f\n' | LC_ALL=C sort)
n=$(printf '%s\n' "$names" | grep -c .)
keep=$((n * 9 / 10 + 1))
i=0
for f in $(printf '%s\n' "$names" | head -n "$keep"); do
    ln -sf "$data/yahoo_a1/$f" "$out/yahoo_val/$f"
    for k in 0 1 2 3; do
        part="train"
        [ "$k" -eq $((i % 4)) ] && part="test"
        mkdir -p "$out/yahoo_folds/f$k/$part"
        ln -sf "$data/yahoo_a1/$f" "$out/yahoo_folds/f$k/$part/$f"
    done
    i=$((i + 1))
done

for f in "$data"/smd/test/*.txt; do
    m=$(basename "$f")
    rows=$(wc -l < "$f")
    head -n $((rows / 2)) "$f" > "$out/smd_val/test/$m"
    head -n $((rows / 2)) "$data/smd/test_label/$m" > "$out/smd_val/test_label/$m"
    ln -sf "$data/smd/train/$m" "$out/smd_val/train/$m"
done
echo "yahoo_val: $keep series; yahoo_folds: 4 folds; smd_val: $(find "$out/smd_val/test" -name '*.txt' | wc -l) machines, in $out"
