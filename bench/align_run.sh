#!/usr/bin/env bash
# Speed of the aligner: the full-table baseline vs the banded search (ratio),
# 100,000 × 100,000 synthetic sentences, and the whole perturbed Bible
# through `tmkit align`, each with wall time, CPU time and peak RSS.
#
#   bench/align_run.sh [BUILD]     (BUILD: a build dir configured with -DTMKIT_BUILD_BENCH=ON; default build-bench)
#
# The Bible needs the evaluation data (bench/eval/fetch_data.sh; root for apt).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../build-bench"}
bench="$build/bench/tmkit_align_bench"
tmkit="$build/tmkit"
[ -x "$tmkit" ] || tmkit="$build/src/cli/tmkit"
runs=${RUNS:-5}  # runs of each Bible measurement (alternating full and plain); the medians are printed
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

measure() {  # measure NAME COMMAND... : one line with wall, CPU and peak RSS
  local name=$1
  shift
  /usr/bin/time -f "%e %U %M" -o "$out/time" "$@" >/dev/null 2>&1
  read -r wall user rss <"$out/time"
  printf '%-34s wall %6.2f s  cpu %6.2f s  peak RSS %5d MB\n' "$name" "$wall" "$user" "$((rss / 1024))"
}

"$bench" --benchmark_filter='BM_(FullTable|Banded)/(1000|2000|5000)$' --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_format=json >"$out/ratio.json"
python3 - "$out/ratio.json" <<'PY'
import json, sys
rows = {b['run_name']: b for b in json.load(open(sys.argv[1]))['benchmarks'] if b['aggregate_name'] == 'median'}
print('median CPU time, plain Gale-Church on synthetic n x n (2% omissions):')
for n in (1000, 2000, 5000):
    full, banded = rows[f'BM_FullTable/{n}'], rows[f'BM_Banded/{n}']
    print(f'  n={n:5d}  full table {full["cpu_time"]:8.1f} ms  banded {banded["cpu_time"]:7.1f} ms  '
          f'ratio {full["cpu_time"] / banded["cpu_time"]:5.1f}x  accuracy {full["accuracy"]:.4f} / {banded["accuracy"]:.4f}')
PY
measure "banded 100,000 x 100,000 (lengths)" "$bench" --benchmark_filter='BM_Banded/100000$'
measure "full model 100,000 x 100,000" "$bench" --benchmark_filter='BM_AlignModel/100000$'
measure "full table 5,000 x 5,000" "$bench" --benchmark_filter='BM_FullTable/5000$'

if [ -x "$tmkit" ]; then
  cache=$("$here/eval/fetch_data.sh")
  python3 "$here/eval/make_bible.py" "$cache" "$out/bible" --books all
  for ((k = 0; k < runs; k++)); do
    for mode in full plain; do
      flag=""
      [ $mode = plain ] && flag=--plain
      /usr/bin/time -f "%e %U %M" -a -o "$out/bible.$mode.time" "$tmkit" align "$out/bible/en.txt" \
        "$out/bible/es.txt" --segmented --src-lang en --tgt-lang es --format beads $flag -o "$out/$mode.beads" \
        >/dev/null 2>&1
    done
  done
  python3 - "$out" "$runs" <<'PY'
import statistics, sys
out, runs = sys.argv[1], sys.argv[2]
rows = {m: [tuple(map(float, l.split())) for l in open(f'{out}/bible.{m}.time')] for m in ('full', 'plain')}
med = {m: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v), max(r[2] for r in v) / 1024)
       for m, v in rows.items()}
print(f'whole Bible through tmkit align, median of {runs} alternating runs:')
for m in ('full', 'plain'):
    wall, cpu, rss = med[m]
    print(f'  {m:5s}  wall {wall:5.2f} s  cpu {cpu:5.2f} s  peak RSS {rss:4.0f} MB')
print(f'  full / plain: wall {med["full"][0] / med["plain"][0]:.2f}x  cpu {med["full"][1] / med["plain"][1]:.2f}x')
PY
fi
