#!/usr/bin/env python3
"""Builds a tmkit alignment JSON (the `tmkit align --format json` shape) from
a gold beads file and the two *.sentences.txt files, so the review page can be
tested on the sample pair's hand-checked alignment.

    gold_to_alignment_json.py GOLD SRC_SENTENCES SRC_LANG TGT_SENTENCES TGT_LANG > out.json
"""
import json
import re
import sys


def sentences(path):
    out, paragraph = [], 0
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                if out and out[-1]['paragraph'] == paragraph:
                    paragraph += 1
                continue
            out.append({'text': line, 'paragraph': paragraph})
    return out


def beads(path):
    out = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            m = re.match(r'^\[([0-9,\s]*)\]:\[([0-9,\s]*)\]', line.strip())
            if m:
                side = lambda s: [int(x) for x in s.split(',') if x.strip()]
                out.append({'src': side(m.group(1)), 'tgt': side(m.group(2)), 'confidence': 1.0})
    return out


gold, src, src_lang, tgt, tgt_lang = sys.argv[1:6]
json.dump({'source': {'file': src, 'language': src_lang, 'sentences': sentences(src)},
           'target': {'file': tgt, 'language': tgt_lang, 'sentences': sentences(tgt)},
           'beads': beads(gold), 'parameters': {'alignment': 'gold (hand-checked)'}},
          sys.stdout, ensure_ascii=False, indent=1)
