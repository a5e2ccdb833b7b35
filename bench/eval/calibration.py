#!/usr/bin/env python3
"""Confidence calibration of the full model: for buckets of bead confidence,
how many beads there are and how many of them are right (equal to a gold
bead), over the given runs of run_eval.sh.

    calibration.py WORK NAME:GOLD [NAME:GOLD ...]
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'tests', 'tools'))
from compare_beads import read_beads  # noqa: E402

EDGES = [0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0001]


def main():
    work = sys.argv[1]
    counts = [[0, 0] for _ in EDGES[:-1]]
    for arg in sys.argv[2:]:
        name, gold_path = arg.split(':', 1)
        gold = set(read_beads(gold_path))
        for b in json.load(open(os.path.join(work, name + '.full.json')))['beads']:
            bead = (tuple(b['src']), tuple(b['tgt']))
            for k in range(len(EDGES) - 1):
                if EDGES[k] <= b['confidence'] < EDGES[k + 1]:
                    counts[k][0] += 1
                    counts[k][1] += bead in gold
    print('| confidence | beads | right | share right |')
    print('|---|---|---|---|')
    for k, (total, right) in enumerate(counts):
        share = f'{right / total:.3f}' if total else '-'
        print(f'| [{EDGES[k]:.2f}, {min(EDGES[k + 1], 1.0):.2f}{"]" if k == len(counts) - 1 else ")"} | {total} | {right} | {share} |')


if __name__ == '__main__':
    main()
