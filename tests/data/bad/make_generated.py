#!/usr/bin/env python3
"""Writes the bad inputs that are too big or too binary to keep in git into
the folder given as argument. Same output every run (no randomness)."""
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def write(name, data):
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)


# An ELF-like header and a run of bytes of every value: not text.
write('binary.bin', b'\x7fELF\x02\x01\x01\x00' + bytes(range(256)) * 4)
# Text as UTF-16LE with a byte order mark, given where UTF-8 is expected.
write('utf16le_bom.txt', 'A sentence in UTF-16. Another one.\n'.encode('utf-16'))
# One line of 10 MB: a single endless sentence.
write('single_line_10mb.txt', (b'word ' * (2 * 1024 * 1024)) + b'end.\n')
# 100,000 empty paragraphs around two sentences.
write('empty_paragraphs_100k.txt', b'First.\n' + b'\n \n' * 100000 + b'Last.\n')
# A <seg> nested 100,000 <hi> elements deep.
depth = 100000
write('nesting_100k.tmx',
      b'<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" creationtoolversion="1" '
      b'segtype="sentence" o-tmf="x" adminlang="en" srclang="en" datatype="plaintext"/><body>'
      b'<tu><tuv xml:lang="en"><seg>' + b'<hi>' * depth + b'deep' + b'</hi>' * depth +
      b'</seg></tuv><tuv xml:lang="de"><seg>tief</seg></tuv></tu>'
      b'<tu><tuv xml:lang="en"><seg>Shallow.</seg></tuv><tuv xml:lang="de"><seg>Flach.</seg></tuv></tu>'
      b'</body></tmx>\n')
# 20,000 units (~3 MB): enough to overflow a small file-size limit.
units = []
for i in range(20000):
    units.append(f'<tu tuid="{i}"><tuv xml:lang="en"><seg>Sentence number {i} of the large file.</seg></tuv>'
                 f'<tuv xml:lang="de"><seg>Satz Nummer {i} der großen Datei.</seg></tuv></tu>\n')
write('large_20k_units.tmx',
      ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
       'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
       'datatype="plaintext"/><body>\n' + ''.join(units) + '</body></tmx>\n').encode('utf-8'))
