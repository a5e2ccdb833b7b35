#!/usr/bin/env python3
"""Times `tmkit concordance --max 20` as a whole process (start-up included) on a TM.

Usage: bench/concordance_run.py TMKIT_BINARY TM [TMKIT_BINARY_2 TM_2]

Prints, per query, the median of 5 runs and the number of output lines. With a
second binary and TM, runs both alternately (the same minutes), so that the two
can be compared on this noisy machine. The queries are the ones docs/formats.md
reports: common and rare words, a phrase, a text with no hit, German.
"""
import statistics
import subprocess
import sys
import time

QUERIES = [("en", "file"), ("en", "the selected"), ("de", "Datei"), ("en", "xyzzy"),
           ("en", "Please do NOT"), ("de", "ist nicht"), ("en", "of the"), ("de", "die")]


def run(binary, tm, lang, query):
    start = time.perf_counter()
    out = subprocess.run([binary, "concordance", "--tm", tm, "--lang", lang, "--max", "20", query],
                         capture_output=True, text=True, check=True)
    return time.perf_counter() - start, out.stdout.count("\n")


def main():
    pairs = [(sys.argv[i], sys.argv[i + 1]) for i in range(1, len(sys.argv) - 1, 2)]
    if not pairs:
        sys.exit(__doc__)
    for lang, query in QUERIES:
        times = [[] for _ in pairs]
        lines = [0 for _ in pairs]
        for _ in range(5):
            for k, (binary, tm) in enumerate(pairs):
                seconds, lines[k] = run(binary, tm, lang, query)
                times[k].append(seconds)
        cells = "  ".join(f"{statistics.median(t) * 1000:7.1f} ms ({n} lines)" for t, n in zip(times, lines))
        print(f"{query!r:18} {cells}")


if __name__ == "__main__":
    main()
