#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Re-fits `default`'s stacked decision offline on `vigil-cli bench --dump-scores DIR` output.

An analysis aid for trying decision-layer ideas without retraining detectors. It mirrors
core/src/eval/decision.cpp: the four columns (margin, jump, multi-scale surprise, VAE error)
max-normalised per series, the class-weighted logistic regression (L2 0.01, Newton steps), the
cut at the best F-beta of the revealed labels moved halfway down to the next revealed logit,
the peak margin (a flagged run stays only if it peaks at least that far above the cut) and the
incident budget chosen by F1 among none, 10, 5, 3, 2, 1.5 and 1 runs per 1000 points, which
keeps the runs with the highest peak (`--rank area`: the largest area above the cut, the
`bench --rank-runs area` of session 33). `--per-series` mirrors `bench --decision-fit
per-series` (session 34): a series whose training rows hold at least 10 revealed anomalies and
10 revealed normals is scored with a decision fitted on those alone, budget included.

    tests/bench/refit_decision.py [--beta B] [--peak-margin M] [--budget auto|F] [--rank peak|area] [--per-series] DUMP_DIR...

Each DUMP_DIR is one run's dump and is fitted on its own (the 4-fold CV: one directory per
fold); the last line is the mean F1 over the test series of all of them that hold an anomaly.
On `--split paper` and `--test` runs it reproduces the C++ figures exactly. On `--split half`
it is close, not exact: the dump's jump and multi-scale columns are computed on the whole
series, where the benchmark fits on the training half computed alone.
Needs numpy (Debian: python3-numpy), which the build does not.
"""
import argparse
import glob
import os

import numpy as np

W = 25
BUDGETS = [0.0, 10.0, 5.0, 3.0, 2.0, 1.5, 1.0]
COLUMNS = ('margin', 'jump', 'multiscale', 'vae')
PEAK_MARGIN = float(np.log(3.0))  # kDecisionPeakMargin
OWN_MIN_LABELS = 10  # kOwnDecisionMinLabels


def load(directory):
    return {os.path.basename(f)[:-4]: np.genfromtxt(f, delimiter=',', names=True)
            for f in sorted(glob.glob(os.path.join(directory, '*.csv')))}


def max_normalised(x, lo, hi, ref_lo, ref_hi):
    out = np.full(len(x), np.nan)
    ref = x[ref_lo:ref_hi]
    ref = np.sort(ref[np.isfinite(ref)])
    median, span = (ref[len(ref) // 2], ref[-1] - ref[len(ref) // 2]) if len(ref) else (0.0, 0.0)
    seg = x[lo:hi]
    scaled = np.clip((seg - median) / span, -1, 1) if span > 0 else np.zeros(len(seg))
    out[lo:hi] = np.where(np.isfinite(seg), scaled, 0.0)
    return out


def features(a, lo, hi, ref_lo, ref_hi):
    cols = []
    for c in COLUMNS:
        x = a[c].astype(float).copy()
        if c == 'vae':
            x[:2 * W - 1] = np.nan  # windows that start before the scaler has W points
        cols.append(max_normalised(x, lo, hi, ref_lo, ref_hi))
    f = np.stack(cols, 1)
    f[~np.isfinite(a['margin'])] = np.nan
    return f


def best_cut(score, truth, beta):
    order = np.argsort(-score, kind='stable')
    s, y = score[order], truth[order]
    tp = np.cumsum(y)
    fp = np.cumsum(1 - y)
    fn = y.sum() - tp
    b2 = beta * beta
    f = (1 + b2) * tp / np.maximum((1 + b2) * tp + b2 * fn + fp, 1e-300)
    f = np.where(np.r_[s[1:] != s[:-1], True], f, -1)  # one threshold per distinct score
    threshold = s[int(np.argmax(f))]  # the highest threshold wins a tie
    below = score[score < threshold]
    return 0.5 * (below.max() + threshold) if len(below) else threshold


def fit(x, y, beta):
    n, k = x.shape
    mean = x.mean(0)
    sd = np.sqrt(((x - mean) ** 2).mean(0))
    sd = np.where(sd > 1e-9, sd, 1.0)
    z = np.c_[(x - mean) / sd, np.ones(n)]
    pos = y.sum()
    weight = np.where(y > 0.5, 0.5 * n / pos, 0.5 * n / (n - pos))
    w = np.zeros(k + 1)
    ridge = np.eye(k + 1) * 1e-2
    ridge[k, k] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-(z @ w)))
        grad = z.T @ (weight * (p - y)) / n + ridge @ w
        hess = (z.T * (weight * p * (1 - p))) @ z / n + ridge + np.eye(k + 1) * 1e-9
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return dict(mean=mean, sd=sd, w=w[:k], b=w[k], cut=best_cut(z @ w, y, beta))


def logit(d, f):
    return ((f - d['mean']) / d['sd']) @ d['w'] + d['b']


def flags(d, z, budget):
    above = np.isfinite(z) & (z >= d['cut'])
    runs, t = [], 0
    while t < len(z):
        if above[t]:
            e = t
            while e < len(z) and above[e]:
                e += 1
            runs.append((t, e, z[t:e].max(), (z[t:e] - d['cut']).sum()))
            t = e
        else:
            t += 1
    out = above.copy()
    for b, e, peak, _ in runs:
        if peak < d['cut'] + d['peak_margin']:
            out[b:e] = False
    runs = [r for r in runs if r[2] >= d['cut'] + d['peak_margin']]
    if budget <= 0:
        return out
    keep = max(1, int(round(budget * np.isfinite(z).sum() / 1000.0)))
    key = 3 if d.get('rank', 'peak') == 'area' else 2
    for b, e, _, _ in sorted(runs, key=lambda r: -r[key])[keep:]:
        out[b:e] = False
    return out


def f1(flagged, truth):
    tp = (flagged & (truth == 1)).sum()
    fp = (flagged & (truth == 0)).sum()
    fn = (~flagged & (truth == 1)).sum()
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def parts(a):
    """(test rows, training rows) of one dumped series; either may be None."""
    idx = np.where(a['test'] == 1)[0]
    if len(idx) == 0:
        return None, (W, len(a))
    begin, end = idx[0], idx[-1] + 1
    return (begin, end), ((W, begin) if begin > W else None)


def own_decision(f, revealed, train, beta, budget, peak_margin, rank):
    """`--decision-fit per-series`: the decision fitted on one series' revealed training rows,
    or None when it holds fewer than OWN_MIN_LABELS anomalies or normals."""
    m = np.zeros(len(revealed), bool)
    m[W:train[1]] = True
    m &= (revealed >= 0) & np.isfinite(f).all(1)
    y = revealed[m]
    if min((y == 1).sum(), (y == 0).sum()) < OWN_MIN_LABELS:
        return None, None
    d = fit(f[m], y.astype(float), beta)
    d['peak_margin'] = peak_margin
    d['rank'] = rank
    if budget == 'auto':
        z = logit(d, f)
        mm = m & np.isfinite(z)
        best, best_f1 = 0.0, -1.0
        for b in BUDGETS:
            v = f1(flags(d, z, b)[mm], revealed[mm])
            if v > best_f1 + 1e-12:
                best, best_f1 = b, v
        budget = best
    return d, budget


def run(data, beta, budget, peak_margin=PEAK_MARGIN, rank='peak', per_series=False):
    requested = budget
    rows, truth, pools = [], [], []
    for a in data.values():
        _, train = parts(a)
        if train is None:
            continue
        f = features(a, train[0], train[1], train[0], train[1])
        revealed = a['revealed'].astype(int)
        m = np.zeros(len(a), bool)
        m[W:train[1]] = True
        m &= (revealed >= 0) & np.isfinite(f).all(1)
        rows.append(f[m])
        truth.append(revealed[m])
        pools.append((f, revealed))
    d = fit(np.concatenate(rows), np.concatenate(truth).astype(float), beta)
    d['peak_margin'] = peak_margin
    d['rank'] = rank
    if budget == 'auto':
        best, best_f1 = 0.0, -1.0
        for b in BUDGETS:
            got, want = [], []
            for f, revealed in pools:
                z = logit(d, f)
                m = (revealed >= 0) & np.isfinite(z)
                got.append(flags(d, z, b)[m])
                want.append(revealed[m])
            v = f1(np.concatenate(got), np.concatenate(want))
            if v > best_f1 + 1e-12:
                best, best_f1 = b, v
        budget = best
    result = {}
    for name, a in data.items():
        test, train = parts(a)
        if test is None:
            continue
        lo = max(test[0], W)
        ref = train if train is not None and train[1] <= lo else (lo, test[1])
        use, use_budget = d, budget
        if per_series and train is not None:
            f = features(a, train[0], train[1], train[0], train[1])
            own, own_budget = own_decision(f, a['revealed'].astype(int), train, beta,
                                           requested, peak_margin, rank)
            if own is not None:
                use, use_budget = own, own_budget
        z = logit(use, features(a, lo, test[1], ref[0], ref[1]))
        y = a['truth'].astype(int)[lo:test[1]]
        if y.sum():
            result[name] = f1(flags(use, z, use_budget)[lo:test[1]], y)
    return result, budget


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--beta', type=float, default=1.5, help='F-beta of the cut (shipped: 1.5)')
    ap.add_argument('--peak-margin', type=float, default=PEAK_MARGIN,
                    help='how far above the cut a kept run must peak (shipped: ln 3; 0: off)')
    ap.add_argument('--budget', default='auto', help='auto or a fixed incident budget')
    ap.add_argument('--rank', default='peak', choices=('peak', 'area'),
                    help='which runs the incident budget keeps (shipped: peak)')
    ap.add_argument('--per-series', action='store_true',
                    help='a series with enough revealed labels gets its own decision '
                         '(bench --decision-fit per-series)')
    ap.add_argument('dirs', nargs='+')
    args = ap.parse_args()
    budget = args.budget if args.budget == 'auto' else float(args.budget)
    every = []
    for d in args.dirs:
        result, chosen = run(load(d), args.beta, budget, args.peak_margin, args.rank,
                             args.per_series)
        every += result.values()
        detail = ', '.join('%s %.3f' % kv for kv in result.items())
        print('%s: incident budget %g; %s; mean %.4f' % (d, chosen, detail,
                                                          np.mean(list(result.values()))))
    print('mean F1 over %d series: %.4f' % (len(every), np.mean(every)))


if __name__ == '__main__':
    main()
