#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Plots the mean F1 curves of `vigil-cli bench --protocol interactive --json` reports.

usage: plot_interactive_curves.py OUT.png LABEL=report.json [LABEL=report.json ...]
Needs python3-matplotlib (a development tool; the application does not use Python).
"""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=120)
    for arg in argv[2:]:
        label, _, path = arg.partition("=")
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        curve = report["mean_curve"]
        ax.plot(range(len(curve)), curve, marker="o", markersize=3, label=label)
    ax.set_xlabel("queries answered per series (k)")
    ax.set_ylabel("mean F1 of the exported labelling")
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Yahoo A1, interactive protocol, W = 25, seed 0")
    fig.tight_layout()
    fig.savefig(argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
