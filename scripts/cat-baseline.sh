#!/usr/bin/env bash
# How long plain `cat` takes to read every Markdown file of a folder: the floor for any tool that
# has to read them all.
#
#   scripts/cat-baseline.sh DIR
#
# Runs `find DIR -name '*.md' -print0 | xargs -0 cat > /dev/null` with a warm page cache (two
# unmeasured runs first), RUNS times (default 5), and prints the best time in milliseconds on
# stdout; details go to stderr. Uses hyperfine when installed (its shell-spawn correction applies),
# else a loop timed with `date +%s%N`.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
[[ -d $dir ]] || { echo "$0: $dir: no such folder" >&2; exit 2; }
runs=${RUNS:-5}

files=$(find "$dir" -name '*.md' | wc -l)
bytes=$(find "$dir" -name '*.md' -print0 | xargs -0 cat | wc -c)
cmd="find $(printf '%q' "$dir") -name '*.md' -print0 | xargs -0 cat > /dev/null"

if command -v hyperfine > /dev/null; then
    tool=hyperfine
    csv=$(mktemp)
    trap 'rm -f "$csv"' EXIT
    hyperfine --style none --warmup 2 --runs "$runs" --export-csv "$csv" "$cmd" > /dev/null
    # Columns: command,mean,stddev,median,user,system,min,max (seconds); the command may be quoted
    # and hold commas, so count from the end.
    ms=$(tail -n 1 "$csv" | awk -F, '{ printf "%.1f", $(NF - 1) * 1000 }')
else
    tool="date +%s%N loop"
    best=
    for i in $(seq 1 $((runs + 2))); do
        start=$(date +%s%N)
        bash -c "$cmd"
        end=$(date +%s%N)
        t=$((end - start))
        # The first two runs only warm the cache.
        if [[ $i -gt 2 ]] && [[ -z $best || $t -lt $best ]]; then best=$t; fi
    done
    ms=$(awk -v ns="$best" 'BEGIN { printf "%.1f", ns / 1e6 }')
fi

echo "cat baseline: $files files, $bytes bytes in $dir; best of $runs, warm cache ($tool): $ms ms" >&2
echo "$ms"
