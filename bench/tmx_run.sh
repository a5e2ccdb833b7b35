#!/usr/bin/env bash
# Parse-only throughput and peak RSS of the TMX reader at 100k and 1M units
# (and of read → write, ReadThenWrite, for the writer's share),
# against pugixml loading the whole document (same binary, same file) and,
# when Debian's python3-translate is installed, translate-toolkit's
# translate.storage.tmx. One process per case so /usr/bin/time -v gives each
# its own peak RSS.
#
# Then `tmkit import` of the same file into a new TM and `tmkit export` of
# that TM, each its own process (units/s over the units in the file; "units/s
# CPU" over user + system time, which counts both of the import's threads).
#
# Usage: bench/tmx_run.sh [BUILD_DIR] [WORK_DIR]
#   BUILD_DIR  a build configured with -DTMKIT_BUILD_BENCH=ON (default build-bench)
#   WORK_DIR   where the generated TMX files and results go (default a temp dir)
#   TMX_BENCH_UNITS="100000 1000000"  sizes to run; TMX_BENCH_SKIP_TT=1 skips translate-toolkit.
#
# units/s and MB/s are wall-clock medians of 3 runs (translate-toolkit: one
# run); "units/s CPU" divides by the process's CPU time (user + system)
# instead, which is what a core not shared with other work would give.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build-bench}
work=${2:-$(mktemp -d)}
bench="$build/bench/tmkit_tmx_bench"
[[ -x "$bench" ]] || { echo "no $bench: configure with -DTMKIT_BUILD_BENCH=ON and build tmkit_tmx_bench" >&2; exit 2; }
mkdir -p "$work"
sizes=${TMX_BENCH_UNITS:-"100000 1000000"}

peak_rss_mb() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$1"; }

# Median of the JSON's 3 repetitions: "units/s units/s-CPU MB/s".
median_rates() {
  python3 -c '
import json, sys
runs = json.load(open(sys.argv[1]))["benchmarks"]
m = next(r for r in runs if r.get("aggregate_name") == "median")
print("%.0f %.0f %.1f" % (m["items_per_second"], m["units"] / (m["cpu_time"] / 1e3), m["bytes_per_second"] / 1e6))
' "$1"
}

translate_toolkit_rates() {
  /usr/bin/python3 -c '
import os, sys, time
from translate.storage import tmx
start, start_cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], "rb") as f:
    store = tmx.tmxfile(f)
units = sum(1 for unit in store.units if unit.source is not None)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
print(f"{units / seconds:.0f} {units / cpu_seconds:.0f} {os.path.getsize(sys.argv[1]) / seconds / 1e6:.1f}")
' "$1"
}

printf '%-9s %-22s %11s %12s %8s %12s %11s\n' units case "units/s" "units/s CPU" "MB/s" "peak RSS MB" "vs pugixml"
for n in $sizes; do
  file="$work/units_$n.tmx"
  [[ -s "$file" ]] || python3 "$here/make_tmx.py" "$n" "$file"
  cases="PugixmlWholeDocument StreamingReader ReadThenWrite"
  for c in $cases; do
    TMKIT_TMX_BENCH_FILE="$file" /usr/bin/time -v "$bench" --benchmark_filter="^BM_$c/" \
      --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
      --benchmark_out="$work/${c}_$n.json" --benchmark_out_format=json > /dev/null 2> "$work/${c}_$n.time"
    median_rates "$work/${c}_$n.json" > "$work/${c}_$n.rate"
  done
  if [[ -z "${TMX_BENCH_SKIP_TT:-}" ]] && /usr/bin/python3 -c 'import translate.storage.tmx' 2> /dev/null; then
    c=TranslateToolkit
    cases="$cases $c"
    /usr/bin/time -v bash -c "$(declare -f translate_toolkit_rates); translate_toolkit_rates '$file'" \
      > "$work/${c}_$n.rate" 2> "$work/${c}_$n.time"
  fi
  read -r baseline _ < "$work/PugixmlWholeDocument_$n.rate"
  for c in $cases; do
    read -r rate cpu mbps < "$work/${c}_$n.rate"
    ratio=$(python3 -c "print(f'{$rate / $baseline:.2f}x')")
    printf '%-9s %-22s %11s %12s %8s %12s %11s\n' "$n" "$c" "$rate" "$cpu" "$mbps" "$(peak_rss_mb "$work/${c}_$n.time")" "$ratio"
  done
  # The whole job through the command: import into a new TM (median of
  # TMX_BENCH_IMPORT_RUNS, default 3; 1 from a million units up), then export it.
  runs=${TMX_BENCH_IMPORT_RUNS:-$([[ $n -ge 1000000 ]] && echo 1 || echo 3)}
  for verb in import export; do
    for ((r = 1; r <= runs; r++)); do
      tm="$work/tm_$n.tmkit"
      if [[ $verb == import ]]; then
        rm -f "$tm" "$tm-wal" "$tm-shm"
        /usr/bin/time -v "$build/tmkit" import --tm "$tm" "$file" > /dev/null 2> "$work/${verb}_${n}_$r.time"
      else
        /usr/bin/time -v "$build/tmkit" export --tm "$tm" -o "$work/export_$n.tmx" > /dev/null 2> "$work/${verb}_${n}_$r.time"
      fi
    done
    python3 - "$n" "$verb" "$(stat -L -c %s "$file")" "$work"/${verb}_${n}_*.time <<'PY'
import re, statistics, sys
n, verb, size, files = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4:]
def field(text, name):
    return re.search(name + r": (.*)", text).group(1)
def seconds(clock):
    parts = [float(p) for p in clock.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
rows = []
for f in files:
    t = open(f).read()
    rows.append((seconds(field(t, r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\)")),
                 float(field(t, "User time \\(seconds\\)")) + float(field(t, "System time \\(seconds\\)")),
                 int(field(t, "Maximum resident set size \\(kbytes\\)")) / 1024))
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] for r in rows)
rss = max(r[2] for r in rows)
print("%-9d %-22s %11.0f %12.0f %8.1f %12.1f %11s" % (n, "tmkit " + verb, n / wall, n / cpu, size / wall / 1e6, rss, "-"))
PY
  done
done
echo "results in $work"
