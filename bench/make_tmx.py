#!/usr/bin/env python3
"""Writes a synthetic TMX 1.4b file for bench/: N two-language units (en-US, de-DE)
with sentence lengths like real TMs (5-35 words, about 100 characters), dates,
a tuid, and inline tags in some units (bpt/ept pairs, ph placeholders).

Same seed, same bytes. Usage: make_tmx.py N OUT.tmx [--seed S]"""
import argparse
import random

WORDS_EN = ("the of and to in is that for it as with was on be by at this from or have an they which one "
            "you had not but what all were when we there can are use your how said each she do if will up "
            "other about out many then them these so some her would make like into him time has two more "
            "contract payment clause party agreement notice period terms software update install server user "
            "file settings network account invoice delivery order customer report data system window button").split()
WORDS_DE = ("der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an "
            "werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum war "
            "Vertrag Zahlung Klausel Partei Vereinbarung Frist Bedingungen Software Aktualisierung Server "
            "Benutzer Datei Einstellungen Netzwerk Konto Rechnung Lieferung Bestellung Kunde Bericht Daten "
            "System Fenster Schaltfläche Größe Übersicht Änderung Straße").split()


def sentence(rng, words, length):
    text = " ".join(rng.choice(words) for _ in range(length))
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def with_tags(rng, text, kind):
    """Inserts inline markup into already escaped text."""
    words = text.split(" ")
    if kind == "pair" and len(words) > 3:
        i = rng.randrange(0, len(words) - 2)
        words[i] = '<bpt i="1" type="bold">&lt;b&gt;</bpt>' + words[i]
        words[i + 1] = words[i + 1] + '<ept i="1">&lt;/b&gt;</ept>'
    elif kind == "ph":
        i = rng.randrange(0, len(words))
        words[i] = words[i] + ' <ph x="1" type="var">{0}</ph>'
    return " ".join(words)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("units", type=int)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=20241128)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                  '  <header creationtool="make_tmx.py" creationtoolversion="1" segtype="sentence" o-tmf="tmkit"'
                  ' adminlang="en-US" srclang="en-US" datatype="plaintext"/>\n  <body>\n')
        chunk = []
        for n in range(1, args.units + 1):
            length = min(35, max(5, int(rng.gauss(15, 6))))
            en = escape(sentence(rng, WORDS_EN, length))
            de = escape(sentence(rng, WORDS_DE, max(3, length + rng.randint(-3, 4))))
            roll = rng.random()
            kind = "pair" if roll < 0.10 else "ph" if roll < 0.15 else None
            if kind:
                en, de = with_tags(rng, en, kind), with_tags(rng, de, kind)
            day = 1 + n % 28
            chunk.append(
                f'    <tu tuid="{n}" creationdate="2023{1 + n % 12:02d}{day:02d}T{n % 24:02d}1530Z" creationid="gen">\n'
                f'      <tuv xml:lang="en-US"><seg>{en}</seg></tuv>\n'
                f'      <tuv xml:lang="de-DE"><seg>{de}</seg></tuv>\n'
                '    </tu>\n')
            if len(chunk) == 10000:
                out.write("".join(chunk))
                chunk.clear()
        out.write("".join(chunk))
        out.write("  </body>\n</tmx>\n")


if __name__ == "__main__":
    main()
