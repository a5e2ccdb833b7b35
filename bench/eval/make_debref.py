#!/usr/bin/env python3
"""Builds paragraph-level evaluation pairs from Debian's debian-reference-en,
-de and -fr packages (HTML, one file per chapter and language).

    make_debref.py DOCDIR OUTDIR [--pairs de-fr,en-de] [--gaps]

DOCDIR is /usr/share/debian-reference (apt-get install debian-reference-en
debian-reference-de debian-reference-fr). The translations are made with
po4a, paragraph by paragraph, so the three HTML files of a chapter have the
same element structure; that is where the gold comes from:

- Units are the text of the titles (h1-h5), paragraphs (p, also inside list
  items) and definition terms (dt), in document order, outside the table of
  contents, tables, program listings (pre) and the navigation bars. Markup is
  removed, white space collapsed.
- A chapter is used only when the three languages give the same sequence of
  unit tags; the k-th unit of one language then is the translation of the
  k-th unit of the other (po4a writes the English paragraph where a
  translator has not translated it yet).
- A unit is "untranslated" in German or French when its text equals the
  English unit's once case, punctuation and spaces are ignored (the
  cross-references of an untranslated paragraph still change their quotation
  marks: "See Section 7.7, « Remote desktop »"). A paragraph whose words are
  English but which cites a translated title counts as translated; the
  correspondence with the other language holds all the same. By default a position is kept only when every language of
  the pair (other than English) has it translated: gold beads are then all
  1-1, between real translations. With --gaps, an untranslated unit is
  dropped from its side only, so the other side's unit is unaligned in the
  gold (a 1-0 or 0-1 bead): omissions where the real documents have them.

Each chapter is its own document pair: OUTDIR/<pair>[-gaps]/<chapter>/
{src.txt,tgt.txt,gold}, one unit per line (no blank lines: the aligner gets
no paragraph structure), gold in the beads format of compare_beads.py.
Prints the counts per chapter and the chapters left out.
"""
import argparse
import html.parser
import os
import re

UNIT_TAGS = {'h1', 'h2', 'h3', 'h4', 'h5', 'p', 'dt'}
SKIP_CLASSES = {'toc', 'table', 'informaltable', 'navheader', 'navfooter', 'list-of-tables'}
VOID = {'br', 'img', 'hr', 'meta', 'link', 'input', 'col', 'area', 'base', 'wbr'}


class Units(html.parser.HTMLParser):
    """(tag, text) of every unit outside the skipped containers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped) of open elements
        self.units = []
        self.current = None  # [tag, depth, pieces] of the unit being read

    def skipping(self):
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = set((dict(attrs).get('class') or '').split())
        skipped = tag in ('pre', 'table') or bool(classes & SKIP_CLASSES)
        self.stack.append((tag, skipped))
        if self.current is None and tag in UNIT_TAGS and not self.skipping():
            self.current = [tag, len(self.stack), []]

    def handle_startendtag(self, tag, attrs):
        pass  # <a id="..."/>: nothing to read

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Close up to the matching open element (the files are XHTML).
        while self.stack:
            open_tag, _ = self.stack.pop()
            if self.current is not None and len(self.stack) < self.current[1]:
                text = ' '.join(''.join(self.current[2]).split())
                if text:
                    self.units.append((self.current[0], text))
                self.current = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.current is not None and not self.skipping():
            self.current[2].append(data)


def read_units(path):
    parser = Units()
    with open(path, encoding='utf-8') as f:
        parser.feed(f.read())
    return parser.units


def chapters(docdir):
    names = sorted(f[:-len('.en.html')] for f in os.listdir(docdir) if f.endswith('.en.html'))
    return [n for n in names if n != 'index']  # the index is the table of contents


def write_pair(outdir, src, tgt, gold):
    os.makedirs(outdir, exist_ok=True)
    for name, units in (('src.txt', src), ('tgt.txt', tgt)):
        with open(os.path.join(outdir, name), 'w', encoding='utf-8') as f:
            f.writelines(u + '\n' for u in units)
    with open(os.path.join(outdir, 'gold'), 'w', encoding='utf-8') as f:
        for s, t in gold:
            f.write('[' + ','.join(map(str, s)) + ']:[' + ','.join(map(str, t)) + ']\n')


def same_text(x, y):
    """Equal but for case, punctuation and spaces."""
    return WORD_CHARS.sub('', x.lower()) == WORD_CHARS.sub('', y.lower())


WORD_CHARS = re.compile(r'[\W_]+')


def build(en, a, b, gaps):
    """Units and gold beads of languages a and b (lists of texts; en the
    English units at the same positions)."""
    src, tgt, gold = [], [], []
    for k in range(len(en)):
        a_ok = a is en or not same_text(a[k], en[k])
        b_ok = b is en or not same_text(b[k], en[k])
        if not gaps and not (a_ok and b_ok):
            continue
        if not (a_ok or b_ok):
            continue
        bead_src = [len(src)] if a_ok else []
        bead_tgt = [len(tgt)] if b_ok else []
        if a_ok:
            src.append(a[k])
        if b_ok:
            tgt.append(b[k])
        gold.append((bead_src, bead_tgt))
    return src, tgt, gold


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('docdir')
    parser.add_argument('outdir')
    parser.add_argument('--pairs', default='de-fr,en-de')
    parser.add_argument('--gaps', action='store_true')
    args = parser.parse_args()
    for chapter in chapters(args.docdir):
        units = {lang: read_units(os.path.join(args.docdir, f'{chapter}.{lang}.html')) for lang in ('en', 'de', 'fr')}
        tags = {lang: [t for t, _ in u] for lang, u in units.items()}
        if not (tags['en'] == tags['de'] == tags['fr']):
            print(f'{chapter}: left out, the unit structure differs '
                  f'(en {len(tags["en"])}, de {len(tags["de"])}, fr {len(tags["fr"])} units)')
            continue
        texts = {lang: [x for _, x in u] for lang, u in units.items()}
        for pair in args.pairs.split(','):
            s, t = pair.split('-')
            src, tgt, gold = build(texts['en'], texts[s], texts[t], args.gaps)
            name = pair + ('-gaps' if args.gaps else '')
            write_pair(os.path.join(args.outdir, name, chapter), src, tgt, gold)
            one_sided = sum(1 for bs, bt in gold if not bs or not bt)
            print(f'{name} {chapter}: {len(tags["en"])} units, {len(src)} x {len(tgt)} kept, '
                  f'{len(gold)} gold beads ({one_sided} one-sided)')


if __name__ == '__main__':
    main()
