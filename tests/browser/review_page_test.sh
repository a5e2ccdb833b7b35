#!/usr/bin/env bash
# Loads a review page in headless Chromium and checks that it works as a
# person would use it: no console errors, the expected number of beads, the
# "show only what needs review" filter (clicked through the page's own
# checkbox by its #selftest mode), and the path drawn. Takes a screenshot.
#
#   review_page_test.sh TMKIT ALIGNMENT.json WORKDIR
#
# Exits 77 (ctest: skipped) when chromium is not installed.
set -euo pipefail
tmkit=$1 alignment=$2 work=$3
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIPPED: chromium is not installed (install-deps.sh installs it)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work"
"$tmkit" report "$alignment" -o "$work/review.html"

browser() {
  # Flags from the machine notes: no first-run, no background networking, a
  # fresh profile; --virtual-time-budget lets the page's script finish.
  timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$1" --enable-logging=stderr --v=0 \
    --virtual-time-budget=5000 "${@:2}"
}

browser dom --dump-dom "file://$work/review.html#selftest" >"$work/dom.html" 2>"$work/console.log"
browser shot --window-size=1280,1700 --screenshot="$work/review.png" "file://$work/review.html" \
  >/dev/null 2>>"$work/console.log"

python3 - "$alignment" "$work" <<'PY'
import html, json, re, sys
alignment, work = json.load(open(sys.argv[1], encoding='utf-8')), sys.argv[2]
dom = open(work + '/dom.html', encoding='utf-8').read()
console = open(work + '/console.log', encoding='utf-8', errors='replace').read()
problems = []
m = re.search(r'<output id="selftest"[^>]*>(.*?)</output>', dom, re.S)
if not m:
    sys.exit('no selftest output in the page: did its script run?\n' + console[-2000:])
result = json.loads(html.unescape(m.group(1)))
beads = alignment['beads']
flagged = sum(1 for b in beads if b.get('confidence', 1.0) < 0.9 or len(b['src']) != 1 or len(b['tgt']) != 1)
page = min(len(beads), 200)
expect = {'beads': len(beads), 'rows_before': page, 'rows_filtered': min(flagged, 200),
          'flagged_shown': min(flagged, 200), 'rows_after': page}
for key, value in expect.items():
    if result.get(key) != value:
        problems.append(f'{key}: page says {result.get(key)}, expected {value}')
first_flagged = next((str(i) for i, b in enumerate(beads)
                      if b.get('confidence', 1.0) < 0.9 or len(b['src']) != 1 or len(b['tgt']) != 1), None)
if result.get('focus_after_j') != '0':
    problems.append(f"key j should focus bead 0, focused {result.get('focus_after_j')}")
if first_flagged not in (None, '0') and result.get('flagged_focus_after_n') != first_flagged:
    problems.append(f"key n should focus flagged bead {first_flagged}, focused {result.get('flagged_focus_after_n')}")
if result.get('errors'):
    problems.append(f'script errors: {result["errors"]}')
if result.get('path_elements', 0) < 3:
    problems.append('the alignment path was not drawn')
console_errors = [l for l in console.splitlines() if 'CONSOLE' in l or 'Uncaught' in l]
if console_errors:
    problems.append('console messages: ' + ' | '.join(console_errors[:5]))
if problems:
    sys.exit('review page test failed:\n  ' + '\n  '.join(problems))
print(f'review page ok: {len(beads)} beads, {flagged} flagged, filter shows {result["rows_filtered"]}; '
      f'screenshot {work}/review.png')
PY
