#!/usr/bin/env python3
"""Strict F1 of a hypothesis alignment against a gold one (beads format).

    compare_beads.py GOLD HYP [--min-f1 0.99]

Strict as in the vecalign/Bleualign evaluations: a hypothesis bead is right
only when the gold has exactly that bead; precision runs over all hypothesis
beads (an unaligned one is right only if the gold has it too), recall over
gold beads with sentences on both sides. Prints the figures and the beads
that differ; exits 1 when F1 is below --min-f1.
"""
import argparse
import re
import sys

BEAD = re.compile(r'^\[([0-9,\s]*)\]:\[([0-9,\s]*)\]')


def read_beads(path):
    beads = []
    with open(path, encoding='utf-8') as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            match = BEAD.match(line)
            if not match:
                sys.exit(f'{path}:{number}: not a bead: {line!r}')
            side = lambda s: tuple(int(x) for x in s.split(',') if x.strip())
            beads.append((side(match.group(1)), side(match.group(2))))
    return beads


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('gold')
    parser.add_argument('hyp')
    parser.add_argument('--min-f1', type=float, default=0.99)
    args = parser.parse_args()
    gold = set(read_beads(args.gold))
    hyp = set(read_beads(args.hyp))
    right = len(gold & hyp)
    precision = right / len(hyp) if hyp else 0.0
    gold_two_sided = {b for b in gold if b[0] and b[1]}
    recall = len(gold_two_sided & hyp) / len(gold_two_sided) if gold_two_sided else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f'strict precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}')
    for bead in sorted(hyp - gold):
        print(f'  wrong:  {list(bead[0])}:{list(bead[1])}')
    for bead in sorted(gold - hyp):
        print(f'  missed: {list(bead[0])}:{list(bead[1])}')
    return 0 if f1 >= args.min_f1 else 1


if __name__ == '__main__':
    sys.exit(main())
