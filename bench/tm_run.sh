#!/usr/bin/env bash
# Runs the TM benchmark end to end on real data:
#
#   bench/tm_run.sh BUILD_DIR DATA_DIR [BENCH_DIR]
#
# BUILD_DIR: a build configured with -DTMKIT_BUILD_BENCH=ON (Release).
# DATA_DIR: where bench/make_gettext_pairs.sh writes (run first if it has no en-de.tsv).
# BENCH_DIR: work files and results (default /tmp/tmkit_bench).
# Keeps tm_bench.json (Google Benchmark JSON), tm_bench.time (peak RSS from
# /usr/bin/time -v) and tmdb.txt (translate-toolkit's tmdb on a query subset).
# Environment: TMKIT_BENCH_TMS (real,1M), TMKIT_BENCH_BASELINE_QUERIES (200),
# TMDB_QUERIES (10), TMDB_TIME_LIMIT_S (30).
set -euo pipefail
build=${1:?usage: tm_run.sh BUILD_DIR DATA_DIR [BENCH_DIR]}
data=${2:?usage: tm_run.sh BUILD_DIR DATA_DIR [BENCH_DIR]}
bench_dir=${3:-/tmp/tmkit_bench}
here=$(cd "$(dirname "$0")" && pwd)
[[ -s "$data/en-de.tsv" ]] || "$here/make_gettext_pairs.sh" "$data"
mkdir -p "$bench_dir"
export TMKIT_BENCH_PAIRS="$data/en-de.tsv" TMKIT_BENCH_DIR="$bench_dir"
/usr/bin/time -v -o "$bench_dir/tm_bench.time" "$build/bench/tmkit_tm_bench" \
  --benchmark_out="$bench_dir/tm_bench.json" --benchmark_out_format=json
grep -E "Maximum resident|Elapsed" "$bench_dir/tm_bench.time"
if /usr/bin/python3 -c "import translate.storage.tmdb" 2>/dev/null; then
  /usr/bin/python3 "$here/tm_tmdb_compare.py" "$bench_dir" "${TMDB_QUERIES:-10}" "${TMDB_TIME_LIMIT_S:-30}" | tee "$bench_dir/tmdb.txt"
else
  echo "tm_run: python3-translate not installed; tmdb comparison skipped" >&2
fi
