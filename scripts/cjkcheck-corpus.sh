#!/usr/bin/env bash
# Judge `kiji show --plain` on every Japanese article of a folder with the team's outside
# checker (../shared/tools/cjkcheck.py, needs `pip install wcwidth pyyaml`), at widths 20, 40
# and 72. Prints one line per failure and a total per width.
#
#   scripts/cjkcheck-corpus.sh [DIR] [CHECKER]
set -euo pipefail
dir=${1:-../shared/corpus/technyan-2025}
checker=${2:-../shared/tools/cjkcheck.py}
kiji=${KIJI:-target/release/kiji}
[ -x "$kiji" ] || cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for width in 20 40 72; do
  files=0 failed=0 over=0 kstart=0 kend=0 splits=0 dropped=0 lines=0
  while IFS= read -r -d '' file; do
    grep -q '^locale: *"\?ja' "$file" || continue
    files=$((files + 1))
    "$kiji" show --plain --width "$width" "$file" > "$tmp/out.txt"
    if ! summary=$(python3 "$checker" "$width" "$tmp/out.txt" "$file" 2> "$tmp/err.txt"); then
      failed=$((failed + 1)); status=1
      echo "FAIL width=$width $file: $summary"; sed 's/^/    /' "$tmp/err.txt"
    fi
    for kv in $summary; do
      k=${kv%%=*} v=${kv#*=}
      case $k in
        lines) lines=$((lines + v));; over) over=$((over + v));; kinsoku_start) kstart=$((kstart + v));;
        kinsoku_end) kend=$((kend + v));; word_splits) splits=$((splits + v));; dropped) dropped=$((dropped + v));;
      esac
    done
  done < <(find "$dir" -name '*.md' -print0 | sort -z)
  echo "width=$width files=$files failed=$failed lines=$lines over=$over kinsoku_start=$kstart kinsoku_end=$kend word_splits=$splits dropped=$dropped"
done
exit $status
