#!/usr/bin/env python3
"""Builds the perturbed Bible evaluation pair (English KJV / Spanish RV 1909).

    make_bible.py CACHE OUTDIR [--books Genesis,Psalms,Matthew,Romans | all] [--seed 1]
                  [--merge-rate 0.05] [--delete-rate 0.02]

CACHE is what fetch_data.sh printed (kjv.imp and sparv.imp, mod2imp exports).
Verses present in both versions are the units; each side is then perturbed
on its own with a fixed seed: a verse is merged with the next one (one line
for both) with probability merge-rate, and deleted with probability
delete-rate. One verse a line, a blank line between chapters (paragraphs).
The gold beads follow from the verse numbers: a bead is a smallest group of
lines of the two sides that share verses (a line whose verses were all
deleted on the other side is unaligned: [i]:[] or []:[k]).

Writes OUTDIR/en.txt, OUTDIR/es.txt, OUTDIR/en-es.gold; prints counts.
"""
import argparse
import html
import os
import random
import re

HEADER = re.compile(r'^\$\$\$(.+) (\d+):(\d+)$')
NOTE = re.compile(r'<note\b.*?</note>', re.S)
TAG = re.compile(r'<[^>]*>')


def read_imp(path):
    """{(book, chapter, verse): text} for verses > 0, markup removed."""
    verses = {}
    order = []
    key = None
    lines = []

    def flush():
        if key and key[2] > 0:
            text = ' '.join(lines)
            text = TAG.sub('', NOTE.sub(' ', text))
            text = ' '.join(html.unescape(text).split())
            if text:
                verses[key] = text
                order.append(key)

    with open(path, encoding='utf-8', errors='replace') as f:
        for raw in f:
            line = raw.rstrip('\n')
            m = HEADER.match(line)
            if line.startswith('$$$'):
                flush()
                key = (m.group(1), int(m.group(2)), int(m.group(3))) if m else None
                lines = []
            elif key:
                lines.append(line)
        flush()
    return verses, order


def perturb(keys, rng, merge_rate, delete_rate):
    """Lines of one side: each a list of verse keys (consecutive)."""
    lines = []
    k = 0
    while k < len(keys):
        r = rng.random()
        if r < delete_rate:
            k += 1
            continue
        group = [keys[k]]
        # Merge only within a chapter, so that no line crosses a paragraph.
        if r < delete_rate + merge_rate and k + 1 < len(keys) and keys[k + 1][:2] == keys[k][:2]:
            group.append(keys[k + 1])
            k += 1
        lines.append(group)
        k += 1
    return lines


def gold_beads(src_lines, tgt_lines):
    """Smallest groups of lines sharing verses, in order."""
    src_of = {v: i for i, line in enumerate(src_lines) for v in line}
    tgt_of = {v: i for i, line in enumerate(tgt_lines) for v in line}
    beads = []
    i = j = 0
    while i < len(src_lines) or j < len(tgt_lines):
        # Lines whose verses have no counterpart at all are unaligned.
        if i < len(src_lines) and all(v not in tgt_of for v in src_lines[i]):
            beads.append(([i], []))
            i += 1
            continue
        if j < len(tgt_lines) and all(v not in src_of for v in tgt_lines[j]):
            beads.append(([], [j]))
            j += 1
            continue
        src_group, tgt_group = {i}, {j}
        grown = True
        while grown:
            grown = False
            for s in list(src_group):
                for v in src_lines[s]:
                    if v in tgt_of and tgt_of[v] not in tgt_group:
                        tgt_group.add(tgt_of[v])
                        grown = True
            for t in list(tgt_group):
                for v in tgt_lines[t]:
                    if v in src_of and src_of[v] not in src_group:
                        src_group.add(src_of[v])
                        grown = True
        beads.append((sorted(src_group), sorted(tgt_group)))
        i = max(src_group) + 1
        j = max(tgt_group) + 1
    return beads


def write_side(path, lines, verses):
    with open(path, 'w', encoding='utf-8') as f:
        previous = None
        for line in lines:
            chapter = line[0][:2]
            if previous is not None and chapter != previous:
                f.write('\n')
            f.write(' '.join(verses[v] for v in line) + '\n')
            previous = chapter


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('cache')
    parser.add_argument('out')
    parser.add_argument('--books', default='Genesis,Psalms,Matthew,Romans')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--merge-rate', type=float, default=0.05)
    parser.add_argument('--delete-rate', type=float, default=0.02)
    args = parser.parse_args()
    en, en_order = read_imp(os.path.join(args.cache, 'kjv.imp'))
    es, _ = read_imp(os.path.join(args.cache, 'sparv.imp'))
    books = None if args.books == 'all' else set(args.books.split(','))
    keys = [k for k in en_order if k in es and (books is None or k[0] in books)]
    rng = random.Random(args.seed)
    src_lines = perturb(keys, rng, args.merge_rate, args.delete_rate)
    tgt_lines = perturb(keys, rng, args.merge_rate, args.delete_rate)
    os.makedirs(args.out, exist_ok=True)
    write_side(os.path.join(args.out, 'en.txt'), src_lines, en)
    write_side(os.path.join(args.out, 'es.txt'), tgt_lines, es)
    beads = gold_beads(src_lines, tgt_lines)
    with open(os.path.join(args.out, 'en-es.gold'), 'w') as f:
        for s, t in beads:
            f.write('[' + ','.join(map(str, s)) + ']:[' + ','.join(map(str, t)) + ']\n')
    print(f'{len(keys)} verses; en {len(src_lines)} lines, es {len(tgt_lines)} lines, {len(beads)} gold beads')


if __name__ == '__main__':
    main()
