#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each for a
# while. Findings land in build-fuzz/findings/<name>/; copy a minimised one
# into tests/data/fuzz/<name>/ with a name saying what it found, fix the bug,
# and the replay ctest keeps it fixed.
#
#   tests/fuzz/run_fuzzers.sh [SECONDS_EACH] [NAME...]
#
# Needs clang-14 and libclang-rt-14-dev (Debian).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=()
  for f in tests/fuzz/*_fuzz.cpp; do names+=("$(basename "$f" _fuzz.cpp)"); done
fi
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DTMKIT_FUZZ=ON -DTMKIT_SANITIZE=address,undefined >/dev/null
targets=()
for name in "${names[@]}"; do targets+=("tmkit_${name}_fuzz"); done
cmake --build build-fuzz -j2 --target "${targets[@]}"
for name in "${names[@]}"; do
  corpus=build-fuzz/corpus/$name findings=build-fuzz/findings/$name
  mkdir -p "$corpus" "$findings"
  dict=tests/fuzz/$name.dict
  echo "== $name: ${seconds}s"
  build-fuzz/tests/tmkit_${name}_fuzz "$corpus" "tests/data/fuzz/$name" \
    -max_total_time="$seconds" -artifact_prefix="$findings/" -print_final_stats=1 \
    $([ -f "$dict" ] && echo "-dict=$dict") 2>&1 | tail -12
done
