#!/usr/bin/env bash
# Assembles a large English corpus (default 60 MB) from the documentation
# Debian installs under /usr/share/doc (READMEs, NEWS, changelogs, copyright
# files, text and Markdown manuals; gzip'd ones are decompressed), for
# running bench/segment_bench outside ctest:
#
#   bench/segment_corpus.sh /tmp/en_corpus.txt
#   TMKIT_SEGMENT_CORPUS=/tmp/en_corpus.txt build/bench/tmkit_segment_bench \
#       --benchmark_filter=Corpus
#
# The text is written by the packages' authors: it is fetched here, never
# committed. Files that are not valid UTF-8 are skipped; the set is cycled
# when it is smaller than the target. Usage: segment_corpus.sh OUT [MB]
set -euo pipefail
out=${1:?usage: segment_corpus.sh OUT [MB]}
target_mb=${2:-60}
target=$((target_mb * 1024 * 1024))
doc_root=${TMKIT_DOC_ROOT:-/usr/share/doc}

list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$doc_root" -type f \( -iname 'README*' -o -iname 'NEWS*' -o -iname 'changelog*' -o -name copyright \
  -o -iname '*.txt' -o -iname '*.txt.gz' -o -iname '*.md' -o -iname '*.md.gz' -o -iname 'FAQ*' \
  -o -iname 'TODO*' -o -iname 'AUTHORS*' \) 2>/dev/null | LC_ALL=C sort >"$list"
[ -s "$list" ] || { echo "segment_corpus.sh: no documentation found under $doc_root" >&2; exit 1; }

: >"$out"
size=0
pass=0
while [ "$size" -lt "$target" ]; do
  pass=$((pass + 1))
  while IFS= read -r file; do
    case "$file" in
      *.gz) text=$(zcat -- "$file" 2>/dev/null || true) ;;
      *) text=$(cat -- "$file") ;;
    esac
    # Keep valid UTF-8 only, so the benchmark measures segmentation.
    if printf '%s' "$text" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
      printf '%s\n\n' "$text" >>"$out"
    fi
    size=$(stat -c %s "$out")
    [ "$size" -ge "$target" ] && break
  done <"$list"
  [ "$pass" -ge 50 ] && break
done
echo "segment_corpus.sh: wrote $out ($((size / 1024 / 1024)) MB, $(wc -l <"$list") files, $pass pass(es))" >&2
