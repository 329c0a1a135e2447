#!/usr/bin/env bash
# Build a benchmark corpus of N articles by repeating the Markdown files of a source folder.
#
#   scripts/make-corpus.sh N OUT_DIR [SOURCE_DIR]
#
# SOURCE_DIR defaults to the repository's `articles/` (e.g. pass ../shared/corpus/technyan-2025
# for the larger real articles). File number j (0-based, sources in byte order) is a copy of
# source file j mod S, written to OUT_DIR/cNNNNN/<its relative path> with NNNNN = j div S, so
# every path (and article id) is distinct and ja/en pairs stay together. The first `title:` line
# of each front matter gets ` (#NNNNN+1)` appended inside the value (inside the quotes when quoted;
# `#` after `(` is not a YAML comment), so titles differ and sorting has real work to do.
#
# Deterministic: the same N and source give byte-identical output. OUT_DIR must be absent or
# empty. Uses only bash, coreutils, find, xargs and awk; 10,000 files take about a second.
set -euo pipefail

usage() {
    echo "usage: $0 N OUT_DIR [SOURCE_DIR]" >&2
    exit 2
}

[[ $# -ge 2 && $# -le 3 ]] || usage
n=$1
out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=${3:-$here/../articles}

[[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || { echo "$0: N must be a positive integer" >&2; exit 2; }
[[ -d $src ]] || { echo "$0: $src: no such folder" >&2; exit 2; }
if [[ -e $out ]] && [[ -n $(ls -A "$out" 2>/dev/null) ]]; then
    echo "$0: $out exists and is not empty; remove it first" >&2
    exit 2
fi

export LC_ALL=C
src=$(cd "$src" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# Source files, relative to src, in byte order.
list=$(mktemp)
trap 'rm -f "$list"' EXIT
(cd "$src" && find . -type f -name '*.md' ! -path '*/.*' | sed 's|^\./||' | sort) > "$list"
count=$(wc -l < "$list")
[[ $count -gt 0 ]] || { echo "$0: no .md files under $src" >&2; exit 2; }

# Make every folder first (one mkdir per few thousand folders), then write all files from one awk.
awk -v n="$n" -v out="$out" '
    { rel[NR - 1] = $0 }
    END {
        s = NR
        for (j = 0; j < n; j++) {
            d = sprintf("%s/c%05d/%s", out, int(j / s), rel[j % s])
            sub(/\/[^\/]*$/, "", d)
            if (!(d in seen)) { seen[d] = 1; print d }
        }
    }' "$list" | xargs -d '\n' mkdir -p

awk -v n="$n" -v out="$out" -v src="$src" '
    # Append `suffix` to the value of a `title:` line, keeping quotes and any trailing comment.
    function retitle(line, suffix,    key, v, q, i, c, rest, cr) {
        cr = ""
        if (line ~ /\r$/) { cr = "\r"; line = substr(line, 1, length(line) - 1) }
        match(line, /^title:[ \t]*/)
        key = substr(line, 1, RLENGTH)
        v = substr(line, RLENGTH + 1)
        if (v == "" || v ~ /^[|>]/) return line cr
        q = substr(v, 1, 1)
        if (q == "\"" || q == "\047") {
            # Find the closing quote (backslash escapes in "...", doubled quotes in '"'"'...'"'"').
            for (i = 2; i <= length(v); i++) {
                c = substr(v, i, 1)
                if (q == "\"" && c == "\\") { i++; continue }
                if (c == q) {
                    if (q == "\047" && substr(v, i + 1, 1) == q) { i++; continue }
                    return key substr(v, 1, i - 1) suffix substr(v, i) cr
                }
            }
            return line cr
        }
        # Plain scalar: insert before a " #" comment, else at the end (minus trailing blanks).
        i = index(v, " #")
        if (i > 0) { rest = substr(v, i); v = substr(v, 1, i - 1) } else rest = ""
        sub(/[ \t]+$/, "", v)
        return key v suffix rest cr
    }
    { rel[NR - 1] = $0 }
    END {
        s = NR
        for (k = 0; k < s; k++) {
            f = src "/" rel[k]
            m = 0
            while ((getline l < f) > 0) body[k, ++m] = l
            close(f)
            lines[k] = m
        }
        for (j = 0; j < n; j++) {
            k = j % s
            copy = int(j / s)
            path = sprintf("%s/c%05d/%s", out, copy, rel[k])
            suffix = sprintf(" (#%d)", copy + 1)
            fm = (lines[k] > 0 && body[k, 1] ~ /^---[ \t\r]*$/)
            done = 0
            for (i = 1; i <= lines[k]; i++) {
                l = body[k, i]
                if (fm && !done && i > 1) {
                    if (l ~ /^(---|\.\.\.)[ \t\r]*$/) done = 1
                    else if (l ~ /^title:/) { l = retitle(l, suffix); done = 1 }
                }
                print l > path
            }
            close(path)
        }
    }' "$list"

echo "$n articles in $out (from $count files in $src)" >&2
