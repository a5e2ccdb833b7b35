#!/usr/bin/env python3
"""Strict F1 pooled over several document pairs (as compare_beads.py
computes it for one: precision over all hypothesis beads, recall over the
gold beads with units on both sides), each document counted by its beads.

    pooled_f1.py GOLD1 HYP1 [GOLD2 HYP2 ...]

Prints one line: precision, recall, F1, and the numbers of beads.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'tests', 'tools'))
from compare_beads import read_beads  # noqa: E402


def main():
    paths = sys.argv[1:]
    if not paths or len(paths) % 2:
        sys.exit('usage: pooled_f1.py GOLD1 HYP1 [GOLD2 HYP2 ...]')
    right = hyp_total = two_sided = found = 0
    for gold_path, hyp_path in zip(paths[::2], paths[1::2]):
        gold = set(read_beads(gold_path))
        hyp = set(read_beads(hyp_path))
        right += len(gold & hyp)
        hyp_total += len(hyp)
        gold_two_sided = {b for b in gold if b[0] and b[1]}
        two_sided += len(gold_two_sided)
        found += len(gold_two_sided & hyp)
    precision = right / hyp_total if hyp_total else 0.0
    recall = found / two_sided if two_sided else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f'strict precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} '
          f'({len(paths) // 2} documents, {hyp_total} hypothesis beads, {two_sided} two-sided gold beads)')


if __name__ == '__main__':
    main()
