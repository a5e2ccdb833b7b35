#!/usr/bin/env python3
"""Writes tiny.index and tiny.dict.dz next to this script: a hand-written
English-Spanish dictionary in dictd format, the format of Debian's
dict-freedict-* packages (index: headword, base64 offset, base64 length;
entries: gzip-compressed). The tests read it with align::LoadDictionary.
Re-run after editing ENTRIES; the output is deterministic (gzip mtime 0)."""
import gzip
import os

DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
ENTRIES = [
    ('00databaseshort', 'English-Spanish test dictionary\n'),
    ('abandon', 'abandon /əˈbændən/\n1. abandonar\n2. dejar, desamparar (a alguien)\n'),
    ('house', 'house /haʊs/\ncasa; hogar\n'),
    ('light', 'light /laɪt/\nluz\n'),
]


def number(value):
    out = ''
    while True:
        out = DIGITS[value % 64] + out
        value //= 64
        if value == 0:
            return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    body = b''
    index = []
    for headword, entry in ENTRIES:
        data = entry.encode('utf-8')
        index.append(f'{headword}\t{number(len(body))}\t{number(len(data))}\n')
        body += data
    with open(os.path.join(here, 'tiny.index'), 'w', encoding='utf-8') as f:
        f.writelines(index)
    with open(os.path.join(here, 'tiny.dict.dz'), 'wb') as f:
        f.write(gzip.compress(body, mtime=0))


if __name__ == '__main__':
    main()
