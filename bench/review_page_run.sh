#!/usr/bin/env bash
# Size and load time of the review page for a large alignment (30,000 beads by
# default), in headless Chromium. Not a test: a measurement for the notes.
#
#   bench/review_page_run.sh [TMKIT] [BEADS] [ALIGNMENT.json]
#
# Without ALIGNMENT.json it generates a synthetic one (fixed seed; ~7% of
# beads not 1-1, ~5% low confidence, a 200-sentence gap) of BEADS beads.
# Prints: page bytes, script time inside the page (performance.now() when its
# script is done), and wall time of the whole headless load (median of 5).
set -euo pipefail
tmkit=${1:-build/tmkit}
beads=${2:-30000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
alignment=${3:-"$work/alignment.json"}
if [ $# -lt 3 ]; then
  python3 - "$beads" "$alignment" <<'PY'
import json, random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(42)
words = 'the of and to in a is that for it as was with be by on not he this are or his from at which'.split()
def sentence():
    return ' '.join(rng.choice(words) for _ in range(rng.randint(5, 30))).capitalize() + '.'
src, tgt, beads = [], [], []
for i in range(n):
    if 15000 <= i < 15200:
        shape = (1, 0)
    else:
        r = rng.random()
        shape = (2, 1) if r < 0.03 else (1, 2) if r < 0.06 else (1, 1)
    bead = {'src': list(range(len(src), len(src) + shape[0])), 'tgt': list(range(len(tgt), len(tgt) + shape[1])),
            'confidence': round(rng.uniform(0.1, 0.89) if rng.random() < 0.05 else rng.uniform(0.9, 1.0), 3)}
    for _ in range(shape[0]): src.append({'text': sentence(), 'paragraph': len(src) // 25})
    for _ in range(shape[1]): tgt.append({'text': sentence(), 'paragraph': len(tgt) // 25})
    beads.append(bead)
json.dump({'source': {'file': 'synthetic-src.txt', 'language': 'en', 'sentences': src},
           'target': {'file': 'synthetic-tgt.txt', 'language': 'es', 'sentences': tgt},
           'beads': beads, 'parameters': {'generator': 'bench/review_page_run.sh'}}, open(path, 'w'))
PY
fi
"$tmkit" report "$alignment" -o "$work/review.html"
bytes=$(stat -c %s "$work/review.html")
times=()
for run in 1 2 3 4 5; do
  start=$(date +%s.%N)
  timeout 300 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$run" --virtual-time-budget=10000 \
    --dump-dom "file://$work/review.html#selftest" >"$work/dom-$run.html" 2>/dev/null
  end=$(date +%s.%N)
  times+=("$(python3 -c "print(f'{$end - $start:.3f}')")")
done
python3 - "$work/dom-3.html" "$bytes" "${times[@]}" <<'PY'
import html, json, re, statistics, sys
dom = open(sys.argv[1], encoding='utf-8').read()
result = json.loads(html.unescape(re.search(r'<output id="selftest"[^>]*>(.*?)</output>', dom, re.S).group(1)))
walls = [float(t) for t in sys.argv[3:]]
print(f"beads {result['beads']}, page {int(sys.argv[2]) / 1e6:.2f} MB, rows in DOM {result['rows_before']}, "
      f"script done at {result['script_ms']} ms (run 3), headless load wall median {statistics.median(walls):.2f} s "
      f"(runs: {', '.join(sys.argv[3:])}), errors {result['errors']}")
PY
