#!/usr/bin/env bash
# English text none of us wrote, with sentence boundaries none of us chose:
# the test files of the Go package golang-gopkg-neurosnap-sentences.v1-dev
# (22 news, essay and paper excerpts, each with the boundaries that
# project's Punkt tokenizer is expected to give). Fetched into a cache
# folder (never the repository) and compared with `tmkit segment --lang en`.
#
#   bench/eval/segment_agreement.sh TMKIT [CACHE] [-v]
#
# Read the result as agreement, not accuracy: the reference is a
# statistical tokenizer's output, not a human's. It breaks after every
# "F.B.I." ("the F.B.I. / is trying"), and merges sentences across
# paragraphs, where tmkit never crosses a blank line. With -v every
# disagreement is listed, which is how real errors are found.
set -euo pipefail
tmkit=${1:?usage: segment_agreement.sh TMKIT [CACHE] [-v]}
cache=${2:-${TMKIT_EVAL_DATA:-$HOME/.cache/tmkit-eval}}
verbose=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
package=golang-gopkg-neurosnap-sentences.v1-dev
dir=$cache/neurosnap-sentences
if [ ! -d "$dir/x" ]; then
  mkdir -p "$dir"
  (cd "$dir" && apt-get download "$package" >/dev/null 2>&1 && dpkg-deb -x ./*.deb x)
fi
files=$(find "$dir/x" -type d -path '*test_files/english' | head -1)
python3 "$here/segment_agreement.py" "$files" "$tmkit" $verbose
