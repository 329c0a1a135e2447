#!/usr/bin/env bash
# How long `find` takes to list every Markdown file of a folder with its size and modification
# time: what any tool that checks the files pays before it can trust a cache of them.
#
#   scripts/find-baseline.sh DIR
#
# Runs `find DIR -name '*.md' -printf '%s %T@\n' > /dev/null` with a warm page cache (two
# unmeasured runs first), RUNS times (default 5), and prints the best time in milliseconds on
# stdout (a loop timed with `date +%s%N`, as scripts/cat-baseline.sh does without hyperfine).
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
[[ -d $dir ]] || { echo "$0: $dir: no such folder" >&2; exit 2; }
runs=${RUNS:-5}

list() { find "$dir" -name '*.md' -printf '%s %T@\n' > /dev/null; }
list
list
best=
for _ in $(seq "$runs"); do
    t0=$(date +%s%N)
    list
    t=$(( $(date +%s%N) - t0 ))
    if [[ -z $best || $t -lt $best ]]; then best=$t; fi
done
awk -v ns="$best" 'BEGIN { printf "%.1f\n", ns / 1e6 }'
