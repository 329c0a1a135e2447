#!/usr/bin/env bash
# Issue #15's figures in one go, at each corpus size, against `cat` and `find` of the same files:
#
#   scripts/bench-scale.sh [--sizes 10000,100000] [--runs N] [--dir DIR] [--no-keys] [SRC]
#
# For each size N it makes the corpus DIR/kiji-scale-N (default DIR /tmp; kept and reused when
# it is there with N files) from SRC (default ../shared/corpus/technyan-2025) with
# scripts/make-corpus.sh, then measures, reusing the existing benches and scripts:
#
# - `cat` of every file (scripts/cat-baseline.sh, best of RUNS) and `find -printf '%s %T@'`
#   (scripts/find-baseline.sh, best of RUNS);
# - the reader's start (benches/startup.rs, RUNS cold/warm pairs, `--no-cat`): warm, the
#   whole list on the first frame; cold, the first frame and the whole list;
# - `kiji list`, `kiji tags`, `kiji check` on a warm cache (one unmeasured run first, then
#   RUNS rounds of the three and `cat` by turns, timed with `date +%s%N`: their ratios are to
#   that `cat`; the cache is the one a `kiji list --search` left, whose size is reported too:
#   what the reader keeps for that folder);
# - the reader's peak memory, cold and warm (scripts/peak-memory.sh), over the Markdown bytes;
# - a move (`j`) and a search keystroke through the reader's own backend (benches/keys.rs,
#   criterion groups `keys_slim/next` and `keys_slim/search_en` on the corpus, loaded from
#   disk through an index cache as the reader has it; `--no-keys` leaves them out);
#
# and prints one table (Markdown) with a column per size, kiji's figures as medians with their
# ratio to `cat` and `find`, and the load average at the start and the end. Progress and the
# tools' own output go to stderr; the table to stdout. Builds the release binary and the bench
# binaries first (cargo). A step that fails leaves its cells empty (–) and the rest goes on.
# Needs bash, awk, find, xargs, tmux and GNU time (for peak-memory.sh).
# On a 2-core machine both default sizes take about 10 minutes.
set -euo pipefail

usage() {
    echo "usage: $0 [--sizes N,N...] [--runs N] [--dir DIR] [--no-keys] [SRC]" >&2
    exit 2
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
sizes=10000,100000
runs=5
dir=/tmp
keys=1
src=$repo/../shared/corpus/technyan-2025
while [[ $# -gt 0 ]]; do
    case $1 in
        --sizes) sizes=${2:?}; shift 2 ;;
        --runs) runs=${2:?}; shift 2 ;;
        --dir) dir=${2:?}; shift 2 ;;
        --no-keys) keys=0; shift ;;
        -*) usage ;;
        *) src=$1; shift ;;
    esac
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || usage
[[ -d $src ]] || { echo "$0: $src: no such folder" >&2; exit 2; }
IFS=, read -r -a size_list <<< "$sizes"
for n in "${size_list[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] || usage
done

say() { echo "bench-scale: $*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
load_start=$(load)
started=$SECONDS

cd "$repo"
say "building the release binary and the benches"
cargo build --release --quiet >&2
# `--no-run` prints the bench executables; their names carry a hash.
bench_exe() {
    cargo bench --bench "$1" --no-run --message-format=json 2> /dev/null |
        awk -v want="\"name\":\"$1\"" 'index($0, want) && index($0, "\"executable\":\"") {
            s = substr($0, index($0, "\"executable\":\"") + 14); print substr(s, 1, index(s, "\"") - 1) }' |
        tail -n 1
}
startup=$(bench_exe startup)
[[ -x $startup ]] || { echo "$0: could not build benches/startup.rs" >&2; exit 1; }
if ((keys)); then
    keys_bench=$(bench_exe keys)
    [[ -x $keys_bench ]] || { echo "$0: could not build benches/keys.rs" >&2; exit 1; }
fi
kiji=$repo/target/release/kiji

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Milliseconds of one run of a command, output thrown away.
time_ms() {
    local t0
    t0=$(date +%s%N)
    "$@" > /dev/null 2>&1
    awk -v ns=$(($(date +%s%N) - t0)) 'BEGIN { printf "%.1f\n", ns / 1e6 }'
}
# The median of the numbers on stdin.
median() { sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.1f\n", m }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
# A time in ms, as ms below 10 s, else as s.
human() { awk -v ms="$1" 'BEGIN { if (ms >= 10000) printf "%.1f s", ms / 1000; else if (ms >= 100) printf "%.0f ms", ms; else printf "%.1f ms", ms }'; }
# Criterion's estimate (the middle of `time: [low mid high unit]`) for the id given, in ms.
criterion_ms() {
    awk -v id="$1" '
        $1 == id { found = 1 }
        found && /time:/ {
            sub(/.*\[/, ""); split($0, f, " ")
            v = f[3]; u = f[4]
            if (u == "ns") v /= 1e6; else if (u ~ /^(µs|us)$/) v /= 1e3; else if (u == "s") v *= 1e3
            printf "%.2f\n", v; exit
        }' "$2"
}

declare -A row
rows=()
put() { # put KEY SIZE VALUE
    [[ " ${rows[*]} " == *" $1 "* ]] || rows+=("$1")
    row[$1/$2]=$3
}

for n in "${size_list[@]}"; do
    corpus=$dir/kiji-scale-$n
    have=$( [[ -d $corpus ]] && find "$corpus" -name '*.md' | wc -l || echo 0)
    if [[ $have -ne $n ]]; then
        say "making $corpus ($n articles from $src)"
        rm -rf "$corpus"
        "$here/make-corpus.sh" "$n" "$corpus" "$src" >&2
    fi
    bytes=$(find "$corpus" -name '*.md' -print0 | xargs -0 cat | wc -c)
    put "Markdown" "$n" "$(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')"

    say "$n: cat and find, best of $runs"
    cat_ms=$(RUNS=$runs "$here/cat-baseline.sh" "$corpus" 2> /dev/null)
    find_ms=$(RUNS=$runs "$here/find-baseline.sh" "$corpus")
    put "\`cat\` of the files, best of $runs" "$n" "$(human "$cat_ms")"
    put "\`find -printf '%s %T@'\`, best of $runs" "$n" "$(human "$find_ms")"
    vs() {
        [[ -n $1 ]] || return 0
        echo "$(human "$1") = **$(ratio "$1" "$cat_ms")×** cat, $(ratio "$1" "$find_ms")× find"
    }

    say "$n: the reader's start, $runs cold/warm pairs (benches/startup.rs)"
    # A cold start of 100,000 articles can take longer than the pty harness's 30 s under load.
    KIJI_PTY_TIMEOUT=900 "$startup" "$corpus" --runs "$runs" --no-cat 2>&1 | tee "$work/startup-$n.txt" >&2 ||
        say "$n: benches/startup.rs failed"
    startup_median() { awk -v what="$1" 'index($0, what) == 1 { sub(/.*median +/, ""); print $1 + 0 }' "$work/startup-$n.txt"; }
    put "warm start, whole list on the first frame (median)" "$n" "$(vs "$(startup_median 'warm, text shown')")"
    put "cold start, first frame (median)" "$n" "$(vs "$(startup_median 'cold, first frame')")"
    put "cold start, whole list (median)" "$n" "$(vs "$(startup_median 'cold, text shown')")"

    say "$n: kiji list/tags/check on a warm cache, $runs runs each"
    export XDG_CACHE_HOME=$work/cache-$n XDG_CONFIG_HOME=$work/config XDG_STATE_HOME=$work/state
    "$kiji" list --search zzzzqx "$corpus" > /dev/null 2>&1 || true
    cache_size=$(du -sb "$XDG_CACHE_HOME" | cut -f1)
    put "index cache (\`du\` of the cache folder)" "$n" "$(awk -v b="$cache_size" -v m="$bytes" 'BEGIN { printf "%.0f MB (%.2f× the Markdown)", b / 1e6, b / m }')"
    # Each run times the three and `cat` by turns, so a change in the machine's load meets
    # all four alike; their ratios are to the median of these `cat` runs.
    cat_files() { find "$corpus" -name '*.md' -print0 | xargs -0 cat; }
    for cmd in list tags check; do "$kiji" "$cmd" "$corpus" > /dev/null 2>&1 || true; done
    for _ in $(seq "$runs"); do
        for cmd in list tags check; do
            time_ms "$kiji" "$cmd" "$corpus" >> "$work/$cmd-$n.ms"
        done
        time_ms cat_files >> "$work/cat-$n.ms"
    done
    beside=$(median < "$work/cat-$n.ms")
    put "\`cat\`, by turns with the three below (median)" "$n" "$(human "$beside")"
    for cmd in list tags check; do
        ms=$(median < "$work/$cmd-$n.ms")
        put "\`kiji $cmd\`, warm cache (median)" "$n" "$(human "$ms") = **$(ratio "$ms" "$beside")×** cat, $(ratio "$ms" "$find_ms")× find"
    done
    unset XDG_CACHE_HOME XDG_CONFIG_HOME XDG_STATE_HOME

    say "$n: the reader's peak memory (scripts/peak-memory.sh)"
    TIMEOUT=900 "$here/peak-memory.sh" "$corpus" "$kiji" 2>&1 | tee "$work/peak-$n.txt" >&2 ||
        say "$n: scripts/peak-memory.sh failed"
    peak() { awk -v what="$1" 'index($0, what) == 1 { sub(/.*\(/, ""); mb = $1; sub(/.*= */, ""); printf "%.0f MB = %.2f× the Markdown", mb, $1 }' "$work/peak-$n.txt"; }
    put "reader's peak memory, cold" "$n" "$(peak 'reader, cold')"
    put "reader's peak memory, warm" "$n" "$(peak 'reader, warm')"

    if ((keys)); then
        say "$n: a move and a search keystroke (benches/keys.rs)"
        name=$(basename "$corpus")
        KIJI_CORPUS=$corpus "$keys_bench" --bench "^keys_slim/(next|search_en)/$name\$" 2>&1 |
            tee "$work/keys-$n.txt" >&2 || say "$n: benches/keys.rs failed"
        move=$(criterion_ms "keys_slim/next/$name" "$work/keys-$n.txt")
        search=$(criterion_ms "keys_slim/search_en/$name" "$work/keys-$n.txt")
        put "\`j\` in the list, handled and drawn (mean)" "$n" "${move:+$move ms}"
        put "a search keystroke, handled and drawn (mean)" "$n" "${search:+$search ms}"
    fi
done

header="| |"
rule="|---|"
for n in "${size_list[@]}"; do
    header+=" $(sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<< "$n") articles |"
    rule+="---|"
done
echo "$header"
echo "$rule"
for key in "${rows[@]}"; do
    line="| $key |"
    for n in "${size_list[@]}"; do
        line+=" ${row[$key/$n]:-–} |"
    done
    echo "$line"
done
echo
echo "Load average at the start: $load_start; at the end: $(load). $((SECONDS - started)) s in all; $(nproc) cores."
