#!/usr/bin/env bash
# Runs the aligner's evaluation: fetches the data (fetch_data.sh), builds the
# perturbed Bible (four books and the whole Bible), the UDHR pairs and the
# Debian Reference chapters (make_debref.py; apt-get needs root), aligns
# each with the full model and with --plain (the Gale-Church baseline), and
# prints strict F1 (tests/tools/compare_beads.py) plus wall time and peak RSS.
# Also writes WORK/calibration.txt: confidence buckets against correctness.
#
#   bench/eval/run_eval.sh [TMKIT] [WORK]     (defaults: build/tmkit, /tmp/tmkit-eval-work)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root="$here/../.."
tmkit=${1:-"$root/build/src/cli/tmkit"}
work=${2:-/tmp/tmkit-eval-work}
mkdir -p "$work"
cache=$("$here/fetch_data.sh")
beads_of() {  # beads_of JSON: the beads of a --format json output, in the beads format
  python3 - "$1" <<'PY'
import json, sys
for b in json.load(open(sys.argv[1]))['beads']:
    print('[' + ','.join(map(str, b['src'])) + ']:[' + ','.join(map(str, b['tgt'])) + ']')
PY
}
score() { python3 "$root/tests/tools/compare_beads.py" --min-f1 0 "$1" "$2" >"$work/score.txt"; sed -n "1s/.*F1 //p" "$work/score.txt"; }
run() {  # run NAME SRC TGT SRCLANG TGTLANG GOLD
  local name=$1 src=$2 tgt=$3 sl=$4 tl=$5 gold=$6
  for mode in full plain; do
    local flag=""
    [ $mode = plain ] && flag=--plain
    local out="$work/$name.$mode"
    /usr/bin/time -f "%e %U %M" -o "$out.time" "$tmkit" align "$src" "$tgt" --segmented --src-lang "$sl" \
      --tgt-lang "$tl" --format json $flag -o "$out.json"
    beads_of "$out.json" >"$out.beads"
    read -r wall user rss <"$out.time"
    printf '%-22s %-5s F1 %s  wall %ss user %ss RSS %s MB\n' "$name" "$mode" "$(score "$gold" "$out.beads")" \
      "$wall" "$user" "$((rss / 1024))"
  done
}

python3 "$here/make_bible.py" "$cache" "$work/bible4" >/dev/null
python3 "$here/make_bible.py" "$cache" "$work/bible" --books all >/dev/null
python3 "$here/make_udhr.py" "$cache" "$work/udhr" >/dev/null
samples="$root/samples/dprk-cuba"
run sample-en-ko "$samples/en.sentences.txt" "$samples/ko.sentences.txt" en ko "$samples/en-ko.gold"
run sample-en-es "$samples/en.sentences.txt" "$samples/es.sentences.txt" en es "$samples/en-es.gold"
run bible4-en-es "$work/bible4/en.txt" "$work/bible4/es.txt" en es "$work/bible4/en-es.gold"
run bible-en-es "$work/bible/en.txt" "$work/bible/es.txt" en es "$work/bible/en-es.gold"
for pair in eng-kor:ko eng-cmn_hans:zh eng-jpn:ja eng-spa:es; do
  dir=${pair%%:*}
  run "udhr-$dir" "$work/udhr/$dir/src.txt" "$work/udhr/$dir/tgt.txt" en "${pair##*:}" "$work/udhr/$dir/gold"
done
# Debian Reference (debian-reference-en/-de/-fr): paragraph units, each
# chapter aligned on its own, F1 pooled over the chapters (make_debref.py
# says how the gold follows from the HTML structure).
docs=/usr/share/debian-reference
if [ ! -e "$docs/ch01.de.html" ] || [ ! -e "$docs/ch01.fr.html" ] || [ ! -e "$docs/ch01.en.html" ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debian-reference-en debian-reference-de debian-reference-fr >/dev/null
fi
rm -rf "$work/debref"
debref_gold=()
python3 "$here/make_debref.py" "$docs" "$work/debref" >/dev/null
python3 "$here/make_debref.py" "$docs" "$work/debref" --gaps >/dev/null
for variant in de-fr en-de de-fr-gaps en-de-gaps; do
  sl=${variant%%-*}
  tl=${variant#*-}
  tl=${tl%%-*}
  for mode in full plain; do
    flag=""
    [ $mode = plain ] && flag=--plain
    pairs=()
    for dir in "$work/debref/$variant"/*/; do
      name="debref-$variant-$(basename "$dir")"
      "$tmkit" align "$dir/src.txt" "$dir/tgt.txt" --segmented --src-lang "$sl" --tgt-lang "$tl" --format json \
        $flag -o "$work/$name.$mode.json"
      beads_of "$work/$name.$mode.json" >"$work/$name.$mode.beads"
      pairs+=("$dir/gold" "$work/$name.$mode.beads")
      [ $mode = full ] && [ "${variant%-gaps}" = "$variant" ] && debref_gold+=("$name:$dir/gold")
    done
    printf '%-22s %-5s %s\n' "debref-$variant" "$mode" "$(python3 "$here/pooled_f1.py" "${pairs[@]}")"
  done
done
echo "calibration, Debian Reference de-fr and en-de:"
python3 "$here/calibration.py" "$work" "${debref_gold[@]}" | tee "$work/calibration-debref.txt"
echo "calibration, Bible:"

python3 "$here/calibration.py" "$work" bible4-en-es:"$work/bible4/en-es.gold" \
  bible-en-es:"$work/bible/en-es.gold" | tee "$work/calibration.txt"
